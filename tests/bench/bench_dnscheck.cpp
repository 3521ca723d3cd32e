// SPDX-License-Identifier: GPL-3.0-or-later
// How long check-ip takes when lists are slow: two IPs against 26 zones where 20 answer after
// 300 ms and one never answers (it should take about one timeout, not the sum), and 200 PTR
// checks at once against a server that answers after 300 ms; then 100 and 1,000 IPs with the
// default lists against dnsmasq on loopback, which answers every query (issue #20: no answered
// query may read as a timeout).
#include "DnsmasqServer.h"
#include "FakeDnsServer.h"
#include "dns/CaresResolver.h"
#include "ipcheck/IpChecker.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonObject>

#include <cstdio>

using namespace bd;

namespace {

double run(CaresResolver &resolver, const IpCheckOptions &options, const QList<QHostAddress> &ips)
{
    IpChecker checker(&resolver, options);
    QEventLoop loop;
    QObject::connect(&checker, &IpChecker::finished, &loop, &QEventLoop::quit);
    QElapsedTimer t;
    t.start();
    checker.start(ips);
    if (!checker.isFinished())
        loop.exec();
    return t.nsecsElapsed() / 1e6;
}

int timeouts(const QJsonArray &checks)
{
    int n = 0;
    for (const QJsonValue &v : checks) {
        const QJsonObject c = v.toObject();
        n += c.value(u"ptr").toObject().value(u"status").toString() == u"timeout";
        for (const QJsonValue &d : c.value(u"dnsbl").toArray())
            n += d.toObject().value(u"status").toString() == u"timeout";
    }
    return n;
}

void answeringServer()
{
    if (!DnsmasqServer::available()) {
        std::printf("dnsmasq is not installed: the 1,000-IP run is left out\n");
        return;
    }
    QStringList records;
    QStringList local {QStringLiteral("in-addr.arpa")};
    const QList<DnsblZone> defaults = DnsblTable::builtIn().defaultZones();
    for (const DnsblZone &z : defaults) {
        local << z.zone;
        records << QStringLiteral("--host-record=2.0.0.127.%1,127.0.0.2").arg(z.zone);
    }
    DnsmasqServer server(records, local);
    if (!server.start()) {
        std::printf("dnsmasq did not start: the 1,000-IP run is left out\n");
        return;
    }
    CaresResolver::Options o;
    QString error;
    o.server = *DnsServer::parse(server.address(), &error);
    for (const int count : {100, 1000}) {
        CaresResolver resolver(o);
        QList<QHostAddress> ips;
        for (int i = 0; i < count; ++i)
            ips << QHostAddress(QStringLiteral("198.51.%1.%2").arg(i / 250).arg(i % 250 + 1));
        IpChecker checker(&resolver, IpCheckOptions {});
        QEventLoop loop;
        QObject::connect(&checker, &IpChecker::finished, &loop, &QEventLoop::quit);
        QElapsedTimer t;
        t.start();
        checker.start(ips);
        if (!checker.isFinished())
            loop.exec();
        const double ms = t.nsecsElapsed() / 1e6;
        std::printf("%d IPs x %d default lists + PTR, every query answered: %.0f ms, %d of %d "
                    "lookups reported timeout\n",
                count, int(defaults.size()), ms, timeouts(IpCheckResult::toJson(checker.results())),
                count * int(1 + defaults.size()));
    }
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int timeoutMs = 2000;
    FakeDnsServer server;
    if (!server.start())
        return 1;
    const FakeDnsServer::Reply listed {
            FakeDnsServer::Behaviour::Answer, 0, {QStringLiteral("127.0.0.2")}, {}, 0};
    const FakeDnsServer::Reply slowNx {FakeDnsServer::Behaviour::Answer, 3, {}, {}, 300};
    server.setFallback(slowNx);
    IpCheckOptions options;
    for (int z = 0; z < 26; ++z) {
        const QString zone = QStringLiteral("zone%1.bench").arg(z);
        options.zones << DnsblTable::builtIn().zone(zone);
        server.set(QStringLiteral("2.0.0.127.") + zone, listed);
        const bool silent = z == 25;
        const bool fast = z >= 20 && z < 25;
        for (const char *ip : {"4.3.2.1.", "8.7.6.5."}) {
            FakeDnsServer::Reply r = slowNx;
            if (silent)
                r.behaviour = FakeDnsServer::Behaviour::Silent;
            if (fast)
                r.delayMs = 0;
            server.set(QString::fromLatin1(ip) + zone, r);
        }
    }
    CaresResolver::Options o;
    QString error;
    o.server = *DnsServer::parse(server.address(), &error);
    o.timeoutMs = timeoutMs;
    CaresResolver resolver(o);
    const double dnsbl = run(resolver, options,
            {QHostAddress(QStringLiteral("1.2.3.4")), QHostAddress(QStringLiteral("5.6.7.8"))});
    std::printf(
            "2 IPs x 26 zones (20 slow at 300 ms, 1 silent), timeout %d ms: %.0f ms, %d queries\n",
            timeoutMs, dnsbl, server.queriesSeen());

    IpCheckOptions ptrOnly;
    ptrOnly.dnsbl = false;
    QList<QHostAddress> many;
    for (int i = 0; i < 200; ++i)
        many << QHostAddress(QStringLiteral("10.0.%1.%2").arg(i / 250).arg(i % 250 + 1));
    const double ptr = run(resolver, ptrOnly, many);
    std::printf("200 PTR checks at once, server answers after 300 ms: %.0f ms\n", ptr);
    answeringServer();
    return 0;
}
