// SPDX-License-Identifier: GPL-3.0-or-later
// The letters: every kind in every language against its expected text, with full facts and with
// almost none; the .eml parsed back as a mail program would; placeholders never left behind.
#include "dns/DnsResolver.h"
#include "ipcheck/GenericPtrClassifier.h"
#include "letter/Letter.h"
#include "letter/LetterTemplate.h"
#include "mail/MimeParser.h"
#include "util/Localized.h"

#include "GoldenFile.h"

#include <QFile>
#include <QRegularExpression>
#include <QTest>
#include <QTimeZone>
#include <QUrl>

using namespace bd;

Q_DECLARE_METATYPE(bd::ForwardRecord)

namespace {

// The language of a data row's code ("en", "zh_CN").
Language language(const QString &code)
{
    return languageFromCode(code).value();
}

// The seed case: iRedMail behind a China Telecom Guangdong line, blocked by Trend Micro.
LetterFacts seedFacts(const QString &lang, const QString &kind = QStringLiteral("isp-static-rdns"))
{
    LetterFacts f;
    f.ip = QStringLiteral("113.98.228.10");
    const QString ptr = QStringLiteral("10.228.98.113.broad.sz.gd.dynamic.163data.com.cn");
    f.setPtr(ptr, GenericPtrClassifier::builtIn().genericReasons(ptr, f.ip, language(lang)));
    f.domain = QStringLiteral("example.com");
    f.isp = QStringLiteral("CHINANET-GD");
    f.range = QStringLiteral("113.96.0.0/12");
    f.netname = QStringLiteral("CHINANET-GD");
    f.asn = QStringLiteral("AS4134");
    f.to = kind == u"recipient-allowlist" ? QStringLiteral("postmaster@iag.org")
                                          : QStringLiteral("abuse_gdnoc@189.cn");
    f.fromEmail = QStringLiteral("postmaster@example.com");
    f.fromName = QStringLiteral("Li Wei");
    f.org = QStringLiteral("Example Trading Co.");
    f.recipientDomain = QStringLiteral("iag.org");
    f.listing = QStringLiteral("Trend Micro RBL+");
    BounceEvidence e;
    e.recipientDomain = QStringLiteral("iag.org");
    e.receiver = QStringLiteral("in.sjc.mx.trendmicro.com");
    e.code = QStringLiteral("550 5.7.1");
    e.text = QStringLiteral("Service unavailable; Client host [113.98.228.10] blocked using "
                            "Trend Micro RBL+.");
    e.date = QStringLiteral("2014-06-03");
    f.evidence << e;
    return f;
}

LetterFacts bareFacts()
{
    LetterFacts f;
    f.ip = QStringLiteral("192.0.2.25");
    return f;
}

// A resolver that answers from a table at once (from the event loop, as a real one does).
class TableResolver : public DnsResolver
{
public:
    QHash<QString, DnsResult> answers; // by "name/type"; missing: timeout

    static QString key(const QString &name, DnsType type)
    {
        return name + u'/' + QString::number(int(type));
    }
    void startLookup(const QString &name, DnsType type, Callback callback) override
    {
        DnsResult r = answers.value(key(name, type));
        if (!answers.contains(key(name, type)))
            r.status = DnsStatus::Timeout;
        QMetaObject::invokeMethod(
                this, [r, callback] { callback(r); }, Qt::QueuedConnection);
    }
    void cancelAll() override { }
    int pending() const override { return 0; }

    void answer(const QString &name, DnsType type, DnsStatus status, const QStringList &data = {})
    {
        DnsResult r;
        r.status = status;
        for (const QString &d : status == DnsStatus::Answer ? data : QStringList())
            r.records << DnsRecord {name, type, 300, d, 0};
        answers.insert(key(name, type), r);
    }
};

ForwardRecord forward(const QString &name, bool checked, const QStringList &addresses)
{
    ForwardRecord r;
    r.name = name;
    r.checked = checked;
    r.addresses = addresses;
    return r;
}

} // namespace

