// SPDX-License-Identifier: GPL-3.0-or-later
// The diagnosis: which fix paths a case gets, in which order, what the verdict says, and that the
// report formats carry the same facts.
#include "report/Diagnosis.h"
#include "report/DiagnosisReport.h"
#include "util/Localized.h"

#include <QJsonDocument>
#include <QTest>

using namespace bd;

namespace {

QJsonObject recipient(
        const char *category, const char *listing, const char *listingName, const char *blockedIp)
{
    QJsonObject r;
    r.insert(u"recipient", QStringLiteral("someone@example.org"));
    r.insert(u"remote_host", QStringLiteral("mx.example.org"));
    r.insert(u"reply_code", 550);
    r.insert(u"status", QStringLiteral("5.7.1"));
    r.insert(u"diagnostic", QStringLiteral("Client host blocked"));
    r.insert(u"category", QString::fromLatin1(category));
    r.insert(u"listing", listing ? QJsonValue(QString::fromLatin1(listing)) : QJsonValue());
    r.insert(u"listing_name",
            listingName ? QJsonValue(QString::fromLatin1(listingName)) : QJsonValue());
    r.insert(u"blocked_ip", blockedIp ? QJsonValue(QString::fromLatin1(blockedIp)) : QJsonValue());
    r.insert(u"permanent", true);
    r.insert(u"delist_url", QStringLiteral("https://lists.example/removal"));
    return r;
}

QJsonArray messagesWith(const QJsonObject &r, const char *mentionedListing = nullptr)
{
    QJsonObject m;
    m.insert(u"is_bounce", true);
    m.insert(u"date", QStringLiteral("Tue, 3 Jun 2014 10:00:00 +0800"));
    m.insert(u"recipients", QJsonArray {r});
    if (mentionedListing)
        m.insert(u"mentions",
                QJsonArray {QJsonObject {
                        {QStringLiteral("listing"), QString::fromLatin1(mentionedListing)},
                        {QStringLiteral("ip"), r.value(u"blocked_ip")}}});
    return QJsonArray {m};
}

// A DNSBL answer with its codes, as the checker writes it.
QJsonObject withDnsbl(QJsonObject check, const char *zone, const char *code, const char *listing)
{
    QJsonObject z;
    z.insert(u"zone", QString::fromLatin1(zone));
    z.insert(u"name", QString::fromLatin1(zone));
    z.insert(u"status", QStringLiteral("listed"));
    z.insert(u"codes", QJsonArray {QString::fromLatin1(code)});
    z.insert(u"listing", QString::fromLatin1(listing));
    z.insert(u"meaning", QStringLiteral("listed"));
    check.insert(u"dnsbl", QJsonArray {z});
    return check;
}

QJsonObject check(const char *ip, const QStringList &ptrNames, const char *verdict,
        bool forwardConfirmed, const char *listedZone = nullptr, const char *spf = nullptr)
{
    QJsonObject ptr;
    ptr.insert(u"status", ptrNames.isEmpty() ? QStringLiteral("none") : QStringLiteral("ok"));
    ptr.insert(u"names", QJsonArray::fromStringList(ptrNames));
    ptr.insert(u"forward_confirmed", forwardConfirmed);
    QJsonObject generic;
    generic.insert(u"verdict", QString::fromLatin1(verdict));
    generic.insert(u"reasons", QJsonArray {QStringLiteral("the name embeds the IP")});
    QJsonArray dnsbl;
    if (listedZone) {
        QJsonObject z;
        z.insert(u"zone", QString::fromLatin1(listedZone));
        z.insert(u"name", QString::fromLatin1(listedZone));
        z.insert(u"status", QStringLiteral("listed"));
        z.insert(u"meaning", QStringLiteral("listed"));
        z.insert(u"delist_url", QStringLiteral("https://removal.example/"));
        dnsbl << z;
    }
    QJsonObject c;
    c.insert(u"ip", QString::fromLatin1(ip));
    c.insert(u"ptr", ptr);
    c.insert(u"generic_ptr", generic);
    c.insert(u"dnsbl", dnsbl);
    if (spf) {
        QJsonObject s;
        s.insert(u"result", QString::fromLatin1(spf));
        QJsonObject d;
        d.insert(u"name", QStringLiteral("example.com"));
        d.insert(u"spf", s);
        d.insert(u"dmarc", QJsonObject {{QStringLiteral("record"), QJsonValue()}});
        c.insert(u"domain", d);
    }
    QJsonObject owner;
    owner.insert(u"org", QStringLiteral("CHINANET-GD"));
    owner.insert(u"range", QStringLiteral("113.96.0.0/12"));
    owner.insert(u"abuse_emails", QJsonArray {QStringLiteral("abuse_gdnoc@189.cn")});
    c.insert(u"owner", owner);
    return c;
}

// The bounces and checks above as the core hands them to Diagnosis: the contract's JSON read back.
QList<MessageReport> reports(const QJsonArray &messages)
{
    QList<MessageReport> out;
    for (const QJsonValue &m : messages) {
        const QJsonObject message = m.toObject();
        MessageReport report;
        report.isBounce = message.value(u"is_bounce").toBool();
        report.date = message.value(u"date").toString();
        for (const QJsonValue &v : message.value(u"recipients").toArray()) {
            const QJsonObject o = v.toObject();
            RecipientReport r;
            r.recipient = o.value(u"recipient").toString();
            r.remoteHost = o.value(u"remote_host").toString();
            if (o.value(u"reply_code").isDouble())
                r.replyCode = o.value(u"reply_code").toInt();
            r.status = o.value(u"status").toString();
            r.diagnostic = o.value(u"diagnostic").toString();
            r.category = categoryFromId(o.value(u"category").toString()).value();
            r.listing = o.value(u"listing").toString();
            r.listingName = o.value(u"listing_name").toString();
            r.blockedIp = o.value(u"blocked_ip").toString();
            r.permanent = o.value(u"permanent").toBool();
            r.delistUrl = o.value(u"delist_url").toString();
            report.recipients << r;
        }
        for (const QJsonValue &v : message.value(u"mentions").toArray())
            report.mentions << ListingMention {v.toObject().value(u"listing").toString(),
                    v.toObject().value(u"ip").toString(), false, {}};
        out << report;
    }
    return out;
}

Diagnosis diagnose(const QJsonArray &messages, const QJsonArray &checks,
        const Diagnosis::Sender &sender, const QString &lang)
{
    QList<IpCheckResult> typed;
    for (const QJsonValue &c : checks)
        typed << IpCheckResult::fromJson(c.toObject());
    return Diagnosis(reports(messages), typed, sender, languageFromCode(lang).value());
}

} // namespace

