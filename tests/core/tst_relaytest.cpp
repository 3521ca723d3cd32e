// SPDX-License-Identifier: GPL-3.0-or-later
// The relay test against a real SMTP server on loopback (Debian's python3-aiosmtpd with a
// certificate made by openssl), one row per result of the relay-test contract and per way an
// ISP relay is known to fail.
#include "DnsmasqServer.h"
#include "SmtpRelayFixture.h"
#include "dns/CaresResolver.h"
#include "relay/SmtpRelayTest.h"
#include "relay/SmtpReply.h"

#include <QJsonDocument>
#include <QLibraryInfo>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>
#include <QTranslator>
#include <QUrl>

using namespace bd;

namespace {

enum Port { Plain, StartTlsPort, ImplicitPort, ClosedPort };

quint16 closedPort()
{
    QTcpServer s;
    s.listen(QHostAddress::LocalHost, 0);
    return s.serverPort(); // closed again when `s` goes
}

// Every form of the password a careless tool (or server) could leak; compared without case.
QStringList secretForms(const QString &user, const QString &password)
{
    const QByteArray blob = QByteArray(1, '\0') + user.toUtf8() + '\0' + password.toUtf8();
    return {password, QString::fromLatin1(password.toUtf8().toBase64()),
            QString::fromLatin1(password.toUtf8().toBase64(QByteArray::OmitTrailingEquals)),
            QString::fromLatin1(QUrl::toPercentEncoding(password)),
            QString::fromLatin1(blob.toBase64()),
            QString::fromLatin1(blob.toBase64(QByteArray::OmitTrailingEquals))};
}

} // namespace

class TstRelayTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QString why;
        if (!SmtpRelayFixture::available(&why)) {
            if (qEnvironmentVariableIsSet("CI"))
                QFAIL(qPrintable(why));
            QSKIP(qPrintable(why));
        }
    }

    void replyReader_data()
    {
        QTest::addColumn<QByteArrayList>("lines");
        QTest::addColumn<int>("code"); // 0: an error
        QTest::addColumn<QString>("enhanced");
        QTest::addColumn<QStringList>("auth");
        QTest::newRow("one line") << QByteArrayList {"250 2.1.0 Ok"} << 250 << "2.1.0"
                                  << QStringList {};
        QTest::newRow("no text") << QByteArrayList {"220"} << 220 << QString() << QStringList {};
        QTest::newRow("ehlo with auth")
                << QByteArrayList {"250-smtp.isp.example", "250-STARTTLS", "250-AUTH PLAIN LOGIN",
                           "250-AUTH=PLAIN LOGIN XOAUTH2", "250 HELP"}
                << 250 << QString() << QStringList {u"PLAIN"_qs, u"LOGIN"_qs, u"XOAUTH2"_qs};
        QTest::newRow("class must match")
                << QByteArrayList {"550 2.1.0 odd"} << 550 << QString() << QStringList {};
        QTest::newRow("not a reply")
                << QByteArrayList {"HTTP/1.1 400 Bad Request"} << 0 << QString() << QStringList {};
        QTest::newRow("code changes")
                << QByteArrayList {"250-a", "550 b"} << 0 << QString() << QStringList {};
        QTest::newRow("first digit not 2-5")
                << QByteArrayList {"060 5.7.0 odd"} << 0 << QString() << QStringList {};
        QTest::newRow("bad separator")
                << QByteArrayList {"250+a"} << 0 << QString() << QStringList {};
        QTest::newRow("line too long") << QByteArrayList {"250 " + QByteArray(5000, 'x')} << 0
                                       << QString() << QStringList {};
        QByteArrayList flood;
        for (int i = 0; i < 1500; ++i)
            flood << "250-X";
        flood << "250 end";
        QTest::newRow("too many lines") << flood << 0 << QString() << QStringList {};
    }
    void replyReader()
    {
        QFETCH(QByteArrayList, lines);
        QFETCH(int, code);
        QFETCH(QString, enhanced);
        QFETCH(QStringList, auth);
        SmtpReplyReader reader;
        SmtpReplyReader::Status status = SmtpReplyReader::Status::NeedMore;
        for (const QByteArray &l : lines) {
            status = reader.feed(l);
            if (status != SmtpReplyReader::Status::NeedMore)
                break;
        }
        if (code == 0) {
            QCOMPARE(status, SmtpReplyReader::Status::Error);
            QVERIFY(!reader.error().isEmpty());
            return;
        }
        QCOMPARE(status, SmtpReplyReader::Status::Complete);
        const SmtpReply r = reader.take();
        QCOMPARE(r.code, code);
        QCOMPARE(r.enhanced, enhanced);
        QCOMPARE(r.authMechanisms(), auth);
    }

    void results_data()
    {
        QTest::addColumn<QString>("mode"); // of the server
        QTest::addColumn<bool>("wrongName"); // certificate for other.example
        QTest::addColumn<int>("port");
        QTest::addColumn<QString>("tls");
        QTest::addColumn<QString>("password"); // "" = no login; "good" = the right one
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        QTest::addColumn<bool>("trustCa");
        QTest::addColumn<bool>("insecure");
        QTest::addColumn<bool>("allowPlain");
        QTest::addColumn<QString>("result");
        QTest::addColumn<QString>("step");
        QTest::addColumn<QString>("explains"); // a phrase of the explanation

        const auto row = [](const char *name, const char *mode, bool wrongName, Port port,
                                 const char *tls, const char *password, const char *from,
                                 const char *to, bool trustCa, bool insecure, bool allowPlain,
                                 const char *result, const char *step, const char *explains) {
            const auto s = [](const char *t) { return QString::fromUtf8(t); };
            QTest::newRow(name) << s(mode) << wrongName << int(port) << s(tls) << s(password)
                                << s(from) << s(to) << trustCa << insecure << allowPlain
                                << s(result) << s(step) << s(explains);
        };
        const char *good = "good";
        const char *ext = "someone@example.org";
        const char *own = "relay@isp.test";
        row("ok: 587 STARTTLS, login, relay", "normal", false, StartTlsPort, "starttls", good, own,
                ext, true, false, false, "ok", "rcpt", "works");
        row("ok: 465 implicit TLS", "normal", false, ImplicitPort, "implicit", good, own, ext, true,
                false, false, "ok", "rcpt", "works");
        row("ok: AUTH LOGIN dialogue", "login-only", false, StartTlsPort, "starttls", good, own,
                ext, true, false, false, "ok", "rcpt", "works");
        row("ok: local recipient without login", "normal", false, StartTlsPort, "starttls", "",
                "a@example.com", "postmaster@isp.test", true, false, false, "ok", "rcpt", "works");
        row("ok: untrusted certificate with insecure", "normal", false, StartTlsPort, "starttls",
                good, "", "", false, true, false, "ok", "auth", "works");
        row("ok: plaintext login when allowed", "auth-before-tls", false, Plain, "none", good, own,
                ext, false, false, true, "ok", "rcpt", "works");
        row("connect-failed: refused", "normal", false, ClosedPort, "starttls", "", "", "", true,
                false, false, "connect-failed", "connect", "connection refused");
        row("banner-rejected: 554 greeting", "banner-reject", false, Plain, "starttls", "", "", "",
                true, false, false, "banner-rejected", "banner", "before anything else");
        row("ehlo-rejected", "ehlo-reject", false, StartTlsPort, "starttls", "", "", "", true,
                false, false, "ehlo-rejected", "ehlo", "fully qualified");
        row("tls-unavailable: no STARTTLS", "no-starttls", false, StartTlsPort, "starttls", good,
                "", "", true, false, false, "tls-unavailable", "ehlo", "does not offer STARTTLS");
        row("tls-unavailable: 454", "starttls-454", false, StartTlsPort, "starttls", good, "", "",
                true, false, false, "tls-unavailable", "starttls", "temporary");
        row("tls-failed: untrusted certificate", "normal", false, StartTlsPort, "starttls", good,
                "", "", false, false, false, "tls-failed", "tls", "not trusted");
        row("tls-failed: certificate for another name", "normal", true, StartTlsPort, "starttls",
                good, "", "", true, false, false, "tls-failed", "tls", "not issued for");
        row("tls-failed: implicit TLS on a STARTTLS port", "normal", false, StartTlsPort,
                "implicit", good, "", "", true, false, false, "tls-failed", "tls", "do not fit");
        row("timeout: STARTTLS client on an implicit port", "normal", false, ImplicitPort,
                "starttls", good, "", "", true, false, false, "timeout", "banner", "implicit");
        row("timeout: no greeting", "stall-banner", false, Plain, "starttls", "", "", "", true,
                false, false, "timeout", "banner", "no greeting");
        row("timeout: stalls after STARTTLS", "stall-after-starttls", false, StartTlsPort,
                "starttls", good, "", "", true, false, false, "timeout", "tls", "handshake");
        row("auth-unavailable: no AUTH", "no-auth", false, StartTlsPort, "starttls", good, "", "",
                true, false, false, "auth-unavailable", "auth", "offers no login");
        row("auth-unavailable: only CRAM-MD5", "cram-only", false, StartTlsPort, "starttls", good,
                "", "", true, false, false, "auth-unavailable", "auth", "CRAM-MD5");
        row("auth-unavailable: login only in clear", "auth-before-tls", false, Plain, "none", good,
                "", "", true, false, false, "auth-unavailable", "auth", "only before encryption");
        row("auth-failed: wrong password", "normal", false, StartTlsPort, "starttls", "wrong-Pass",
                "", "", true, false, false, "auth-failed", "auth", "user name or password");
        row("auth-failed: temporary", "auth-tempfail", false, StartTlsPort, "starttls", good, "",
                "", true, false, false, "auth-failed", "auth", "temporarily");
        row("auth-failed: server echoes the credentials", "echo-credentials", false, StartTlsPort,
                "starttls", good, "", "", true, false, false, "auth-failed", "auth",
                "user name or password");
        // Hostile-findings row 13: the password echoed upper- and lower-case, as unpadded base64,
        // URL-encoded and cut across two reply lines; and a password that looks like a code.
        row("auth-failed: echoes the password in other forms", "echo-password-forms", false,
                StartTlsPort, "starttls", good, "", "", true, false, false, "auth-failed", "auth",
                "user name or password");
        row("auth-failed: a password like a reply code", "echo-password-forms", false, StartTlsPort,
                "starttls", "250", "", "", true, false, false, "auth-failed", "auth",
                "user name or password");
        // Hostile-findings row 10: 334 after the one response AUTH PLAIN allows ended nothing.
        row("auth-failed: 334 forever", "auth-334-forever", false, StartTlsPort, "starttls", good,
                "", "", true, false, false, "auth-failed", "auth", "");
        row("mail-rejected: login required", "auth-required", false, StartTlsPort, "starttls", "",
                "a@example.com", ext, true, false, false, "mail-rejected", "mail", "wants a login");
        row("mail-rejected: sender not owned", "sender-mismatch", false, StartTlsPort, "starttls",
                good, "a@example.com", ext, true, false, false, "mail-rejected", "mail",
                "only sender addresses");
        row("rcpt-rejected: relay denied without login (454)", "normal", false, StartTlsPort,
                "starttls", "", "a@example.com", ext, true, false, false, "rcpt-rejected", "rcpt",
                "needs authentication");
        row("rcpt-rejected: relay denied, Postfix 2.9 style (554)", "old-relay-deny", false,
                StartTlsPort, "starttls", "", "a@example.com", ext, true, false, false,
                "rcpt-rejected", "rcpt", "needs authentication");
        row("protocol-error: 10,000 continuation lines", "flood", false, StartTlsPort, "starttls",
                "", "", "", true, false, false, "protocol-error", "ehlo", "without end");
        row("protocol-error: not SMTP", "garbage", false, Plain, "starttls", "", "", "", true,
                false, false, "protocol-error", "banner", "does not speak SMTP");
        row("protocol-error: drops mid-AUTH", "drop-mid-auth", false, StartTlsPort, "starttls",
                good, "", "", true, false, false, "protocol-error", "auth",
                "closed the connection");
    }
    void results()
    {
        QFETCH(QString, mode);
        QFETCH(bool, wrongName);
        QFETCH(int, port);
        QFETCH(QString, tls);
        QFETCH(QString, password);
        QFETCH(QString, from);
        QFETCH(QString, to);
        QFETCH(bool, trustCa);
        QFETCH(bool, insecure);
        QFETCH(bool, allowPlain);
        QFETCH(QString, result);
        QFETCH(QString, step);
        QFETCH(QString, explains);

        SmtpRelayFixture server(
                mode, wrongName ? SmtpRelayFixture::Cert::WrongName : SmtpRelayFixture::Cert::Good);
        QVERIFY2(server.start(), qPrintable(server.log()));
        RelayTestOptions o;
        const quint16 ports[] = {
                server.plainPort(), server.startTlsPort(), server.implicitPort(), closedPort()};
        o.endpoint = *RelayEndpoint::parse(
                QStringLiteral("127.0.0.1:%1").arg(ports[port]), relayTlsFromName(tls), nullptr);
        if (!password.isEmpty()) {
            o.user = SmtpRelayFixture::user();
            o.password = password == u"good" ? SmtpRelayFixture::password() : password;
        }
        o.from = from;
        o.to = to;
        o.helo = QStringLiteral("mail.example.com");
        if (trustCa)
            o.caFile = TestPki::instance().caFile();
        o.insecure = insecure;
        o.allowPlaintextAuth = allowPlain;
        o.timeoutMs = 1500;

        SmtpRelayTest test;
        QSignalSpy finished(&test, &SmtpRelayTest::finished);
        QString error;
        QVERIFY2(test.start(o, &error), qPrintable(error));
        // Every step has its own timeout, so every row ends; bounded by a few steps' worth.
        QVERIFY(finished.wait(15000));
        QCOMPARE(finished.size(), 1);
        const RelayTestResult &r = test.result();
        const QByteArray json = QJsonDocument(r.toJson()).toJson();
        QVERIFY2(relayResultId(r.result) == result, json.constData());
        QVERIFY2(relayStepId(r.step) == step, json.constData());
        QVERIFY2(r.explanation.contains(explains) || r.title.contains(explains), json.constData());
        QVERIFY(!r.title.isEmpty());
        QVERIFY(r.toJson().value(u"timings_ms").toObject().contains(u"total"));

        // Never the password in any form, in anything the test produced; a short password is
        // looked for in the texts only (a "250" would be found in every reply code).
        const QByteArray lowered = json.toLower();
        for (const QString &s : secretForms(SmtpRelayFixture::user(), SmtpRelayFixture::password()))
            QVERIFY2(!lowered.contains(s.toLower().toUtf8()), json.constData());
        QStringList texts {r.reply.mid(4), r.detail, r.explanation, r.banner.mid(4)};
        for (const auto &l : r.transcript) {
            if (l.dir == 'S' && !l.line.startsWith(u"..."))
                QVERIFY2(QRegularExpression(QStringLiteral(R"(^[2-5]\d\d([ -]|$))"))
                                 .match(l.line)
                                 .hasMatch(),
                        qPrintable(l.line)); // codes untouched by redaction
            static const QRegularExpression enhanced(QStringLiteral(R"(^\d\.\d+\.\d+ )"));
            texts << l.line.mid(4).remove(enhanced);
        }
        if (!o.password.isEmpty()) {
            for (const QString &s : secretForms(o.user, o.password)) {
                if (o.password.size() > 4)
                    QVERIFY2(!lowered.contains(s.toLower().toUtf8()), json.constData());
                for (const QString &t : std::as_const(texts))
                    QVERIFY2(!t.contains(s, Qt::CaseInsensitive), qPrintable(t));
            }
        }
        if (mode == u"echo-password-forms") {
            const QString all = texts.join(u'\n');
            QVERIFY2(all.count(u"<redacted>") >= 6, qPrintable(all));
        }

        if (result == u"ok" && tls != u"none") {
            QVERIFY(r.tlsProtocol.startsWith(u"TLSv1."));
            QVERIFY(!r.tlsCipher.isEmpty());
            QCOMPARE(r.peerVerified, !insecure);
            QCOMPARE(r.peerSubject, QStringLiteral("CN=localhost"));
            QCOMPARE(r.tlsErrors.isEmpty(), !insecure);
        }
        if (!password.isEmpty() && result == u"ok") {
            QVERIFY(r.authenticated);
            QVERIFY(r.transcript.size() > 4);
            bool sawRedacted = false;
            for (const auto &l : r.transcript)
                sawRedacted |= l.line.contains(u"<redacted>");
            QVERIFY(sawRedacted);
        }
        if (mode == u"normal" && tls == u"starttls" && result != u"tls-failed") {
            QVERIFY(r.authBeforeTls.isEmpty()); // the server hides AUTH until TLS
        }
        if (mode == u"login-only")
            QCOMPARE(r.authMechanism, QStringLiteral("LOGIN"));
        if (mode == u"auth-before-tls" && result == u"ok")
            QVERIFY(!r.authBeforeTls.isEmpty());
    }

    // Qt translates certificate errors; the advice must not depend on the language they are in.
    void chineseAdviceForAnUntrustedCertificate()
    {
        SmtpRelayFixture server(QStringLiteral("normal"));
        QVERIFY(server.start());
        RelayTestOptions o;
        o.endpoint = *RelayEndpoint::parse(
                QStringLiteral("127.0.0.1:%1").arg(server.startTlsPort()), {}, nullptr);
        o.lang = Language::SimplifiedChinese;
        QTranslator qtbase;
        QVERIFY(qtbase.load(QStringLiteral("qtbase_zh_CN"),
                QLibraryInfo::path(QLibraryInfo::TranslationsPath)));
        QCoreApplication::installTranslator(&qtbase);
        SmtpRelayTest test;
        QSignalSpy finished(&test, &SmtpRelayTest::finished);
        QVERIFY(test.start(o));
        QVERIFY(finished.wait(10000));
        QCOMPARE(test.result().result, RelayResult::TlsFailed);
        QCoreApplication::removeTranslator(&qtbase);
        QVERIFY2(test.result().explanation.contains(QStringLiteral("不信任")),
                qPrintable(test.result().explanation));
    }

    void cancelEndsAtOnce()
    {
        SmtpRelayFixture server(QStringLiteral("stall-banner"));
        QVERIFY(server.start());
        RelayTestOptions o;
        o.endpoint = *RelayEndpoint::parse(
                QStringLiteral("127.0.0.1:%1").arg(server.plainPort()), {}, nullptr);
        o.timeoutMs = 60000;
        SmtpRelayTest test;
        QSignalSpy finished(&test, &SmtpRelayTest::finished);
        QVERIFY(test.start(o));
        QTRY_COMPARE(test.result().transcript.size() + (test.isFinished() ? 1 : 0), 0);
        QTest::qWait(200);
        test.cancel();
        QVERIFY(finished.wait(2000));
        QCOMPARE(test.result().result, RelayResult::Cancelled);
    }

    // The relay's name goes through the resolver the user chose (--dns), like every lookup.
    void resolvesThroughTheGivenDns()
    {
        if (!DnsmasqServer::available())
            QSKIP("dnsmasq is not installed");
        DnsmasqServer dns({QStringLiteral("--host-record=smtp.isp.test,127.0.0.1")},
                {QStringLiteral("test")});
        QVERIFY(dns.start());
        SmtpRelayFixture server(QStringLiteral("normal"));
        QVERIFY(server.start());
        CaresResolver::Options ro;
        QString error;
        ro.server = *DnsServer::parse(dns.address(), &error);
        CaresResolver resolver(ro);
        for (const auto &[host, result] :
                {std::pair {QStringLiteral("smtp.isp.test"), QStringLiteral("tls-failed")},
                        std::pair {QStringLiteral("nothing.isp.test"),
                                QStringLiteral("connect-failed")}}) {
            RelayTestOptions o;
            o.endpoint = *RelayEndpoint::parse(
                    QStringLiteral("%1:%2").arg(host).arg(server.startTlsPort()), {}, nullptr);
            o.resolver = &resolver;
            o.caFile = TestPki::instance().caFile();
            o.timeoutMs = 2000;
            SmtpRelayTest test;
            QSignalSpy finished(&test, &SmtpRelayTest::finished);
            QVERIFY(test.start(o));
            QVERIFY(finished.wait(10000));
            // smtp.isp.test resolves to 127.0.0.1 but the certificate names localhost: the
            // name checked is the one the user asked for, not the address.
            QCOMPARE(relayResultId(test.result().result), result);
            if (result == u"tls-failed") {
                QCOMPARE(test.result().address, QStringLiteral("127.0.0.1"));
                QVERIFY(test.result().explanation.contains(u"not issued for smtp.isp.test"));
            } else {
                QVERIFY(test.result().unreachable());
                QVERIFY(test.result().detail.contains(u"host not found"));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TstRelayTest)
#include "tst_relaytest.moc"
