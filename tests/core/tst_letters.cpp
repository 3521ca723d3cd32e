// SPDX-License-Identifier: GPL-3.0-or-later
// The letters: every kind in every language against its expected text, with full facts and with
// almost none; the .eml parsed back as a mail program would; placeholders never left behind.
#include "bounce/BounceReport.h"
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

namespace {

// The seed case: iRedMail behind a China Telecom Guangdong line, blocked by Trend Micro.
LetterFacts seedFacts(const QString &lang, const QString &kind = QStringLiteral("isp-static-rdns"))
{
    LetterFacts f;
    f.ip = QStringLiteral("113.98.228.10");
    f.setPtr(QStringLiteral("10.228.98.113.broad.sz.gd.dynamic.163data.com.cn"), lang);
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
    RecipientReport r;
    r.recipient = QStringLiteral("JSoria@iag.org");
    r.remoteHost = QStringLiteral("in.sjc.mx.trendmicro.com");
    r.replyCode = 550;
    r.status = QStringLiteral("5.7.1");
    r.diagnostic = QStringLiteral("Service unavailable; Client host [113.98.228.10] blocked using "
                                  "Trend Micro RBL+.");
    f.addBounce(r, QStringLiteral("2014-06-03"));
    return f;
}

LetterFacts bareFacts()
{
    LetterFacts f;
    f.ip = QStringLiteral("192.0.2.25");
    return f;
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
        const auto letter = Letter::draft(
                kind, bare ? bareFacts() : seedFacts(lang, kind), lang, &error, &unfilled);
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
                seedFacts(QStringLiteral("en")), QStringLiteral("en"), &error);
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
                seedFacts(QStringLiteral("zh_CN")), QStringLiteral("zh_CN"), &error);
        QVERIFY(zh->body.contains(u"反向解析"));
        QVERIFY(zh->body.contains(u"Please remove 113.98.228.10 from the Dynamic User List."));
        // The DUL text is addressed to Trend Micro whoever drafts it.
        const auto dul = Letter::draft(QStringLiteral("isp-dul-delist"),
                seedFacts(QStringLiteral("en")), QStringLiteral("en"), &error);
        QCOMPARE(dul->to, QStringLiteral("dul@mail-abuse.com"));
    }

    // Issue 15: the allowlist letter to a recipient's admin quotes only the bounces of that
    // recipient's domain, never another correspondent's.
    void allowlistQuotesOnlyItsDomain()
    {
        LetterFacts f = seedFacts(u"en"_qs, u"recipient-allowlist"_qs);
        RecipientReport other;
        other.recipient = u"Bing.Cao@wsplastic.com.au"_qs;
        other.remoteHost = u"mx.wsplastic.com.au"_qs;
        other.replyCode = 554;
        other.diagnostic = u"Rejected: 113.98.228.10 listed at Trend Micro DUL"_qs;
        f.addBounce(other, u"2014-06-04"_qs);
        QString error;
        const auto iag = Letter::draft(u"recipient-allowlist"_qs, f, u"en"_qs, &error);
        QVERIFY(iag->body.contains(u"in.sjc.mx.trendmicro.com"));
        QVERIFY2(!iag->body.contains(u"wsplastic"), qPrintable(iag->body));
        f.recipientDomain = u"WSPlastic.com.au"_qs;
        const auto ws = Letter::draft(u"recipient-allowlist"_qs, f, u"en"_qs, &error);
        QVERIFY(ws->body.contains(u"mx.wsplastic.com.au"));
        QVERIFY(!ws->body.contains(u"iag.org"));
        QVERIFY(!ws->body.contains(u"in.sjc.mx.trendmicro.com"));
        // The ISP hears about every refusal of its IP.
        const auto isp = Letter::draft(u"isp-static-rdns"_qs, f, u"en"_qs, &error);
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
        const auto l = Letter::draft(u"isp-static-rdns"_qs, f, u"en"_qs, &error);
        QVERIFY(l->body.contains(u"we are your customer {{ip}} {ip} {{#to}}x{{/to}} and run"));
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
        const auto l = Letter::draft(u"recipient-allowlist"_qs, f, u"en"_qs, &error);
        QVERIFY(l->body.contains(u"   - mx.example.org: \"550 5.7.1 Service unavailable\""));
    }

    // No owner found: the letter says how to find the ISP instead of leaving a hole.
    void missingFactsAreWordedAround()
    {
        QString error;
        const auto l = Letter::draft(
                QStringLiteral("isp-static-rdns"), bareFacts(), QStringLiteral("en"), &error);
        QVERIFY(l->to.isEmpty());
        QVERIFY(l->body.contains(u"no abuse or NOC address was found for 192.0.2.25"));
        QVERIFY(l->body.contains(u"whois 192.0.2.25"));
        QVERIFY(l->body.contains(u"Current PTR: none"));
        QVERIFY(l->body.contains(u"replace mail.your-domain"));
        QVERIFY(!l->body.contains(u"network team,\n\nwe are your customer ,"));
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
        const auto l = Letter::draft(kind, seedFacts(lang, kind), lang, &error);
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

    void mailtoFallsBackForLongLetters()
    {
        QString error;
        const auto allow = Letter::draft(
                QStringLiteral("recipient-allowlist"), bareFacts(), QStringLiteral("en"), &error);
        const QString url = allow->mailtoUrl(4000);
        QVERIFY(url.startsWith(u"mailto:?subject="));
        const QUrl parsed(url);
        QVERIFY(parsed.isValid());
        const auto isp = Letter::draft(QStringLiteral("isp-static-rdns"),
                seedFacts(QStringLiteral("en")), QStringLiteral("en"), &error);
        QVERIFY(isp->mailtoUrl().isEmpty()); // too long for a link: the .eml is the way
    }

    void unknownKindOrLanguage()
    {
        QString error;
        QVERIFY(!Letter::draft(
                QStringLiteral("love-letter"), bareFacts(), QStringLiteral("en"), &error));
        QVERIFY(error.contains(u"isp-static-rdns"));
        QVERIFY(!Letter::draft(
                QStringLiteral("isp-static-rdns"), bareFacts(), QStringLiteral("fr"), &error));
    }
};

QTEST_GUILESS_MAIN(TstLetters)
#include "tst_letters.moc"
