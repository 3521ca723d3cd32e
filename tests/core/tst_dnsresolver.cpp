// SPDX-License-Identifier: GPL-3.0-or-later
// The resolver against real servers on loopback: every status it can report, and no failure
// ever reported as an answer.
#include "DnsmasqServer.h"
#include "FakeDnsServer.h"
#include "dns/CaresResolver.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

using namespace bd;

namespace {

DnsResult resolve(const QString &server, const QString &name, DnsType type, int timeoutMs = 1500)
{
    CaresResolver::Options o;
    QString error;
    o.server = *DnsServer::parse(server, &error);
    o.timeoutMs = timeoutMs;
    CaresResolver resolver(o);
    DnsResult result;
    bool done = false;
    resolver.lookup(name, type, &resolver, [&](const DnsResult &r) {
        result = r;
        done = true;
    });
    if (!QTest::qWaitFor([&] { return done; }, timeoutMs + 3000))
        qWarning("lookup of %s never ended", qPrintable(name));
    return result;
}

// Starts `server` answering every query with 127.0.0.2 after 200 ms; `options` ask it.
bool answerEverything(FakeDnsServer &server, CaresResolver::Options *options)
{
    if (!server.start())
        return false;
    server.setFallback({FakeDnsServer::Behaviour::Answer, 0, {u"127.0.0.2"_qs}, {}, 200});
    QString error;
    const auto parsed = DnsServer::parse(server.address(), &error);
    if (!parsed)
        return false;
    options->server = *parsed;
    return true;
}

} // namespace

Q_DECLARE_METATYPE(bd::DnsStatus)
Q_DECLARE_METATYPE(bd::DnsType)
Q_DECLARE_METATYPE(FakeDnsServer::Behaviour)

class TstDnsResolver : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<DnsmasqServer> m_dnsmasq;

