// SPDX-License-Identifier: GPL-3.0-or-later
// The port 25 probe against servers on loopback ports: a mail server's greeting, an ISP's
// interceptor answering in the name of another server, a listener that says nothing, something
// that is not SMTP, and a closed port. What the probe says must be only what the try shows.
#include "relay/Port25Probe.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace bd;

namespace {

using Outcome = Port25Result::Outcome;

// Accepts connections and sends `greeting` to each (nothing when it is null).
class FakeServer : public QTcpServer
{
public:
    explicit FakeServer(const QByteArray &greeting)
        : m_greeting(greeting)
    {
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = nextPendingConnection()) {
                if (!m_greeting.isNull())
                    s->write(m_greeting);
            }
        });
    }

private:
    QByteArray m_greeting;
};

quint16 closedPort()
{
    QTcpServer s;
    s.listen(QHostAddress::LocalHost, 0);
    return s.serverPort(); // closed again when `s` goes
}

Port25Result tryPort(const QString &host, quint16 port, int timeoutMs = 5000)
{
    Port25Probe p;
    QSignalSpy done(&p, &Port25Probe::finished);
    p.start(host, port, timeoutMs);
    if (!p.isFinished())
        done.wait(timeoutMs + 5000);
    return p.result();
}

} // namespace