class TstDiagnosis : public QObject
{
    Q_OBJECT
private slots:
    void paths_data()
    {
        QTest::addColumn<QJsonArray>("messages");
        QTest::addColumn<QJsonArray>("checks");
        QTest::addColumn<QStringList>("paths");
        QTest::addColumn<QString>("verdict"); // a phrase of the verdict

        QTest::newRow("the seed: Trend Micro, generic PTR")
                << messagesWith(recipient(
                           "ip-blocklist", "trendmicro-rbl", "Trend Micro RBL+", "113.98.228.10"))
                << QJsonArray {check("113.98.228.10",
                           {u"10.228.98.113.broad.sz.gd.dynamic.163data.com.cn"_qs}, "generic",
                           true)}
                << QStringList {u"relay-via-isp"_qs, u"isp-rdns"_qs, u"recipient-allowlist"_qs,
                           u"delist"_qs}
                << "looks like an end-user line";
        QTest::newRow("Spamhaus PBL, no PTR")
                << messagesWith(
                           recipient("dynamic-ip", "spamhaus-pbl", "Spamhaus PBL", "192.0.2.25"))
                << QJsonArray {check("192.0.2.25", {}, "none", false)}
                << QStringList {u"relay-via-isp"_qs, u"isp-rdns"_qs, u"recipient-allowlist"_qs}
                << "has no reverse DNS name";
        QTest::newRow("reputation only, good PTR")
                << messagesWith(recipient("ip-blocklist", "spamcop", "SpamCop", "198.51.100.7"))
                << QJsonArray {check("198.51.100.7", {u"mail.example.com"_qs}, "specific", true,
                           "bl.spamcop.net")}
                << QStringList {u"recipient-allowlist"_qs, u"delist"_qs} << "looks like a server's";
        QTest::newRow("PTR not forward-confirmed, SPF fail")
                << messagesWith(recipient("authentication", nullptr, nullptr, nullptr))
                << QJsonArray {check("198.51.100.8", {u"mail.example.com"_qs}, "specific", false,
                           nullptr, "fail")}
                << QStringList {u"isp-rdns"_qs, u"spf-dmarc"_qs} << "does not resolve back";
        QTest::newRow("rate limited only")
                << messagesWith(recipient("rate-limit", nullptr, nullptr, nullptr)) << QJsonArray {}
                << QStringList {u"slow-down"_qs} << "do not say that an IP was refused";
        // Issue 15: "fix the cause, then ask for removal" only when a reputation list is
        // involved; a dynamic-address list (DUL, PBL) lists what the address is, not what it sent.
        QTest::newRow("RBL+ that Trend Micro says is the DUL")
                << messagesWith(recipient("ip-blocklist", "trendmicro-rbl", "Trend Micro RBL+",
                                        "113.98.228.10"),
                           "trendmicro-dul")
                << QJsonArray {check("113.98.228.10",
                           {u"10.228.98.113.broad.sz.gd.dynamic.163data.com.cn"_qs}, "generic",
                           true)}
                << QStringList {u"relay-via-isp"_qs, u"isp-rdns"_qs, u"recipient-allowlist"_qs}
                << "at least one of them because it reads as a dynamic";
        QTest::newRow("ZEN answers PBL only")
                << messagesWith(recipient("ip-blocklist", "spamhaus", "Spamhaus", "192.0.2.25"))
                << QJsonArray {withDnsbl(
                           check("192.0.2.25", {u"mail.example.com"_qs}, "specific", true),
                           "zen.spamhaus.org", "127.0.0.11", "spamhaus-pbl")}
                << QStringList {u"relay-via-isp"_qs, u"isp-rdns"_qs, u"recipient-allowlist"_qs}
                << "refuse mail from 192.0.2.25";
        QTest::newRow("ZEN answers XBL")
                << messagesWith(recipient("ip-blocklist", "spamhaus", "Spamhaus", "192.0.2.25"))
                << QJsonArray {withDnsbl(
                           check("192.0.2.25", {u"mail.example.com"_qs}, "specific", true),
                           "zen.spamhaus.org", "127.0.0.4", "spamhaus-xbl")}
                << QStringList {u"recipient-allowlist"_qs, u"delist"_qs} << "on Spamhaus";
        QTest::newRow("SpamRATS Dyna only, no bounce names a list")
                << messagesWith(recipient("dynamic-ip", nullptr, nullptr, "192.0.2.25"))
                << QJsonArray {withDnsbl(
                           check("192.0.2.25", {u"mail.example.com"_qs}, "specific", true),
                           "all.spamrats.com", "127.0.0.36", "spamrats")}
                << QStringList {u"relay-via-isp"_qs, u"isp-rdns"_qs, u"recipient-allowlist"_qs}
                << "all.spamrats.com";
        QTest::newRow("a provider's own reputation verdict")
                << messagesWith(recipient("ip-reputation", "microsoft", "Microsoft", "192.0.2.25"))
                << QJsonArray {check("192.0.2.25", {u"mail.example.com"_qs}, "specific", true)}
                << QStringList {u"recipient-allowlist"_qs, u"delist"_qs} << "on Microsoft";
        QTest::newRow("masked IP, not checked")
                << messagesWith(recipient(
                           "ip-blocklist", "trendmicro-rbl", "Trend Micro RBL+", "113.98.228.***"))
                << QJsonArray {}
                << QStringList {u"relay-via-isp"_qs, u"recipient-allowlist"_qs, u"delist"_qs}
                << "give the real one";
    }
    void paths()
    {
        QFETCH(QJsonArray, messages);
        QFETCH(QJsonArray, checks);
        QFETCH(QStringList, paths);
        QFETCH(QString, verdict);
        Diagnosis::Sender sender;
        sender.domain = QStringLiteral("example.com");
        const Diagnosis d = diagnose(messages, checks, sender, QStringLiteral("en"));
        QStringList ids;
        for (const Diagnosis::FixPath &p : d.fixPaths())
            ids << p.id;
        QCOMPARE(ids, paths);
        QVERIFY2(d.verdicts().join(u' ').contains(verdict), qPrintable(d.verdicts().join(u'\n')));
        // Every path that promises a letter has it, drafted without holes.
        for (const Diagnosis::FixPath &p : d.fixPaths()) {
            for (const Letter &l : p.letters) {
                QVERIFY(!l.body.contains(u"{{"));
                if (l.kind == u"isp-static-rdns" && !checks.isEmpty())
                    QCOMPARE(l.to, QStringLiteral("abuse_gdnoc@189.cn"));
                if (l.kind == u"recipient-allowlist")
                    QCOMPARE(l.to, QStringLiteral("postmaster@example.org"));
            }
        }
    }

