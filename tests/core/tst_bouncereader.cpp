// SPDX-License-Identifier: GPL-3.0-or-later
#include "bounce/BounceReader.h"
#include "bounce/BounceTextScanner.h"
#include "bounce/DeliveryStatus.h"
#include "util/Regex.h"

#include <QFile>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QStringEncoder>
#include <QTest>

using namespace bd;

namespace {

MessageReport readFile(const QString &path, Language lang = Language::English)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing test file %s", qPrintable(path));
    return BounceReader(lang).read(MailItem {path, f.readAll(), false});
}

QByteArray withLineEndings(QByteArray data, const QByteArray &eol)
{
    data.replace("\r\n", "\n");
    if (eol != "\n")
        data.replace("\n", eol);
    return data;
}

} // namespace

class TstBounceReader : public QObject
{
    Q_OBJECT
private slots:
    // What bounces carry into the JSON: quotes, backslashes, control characters, CJK,
    // characters beyond the BMP, and lone surrogates from broken UTF-16. The streamed writer
    // must give QJsonDocument's bytes for each.
    void streamedJsonIsTheDocument_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("plain") << QStringLiteral("550 5.7.1 Service unavailable");
        QTest::newRow("quotes and backslash") << QStringLiteral("\"C:\\queue\" said \\n");
        static constexpr char16_t controls[] = u"tab\there\r\nbell\x07 esc\x1b[2J nul\x00 del\x7f";
        QTest::newRow("control characters")
                << QString::fromUtf16(controls, std::size(controls) - 1);
        QTest::newRow("Chinese") << QStringLiteral("您的IP地址在动态IP列表中");
        QTest::newRow("emoji") << QString::fromUtf8("blocked \xf0\x9f\x9a\xab by RBL");
        QTest::newRow("lone high surrogate") << QString(QChar(0xd83d)) + QLatin1Char('x');
        QTest::newRow("lone low surrogate") << QLatin1Char('x') + QString(QChar(0xdc00));
        QTest::newRow("empty") << QString();
        // Past the sixteen-unit steps: each kind of unit that ends a step, at every lane.
        QString lanes;
        for (const char16_t stop :
                {u'"', u'\\', u'\x1f', u'\x7f', u'\x80', u'\x85', u'\x9f', u'\xe9', u'\x100',
                        u'\x7ff', u'\x800', u'\x7fff', u'\x8000', u'\xd800', u'\xffff'}) {
            for (int at = 0; at < 17; ++at)
                lanes += QString(at, u'a') + QChar(stop) + u"0123456789abcdef";
        }
        QTest::newRow("long runs") << lanes;
        // Six bytes a unit: the writer grows the output past its room again and again.
        QTest::newRow("long run of escapes") << QString(5000, QChar(0x1b));
    }
    void streamedJsonIsTheDocument()
    {
        QFETCH(QString, text);
        MessageReport m;
        m.source = text;
        m.subject = text;
        m.note = text;
        m.isBounce = true;
        RecipientReport r;
        r.recipient = text;
        r.diagnostic = text;
        r.replyCode = 550;
        r.evidence = {text, text};
        r.lookupUrls = {text};
        r.matchedBy = text;
        m.recipients = {r, RecipientReport()};
        m.mentions = {ListingMention {text, text, true, text}};
        QByteArray streamed;
        m.appendJson(streamed);
        QCOMPARE(streamed, QJsonDocument(m.toJson()).toJson(QJsonDocument::Compact));
    }

    // Short strings and the ends of long ones are written in steps that reach back over units
    // already written: random strings of every length up to past two steps of sixteen, mostly
    // plain, with a unit that is not written as its own byte here and there.
    void streamedJsonOfRandomStringsIsTheDocument()
    {
        static constexpr char16_t units[] = {u'a', u'Z', u' ', u'~', u'"', u'\\', u'\n', 0x1f, 0x7f,
                0x80, 0xe9, 0x7ff, 0x800, 0x4e2d, 0xd83d, 0xde00, 0xffff};
        QRandomGenerator random(20261203);
        for (int round = 0; round < 4000; ++round) {
            QString text(random.bounded(40), Qt::Uninitialized);
            const int odd = random.bounded(1, 40); // one unit in about this many is not plain
            for (QChar &c : text)
                c = QChar(random.bounded(odd) == 0 ? units[random.bounded(int(std::size(units)))]
                                                   : char16_t(u' ' + random.bounded(95)));
            RecipientReport r;
            r.diagnostic = text;
            r.evidence = {text, text.left(random.bounded(int(text.size()) + 1))};
            QByteArray streamed;
            r.appendJson(streamed);
            QCOMPARE(streamed, QJsonDocument(r.toJson()).toJson(QJsonDocument::Compact));
        }
    }

    // A Remote-MTA field is read by hand as a regex reads it: random fields of names, addresses,
    // brackets and white space in a delivery status, against that regex on the field the parser
    // gives.
    void remoteMtaReadsAsItsRegex()
    {
        static const Regex re(QStringLiteral("^\\s*([^\\s\\[\\]]*)\\s*(?:\\[([^\\]]+)\\])?"));
        static const QStringList pieces {u"mx.example.org"_qs, u"192.0.2.1"_qs, u"2001:db8::1"_qs,
                u"["_qs, u"]"_qs, u" "_qs, u"\t"_qs, u"\u00a0"_qs, u"."_qs, u"x"_qs, u"[]"_qs,
                u"MX9.Example.ORG."_qs, u"\u00e9"_qs};
        QRandomGenerator random(20261208);
        int named = 0;
        for (int round = 0; round < 1500; ++round) {
            QString field;
            for (int n = random.bounded(7); n > 0; --n)
                field += pieces[random.bounded(int(pieces.size()))];
            const QByteArray status = "Reporting-MTA: dns; mx.example.net\n\n"
                                      "Final-Recipient: rfc822; a@example.com\n"
                                      "Action: failed\nStatus: 5.1.1\nRemote-MTA: dns; "
                    + field.toUtf8() + "\nDiagnostic-Code: smtp; 550 5.1.1 unknown\n";
            const QByteArray mail = "From: MAILER-DAEMON@example.net\nTo: b@example.net\n"
                                    "Subject: Undelivered Mail Returned to Sender\n"
                                    "MIME-Version: 1.0\nContent-Type: multipart/report; "
                                    "report-type=delivery-status; boundary=\"b\"\n\n"
                                    "--b\nContent-Type: text/plain\n\nx\n"
                                    "--b\nContent-Type: message/delivery-status\n\n"
                    + status + "\n--b--\n";
            const DeliveryStatus dsn = DeliveryStatus::parse(status);
            QCOMPARE(dsn.recipients.size(), 1);
            // The reading it replaced.
            const QString remoteMta = dsn.recipients.first().remoteMta;
            const RegexMatch m = re.match(remoteMta);
            QString host = m.hasMatch() ? m.captured(1) : remoteMta;
            QString ip = m.hasMatch() ? m.captured(2) : QString();
            if (host.endsWith(u'.'))
                host.chop(1);
            if (ip.isEmpty() && !host.isEmpty() && host.front().isDigit()
                    && host.count(u'.') == 3) {
                ip = host;
                host.clear();
            }
            const MessageReport report =
                    BounceReader().read(MailItem {QStringLiteral("dsn"), mail, false});
            QCOMPARE(report.recipients.size(), 1);
            named += !host.isEmpty() || !ip.isEmpty();
            QCOMPARE(report.recipients.first().remoteHost, host);
            QCOMPARE(report.recipients.first().remoteIp, ip);
        }
        QVERIFY2(named > 500, qPrintable(QString::number(named)));
    }

    void mtaEnvelopes_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QByteArray>("eol");
        QTest::addColumn<QString>("recipient");
        QTest::addColumn<QString>("status");
        QTest::addColumn<int>("reply");
        QTest::addColumn<QString>("remoteHost");
        QTest::addColumn<QString>("command");
        QTest::addColumn<QString>("category");
        QTest::addColumn<QString>("listing");
        QTest::addColumn<QString>("blockedIp");

        struct Case
        {
            const char *file, *recipient, *status;
            int reply;
            const char *host, *command, *category, *listing, *ip;
        };
        const Case cases[] = {
                {"postfix-dsn.eml", "jsoria@iag.example", "5.7.1", 550, "in.sjc.mx.trendmicro.com",
                        "RCPT", "ip-blocklist", "trendmicro-rbl", "113.98.228.10"},
                {"exim-text.eml", "user@gmail.example", "5.7.1", 550, "gmail-smtp-in.l.google.com",
                        "DATA", "ip-reputation", "gmail", "198.51.100.77"},
                {"sendmail.eml", "shironeko@example.org", "5.7.1", 550, "mx.example.org", "DATA",
                        "ip-reputation", "microsoft", "203.0.113.40"},
                {"qmail.eml", "neko@yahoo.example", "4.7.0", 421, "", "RCPT", "ip-reputation",
                        "yahoo", "203.0.113.25"},
                {"exchange-html.eml", "user@contoso.example", "5.7.606", 550, "", "",
                        "ip-reputation", "microsoft", "203.0.113.33"},
                {"coremail-gb2312.eml", "wang@corp.example", "", 550, "", "", "ip-blocklist",
                        "spamhaus", "203.0.113.88"},
        };
        for (const Case &c : cases) {
            for (const QByteArray &eol : {QByteArray("\n"), QByteArray("\r\n"), QByteArray("\r")}) {
                const char *eolName = eol == "\n" ? "LF" : eol == "\r\n" ? "CRLF" : "CR";
                QTest::addRow("%s %s", c.file, eolName)
                        << QString::fromLatin1(c.file) << eol << QString::fromLatin1(c.recipient)
                        << QString::fromLatin1(c.status) << c.reply << QString::fromLatin1(c.host)
                        << QString::fromLatin1(c.command) << QString::fromLatin1(c.category)
                        << QString::fromLatin1(c.listing) << QString::fromLatin1(c.ip);
            }
        }
    }
    void mtaEnvelopes()
    {
        QFETCH(QString, file);
        QFETCH(QByteArray, eol);
        QFETCH(QString, recipient);
        QFETCH(QString, status);
        QFETCH(int, reply);
        QFETCH(QString, remoteHost);
        QFETCH(QString, command);
        QFETCH(QString, category);
        QFETCH(QString, listing);
        QFETCH(QString, blockedIp);

        QFile f(QStringLiteral(BD_TEST_DATA "/mta/") + file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const MessageReport m =
                BounceReader().read(MailItem {file, withLineEndings(f.readAll(), eol), false});
        QVERIFY(m.isBounce);
        QCOMPARE(m.recipients.size(), 1);
        const RecipientReport &r = m.recipients.first();
        QCOMPARE(r.recipient, recipient);
        QCOMPARE(r.status, status);
        QCOMPARE(r.replyCode.value_or(0), reply);
        QCOMPARE(r.remoteHost, remoteHost);
        QCOMPARE(r.smtpCommand, command);
        QCOMPARE(categoryId(r.category), category);
        QCOMPARE(r.listing, listing);
        QCOMPARE(r.blockedIp, blockedIp);
        // The returned original's words ("user unknown", "spam") never leak into the verdict.
        QVERIFY(!r.diagnostic.contains(u"user unknown", Qt::CaseInsensitive));
    }

    void diagnosticIsUnfolded()
    {
        const MessageReport m = readFile(QStringLiteral(BD_TEST_DATA "/mta/exim-text.eml"));
        const QString d = m.recipients.value(0).diagnostic;
        QVERIFY2(d.startsWith(u"550 5.7.1 [198.51.100.77 12] Our system"), qPrintable(d));
        QVERIFY2(!d.contains(u"550-5.7.1"), qPrintable(d));
        QVERIFY(!d.contains(u'\n'));
    }

    // A reply or a status anywhere in a recipient's line of prose is its diagnostic, wherever
    // it stands among the eight code units the scanner looks for a '4' or '5' at a time, after
    // any number of '4's and '5's that start none.
    void replyAnywhereInALineIsFound()
    {
        const QStringList tokens {QStringLiteral("x"), QStringLiteral("4x"), QStringLiteral("5x"),
                QStringLiteral(" "), QStringLiteral("é")};
        const QStringList replies {QStringLiteral("550 5.1.1 gone"),
                QStringLiteral("452-4.2.2 full"), QStringLiteral("5.7.1 denied"),
                QStringLiteral("550 x"), QStringLiteral("4.7.1 y")};
        QRandomGenerator random(20261211);
        for (int round = 0; round < 2000; ++round) {
            QString pad;
            for (int n = random.bounded(40); n > 0; --n)
                pad += tokens[random.bounded(int(tokens.size()))];
            const QString &reply = replies[random.bounded(int(replies.size()))];
            const QString text = QStringLiteral("<a@example.org>:\n") + pad + u' ' + reply + u'\n';
            const QList<TextFinding> findings = BounceTextScanner::scan(text);
            QCOMPARE(findings.size(), 1);
            QCOMPARE(findings.first().diagnostic,
                    reply.startsWith(u"452-") ? QStringLiteral("452 4.2.2 full") : reply);
        }
    }

    // Postfix's "<r>: ..." line is read as code where its regex (below) read it. Its addresses
    // here have no dotted domain, which every other recipient shape needs: the line names a
    // recipient exactly when the regex matches it, the one it captures, and the words after
    // the colon are the diagnostic.
    void postfixRecipientLineReadsAsItsRegex()
    {
        const Regex postfixStyle(
                QStringLiteral(
                        R"(^\s*<([^<>\s]+[@#][^<>\s]+)>(?:\s*\(expanded from[^)]*\))?\s*:\s*(.*)$)"),
                Regex::CaseInsensitiveOption);
        const QStringList lead {
                QString(), QStringLiteral(" "), QStringLiteral("\t "), QStringLiteral("\v")};
        const QString local = QStringLiteral("ab@#");
        const QString odd = QStringLiteral("<> \u00e9");
        const QStringList expansions {QString(), QStringLiteral(" (expanded from <q@r>)"),
                QStringLiteral("(EXPANDED FROM q)"), QStringLiteral(" (expanded from <q"),
                QStringLiteral(" (expanded"), QStringLiteral("  ")};
        const QStringList colons {QStringLiteral(":"), QStringLiteral(" : "), QStringLiteral(":\t"),
                QString(), QStringLiteral(";")};
        const QStringList rests {QString(), QStringLiteral("mailbox unavailable"),
                QStringLiteral("  gone  "), QStringLiteral("x)")};
        QRandomGenerator random(20261214);
        int read = 0;
        for (int round = 0; round < 10000; ++round) {
            QString line = lead[random.bounded(int(lead.size()))] + u'<';
            for (int n = random.bounded(8); n > 0; --n)
                line += random.bounded(8) == 0 ? odd[random.bounded(int(odd.size()))]
                                               : local[random.bounded(int(local.size()))];
            if (random.bounded(5) != 0)
                line += u'>';
            line += expansions[random.bounded(int(expansions.size()))];
            line += colons[random.bounded(int(colons.size()))];
            line += rests[random.bounded(int(rests.size()))];
            const RegexMatch m = postfixStyle.match(line);
            QString expected = m.captured(1);
            if (!expected.contains(u'@') && expected.lastIndexOf(u'#') > 0)
                expected[expected.lastIndexOf(u'#')] = u'@';
            const QList<TextFinding> findings = BounceTextScanner::scan(line);
            const QString recipient = findings.isEmpty() ? QString() : findings[0].recipient;
            QVERIFY2(recipient == expected, qPrintable(line));
            if (m.hasMatch()) {
                ++read;
                QCOMPARE(findings.size(), 1);
                QCOMPARE(findings[0].diagnostic, m.captured(2).simplified());
            }
        }
        QVERIFY(read > 500); // the rounds do reach the lines it reads
    }

    // Without a reply code or an escaped line break to read, unfoldDiagnostic() folds white
    // space as QString::simplified() does: words left in place and words moved after a folded
    // run, white space past ASCII, characters past printable ASCII inside words, runs of
    // printable ASCII longer than the eight characters read at a time.
    void unfoldFoldsWhiteSpaceAsSimplified()
    {
        const QString alphabet =
                QStringLiteral("aaaaaaaab!~ \t\n\r\u00a0\u00e9\u2003\u007f\u0001\u3000\u0085");
        QRandomGenerator random(20261201);
        for (int round = 0; round < 5000; ++round) {
            QString text;
            const int length = int(random.bounded(60));
            for (int i = 0; i < length; ++i)
                text += alphabet[qsizetype(random.bounded(int(alphabet.size())))];
            QCOMPARE(BounceTextScanner::unfoldDiagnostic(text), text.simplified());
        }
    }

    // The same for texts folded already but for a few places (a double space, a tab, a
    // character past ASCII, a space at either end), which the look eight code units at a time
    // over the folded part must hand to the folding at the right word, wherever it stands.
    void unfoldKeepsTheFoldedPartAsSimplified()
    {
        const QString rare = QStringLiteral("  \t\n\u00e9\u00a0\u3000\u0001~");
        QRandomGenerator random(20261213);
        for (int round = 0; round < 20000; ++round) {
            QString text;
            const int length = int(random.bounded(100));
            for (int i = 0; i < length; ++i) {
                if (random.bounded(40) == 0)
                    text += rare[qsizetype(random.bounded(int(rare.size())))];
                else
                    text += random.bounded(5) == 0 ? u' ' : u'a';
            }
            QCOMPARE(BounceTextScanner::unfoldDiagnostic(text), text.simplified());
        }
    }

    // The continuation prefixes unfoldDiagnostic() takes off, read as code where the regex
    // ^\s*([45]\d\d)[ -](?:([45]\.\d{1,3}\.\d{1,3})\s+)? read them: a status whose digit run is
    // too long or not followed by white space is no status, and a line that is not valid
    // UTF-16 holds no prefix.
    void unfoldReadsReplyPrefixes_data()
    {
        QTest::addColumn<QString>("lines");
        QTest::addColumn<QString>("unfolded");
        const auto row = [](const char *name, const QString &lines, const QString &unfolded) {
            QTest::newRow(name) << lines << unfolded;
        };
        row("dashed", QStringLiteral("550-5.7.1 first\n550-5.7.1 second"),
                QStringLiteral("550 5.7.1 first second"));
        row("spaced", QStringLiteral("550 4.2.2 a\n550 4.2.2 b"), QStringLiteral("550 4.2.2 a b"));
        row("code only", QStringLiteral("551-x\n551 y"), QStringLiteral("551 x y"));
        row("tab after status", QStringLiteral("550-5.7.1\tz"), QStringLiteral("550 5.7.1 z"));
        row("long detail", QStringLiteral("550 5.7.12 z"), QStringLiteral("550 5.7.12 z"));
        row("four-digit subject", QStringLiteral("550 5.1234.1 x"),
                QStringLiteral("550 5.1234.1 x"));
        row("four-digit detail", QStringLiteral("550 5.1.1234 x"),
                QStringLiteral("550 5.1.1234 x"));
        row("status glued", QStringLiteral("550 5.7.1x y"), QStringLiteral("550 5.7.1x y"));
        row("status at end", QStringLiteral("550 5.7.1"), QStringLiteral("550 5.7.1"));
        row("bare code", QStringLiteral("550"), QStringLiteral("550"));
        row("four digits", QStringLiteral("5500 x"), QStringLiteral("5500 x"));
        row("other code after", QStringLiteral("550-a\n451-b"), QStringLiteral("550 a 451-b"));
        row("lone surrogate", QStringLiteral("550-5.7.1 a") + QChar(0xD800),
                QStringLiteral("550-5.7.1 a") + QChar(0xD800));
        row("surrogate pair", QStringLiteral("550-5.7.1 a") + QChar(0xD83D) + QChar(0xDE00),
                QStringLiteral("550 5.7.1 a") + QChar(0xD83D) + QChar(0xDE00));
    }
    void unfoldReadsReplyPrefixes()
    {
        QFETCH(QString, lines);
        QFETCH(QString, unfolded);
        QCOMPARE(BounceTextScanner::unfoldDiagnostic(lines), unfolded);
    }

    void chineseBounceDecodes()
    {
        const MessageReport m = readFile(QStringLiteral(BD_TEST_DATA "/mta/coremail-gb2312.eml"),
                Language::SimplifiedChinese);
        QCOMPARE(m.subject, QStringLiteral("系统退信"));
        QVERIFY(m.from.startsWith(u"系统管理员"));
        QVERIFY(m.recipients.value(0).diagnostic.contains(u"已被列入黑名单"));
        QVERIFY(m.recipients.value(0).explanation.contains(u"Spamhaus"));
    }

    void notBounces_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("ordinary") << QStringLiteral("ordinary.eml");
        QTest::newRow("auto-reply") << QStringLiteral("autoreply.eml");
    }
    void notBounces()
    {
        QFETCH(QString, file);
        const MessageReport m = readFile(QStringLiteral(BD_TEST_DATA "/mta/") + file);
        QVERIFY(!m.isBounce);
        QVERIFY(m.recipients.isEmpty());
        QVERIFY(!m.note.isEmpty());
    }

    void seedForumPaste()
    {
        QFile seed(QStringLiteral(BD_SHARED_DIR "/corpus/seeds/000_29c2ac4aad9658bd.txt"));
        if (!seed.open(QIODevice::ReadOnly))
            QSKIP("shared/corpus/seeds is not here");
        const MessageReport m =
                BounceReader().read(MailItem {QStringLiteral("seed"), seed.readAll(), false});
        QVERIFY(m.isBounce);
        QCOMPARE(m.recipients.size(), 2);

        const RecipientReport &first = m.recipients[0];
        QCOMPARE(first.recipient, QStringLiteral("JSoria@iag.org")); // the forum's '#' restored
        QCOMPARE(first.remoteHost, QStringLiteral("in.sjc.mx.trendmicro.com"));
        QCOMPARE(first.remoteIp, QStringLiteral("216.99.131.***"));
        QCOMPARE(first.replyCode.value_or(0), 550);
        QCOMPARE(first.status, QStringLiteral("5.7.1"));
        QCOMPARE(first.smtpCommand, QStringLiteral("RCPT"));
        QCOMPARE(first.category, BounceCategory::IpBlocklist);
        QCOMPARE(first.listing, QStringLiteral("trendmicro-rbl"));
        QCOMPARE(first.blockedIp, QStringLiteral("113.98.228.***"));
        QVERIFY(first.blockedIpMasked);
        QVERIFY(first.permanent);
        QVERIFY2(first.diagnostic.startsWith(u"550 5.7.1 Service unavailable; Client host "
                                             u"[113.98.228.***] blocked using Trend Micro RBL+."),
                qPrintable(first.diagnostic));
        // The forum cut one URL with "…"; only the whole one is offered.
        QCOMPARE(first.lookupUrls,
                QStringList {
                        QStringLiteral("http://www.mail-abuse.com/cgi-bin/lookup?113.98.228.***")});

        const RecipientReport &second = m.recipients[1];
        QCOMPARE(second.recipient, QStringLiteral("Bing.Cao@wsplastic.com.au"));
        QCOMPARE(second.remoteHost, QStringLiteral("mail.wsplastics.com.au"));
        QCOMPARE(second.listing, QStringLiteral("trendmicro-ers"));
        QCOMPARE(second.category, BounceCategory::IpBlocklist);
        QVERIFY(second.blockedIp.isEmpty());

        // Trend Micro's reply further down names the DUL and the IP.
        QCOMPARE(m.mentions.size(), 1);
        QCOMPARE(m.mentions[0].listing, QStringLiteral("trendmicro-dul"));
        QCOMPARE(m.mentions[0].ip, QStringLiteral("113.98.228.***"));
    }

    void pastedShapes_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("recipient");
        QTest::addColumn<QString>("category");
        QTest::addColumn<QString>("listing");
        QTest::newRow("postfix log line") << QStringLiteral(
                "Nov 27 10:00:00 mail postfix/smtp[123]: 4F1: to=<a@example.org>, "
                "relay=mx.example.org[192.0.2.5]:25, delay=1, status=bounced (host "
                "mx.example.org[192.0.2.5] said: 554 5.7.1 Service unavailable; Client host "
                "[203.0.113.5] blocked using zen.spamhaus.org (in reply to RCPT TO command))")
                                          << "a@example.org"
                                          << "ip-blocklist"
                                          << "spamhaus";
        QTest::newRow("bare reply")
                << QStringLiteral("550 5.7.606 Access denied, banned sending IP [203.0.113.6].")
                << QString() << "ip-reputation"
                << "microsoft";
        QTest::newRow("smtp transcript") << QStringLiteral(
                "220 mx.example.org ESMTP\nEHLO mail.example.com\n250 ok\nMAIL "
                "FROM:<me@example.com>\n250 ok\nRCPT TO:<you@example.org>\n554 5.7.1 Service "
                "unavailable; Client host [203.0.113.7] blocked using b.barracudacentral.org")
                                         << QStringLiteral("you@example.org") << "ip-blocklist"
                                         << "barracuda";
        QTest::newRow("mangled address")
                << QStringLiteral("<you#example.org>: host mx.example.org[192.0.2.1] said: 550 "
                                  "5.1.1 User unknown (in reply to RCPT TO command)")
                << QStringLiteral("you@example.org") << "recipient-unknown" << QString();
    }
    void pastedShapes()
    {
        QFETCH(QString, text);
        QFETCH(QString, recipient);
        QFETCH(QString, category);
        QFETCH(QString, listing);
        const MessageReport m = BounceReader().readText(QStringLiteral("paste"), text);
        QVERIFY(m.isBounce);
        QCOMPARE(m.recipients.size(), 1);
        QCOMPARE(m.recipients[0].recipient, recipient);
        QCOMPARE(categoryId(m.recipients[0].category), category);
        QCOMPARE(m.recipients[0].listing, listing);
    }

    // The reporting MTA named in the words of a bounce (lines from tests/data/pastes and the
    // Sisimai corpus): the earliest of the phrases that lead to it counts, within the first
    // 4,000 characters.
    void reportingMtaFromText_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("mta");
        const QString postfix = QStringLiteral(
                "This is the mail system at host us2.outbound.mailhostbox.com.\n\nI'm sorry to "
                "have to inform you that your message could not\nbe delivered to one or more "
                "recipients. It's attached below.\n");
        const QString dsnLine = QStringLiteral("Reporting-MTA: dns; neko1.example.com\n");
        const QString reply =
                QStringLiteral("550 5.7.606 Access denied, banned sending IP [203.0.113.6].\n");
        QTest::newRow("postfix (chinese.txt)") << postfix << "us2.outbound.mailhostbox.com";
        QTest::newRow("reporting-mta line (Sisimai)") << dsnLine << "neko1.example.com";
        QTest::newRow("postfix, then its DSN (message.txt)") << QStringLiteral(
                "This is the mail system at host lb-ob1.listbox.com.\n\n"
                "Reporting-MTA: dns; lb-ob1.listbox.com\n") << "lb-ob1.listbox.com";
        QTest::newRow("the earlier phrase wins") << dsnLine + postfix << "neko1.example.com";
        QTest::newRow("the earlier phrase wins, other order")
                << postfix + dsnLine << "us2.outbound.mailhostbox.com";
        QTest::newRow("a phrase without a name, then one with")
                << QStringLiteral("Reporting-MTA: dns; [unknown]\n\n") + postfix
                << "us2.outbound.mailhostbox.com";
        QTest::newRow("upper case") << postfix.toUpper() << "US2.OUTBOUND.MAILHOSTBOX.COM";
        QTest::newRow("no phrase") << reply << QString();
        QTest::newRow("past the first 4,000 characters")
                << reply.repeated(4000 / reply.size() + 1) + postfix << QString();
    }
    void reportingMtaFromText()
    {
        QFETCH(QString, text);
        QFETCH(QString, mta);
        QCOMPARE(BounceReader().readText(QStringLiteral("paste"), text).reportingMta, mta);
    }

    // Every charset the issue names, in both transfer encodings, through the whole reader.
    void charsets_data()
    {
        QTest::addColumn<QByteArray>("charset");
        QTest::addColumn<QByteArray>("encoding");
        QTest::addColumn<QString>("words");
        const struct
        {
            const char *charset;
            const char16_t *words;
        } cases[] = {
                {"GB2312", u"您的邮件被拒绝"},
                {"GBK", u"您的邮件被拒绝"},
                {"GB18030", u"您的邮件被拒绝"},
                {"Big5", u"您的郵件被拒絕"},
                {"ISO-2022-JP", u"メールは拒否されました"},
                {"Shift_JIS", u"メールは拒否されました"},
                {"KOI8-R", u"Письмо отклонено"},
                {"windows-1251", u"Письмо отклонено"},
                {"windows-1252", u"Courriel refusé"},
                {"ISO-8859-2", u"Wiadomość odrzucona"},
                {"UTF-8", u"邮件被拒绝 ✉"},
        };
        for (const auto &c : cases) {
            for (const char *encoding : {"base64", "quoted-printable", "8bit"}) {
                if (QByteArray(c.charset) == "ISO-2022-JP" && QByteArray(encoding) == "8bit")
                    continue; // a 7-bit charset is never sent as 8bit
                QTest::addRow("%s %s", c.charset, encoding) << QByteArray(
                        c.charset) << QByteArray(encoding) << QString::fromUtf16(c.words);
            }
        }
    }
    void charsets()
    {
        QFETCH(QByteArray, charset);
        QFETCH(QByteArray, encoding);
        QFETCH(QString, words);
        QStringEncoder encoder(charset.constData());
        QVERIFY(encoder.isValid());
        const QByteArray text = encoder.encode(
                QStringLiteral("<a@example.org>: host mx.example.org[192.0.2.1] said: 554 5.7.1 "
                               "%1: client [203.0.113.9] "
                               "blocked using zen.spamhaus.org (in reply to RCPT TO command)\n")
                        .arg(words));
        QByteArray body;
        if (encoding == "base64")
            body = text.toBase64();
        else if (encoding == "quoted-printable") {
            for (const char c : text) {
                const auto u = static_cast<unsigned char>(c);
                body += (u >= 128 || c == '=')
                        ? "=" + QByteArray::number(u, 16).toUpper().rightJustified(2, '0')
                        : QByteArray(1, c);
            }
        } else
            body = text;
        const QByteArray encodedWords = encoder.encode(words);
        const QByteArray subject = "=?" + charset + "?B?" + encodedWords.toBase64() + "?=";
        const QByteArray message =
                "From: MAILER-DAEMON@example.com\nTo: me@example.com\nSubject: " + subject
                + "\nDate: Fri, 27 Nov 2026 10:00:00 +0000\nMIME-Version: 1.0\nContent-Type: "
                  "text/plain; charset=\""
                + charset + "\"\nContent-Transfer-Encoding: " + encoding + "\n\n" + body;
        const MessageReport m =
                BounceReader().read(MailItem {QStringLiteral("charset"), message, false});
        QCOMPARE(m.subject, words);
        QVERIFY(m.isBounce);
        QCOMPARE(m.recipients.size(), 1);
        QVERIFY2(
                m.recipients[0].diagnostic.contains(words), qPrintable(m.recipients[0].diagnostic));
        QCOMPARE(m.recipients[0].listing, QStringLiteral("spamhaus"));
    }

    void prosePasteIsNotABounce()
    {
        const MessageReport m = BounceReader().readText(
                QStringLiteral("paste"), QStringLiteral("hello, how are you?"));
        QVERIFY(!m.isBounce);
        QVERIFY(m.recipients.isEmpty());
    }

    // Sendmail names the reason in the Subject; it speaks for a recipient whose own words say
    // nothing, in a text read whole (tst_hostileinput: not in a cut one).
    void sendmailSubjectNamesTheReason()
    {
        const MessageReport m = BounceReader().read(MailItem {QStringLiteral("sendmail"),
                "From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.org>\n"
                "Date: Fri, 27 Nov 2026 10:00:00 +0800\nMessage-ID: <2@x>\n"
                "Subject: Returned mail: User unknown\n\n"
                "----- The following addresses had permanent fatal errors -----\n"
                "<bob@example.net>\n    (reason: see the postmaster)\n",
                false});
        QCOMPARE(m.recipients.size(), 1);
        QCOMPARE(m.recipients[0].category, BounceCategory::RecipientUnknown);
        QCOMPARE(m.recipients[0].matchedBy, QStringLiteral("subject"));
        QVERIFY(m.note.isEmpty());
        QVERIFY(!m.truncated);
    }
};

QTEST_GUILESS_MAIN(TstBounceReader)
#include "tst_bouncereader.moc"