class TstPort25 : public QObject
{
    Q_OBJECT
private slots:
    void greetingHost_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("host");
        QTest::newRow("postfix") << "220 mx1.iag.test ESMTP Postfix"
                                 << "mx1.iag.test";
        QTest::newRow("continued") << "220-mx.example.org ESMTP"
                                   << "mx.example.org";
        QTest::newRow("upper case, root dot") << "220 MX.Example.ORG. ready"
                                              << "mx.example.org";
        QTest::newRow("address literal") << "220 [192.0.2.25] ESMTP"
                                         << "192.0.2.25";
        QTest::newRow("bare address") << "220 192.0.2.25 ESMTP"
                                      << "192.0.2.25";
        QTest::newRow("no name") << "220 ESMTP ready"
                                 << "";
        QTest::newRow("single label") << "220 localhost ESMTP"
                                      << "";
        QTest::newRow("nothing after the code") << "220"
                                                << "";
        QTest::newRow("not a name") << "220 ***************** ESMTP"
                                    << "";
    }
    void greetingHost()
    {
        QFETCH(QString, line);
        QFETCH(QString, host);
        QCOMPARE(Port25Probe::greetingHost(line), host);
    }

    void sameRegistrableDomain_data()
    {
        QTest::addColumn<QString>("asked");
        QTest::addColumn<QString>("greeted");
        QTest::addColumn<bool>("same");
        // "telnet gmail-smtp-in.l.google.com 25 ... 220 mx.google.com ESMTP 9si8465377iwn.40"
        // (http://petermblair.com/email/email-service-testing/testing-smtp/)
        QTest::newRow("Gmail's MX greets as mx.google.com") << "gmail-smtp-in.l.google.com"
                                                            << "mx.google.com" << true;
        QTest::newRow("under a public two-label suffix") << "mx1.example.com.cn"
                                                         << "smtp.example.com.cn." << true;
        QTest::newRow("two holders under com.cn") << "mx.a-example.com.cn"
                                                  << "mx.b-example.com.cn" << false;
        QTest::newRow("an ISP's proxy") << "mx1.example.org"
                                        << "smtp-proxy.isp.example" << false;
        QTest::newRow("an address asked") << "192.0.2.25"
                                          << "mx.google.com" << false;
        QTest::newRow("a public suffix greeted") << "mx.example.com.cn"
                                                 << "com.cn" << false;
    }
    void sameRegistrableDomain()
    {
        QFETCH(QString, asked);
        QFETCH(QString, greeted);
        QFETCH(bool, same);
        QCOMPARE(Port25Probe::sameRegistrableDomain(asked, greeted), same);
    }

    // Open, not "maybe intercepted", when the greeting names the recipient's own domain.
    void sameDomainIsOpen()
    {
        Port25Result r;
        r.host = u"gmail-smtp-in.l.google.com"_qs;
        r.outcome = Port25Result::Outcome::Greeting;
        r.banner = u"220 mx.google.com ESMTP 9si8465377iwn.40"_qs;
        r.bannerHost = u"mx.google.com"_qs;
        r.sameDomain = true;
        const QString en = r.text(Language::English);
        QVERIFY2(en.startsWith(u"Port 25 is open: gmail-smtp-in.l.google.com answered"),
                qPrintable(en));
        QVERIFY2(!en.contains(u"intercepts"), qPrintable(en));
        QVERIFY(r.text(Language::SimplifiedChinese).startsWith(u"25 端口通畅"));
        QCOMPARE(r.toJson(Language::English).value(u"same_domain").toBool(), true);
    }

    void probe_data()
    {
        QTest::addColumn<QByteArray>("greeting"); // null: the listener says nothing
        QTest::addColumn<int>("outcome");
        QTest::addColumn<QString>("banner");
        QTest::addColumn<QString>("bannerHost");
        QTest::addColumn<bool>("namesHost");
        QTest::addColumn<QString>("says");
        QTest::addColumn<QString>("neverSays");
        QTest::newRow("the server asked for greets")
                << QByteArray("220 [127.0.0.1] ESMTP Postfix\r\n") << int(Outcome::Greeting)
                << "220 [127.0.0.1] ESMTP Postfix"
                << "127.0.0.1" << true << "Port 25 is open: 127.0.0.1 answered"
                << "intercept";
        QTest::newRow("multi-line greeting")
                << QByteArray("220-127.0.0.1 ESMTP\r\n220 no UCE\r\n") << int(Outcome::Greeting)
                << "220-127.0.0.1 ESMTP 220 no UCE"
                << "127.0.0.1" << true << "is open"
                << "";
        // An ISP that intercepts port 25 answers with its own server: the banner names it.
        QTest::newRow("another server greets")
                << QByteArray("220 smtp-proxy.isp.example ESMTP\r\n") << int(Outcome::Greeting)
                << "220 smtp-proxy.isp.example ESMTP"
                << "smtp-proxy.isp.example" << false
                << "names smtp-proxy.isp.example, not 127.0.0.1"
                << "is open";
        QTest::newRow("a greeting without a name")
                << QByteArray("220 ESMTP\r\n") << int(Outcome::Greeting) << "220 ESMTP"
                << "" << false << "cannot be told whether 127.0.0.1 answered"
                << "is open";
        QTest::newRow("a refusing greeting is still the server's")
                << QByteArray("554 [127.0.0.1] no SMTP service here\r\n") << int(Outcome::Greeting)
                << "554 [127.0.0.1] no SMTP service here"
                << "127.0.0.1" << true << "no SMTP service here"
                << "";
        QTest::newRow("a silent listener")
                << QByteArray() << int(Outcome::Silent) << ""
                << "" << false << "no mail server greeting came within 1 seconds"
                << "is open";
        QTest::newRow("not a mail server") << QByteArray("HTTP/1.1 400 Bad Request\r\n\r\n")
                                           << int(Outcome::NotSmtp) << "HTTP/1.1 400 Bad Request"
                                           << "" << false << "is not a mail server"
                                           << "is open";
        QTest::newRow("half a line, then nothing")
                << QByteArray("22") << int(Outcome::NotSmtp) << "22"
                << "" << false << "is not a mail server"
                << "is open";
    }
    void probe()
    {
        QFETCH(QByteArray, greeting);
        QFETCH(int, outcome);
        QFETCH(QString, banner);
        QFETCH(QString, bannerHost);
        QFETCH(bool, namesHost);
        QFETCH(QString, says);
        QFETCH(QString, neverSays);
        FakeServer server(greeting);
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        const Port25Result r = tryPort(u"127.0.0.1"_qs, server.serverPort(), 1000);
        QCOMPARE(int(r.outcome), outcome);
        QCOMPARE(r.banner, banner);
        QCOMPARE(r.bannerHost, bannerHost);
        QCOMPARE(r.namesHost, namesHost);
        QVERIFY(r.connected());
        QString text = r.text(Language::English);
        // The port the try used, not a fixed 25.
        QVERIFY2(text.replace(QString::number(server.serverPort()), u"25"_qs).contains(says),
                qPrintable(text));
        if (!neverSays.isEmpty())
            QVERIFY2(!text.contains(neverSays), qPrintable(text));
        const QString zh = r.text(Language::SimplifiedChinese);
        QVERIFY2(zh.contains(u"127.0.0.1") && !zh.contains(u'{'), qPrintable(zh));
        if (!banner.isEmpty())
            QVERIFY2(zh.contains(banner), qPrintable(zh));
        const QJsonObject json = r.toJson(Language::English);
        QCOMPARE(json.value(u"result").toString(), Port25Result::outcomeName(r.outcome));
        QCOMPARE(json.value(u"port").toInt(), int(server.serverPort()));
    }

    // A closed port or a server that cannot be reached is one failed try, never proof of a block.
    void closedPortProvesNothing_data()
    {
        QTest::addColumn<QString>("lang");
        QTest::addColumn<QString>("says");
        QTest::newRow("en") << "en"
                            << "does not prove that your ISP blocks port";
        QTest::newRow("zh_CN") << "zh_CN"
                               << "并不能证明你的运营商封锁了";
    }
    void closedPortProvesNothing()
    {
        QFETCH(QString, lang);
        QFETCH(QString, says);
        const quint16 port = closedPort();
        const Port25Result r = tryPort(u"127.0.0.1"_qs, port);
        QCOMPARE(r.outcome, Outcome::Refused);
        QVERIFY(!r.connected());
        QVERIFY(!r.error.isEmpty());
        const QString text = r.text(languageFromCode(lang).value());
        QVERIFY2(text.contains(says), qPrintable(text));
        QVERIFY2(text.contains(u"127.0.0.1") && text.contains(QString::number(port))
                        && text.contains(r.error),
                qPrintable(text));
        QVERIFY2(text.contains(u"587"), qPrintable(text));
    }

    // The probe only listens: it sends no command, so the server sees no mail session.
    void sendsNothing()
    {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        QByteArray received;
        connect(&server, &QTcpServer::newConnection, this, [&] {
            QTcpSocket *s = server.nextPendingConnection();
            connect(s, &QTcpSocket::readyRead, this, [&received, s] { received += s->readAll(); });
            s->write("220 [127.0.0.1] ESMTP\r\n");
        });
        const Port25Result r = tryPort(u"127.0.0.1"_qs, server.serverPort());
        QCOMPARE(r.outcome, Outcome::Greeting);
        QTest::qWait(100);
        QCOMPARE(received, QByteArray());
    }
};

QTEST_GUILESS_MAIN(TstPort25)
#include "tst_port25.moc"