    // The fact the delist path rests on is in the report's facts, for whoever reads the JSON.
    void reputationFact()
    {
        const Diagnosis dul = diagnose(messagesWith(recipient("ip-blocklist", "trendmicro-rbl",
                                                            "Trend Micro RBL+", "113.98.228.10"),
                                               "trendmicro-dul"),
                {}, {}, u"en"_qs);
        QVERIFY(!dul.facts().contains(u"reputation:listed"_qs));
        const Diagnosis rbl = diagnose(messagesWith(recipient("ip-blocklist", "trendmicro-rbl",
                                               "Trend Micro RBL+", "113.98.228.10")),
                {}, {}, u"en"_qs);
        QVERIFY(rbl.facts().contains(u"reputation:listed"_qs));
        QVERIFY(rbl.toJson().value(u"facts").toArray().contains(u"reputation:listed"_qs));
    }

    // Issue 15: the allowlist letter to a recipient's admin quotes only the bounces of that
    // recipient's domain; each refusing domain gets its own letter.
    void allowlistLetterPerDomain()
    {
        QJsonObject iag =
                recipient("ip-blocklist", "trendmicro-rbl", "Trend Micro RBL+", "113.98.228.10");
        iag.insert(u"recipient", u"JSoria@iag.example"_qs);
        iag.insert(u"remote_host", u"in.sjc.mx.trendmicro.com"_qs);
        iag.insert(u"diagnostic", u"Service unavailable; Client host [113.98.228.10] blocked"_qs);
        QJsonObject ws = iag;
        ws.insert(u"recipient", u"Bing.Cao@wsplastic.example"_qs);
        ws.insert(u"remote_host", u"mx.wsplastic.example"_qs);
        ws.insert(u"diagnostic", u"Rejected by the gateway of wsplastic"_qs);
        QJsonArray messages = messagesWith(iag);
        messages << messagesWith(ws).first();
        const Diagnosis d = diagnose(messages,
                QJsonArray {check("113.98.228.10", {u"mail.example.com"_qs}, "specific", true)}, {},
                u"en"_qs);
        QList<Letter> allow;
        QList<Letter> isp;
        for (const Diagnosis::FixPath &p : d.fixPaths()) {
            for (const Letter &l : p.letters)
                (l.kind == u"recipient-allowlist" ? allow : isp) << l;
        }
        QCOMPARE(allow.size(), 2);
        QCOMPARE(allow.at(0).to, u"postmaster@iag.example"_qs);
        QVERIFY(allow.at(0).body.contains(u"in.sjc.mx.trendmicro.com"));
        QVERIFY2(!allow.at(0).body.contains(u"wsplastic"), qPrintable(allow.at(0).body));
        QCOMPARE(allow.at(1).to, u"postmaster@wsplastic.example"_qs);
        QVERIFY(allow.at(1).body.contains(u"Rejected by the gateway of wsplastic"));
        QVERIFY(!allow.at(1).body.contains(u"trendmicro"));
        QVERIFY(!allow.at(1).body.contains(u"iag"));
        // The report tells the two letters apart by whom they go to, not by a repeated subject.
        const QString md = DiagnosisReport(d).toMarkdown();
        QVERIFY2(md.contains(u"Letter to postmaster@iag.example: "), qPrintable(md));
        QVERIFY2(md.contains(u"Letter to postmaster@wsplastic.example: "), qPrintable(md));
    }

