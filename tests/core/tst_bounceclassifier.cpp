// SPDX-License-Identifier: GPL-3.0-or-later
#include "bounce/BounceClassifier.h"
#include "util/Regex.h"

#include <QRandomGenerator>
#include <QTest>

using namespace bd;

class TstBounceClassifier : public QObject
{
    Q_OBJECT
private:
    // Up to `most` - 1 random bits: one of `pieces` or a digit, one choice in `choices` each,
    // else a unit of `units`.
    static QString randomText(QRandomGenerator &random, int most, int choices,
            const QStringList &pieces, QStringView units)
    {
        QString text;
        for (int n = random.bounded(most); n > 0; --n) {
            switch (random.bounded(choices)) {
            case 0:
                text += pieces[random.bounded(int(pieces.size()))];
                break;
            case 1:
                text += QChar(char16_t(u'0' + random.bounded(10)));
                break;
            default:
                text += units[random.bounded(int(units.size()))];
            }
        }
        return text;
    }
    // The addresses ipsIn() finds in the row's text, in order.
    static void compareIpsIn()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, ips);
        QStringList found;
        for (const WrittenIp &ip : BounceClassifier::ipsIn(text))
            found << ip.text;
        QCOMPARE(found, ips);
    }

private slots:
    void classify_data()
    {
        QTest::addColumn<QString>("diagnostic");
        QTest::addColumn<QString>("category");
        QTest::addColumn<QString>("listing");
        QTest::addColumn<QString>("blockedIp");
        QTest::addColumn<bool>("permanent");

        // Real wordings (shared/research/bounce.md and the seeds).
        QTest::newRow("trend rbl+ seed") << QStringLiteral(
                "550 5.7.1 Service unavailable; Client host [113.98.228.***] blocked using Trend "
                "Micro RBL+. Please see "
                "http://www.mail-abuse.com/cgi-bin/lookup?ip_address=113.98.228.***; Mail from "
                "113.98.228.*** blocked using Trend Micro Email Reputation database.")
                                         << "ip-blocklist"
                                         << "trendmicro-rbl"
                                         << "113.98.228.***" << true;
        QTest::newRow("trend ers seed") << QStringLiteral(
                "550 5.7.1 Your email messages have been blocked by the recipient OR by Trend "
                "Micro Email Reputation Service. Contact the recipient or his/her administrator "
                "using alternate means to resolve the issue.")
                                        << "ip-blocklist"
                                        << "trendmicro-ers"
                                        << "" << true;
        QTest::newRow("trend rbl-plus kb")
                << QStringLiteral("550 Mail from 203.0.113.7 refused by rbl-plus.mail-abuse.org.")
                << "ip-blocklist"
                << "trendmicro-rbl"
                << "203.0.113.7" << true;
        QTest::newRow("trend customer zone")
                << QStringLiteral("554 Service unavailable; Client host [203.0.113.8] blocked "
                                  "using ASZLDUS565KP2E3KL3V5N65R9L789XP.r.mail-abuse.com")
                << "ip-blocklist"
                << "trendmicro-ers"
                << "203.0.113.8" << true;
        QTest::newRow("trend qil 450")
                << QStringLiteral("450 4.7.1 Client host [203.0.113.9] blocked using ERS-QIL")
                << "ip-blocklist"
                << "trendmicro-qil"
                << "203.0.113.9" << false;
        QTest::newRow("spamhaus zen")
                << QStringLiteral("550-5.7.1 Service unavailable; client [11.22.33.44] blocked "
                                  "using zen.spamhaus.org")
                << "ip-blocklist"
                << "spamhaus"
                << "11.22.33.44" << true;
        QTest::newRow("spamhaus pbl") << QStringLiteral(
                "554 5.7.1 Service unavailable; Client host [198.51.100.1] blocked using "
                "pbl.spamhaus.org; https://www.spamhaus.org/query/ip/198.51.100.1")
                                      << "dynamic-ip"
                                      << "spamhaus-pbl"
                                      << "198.51.100.1" << true;
        QTest::newRow("yahoo via spamhaus") << QStringLiteral(
                "553 5.7.1 [BL21] Connections will not be accepted from 11.22.33.44, because the "
                "ip is in Spamhaus's list; see http://postmaster.yahoo.com/errors/550-bl21.html")
                                            << "ip-blocklist"
                                            << "spamhaus"
                                            << "11.22.33.44" << true;
        QTest::newRow("yahoo xbl") << QStringLiteral(
                "553 5.7.1 [BL23] Connections not accepted from IP addresses on Spamhaus XBL; see "
                "http://postmaster.yahoo.com/errors/550-bl23.html [550]")
                                   << "ip-blocklist"
                                   << "spamhaus-xbl"
                                   << "" << true;
        QTest::newRow("microsoft 5.7.606") << QStringLiteral(
                "550 5.7.606 Access denied, banned sending IP [198.51.100.222]. To request removal "
                "from this list please visit https://sender.office.com/")
                                           << "ip-reputation"
                                           << "microsoft"
                                           << "198.51.100.222" << true;
        QTest::newRow("microsoft s3150")
                << QStringLiteral("550 5.7.1 Unfortunately, messages from [10.10.1.1] weren't "
                                  "sent. Please contact your Internet service provider since part "
                                  "of their network is on our block list (S3150).")
                << "ip-reputation"
                << "microsoft"
                << "10.10.1.1" << true;
        QTest::newRow("microsoft 4.7.650")
                << QStringLiteral("451 4.7.650 The mail server [192.0.2.25] has been temporarily "
                                  "rate limited due to IP reputation.")
                << "ip-reputation"
                << "microsoft"
                << "192.0.2.25" << false;
        QTest::newRow("gmail low reputation") << QStringLiteral(
                "550-5.7.1 [192.0.2.22 18] Our system has detected that this message is likely "
                "suspicious due to the very low reputation of the sending IP address.")
                                              << "ip-reputation"
                                              << "gmail"
                                              << "192.0.2.22" << true;
        QTest::newRow("gmail ptr")
                << QStringLiteral("550-5.7.25 [192.0.2.202] The IP address sending this message "
                                  "does not have a PTR record setup, or the corresponding forward "
                                  "DNS entry does not point to the sending IP.")
                << "missing-ptr"
                << "gmail"
                << "192.0.2.202" << true;
        QTest::newRow("gmail unauthenticated") << QStringLiteral(
                "550-5.7.26 This mail has been blocked because the sender is unauthenticated. "
                "Gmail requires all senders to authenticate with either SPF or DKIM.")
                                               << "authentication"
                                               << "gmail"
                                               << "" << true;
        QTest::newRow("generic isp relay") << QStringLiteral(
                "550 5.7.0 <shironeko@example.jp>... Please use the smtp server of your ISP.")
                                           << "dynamic-ip"
                                           << ""
                                           << "" << true;
        QTest::newRow("postfix no hostname") << QStringLiteral(
                "450 4.7.25 Client host rejected: cannot find your hostname, [192.0.2.61]")
                                             << "missing-ptr"
                                             << ""
                                             << "192.0.2.61" << false;
        QTest::newRow("user unknown")
                << QStringLiteral("550 5.1.1 <kijitora@example.jp>... User unknown")
                << "recipient-unknown"
                << ""
                << "" << true;
        QTest::newRow("mailbox full") << QStringLiteral(
                "452 4.2.2 The email account that you tried to reach is over quota.")
                                      << "mailbox-full"
                                      << ""
                                      << "" << false;
        QTest::newRow("relay denied")
                << QStringLiteral("554 5.7.1 <a@example.org>: Relay access denied")
                << "relay-denied"
                << ""
                << "" << true;
        QTest::newRow("qq frequency") << QStringLiteral(
                "550 Ip frequency limited [... Blocked IP 192.0.2.22]. "
                "http://service.mail.qq.com/cgi-bin/help?subtype=1&&id=20022&&no=1000725")
                                      << "rate-limit"
                                      << "tencent-qq"
                                      << "192.0.2.22" << true;
        QTest::newRow("netease spam") << QStringLiteral(
                "554 DT:SPM 163 smtp5,jtKowAAnI4Cg 1528450981,please see "
                "http://mail.163.com/help/help_spam_16.htm?ip=112.97.59.183&hostid=smtp5")
                                      << "content-spam"
                                      << "netease"
                                      << "112.97.59.183" << true;
        QTest::newRow("cox 5.1.0 rbl") << QStringLiteral(
                "550 5.1.0 <a@example.org> sender rejected. Refer to Error Codes section at "
                "https://www.cox.com/aboutus/policies/limited-use-internet.html AUP#CDRBL")
                                       << "ip-blocklist"
                                       << ""
                                       << "" << true;
        QTest::newRow("chinese coremail")
                << QStringLiteral("550 您的IP已被列入黑名单 blacklisted 203.0.113.66")
                << "ip-blocklist"
                << ""
                << "203.0.113.66" << true;
        QTest::newRow("ipv6 ptr") << QStringLiteral(
                "550 5.7.25 Service unavailable, the sending IPv6 address [2001:db8::25] must have "
                "a reverse DNS record")
                                  << "missing-ptr"
                                  << "microsoft"
                                  << "2001:db8::25" << true;
    }
    void classify()
    {
        QFETCH(QString, diagnostic);
        QFETCH(QString, category);
        QFETCH(QString, listing);
        QFETCH(QString, blockedIp);
        QFETCH(bool, permanent);
        RecipientReport r;
        r.diagnostic = diagnostic;
        BounceClassifier().classify(r);
        QCOMPARE(categoryId(r.category), category);
        QCOMPARE(r.listing, listing);
        QCOMPARE(r.blockedIp, blockedIp);
        QCOMPARE(r.permanent, permanent);
        QVERIFY(!r.explanation.isEmpty());
    }

    void wordsWinOverStatus()
    {
        // Cox answers 5.1.0 ("bad address") for an RBL block: the words decide, and say so.
        RecipientReport r;
        r.diagnostic = QStringLiteral(
                "550 5.1.0 <a@example.org> sender rejected: blocked using bl.example.net");
        BounceClassifier().classify(r);
        QCOMPARE(r.category, BounceCategory::IpBlocklist);
        QVERIFY2(r.explanation.contains(u"5.1.0") && r.explanation.contains(u"words decide"),
                qPrintable(r.explanation));
    }

    void trendMicroExplanationSaysWhatTheAdminNeeds()
    {
        RecipientReport r;
        r.diagnostic = QStringLiteral("550 5.7.1 Service unavailable; Client host [113.98.228.10] "
                                      "blocked using Trend Micro RBL+.");
        BounceClassifier().classify(r);
        QVERIFY(r.explanation.contains(u"Dynamic User List"));
        QVERIFY(r.explanation.contains(u"dul@mail-abuse.com"));
        QVERIFY(r.explanation.contains(u"smarthost"));
        QVERIFY(r.lookupUrls.value(0).contains(u"113.98.228.10"));

        RecipientReport zh;
        zh.diagnostic = r.diagnostic;
        BounceClassifier(BounceKnowledge::builtIn(), Language::SimplifiedChinese).classify(zh);
        QVERIFY(zh.explanation.contains(u"动态用户列表"));
        QVERIFY(zh.explanation.contains(u"dul@mail-abuse.com"));
    }

    void maskedIpIsFlagged()
    {
        RecipientReport r;
        r.diagnostic = QStringLiteral(
                "550 5.7.1 Client host [113.98.228.***] blocked using Trend Micro RBL+.");
        BounceClassifier().classify(r);
        QCOMPARE(r.blockedIp, QStringLiteral("113.98.228.***"));
        QVERIFY(r.blockedIpMasked);
        QVERIFY(r.explanation.contains(u"partly hidden"));
        // No lookup link can be made from a hidden address; the list's own page is offered.
        QVERIFY(!r.lookupUrls.isEmpty());
        QVERIFY(!r.lookupUrls.first().contains(u"***"));
    }

    void remoteIpIsNotTheBlockedIp_data()
    {
        QTest::addColumn<QString>("remoteIp");
        QTest::addColumn<QString>("diagnostic");
        QTest::addColumn<QString>("blocked");
        QTest::newRow("written alike")
                << u"216.99.131.10"_qs
                << u"554 rejected by 216.99.131.10: client 203.0.113.5 blocked using zen.spamhaus.org"_qs
                << u"203.0.113.5"_qs;
        // A receiver listening on an IPv6 socket names its IPv4 address mapped.
        QTest::newRow("the receiver's own, mapped")
                << u"::ffff:216.99.131.10"_qs
                << u"554 rejected by [::ffff:216.99.131.10]: blocked using zen.spamhaus.org"_qs
                << QString();
        QTest::newRow("the sender's, mapped")
                << u"216.99.131.10"_qs
                << u"554 rejected by 216.99.131.10: client ::ffff:203.0.113.5 blocked using zen.spamhaus.org"_qs
                << u"203.0.113.5"_qs;
    }
    void remoteIpIsNotTheBlockedIp()
    {
        QFETCH(QString, remoteIp);
        QFETCH(QString, diagnostic);
        QFETCH(QString, blocked);
        RecipientReport r;
        r.remoteIp = remoteIp;
        r.diagnostic = diagnostic;
        BounceClassifier().classify(r);
        QCOMPARE(r.blockedIp, blocked);
    }

    // ipsIn() runs its IPv4 regex only where three dots stand in a row, one to four
    // characters apart: the shortest and longest octets, and addresses after other dots.
    void ipv4s_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("ips");
        QTest::newRow("shortest octets") << u"1.2.3.4"_qs << QStringList {u"1.2.3.4"_qs};
        QTest::newRow("longest octets")
                << u"hidden xxxx.xxxx.xxxx.xxxx here"_qs << QStringList {u"xxxx.xxxx.xxxx.xxxx"_qs};
        QTest::newRow("three-digit octets")
                << u"[255.255.255.254]"_qs << QStringList {u"255.255.255.254"_qs};
        QTest::newRow("letters") << u"ip a.b.c.d"_qs << QStringList {u"a.b.c.d"_qs};
        QTest::newRow("after a status and host names")
                << u"550 5.7.1 mx.example.com. said: client 192.0.2.1, 10.1.1.0.1.2.3.4"_qs
                << QStringList {u"192.0.2.1"_qs};
        QTest::newRow("after far dots")
                << u"a....b.example.org. 203.0.113.9."_qs << QStringList {u"203.0.113.9"_qs};
        QTest::newRow("masked after a version")
                << u"v1.2.3 from 113.98.228.*** x"_qs << QStringList {u"113.98.228.***"_qs};
        QTest::newRow("too few dots") << u"5.7.1 1.2.3"_qs << QStringList {};
        QTest::newRow("an octet too long") << u"1.2.34567.8"_qs << QStringList {};
        QTest::newRow("no dots") << u"550 user unknown"_qs << QStringList {};
    }
    void ipv4s() { compareIpsIn(); }

    // ipsIn() runs its IPv6 regex only where "::" or seven colons between hex groups stand.
    void ipv6s_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("ips");
        QTest::newRow("short") << u"from [2001:db8::25] said"_qs
                               << QStringList {u"2001:db8::25"_qs};
        QTest::newRow("loopback") << u"::1"_qs << QStringList {u"::1"_qs};
        QTest::newRow("eight groups")
                << u"at 10:20 host fe80:0:0:0:200:f8ff:fe21:67cf:"_qs << QStringList {};
        QTest::newRow("eight groups at the end")
                << u"at 10:20 host fe80:0:0:0:200:f8ff:fe21:67cf"_qs
                << QStringList {u"fe80:0:0:0:200:f8ff:fe21:67cf"_qs};
        QTest::newRow("seven groups") << u"1:2:3:4:5:6:7"_qs << QStringList {};
        QTest::newRow("a time") << u"Mon, 1 Jan 2024 12:34:56 +0000"_qs << QStringList {};
        // An IPv4 client through an IPv6 socket is listed, and checked, by its IPv4 address.
        QTest::newRow("mapped IPv4")
                << u"client ::ffff:192.0.2.1 refused"_qs << QStringList {u"192.0.2.1"_qs};
        QTest::newRow("mapped IPv4 in brackets, upper case")
                << u"Client host [::FFFF:198.51.100.7] blocked"_qs
                << QStringList {u"198.51.100.7"_qs};
        QTest::newRow("mapped IPv4 written out")
                << u"from 0:0:0:0:0:ffff:203.0.113.9."_qs << QStringList {u"203.0.113.9"_qs};
        QTest::newRow("IPv4 in an IPv6 address")
                << u"host 64:ff9b::192.0.2.33 said"_qs << QStringList {u"64:ff9b::192.0.2.33"_qs};
        QTest::newRow("a hex group cut at a dot") << u"::ffff:192.0"_qs << QStringList {};
    }
    void ipv6s() { compareIpsIn(); }

    // Microsoft 365 relaying a refusal: the reply after the arrow decides, even after dashes.
    void replyAfterArrowDecides_data()
    {
        QTest::addColumn<QString>("diagnostic");
        QTest::addColumn<int>("reply");
        QTest::addColumn<QString>("status");
        QTest::newRow("relayed") << u"550 5.7.514 Rejected -> 554 5.7.1 Service unavailable"_qs
                                 << 554 << u"5.7.1"_qs;
        QTest::newRow("dashes before the arrow")
                << u"pre-check - failed -- -> 451 4.3.0 try later"_qs << 451 << u"4.3.0"_qs;
        QTest::newRow("arrow without a reply")
                << u"550 5.1.1 a -> b unknown"_qs << 550 << u"5.1.1"_qs;
    }
    void replyAfterArrowDecides()
    {
        QFETCH(QString, diagnostic);
        QFETCH(int, reply);
        QFETCH(QString, status);
        RecipientReport r;
        r.diagnostic = diagnostic;
        BounceClassifier().classify(r);
        QCOMPARE(r.replyCode.value_or(0), reply);
        QCOMPARE(r.status, status);
    }

    void urls_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("urls");
        QTest::newRow("angle brackets")
                << QStringLiteral(
                           "Please see <http://www.mail-abuse.com/cgi-bin/lookup?1.2.3.4> (in")
                << QStringList {QStringLiteral("http://www.mail-abuse.com/cgi-bin/lookup?1.2.3.4")};
        QTest::newRow("cut by forum")
                << QStringLiteral("see http://www.mail-abuse.com/cgi-bin/looku … 8.228.***; Mail")
                << QStringList {};
        QTest::newRow("trailing dot") << QStringLiteral("visit https://sender.office.com/.")
                                      << QStringList {QStringLiteral("https://sender.office.com/")};
        QTest::newRow("www") << QStringLiteral("see www.spamhaus.org/query/ip/1.2.3.4 now")
                             << QStringList {
                                        QStringLiteral("http://www.spamhaus.org/query/ip/1.2.3.4")};
    }
    void urls()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, urls);
        QCOMPARE(BounceClassifier::urlsIn(text), urls);
    }

    // Links are looked for only where "http" or "www." stands, in any case, eight units a step:
    // at every place in a step, and at the very end.
    void urlsAtEveryLane()
    {
        const auto urlsAfter = [](int spaces, QStringView text) {
            const QString padded = QString(spaces, u' ') + text;
            return BounceClassifier::urlsIn(padded);
        };
        for (int at = 0; at < 18; ++at) {
            QCOMPARE(urlsAfter(at, u"HtTp://example.com/a"),
                    QStringList {u"HtTp://example.com/a"_qs});
            QCOMPARE(urlsAfter(at, u"wWW.example.com"), QStringList {u"http://wWW.example.com"_qs});
            QCOMPARE(urlsAfter(at, u"see http"), QStringList {});
            QCOMPARE(urlsAfter(at, u"hhtp wwww"), QStringList {});
        }
    }

    void codes_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("reply");
        QTest::addColumn<QString>("status");
        QTest::newRow("plain") << QStringLiteral("550 5.7.1 blocked") << 550
                               << QStringLiteral("5.7.1");
        QTest::newRow("dash") << QStringLiteral("550-5.7.1 blocked") << 550
                              << QStringLiteral("5.7.1");
        QTest::newRow("no status") << QStringLiteral("554 Blocked - see url") << 554 << QString();
        QTest::newRow("ip is not a status")
                << QStringLiteral("blocked 5.7.1.2 and 1.2.3.4") << 0 << QString();
        QTest::newRow("exchange hash")
                << QStringLiteral("#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##") << 550
                << QStringLiteral("5.1.1");
        QTest::newRow("inner") << QStringLiteral("smtp; 550 5.7.606 Access denied") << 550
                               << QStringLiteral("5.7.606");
        // A code inside the text is looked for only where three digits of one could stand.
        QTest::newRow("code at the very end")
                << QStringLiteral("ERROR_CODE :459") << 459 << QString();
        QTest::newRow("last code of the range")
                << QStringLiteral("ERROR_CODE :559") << 559 << QString();
        QTest::newRow("code after a greeting")
                << QStringLiteral("220-greeting 400 4.2.1 later") << 400 << QStringLiteral("4.2.1");
        QTest::newRow("second digit past five") << QStringLiteral("said 560 no") << 0 << QString();
        // A status is looked for only where a digit, a dot, a digit, a dot and a digit stand.
        QTest::newRow("status at the very end")
                << QStringLiteral("ok 2.0.0") << 0 << QStringLiteral("2.0.0");
        QTest::newRow("status at the very start")
                << QStringLiteral("4.7.999 x") << 0 << QStringLiteral("4.7.999");
        QTest::newRow("subject digit past seven") << QStringLiteral("x 5.8.1 y") << 0 << QString();
        QTest::newRow("status after a hash and dots")
                << QStringLiteral("a.b. #5.1.1.") << 0 << QStringLiteral("5.1.1");
        QTest::newRow("detail too long") << QStringLiteral("x 5.1.1234") << 0 << QString();
        QTest::newRow("code after white space and brackets")
                << QStringLiteral(" \t\f<<< 452-4.3.1 full") << 452 << QStringLiteral("4.3.1");
        QTest::newRow("digits of a status only")
                << QStringLiteral("failed: 4.5.0 x") << 0 << QStringLiteral("4.5.0");
    }
    void codes()
    {
        QFETCH(QString, text);
        QFETCH(int, reply);
        QFETCH(QString, status);
        QCOMPARE(BounceClassifier::replyCodeIn(text).value_or(0), reply);
        QCOMPARE(BounceClassifier::statusIn(text), status);
    }

    // ipsIn() runs its regexes only where dots or colons stand as an address needs them. The
    // reference: the same text with an address of each kind after a line break, which no match
    // can reach across, so that both regexes run; less those two, the addresses must be the same.
    void ipsInFindsWhatItsRegexesFind()
    {
        static constexpr char16_t units[] = {u'.', u'.', u':', u':', u'1', u'9', u'0', u'a', u'f',
                u'x', u'*', u' ', u'-', u'[', u']'};
        static const QStringList pieces {u"1:2:3:4:5:6:"_qs, u"a:b:c:d:e:f:"_qs, u"::ffff:"_qs,
                u"1.2.3.4"_qs, u"2001:db8:"_qs, u"1:2:3:4:5:6:7:"_qs};
        QRandomGenerator random(20261206);
        int found = 0;
        for (int round = 0; round < 50000; ++round) {
            QString text;
            for (int n = random.bounded(24); n > 0; --n) {
                switch (random.bounded(8)) {
                case 0:
                case 1:
                    text += QString::number(random.bounded(300));
                    break;
                case 2: // pieces of the address forms that need the most colons
                    text += pieces[random.bounded(int(pieces.size()))];
                    break;
                default:
                    text += QChar(units[random.bounded(int(std::size(units)))]);
                }
            }
            const auto ips = [](const QList<WrittenIp> &written) {
                QStringList out;
                for (const WrittenIp &ip : written)
                    out << ip.text + u'@' + QString::number(ip.position) + (ip.masked ? u"*" : u"");
                return out;
            };
            QStringList expected = ips(BounceClassifier::ipsIn(QString(text + u"\n1.1.1.1\n::1")));
            QCOMPARE(expected.size() >= 2 ? expected.mid(expected.size() - 2) : expected,
                    (QStringList {u"1.1.1.1@"_qs + QString::number(text.size() + 1),
                            u"::1@"_qs + QString::number(text.size() + 9)}));
            expected.resize(expected.size() - 2);
            found += !expected.isEmpty();
            QCOMPARE(ips(BounceClassifier::ipsIn(text)), expected);
        }
        QVERIFY2(found > 500, qPrintable(QString::number(found)));
    }

    // statusIn() runs its regex only where a digit, a dot, a digit, a dot and a digit stand:
    // random texts of digits and dots, against the regex run on every text.
    void statusInFindsWhatItsRegexFinds()
    {
        // A plain literal: moc does not read a class that holds a raw string with quotes in it.
        static const Regex re(
                QStringLiteral("(?<![\\d.])#?([245]\\.[0-7]\\.\\d{1,3})(?![\\d.]*\\d)"));
        static constexpr char16_t units[] = {u'.', u'.', u'.', u'#', u' ', u'x', u'-'};
        static const QStringList pieces {
                u"5.1.1"_qs, u"4.7."_qs, u"2.0"_qs, u"5.8.1"_qs, u".1234"_qs, u"3.1"_qs};
        QRandomGenerator random(20261207);
        int found = 0;
        for (int round = 0; round < 50000; ++round) {
            const QString text =
                    randomText(random, 12, 4, pieces, QStringView(units, std::size(units)));
            const RegexMatch m = re.match(text);
            const QString expected = m.hasMatch() ? m.captured(1) : QString();
            found += !expected.isEmpty();
            QCOMPARE(BounceClassifier::statusIn(text), expected);
        }
        QVERIFY2(found > 1000, qPrintable(QString::number(found)));
    }

    // replyCodeIn() reads a code as two regexes do, by hand: random short texts of the units
    // that matter to them, against the regexes themselves.
    void replyCodeReadsAsItsRegexes()
    {
        // Plain literals: moc does not read a class that holds a raw string with quotes in it.
        static const Regex leading(
                QStringLiteral("^\\s*(?:[<>]{3}\\s*)?#?([245]\\d\\d)(?:[ \\-:]|$)"));
        static const Regex anywhere(
                QStringLiteral("(?:^|[\\s:;(<'\"=\\[`])([45][0-5]\\d)(?=[\\s\\-:'\"),\\]`.]|$)"));
        const auto reference = [](const QString &text) -> std::optional<int> {
            const RegexMatch first = leading.match(text);
            if (first.hasMatch() && !first.capturedView(1).startsWith(u'2'))
                return first.capturedView(1).toInt();
            const RegexMatch inside = anywhere.match(text);
            if (inside.hasMatch())
                return inside.capturedView(1).toInt();
            return std::nullopt;
        };
        static constexpr char16_t units[] = {u'0', u'2', u'3', u'4', u'5', u'6', u'9', u' ', u'\t',
                u'\n', u'\r', u'\v', u'\f', 0x85, 0xa0, 0x2028, 0x3000, u'<', u'>', u'#', u':',
                u';', u'(', u')', u'\'', u'"', u'=', u'[', u']', u'`', u'-', u',', u'.', u'a',
                u'x'};
        static const QStringList codes {u"550"_qs, u"421"_qs, u"452"_qs, u"250"_qs, u"459"_qs,
                u"560"_qs, u"5501"_qs, u"45"_qs, u"3"_qs};
        QRandomGenerator random(20261205);
        int found = 0;
        for (int round = 0; round < 100000; ++round) {
            // Codes and digits a third of the time each, so that codes stand in many texts.
            const QString text =
                    randomText(random, 8, 3, codes, QStringView(units, std::size(units)));
            const std::optional<int> expected = reference(text);
            found += expected.has_value();
            QCOMPARE(BounceClassifier::replyCodeIn(text), expected);
        }
        QVERIFY2(found > 5000, qPrintable(QString::number(found)));
    }
};

QTEST_GUILESS_MAIN(TstBounceClassifier)
#include "tst_bounceclassifier.moc"
