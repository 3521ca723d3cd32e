// SPDX-License-Identifier: GPL-3.0-or-later
// check-ip's core against real DNS on loopback (dnsmasq, plus a fake server for what dnsmasq
// cannot do): PTR and forward confirmation, the generic verdict, every DNSBL status, the RFC
// 5782 test points, HELO, SPF and DMARC.
#include "DnsmasqServer.h"
#include "FakeDnsServer.h"
#include "dns/CaresResolver.h"
#include "ipcheck/IpCheckRun.h"
#include "ipcheck/IpChecker.h"
#include "spf/SpfEvaluator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

using namespace bd;

namespace {

QJsonObject dnsblEntry(const QJsonObject &check, const QString &zone)
{
    for (const QJsonValue &v : check.value(u"dnsbl").toArray()) {
        if (v.toObject().value(u"zone").toString() == zone)
            return v.toObject();
    }
    return {};
}

QStringList strings(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &s : v.toArray())
        out << s.toString();
    return out;
}

} // namespace

class TstIpChecker : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<DnsmasqServer> m_dns;
    std::unique_ptr<CaresResolver> m_resolver;
    QStringList m_roundTripFailures;

    // The checks as check-ip writes them; each must read back into the same JSON (the wizard's
    // session reads them back), which cleanup() holds every test to.
    QJsonArray json(const IpChecker &checker)
    {
        QJsonArray out = IpCheckResult::toJson(checker.results());
        for (const QJsonValue &v : std::as_const(out)) {
            const QJsonObject back = IpCheckResult::fromJson(v.toObject()).toJson();
            if (back != v.toObject())
                m_roundTripFailures << QString::fromUtf8(QJsonDocument(v.toObject()).toJson())
                                + QStringLiteral("\nread back as\n")
                                + QString::fromUtf8(QJsonDocument(back).toJson());
        }
        return out;
    }

    QJsonArray check(const QStringList &ips, const IpCheckOptions &options)
    {
        IpChecker checker(m_resolver.get(), options);
        QSignalSpy finished(&checker, &IpChecker::finished);
        QList<QHostAddress> addresses;
        for (const QString &ip : ips)
            addresses << QHostAddress(ip);
        checker.start(addresses);
        if (!checker.isFinished() && !finished.wait(10000))
            qWarning("check did not finish");
        return json(checker);
    }

    IpCheckOptions zones(const QStringList &names)
    {
        IpCheckOptions o;
        for (const QString &z : names)
            o.zones << DnsblTable::builtIn().zone(z);
        return o;
    }