    // Issue 15: the ISP letter says the wanted name already points back only when whoever
    // drafts looked it up, through a resolver the check trusted, and it holds the IP.
    void forwardRecordOnlyWhenLookedUp_data()
    {
        QTest::addColumn<bool>("lookedUp");
        QTest::addColumn<bool>("resolverTrusted");
        QTest::addColumn<bool>("claimed");
        QTest::newRow("not looked up") << false << true << false;
        QTest::newRow("looked up") << true << true << true;
        QTest::newRow("looked up, the check's resolver failed its probe") << true << false << false;
    }
    void forwardRecordOnlyWhenLookedUp()
    {
        QFETCH(bool, lookedUp);
        QFETCH(bool, resolverTrusted);
        QFETCH(bool, claimed);
        QJsonObject c = check("113.98.228.10",
                {u"10.228.98.113.broad.sz.gd.dynamic.163data.com.cn"_qs}, "generic", true);
        c.insert(u"resolver",
                QJsonObject {{QStringLiteral("trusted"), resolverTrusted},
                        {QStringLiteral("problem"),
                                resolverTrusted ? QJsonValue() : QJsonValue(u"broken"_qs)}});
        Diagnosis::Sender sender;
        sender.domain = u"example.com"_qs;
        if (lookedUp) {
            sender.ptrWantedForward.name = u"mail.example.com"_qs;
            sender.ptrWantedForward.checked = true;
            sender.ptrWantedForward.addresses = {u"113.98.228.10"_qs};
        }
        const Diagnosis d = diagnose(messagesWith(recipient("dynamic-ip", "trendmicro-dul",
                                             "Trend Micro DUL", "113.98.228.10")),
                QJsonArray {c}, sender, u"en"_qs);
        QCOMPARE(d.letterFacts().ptrWantedConfirmed(), claimed);
        bool found = false;
        for (const Diagnosis::FixPath &p : d.fixPaths()) {
            for (const Letter &l : p.letters) {
                if (l.kind != u"isp-static-rdns")
                    continue;
                found = true;
                QCOMPARE(l.body.contains(u"The forward record already points back"), claimed);
                QCOMPARE(l.body.contains(u"publish the forward record \"mail.example.com.  IN  A  "
                                         "113.98.228.10\""),
                        !claimed);
            }
        }
        QVERIFY(found);
    }