class TstLetters : public QObject
{
    Q_OBJECT
private slots:
    void golden_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("lang");
        QTest::addColumn<bool>("bare");
        for (const QString &kind : Letter::kinds()) {
            for (const QString &lang : {QStringLiteral("en"), QStringLiteral("zh_CN")}) {
                for (const bool bare : {false, true})
                    QTest::addRow(
                            "%s.%s%s", qPrintable(kind), qPrintable(lang), bare ? ".bare" : "")
                            << kind << lang << bare;
            }
        }
    }
    // BD_UPDATE_GOLDEN=1 rewrites tests/data/letters/; read the diff like a letter before
    // committing it.
    void golden()
    {
        QFETCH(QString, kind);
        QFETCH(QString, lang);
        QFETCH(bool, bare);
        QString error;
        QStringList unfilled;
        const auto letter = Letter::draft(kind, bare ? bareFacts() : seedFacts(lang, kind),
                language(lang), &error, &unfilled);
        QVERIFY2(letter, qPrintable(error));
        QVERIFY2(unfilled.isEmpty(), qPrintable(unfilled.join(u' ')));
        const QString text = letter->toText();
        QVERIFY(!text.contains(u"{{"));
        QVERIFY(!text.contains(u"}}"));
        QVERIFY(!text.contains(u"\n\n\n"));
        const QString path = QStringLiteral(BD_TEST_DATA "/letters/%1.%2%3.txt")
                                     .arg(kind, lang, bare ? QStringLiteral(".bare") : QString());
        QCOMPARE(text, goldenText(path, text));
    }

    // What the issue asks each letter to carry, checked by content rather than by eye.
    void ispLetterCarriesTheCase()
    {
        QString error;
        const auto l = Letter::draft(QStringLiteral("isp-static-rdns"),
                seedFacts(QStringLiteral("en")), Language::English, &error);
        QVERIFY(l);
        QCOMPARE(l->to, QStringLiteral("abuse_gdnoc@189.cn"));
        for (const char *needle : {
                     "10.228.98.113.broad.sz.gd.dynamic.163data.com.cn", // current PTR
                     "embeds the IP", // why it reads as dynamic
                     "mail.example.com.  IN  A  113.98.228.10", // the matching A record
                     "statically assigned in WHOIS", "dul@mail-abuse.com", "abuse@ or postmaster@",
                     "in.sjc.mx.trendmicro.com: 550 5.7.1", "2014-06-03", // the evidence
                     "AS4134", "Li Wei"}) // the sender's contact
            QVERIFY2(l->body.contains(QLatin1StringView(needle)), needle);
        // The Chinese letter to a Chinese ISP carries the English text for Trend Micro.
        const auto zh = Letter::draft(QStringLiteral("isp-static-rdns"),
                seedFacts(QStringLiteral("zh_CN")), Language::SimplifiedChinese, &error);
        QVERIFY(zh->body.contains(u"反向解析"));
        QVERIFY(zh->body.contains(u"Please remove 113.98.228.10 from the Dynamic User List."));
        // Issue 17: the DUL text goes to the ISP, which sends it on; Trend Micro acts only on
        // mail from the owner of the IP space, so it is never addressed for the admin to send.
        const auto dul = Letter::draft(QStringLiteral("isp-dul-delist"),
                seedFacts(QStringLiteral("en")), Language::English, &error);
        QVERIFY(dul->to.isEmpty());
        QVERIFY(dul->body.contains(u"Do not send it to Trend Micro yourself"));
    }

    // Issue 15: "The forward record already points back" only when the wanted name's A record
    // was looked up, with a trusted resolver, and holds the IP; otherwise the letter asks the
    // admin to publish it first, and says what DNS showed.
    void forwardRecordClaimedOnlyWhenChecked_data()
    {
        QTest::addColumn<QString>("lang");
        QTest::addColumn<QString>("ip");
        QTest::addColumn<ForwardRecord>("record");
        QTest::addColumn<bool>("confirmed");
        QTest::addColumn<QString>("said"); // what the note says DNS showed
        const QString name = u"mail.example.com"_qs;
        QTest::newRow("not looked up")
                << "en"
                << "113.98.228.10" << ForwardRecord {} << false << "could not look it up";
        QTest::newRow("untrusted resolver")
                << "en"
                << "113.98.228.10" << forward(name, false, {}) << false << "could not look it up";
        QTest::newRow("no address") << "en"
                                    << "113.98.228.10" << forward(name, true, {}) << false
                                    << "Today mail.example.com has no address.";
        QTest::newRow("points elsewhere")
                << "en"
                << "113.98.228.10" << forward(name, true, {u"198.51.100.7"_qs}) << false
                << "Today mail.example.com points to 198.51.100.7, not to 113.98.228.10.";
        QTest::newRow("another name looked up")
                << "en"
                << "113.98.228.10" << forward(u"smtp.example.com"_qs, true, {u"113.98.228.10"_qs})
                << false << "could not look it up";
        QTest::newRow("confirmed")
                << "en"
                << "113.98.228.10" << forward(name, true, {u"198.51.100.7"_qs, u"113.98.228.10"_qs})
                << true << "";
        QTest::newRow("IPv6, confirmed")
                << "en"
                << "2001:db8::25" << forward(name, true, {u"2001:db8:0:0::25"_qs}) << true << "";
        QTest::newRow("Chinese, not looked up")
                << "zh_CN"
                << "113.98.228.10" << ForwardRecord {} << false << "未能查询到";
        QTest::newRow("Chinese, confirmed")
                << "zh_CN"
                << "113.98.228.10" << forward(name, true, {u"113.98.228.10"_qs}) << true << "";
    }
    void forwardRecordClaimedOnlyWhenChecked()
    {
        QFETCH(QString, lang);
        QFETCH(QString, ip);
        QFETCH(ForwardRecord, record);
        QFETCH(bool, confirmed);
        QFETCH(QString, said);
        LetterFacts f = seedFacts(lang);
        f.ip = ip;
        f.ptrWantedForward = record;
        QCOMPARE(f.ptrWantedConfirmed(), confirmed);
        QString error;
        QStringList unfilled;
        const auto l = Letter::draft(u"isp-static-rdns"_qs, f, language(lang), &error, &unfilled);
        QVERIFY2(l, qPrintable(error));
        QVERIFY2(unfilled.isEmpty(), qPrintable(unfilled.join(u' ')));
        const bool zh = lang == u"zh_CN";
        const QString type = ip.contains(u':') ? u"AAAA"_qs : u"A"_qs;
        const QString rr = u"mail.example.com.  IN  "_qs + type + u"  "_qs + ip;
        const QString claim =
                zh ? u"我司已添加以下"_qs : u"The forward record already points back"_qs;
        const QString publish = zh ? u"请先在你域名的 DNS 中添加正向记录“"_qs + rr + u"”"_qs
                                   : u"publish the forward record \""_qs + rr + u"\""_qs;
        QCOMPARE(l->body.contains(claim), confirmed);
        QVERIFY2(l->body.contains(publish) != confirmed, qPrintable(l->body));
        QVERIFY(l->body.contains(rr));
        if (!said.isEmpty())
            QVERIFY2(l->body.contains(said), qPrintable(l->body));
        // The DUL text the admin forwards says so too, in its note to the admin.
        const auto dul = Letter::draft(u"isp-dul-delist"_qs, f, language(lang), &error);
        QVERIFY(dul);
        QCOMPARE(dul->body.contains(zh ? u"转发前请注意"_qs : u"[Before you forward it"_qs),
                !confirmed);
    }

    // The lookup behind it: A and AAAA through the resolver the user chose, believed only when
    // that resolver answers the root zone and both answers are real ones.
    void forwardRecordLookup_data()
    {
        QTest::addColumn<int>("root"); // DnsStatus of the root NS probe
        QTest::addColumn<int>("a");
        QTest::addColumn<int>("aaaa");
        QTest::addColumn<bool>("checked");
        QTest::addColumn<bool>("pointsTo");
        const auto S = [](DnsStatus s) { return int(s); };
        QTest::newRow("A holds the IP") << S(DnsStatus::Answer) << S(DnsStatus::Answer)
                                        << S(DnsStatus::NoData) << true << true;
        QTest::newRow("no such name") << S(DnsStatus::Answer) << S(DnsStatus::NxDomain)
                                      << S(DnsStatus::NxDomain) << true << false;
        QTest::newRow("resolver fails the root probe")
                << S(DnsStatus::NxDomain) << S(DnsStatus::Answer) << S(DnsStatus::NoData) << false
                << false;
        QTest::newRow("root probe times out") << S(DnsStatus::Timeout) << S(DnsStatus::Answer)
                                              << S(DnsStatus::NoData) << false << false;
        QTest::newRow("AAAA times out") << S(DnsStatus::Answer) << S(DnsStatus::Answer)
                                        << S(DnsStatus::Timeout) << false << false;
        QTest::newRow("A refused") << S(DnsStatus::Answer) << S(DnsStatus::Refused)
                                   << S(DnsStatus::NoData) << false << false;
    }
    void forwardRecordLookup()
    {
        QFETCH(int, root);
        QFETCH(int, a);
        QFETCH(int, aaaa);
        QFETCH(bool, checked);
        QFETCH(bool, pointsTo);
        TableResolver resolver;
        resolver.answer(u"."_qs, DnsType::NS, DnsStatus(root), {u"a.root-servers.net"_qs});
        resolver.answer(u"mail.example.com"_qs, DnsType::A, DnsStatus(a), {u"113.98.228.10"_qs});
        resolver.answer(u"mail.example.com"_qs, DnsType::AAAA, DnsStatus(aaaa));
        const ForwardRecord r = lookUpForwardRecordNow(&resolver, u"Mail.Example.com."_qs);
        QCOMPARE(r.name, u"mail.example.com"_qs);
        QCOMPARE(r.checked, checked);
        QCOMPARE(r.pointsTo(u"mail.example.com"_qs, u"113.98.228.10"_qs), pointsTo);
        QVERIFY(!r.pointsTo(u"mail.example.com"_qs, u"113.98.228.11"_qs));
    }

    // Issue 15: a letter never calls the registry's allocation (113.96.0.0/12, a million
    // mostly-broadband addresses) static: it names the IP, or the customer's own assignment.
    void registryRangeIsNeverCalledStatic_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("lang");
        QTest::addColumn<QString>("assignment");
        for (const char *kind : {"isp-static-rdns", "isp-dul-delist"}) {
            for (const char *lang : {"en", "zh_CN"}) {
                QTest::addRow("%s.%s", kind, lang)
                        << QString::fromLatin1(kind) << QString::fromLatin1(lang) << QString();
                QTest::addRow("%s.%s, assignment", kind, lang) << QString::fromLatin1(
                        kind) << QString::fromLatin1(lang) << u"113.98.228.8/29"_qs;
            }
        }
    }
    void registryRangeIsNeverCalledStatic()
    {
        QFETCH(QString, kind);
        QFETCH(QString, lang);
        QFETCH(QString, assignment);
        LetterFacts f = seedFacts(lang);
        f.assignment = assignment;
        QString error;
        const auto l = Letter::draft(kind, f, language(lang), &error);
        QVERIFY(l);
        // Every sentence that says "static" names the IP or the assignment, not the /12.
        static const QRegularExpression sentence(
                QStringLiteral(R"((?<=[.;:])\s+|(?<=[。；：])|\n)"));
        for (const QString &s : QString(l->subject + u'\n' + l->body).split(sentence)) {
            if (s.contains(u"static", Qt::CaseInsensitive) || s.contains(u"静态")
                    || s.contains(u"固定"))
                QVERIFY2(!s.contains(u"113.96.0.0/12"), qPrintable(s));
        }
        for (const char *wrong : {"range that contains", "包含 113.98.228.10 的网段",
                     "the range is marked", "(or 113.96.0.0/12)", "（或 113.96.0.0/12）"})
            QVERIFY2(!l->body.contains(QString::fromUtf8(wrong)), wrong);
        QVERIFY(!l->subject.contains(u"113.96.0.0/12"));
        if (!assignment.isEmpty()) {
            QVERIFY2(l->body.contains(assignment), qPrintable(l->body));
            if (kind == u"isp-dul-delist")
                QVERIFY(l->subject.contains(u"113.98.228.10 (113.98.228.8/29)"));
        }
        // The owner of the range is still named as its owner.
        if (kind == u"isp-dul-delist")
            QVERIFY(l->body.contains(u"the registered holder of the IP space 113.96.0.0/12"));
        // An assignment that does not hold the IP is no help: the letter names the IP alone.
        f.assignment = u"10.0.0.0/29"_qs;
        const auto other = Letter::draft(kind, f, language(lang), &error);
        QVERIFY(!other->body.contains(u"10.0.0.0/29"));
    }

    // Issue 15: the allowlist letter to a recipient's admin quotes only the bounces of that
    // recipient's domain, never another correspondent's.
    void allowlistQuotesOnlyItsDomain()
    {
        LetterFacts f = seedFacts(u"en"_qs, u"recipient-allowlist"_qs);
        BounceEvidence other;
        other.recipientDomain = u"wsplastic.com.au"_qs;
        other.receiver = u"mx.wsplastic.com.au"_qs;
        other.code = u"554"_qs;
        other.text = u"Rejected: 113.98.228.10 listed at Trend Micro DUL"_qs;
        other.date = u"2014-06-04"_qs;
        f.evidence << other;
        QString error;
        const auto iag = Letter::draft(u"recipient-allowlist"_qs, f, Language::English, &error);
        QVERIFY(iag->body.contains(u"in.sjc.mx.trendmicro.com"));
        QVERIFY2(!iag->body.contains(u"wsplastic"), qPrintable(iag->body));
        f.recipientDomain = u"WSPlastic.com.au"_qs;
        const auto ws = Letter::draft(u"recipient-allowlist"_qs, f, Language::English, &error);
        QVERIFY(ws->body.contains(u"mx.wsplastic.com.au"));
        QVERIFY(!ws->body.contains(u"iag.org"));
        QVERIFY(!ws->body.contains(u"in.sjc.mx.trendmicro.com"));
        // The ISP hears about every refusal of its IP.
        const auto isp = Letter::draft(u"isp-static-rdns"_qs, f, Language::English, &error);
        QVERIFY(isp->body.contains(u"mx.wsplastic.com.au"));
        QVERIFY(isp->body.contains(u"in.sjc.mx.trendmicro.com"));
    }

    // Issue 15: templates substitute in one pass. A value that holds "{name}" or "{{name}}" (a
    // relay's reply, a user's name) stays as written and never changes the text around it.
    void substitutionIsOnePass()
    {
        // Two values that each name the other: any replace-one-name-after-another order breaks.
        QCOMPARE(fillPlaceholders(u"reply: {reply} | host: {host} | {unknown} {"_qs,
                         {{u"reply"_qs, u"550 {host} says {{reply}}"_qs},
                                 {u"host"_qs, u"{reply}.example"_qs}}),
                u"reply: 550 {host} says {{reply}} | host: {reply}.example | {unknown} {"_qs);
        QCOMPARE(fillPlaceholders(u"{a}{b}"_qs, {{u"a"_qs, u"{"_qs}, {u"b"_qs, u"b}"_qs}}),
                u"{b}"_qs);
        QCOMPARE(LetterTemplate::render(u"{{x}} and {{y}}"_qs,
                         {{u"x"_qs, u"{{y}} {{#y}}"_qs}, {u"y"_qs, u"{{x}}"_qs}}, nullptr),
                u"{{y}} {{#y}} and {{x}}"_qs);
        LetterFacts f = seedFacts(u"en"_qs);
        f.org = u"{{ip}} {ip} {{#to}}x{{/to}}"_qs;
        f.fromName = u"{{appendix_dul}}"_qs;
        QString error;
        const auto l = Letter::draft(u"isp-static-rdns"_qs, f, Language::English, &error);
        QVERIFY(l->body.contains(u"We are your customer {{ip}} {ip} {{#to}}x{{/to}} and run"));
        QVERIFY(l->body.contains(u"\n{{appendix_dul}}\n"));
        QCOMPARE(l->body.count(u"---- Draft for dul@mail-abuse.com ----"), 1);
    }

    // A diagnostic that starts with its own code is quoted without saying the code twice.
    void codeSaidOnce()
    {
        LetterFacts f = bareFacts();
        f.recipientDomain = u"example.org"_qs;
        f.evidence << BounceEvidence {u"mx.example.org"_qs, u"550 5.7.1"_qs,
                u"550 5.7.1 Service unavailable"_qs, QString(), u"example.org"_qs};
        QString error;
        const auto l = Letter::draft(u"recipient-allowlist"_qs, f, Language::English, &error);
        QVERIFY(l->body.contains(u"   - mx.example.org: \"550 5.7.1 Service unavailable\""));
    }

    // Issue 17: the English text the ISP forwards to Trend Micro reads as English mail from a
    // network operator: capitalised after the salutation, "network" said once, no Chinese
    // characters (an org written in Chinese becomes its Latin name or a gap to fill in), the
    // same placeholder as the Chinese letter around it, and never addressed to Trend Micro.
    void dulTextAsTrendMicroReadsIt_data()
    {
        QTest::addColumn<QString>("lang");
        QTest::addColumn<QString>("isp");
        QTest::addColumn<QString>("org");
        QTest::addColumn<QString>("orgLatin");
        QTest::addColumn<QString>("domain");
        QTest::addColumn<QString>("customer"); // how the English text names the customer
        // The review's case: the registry's org name ends in "network".
        const QString chinanet = u"CHINANET Guangdong province network"_qs;
        const QString gap = u"[your company's name in English or pinyin]"_qs;
        for (const char *lang : {"en", "zh_CN"}) {
            const QString l = QString::fromLatin1(lang);
            QTest::addRow("%s, Latin org", lang)
                    << l << chinanet << u"Example Trading Co."_qs << QString() << u"example.com"_qs
                    << u"Example Trading Co."_qs;
            QTest::addRow("%s, Chinese org", lang) << l << chinanet << u"深圳华信塑胶有限公司"_qs
                                                   << QString() << u"szhuaxin.com.cn"_qs << gap;
            QTest::addRow("%s, Chinese org with its English name", lang)
                    << l << chinanet << u"深圳华信塑胶有限公司"_qs
                    << u"Shenzhen Huaxin Plastics Co., Ltd."_qs << u"szhuaxin.com.cn"_qs
                    << u"Shenzhen Huaxin Plastics Co., Ltd."_qs;
            QTest::addRow("%s, nothing known", lang)
                    << l << QString() << QString() << QString() << QString() << gap;
        }
    }
    void dulTextAsTrendMicroReadsIt()
    {
        QFETCH(QString, lang);
        QFETCH(QString, isp);
        QFETCH(QString, org);
        QFETCH(QString, orgLatin);
        QFETCH(QString, domain);
        QFETCH(QString, customer);
        LetterFacts f = seedFacts(lang);
        f.isp = isp;
        f.org = org;
        f.orgLatin = orgLatin;
        f.domain = domain;
        static const QRegularExpression han(QStringLiteral(R"(\p{Han}|[，。：；（）【】“”])"));
        QString error;
        const auto dul = Letter::draft(u"isp-dul-delist"_qs, f, language(lang), &error);
        QVERIFY2(dul, qPrintable(error));
        QVERIFY(dul->to.isEmpty());
        const auto isp_ = Letter::draft(u"isp-static-rdns"_qs, f, language(lang), &error);
        QVERIFY(isp_);
        const QString marker = lang == u"en" ? u"---- Draft for dul@mail-abuse.com ----\n"_qs
                                             : u"（由运营商发送）----\n"_qs;
        QVERIFY2(isp_->body.contains(marker), qPrintable(isp_->body));
        const QString appendix = isp_->body.section(marker, 1);
        const QString standalone = dul->body.mid(dul->body.indexOf(u"Dear "));
        for (const QString &text : {standalone, appendix.mid(appendix.indexOf(u"Dear "))}) {
            QVERIFY2(text.startsWith(
                             u"Dear Trend Micro Email Reputation Services team,\n\nWe are "_qs),
                    qPrintable(text));
            QVERIFY2(!text.contains(u"network network", Qt::CaseInsensitive), qPrintable(text));
            QVERIFY2(!han.match(text).hasMatch(), qPrintable(han.match(text).captured()));
            QVERIFY2(text.contains(u"our business customer "_qs + customer + u", which runs"_qs),
                    qPrintable(text));
            QVERIFY(text.contains(isp.isEmpty() ? u"[the network's name]"_qs : isp));
            QVERIFY(text.contains(u"Please remove 113.98.228.10 from the Dynamic User List."));
        }
        QVERIFY(!han.match(dul->subject).hasMatch());
        // A gap to fill in is pointed out to the admin, in the admin's language.
        const bool gapLeft = customer.startsWith(u'[');
        QCOMPARE(dul->body.contains(lang == u"en" ? u"Replace \"[your company's name"_qs
                                                  : u"公司名称的方括号处填上"_qs),
                gapLeft);
        // One placeholder for the unknown domain, the same in both parts of the letter.
        if (domain.isEmpty()) {
            const QString own = lang == u"en" ? u"mail.[your domain]"_qs : u"mail.【你的域名】"_qs;
            QVERIFY2(isp_->body.section(marker, 0, 0).contains(own), qPrintable(isp_->body));
            QVERIFY(appendix.contains(u"mail.[your domain]"));
        }
    }

    // Issue 17: a Chinese ISP sets a fixed IP's PTR on a written, stamped request to the
    // account manager or the business service line; the WHOIS abuse mailbox takes spam
    // complaints only. The Chinese letter is that request, and the WHOIS and Trend Micro parts
    // are optional so the PTR is not refused over them.
    void chineseIspLetterIsAnApplication_data()
    {
        QTest::addColumn<bool>("bare");
        QTest::newRow("seed case") << false;
        QTest::newRow("nothing known") << true;
    }
    void chineseIspLetterIsAnApplication()
    {
        QFETCH(bool, bare);
        const LetterFacts f = bare ? bareFacts() : seedFacts(u"zh_CN"_qs);
        QString error;
        const auto l = Letter::draft(u"isp-static-rdns"_qs, f, Language::SimplifiedChinese, &error);
        QVERIFY2(l, qPrintable(error));
        QVERIFY2(l->to.isEmpty(), qPrintable(l->to));
        QVERIFY(l->subject.startsWith(u"关于为我司专线固定 IP "_qs + f.ip));
        const QString letter = l->body.section(u"---- 附："_qs, 0, 0);
        for (const QString &needle :
                {u"10000"_qs, u"10010"_qs, u"盖章"_qs, u"只处理垃圾邮件投诉，不受理反向解析申请"_qs,
                        u"\n尊敬的客户经理／政企客户服务中心：\n"_qs,
                        u"专线号／电路编号：【请填写】"_qs, u"\n联系电话：【请填写】\n"_qs,
                        u"\n此致\n敬礼！\n"_qs, u"\n申请单位（盖章）："_qs,
                        u"\n日期：　　　　年　　月　　日"_qs, u"（可选，不影响第一项的办理）"_qs,
                        u"请不要自己发送"_qs})
            QVERIFY2(letter.contains(needle), qPrintable(needle + u"\n---\n"_qs + letter));
        QCOMPARE(letter.count(u"（可选，不影响第一项的办理）"_qs), 2);
        // The words a Chinese ISP's staff use, not calques of the English letter.
        for (const QString &calque : {u"网络运维部门"_qs, u"终端用户"_qs, u"权威邮箱"_qs,
                     u"ASN AS"_qs, u"正向确认"_qs, u"我们请求贵方"_qs})
            QVERIFY2(!letter.contains(calque), qPrintable(calque));
        if (bare) {
            QVERIFY(letter.contains(u"联系人：【请填写】"));
            QVERIFY(letter.contains(u"申请单位（盖章）：【请填写】"));
            QVERIFY(letter.contains(u"mail.【你的域名】.  IN  A  192.0.2.25"));
        } else {
            QVERIFY(letter.contains(u"联系人：Li Wei\n"));
            QVERIFY(letter.contains(u"电子邮箱：postmaster@example.com\n"));
            QVERIFY(letter.contains(u"（abuse_gdnoc@189.cn）只处理垃圾邮件投诉"));
            QVERIFY(letter.contains(u"AS 号（AS4134）"));
        }
    }

    // The allowlist letter is for the refusing domain's admin: postmaster@ that domain (RFC 5321
    // §4.5.1), or the admin the user names; never the ISP's contact the facts also hold. The rule
    // is the draft's, so the report, the wizard and the command line address it alike.
    void allowlistLetterGoesToThePostmaster_data()
    {
        QTest::addColumn<QString>("recipientDomain");
        QTest::addColumn<QString>("recipientAdmin");
        QTest::addColumn<QString>("to");
        QTest::newRow("the domain's postmaster") << "iag.org"
                                                 << ""
                                                 << "postmaster@iag.org";
        QTest::newRow("the admin the user names") << "iag.org"
                                                  << "mailadmin@iag.org"
                                                  << "mailadmin@iag.org";
        QTest::newRow("no domain known") << ""
                                         << ""
                                         << "";
    }
    void allowlistLetterGoesToThePostmaster()
    {
        QFETCH(QString, recipientDomain);
        QFETCH(QString, recipientAdmin);
        QFETCH(QString, to);
        LetterFacts f = seedFacts(u"en"_qs);
        QCOMPARE(f.to, u"abuse_gdnoc@189.cn"_qs);
        f.recipientDomain = recipientDomain;
        f.recipientAdmin = recipientAdmin;
        QString error;
        const auto allow = Letter::draft(u"recipient-allowlist"_qs, f, Language::English, &error);
        QVERIFY2(allow, qPrintable(error));
        QCOMPARE(allow->to, to);
        QCOMPARE(allow->toJson().value(u"to").toString(), to);
        QCOMPARE(allow->toJson().value(u"to").isNull(), to.isEmpty());
        const auto isp = Letter::draft(u"isp-static-rdns"_qs, f, Language::English, &error);
        QCOMPARE(isp->to, u"abuse_gdnoc@189.cn"_qs);
    }

    // No owner found: the letter says how to find the ISP instead of leaving a hole.
    void missingFactsAreWordedAround()
    {
        QString error;
        const auto l = Letter::draft(
                QStringLiteral("isp-static-rdns"), bareFacts(), Language::English, &error);
        QVERIFY(l->to.isEmpty());
        QVERIFY(l->body.contains(u"no abuse or NOC address was found for 192.0.2.25"));
        QVERIFY(l->body.contains(u"whois 192.0.2.25"));
        QVERIFY(l->body.contains(u"Current PTR: none"));
        QVERIFY(l->body.contains(u"replace mail.[your domain]"));
        QVERIFY(!l->body.contains(u"We are your customer ,"));
        QVERIFY(!l->body.contains(u"(your network"));
    }

    void templateSyntax_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<QStringList>("unfilled");
        QTest::newRow("value") << "a {{x}} b"
                               << "a 1 b" << QStringList {};
        QTest::newRow("section kept") << "{{#x}}[{{x}}]{{/x}}"
                                      << "[1]" << QStringList {};
        QTest::newRow("section dropped") << "{{#e}}[{{e}}]{{/e}}"
                                         << "" << QStringList {};
        QTest::newRow("inverted") << "{{^e}}none{{/e}}{{^x}}no{{/x}}"
                                  << "none" << QStringList {};
        QTest::newRow("nested") << "{{#x}}a{{#e}}b{{/e}}c{{/x}}"
                                << "ac" << QStringList {};
        QTest::newRow("unknown name") << "a{{nope}}b"
                                      << "ab" << QStringList {u"nope"_qs};
        QTest::newRow("unclosed section") << "{{#x}}a"
                                          << "a" << QStringList {u"unclosed section x"_qs};
        QTest::newRow("lone braces") << "a {{ b"
                                     << "a {{ b" << QStringList {};
    }
    void templateSyntax()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        QFETCH(QStringList, unfilled);
        QStringList missing;
        const QHash<QString, QString> values {{u"x"_qs, u"1"_qs}, {u"e"_qs, QString()}};
        QCOMPARE(LetterTemplate::render(text, values, &missing), expected);
        QCOMPARE(missing, unfilled);
    }

    // The .eml as a mail program reads it: headers decode back to the letter, the body too,
    // every line is short 7-bit text with CRLF, and it opens as a draft.
    void emlParsesBack_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("lang");
        for (const QString &kind : Letter::kinds()) {
            for (const char *lang : {"en", "zh_CN"})
                QTest::addRow("%s.%s", qPrintable(kind), lang) << kind << QString::fromLatin1(lang);
        }
    }
    void emlParsesBack()
    {
        QFETCH(QString, kind);
        QFETCH(QString, lang);
        QString error;
        const auto l = Letter::draft(kind, seedFacts(lang, kind), language(lang), &error);
        QVERIFY(l);
        const QByteArray eml =
                l->toEml(QDateTime(QDate(2026, 11, 27), QTime(20, 30), QTimeZone(8 * 3600)));
        for (const QByteArray &line : eml.split('\n')) {
            QVERIFY2(line.isEmpty() || line.endsWith('\r'), line.constData());
            QVERIFY2(line.size() <= 79, line.constData());
            for (const char c : line)
                QVERIFY(uchar(c) < 0x80);
        }
        const MimePart m = MimeParser::parse(eml);
        QCOMPARE(m.decodedHeader("subject"), l->subject);
        QCOMPARE(m.decodedHeader("to"), l->to);
        QCOMPARE(m.decodedHeader("from"), QStringLiteral("\"Li Wei\" <postmaster@example.com>"));
        QCOMPARE(m.header("date"), QByteArray("Fri, 27 Nov 2026 20:30:00 +0800"));
        QVERIFY(QRegularExpression(QStringLiteral(R"(^<[0-9a-f-]{36}@example\.com>$)"))
                        .match(QString::fromLatin1(m.header("message-id")))
                        .hasMatch());
        QCOMPARE(m.header("mime-version"), QByteArray("1.0"));
        QCOMPARE(m.header("x-unsent"), QByteArray("1"));
        QCOMPARE(m.contentTypeParam("charset").toLower(), QByteArray("utf-8"));
        QCOMPARE(m.text(), l->body);
    }

    void encodedWords_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("ascii") << "Static IP 113.98.228.10";
        QTest::newRow("long ascii")
                << "Static IP 113.98.228.10: please set its reverse DNS to mail.example.com and "
                   "mark it static";
        QTest::newRow("chinese")
                << "固定 IP 113.98.228.10：请将反向解析设置为 mail.example.com 并标注为静态";
        QTest::newRow("emoji across a chunk")
                << QString(QStringLiteral("x").repeated(14) + QStringLiteral("😀").repeated(20));
    }
    void encodedWords()
    {
        QFETCH(QString, text);
        const QByteArray header =
                "From: a@example.com\r\nDate: Fri, 27 Nov 2026 20:30:00 +0800\r\nSubject: "
                + encodeHeaderWords(text) + "\r\n\r\nbody\r\n";
        for (const QByteArray &line : header.split('\n'))
            QVERIFY2(line.size() <= 79, line.constData());
        QCOMPARE(MimeParser::parse(header).decodedHeader("subject"), text);
    }

    // Hostile-findings row 8: CR/LF in a header value became a real Bcc: header, and an address
    // ending in a newline ended the header block.
    void headerInjectionIsRefused_data()
    {
        QTest::addColumn<int>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("message");
        const auto row = [](const char *tag, Letter::HeaderField f, const QString &v,
                                 const char *msg) {
            QTest::newRow(tag) << int(f) << v << QString::fromLatin1(msg);
        };
        row("name CRLF Bcc", Letter::HeaderField::FromName,
                u"Li Ming\r\nBcc: attacker@evil.example"_qs, "control character (U+000D)");
        row("name bare LF", Letter::HeaderField::FromName, u"Li\nBcc: x@evil.example"_qs,
                "control character (U+000A)");
        row("name non-ascii LF", Letter::HeaderField::FromName, u"李明\nBcc: x@evil.example"_qs,
                "control character (U+000A)");
        row("name NEL", Letter::HeaderField::FromName, u"Li\u0085Bcc"_qs,
                "control character (U+0085)");
        row("from trailing LF", Letter::HeaderField::FromEmail, u"postmaster@example.com\n"_qs,
                "control character (U+000A)");
        row("to CRLF", Letter::HeaderField::To, u"abuse@example.net\r\nBcc: x@evil.example"_qs,
                "control character (U+000D)");
        row("to two addresses", Letter::HeaderField::To, u"a@example.net, b@evil.example"_qs,
                "is not a mail address");
        row("subject LF", Letter::HeaderField::Subject, u"Hello\nBcc: x@evil.example"_qs,
                "control character (U+000A)");
        row("subject ESC", Letter::HeaderField::Subject, u"Hello\x1b]0;pwned\x07"_qs,
                "control character (U+001B)");
    }
    void headerInjectionIsRefused()
    {
        QFETCH(int, field);
        QFETCH(QString, value);
        QFETCH(QString, message);
        Letter l;
        l.kind = u"isp-static-rdns"_qs;
        l.lang = Language::English;
        l.fromName = u"Li Wei"_qs;
        l.fromEmail = u"postmaster@example.com"_qs;
        l.to = u"abuse@example.net"_qs;
        l.subject = u"Static IP 113.98.228.10"_qs;
        l.body = u"Body\n"_qs;
        QVERIFY(!l.headerProblem());
        switch (Letter::HeaderField(field)) {
        case Letter::HeaderField::FromName:
            l.fromName = value;
            break;
        case Letter::HeaderField::FromEmail:
            l.fromEmail = value;
            break;
        case Letter::HeaderField::To:
            l.to = value;
            break;
        case Letter::HeaderField::Subject:
            l.subject = value;
            break;
        }
        const auto problem = l.headerProblem();
        QVERIFY(problem);
        QCOMPARE(int(problem->field), field);
        QVERIFY2(problem->message.contains(message), qPrintable(problem->message));
        // A caller that writes the .eml anyway still gets one header block with no new header.
        const QByteArray eml = l.toEml();
        const qsizetype end = eml.indexOf("\r\n\r\n");
        QVERIFY(end > 0);
        const QByteArray head = eml.left(end);
        QVERIFY2(!head.contains("\nBcc") && !head.contains("\rBcc"), head.constData());
        for (const char c : head)
            QVERIFY2(uchar(c) >= 0x20 || c == '\r' || c == '\n' || c == '\t', head.constData());
        const MimePart m = MimeParser::parse(eml);
        QVERIFY(m.header("bcc").isEmpty());
        QCOMPARE(m.header("mime-version"), QByteArray("1.0"));
        QCOMPARE(m.text(), l.body);
    }

    void mailAddresses_data()
    {
        QTest::addColumn<QString>("address");
        QTest::addColumn<bool>("plausible");
        QTest::newRow("plain") << u"postmaster@example.com"_qs << true;
        QTest::newRow("plus and dots") << u"li.wei+dul@mail.example.com.cn"_qs << true;
        QTest::newRow("trailing LF") << u"postmaster@example.com\n"_qs << false;
        QTest::newRow("trailing CRLF") << u"postmaster@example.com\r\n"_qs << false;
        QTest::newRow("leading LF") << u"\npostmaster@example.com"_qs << false;
        QTest::newRow("two") << u"a@example.com,b@example.com"_qs << false;
        QTest::newRow("angle") << u"Li <a@example.com>"_qs << false;
        QTest::newRow("no tld") << u"a@localhost"_qs << false;
        QTest::newRow("tab") << u"a\t@example.com"_qs << false;
    }
    void mailAddresses()
    {
        QFETCH(QString, address);
        QFETCH(bool, plausible);
        QCOMPARE(isPlausibleMailAddress(address), plausible);
    }

    void mailtoFallsBackForLongLetters()
    {
        QString error;
        const auto allow = Letter::draft(
                QStringLiteral("recipient-allowlist"), bareFacts(), Language::English, &error);
        const QString url = allow->mailtoUrl(4000);
        QVERIFY(url.startsWith(u"mailto:?subject="));
        const QUrl parsed(url);
        QVERIFY(parsed.isValid());
        const auto isp = Letter::draft(QStringLiteral("isp-static-rdns"),
                seedFacts(QStringLiteral("en")), Language::English, &error);
        QVERIFY(isp->mailtoUrl().isEmpty()); // too long for a link: the .eml is the way
    }

    void unknownKindOrLanguage()
    {
        QString error;
        QVERIFY(!Letter::draft(
                QStringLiteral("love-letter"), bareFacts(), Language::English, &error));
        QVERIFY(error.contains(u"isp-static-rdns"));
        // A language is a Language inside; a code the program does not speak stops at the edge.
        QVERIFY(!languageFromCode(u"fr"));
    }
};

QTEST_GUILESS_MAIN(TstLetters)
#include "tst_letters.moc"
