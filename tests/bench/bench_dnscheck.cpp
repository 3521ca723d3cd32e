// SPDX-License-Identifier: GPL-3.0-or-later
// How long check-ip takes when lists are slow: two IPs against 26 zones where 20 answer after
// 300 ms and one never answers (it should take about one timeout, not the sum), and 200 PTR
// checks at once against a server that answers after 300 ms.
#include "FakeDnsServer.h"
#include "dns/CaresResolver.h"
#include "ipcheck/IpChecker.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>

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
    return 0;
}