    // Issue 15: one-pass substitution. A PTR name or a reason that holds "{name}" (from DNS, or
    // a session file) stays as written in the verdict.
    void placeholdersInValuesStayLiteral()
    {
        QJsonObject c = check("113.98.228.10", {u"a{reasons}.example"_qs}, "generic", true);
        QJsonObject generic = c.value(u"generic_ptr").toObject();
        generic.insert(u"reasons", QJsonArray {u"b{ptr}"_qs});
        c.insert(u"generic_ptr", generic);
        const Diagnosis d = diagnose(messagesWith(recipient("dynamic-ip", "trendmicro-dul",
                                             "Trend Micro DUL", "113.98.228.10")),
                QJsonArray {c}, {}, u"en"_qs);
        QVERIFY2(d.verdicts().contains(
                         u"Its reverse DNS name a{reasons}.example looks like an end-user line: "
                         "b{ptr}."_qs),
                qPrintable(d.verdicts().join(u'\n')));
    }

    // Issue 18: one place chooses the marks between the parts of a text the code puts together:
    // full-width in Chinese (any "zh" tag), ASCII with a space otherwise.
    void punctuationFollowsTheLanguage_data()
    {
        QTest::addColumn<QString>("lang");
        QTest::addColumn<QString>("joined");
        QTest::newRow("en") << u"en"_qs << u"a: b; c, d, e (f)"_qs;
        QTest::newRow("zh_CN") << u"zh_CN"_qs << u"a：b；c，d、e（f）"_qs;
        QTest::newRow("zh") << u"zh"_qs << u"a：b；c，d、e（f）"_qs;
        QTest::newRow("fr") << u"fr"_qs << u"a: b; c, d, e (f)"_qs;
    }
    void punctuationFollowsTheLanguage()
    {
        QFETCH(QString, lang);
        QFETCH(QString, joined);
        const Punctuation &p = Punctuation::of(nearestLanguage(lang));
        QCOMPARE(u"a"_qs + p.colon + u"b"_qs + p.semicolon + u"c"_qs + p.comma + u"d"_qs
                        + p.enumeration + u"e"_qs + p.parenthesized(u"f"_qs),
                joined);
    }