private slots:
    void cleanup()
    {
        const QStringList failures = std::exchange(m_roundTripFailures, {});
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(u"\n\n")));
    }

    void initTestCase()
    {
        if (!DnsmasqServer::available())
            QSKIP("dnsmasq is not installed (./quickstart test installs dnsmasq-base)");
        m_dns = std::make_unique<DnsmasqServer>(
                QStringList {// the seed's case: a generic, forward-confirmed name
                        u"--ptr-record=10.228.98.113.in-addr.arpa,113-98-228-10.dynamic.example.test"_qs,
                        u"--host-record=113-98-228-10.dynamic.example.test,113.98.228.10"_qs,
                        // a mail-looking name whose A record points elsewhere
                        u"--ptr-record=20.2.0.192.in-addr.arpa,mail.example.test"_qs,
                        u"--host-record=mail.example.test,192.0.2.99"_qs,
                        // IPv6, confirmed
                        u"--ptr-record=5.2.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa,mail6.example.test"_qs,
                        u"--host-record=mail6.example.test,2001:db8::25"_qs,
                        // Spamhaus ZEN as served here: test point, a PBL listing, a refusal code
                        u"--host-record=2.0.0.127.zen.spamhaus.org,127.0.0.2"_qs,
                        u"--host-record=10.228.98.113.zen.spamhaus.org,127.0.0.11"_qs,
                        u"--txt-record=10.228.98.113.zen.spamhaus.org,https://check.spamhaus.org/query/ip/113.98.228.10"_qs,
                        u"--host-record=20.2.0.192.zen.spamhaus.org,127.255.255.254"_qs,
                        // SpamCop: test point only
                        u"--host-record=2.0.0.127.bl.spamcop.net,127.0.0.2"_qs,
                        // a zone that answers everything with a web server's address
                        u"--address=/everything.test/198.51.100.1"_qs,
                        // the sender domain
                        u"--mx-host=example.test,mail.example.test,10"_qs,
                        u"--txt-record=example.test,v=spf1 ip4:113.98.228.0/24 include:_spf.provider.test ~all"_qs,
                        u"--txt-record=_spf.provider.test,v=spf1 ip4:198.51.100.0/24 -all"_qs,
                        u"--txt-record=_dmarc.example.test,v=DMARC1; p=reject; rua=mailto:dmarc@example.test"_qs,
                        u"--txt-record=redirected.test,v=spf1 redirect=example.test"_qs,
                        u"--txt-record=mx.test,v=spf1 mx -all"_qs,
                        u"--mx-host=mx.test,mail.example.test,10"_qs,
                        u"--txt-record=two.test,v=spf1 -all"_qs,
                        u"--txt-record=two.test,v=spf1 +all"_qs,
                        u"--txt-record=loop.test,v=spf1 include:loop.test -all"_qs,
                        u"--txt-record=sub.example.test,v=spf1 -all"_qs},
                QStringList {u"test"_qs, u"in-addr.arpa"_qs, u"ip6.arpa"_qs, u"spamhaus.org"_qs,
                        u"spamcop.net"_qs});
        QVERIFY2(m_dns->start(), "dnsmasq did not start");
        CaresResolver::Options o;
        QString error;
        o.server = *DnsServer::parse(m_dns->address(), &error);
        o.timeoutMs = 1500;
        m_resolver = std::make_unique<CaresResolver>(o);
    }

    void ptrAndForwardConfirmation_data()
    {
        QTest::addColumn<QString>("ip");
        QTest::addColumn<QString>("status");
        QTest::addColumn<QStringList>("names");
        QTest::addColumn<bool>("confirmed");
        QTest::addColumn<QString>("verdict");
        QTest::newRow("generic, confirmed")
                << "113.98.228.10"
                << "ok" << QStringList {u"113-98-228-10.dynamic.example.test"_qs} << true
                << "generic";
        QTest::newRow("named, not confirmed")
                << "192.0.2.20"
                << "ok" << QStringList {u"mail.example.test"_qs} << false << "specific";
        QTest::newRow("no PTR") << "192.0.2.30"
                                << "none" << QStringList {} << false << "none";
        QTest::newRow("IPv6 confirmed")
                << "2001:db8::25"
                << "ok" << QStringList {u"mail6.example.test"_qs} << true << "specific";
    }
    void ptrAndForwardConfirmation()
    {
        QFETCH(QString, ip);
        QFETCH(QString, status);
        QFETCH(QStringList, names);
        QFETCH(bool, confirmed);
        QFETCH(QString, verdict);
        IpCheckOptions o;
        o.dnsbl = false;
        const QJsonObject c = check({ip}, o).at(0).toObject();
        const QJsonObject ptr = c.value(u"ptr").toObject();
        QCOMPARE(ptr.value(u"status").toString(), status);
        QCOMPARE(strings(ptr.value(u"names")), names);
        QCOMPARE(ptr.value(u"forward_confirmed").toBool(), confirmed);
        QCOMPARE(c.value(u"generic_ptr").toObject().value(u"verdict").toString(), verdict);
        QVERIFY(c.value(u"owner").isNull());
    }

    void dnsblStatuses_data()
    {
        QTest::addColumn<QString>("ip");
        QTest::addColumn<QString>("zone");
        QTest::addColumn<QString>("status");
        QTest::addColumn<QString>("meaningPart");
        QTest::newRow("listed PBL") << "113.98.228.10"
                                    << "zen.spamhaus.org"
                                    << "listed"
                                    << "PBL";
        QTest::newRow("refused public resolver") << "192.0.2.20"
                                                 << "zen.spamhaus.org"
                                                 << "refused"
                                                 << "public or shared resolvers";
        QTest::newRow("not listed") << "113.98.228.10"
                                    << "bl.spamcop.net"
                                    << "not-listed"
                                    << "";
        QTest::newRow("dead zone: no test point") << "113.98.228.10"
                                                  << "dnsbl.dead.test"
                                                  << "error"
                                                  << "127.0.0.2";
        QTest::newRow("rewriting resolver") << "113.98.228.10"
                                            << "everything.test"
                                            << "error"
                                            << "outside 127.0.0.0/8";
    }
    void dnsblStatuses()
    {
        QFETCH(QString, ip);
        QFETCH(QString, zone);
        QFETCH(QString, status);
        QFETCH(QString, meaningPart);
        const QJsonObject c = check({ip}, zones({zone})).at(0).toObject();
        const QJsonObject e = dnsblEntry(c, zone);
        QCOMPARE(e.value(u"status").toString(), status);
        QVERIFY2(e.value(u"meaning").toString().contains(meaningPart),
                qPrintable(e.value(u"meaning").toString()));
        if (status == u"listed") {
            QCOMPARE(strings(e.value(u"codes")), QStringList {u"127.0.0.11"_qs});
            QCOMPARE(e.value(u"listing").toString(), QStringLiteral("spamhaus-pbl"));
            QVERIFY(e.value(u"txt").toString().contains(u"check.spamhaus.org"));
            QVERIFY(e.value(u"delist_url").toString().startsWith(u"https://"));
        }
    }

    // A Chinese user reads why a verdict is void in Chinese, not in the table's English.
    void voidVerdictsSpeakTheUsersLanguage_data()
    {
        QTest::addColumn<QString>("zone");
        QTest::addColumn<QString>("meaningPart");
        QTest::newRow("dead zone") << "dnsbl.dead.test"
                                   << "测试地址 127.0.0.2";
        QTest::newRow("rewriting resolver") << "everything.test"
                                            << "不在 127.0.0.0/8 内";
    }
    void voidVerdictsSpeakTheUsersLanguage()
    {
        QFETCH(QString, zone);
        QFETCH(QString, meaningPart);
        IpCheckOptions o = zones({zone});
        o.lang = Language::SimplifiedChinese;
        const QJsonObject e = dnsblEntry(check({u"113.98.228.10"_qs}, o).at(0).toObject(), zone);
        QCOMPARE(e.value(u"status").toString(), QStringLiteral("error"));
        QVERIFY2(e.value(u"meaning").toString().contains(meaningPart),
                qPrintable(e.value(u"meaning").toString()));
    }

    // Lists that cannot be asked over DNS are named in the reader's language: the report's
    // "look it up on its page" line began with an empty name before.
    void notQueryableListsAreNamed_data()
    {
        QTest::addColumn<QString>("lang");
        QTest::addColumn<QString>("name");
        QTest::newRow("en") << "en"
                            << "Trend Micro ERS (RBL+, DUL, QIL)";
        QTest::newRow("zh_CN") << "zh_CN"
                               << "趋势科技 ERS（RBL+、DUL、QIL）";
    }
    void notQueryableListsAreNamed()
    {
        QFETCH(QString, lang);
        QFETCH(QString, name);
        IpCheckOptions o = zones({u"dnsbl.dead.test"_qs});
        o.lang = languageFromCode(lang).value();
        const QJsonArray nq =
                check({u"113.98.228.10"_qs}, o).at(0).toObject().value(u"not_queryable").toArray();
        QVERIFY(!nq.isEmpty());
        QCOMPARE(nq.at(0).toObject().value(u"name").toString(), name);
    }

    void silentAndFailingZonesAreNeverClean_data()
    {
        QTest::addColumn<int>("behaviour");
        QTest::addColumn<QString>("status");
        QTest::newRow("silent") << int(FakeDnsServer::Behaviour::Silent) << "timeout";
        QTest::newRow("servfail") << int(FakeDnsServer::Behaviour::ServFail) << "error";
        QTest::newRow("refused") << int(FakeDnsServer::Behaviour::Refused) << "refused";
    }
    void silentAndFailingZonesAreNeverClean()
    {
        QFETCH(int, behaviour);
        QFETCH(QString, status);
        FakeDnsServer server;
        QVERIFY(server.start());
        server.set(u"2.0.0.127.zone.test"_qs,
                {FakeDnsServer::Behaviour::Answer, 0, {u"127.0.0.2"_qs}, {}, 0});
        server.set(u"1.0.0.127.zone.test"_qs, {FakeDnsServer::Behaviour::Answer, 3, {}, {}, 0});
        server.set(u"4.3.2.1.zone.test"_qs, {FakeDnsServer::Behaviour(behaviour), 0, {}, {}, 0});
        CaresResolver::Options o;
        QString error;
        o.server = *DnsServer::parse(server.address(), &error);
        o.timeoutMs = 600;
        CaresResolver resolver(o);
        IpCheckOptions options = zones({u"zone.test"_qs});
        IpChecker checker(&resolver, options);
        QSignalSpy finished(&checker, &IpChecker::finished);
        checker.start({QHostAddress(u"1.2.3.4"_qs)});
        QVERIFY(finished.wait(5000));
        const QJsonObject e = dnsblEntry(json(checker).at(0).toObject(), u"zone.test"_qs);
        QCOMPARE(e.value(u"status").toString(), status);
        QCOMPARE(e.value(u"test_point").toString(), QStringLiteral("ok"));
    }

    // The loopback dnsmasq answers the root NS as a working resolver does: trusted.
    // How the wizard and the command line start a check: one run, one check after another,
    // each on a resolver of the options given.
    void aRunChecksOneAfterAnother()
    {
        CaresResolver::Options o;
        QString error;
        o.server = *DnsServer::parse(m_dns->address(), &error);
        o.timeoutMs = 1500;
        IpCheckRun run;
        QVERIFY(!run.checker());
        QVERIFY2(run.start(o, zones({u"zen.spamhaus.org"_qs}), {QHostAddress(u"113.98.228.10"_qs)},
                         &error),
                qPrintable(error));
        run.waitForFinished();
        QVERIFY(run.isFinished());
        QCOMPARE(strings(run.checker()->results().at(0).toJson().value(u"ptr").toObject().value(
                         u"names")),
                QStringList {u"113-98-228-10.dynamic.example.test"_qs});
        QCOMPARE(dnsblEntry(run.checker()->results().at(0).toJson(), u"zen.spamhaus.org"_qs)
                         .value(u"status")
                         .toString(),
                u"listed"_qs);
        QSignalSpy finished(&run, &IpCheckRun::finished);
        QVERIFY(run.start(
                o, zones({u"zen.spamhaus.org"_qs}), {QHostAddress(u"192.0.2.20"_qs)}, &error));
        QVERIFY(finished.wait(10000));
        const QJsonObject second = run.checker()->results().at(0).toJson();
        QCOMPARE(second.value(u"ip").toString(), u"192.0.2.20"_qs);
        QCOMPARE(strings(second.value(u"ptr").toObject().value(u"names")),
                QStringList {u"mail.example.test"_qs});
    }

    void aWorkingResolverIsTrusted()
    {
        IpChecker checker(m_resolver.get(), zones({u"zen.spamhaus.org"_qs}));
        QSignalSpy finished(&checker, &IpChecker::finished);
        checker.start({QHostAddress(u"113.98.228.10"_qs)});
        QVERIFY(finished.wait(10000));
        QVERIFY(checker.resolverTrust().trusted);
        QVERIFY(checker.resolverTrust().problem.isEmpty());
        QCOMPARE(json(checker).at(0).toObject().value(u"resolver").toObject().value(u"trusted"),
                QJsonValue(true));
    }

    // Issue 15: a resolver that answers NXDOMAIN (or nothing) for everything, as captive portals
    // and sandboxes do, yields no finding: no "no PTR", no "not listed", no "no SPF record".
    void aLyingResolverYieldsNoFindings_data()
    {
        QTest::addColumn<int>("rootRcode");
        QTest::addColumn<int>("rootBehaviour");
        QTest::addColumn<int>("fallbackRcode");
        QTest::addColumn<QString>("problemPart");
        QTest::newRow("NXDOMAIN for everything")
                << 3 << int(FakeDnsServer::Behaviour::Answer) << 3 << "answers NXDOMAIN";
        QTest::newRow("NOERROR with no records for everything")
                << 0 << int(FakeDnsServer::Behaviour::Answer) << 0 << "with no records";
        QTest::newRow("root refused, the rest NXDOMAIN")
                << 0 << int(FakeDnsServer::Behaviour::Refused) << 3 << "refuses queries";
        QTest::newRow("root SERVFAIL, the rest NXDOMAIN")
                << 0 << int(FakeDnsServer::Behaviour::ServFail) << 3 << "SERVFAIL";
    }
    void aLyingResolverYieldsNoFindings()
    {
        QFETCH(int, rootRcode);
        QFETCH(int, rootBehaviour);
        QFETCH(int, fallbackRcode);
        QFETCH(QString, problemPart);
        FakeDnsServer server;
        QVERIFY(server.start());
        server.set(QString(), {FakeDnsServer::Behaviour(rootBehaviour), rootRcode, {}, {}, 0});
        server.setFallback({FakeDnsServer::Behaviour::Answer, fallbackRcode, {}, {}, 0});
        CaresResolver::Options o;
        QString error;
        o.server = *DnsServer::parse(server.address(), &error);
        o.timeoutMs = 800;
        CaresResolver resolver(o);
        IpCheckOptions options = zones({u"zen.spamhaus.org"_qs, u"bl.spamcop.net"_qs});
        options.domain = QStringLiteral("example.test");
        options.helo = QStringLiteral("mail.example.test");
        IpChecker checker(&resolver, options);
        QSignalSpy finished(&checker, &IpChecker::finished);
        checker.start({QHostAddress(u"113.98.228.10"_qs)});
        QVERIFY(finished.wait(5000));
        const ResolverTrust trust = checker.resolverTrust();
        QVERIFY(!trust.trusted);
        QVERIFY2(trust.problem.contains(problemPart), qPrintable(trust.problem));
        QVERIFY(trust.problem.contains(server.address()));
        const QJsonObject c = json(checker).at(0).toObject();
        QCOMPARE(c.value(u"resolver").toObject().value(u"problem").toString(), trust.problem);
        QCOMPARE(c.value(u"ptr").toObject().value(u"status").toString(), QStringLiteral("error"));
        QCOMPARE(c.value(u"generic_ptr").toObject().value(u"verdict").toString(),
                QStringLiteral("none"));
        for (const QJsonValue &v : c.value(u"dnsbl").toArray())
            QCOMPARE(v.toObject().value(u"status").toString(), QStringLiteral("error"));
        const QJsonObject domain = c.value(u"domain").toObject();
        QCOMPARE(domain.value(u"mx_status").toString(), QStringLiteral("unknown"));
        QCOMPARE(domain.value(u"spf").toObject().value(u"result").toString(),
                QStringLiteral("unknown"));
        QCOMPARE(domain.value(u"dmarc").toObject().value(u"status").toString(),
                QStringLiteral("unknown"));
        QCOMPARE(
                c.value(u"helo").toObject().value(u"status").toString(), QStringLiteral("unknown"));
    }

    void aLyingResolverSpeaksChinese()
    {
        FakeDnsServer server;
        QVERIFY(server.start());
        server.set(QString(), {FakeDnsServer::Behaviour::Answer, 3, {}, {}, 0});
        CaresResolver::Options o;
        QString error;
        o.server = *DnsServer::parse(server.address(), &error);
        o.timeoutMs = 800;
        CaresResolver resolver(o);
        IpCheckOptions options;
        options.dnsbl = false;
        options.lang = Language::SimplifiedChinese;
        IpChecker checker(&resolver, options);
        QSignalSpy finished(&checker, &IpChecker::finished);
        checker.start({QHostAddress(u"113.98.228.10"_qs)});
        QVERIFY(finished.wait(5000));
        QVERIFY(checker.resolverTrust().problem.contains(u"不可信"));
    }

    void everythingFailedWhenTheServerIsSilent()
    {
        FakeDnsServer server;
        QVERIFY(server.start());
        server.setFallback({FakeDnsServer::Behaviour::Silent, 0, {}, {}, 0});
        CaresResolver::Options o;
        QString error;
        o.server = *DnsServer::parse(server.address(), &error);
        o.timeoutMs = 400;
        CaresResolver resolver(o);
        IpChecker checker(&resolver, zones({u"zen.spamhaus.org"_qs}));
        QSignalSpy finished(&checker, &IpChecker::finished);
        checker.start({QHostAddress(u"192.0.2.1"_qs)});
        QVERIFY(finished.wait(5000));
        QVERIFY(checker.everythingFailed());
        const QJsonObject c = json(checker).at(0).toObject();
        QCOMPARE(c.value(u"ptr").toObject().value(u"status").toString(), QStringLiteral("timeout"));
        QCOMPARE(dnsblEntry(c, u"zen.spamhaus.org"_qs).value(u"status").toString(),
                QStringLiteral("timeout"));
    }

    // Issue #20: against a server that answered all 13,000 queries of 1,000 IPs, 357 PTRs and
    // 4,309 list lookups came back "timeout", because thousands of queries left in one burst
    // and the answers overflowed the socket. An answered query must read as answered.
    void everyAnsweredLookupReadsAsAnswered_data()
    {
        QTest::addColumn<int>("count");
        QTest::newRow("100 IPs") << 100;
        QTest::newRow("1000 IPs") << 1000;
    }
    void everyAnsweredLookupReadsAsAnswered()
    {
        QFETCH(int, count);
        const QList<DnsblZone> defaults = DnsblTable::builtIn().defaultZones();
        QStringList records;
        QStringList local {u"in-addr.arpa"_qs};
        for (const DnsblZone &z : defaults) {
            local << z.zone;
            records << u"--host-record=2.0.0.127.%1,127.0.0.2"_qs.arg(z.zone);
        }
        QList<QHostAddress> ips;
        QSet<QString> listed; // every tenth IP is on the first list, so answers carry records too
        for (int i = 0; i < count; ++i) {
            const QString ip = u"198.51.%1.%2"_qs.arg(i / 250).arg(i % 250 + 1);
            ips << QHostAddress(ip);
            if (i % 10 == 0) {
                listed << ip;
                records << u"--host-record=%1.%2,127.0.0.2"_qs.arg(
                        reversedLabels(QHostAddress(ip)), defaults.first().zone);
            }
        }
        DnsmasqServer server(records, local);
        QVERIFY2(server.start(), "dnsmasq did not start");
        CaresResolver::Options o; // the CLI's defaults: 5 s per lookup, 2 tries
        QString error;
        o.server = *DnsServer::parse(server.address(), &error);
        CaresResolver resolver(o);
        IpChecker checker(&resolver, IpCheckOptions {});
        QSignalSpy finished(&checker, &IpChecker::finished);
        checker.start(ips);
        QVERIFY(checker.isFinished() || finished.wait(120000));
        const QJsonArray results = json(checker);
        QCOMPARE(results.size(), count);
        QStringList wrong;
        for (const QJsonValue &v : results) {
            const QJsonObject c = v.toObject();
            const QString ip = c.value(u"ip").toString();
            const QString ptr = c.value(u"ptr").toObject().value(u"status").toString();
            if (ptr != u"none")
                wrong << u"%1 PTR %2"_qs.arg(ip, ptr);
            for (const QJsonValue &d : c.value(u"dnsbl").toArray()) {
                const QString zone = d.toObject().value(u"zone").toString();
                const QString status = d.toObject().value(u"status").toString();
                const bool onList = zone == defaults.first().zone && listed.contains(ip);
                if (status != (onList ? u"listed"_qs : u"not-listed"_qs))
                    wrong << u"%1 %2 %3"_qs.arg(ip, zone, status);
            }
        }
        QVERIFY2(wrong.isEmpty(),
                qPrintable(u"%1 of %2 lookups misreported, e.g. %3"_qs.arg(wrong.size())
                                   .arg(count * (1 + defaults.size()))
                                   .arg(wrong.mid(0, 5).join(u"; "))));
    }

    void heloAndDomain()
    {
        IpCheckOptions o;
        o.dnsbl = false;
        o.helo = QStringLiteral("mail.example.test");
        o.domain = QStringLiteral("example.test");
        const QJsonObject c = check({u"113.98.228.10"_qs}, o).at(0).toObject();
        const QJsonObject helo = c.value(u"helo").toObject();
        QCOMPARE(helo.value(u"resolves_to_ip").toBool(), false);
        QCOMPARE(helo.value(u"matches_ptr").toBool(), false);
        const QJsonObject domain = c.value(u"domain").toObject();
        QCOMPARE(strings(domain.value(u"mx")), QStringList {u"10 mail.example.test"_qs});
        QCOMPARE(domain.value(u"spf").toObject().value(u"result").toString(),
                QStringLiteral("pass"));
        QCOMPARE(domain.value(u"spf").toObject().value(u"matched").toString(),
                QStringLiteral("ip4:113.98.228.0/24"));
        QCOMPARE(domain.value(u"dmarc").toObject().value(u"policy").toString(),
                QStringLiteral("reject"));
    }

    void spf_data()
    {
        QTest::addColumn<QString>("domain");
        QTest::addColumn<QString>("ip");
        QTest::addColumn<QString>("result");
        QTest::newRow("ip4 pass") << "example.test"
                                  << "113.98.228.77"
                                  << "pass";
        QTest::newRow("via include") << "example.test"
                                     << "198.51.100.9"
                                     << "pass";
        QTest::newRow("softfail") << "example.test"
                                  << "203.0.113.1"
                                  << "softfail";
        QTest::newRow("redirect") << "redirected.test"
                                  << "113.98.228.10"
                                  << "pass";
        QTest::newRow("mx mechanism") << "mx.test"
                                      << "192.0.2.99"
                                      << "pass";
        QTest::newRow("mx no match") << "mx.test"
                                     << "192.0.2.98"
                                     << "fail";
        QTest::newRow("two records") << "two.test"
                                     << "192.0.2.1"
                                     << "permerror";
        QTest::newRow("include loop") << "loop.test"
                                      << "192.0.2.1"
                                      << "permerror";
        QTest::newRow("no record") << "nothing.test"
                                   << "192.0.2.1"
                                   << "none";
    }
    void spf()
    {
        QFETCH(QString, domain);
        QFETCH(QString, ip);
        QFETCH(QString, result);
        SpfEvaluator::Result got;
        bool done = false;
        SpfEvaluator::evaluate(m_resolver.get(), QHostAddress(ip), domain, this,
                [&](const SpfEvaluator::Result &r) {
                    got = r;
                    done = true;
                });
        QTRY_VERIFY_WITH_TIMEOUT(done, 10000);
        QCOMPARE(got.result, result);
        QVERIFY(got.lookups <= 11);
    }
};

QTEST_GUILESS_MAIN(TstIpChecker)
#include "tst_ipchecker.moc"
