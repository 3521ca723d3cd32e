// SPDX-License-Identifier: GPL-3.0-or-later
// The command line as a user runs it: the real binary, its exit codes, stdout and stderr.
#include "DnsmasqServer.h"
#include "FakeDnsServer.h"
#include "FileModes.h"
#include "NetworkFixtures.h"
#include "SmtpRelayFixture.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QStringEncoder>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <memory>

namespace {

struct Run
{
    int exitCode;
    QByteArray out;
    QByteArray err;
};

// Sends `greeting` to every connection, as a mail server does, on a loopback port.
class GreetingServer : public QTcpServer
{
public:
    explicit GreetingServer(const QByteArray &greeting)
    {
        listen(QHostAddress::LocalHost, 0);
        connect(this, &QTcpServer::newConnection, this, [this, greeting] {
            while (QTcpSocket *s = nextPendingConnection())
                s->write(greeting);
        });
    }
};

// The CLI run with this thread's event loop running, for the servers that live in it.
Run cliServing(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral(BD_CLI_PATH), args);
    if (!QTest::qWaitFor([&] { return p.state() == QProcess::NotRunning; }, 60000)) {
        p.kill();
        p.waitForFinished();
    }
    return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
}

Run cli(const QStringList &args, const QByteArray &stdinData = {})
{
    QProcess p;
    p.start(QStringLiteral(BD_CLI_PATH), args);
    p.waitForStarted();
    if (!stdinData.isEmpty())
        p.write(stdinData);
    p.closeWriteChannel();
    p.waitForFinished(60000);
    return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
}

// The CLI run so that file modes hold for it even when the tests run as root.
Run cliHeldToFileModes(const QStringList &args)
{
    QProcess p;
    p.setChildProcessModifier(bd::test::dropReadOverrideOnExec);
    p.start(QStringLiteral(BD_CLI_PATH), args);
    p.waitForStarted();
    p.closeWriteChannel();
    p.waitForFinished(60000);
    return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
}

void writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(data);
}

const QByteArray postfixBounce =
        "From: MAILER-DAEMON@x.example\nSubject: Undelivered Mail\nDate: x\nMessage-ID: <1@x>\n\n"
        "<a@example.org>: host mx.example.org[192.0.2.1] said: 550 5.1.1 User unknown (in reply "
        "to RCPT TO command)\n";

} // namespace