    // The three formats say the same: every verdict line and every path title is in each.
    void formatsAgree_data()
    {
        QTest::addColumn<QString>("lang");
        QTest::newRow("en") << "en";
        QTest::newRow("zh_CN") << "zh_CN";
    }
    void formatsAgree()
    {
        QFETCH(QString, lang);
        const Diagnosis d = diagnose(messagesWith(recipient("ip-blocklist", "trendmicro-rbl",
                                             "Trend Micro RBL+", "113.98.228.10")),
                QJsonArray {check("113.98.228.10",
                        {u"10.228.98.113.broad.sz.gd.dynamic.163data.com.cn"_qs}, "generic", true,
                        "zen.spamhaus.org", "none")},
                {}, lang);
        Diagnosis withRelay = d;
        RelayTestResult relay;
        relay.result = RelayResult::AuthFailed;
        relay.title = QStringLiteral("Login refused");
        relay.explanation = QStringLiteral("The relay refused the user name or password");
        relay.transcript << RelayTestResult::Line {'C', QStringLiteral("AUTH PLAIN <redacted>"), 0};
        withRelay.setRelayTest(relay);
        QVERIFY(DiagnosisReport(withRelay).toMarkdown().contains(u" -> AUTH PLAIN <redacted>"));
        QVERIFY(DiagnosisReport(withRelay).toHtml().contains(
                u"The relay refused the user name or password"));
        QCOMPARE(withRelay.toJson().value(u"relay_test").toObject().value(u"result").toString(),
                QStringLiteral("auth-failed"));
        QVERIFY(d.toJson().value(u"relay_test").isNull());
        const QString md = DiagnosisReport(d).toMarkdown();
        const QString html = DiagnosisReport(d).toHtml();
        const QJsonObject json = d.toJson();
        const QString jsonText = QString::fromUtf8(QJsonDocument(json).toJson());
        for (const QString &v : d.verdicts()) {
            QVERIFY(md.contains(v));
            QVERIFY(html.contains(v.toHtmlEscaped()));
        }
        for (const Diagnosis::FixPath &p : d.fixPaths()) {
            QVERIFY(md.contains(p.title));
            QVERIFY(html.contains(p.title.toHtmlEscaped()));
            QVERIFY(jsonText.contains(p.title));
        }
        QVERIFY(html.startsWith(u"<!DOCTYPE html>"));
        // Self-contained: readable offline, nothing fetched.
        for (const char *remote : {"<script", "<link", "src=", "@import", "url("})
            QVERIFY2(!html.contains(QLatin1StringView(remote)), remote);
        QCOMPARE(json.value(u"fix_paths").toArray().first().toObject().value(u"rank").toInt(), 1);
        QCOMPARE(json.value(u"letters").toArray().size(), 2);
        // Each removal page comes with what that list wants done first.
        const QJsonObject trend = json.value(u"delist_pages").toArray().first().toObject();
        QCOMPARE(trend.value(u"url").toString(), QStringLiteral("https://lists.example/removal"));
        QVERIFY(trend.value(u"advice").toString().contains(u"ERS"));
        QVERIFY(md.contains(u"| someone@example.org | mx.example.org | 550 5.7.1 |"));
    }