private slots:
    void initTestCase()
    {
        if (!DnsmasqServer::available())
            QSKIP("dnsmasq is not installed (./quickstart test installs dnsmasq-base)");
        m_dnsmasq = std::make_unique<DnsmasqServer>(QStringList {
                QStringLiteral("--host-record=mail.example.test,192.0.2.10,2001:db8::10"),
                QStringLiteral("--ptr-record=10.2.0.192.in-addr.arpa,mail.example.test"),
                QStringLiteral("--txt-record=example.test,v=spf1 ip4:192.0.2.0/24 -all"),
                QStringLiteral("--mx-host=example.test,mail.example.test,10"),
                QStringLiteral("--cname=www.example.test,mail.example.test")});
        QVERIFY2(m_dnsmasq->start(), "dnsmasq did not start");
    }

    void dnsmasqAnswers_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<DnsType>("type");
        QTest::addColumn<DnsStatus>("status");
        QTest::addColumn<QStringList>("values");
        QTest::newRow("A") << "mail.example.test" << DnsType::A << DnsStatus::Answer
                           << QStringList {u"192.0.2.10"_qs};
        QTest::newRow("AAAA") << "mail.example.test" << DnsType::AAAA << DnsStatus::Answer
                              << QStringList {u"2001:db8::10"_qs};
        QTest::newRow("PTR") << "10.2.0.192.in-addr.arpa" << DnsType::PTR << DnsStatus::Answer
                             << QStringList {u"mail.example.test"_qs};
        QTest::newRow("TXT") << "example.test" << DnsType::TXT << DnsStatus::Answer
                             << QStringList {u"v=spf1 ip4:192.0.2.0/24 -all"_qs};
        QTest::newRow("MX") << "example.test" << DnsType::MX << DnsStatus::Answer
                            << QStringList {u"mail.example.test"_qs};
        QTest::newRow("CNAME") << "www.example.test" << DnsType::CNAME << DnsStatus::Answer
                               << QStringList {u"mail.example.test"_qs};
        QTest::newRow("NXDOMAIN") << "nothing.example.test" << DnsType::A << DnsStatus::NxDomain
                                  << QStringList {};
        QTest::newRow("no data") << "example.test" << DnsType::AAAA << DnsStatus::NoData
                                 << QStringList {};
    }
    void dnsmasqAnswers()
    {
        QFETCH(QString, name);
        QFETCH(DnsType, type);
        QFETCH(DnsStatus, status);
        QFETCH(QStringList, values);
        const DnsResult r = resolve(m_dnsmasq->address(), name, type);
        QCOMPARE(dnsStatusName(r.status), dnsStatusName(status));
        QCOMPARE(r.values(), values);
    }

    void misbehavingServers_data()
    {
        QTest::addColumn<FakeDnsServer::Behaviour>("behaviour");
        QTest::addColumn<int>("delayMs");
        QTest::addColumn<DnsStatus>("status");
        QTest::newRow("silent") << FakeDnsServer::Behaviour::Silent << 0 << DnsStatus::Timeout;
        QTest::newRow("slow, within the timeout")
                << FakeDnsServer::Behaviour::Answer << 300 << DnsStatus::Answer;
        QTest::newRow("slower than the timeout")
                << FakeDnsServer::Behaviour::Answer << 2500 << DnsStatus::Timeout;
        QTest::newRow("SERVFAIL") << FakeDnsServer::Behaviour::ServFail << 0 << DnsStatus::ServFail;
        QTest::newRow("REFUSED") << FakeDnsServer::Behaviour::Refused << 0 << DnsStatus::Refused;
        // c-ares drops a malformed reply and keeps waiting for a good one: it ends as a timeout.
        QTest::newRow("garbage") << FakeDnsServer::Behaviour::Garbage << 0 << DnsStatus::Timeout;
        // TC set and no TCP listener: c-ares retries over TCP, which is refused.
        QTest::newRow("truncated") << FakeDnsServer::Behaviour::Truncated << 0 << DnsStatus::Error;
    }
    void misbehavingServers()
    {
        QFETCH(FakeDnsServer::Behaviour, behaviour);
        QFETCH(int, delayMs);
        QFETCH(DnsStatus, status);
        FakeDnsServer server;
        QVERIFY(server.start());
        server.setFallback({behaviour, 0, {u"127.0.0.2"_qs}, {}, delayMs});
        QElapsedTimer t;
        t.start();
        const DnsResult r =
                resolve(server.address(), QStringLiteral("2.0.0.127.zen.test"), DnsType::A, 800);
        QCOMPARE(dnsStatusName(r.status), dnsStatusName(status));
        if (status == DnsStatus::Answer) {
            QCOMPARE(r.values(), QStringList {u"127.0.0.2"_qs});
        } else {
            QVERIFY(!r.ok());
            QVERIFY(r.records.isEmpty());
        }
        QVERIFY2(t.elapsed() < 800 + 2000, "the lookup outlived its timeout");
    }

    void nothingListening()
    {
        // A port nobody listens on: ICMP port unreachable, reported at once as an error.
        const DnsResult r =
                resolve(QStringLiteral("127.0.0.1:9"), QStringLiteral("a.test"), DnsType::A, 800);
        QVERIFY(r.status == DnsStatus::Error || r.status == DnsStatus::Timeout);
    }

    void manyQueriesInFlight()
    {
        FakeDnsServer server;
        CaresResolver::Options o;
        QVERIFY(answerEverything(server, &o));
        o.timeoutMs = 3000;
        CaresResolver resolver(o);
        int answered = 0;
        QElapsedTimer t;
        t.start();
        for (int i = 0; i < 200; ++i)
            resolver.lookup(QStringLiteral("n%1.test").arg(i), DnsType::A, &resolver,
                    [&](const DnsResult &r) { answered += r.ok(); });
        QTRY_COMPARE_WITH_TIMEOUT(answered, 200, 5000);
        QCOMPARE(resolver.pending(), 0);
    }

    // The receiver of a lookup can go while the answer is on its way (a page closed, a check
    // cancelled): the answer must not reach it.
    void answerForAGoneContextIsDropped()
    {
        FakeDnsServer server;
        CaresResolver::Options o;
        QVERIFY(answerEverything(server, &o));
        CaresResolver resolver(o);
        bool goneCalled = false;
        bool liveCalled = false;
        auto *gone = new QObject;
        resolver.lookup(
                u"gone.test"_qs, DnsType::A, gone, [&](const DnsResult &) { goneCalled = true; });
        QObject live;
        resolver.lookup(u"live.test"_qs, DnsType::A, &live,
                [&](const DnsResult &r) { liveCalled = r.ok(); });
        delete gone;
        QTRY_VERIFY_WITH_TIMEOUT(liveCalled, 5000);
        QTest::qWait(100);
        QVERIFY(!goneCalled);
        QCOMPARE(resolver.pending(), 0);
    }

    void serverSpecs_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("normalised");
        QTest::newRow("v4") << "127.0.0.1"
                            << "127.0.0.1:53";
        QTest::newRow("v4 port") << "127.0.0.1:5353"
                                 << "127.0.0.1:5353";
        QTest::newRow("v6") << "[::1]:5353"
                            << "[::1]:5353";
        QTest::newRow("v6 bare") << "::1"
                                 << "[::1]:53";
        QTest::newRow("name") << "dns.google"
                              << "";
        QTest::newRow("bad port") << "127.0.0.1:99999"
                                  << "";
        QTest::newRow("open bracket") << "[::1"
                                      << "";
    }
    void serverSpecs()
    {
        QFETCH(QString, spec);
        QFETCH(QString, normalised);
        QString error;
        const auto server = DnsServer::parse(spec, &error);
        if (normalised.isEmpty()) {
            QVERIFY(!server);
            QVERIFY(!error.isEmpty());
        } else {
            QVERIFY(server);
            QCOMPARE(server->toString(), normalised);
        }
    }

    // Lookups beyond the window wait their turn and still end the way the server answered:
    // answered names as answers, a silent server as timeouts (a waiting lookup is never
    // reported before it was asked).
    void lookupsBeyondTheWindow_data()
    {
        QTest::addColumn<bool>("silent");
        QTest::addColumn<DnsStatus>("status");
        QTest::newRow("answering server") << false << DnsStatus::Answer;
        QTest::newRow("silent server") << true << DnsStatus::Timeout;
    }
    void lookupsBeyondTheWindow()
    {
        QFETCH(bool, silent);
        QFETCH(DnsStatus, status);
        FakeDnsServer server;
        QVERIFY(server.start());
        server.setFallback(silent
                        ? FakeDnsServer::Reply {FakeDnsServer::Behaviour::Silent, 0, {}, {}, 0}
                        : FakeDnsServer::Reply {
                                FakeDnsServer::Behaviour::Answer, 0, {u"192.0.2.7"_qs}, {}, 0});
        CaresResolver::Options o;
        QString error;
        o.server = *DnsServer::parse(server.address(), &error);
        o.timeoutMs = 300;
        o.maxInFlight = 4;
        CaresResolver resolver(o);
        QList<DnsStatus> got;
        for (int i = 0; i < 20; ++i)
            resolver.lookup(u"n%1.example.test"_qs.arg(i), DnsType::A, &resolver,
                    [&](const DnsResult &r) { got << r.status; });
        QCOMPARE(resolver.pending(), 20);
        QTRY_COMPARE_WITH_TIMEOUT(got.size(), 20, 30000);
        QCOMPARE(got, QList<DnsStatus>(20, status));
        QCOMPARE(resolver.pending(), 0);
    }
};

QTEST_GUILESS_MAIN(TstDnsResolver)
#include "tst_dnsresolver.moc"