class TstCli : public QObject
{
    Q_OBJECT
private slots:
    // Issue 17: the help speaks the user's language, from --lang or else the locale, and its
    // usage line names the subcommand (not the binary's full path).
    void helpInTheUsersLanguage_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("locale"); // LC_ALL for the run
        QTest::addColumn<QString>("usage");
        QTest::addColumn<QString>("said"); // a translated help line
        QTest::newRow("top, --lang zh_CN")
                << QStringList {u"--help"_qs, u"--lang"_qs, u"zh_CN"_qs} << u"C.UTF-8"_qs
                << u"用法：bounce-doctor-cli 子命令"_qs << u"查明外发邮件被退信的原因"_qs;
        QTest::newRow("top, zh_CN locale")
                << QStringList {u"--help"_qs} << u"zh_CN.UTF-8"_qs
                << u"用法：bounce-doctor-cli 子命令"_qs << u"查明外发邮件被退信的原因"_qs;
        for (const char *sub :
                {"classify", "check-ip", "relay-test", "relay-config", "letter", "diagnose"}) {
            const QString name = QString::fromLatin1(sub);
            QTest::addRow("%s, --lang zh_CN", sub)
                    << QStringList {name, u"--help"_qs, u"--lang"_qs, u"zh_CN"_qs} << u"C.UTF-8"_qs
                    << u"用法：bounce-doctor-cli "_qs + name + u" [选项]"_qs << u"显示此帮助。"_qs;
            QTest::addRow("%s, --lang=zh_CN", sub)
                    << QStringList {name, u"--lang=zh_CN"_qs, u"-h"_qs} << u"C.UTF-8"_qs
                    << u"用法：bounce-doctor-cli "_qs + name + u" [选项]"_qs << u"显示此帮助。"_qs;
            QTest::addRow("%s, zh_CN locale", sub)
                    << QStringList {name, u"--help"_qs} << u"zh_CN.UTF-8"_qs
                    << u"用法：bounce-doctor-cli "_qs + name + u" [选项]"_qs << u"显示此帮助。"_qs;
            QTest::addRow("%s, English", sub)
                    << QStringList {name, u"--help"_qs} << u"C.UTF-8"_qs
                    << u"Usage: bounce-doctor-cli "_qs + name + u" [options]"_qs
                    << u"Show this help."_qs;
        }
    }
    void helpInTheUsersLanguage()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, locale);
        QFETCH(QString, usage);
        QFETCH(QString, said);
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const QString &v : {u"LANGUAGE"_qs, u"LC_MESSAGES"_qs, u"LANG"_qs})
            env.remove(v);
        env.insert(u"LC_ALL"_qs, locale);
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(BD_CLI_PATH), args);
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 0);
        const QString out = QString::fromUtf8(p.readAllStandardOutput());
        QVERIFY2(out.startsWith(usage), qPrintable(out));
        QVERIFY2(out.contains(said), qPrintable(out));
    }

    void versionAndHelp()
    {
        const Run v = cli({QStringLiteral("--version")});
        QCOMPARE(v.exitCode, 0);
        QVERIFY(v.out.startsWith("bounce-doctor-cli 0."));
        const Run h = cli({QStringLiteral("--help")});
        QCOMPARE(h.exitCode, 0);
        for (const char *sub :
                {"classify", "check-ip", "relay-test", "relay-config", "letter", "diagnose"})
            QVERIFY2(h.out.contains(sub), sub);
        const Run ch = cli({QStringLiteral("classify"), QStringLiteral("--help")});
        QCOMPARE(ch.exitCode, 0);
        QVERIFY(ch.out.contains("--lang"));
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("no subcommand") << QStringList {} << QByteArray("subcommand is required");
        QTest::newRow("unknown subcommand") << QStringList {QStringLiteral("frobnicate")}
                                            << QByteArray("unknown subcommand 'frobnicate'");
        QTest::newRow("unknown flag")
                << QStringList {QStringLiteral("classify"), QStringLiteral("--bogus")}
                << QByteArray("bogus");
        QTest::newRow("bad lang") << QStringList {QStringLiteral("classify"),
                QStringLiteral("--lang"), QStringLiteral("fr")}
                                  << QByteArray("--lang 'fr'");
        QTest::newRow("check-ip: bad octet") << QStringList {u"check-ip"_qs,
                u"300.1.2.3"_qs} << QByteArray("'300.1.2.3' is not an IPv4 or IPv6 address");
        QTest::newRow("check-ip: short ip")
                << QStringList {u"check-ip"_qs, u"1.2.3"_qs} << QByteArray("'1.2.3' is not");
        QTest::newRow("check-ip: no ip")
                << QStringList {u"check-ip"_qs} << QByteArray("at least one IP");
        QTest::newRow("check-ip: dns name")
                << QStringList {u"check-ip"_qs, u"--dns"_qs, u"dns.google"_qs, u"192.0.2.1"_qs}
                << QByteArray("--dns:");
        QTest::newRow("check-ip: dns port")
                << QStringList {u"check-ip"_qs, u"--dns"_qs, u"127.0.0.1:70000"_qs, u"192.0.2.1"_qs}
                << QByteArray("not a port number");
        QTest::newRow("check-ip: timeout")
                << QStringList {u"check-ip"_qs, u"--timeout-ms"_qs, u"soon"_qs, u"192.0.2.1"_qs}
                << QByteArray("--timeout-ms");
        QTest::newRow("check-ip: zone")
                << QStringList {u"check-ip"_qs, u"--dnsbl"_qs, u"not a zone"_qs, u"192.0.2.1"_qs}
                << QByteArray("--dnsbl");
        QTest::newRow("check-ip: whois") << QStringList {u"check-ip"_qs, u"--whois-server"_qs,
                u"whois:x:y"_qs, u"192.0.2.1"_qs}
                                         << QByteArray("--whois-server");
        QTest::newRow("check-ip: rdap")
                << QStringList {u"check-ip"_qs, u"--rdap-base"_qs, u"ftp://x"_qs, u"192.0.2.1"_qs}
                << QByteArray("--rdap-base");
        // Issue 15: addresses a receiver never sees as the sender are refused with the reason.
        for (const char *ip : {"10.1.2.3", "172.20.0.5", "192.168.1.5", "100.64.3.4", "127.0.0.2",
                     "169.254.1.1", "0.0.0.0", "224.0.0.5", "240.1.2.3", "255.255.255.255",
                     "::", "::1", "fe80::1", "fd00::25"})
            QTest::addRow("check-ip: unseen %s", ip) << QStringList {u"check-ip"_qs,
                    QString::fromLatin1(ip)} << QByteArray("receivers never see this address");
        QTest::newRow("diagnose: unseen --ip names the bounces' address")
                << QStringList {u"diagnose"_qs, u"--ip"_qs, u"10.1.2.3"_qs,
                           QStringLiteral(BD_SOURCE_DIR "/resources/samples/trend-micro-dul.txt")}
                << QByteArray("the bounces name 113.98.228.10");
        QTest::newRow("relay-test: no host")
                << QStringList {u"relay-test"_qs} << QByteArray("--host is required");
        QTest::newRow("relay-test: port25 and host")
                << QStringList {u"relay-test"_qs, u"--port25"_qs, u"mx.example.org"_qs,
                           u"--host"_qs, u"smtp.isp.example"_qs}
                << QByteArray("--port25 and --host are two different tests");
        QTest::newRow("relay-test: port25 not a host") << QStringList {u"relay-test"_qs,
                u"--port25"_qs, u"mx example"_qs} << QByteArray("is not a host name or address");
        QTest::newRow("relay-test: port25 bad port") << QStringList {u"relay-test"_qs,
                u"--port25"_qs, u"127.0.0.1"_qs, u"--port"_qs,
                u"70000"_qs} << QByteArray("--port: '70000' is not a port number");
        QTest::newRow("relay-test: bad tls") << QStringList {u"relay-test"_qs, u"--host"_qs,
                u"smtp.isp.example"_qs, u"--tls"_qs, u"ssl"_qs}
                                             << QByteArray("--tls must be");
        QTest::newRow("relay-test: bad port") << QStringList {u"relay-test"_qs, u"--host"_qs,
                u"smtp.isp.example"_qs, u"--port"_qs, u"smtp"_qs}
                                              << QByteArray("not a port");
        QTest::newRow("relay-test: user without password") << QStringList {u"relay-test"_qs,
                u"--host"_qs, u"smtp.isp.example"_qs, u"--user"_qs,
                u"u"_qs} << QByteArray("--user needs --password-env");
        QTest::newRow("relay-test: login in clear") << QStringList {u"relay-test"_qs, u"--host"_qs,
                u"smtp.isp.example"_qs, u"--tls"_qs, u"none"_qs, u"--user"_qs, u"u"_qs,
                u"--password-env"_qs, u"HOME"_qs} << QByteArray("--allow-plaintext-auth");
        QTest::newRow("relay-test: to without from") << QStringList {u"relay-test"_qs, u"--host"_qs,
                u"127.0.0.1"_qs, u"--to"_qs, u"a@example.org"_qs}
                                                     << QByteArray("needs a sender");
        QTest::newRow("relay-config: no mta") << QStringList {u"relay-config"_qs, u"--relay"_qs,
                u"smtp.isp.example"_qs} << QByteArray("--mta is required");
        QTest::newRow("relay-config: unknown mta") << QStringList {u"relay-config"_qs, u"--mta"_qs,
                u"qmail"_qs, u"--relay"_qs, u"smtp.isp.example"_qs}
                                                   << QByteArray("unknown --mta 'qmail'");
        QTest::newRow("relay-config: no relay") << QStringList {u"relay-config"_qs, u"--mta"_qs,
                u"postfix"_qs} << QByteArray("--relay HOST[:PORT] is required");
        QTest::newRow("relay-config: bad relay") << QStringList {u"relay-config"_qs, u"--mta"_qs,
                u"postfix"_qs, u"--relay"_qs, u"smtp.isp.example;reboot"_qs}
                                                 << QByteArray("--relay:");
        QTest::newRow("relay-config: tls none") << QStringList {u"relay-config"_qs, u"--mta"_qs,
                u"postfix"_qs, u"--relay"_qs, u"smtp.isp.example"_qs, u"--tls"_qs, u"none"_qs}
                                                << QByteArray("--tls must be starttls or implicit");
        QTest::newRow("relay-config: unset password variable") << QStringList {u"relay-config"_qs,
                u"--mta"_qs, u"postfix"_qs, u"--relay"_qs, u"smtp.isp.example"_qs, u"--user"_qs,
                u"u"_qs, u"--password-env"_qs,
                u"BD_NO_SUCH_VARIABLE"_qs} << QByteArray("BD_NO_SUCH_VARIABLE is not set");
        QTest::newRow("relay-config: password without user") << QStringList {u"relay-config"_qs,
                u"--mta"_qs, u"postfix"_qs, u"--relay"_qs, u"smtp.isp.example"_qs,
                u"--password-env"_qs, u"HOME"_qs} << QByteArray("a password needs --user");
        QTest::newRow("relay-config: bad version") << QStringList {u"relay-config"_qs, u"--mta"_qs,
                u"postfix"_qs, u"--relay"_qs, u"smtp.isp.example"_qs, u"--mta-version"_qs,
                u"three"_qs} << QByteArray("--mta-version");
        QTest::newRow("relay-config: postfix too old") << QStringList {u"relay-config"_qs,
                u"--mta"_qs, u"postfix"_qs, u"--relay"_qs, u"smtp.isp.example"_qs,
                u"--mta-version"_qs, u"2.2"_qs} << QByteArray("older than 2.3");
        QTest::newRow("relay-config: iredmail with exim") << QStringList {u"relay-config"_qs,
                u"--mta"_qs, u"exim4"_qs, u"--relay"_qs, u"smtp.isp.example"_qs,
                u"--iredmail"_qs} << QByteArray("--iredmail goes with --mta postfix");
        QTest::newRow("letter: no kind") << QStringList {u"letter"_qs, u"--ip"_qs, u"192.0.2.1"_qs}
                                         << QByteArray("--kind is required");
        QTest::newRow("letter: unknown kind")
                << QStringList {u"letter"_qs, u"--kind"_qs, u"love"_qs, u"--ip"_qs, u"192.0.2.1"_qs}
                << QByteArray("unknown --kind 'love'");
        QTest::newRow("letter: no ip") << QStringList {u"letter"_qs, u"--kind"_qs,
                u"isp-static-rdns"_qs} << QByteArray("--ip is required");
        QTest::newRow("letter: bad ip") << QStringList {u"letter"_qs, u"--kind"_qs,
                u"isp-static-rdns"_qs, u"--ip"_qs, u"113.98.228.***"_qs}
                                        << QByteArray("is not an IPv4 or IPv6 address");
        QTest::newRow("letter: bad to") << QStringList {u"letter"_qs, u"--kind"_qs,
                u"isp-static-rdns"_qs, u"--ip"_qs, u"192.0.2.1"_qs, u"--to"_qs, u"abuse"_qs}
                                        << QByteArray("--to: 'abuse' is not a mail address");
        QTest::newRow("letter: bad format") << QStringList {u"letter"_qs, u"--kind"_qs,
                u"isp-static-rdns"_qs, u"--ip"_qs, u"192.0.2.1"_qs, u"--format"_qs, u"docx"_qs}
                                            << QByteArray("--format must be txt, eml or pdf");
        QTest::newRow("letter: pdf to stdout") << QStringList {u"letter"_qs, u"--kind"_qs,
                u"isp-static-rdns"_qs, u"--ip"_qs, u"192.0.2.1"_qs, u"--format"_qs, u"pdf"_qs}
                                               << QByteArray("--format pdf needs --output");
        // Hostile-findings row 16: a path went through as the sender domain.
        QTest::newRow("check-ip: domain that is a path")
                << QStringList {u"check-ip"_qs, u"--domain"_qs, u"../../etc"_qs, u"192.0.2.1"_qs}
                << QByteArray("--domain: '../../etc' is not a domain name");
        QTest::newRow("diagnose: domain with a space")
                << QStringList {u"diagnose"_qs, u"--domain"_qs, u"exa mple.com"_qs, u"x.eml"_qs}
                << QByteArray("--domain: 'exa mple.com' is not a domain name");
        // PCRE's $ matches before a final newline; the name checks are anchored with \z.
        QTest::newRow("check-ip: helo ending in a newline") << QStringList {u"check-ip"_qs,
                u"--helo"_qs, u"mail.example.com\n"_qs,
                u"192.0.2.1"_qs} << QByteArray("--helo: 'mail.example.com");
        QTest::newRow("letter: domain ending in a newline") << QStringList {u"letter"_qs,
                u"--kind"_qs, u"isp-static-rdns"_qs, u"--ip"_qs, u"192.0.2.1"_qs, u"--domain"_qs,
                u"example.com\n"_qs} << QByteArray("--domain: 'example.com");
        QTest::newRow("letter: bad domain") << QStringList {u"letter"_qs, u"--kind"_qs,
                u"isp-static-rdns"_qs, u"--ip"_qs, u"192.0.2.1"_qs, u"--domain"_qs,
                u"exa mple.com"_qs} << QByteArray("--domain");
        QTest::newRow("letter: assignment without the ip")
                << QStringList {u"letter"_qs, u"--kind"_qs, u"isp-static-rdns"_qs, u"--ip"_qs,
                           u"113.98.228.10"_qs, u"--assignment"_qs, u"113.98.229.0/29"_qs}
                << QByteArray("--assignment: 113.98.229.0/29 does not contain 113.98.228.10");
        QTest::newRow("letter: bad assignment")
                << QStringList {u"letter"_qs, u"--kind"_qs, u"isp-static-rdns"_qs, u"--ip"_qs,
                           u"113.98.228.10"_qs, u"--assignment"_qs, u"113.98.228.10"_qs}
                << QByteArray("--assignment: '113.98.228.10' is not an address range");
        QTest::newRow("letter: bad dns") << QStringList {u"letter"_qs, u"--kind"_qs,
                u"isp-static-rdns"_qs, u"--ip"_qs, u"113.98.228.10"_qs, u"--dns"_qs,
                u"ns.example"_qs} << QByteArray("--dns:");
        QTest::newRow("diagnose: bad assignment")
                << QStringList {u"diagnose"_qs, u"--assignment"_qs, u"big"_qs, u"x.eml"_qs}
                << QByteArray("--assignment: 'big' is not an address range");
        // Hostile-findings row 8: a header of the attacker's own through --name/--to/--from.
        QTest::newRow("letter: name with CRLF")
                << QStringList {u"letter"_qs, u"--kind"_qs, u"isp-static-rdns"_qs, u"--ip"_qs,
                           u"113.98.228.10"_qs, u"--no-dns"_qs, u"--format"_qs, u"eml"_qs,
                           u"--name"_qs, u"Li Ming\r\nBcc: attacker@evil.example"_qs}
                << QByteArray("--name: a control character (U+000D) cannot go into a mail header");
        QTest::newRow("letter: to ending in LF")
                << QStringList {u"letter"_qs, u"--kind"_qs, u"isp-static-rdns"_qs, u"--ip"_qs,
                           u"113.98.228.10"_qs, u"--no-dns"_qs, u"--to"_qs,
                           u"abuse@example.net\n"_qs}
                << QByteArray("--to: 'abuse@example.net\n' is not a mail address");
        QTest::newRow("letter: from ending in LF")
                << QStringList {u"letter"_qs, u"--kind"_qs, u"isp-static-rdns"_qs, u"--ip"_qs,
                           u"113.98.228.10"_qs, u"--no-dns"_qs, u"--from"_qs,
                           u"me@example.com\n"_qs}
                << QByteArray("--from: 'me@example.com\n' is not a mail address");
        QTest::newRow("diagnose: no input")
                << QStringList {QStringLiteral("diagnose")} << QByteArray("give the bounces");
        QTest::newRow("diagnose: bad format") << QStringList {u"diagnose"_qs, u"--format"_qs,
                u"pdf"_qs, u"x.eml"_qs} << QByteArray("--format must be md, html or json");
        QTest::newRow("diagnose: bad ip")
                << QStringList {u"diagnose"_qs, u"--ip"_qs, u"113.98.228.***"_qs, u"x.eml"_qs}
                << QByteArray("--ip:");
    }
    void usageErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QByteArray, message);
        const Run r = cli(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message), r.err.constData());
        // One line naming the problem; nothing faked on stdout for missing features.
        if (message.contains("not available"))
            QVERIFY(r.out.isEmpty());
    }

    // Hostile-findings row 16: closed stdin or /dev/null was "1 message read, not a bounce".
    void emptyInputSaysSo_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("closed stdin") << QStringList {
                u"classify"_qs} << QByteArray("<stdin>: no text came on standard input (0 bytes)");
        QTest::newRow("stdin named") << QStringList {u"classify"_qs, u"--json"_qs,
                u"-"_qs} << QByteArray("<stdin>: no text came on standard input (0 bytes)");
        QTest::newRow("/dev/null") << QStringList {u"classify"_qs, u"/dev/null"_qs}
                                   << QByteArray("/dev/null: no text in it (0 bytes)");
    }
    void emptyInputSaysSo()
    {
        QFETCH(QStringList, args);
        QFETCH(QByteArray, message);
        const Run r = cli(args);
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains(message), r.err.constData());
    }

    void unreadableInputExits3()
    {
        const Run r = cli({QStringLiteral("classify"), QStringLiteral("/nonexistent/bounce.eml")});
        QCOMPARE(r.exitCode, 3);
        QVERIFY(r.err.contains("/nonexistent/bounce.eml: no such file"));
    }

    void oversizedInputExits3()
    {
        QTemporaryDir dir;
        QFile big(dir.filePath(QStringLiteral("huge.txt")));
        QVERIFY(big.open(QIODevice::WriteOnly));
        QVERIFY(big.resize((64 << 20) + 1)); // sparse: one byte over the limit
        big.close();
        const Run r = cli({QStringLiteral("classify"), big.fileName()});
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains("larger than 64 MiB"), r.err.constData());
    }

    // A Maildir with a message we may not read: the rest is read (exit 0) and the file left out
    // is named on stderr. With nothing readable, exit 3 says "permission denied".
    void unreadableFilesInAFolder()
    {
        if (!bd::test::canDropReadOverrideOnExec())
            QSKIP("running as root without CAP_SETPCAP: every file is readable");
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("Maildir/cur")));
        const QString readable = dir.filePath(QStringLiteral("Maildir/cur/1:2,S"));
        const QString locked = dir.filePath(QStringLiteral("Maildir/cur/2:2,S"));
        writeFile(readable, postfixBounce);
        writeFile(locked, postfixBounce);
        QVERIFY(QFile::setPermissions(locked, QFile::WriteOwner));
        const QString maildir = dir.filePath(QStringLiteral("Maildir"));
        const Run r = cliHeldToFileModes({u"classify"_qs, u"--json"_qs, maildir});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(QString::fromUtf8(r.err),
                QStringLiteral("bounce-doctor-cli classify: warning: %1: permission denied; "
                               "skipped\n")
                        .arg(locked));
        const QJsonArray messages =
                QJsonDocument::fromJson(r.out).object().value(u"messages").toArray();
        QCOMPARE(messages.size(), 1);
        QCOMPARE(messages[0].toObject().value(u"source").toString(), readable);

        QVERIFY(QFile::setPermissions(readable, QFile::WriteOwner));
        const Run none = cliHeldToFileModes({u"classify"_qs, maildir});
        QCOMPARE(none.exitCode, 3);
        QVERIFY2(none.err.contains(QByteArray(maildir.toUtf8() + ": permission denied")),
                none.err.constData());
        QVERIFY2(!none.err.contains("no messages"), none.err.constData());
    }

    // Messages in subfolders are found; UTF-16 text with a byte order mark is read, from a
    // file and from stdin.
    void subfoldersAndUtf16()
    {
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("bounces/2026-11")));
        QStringEncoder utf16(QStringConverter::Utf16LE, QStringConverter::Flag::WriteBom);
        const QByteArray paste = utf16.encode(QString::fromUtf8(
                "<x@example.org>: host h[192.0.2.9] said: 554 5.7.1 blocked using "
                "zen.spamhaus.org (in reply to RCPT TO command)\r\n"));
        writeFile(dir.filePath(QStringLiteral("bounces/2026-11/paste.txt")), paste);
        const Run r = cli({u"classify"_qs, u"--json"_qs, dir.filePath(u"bounces"_qs)});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.isEmpty(), r.err.constData());
        const QJsonArray messages =
                QJsonDocument::fromJson(r.out).object().value(u"messages").toArray();
        QCOMPARE(messages.size(), 1);
        QCOMPARE(messages[0]
                         .toObject()
                         .value(u"recipients")
                         .toArray()
                         .at(0)
                         .toObject()
                         .value(u"listing"),
                u"spamhaus"_qs);

        const Run s = cli({u"classify"_qs, u"--json"_qs, u"-"_qs}, paste);
        QCOMPARE(s.exitCode, 0);
        QVERIFY(s.out.contains("\"listing\":\"spamhaus\""));
    }

    // The text report says what a limit left unread.
    void textReportSaysWhatWasCut()
    {
        QByteArray msg = "From: MAILER-DAEMON@mx.example.org\nDate: x\nMessage-ID: <1@x>\n"
                         "Subject: Undelivered Mail Returned to Sender\nMIME-Version: 1.0\n"
                         "Content-Type: multipart/report; report-type=delivery-status; "
                         "boundary=BB\n\n--BB\nContent-Type: message/delivery-status\n\n"
                         "Reporting-MTA: dns; mx.example.org\n\n";
        for (int i = 0; i < 1001; ++i)
            msg += "Final-Recipient: rfc822; u" + QByteArray::number(i)
                    + "@example.net\nAction: failed\nStatus: 5.1.1\n\n";
        msg += "--BB--\n";
        QTemporaryDir dir;
        writeFile(dir.filePath(u"dsn.eml"_qs), msg);
        const Run r = cli({u"classify"_qs, dir.filePath(u"dsn.eml"_qs)});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("Note: only the first 1000 of 1001 recipients in the delivery "
                                "status were read\n"),
                r.out.left(500).constData());
    }

    void classifyJsonContract()
    {
        const Run r = cli({QStringLiteral("classify"), QStringLiteral("--json"),
                QStringLiteral(BD_TEST_DATA "/mta/postfix-dsn.eml")});
        QCOMPARE(r.exitCode, 0);
        QJsonParseError pe;
        const QJsonObject doc = QJsonDocument::fromJson(r.out, &pe).object();
        QCOMPARE(pe.error, QJsonParseError::NoError);
        QCOMPARE(doc.value(u"schema").toInt(), 1);
        QCOMPARE(doc.value(u"tool").toString(), QStringLiteral("bounce-doctor"));
        QVERIFY(doc.value(u"version").toString().startsWith(u"0."));
        const QJsonObject msg = doc.value(u"messages").toArray().at(0).toObject();
        QVERIFY(msg.value(u"source").toString().endsWith(u"postfix-dsn.eml"));
        QCOMPARE(msg.value(u"is_bounce").toBool(), true);
        QCOMPARE(msg.value(u"reporting_mta").toString(), QStringLiteral("mail.example.com"));
        const QJsonObject rcpt = msg.value(u"recipients").toArray().at(0).toObject();
        for (const char *field : {"recipient", "action", "status", "reply_code", "remote_host",
                     "remote_ip", "smtp_command", "diagnostic", "category", "listing", "blocked_ip",
                     "blocked_ip_masked", "permanent", "lookup_urls", "explanation"})
            QVERIFY2(rcpt.contains(QLatin1StringView(field)), field);
        QCOMPARE(rcpt.value(u"recipient").toString(), QStringLiteral("jsoria@iag.example"));
        QCOMPARE(rcpt.value(u"action").toString(), QStringLiteral("failed"));
        QCOMPARE(rcpt.value(u"reply_code").toInt(), 550);
        QCOMPARE(rcpt.value(u"smtp_command").toString(), QStringLiteral("RCPT"));
        QCOMPARE(rcpt.value(u"category").toString(), QStringLiteral("ip-blocklist"));
        QCOMPARE(rcpt.value(u"listing").toString(), QStringLiteral("trendmicro-rbl"));
        QCOMPARE(rcpt.value(u"blocked_ip").toString(), QStringLiteral("113.98.228.10"));
        QCOMPARE(rcpt.value(u"remote_ip").toString(),
                QStringLiteral("216.99.131.10")); // from the prose part

        // Unknown scalars are null, never "".
        const Run c = cli({QStringLiteral("classify"), QStringLiteral("--json"),
                QStringLiteral(BD_TEST_DATA "/mta/coremail-gb2312.eml")});
        QCOMPARE(c.exitCode, 0);
        const QJsonObject cr = QJsonDocument::fromJson(c.out)
                                       .object()
                                       .value(u"messages")
                                       .toArray()
                                       .at(0)
                                       .toObject()
                                       .value(u"recipients")
                                       .toArray()
                                       .at(0)
                                       .toObject();
        QVERIFY(cr.value(u"status").isNull());
        QVERIFY(cr.value(u"remote_host").isNull());
        QVERIFY(cr.value(u"smtp_command").isNull());
        QVERIFY(!c.out.contains("\"\""));
    }

    void classifyStdinAndMbox()
    {
        QTemporaryDir dir;
        QFile mbox(dir.filePath(QStringLiteral("b.mbox")));
        QVERIFY(mbox.open(QIODevice::WriteOnly));
        mbox.write(
                "From MAILER-DAEMON Fri Nov 27 10:00:00 2026\nFrom: "
                "MAILER-DAEMON@x.example\nSubject: Undelivered Mail\nDate: x\nMessage-ID: <1@x>\n\n"
                "<a@example.org>: host mx.example.org[192.0.2.1] said: 550 5.1.1 User unknown (in "
                "reply to RCPT TO command)\n\n"
                "From MAILER-DAEMON Fri Nov 27 10:00:01 2026\nFrom: "
                "MAILER-DAEMON@x.example\nSubject: Undelivered Mail\nDate: x\nMessage-ID: <2@x>\n\n"
                "<b@example.org>: host mx.example.org[192.0.2.1] said: 552 5.2.2 Mailbox full (in "
                "reply to RCPT TO command)\n");
        mbox.close();
        const Run r = cli({QStringLiteral("classify"), QStringLiteral("--json"), mbox.fileName()});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray messages =
                QJsonDocument::fromJson(r.out).object().value(u"messages").toArray();
        QCOMPARE(messages.size(), 2);
        QCOMPARE(messages[1].toObject().value(u"source").toString(),
                mbox.fileName() + QStringLiteral(":2"));
        QCOMPARE(messages[1]
                         .toObject()
                         .value(u"recipients")
                         .toArray()
                         .at(0)
                         .toObject()
                         .value(u"category")
                         .toString(),
                QStringLiteral("mailbox-full"));

        const Run s =
                cli({QStringLiteral("classify"), QStringLiteral("--json"), QStringLiteral("-")},
                        "<x#example.org>: host h[192.0.2.9] said: 554 5.7.1 blocked using "
                        "zen.spamhaus.org (in reply to RCPT TO command)");
        QCOMPARE(s.exitCode, 0);
        const QJsonObject m = QJsonDocument::fromJson(s.out)
                                      .object()
                                      .value(u"messages")
                                      .toArray()
                                      .at(0)
                                      .toObject();
        QCOMPARE(m.value(u"source").toString(), QStringLiteral("<stdin>"));
        QCOMPARE(m.value(u"recipients").toArray().at(0).toObject().value(u"listing").toString(),
                QStringLiteral("spamhaus"));
    }

    // Issue #20: loading Qt Gui cost every call about 11 ms and 5 MiB. The CLI links Qt Core
    // (and Network) only; a letter's PDF comes from the bounce-doctor-pdf helper (the PDF tests
    // below read its text back).
    void cliDoesNotLoadQtGui()
    {
        QProcess ldd;
        ldd.start(u"ldd"_qs, {QStringLiteral(BD_CLI_PATH)});
        if (!ldd.waitForFinished() || ldd.exitCode() != 0)
            QSKIP("ldd cannot list the libraries of the CLI");
        const QByteArray libs = ldd.readAllStandardOutput();
        QVERIFY2(libs.contains("libQt6Core"), libs.constData());
        QVERIFY2(!libs.contains("libQt6Gui"), libs.constData());
    }

    // Issue #20: `classify -` read all of stdin before starting and gave up past 256 MiB with
    // an empty document. A pipe is now read like a file: an mbox of any size, one message at a
    // time. Nine bounces carrying 30 MB attachments each and one plain bounce, 280 MB in all.
    void stdinMboxOfAnySize()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("big.mbox"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        const QByteArray bounce = "<x@example.org>: host h[192.0.2.9] said: 554 5.7.1 blocked "
                                  "using zen.spamhaus.org (in reply to RCPT TO command)\n";
        const QByteArray attachment = QByteArray(76, 'Q').append('\n').repeated(400000);
        for (int i = 0; i < 9; ++i) {
            f.write("From MAILER-DAEMON Mon Nov 30 07:00:00 2026\n"
                    "From: MAILER-DAEMON@example.org\n"
                    "Subject: Undelivered Mail Returned to Sender\n"
                    "MIME-Version: 1.0\n"
                    "Content-Type: multipart/mixed; boundary=\"b\"\n\n"
                    "--b\nContent-Type: text/plain\n\n");
            f.write(bounce);
            f.write("--b\nContent-Type: application/octet-stream\n"
                    "Content-Transfer-Encoding: base64\n\n");
            f.write(attachment);
            f.write("--b--\n\n");
        }
        f.write("From MAILER-DAEMON Mon Nov 30 07:00:00 2026\n\n" + bounce);
        f.close();
        QVERIFY(f.size() > (256 << 20));
        QProcess p;
        p.start(QStringLiteral("sh"),
                {QStringLiteral("-c"), QStringLiteral("cat \"$0\" | \"$1\" classify --json -"),
                        path, QStringLiteral(BD_CLI_PATH)});
        QVERIFY(p.waitForFinished(120000));
        QCOMPARE(p.exitCode(), 0);
        const QJsonArray messages = QJsonDocument::fromJson(p.readAllStandardOutput())
                                            .object()
                                            .value(u"messages")
                                            .toArray();
        QCOMPARE(messages.size(), 10);
        for (const QJsonValue &m : messages) {
            QVERIFY(m.toObject().value(u"source").toString().startsWith(u"<stdin>:"));
            QCOMPARE(m.toObject()
                             .value(u"recipients")
                             .toArray()
                             .at(0)
                             .toObject()
                             .value(u"listing")
                             .toString(),
                    QStringLiteral("spamhaus"));
        }
    }

    // The seed case end to end: the sample bounce, the IP the bounces mask given with --ip, a
    // loopback DNS with the seed's PTR and a PBL listing; the report as a person reads it.
    void diagnoseTheSeedCase()
    {
        if (!DnsmasqServer::available())
            QSKIP("dnsmasq is not installed");
        DnsmasqServer dns(
                {u"--ptr-record=10.228.98.113.in-addr.arpa,10.228.98.113.broad.sz.gd.dynamic.163data.com.cn"_qs,
                        u"--host-record=10.228.98.113.broad.sz.gd.dynamic.163data.com.cn,113.98.228.10"_qs,
                        u"--host-record=2.0.0.127.zen.spamhaus.org,127.0.0.2"_qs,
                        u"--host-record=10.228.98.113.zen.spamhaus.org,127.0.0.11"_qs},
                {u"cn"_qs, u"in-addr.arpa"_qs, u"spamhaus.org"_qs, u"com"_qs});
        QVERIFY(dns.start());
        const QString sample =
                QStringLiteral(BD_SOURCE_DIR "/resources/samples/trend-micro-dul.txt");
        QTemporaryDir dir;
        for (const QString &format : {u"md"_qs, u"html"_qs, u"json"_qs}) {
            const QString out = dir.filePath(u"report."_qs + format);
            const Run r = cli({u"diagnose"_qs, u"--dns"_qs, dns.address(), u"--dnsbl"_qs,
                    u"zen.spamhaus.org"_qs, u"--no-owner"_qs, u"--timeout-ms"_qs, u"2000"_qs,
                    u"--ip"_qs, u"113.98.228.10"_qs, u"--domain"_qs, u"example.com"_qs,
                    u"--format"_qs, format, u"--output"_qs, out, sample});
            QVERIFY2(r.exitCode == 0, r.err.constData());
            QFile f(out);
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray report = f.readAll();
            if (format == u"json") {
                const QJsonObject doc = QJsonDocument::fromJson(report).object();
                QCOMPARE(doc.value(u"schema").toInt(), 1);
                QCOMPARE(doc.value(u"fix_paths")
                                 .toArray()
                                 .first()
                                 .toObject()
                                 .value(u"id")
                                 .toString(),
                        u"relay-via-isp"_qs);
                QVERIFY(doc.value(u"facts").toArray().contains(u"ptr:generic"_qs));
                QVERIFY(doc.value(u"facts").toArray().contains(u"listing:trendmicro-rbl"_qs));
                QCOMPARE(doc.value(u"checks").toArray().first().toObject().value(u"ip").toString(),
                        u"113.98.228.10"_qs);
                continue;
            }
            for (const char *needle :
                    {"113.98.228.10", "10.228.98.113.broad.sz.gd.dynamic.163data.com.cn",
                            "Trend Micro RBL+", "relay", "dul@mail-abuse.com", "JSoria@iag.example",
                            "Today mail.example.com has no address."})
                QVERIFY2(report.contains(needle), needle);
            QVERIFY(!report.contains("The forward record already points back"));
        }
        // Unreadable input: exit 3 and no report.
        const Run missing = cli({u"diagnose"_qs, u"--no-owner"_qs, dir.filePath(u"nope.eml"_qs)});
        QCOMPARE(missing.exitCode, 3);
        QVERIFY(missing.out.isEmpty());
    }

    // Issue 15: the letter says the wanted name already points back only when DNS says so
    // now; otherwise it asks the admin to publish the record first. The range it calls static is
    // the customer's own assignment, never the registry's allocation.
    void letterChecksTheForwardRecord()
    {
        if (!DnsmasqServer::available())
            QSKIP("dnsmasq is not installed");
        DnsmasqServer dns({u"--host-record=mail.example.com,113.98.228.10"_qs,
                                  u"--host-record=smtp.example.com,198.51.100.7"_qs},
                {u"com"_qs});
        QVERIFY(dns.start());
        const QStringList base {u"letter"_qs, u"--json"_qs, u"--kind"_qs, u"isp-static-rdns"_qs,
                u"--ip"_qs, u"113.98.228.10"_qs, u"--domain"_qs, u"example.com"_qs, u"--range"_qs,
                u"113.96.0.0/12"_qs, u"--assignment"_qs, u"113.98.228.8/29"_qs, u"--dns"_qs,
                dns.address(), u"--timeout-ms"_qs, u"2000"_qs};
        const auto letter = [&](const QStringList &more) {
            const Run r = cli(base + more);
            [&] { QCOMPARE(r.exitCode, 0); }();
            return QJsonDocument::fromJson(r.out).object();
        };
        const QJsonObject confirmed = letter({});
        QVERIFY2(confirmed.value(u"body").toString().contains(
                         u"The forward record already points back"),
                qPrintable(confirmed.value(u"body").toString()));
        QCOMPARE(confirmed.value(u"forward_record").toObject().value(u"points_to_ip").toBool(),
                true);
        QVERIFY(confirmed.value(u"body").toString().contains(
                u"Please mark our assignment 113.98.228.8/29, which contains 113.98.228.10, as "
                "statically assigned in WHOIS"));
        QVERIFY(!confirmed.value(u"body").toString().contains(u"(or 113.96.0.0/12)"));

        const QJsonObject elsewhere = letter({u"--ptr-wanted"_qs, u"smtp.example.com"_qs});
        QVERIFY(!elsewhere.value(u"body").toString().contains(u"already points back"));
        QVERIFY(elsewhere.value(u"body").toString().contains(
                u"publish the forward record \"smtp.example.com.  IN  A  113.98.228.10\""));
        QVERIFY(elsewhere.value(u"body").toString().contains(
                u"Today smtp.example.com points to 198.51.100.7"));
        QCOMPARE(elsewhere.value(u"forward_record").toObject().value(u"addresses").toArray(),
                QJsonArray {u"198.51.100.7"_qs});

        const QJsonObject offline = letter({u"--no-dns"_qs});
        QVERIFY(offline.value(u"forward_record").isNull());
        QVERIFY(offline.value(u"body").toString().contains(u"could not look it up"));
        QVERIFY(!offline.value(u"body").toString().contains(u"already points back"));
    }

    // Every kind in every language prints to a PDF whose text reads back as written.
    void letterPdfEveryKind_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("lang");
        for (const char *kind : {"isp-static-rdns", "isp-dul-delist", "recipient-allowlist"}) {
            for (const char *lang : {"en", "zh_CN"})
                QTest::addRow("%s.%s", kind, lang)
                        << QString::fromLatin1(kind) << QString::fromLatin1(lang);
        }
    }
    void letterPdfEveryKind()
    {
        QFETCH(QString, kind);
        QFETCH(QString, lang);
        QTemporaryDir dir;
        const QStringList args {u"letter"_qs, u"--kind"_qs, kind, u"--ip"_qs, u"113.98.228.10"_qs,
                u"--domain"_qs, u"example.com"_qs, u"--lang"_qs, lang};
        const Run txt = cli(args + QStringList {u"--json"_qs});
        QCOMPARE(txt.exitCode, 0);
        const QJsonObject letter = QJsonDocument::fromJson(txt.out).object();
        const QString pdf = dir.filePath(u"l.pdf"_qs);
        QCOMPARE(cli(args + QStringList {u"--format"_qs, u"pdf"_qs, u"--output"_qs, pdf}).exitCode,
                0);
        QProcess extract;
        extract.start(u"pdftotext"_qs, {u"-enc"_qs, u"UTF-8"_qs, u"-nopgbrk"_qs, pdf, u"-"_qs});
        if (!extract.waitForFinished(30000) || extract.exitStatus() != QProcess::NormalExit) {
            if (qEnvironmentVariableIsSet("CI"))
                QFAIL("pdftotext (poppler-utils) is missing");
            QSKIP("pdftotext (poppler-utils) is missing");
        }
        // pdftotext breaks lines where the page wrapped them, and gives ligatures ("ﬁ") as
        // one character; compare without line breaks, ligatures spelt out.
        const auto plain = [](const QString &s) {
            return s.normalized(QString::NormalizationForm_KC).simplified().remove(u' ');
        };
        const QString raw = QString::fromUtf8(extract.readAllStandardOutput());
        // Issue 17: a reader copying Chinese out of the PDF gets the ideographs, not the Kangxi
        // radicals some fonts draw with the same glyphs (NFKC below would hide them).
        static const QRegularExpression radicals(
                QStringLiteral(R"([\x{2e80}-\x{2eff}\x{2f00}-\x{2fdf}])"));
        QVERIFY2(!raw.contains(radicals), qPrintable(raw));
        const QString text = plain(raw);
        for (const QString &wanted : {letter.value(u"subject").toString(),
                     letter.value(u"body").toString().section(u"\n\n"_qs, 1, 1)}) {
            QVERIFY2(text.contains(plain(wanted)), qPrintable(wanted + u"\n---\n"_qs + text));
            // Chinese comes out character for character, full-width punctuation included.
            if (lang == u"zh_CN") {
                const QString exact = raw.simplified().remove(u' ');
                QVERIFY2(exact.contains(wanted.simplified().remove(u' ')),
                        qPrintable(wanted + u"\n---\n"_qs + raw));
            }
        }
    }

    // Issue 17: a Chinese letter's PDF sets "，" and "：" as Simplified Chinese does (Noto Sans
    // CJK SC, bottom left), not centred as WenQuanYi draws them for Taiwan.
    void pdfChinesePunctuationFont()
    {
        QProcess fonts;
        fonts.start(u"fc-list"_qs, {u":family=Noto Sans CJK SC"_qs, u"family"_qs});
        if (!fonts.waitForFinished(30000) || fonts.readAllStandardOutput().trimmed().isEmpty())
            QSKIP("Noto Sans CJK SC is not installed (fonts-noto-cjk)");
        QTemporaryDir dir;
        const QString pdf = dir.filePath(u"l.pdf"_qs);
        const Run r = cli({u"letter"_qs, u"--kind"_qs, u"isp-static-rdns"_qs, u"--ip"_qs,
                u"113.98.228.10"_qs, u"--domain"_qs, u"example.com"_qs, u"--lang"_qs, u"zh_CN"_qs,
                u"--format"_qs, u"pdf"_qs, u"--output"_qs, pdf});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QProcess list;
        list.start(u"pdffonts"_qs, {pdf});
        if (!list.waitForFinished(30000) || list.exitStatus() != QProcess::NormalExit
                || list.error() == QProcess::FailedToStart) {
            if (qEnvironmentVariableIsSet("CI"))
                QFAIL("pdffonts (poppler-utils) is missing");
            QSKIP("pdffonts (poppler-utils) is missing");
        }
        const QString embedded = QString::fromUtf8(list.readAllStandardOutput());
        QVERIFY2(embedded.contains(u"NotoSansCJKsc"), qPrintable(embedded));
        QVERIFY2(embedded.contains(u"WenQuanYiZenHei"), qPrintable(embedded));
    }

    // The seed admin's letter in each format, as the reader gets it.
    void letterFormats()
    {
        const QStringList base {u"letter"_qs, u"--kind"_qs, u"isp-static-rdns"_qs, u"--ip"_qs,
                u"113.98.228.10"_qs, u"--ptr-current"_qs,
                u"10.228.98.113.broad.sz.gd.dynamic.163data.com.cn"_qs, u"--domain"_qs,
                u"example.com"_qs, u"--to"_qs, u"abuse_gdnoc@189.cn"_qs, u"--from"_qs,
                u"postmaster@example.com"_qs, u"--name"_qs, u"Li Wei"_qs, u"--lang"_qs,
                u"zh_CN"_qs};
        const Run txt = cli(base);
        QCOMPARE(txt.exitCode, 0);
        // Issue 17: the Chinese ISP letter is a request for the account manager, not a mail to
        // the WHOIS abuse mailbox; that address is named in it as the one for Trend Micro.
        QVERIFY(txt.out.startsWith("Subject: 关于为我司专线固定 IP 113.98.228.10 设置反向解析"));
        QVERIFY(txt.out.contains("（abuse_gdnoc@189.cn）只处理垃圾邮件投诉"));
        QVERIFY(txt.out.contains("“broad”一词表示家庭宽带或动态地址池"));

        const Run eml = cli(base + QStringList {u"--format"_qs, u"eml"_qs});
        QCOMPARE(eml.exitCode, 0);
        QVERIFY(eml.out.startsWith("From: \"Li Wei\" <postmaster@example.com>\r\n"));
        QVERIFY(eml.out.contains("\r\nX-Unsent: 1\r\n"));
        QVERIFY(eml.out.contains("\r\nSubject: =?UTF-8?B?"));

        QTemporaryDir dir;
        const QString pdf = dir.filePath(u"letter.pdf"_qs);
        const Run p = cli(base + QStringList {u"--format"_qs, u"pdf"_qs, u"--output"_qs, pdf});
        QCOMPARE(p.exitCode, 0);
        QVERIFY(p.out.isEmpty());
        QFile f(pdf);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.read(5) == "%PDF-");
        // Real, selectable text: what a reader copies out is what we wrote, Chinese included.
        QProcess extract;
        extract.start(u"pdftotext"_qs, {u"-enc"_qs, u"UTF-8"_qs, pdf, u"-"_qs});
        if (!extract.waitForFinished(30000) || extract.exitStatus() != QProcess::NormalExit) {
            if (qEnvironmentVariableIsSet("CI"))
                QFAIL("pdftotext (poppler-utils) is missing");
            QSKIP("pdftotext (poppler-utils) is missing");
        }
        const QString text = QString::fromUtf8(extract.readAllStandardOutput());
        for (const QString &needle :
                {u"关于为我司专线固定 IP 113.98.228.10 设置反向解析（PTR）的申请"_qs,
                        u"10.228.98.113.broad.sz.gd.dynamic.163data.com.cn"_qs,
                        u"设置反向解析（PTR）记录"_qs, u"只处理垃圾邮件投诉"_qs,
                        u"申请单位（盖章）"_qs,
                        u"Please remove 113.98.228.10 from the Dynamic User List."_qs})
            QVERIFY2(text.contains(needle), qPrintable(needle + u"\n---\n"_qs + text));

        const Run unwritable =
                cli(base + QStringList {u"--output"_qs, u"/nonexistent/dir/x.txt"_qs});
        QCOMPARE(unwritable.exitCode, 3);
        QVERIFY(unwritable.err.contains("cannot write"));

        const Run json = cli(QStringList {u"letter"_qs, u"--json"_qs, u"--kind"_qs,
                u"recipient-allowlist"_qs, u"--ip"_qs, u"192.0.2.25"_qs});
        QCOMPARE(json.exitCode, 0);
        const QJsonObject doc = QJsonDocument::fromJson(json.out).object();
        QCOMPARE(doc.value(u"schema").toInt(), 1);
        QCOMPARE(doc.value(u"kind").toString(), u"recipient-allowlist"_qs);
        QVERIFY(doc.value(u"to").isNull());
        QVERIFY(doc.value(u"mailto").toString().startsWith(u"mailto:?subject="));
        QVERIFY(doc.value(u"body").toString().contains(u"192.0.2.25"));
    }

    // Hostile-findings row 12: remote text (a relay's greeting, a bounce's diagnostic) reaches
    // the terminal with its escape sequences shown, never raw: no retitling, clearing or fake
    // green "all good". The same text stays intact in JSON, escaped the JSON way.
    void remoteTextCannotDriveTheTerminal()
    {
        QString why;
        if (!SmtpRelayFixture::available(&why))
            QSKIP(qPrintable(why));
        const auto noRawControls = [](const QByteArray &text) {
            for (const char c : text) {
                if ((uchar(c) < 0x20 && c != '\n' && c != '\t') || c == '\x9b')
                    return false;
            }
            return !text.contains("\xc2\x9b");
        };
        SmtpRelayFixture server(u"escape-banner"_qs);
        QVERIFY(server.start());
        const QStringList relayArgs {u"relay-test"_qs, u"--host"_qs, u"127.0.0.1"_qs, u"--port"_qs,
                QString::number(server.startTlsPort()), u"--ca-file"_qs,
                TestPki::instance().caFile(), u"--helo"_qs, u"mail.example.com"_qs,
                u"--timeout-ms"_qs, u"3000"_qs};
        const Run text = cli(relayArgs);
        QCOMPARE(text.exitCode, 0);
        QVERIFY2(noRawControls(text.out), text.out.constData());
        QVERIFY2(noRawControls(text.err), text.err.constData());
        QVERIFY2(text.out.contains("\\x1b]0;pwned\\x07\\x1b[2J\\x1b[32mAll good"),
                text.out.constData());
        const Run json = cli(relayArgs + QStringList {u"--json"_qs});
        QCOMPARE(json.exitCode, 0);
        const QString banner =
                QJsonDocument::fromJson(json.out).object().value(u"banner").toString();
        QVERIFY2(banner.contains(u"\x1b]0;pwned\x07"), json.out.constData());

        QTemporaryDir dir;
        const QString bounce = dir.filePath(u"escape.eml"_qs);
        writeFile(bounce,
                "From: MAILER-DAEMON@x.example\nSubject: Undelivered Mail\nDate: x\n"
                "Message-ID: <2@x>\n\n<a@example.org>: host mx.example.org[192.0.2.1] said: 550 "
                "5.7.1 \x1b]0;pwned\x07\x1b[2J\x1b[32mAll good\x1b[0m\r\xc2\x9b"
                "31m blocked using "
                "zen.spamhaus.org (in reply to RCPT TO command)\n");
        const Run classify = cli({u"classify"_qs, bounce});
        QVERIFY2(noRawControls(classify.out), classify.out.constData());
        QVERIFY2(classify.out.contains("\\x1b]0;pwned\\x07"), classify.out.constData());
        QVERIFY2(classify.out.contains("\\u009b31m"), classify.out.constData());
        const Run classifyJson = cli({u"classify"_qs, u"--json"_qs, bounce});
        QVERIFY2(classifyJson.out.contains("\\u001b]0;pwned\\u0007"), classifyJson.out.constData());
        QVERIFY(QJsonDocument::fromJson(classifyJson.out).isObject());
    }

    // An .eml on stdout keeps its CRLF line ends byte for byte.
    void emlOnStdoutIsByteExact()
    {
        const Run r = cli({u"letter"_qs, u"--kind"_qs, u"isp-static-rdns"_qs, u"--ip"_qs,
                u"113.98.228.10"_qs, u"--no-dns"_qs, u"--format"_qs, u"eml"_qs, u"--name"_qs,
                u"Li Ming"_qs, u"--from"_qs, u"postmaster@example.com"_qs});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("From: \"Li Ming\" <postmaster@example.com>\r\n"),
                r.out.constData());
        QVERIFY(r.out.contains("\r\n\r\n"));
        QVERIFY(!r.out.contains("\\x0d"));
    }

    // Hostile-findings row 16: emoji were dropped from the PDF without a word. A character no
    // font of the PDF has is named on stderr; the PDF is still written, and nothing else is said.
    void pdfNamesCharactersItCannotDraw()
    {
        QTemporaryDir dir;
        const QString pdf = dir.filePath(u"emoji.pdf"_qs);
        const Run r = cli({u"letter"_qs, u"--kind"_qs, u"isp-static-rdns"_qs, u"--ip"_qs,
                u"113.98.228.10"_qs, u"--no-dns"_qs, u"--org"_qs,
                QStringLiteral("Smile Trading \U0001F600 \U0001FAE8 Ltd"), u"--format"_qs,
                u"pdf"_qs, u"--output"_qs, pdf});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        // DejaVu Sans draws U+1F600; nothing installed has U+1FAE8 (Unicode 15).
        QVERIFY2(r.err.contains("no installed font can draw \xf0\x9f\xab\xa8 (U+1FAE8)"),
                r.err.constData());
        QVERIFY2(!r.err.contains("U+1F600"), r.err.constData());
        QVERIFY2(!r.err.contains("XDG_RUNTIME_DIR"), r.err.constData());
        QVERIFY(QFileInfo(pdf).size() > 0);
        const Run plain = cli({u"letter"_qs, u"--kind"_qs, u"isp-static-rdns"_qs, u"--ip"_qs,
                u"113.98.228.10"_qs, u"--no-dns"_qs, u"--org"_qs, u"深圳华信塑胶有限公司"_qs,
                u"--format"_qs, u"pdf"_qs, u"--output"_qs, pdf});
        QVERIFY2(plain.exitCode == 0 && !plain.err.contains("font"), plain.err.constData());
    }

    // Issue 17: a printed letter keeps its closing ("此致 … 日期", "Thank you …" and the
    // signature) on one page with the end of the body, never split or alone on the next page.
    void pdfClosingStaysWithBody_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("closing"); // the closing's first line
        QTest::addColumn<QString>("signature"); // its last line
        const QStringList seed {u"letter"_qs, u"--kind"_qs, u"isp-static-rdns"_qs, u"--ip"_qs,
                u"113.98.228.10"_qs, u"--ptr-current"_qs,
                u"10.228.98.113.broad.sz.gd.dynamic.163data.com.cn"_qs, u"--domain"_qs,
                u"example.com"_qs, u"--to"_qs, u"abuse_gdnoc@189.cn"_qs, u"--from"_qs,
                u"postmaster@example.com"_qs, u"--name"_qs, u"Li Wei"_qs, u"--no-dns"_qs};
        QTest::newRow("zh, the seed's letter")
                << seed + QStringList {u"--lang"_qs, u"zh_CN"_qs} << u"此致"_qs << u"日期："_qs;
        QTest::newRow("zh, with range and AS") << seed
                        + QStringList {u"--lang"_qs, u"zh_CN"_qs, u"--range"_qs,
                                u"113.96.0.0/12"_qs, u"--asn"_qs, u"AS4134"_qs, u"--isp"_qs,
                                u"CHINANET-GD"_qs, u"--org"_qs, u"深圳华信塑胶有限公司"_qs}
                                               << u"此致"_qs << u"日期："_qs;
        QTest::newRow("en, the seed's letter")
                << seed << u"Thank you. You can reach us at:"_qs << u"postmaster@example.com"_qs;
    }
    void pdfClosingStaysWithBody()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, closing);
        QFETCH(QString, signature);
        QTemporaryDir dir;
        const QString pdf = dir.filePath(u"letter.pdf"_qs);
        const Run r = cli(args + QStringList {u"--format"_qs, u"pdf"_qs, u"--output"_qs, pdf});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QStringList pages;
        for (int page = 1; page <= 5; ++page) {
            QProcess extract;
            extract.start(u"pdftotext"_qs,
                    {u"-enc"_qs, u"UTF-8"_qs, u"-f"_qs, QString::number(page), u"-l"_qs,
                            QString::number(page), pdf, u"-"_qs});
            if (!extract.waitForFinished(30000) || extract.exitStatus() != QProcess::NormalExit
                    || extract.error() == QProcess::FailedToStart) {
                if (qEnvironmentVariableIsSet("CI"))
                    QFAIL("pdftotext (poppler-utils) is missing");
                QSKIP("pdftotext (poppler-utils) is missing");
            }
            if (extract.exitCode() != 0)
                break; // past the last page
            pages << QString::fromUtf8(extract.readAllStandardOutput());
        }
        QVERIFY(!pages.isEmpty());
        // The closing's page: it holds the closing whole, and words of the body before it.
        const auto at = std::find_if(pages.cbegin(), pages.cend(),
                [&](const QString &p) { return p.contains(closing); });
        QVERIFY2(at != pages.cend(), qPrintable(pages.join(u"\n=====\n"_qs)));
        const QString &page = *at;
        const QString before = page.section(closing, 0, 0);
        // The signature may be cut by the appendix's marker: only the part before the English
        // draft (which may follow on the same page) counts.
        const QString after = page.section(closing, 1).section(u"---- "_qs, 0, 0);
        QVERIFY2(after.contains(signature), qPrintable(page));
        static const QRegularExpression bodyWords(QStringLiteral("\\S{8,}"));
        QVERIFY2(before.section(u"联系人"_qs, 0, 0).contains(bodyWords), qPrintable(page));
    }

    // The contract's fields against a real relay on loopback, and the password nowhere in what
    // the command prints, in clear or in base64, in JSON or in text.
    void relayTestContract()
    {
        QString why;
        if (!SmtpRelayFixture::available(&why))
            QSKIP(qPrintable(why));
        SmtpRelayFixture server(u"normal"_qs);
        QVERIFY(server.start());
        const QString password = SmtpRelayFixture::password();
        const QList<QByteArray> secrets {password.toUtf8(), password.toUtf8().toBase64(),
                QByteArray(QByteArray(1, '\0') + SmtpRelayFixture::user().toUtf8() + '\0'
                        + password.toUtf8())
                        .toBase64()};
        for (const bool json : {true, false}) {
            QProcess p;
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(u"BD_RELAY_PW"_qs, password);
            p.setProcessEnvironment(env);
            QStringList args {u"relay-test"_qs, u"--host"_qs, u"127.0.0.1"_qs, u"--port"_qs,
                    QString::number(server.startTlsPort()), u"--user"_qs, SmtpRelayFixture::user(),
                    u"--password-env"_qs, u"BD_RELAY_PW"_qs, u"--from"_qs, SmtpRelayFixture::user(),
                    u"--to"_qs, u"someone@example.org"_qs, u"--ca-file"_qs,
                    TestPki::instance().caFile(), u"--helo"_qs, u"mail.example.com"_qs,
                    u"--timeout-ms"_qs, u"3000"_qs};
            if (json)
                args << u"--json"_qs;
            p.start(QStringLiteral(BD_CLI_PATH), args);
            QVERIFY(p.waitForFinished(30000));
            QCOMPARE(p.exitCode(), 0);
            const QByteArray out = p.readAllStandardOutput();
            const QByteArray err = p.readAllStandardError();
            for (const QByteArray &s : secrets) {
                QVERIFY2(!out.contains(s), out.constData());
                QVERIFY2(!err.contains(s), err.constData());
            }
            if (!json) {
                QVERIFY2(out.startsWith("OK: "), out.constData());
                QVERIFY(out.contains("-> AUTH PLAIN <redacted>"));
                QVERIFY(err.contains("... tls")); // progress on stderr only
                continue;
            }
            QVERIFY(err.isEmpty());
            const QJsonObject doc = QJsonDocument::fromJson(out).object();
            QCOMPARE(doc.value(u"schema").toInt(), 1);
            QCOMPARE(doc.value(u"result").toString(), u"ok"_qs);
            QVERIFY(doc.value(u"banner").toString().startsWith(u"220 smtp.isp.test"));
            const QJsonObject tls = doc.value(u"tls").toObject();
            QCOMPARE(tls.value(u"mode").toString(), u"starttls"_qs);
            QVERIFY(tls.value(u"protocol").toString().startsWith(u"TLSv1."));
            QVERIFY(!tls.value(u"cipher").toString().isEmpty());
            QCOMPARE(tls.value(u"peer_verified").toBool(), true);
            QCOMPARE(tls.value(u"peer_subject").toString(), u"CN=localhost"_qs);
            QCOMPARE(tls.value(u"errors").toArray().size(), 0);
            QCOMPARE(doc.value(u"auth_mechanisms_before_tls").toArray().size(), 0);
            QCOMPARE(doc.value(u"auth_mechanisms").toArray(),
                    QJsonArray({u"LOGIN"_qs, u"PLAIN"_qs}));
            const QJsonArray transcript = doc.value(u"transcript").toArray();
            QCOMPARE(transcript.first().toObject().value(u"dir").toString(), u"S"_qs);
            QCOMPARE(transcript.at(1).toObject().value(u"line").toString(),
                    u"EHLO mail.example.com"_qs);
            bool sawAuth = false;
            for (const QJsonValue &v : transcript)
                sawAuth |= v.toObject().value(u"line").toString() == u"AUTH PLAIN <redacted>";
            QVERIFY(sawAuth);
            const QJsonObject timings = doc.value(u"timings_ms").toObject();
            for (const char *k : {"connect", "banner", "tls", "auth", "total"})
                QVERIFY2(timings.value(QLatin1StringView(k)).isDouble(), k);
            // docs/cli.md is the contract: every field its example names is written.
            const QSet<QString> documented = documentedKeys(u"## relay-test"_qs);
            QVERIFY(documented.size() > 5);
            QStringList missing = (documented - writtenKeys(doc)).values();
            missing.sort();
            QVERIFY2(missing.isEmpty(), qPrintable(missing.join(u", ")));
        }
    }

    void relayTestExitCodes()
    {
        // Nothing listens: nothing could be checked (4), but the report is still printed.
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost, 0);
        const QString port = QString::number(probe.serverPort());
        probe.close();
        const Run refused = cli({u"relay-test"_qs, u"--json"_qs, u"--host"_qs, u"127.0.0.1"_qs,
                u"--port"_qs, port, u"--timeout-ms"_qs, u"2000"_qs});
        QCOMPARE(refused.exitCode, 4);
        QCOMPARE(QJsonDocument::fromJson(refused.out).object().value(u"result").toString(),
                u"connect-failed"_qs);
        const Run noCa = cli({u"relay-test"_qs, u"--host"_qs, u"127.0.0.1"_qs, u"--ca-file"_qs,
                u"/nonexistent/ca.pem"_qs});
        QCOMPARE(noCa.exitCode, 3);
        QVERIFY(noCa.err.contains("--ca-file"));
    }

    // The keys docs/cli.md's JSON example under `section` names.
    static QSet<QString> documentedKeys(const QString &section)
    {
        QFile doc(QStringLiteral(BD_SOURCE_DIR "/docs/cli.md"));
        if (!doc.open(QIODevice::ReadOnly))
            return {};
        const QString text = QString::fromUtf8(doc.readAll());
        const qsizetype at = text.indexOf(u'\n' + section);
        const qsizetype open = at < 0 ? -1 : text.indexOf(u"```json"_qs, at);
        const qsizetype close = open < 0 ? -1 : text.indexOf(u"```"_qs, open + 7);
        if (close < 0)
            return {};
        static const QRegularExpression key(QStringLiteral(R"re("([a-z_][a-z0-9_]*)"\s*:)re"));
        QSet<QString> documented;
        for (const auto &m : key.globalMatch(QStringView(text).mid(open, close - open)))
            documented << m.captured(1);
        return documented;
    }

    // Every key at any depth of `v`.
    static QSet<QString> writtenKeys(const QJsonValue &v)
    {
        QSet<QString> written;
        if (v.isArray()) {
            for (const QJsonValue &item : v.toArray())
                written += writtenKeys(item);
        } else if (v.isObject()) {
            const QJsonObject o = v.toObject();
            for (auto it = o.begin(); it != o.end(); ++it)
                written += QSet<QString> {it.key()} + writtenKeys(it.value());
        }
        return written;
    }

    // docs/cli.md is the contract: every field its JSON example for a command names is in what
    // the command writes (issue 18: the headers cited a spec a clone did not have, and nothing
    // kept the two in step). relay-test's example is checked in relayTestContract, which has a
    // relay; check-ip's in checkIpDocumentedFieldsAreWritten, which has an RDAP server.
    void documentedFieldsAreWritten_data()
    {
        QTest::addColumn<QString>("section");
        QTest::addColumn<QStringList>("args"); // {dns}, {port}: the fixtures' addresses
        QTest::newRow("classify") << u"## classify"_qs
                                  << QStringList {u"classify"_qs, u"--json"_qs,
                                             QStringLiteral(BD_SOURCE_DIR
                                                     "/resources/samples/trend-micro-dul.txt")};
        QTest::newRow("relay-config")
                << u"## relay-config"_qs
                << QStringList {u"relay-config"_qs, u"--json"_qs, u"--mta"_qs, u"postfix"_qs,
                           u"--relay"_qs, u"smtp.isp.example:465"_qs, u"--user"_qs, u"user"_qs,
                           u"--password-env"_qs, u"BD_TEST_RELAY_PASSWORD"_qs, u"--mta-version"_qs,
                           u"2.9"_qs};
        QTest::newRow("relay-config --domain")
                << u"### relay-config --domain"_qs
                << QStringList {u"relay-config"_qs, u"--json"_qs, u"--mta"_qs, u"postfix"_qs,
                           u"--relay"_qs, u"smtp.isp.test"_qs, u"--domain"_qs, u"example.test"_qs,
                           u"--dns"_qs, u"{dns}"_qs, u"--timeout-ms"_qs, u"2000"_qs};
        QTest::newRow("relay-test --port25")
                << u"### relay-test --port25"_qs
                << QStringList {u"relay-test"_qs, u"--json"_qs, u"--port25"_qs, u"127.0.0.1"_qs,
                           u"--port"_qs, u"{port}"_qs};
    }
    void documentedFieldsAreWritten()
    {
        QFETCH(QString, section);
        QFETCH(QStringList, args);
        std::unique_ptr<DnsmasqServer> dns;
        if (args.contains(u"{dns}"_qs)) {
            if (!DnsmasqServer::available())
                QSKIP("dnsmasq is not installed");
            dns = std::make_unique<DnsmasqServer>(
                    QStringList {u"--host-record=smtp.isp.test,198.51.100.25"_qs,
                            u"--txt-record=example.test,v=spf1 mx -all"_qs},
                    QStringList {u"test"_qs});
            QVERIFY(dns->start());
            args.replace(args.indexOf(u"{dns}"_qs), dns->address());
        }
        GreetingServer smtp("220 [127.0.0.1] ESMTP\r\n");
        if (args.contains(u"{port}"_qs))
            args.replace(args.indexOf(u"{port}"_qs), QString::number(smtp.serverPort()));
        const QSet<QString> documented = documentedKeys(section);
        QVERIFY2(documented.size() > 5, qPrintable(section));

        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"BD_TEST_RELAY_PASSWORD"_qs, u"secret"_qs);
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(BD_CLI_PATH), args);
        // Waiting with the event loop running, so the greeting server here can answer.
        QVERIFY(QTest::qWaitFor([&] { return p.state() == QProcess::NotRunning; }, 30000));
        QCOMPARE(p.exitCode(), 0);
        const QSet<QString> written =
                writtenKeys(QJsonDocument::fromJson(p.readAllStandardOutput()).object());
        QStringList missing = (documented - written).values();
        missing.sort();
        QVERIFY2(missing.isEmpty(), qPrintable(missing.join(u", ")));
    }

    // The contract's example, field by field: Postfix 2.9 (Debian 7, iRedMail 0.8.x) on 587.
    void relayConfigJsonContract()
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"BD_TEST_RELAY_PASSWORD"_qs, u"secret"_qs);
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(BD_CLI_PATH),
                {u"relay-config"_qs, u"--json"_qs, u"--mta"_qs, u"postfix"_qs, u"--relay"_qs,
                        u"smtp.isp.example:587"_qs, u"--user"_qs, u"user"_qs, u"--password-env"_qs,
                        u"BD_TEST_RELAY_PASSWORD"_qs, u"--mta-version"_qs, u"2.9"_qs,
                        u"--iredmail"_qs});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 0);
        QVERIFY(p.readAllStandardError().isEmpty());
        const QJsonObject doc = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
        QCOMPARE(doc.value(u"schema").toInt(), 1);
        QCOMPARE(doc.value(u"tool").toString(), u"bounce-doctor"_qs);
        QCOMPARE(doc.value(u"mta").toString(), u"postfix"_qs);
        QCOMPARE(doc.value(u"mta_version").toString(), u"2.9"_qs);
        const QJsonArray files = doc.value(u"files").toArray();
        const QJsonObject main = files.at(0).toObject();
        QCOMPARE(main.value(u"path").toString(), u"/etc/postfix/main.cf"_qs);
        QCOMPARE(main.value(u"mode").toString(), u"merge"_qs);
        const QJsonObject settings = main.value(u"settings").toObject();
        QCOMPARE(settings.value(u"relayhost").toString(), u"[smtp.isp.example]:587"_qs);
        QCOMPARE(settings.value(u"smtp_sasl_auth_enable").toString(), u"yes"_qs);
        QVERIFY(!settings.contains(u"smtp_tls_wrappermode"));
        const QJsonObject secrets = files.at(1).toObject();
        QCOMPARE(secrets.value(u"path").toString(), u"/etc/postfix/sasl_passwd"_qs);
        QCOMPARE(secrets.value(u"mode").toString(), u"replace"_qs);
        QCOMPARE(secrets.value(u"permissions").toString(), u"0600"_qs);
        QCOMPARE(secrets.value(u"content").toString(), u"[smtp.isp.example]:587 user:secret\n"_qs);
        const QStringList commands = [&] {
            QStringList c;
            for (const QJsonValue &v : doc.value(u"commands").toArray())
                c << v.toString();
            return c;
        }();
        QVERIFY(commands.contains(u"postmap hash:/etc/postfix/sasl_passwd"_qs));
        QCOMPARE(commands.last(), u"service postfix reload"_qs);
        for (const QString &c : commands)
            QVERIFY2(!c.contains(u"secret"), qPrintable(c));
        QVERIFY(doc.value(u"warnings").isArray());

        // 465 on 2.9: the contract's warning, and an honest alternative.
        const Run old = cli({u"relay-config"_qs, u"--json"_qs, u"--mta"_qs, u"postfix"_qs,
                u"--relay"_qs, u"smtp.isp.example:465"_qs, u"--mta-version"_qs, u"2.9"_qs});
        QCOMPARE(old.exitCode, 0);
        const QJsonObject o = QJsonDocument::fromJson(old.out).object();
        QVERIFY(o.value(u"warnings").toArray().at(0).toString().contains(u"Postfix 3.0"));
    }

    void relayConfigPasswordFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"pw"_qs);
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("from-file\n");
        f.close();
        const Run r = cli({u"relay-config"_qs, u"--mta"_qs, u"opensmtpd"_qs, u"--relay"_qs,
                u"smtp.isp.example"_qs, u"--user"_qs, u"u@example.com"_qs, u"--password-file"_qs,
                path});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("isp u@example.com:from-file\n"));
        const Run missing = cli({u"relay-config"_qs, u"--mta"_qs, u"postfix"_qs, u"--relay"_qs,
                u"smtp.isp.example"_qs, u"--user"_qs, u"u"_qs, u"--password-file"_qs,
                dir.filePath(u"nope"_qs)});
        QCOMPARE(missing.exitCode, 3);
        QVERIFY(missing.err.contains("cannot read"));
    }

    // relay-test --port25: the wizard's probe from the command line. Only a greeting that names
    // the host asked for is "open"; another server's greeting is named; nothing answering is
    // exit 4 and never called a block.
    void relayTestPort25_data()
    {
        QTest::addColumn<QByteArray>("greeting"); // null: a closed port
        QTest::addColumn<QString>("lang");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("result");
        QTest::addColumn<QString>("says");
        QTest::addColumn<QString>("neverSays");
        QTest::newRow("open") << QByteArray("220 [127.0.0.1] ESMTP Postfix\r\n") << "en" << 0
                              << "greeting"
                              << "is open: 127.0.0.1 answered"
                              << "intercept";
        QTest::newRow("intercepted")
                << QByteArray("220 smtp.isp.example ESMTP\r\n") << "en" << 0 << "greeting"
                << "names smtp.isp.example, not 127.0.0.1"
                << "is open";
        QTest::newRow("intercepted, Chinese")
                << QByteArray("220 smtp.isp.example ESMTP\r\n") << "zh_CN" << 0 << "greeting"
                << "运营商拦截了"
                << "是通的";
        QTest::newRow("closed") << QByteArray() << "en" << 4 << "refused"
                                << "does not prove that your ISP blocks port"
                                << "is open";
    }
    void relayTestPort25()
    {
        QFETCH(QByteArray, greeting);
        QFETCH(QString, lang);
        QFETCH(int, exitCode);
        QFETCH(QString, result);
        QFETCH(QString, says);
        QFETCH(QString, neverSays);
        GreetingServer server(greeting);
        const quint16 port = server.serverPort();
        if (greeting.isNull())
            server.close();
        const QStringList args {u"relay-test"_qs, u"--port25"_qs, u"127.0.0.1"_qs, u"--port"_qs,
                QString::number(port), u"--lang"_qs, lang};
        const Run text = cliServing(args);
        QCOMPARE(text.exitCode, exitCode);
        const QString out = QString::fromUtf8(text.out);
        QVERIFY2(out.contains(says), qPrintable(out));
        QVERIFY2(!out.contains(neverSays), qPrintable(out));
        QVERIFY2(out.contains(QString::number(port)), qPrintable(out));
        const Run json = cliServing(args + QStringList {u"--json"_qs});
        QCOMPARE(json.exitCode, exitCode);
        const QJsonObject p =
                QJsonDocument::fromJson(json.out).object().value(u"port25").toObject();
        QCOMPARE(p.value(u"result").toString(), result);
        QCOMPARE(p.value(u"port").toInt(), int(port));
        QCOMPARE(p.value(u"text").toString() + u'\n', out);
    }

    // --domain: the SPF record is checked against the relay's addresses on a real DNS server.
    void relayConfigSpf_data()
    {
        QTest::addColumn<QString>("spf");
        QTest::addColumn<bool>("needsChange");
        QTest::addColumn<QString>("suggested");
        QTest::newRow("mx only") << "v=spf1 mx -all" << true << "v=spf1 mx a:smtp.isp.test -all";
        QTest::newRow("already allowed") << "v=spf1 mx ip4:198.51.100.25 -all" << false << "";
        QTest::newRow("no record") << "" << true << "v=spf1 mx a:smtp.isp.test ~all";
    }
    void relayConfigSpf()
    {
        QFETCH(QString, spf);
        QFETCH(bool, needsChange);
        QFETCH(QString, suggested);
        if (!DnsmasqServer::available())
            QSKIP("dnsmasq is not installed");
        QStringList records {u"--host-record=smtp.isp.test,198.51.100.25"_qs,
                u"--host-record=mail.example.test,192.0.2.10"_qs,
                u"--mx-host=example.test,mail.example.test,10"_qs};
        if (!spf.isEmpty())
            records << u"--txt-record=example.test,"_qs + spf;
        DnsmasqServer dns(records, {u"test"_qs});
        QVERIFY(dns.start());
        const Run r = cli({u"relay-config"_qs, u"--json"_qs, u"--mta"_qs, u"postfix"_qs,
                u"--relay"_qs, u"smtp.isp.test"_qs, u"--domain"_qs, u"example.test"_qs, u"--dns"_qs,
                dns.address(), u"--timeout-ms"_qs, u"2000"_qs});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject s = QJsonDocument::fromJson(r.out).object().value(u"spf").toObject();
        QCOMPARE(s.value(u"relay_addresses").toArray().at(0).toString(), u"198.51.100.25"_qs);
        QCOMPARE(s.value(u"needs_change").toBool(), needsChange);
        QCOMPARE(s.value(u"suggested").toString(), suggested);
        QCOMPARE(s.value(u"suggested").isNull(), !needsChange);
        const QString warnings = QString::fromUtf8(
                QJsonDocument(QJsonDocument::fromJson(r.out).object().value(u"warnings").toArray())
                        .toJson());
        QCOMPARE(warnings.contains(u"example.test"), needsChange);
    }

    void checkIpJsonContract()
    {
        if (!DnsmasqServer::available())
            QSKIP("dnsmasq is not installed");
        DnsmasqServer dns(
                {u"--ptr-record=10.228.98.113.in-addr.arpa,113-98-228-10.dynamic.example.test"_qs,
                        u"--host-record=113-98-228-10.dynamic.example.test,113.98.228.10"_qs,
                        u"--host-record=2.0.0.127.zen.spamhaus.org,127.0.0.2"_qs,
                        u"--host-record=10.228.98.113.zen.spamhaus.org,127.0.0.11"_qs},
                {u"test"_qs, u"in-addr.arpa"_qs, u"spamhaus.org"_qs});
        QVERIFY(dns.start());
        const Run r = cli({u"check-ip"_qs, u"--json"_qs, u"--dns"_qs, dns.address(), u"--dnsbl"_qs,
                u"zen.spamhaus.org"_qs, u"--no-owner"_qs, u"--timeout-ms"_qs, u"1500"_qs,
                u"113.98.228.10"_qs, u"192.0.2.7"_qs});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject doc = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(doc.value(u"schema").toInt(), 1);
        const QJsonArray checks = doc.value(u"checks").toArray();
        QCOMPARE(checks.size(), 2);
        const QJsonObject c = checks[0].toObject();
        QCOMPARE(c.value(u"ip").toString(), u"113.98.228.10"_qs);
        for (const char *field : {"ip", "ptr", "generic_ptr", "dnsbl", "owner", "elapsed_ms"})
            QVERIFY2(c.contains(QLatin1StringView(field)), field);
        const QJsonObject ptr = c.value(u"ptr").toObject();
        QCOMPARE(ptr.value(u"status").toString(), u"ok"_qs);
        QCOMPARE(ptr.value(u"forward_confirmed").toBool(), true);
        QCOMPARE(c.value(u"generic_ptr").toObject().value(u"verdict").toString(), u"generic"_qs);
        const QJsonObject zen = c.value(u"dnsbl").toArray().at(0).toObject();
        QCOMPARE(zen.value(u"zone").toString(), u"zen.spamhaus.org"_qs);
        QCOMPARE(zen.value(u"status").toString(), u"listed"_qs);
        QCOMPARE(zen.value(u"codes").toArray().at(0).toString(), u"127.0.0.11"_qs);
        QVERIFY(zen.value(u"meaning").toString().contains(u"PBL"));
        QCOMPARE(checks[1].toObject().value(u"ptr").toObject().value(u"status").toString(),
                u"none"_qs);
        QCOMPARE(checks[1]
                         .toObject()
                         .value(u"dnsbl")
                         .toArray()
                         .at(0)
                         .toObject()
                         .value(u"status")
                         .toString(),
                u"not-listed"_qs);
    }

    // The resolver's trust is part of the contract: trusted for a working server, and for one
    // that answers NXDOMAIN for everything, the problem first and no "none" or "not-listed".
    void checkIpResolverTrust()
    {
        if (!DnsmasqServer::available())
            QSKIP("dnsmasq is not installed");
        DnsmasqServer healthy({u"--host-record=2.0.0.127.zen.spamhaus.org,127.0.0.2"_qs},
                {u"test"_qs, u"in-addr.arpa"_qs, u"spamhaus.org"_qs});
        QVERIFY(healthy.start());
        const Run ok = cli({u"check-ip"_qs, u"--json"_qs, u"--dns"_qs, healthy.address(),
                u"--dnsbl"_qs, u"zen.spamhaus.org"_qs, u"--no-owner"_qs, u"--timeout-ms"_qs,
                u"1500"_qs, u"192.0.2.7"_qs});
        QCOMPARE(ok.exitCode, 0);
        const QJsonObject resolver =
                QJsonDocument::fromJson(ok.out).object().value(u"resolver").toObject();
        QCOMPARE(resolver.value(u"trusted"), QJsonValue(true));
        QVERIFY(resolver.value(u"problem").isNull());
        QCOMPARE(resolver.value(u"server").toString(), healthy.address());

        // A resolver that says "no such name" to everything, the root zone included.
        DnsmasqServer lying({u"--address=/#/"_qs}, QStringList(), false);
        QVERIFY(lying.start());
        const QStringList args {u"check-ip"_qs, u"--dns"_qs, lying.address(), u"--dnsbl"_qs,
                u"zen.spamhaus.org,bl.spamcop.net"_qs, u"--no-owner"_qs, u"--timeout-ms"_qs,
                u"1500"_qs, u"--domain"_qs, u"example.test"_qs, u"113.98.228.10"_qs};
        const Run json = cli(QStringList(args) << u"--json"_qs);
        QCOMPARE(json.exitCode, 0);
        const QJsonObject doc = QJsonDocument::fromJson(json.out).object();
        const QJsonObject bad = doc.value(u"resolver").toObject();
        QCOMPARE(bad.value(u"trusted"), QJsonValue(false));
        const QString problem = bad.value(u"problem").toString();
        QVERIFY2(problem.contains(u"NXDOMAIN") && problem.contains(lying.address()),
                qPrintable(problem));
        const QJsonObject c = doc.value(u"checks").toArray().at(0).toObject();
        QCOMPARE(c.value(u"ptr").toObject().value(u"status").toString(), u"error"_qs);
        QCOMPARE(c.value(u"generic_ptr").toObject().value(u"verdict").toString(), u"none"_qs);
        for (const QJsonValue &z : c.value(u"dnsbl").toArray())
            QVERIFY(z.toObject().value(u"status").toString() != u"not-listed");
        QCOMPARE(c.value(u"domain").toObject().value(u"spf").toObject().value(u"result").toString(),
                u"unknown"_qs);
        // The text report says it first, in the same words.
        const Run text = cli(args);
        QCOMPARE(text.exitCode, 0);
        QVERIFY2(QString::fromUtf8(text.out).startsWith(u"!! "_qs + problem), text.out.constData());
        QVERIFY(!QString::fromUtf8(text.out).contains(QRegularExpression(u"PTR: +none"_qs)));
    }

    // A dual-stack log's "::ffff:a.b.c.d" is the IPv4 address; documentation ranges stay allowed.
    void checkIpMappedAndDocumentationAddresses()
    {
        for (const char *ip :
                {"::ffff:192.0.2.10", "198.51.100.4", "203.0.113.9", "2001:db8::25"}) {
            const Run r = cli({u"check-ip"_qs, u"--json"_qs, u"--dns"_qs, u"127.0.0.1:9"_qs,
                    u"--no-dnsbl"_qs, u"--no-owner"_qs, u"--timeout-ms"_qs, u"300"_qs,
                    QString::fromLatin1(ip)});
            QVERIFY2(r.exitCode != 2, r.err.constData());
            const QJsonObject c = QJsonDocument::fromJson(r.out)
                                          .object()
                                          .value(u"checks")
                                          .toArray()
                                          .at(0)
                                          .toObject();
            if (QByteArray(ip).startsWith("::ffff:"))
                QCOMPARE(c.value(u"ip").toString(), u"192.0.2.10"_qs);
        }
    }

    // APNIC's RDAP answer for the seed IP, cut to what the owner lookup reads.
    static void serveChinanetRdap(HttpFixture &rdap)
    {
        rdap.set("/ip/113.98.228.10",
                {200, R"({"objectClassName":"ip network","startAddress":"113.96.0.0","endAddress":"113.111.255.255",
            "name":"CHINANET-GD","country":"CN","entities":[{"handle":"IRT-CHINANET-CN","roles":["abuse"],
            "vcardArray":["vcard",[["fn",{},"text","IRT"],["email",{},"text","anti-spam@chinatelecom.cn"]]]}]})",
                        {}});
    }

    void checkIpOwnerFromRdap()
    {
        if (!DnsmasqServer::available())
            QSKIP("dnsmasq is not installed");
        DnsmasqServer dns(
                {u"--ptr-record=10.228.98.113.in-addr.arpa,113-98-228-10.dynamic.example.test"_qs},
                {u"test"_qs, u"in-addr.arpa"_qs});
        QVERIFY(dns.start());
        HttpFixture rdap;
        QVERIFY(rdap.listen());
        serveChinanetRdap(rdap);
        QProcess p;
        p.start(QStringLiteral(BD_CLI_PATH),
                {u"check-ip"_qs, u"--json"_qs, u"--dns"_qs, dns.address(), u"--no-dnsbl"_qs,
                        u"--no-abusix"_qs, u"--rdap-base"_qs, rdap.base(), u"--timeout-ms"_qs,
                        u"1500"_qs, u"113.98.228.10"_qs});
        QVERIFY(QTest::qWaitFor([&] { return p.state() == QProcess::NotRunning; },
                15000)); // the fixture needs our event loop
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        const QJsonObject owner = QJsonDocument::fromJson(p.readAllStandardOutput())
                                          .object()
                                          .value(u"checks"_qs)
                                          .toArray()
                                          .at(0)
                                          .toObject()
                                          .value(u"owner")
                                          .toObject();
        QCOMPARE(owner.value(u"source").toString(), u"rdap"_qs);
        QCOMPARE(owner.value(u"netname").toString(), u"CHINANET-GD"_qs);
        QCOMPARE(owner.value(u"range").toString(), u"113.96.0.0 - 113.111.255.255"_qs);
        QCOMPARE(owner.value(u"country").toString(), u"CN"_qs);
        QCOMPARE(owner.value(u"abuse_emails").toArray().at(0).toString(),
                u"anti-spam@chinatelecom.cn"_qs);
        QVERIFY(owner.value(u"queried")
                        .toArray()
                        .at(0)
                        .toString()
                        .startsWith(u"rdap:http://127.0.0.1"));
    }

    // docs/cli.md's check-ip example against what check-ip writes with every part answered: a
    // PTR that confirms, --helo, a listing with its TXT, an owner from RDAP.
    void checkIpDocumentedFieldsAreWritten()
    {
        if (!DnsmasqServer::available())
            QSKIP("dnsmasq is not installed");
        DnsmasqServer dns(
                {u"--ptr-record=10.228.98.113.in-addr.arpa,113-98-228-10.dynamic.example.test"_qs,
                        u"--host-record=113-98-228-10.dynamic.example.test,113.98.228.10"_qs,
                        u"--host-record=mail.example.test,113.98.228.10"_qs,
                        u"--host-record=2.0.0.127.zen.spamhaus.org,127.0.0.2"_qs,
                        u"--host-record=10.228.98.113.zen.spamhaus.org,127.0.0.11"_qs,
                        u"--txt-record=10.228.98.113.zen.spamhaus.org,https://check.spamhaus.org/"_qs},
                {u"test"_qs, u"in-addr.arpa"_qs, u"spamhaus.org"_qs});
        QVERIFY(dns.start());
        HttpFixture rdap;
        QVERIFY(rdap.listen());
        serveChinanetRdap(rdap);
        QProcess p;
        p.start(QStringLiteral(BD_CLI_PATH),
                {u"check-ip"_qs, u"--json"_qs, u"--dns"_qs, dns.address(), u"--dnsbl"_qs,
                        u"zen.spamhaus.org"_qs, u"--helo"_qs, u"mail.example.test"_qs,
                        u"--no-abusix"_qs, u"--rdap-base"_qs, rdap.base(), u"--timeout-ms"_qs,
                        u"1500"_qs, u"113.98.228.10"_qs});
        QVERIFY(QTest::qWaitFor([&] { return p.state() == QProcess::NotRunning; },
                15000)); // the fixture needs our event loop
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        const QSet<QString> documented = documentedKeys(u"## check-ip"_qs);
        QVERIFY(documented.size() > 20);
        QStringList missing = (documented
                - writtenKeys(QJsonDocument::fromJson(p.readAllStandardOutput()).object()))
                                      .values();
        missing.sort();
        QVERIFY2(missing.isEmpty(), qPrintable(missing.join(u", ")));
    }

    void checkIpOfflineExits4()
    {
        FakeDnsServer silent;
        QVERIFY(silent.start());
        silent.setFallback({FakeDnsServer::Behaviour::Silent, 0, {}, {}, 0});
        QProcess p;
        p.start(QStringLiteral(BD_CLI_PATH),
                {u"check-ip"_qs, u"--dns"_qs, silent.address(), u"--timeout-ms"_qs, u"300"_qs,
                        u"--no-owner"_qs, u"--dnsbl"_qs, u"zen.spamhaus.org"_qs, u"192.0.2.1"_qs});
        // The fake server lives in this process: keep its event loop turning while the CLI waits.
        QVERIFY(QTest::qWaitFor([&] { return p.state() == QProcess::NotRunning; }, 10000));
        QCOMPARE(p.exitCode(), 4);
        QVERIFY(p.readAllStandardError().contains("no DNS lookup got an answer"));
    }

    void classifyTextInChinese()
    {
        const Run r = cli({QStringLiteral("classify"), QStringLiteral("--lang"),
                QStringLiteral("zh_CN"), QStringLiteral(BD_TEST_DATA "/mta/postfix-dsn.eml")});
        QCOMPARE(r.exitCode, 0);
        const QString out = QString::fromUtf8(r.out);
        QVERIFY2(out.contains(u"动态用户列表"), qPrintable(out));
        QVERIFY2(out.contains(u"含义"), qPrintable(out)); // translated label
        QVERIFY(r.err.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TstCli)
#include "tst_cli.moc"