    // "When to check again" follows from what was found: the relay at once, a DNS list once
    // its answer's TTL has run out after the removal, a web-only list on its own page.
    void whenToCheckAgain_data()
    {
        QTest::addColumn<int>("ttl");
        QTest::addColumn<QString>("lang");
        QTest::addColumn<QString>("time");
        QTest::newRow("900 s") << 900 << "en"
                               << "15 minutes";
        QTest::newRow("3600 s") << 3600 << "en"
                                << "1 hour";
        QTest::newRow("3601 s") << 3601 << "en"
                                << "61 minutes";
        QTest::newRow("21600 s") << 21600 << "en"
                                 << "6 hours";
        QTest::newRow("259200 s") << 259200 << "en"
                                  << "3 days";
        QTest::newRow("3600 s, Chinese") << 3600 << "zh_CN"
                                         << "1 小时";
        QTest::newRow("no TTL") << 0 << "en"
                                << "";
    }
    void whenToCheckAgain()
    {
        QFETCH(int, ttl);
        QFETCH(QString, lang);
        QFETCH(QString, time);
        QJsonObject c =
                check("113.98.228.10", {u"10.228.98.113.broad.sz.gd.dynamic.163data.com.cn"_qs},
                        "generic", true, "zen.spamhaus.org");
        QJsonArray dnsbl = c.value(u"dnsbl").toArray();
        QJsonObject zen = dnsbl.first().toObject();
        zen.insert(u"name", QStringLiteral("Spamhaus ZEN"));
        zen.insert(u"ttl_s", ttl ? QJsonValue(ttl) : QJsonValue());
        dnsbl[0] = zen;
        c.insert(u"dnsbl", dnsbl);
        c.insert(u"not_queryable",
                QJsonArray {
                        QJsonObject {{QStringLiteral("name"), QStringLiteral("Trend Micro ERS")},
                                {QStringLiteral("lookup_url"),
                                        QStringLiteral("https://ers.example/?ip=113.98.228.10")}}});
        const Diagnosis d = diagnose(messagesWith(recipient("ip-blocklist", "trendmicro-rbl",
                                             "Trend Micro RBL+", "113.98.228.10")),
                QJsonArray {c}, {}, lang);
        const QString md = DiagnosisReport(d).toMarkdown();
        QVERIFY(md.contains(
                lang == u"en" ? u"### When to check again"_qs : u"### 何时再次检查"_qs));
        if (lang == u"en") {
            QVERIFY(md.contains(u"As soon as the relay test passes"));
            QVERIFY(md.contains(u"Trend Micro ERS cannot be asked over DNS"));
            QVERIFY(md.contains(u"https://ers.example/?ip=113.98.228.10"));
        }
        if (time.isEmpty()) {
            QVERIFY(!md.contains(u"resolvers keep its answer"));
        } else {
            QVERIFY2(md.contains(u"Spamhaus ZEN") && md.contains(time), qPrintable(md));
            QVERIFY(DiagnosisReport(d).toHtml().contains(time));
        }
    }

    // Issue 15: a check through a resolver that failed its root probe gives no "no PTR", no
    // SPF finding or path, no "Current PTR: none" in the letter; the report says the lists gave
    // no usable answer instead of "not listed on the other 0 lists".
    void untrustedResolverYieldsNoFindings_data()
    {
        QTest::addColumn<QString>("lang");
        QTest::addColumn<QString>("listsUnknown");
        QTest::addColumn<QString>("ptrUnknown");
        QTest::newRow("en") << "en"
                            << "None of the 2 lists asked gave a usable answer"
                            << "Current PTR: not known";
        QTest::newRow("zh_CN") << "zh_CN"
                               << "被查询的 2 个列表都没有给出可用的应答"
                               << "当前的反向解析未能查到";
    }
    void untrustedResolverYieldsNoFindings()
    {
        QFETCH(QString, lang);
        QFETCH(QString, listsUnknown);
        QFETCH(QString, ptrUnknown);
        QJsonObject c = check("113.98.228.10", {}, "none", false, nullptr, "none");
        QJsonObject ptr = c.value(u"ptr").toObject();
        ptr.insert(u"status", QStringLiteral("error"));
        c.insert(u"ptr", ptr);
        const QString problem = QStringLiteral(
                "The DNS server 127.0.0.1:5353 answers NXDOMAIN (no such name) even for the root "
                "zone of the DNS");
        c.insert(u"resolver",
                QJsonObject {{QStringLiteral("server"), QStringLiteral("127.0.0.1:5353")},
                        {QStringLiteral("trusted"), false}, {QStringLiteral("problem"), problem}});
        QJsonArray dnsbl;
        for (const char *zone : {"zen.spamhaus.org", "bl.spamcop.net"})
            dnsbl << QJsonObject {{QStringLiteral("zone"), QString::fromLatin1(zone)},
                    {QStringLiteral("status"), QStringLiteral("error")},
                    {QStringLiteral("meaning"), problem}};
        c.insert(u"dnsbl", dnsbl);
        Diagnosis::Sender sender;
        sender.domain = QStringLiteral("example.com");
        const Diagnosis d = diagnose(messagesWith(recipient("ip-blocklist", "trendmicro-rbl",
                                                          "Trend Micro RBL+", "113.98.228.10"),
                                             "trendmicro-dul"),
                {c}, sender, lang);
        QVERIFY(d.facts().contains(u"resolver:untrusted"_qs));
        QVERIFY(!d.facts().contains(u"ptr:none"_qs));
        QVERIFY(std::none_of(d.facts().cbegin(), d.facts().cend(),
                [](const QString &f) { return f.startsWith(u"spf:") || f.startsWith(u"dmarc:"); }));
        QVERIFY2(d.verdicts().contains(problem), qPrintable(d.verdicts().join(u'\n')));
        for (const Diagnosis::FixPath &p : d.fixPaths())
            QVERIFY2(p.id != u"spf-dmarc", "a path that rests on an unknown SPF record");
        const QString md = DiagnosisReport(d).toMarkdown();
        QVERIFY2(md.contains(listsUnknown), qPrintable(md));
        QVERIFY(!md.contains(u"other 0 lists"));
        bool sawIspLetter = false;
        for (const Diagnosis::FixPath &p : d.fixPaths()) {
            for (const Letter &l : p.letters) {
                if (l.kind != u"isp-static-rdns")
                    continue;
                sawIspLetter = true;
                QVERIFY2(l.body.contains(ptrUnknown), qPrintable(l.body));
            }
        }
        QVERIFY(sawIspLetter);
    }
};

QTEST_GUILESS_MAIN(TstDiagnosis)
#include "tst_diagnosis.moc"
