// SPDX-License-Identifier: GPL-3.0-or-later
// Who owns an IP, over the real protocols on loopback: WHOIS servers in each registry's format
// at the registries' own host names (our DNS maps them to 127.0.0.x), chained by referral, and
// an RDAP server with redirects, errors and handle-only entities.
#include "DnsmasqServer.h"
#include "LatinWords.h"
#include "NetworkFixtures.h"
#include "dns/CaresResolver.h"
#include "owner/OwnerLookup.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>
#include <QUrl>

using namespace bd;

namespace {

QByteArray fixture(const QString &name)
{
    QFile f(QStringLiteral(BD_TEST_DATA "/whois/") + name);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", qPrintable(name));
    return f.readAll();
}

QStringList strings(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &s : v.toArray())
        out << (s.isObject() ? s.toObject().value(u"email").toString() : s.toString());
    return out;
}

// The IP a WHOIS query is about: its last word, without JPNIC's "/e".
QByteArray queriedIp(const QByteArray &query)
{
    QByteArray ip = query.split(' ').last();
    if (ip.endsWith("/e"))
        ip.chop(2);
    return ip;
}

} // namespace

class TstOwner : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<DnsmasqServer> m_dns;
    std::unique_ptr<CaresResolver> m_resolver;
    QNetworkAccessManager m_network;
    QList<WhoisFixture *> m_whois;
    WhoisFixture *m_slow = nullptr;
    quint16 m_port = 0;
    // Which registry's fixture answers for which IP, and with what.
    QHash<QByteArray, QHash<QString, QByteArray>> m_answers;

    QStringList m_roundTripFailures;

    QJsonObject lookup(const QString &ip, OwnerOptions options)
    {
        options.whoisPort = m_port;
        options.timeoutMs = 1500;
        if (options.whoisServer.isEmpty())
            options.whoisServer = QStringLiteral("127.0.0.1:%1").arg(m_port); // "IANA"
        OwnerLookup lookup(m_resolver.get(), &m_network, options);
        QSignalSpy finished(&lookup, &OwnerLookup::finished);
        lookup.start(QHostAddress(ip));
        if (!lookup.isFinished() || finished.isEmpty())
            finished.wait(15000);
        QJsonObject json = lookup.result().toJson();
        // The wizard's session reads the owner back; cleanup() holds every test to it.
        if (OwnerResult::fromJson(json).toJson() != json)
            m_roundTripFailures << QString::fromUtf8(QJsonDocument(json).toJson());
        return json;
    }

    QByteArray answer(const QString &registry, const QByteArray &query)
    {
        return m_answers.value(queriedIp(query))
                .value(registry,
                        registry == u"arin" ? fixture(u"arin-no-match.txt"_qs)
                                            : QByteArray("%ERROR:101: no entries found\n"));
    }

private slots:
    void cleanup()
    {
        const QStringList failures = std::exchange(m_roundTripFailures, {});
        QVERIFY2(failures.isEmpty(),
                qPrintable(u"not read back the same:\n"_qs + failures.join(u"\n")));
    }

    void initTestCase()
    {
        if (!DnsmasqServer::available())
            QSKIP("dnsmasq is not installed (./quickstart test installs dnsmasq-base)");
        const QStringList registries {u"iana"_qs, u"arin"_qs, u"ripe"_qs, u"apnic"_qs, u"lacnic"_qs,
                u"afrinic"_qs, u"jpnic"_qs};
        const QStringList hosts {u"whois.iana.org"_qs, u"whois.arin.net"_qs, u"whois.ripe.net"_qs,
                u"whois.apnic.net"_qs, u"whois.lacnic.net"_qs, u"whois.afrinic.net"_qs,
                u"whois.nic.ad.jp"_qs};
        QStringList records;
        for (int i = 0; i < hosts.size(); ++i)
            records << QStringLiteral("--host-record=%1,127.0.0.%2").arg(hosts[i]).arg(i + 1);
        records << u"--host-record=whois.slow.test,127.0.0.8"_qs
                << u"--host-record=rdap.test,127.0.0.1"_qs
                << u"--host-record=rwhois.vpls.test,127.0.0.9"_qs
                << u"--host-record=rwhois.hostwinds.test,127.0.0.10"_qs
                << u"--txt-record=10.228.98.113.abuse-contacts.abusix.zone,anti-spam@chinatelecom.cn"_qs
                << u"--txt-record=1.12.3.200.abuse-contacts.abusix.zone,removed@lacnic.net"_qs;
        m_dns = std::make_unique<DnsmasqServer>(
                records, QStringList {u"test"_qs, u"abusix.zone"_qs});
        QVERIFY(m_dns->start());
        CaresResolver::Options o;
        QString error;
        o.server = *DnsServer::parse(m_dns->address(), &error);
        o.timeoutMs = 1500;
        m_resolver = std::make_unique<CaresResolver>(o);

        // IANA: which RIR holds each test address.
        const auto iana = [](const QString &refer, const QString &slash8, const QString &org) {
            return fixture(u"iana.txt"_qs)
                    .replace("{REFER}", refer.toUtf8())
                    .replace("{SLASH8}", slash8.toUtf8())
                    .replace("{ORG}", org.toUtf8());
        };
        m_answers["113.98.228.10"] = {
                {u"iana"_qs,
                        iana(u"whois.apnic.net"_qs, u"113.0.0.0 - 113.255.255.255"_qs,
                                u"APNIC"_qs)},
                {u"apnic"_qs, fixture(u"apnic-chinanet.txt"_qs)}};
        m_answers["120.76.78.234"] = {
                {u"iana"_qs,
                        iana(u"whois.apnic.net"_qs, u"120.0.0.0 - 120.255.255.255"_qs,
                                u"APNIC"_qs)},
                {u"apnic"_qs, fixture(u"apnic-cnnic.txt"_qs)}};
        m_answers["73.22.1.5"] = {
                {u"iana"_qs,
                        iana(u"whois.arin.net"_qs, u"73.0.0.0 - 73.255.255.255"_qs, u"ARIN"_qs)},
                {u"arin"_qs, fixture(u"arin-comcast.txt"_qs)}};
        m_answers["144.134.121.81"] = {
                {u"iana"_qs,
                        iana(u"whois.arin.net"_qs, u"144.0.0.0 - 144.255.255.255"_qs,
                                u"Administered by ARIN"_qs)},
                {u"arin"_qs, fixture(u"arin-erx-apnic.txt"_qs)},
                {u"apnic"_qs, fixture(u"apnic-telstra.txt"_qs)}};
        m_answers["62.239.237.1"] = {
                {u"iana"_qs,
                        iana(u"whois.ripe.net"_qs, u"62.0.0.0 - 62.255.255.255"_qs,
                                u"RIPE NCC"_qs)},
                {u"ripe"_qs, fixture(u"ripe-bt.txt"_qs)}};
        m_answers["200.3.12.1"] = {{u"ripe"_qs, fixture(u"ripe-not-managed.txt"_qs)},
                {u"apnic"_qs, fixture(u"apnic-iana-block.txt"_qs)},
                {u"lacnic"_qs, fixture(u"lacnic.txt"_qs)}};
        m_answers["196.216.2.20"] = {
                {u"iana"_qs,
                        iana(u"whois.afrinic.net"_qs, u"196.0.0.0 - 196.255.255.255"_qs,
                                u"AFRINIC"_qs)},
                {u"afrinic"_qs, fixture(u"afrinic.txt"_qs)}};
        m_answers["133.1.2.5"] = {
                {u"iana"_qs,
                        iana(u"whois.nic.ad.jp"_qs, u"133.0.0.0 - 133.255.255.255"_qs,
                                u"Administered by APNIC"_qs)},
                {u"jpnic"_qs, fixture(u"jpnic.txt"_qs)}};
        m_answers["45.65.20.1"] = {
                {u"iana"_qs,
                        iana(u"whois.arin.net"_qs, u"45.0.0.0 - 45.255.255.255"_qs, u"ARIN"_qs)},
                {u"arin"_qs, fixture(u"arin-loop.txt"_qs)},
                {u"ripe"_qs, fixture(u"ripe-loop.txt"_qs)}};
        m_answers["91.121.1.1"] = {
                {u"iana"_qs,
                        iana(u"whois.ripe.net"_qs, u"91.0.0.0 - 91.255.255.255"_qs,
                                u"RIPE NCC"_qs)},
                {u"ripe"_qs, fixture(u"ripe-latin1.txt"_qs)}};

        // One port for all, each registry on its own loopback address, as real servers on 43.
        for (int attempt = 0; attempt < 10 && m_whois.isEmpty(); ++attempt) {
            QTcpServer probe;
            probe.listen(QHostAddress::LocalHost, 0);
            m_port = probe.serverPort();
            probe.close();
            bool ok = true;
            for (int i = 0; i < registries.size() && ok; ++i) {
                const QString &registry = registries[i];
                auto *f = new WhoisFixture(
                        [this, registry](const QByteArray &q) { return answer(registry, q); },
                        this);
                ok = f->listen(QHostAddress(QStringLiteral("127.0.0.%1").arg(i + 1)), m_port);
                m_whois << f;
            }
            if (!ok) {
                qDeleteAll(m_whois);
                m_whois.clear();
            }
        }
        QVERIFY(!m_whois.isEmpty());
        m_slow = new WhoisFixture(
                [](const QByteArray &) {
                    return QByteArray("inetnum: 45.65.20.0 - 45.65.20.255\nnetname: PARTIAL\n");
                },
                this);
        QVERIFY(m_slow->listen(QHostAddress(u"127.0.0.8"_qs), m_port));

        // rwhois servers that ARIN refers to, answering in RWhois 1.5's class:attribute:value
        // lines. Both answers are real, as quoted in a public whois-abuse.spec.ts test file
        // (vault.krypt.com for 67.229.101.42, rwhois.hostwinds.com for 104.168.144.18).
        const auto referTo = [this](const QString &net, const QString &org, const QString &host) {
            return fixture(u"arin-rwhois-referral.txt"_qs)
                    .replace("{NET}", net.toUtf8())
                    .replace("{ORG}", org.toUtf8())
                    .replace("{REFERRAL}",
                            QStringLiteral("rwhois://%1:%2").arg(host).arg(m_port).toUtf8());
        };
        m_answers["67.229.101.42"] = {
                {u"iana"_qs,
                        iana(u"whois.arin.net"_qs, u"67.0.0.0 - 67.255.255.255"_qs, u"ARIN"_qs)},
                {u"arin"_qs,
                        referTo(u"67.229.0.0 - 67.229.255.255"_qs, u"VPLS"_qs,
                                u"rwhois.vpls.test"_qs)}};
        m_answers["104.168.144.18"] = {
                {u"iana"_qs,
                        iana(u"whois.arin.net"_qs, u"104.0.0.0 - 104.255.255.255"_qs, u"ARIN"_qs)},
                {u"arin"_qs,
                        referTo(u"104.168.0.0 - 104.168.255.255"_qs, u"HOSTWINDS"_qs,
                                u"rwhois.hostwinds.test"_qs)}};
        int next = 9;
        for (const QString &name : {u"rwhois-vpls.txt"_qs, u"rwhois-hostwinds.txt"_qs}) {
            const QByteArray text = fixture(name);
            // Every query is answered with the same text: the closure keeps it, it cannot move it.
            // NOLINTNEXTLINE(performance-no-automatic-move)
            auto *f = new WhoisFixture([text](const QByteArray &) { return text; }, this);
            QVERIFY(f->listen(QHostAddress(QStringLiteral("127.0.0.%1").arg(next++)), m_port));
        }
    }

    void whoisChains_data()
    {
        QTest::addColumn<QString>("ip");
        QTest::addColumn<QString>("firstHop");
        QTest::addColumn<QString>("registry");
        QTest::addColumn<QString>("org");
        QTest::addColumn<QStringList>("abuse");
        QTest::addColumn<QString>("nocPart");
        QTest::addColumn<QString>("rejectedPart");
        QTest::addColumn<QString>("staticHint");

        QTest::newRow("APNIC CHINANET") << "113.98.228.10"
                                        << ""
                                        << "apnic"
                                        << "CHINANET Guangdong province network"
                                        << QStringList {u"anti-spam@chinatelecom.cn"_qs} << ""
                                        << ""
                                        << "";
        QTest::newRow("APNIC CNNIC space: not the national registry")
                << "120.76.78.234"
                << ""
                << "apnic"
                << "Aliyun Computing Co., LTD" << QStringList {} << "ipadmin@alibaba-inc.com"
                << "ipas@cnnic.cn"
                << "";
        QTest::newRow("ARIN Comcast")
                << "73.22.1.5"
                << ""
                << "arin"
                << "Comcast Cable Communications, LLC" << QStringList {u"abuse@comcast.net"_qs}
                << "cnipnoc@comcast.com"
                << ""
                << "";
        QTest::newRow("ERX space: ARIN refers to APNIC")
                << "144.134.121.81"
                << ""
                << "apnic"
                << "Telstra Internet" << QStringList {u"abuse@telstra.net"_qs} << ""
                << ""
                << "";
        QTest::newRow("RIPE, statically assigned")
                << "62.239.237.1"
                << ""
                << "ripe"
                << "British Telecommunications PLC" << QStringList {u"abuse@bt.com"_qs} << ""
                << ""
                << "static";
        QTest::newRow("not mine stubs until LACNIC")
                << "200.3.12.1"
                << "whois.ripe.net"
                << "lacnic"
                << "Latin American and Caribbean IP address Regional Registry Test Net"
                << QStringList {u"abuse@testnet.example.uy"_qs} << "noc@testnet.example.uy"
                << "removed@lacnic.net"
                << "";
        QTest::newRow("AFRINIC: abuse address in remarks")
                << "196.216.2.20"
                << ""
                << "afrinic"
                << "MTN Business ADSL customers" << QStringList {u"abuse@mtnbusiness.co.za"_qs}
                << ""
                << ""
                << "dynamic";
        QTest::newRow("national registry JPNIC") << "133.1.2.5"
                                                 << ""
                                                 << "jpnic"
                                                 << "Osaka University" << QStringList {} << ""
                                                 << "hostmaster@nic.ad.jp"
                                                 << "";
        QTest::newRow("rwhois: Ubersmith answer with contact lines")
                << "67.229.101.42"
                << ""
                << "rwhois.vpls.test"
                << "VPLS Inc." << QStringList {u"abuse@vpls.net"_qs} << ""
                << ""
                << "";
        QTest::newRow("rwhois: Network Solutions answer, ;I typed lines")
                << "104.168.144.18"
                << ""
                << "rwhois.hostwinds.test"
                << "Riko" << QStringList {u"abuse@hostwinds.com"_qs} << ""
                << ""
                << "";
        QTest::newRow("Latin-1 record")
                << "91.121.1.1"
                << ""
                << "ripe"
                << "Société Générale" << QStringList {u"abuse@sg.example.fr"_qs} << ""
                << ""
                << "";
    }
    void whoisChains()
    {
        QFETCH(QString, ip);
        QFETCH(QString, firstHop);
        QFETCH(QString, registry);
        QFETCH(QString, org);
        QFETCH(QStringList, abuse);
        QFETCH(QString, nocPart);
        QFETCH(QString, rejectedPart);
        QFETCH(QString, staticHint);
        OwnerOptions o;
        o.rdap = false;
        if (!firstHop.isEmpty())
            o.whoisServer = firstHop;
        const QJsonObject r = lookup(ip, o);
        QCOMPARE(r.value(u"source").toString(), u"whois"_qs);
        QCOMPARE(r.value(u"registry").toString(), registry);
        QCOMPARE(r.value(u"org").toString(), org);
        QCOMPARE(strings(r.value(u"abuse_emails")), abuse);
        if (!nocPart.isEmpty())
            QVERIFY2(strings(r.value(u"noc_emails")).contains(nocPart),
                    qPrintable(strings(r.value(u"noc_emails")).join(u',')));
        if (!rejectedPart.isEmpty())
            QVERIFY2(strings(r.value(u"rejected")).contains(rejectedPart),
                    qPrintable(strings(r.value(u"rejected")).join(u',')));
        QCOMPARE(r.value(u"static_hint").toString(), staticHint);
        QVERIFY(!r.value(u"whois_raw").toString().isEmpty());
        QVERIFY(r.value(u"queried").toArray().size() >= 1);
        // Never a registry's own mailbox among the addresses offered for abuse.
        for (const QString &e : strings(r.value(u"abuse_emails")))
            QVERIFY2(!e.endsWith(u"@apnic.net") && !e.endsWith(u"@cnnic.cn")
                            && !e.endsWith(u"@lacnic.net"),
                    qPrintable(e));
    }

    // RWhois 1.5 answers ("network:Org-Name:VPLS Inc."), read without the network.
    void rwhoisRecords_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("org");
        QTest::addColumn<QString>("country");
        QTest::addColumn<QString>("range");
        QTest::addColumn<QString>("abuse");
        QTest::addColumn<QString>("technical");
        QTest::newRow("Ubersmith, contact class") << "rwhois-vpls.txt"
                                                  << "VPLS Inc."
                                                  << "US"
                                                  << "67.229.101.40/29"
                                                  << "abuse@vpls.net"
                                                  << "support@vpls.net";
        QTest::newRow("Network Solutions, ;I typed attributes") << "rwhois-hostwinds.txt"
                                                                << "Riko"
                                                                << "US"
                                                                << "104.168.144.18/32"
                                                                << "abuse@hostwinds.com"
                                                                << "abuse@hostwinds.com";
    }
    void rwhoisRecords()
    {
        QFETCH(QString, file);
        QFETCH(QString, org);
        QFETCH(QString, country);
        QFETCH(QString, range);
        QFETCH(QString, abuse);
        QFETCH(QString, technical);
        const WhoisReading r = WhoisReading::read(QString::fromUtf8(fixture(file)));
        QCOMPARE(r.facts.org, org);
        QCOMPARE(r.facts.country, country);
        QCOMPARE(r.facts.range, range);
        QStringList abuseEmails, technicalEmails;
        for (const OwnerContact &c : r.facts.contacts)
            (c.role == u"abuse" ? abuseEmails : technicalEmails) << c.email;
        QCOMPARE(abuseEmails, QStringList {abuse});
        QVERIFY2(technicalEmails.contains(technical), qPrintable(technicalEmails.join(u',')));
        // "%referral rwhois://root.rwhois.net" points at the root, not at a better record.
        QVERIFY(!r.referral);
    }

    void referralLoopStops()
    {
        OwnerOptions o;
        o.rdap = false;
        o.abusix = false;
        const QJsonObject r = lookup(u"45.65.20.1"_qs, o);
        QVERIFY2(strings(r.value(u"notes")).join(u'|').contains(u"loop"),
                QJsonDocument(r).toJson().constData());
    }

    // Issue 17: what the lookup says of its sources is in the user's language too.
    void notesInChinese()
    {
        OwnerOptions o;
        o.rdap = false;
        o.abusix = false;
        o.lang = Language::SimplifiedChinese;
        const QString loop = strings(lookup(u"45.65.20.1"_qs, o).value(u"notes")).join(u'|');
        QVERIFY2(loop.contains(u"WHOIS：转介又回到了") && loop.contains(u"已停止"),
                qPrintable(loop));
        const QString unregistered =
                strings(lookup(u"192.168.1.10"_qs, o).value(u"notes")).join(u'|');
        QVERIFY2(unregistered.contains(u"192.168.1.10 是私有、共享或文档专用地址"),
                qPrintable(unregistered));
    }

    // Issue 17: a source that failed is named in Chinese by what went wrong, never by Qt's
    // English error text ("Connection refused"); only codes and names stay as they are.
    void failureNotesInChinese_data()
    {
        QTest::addColumn<QString>("whoisServer");
        QTest::addColumn<int>("mode");
        QTest::addColumn<int>("rdapStatus"); // an RDAP server answering this; 0: no RDAP
        QTest::addColumn<QString>("notePart");
        const int answer = int(WhoisFixture::Mode::Answer);
        QTest::newRow("refused") << "127.0.0.1:1" << answer << 0 << "WHOIS 127.0.0.1：连接被拒绝";
        QTest::newRow("never closes") << "whois.slow.test" << int(WhoisFixture::Mode::NeverClose)
                                      << 0 << "服务器未按时关闭连接，已使用收到的部分";
        QTest::newRow("flood") << "whois.slow.test" << int(WhoisFixture::Mode::Flood) << 0
                               << "应答超过 1024 KiB，已截断";
        QTest::newRow("host not found") << "whois.nowhere.test" << answer << 0
                                        << "无法解析 whois.nowhere.test（域名不存在）";
        QTest::newRow("RDAP 403") << "" << answer << 403 << "RDAP：HTTP 状态码 403，已改用 WHOIS";
        QTest::newRow("RDAP dropped") << "" << answer << -1 << "RDAP：连接在应答前被断开";
    }
    void failureNotesInChinese()
    {
        QFETCH(QString, whoisServer);
        QFETCH(int, mode);
        QFETCH(int, rdapStatus);
        QFETCH(QString, notePart);
        m_slow->setMode(WhoisFixture::Mode(mode));
        HttpFixture http;
        QVERIFY(http.listen());
        HttpFixture::Response response;
        response.status = rdapStatus;
        response.reset = rdapStatus < 0;
        http.set("/ip/144.134.121.81", response);
        OwnerOptions o;
        o.rdap = rdapStatus != 0;
        o.rdapBase = http.base();
        o.abusix = false;
        o.lang = Language::SimplifiedChinese;
        o.whoisServer = whoisServer;
        const QString notes = strings(lookup(u"144.134.121.81"_qs, o).value(u"notes")).join(u'\n');
        m_slow->setMode(WhoisFixture::Mode::Answer);
        QVERIFY2(notes.contains(notePart), qPrintable(notes));
        const QStringList stray = test::strayLatinWords(notes, test::allowedLatinWords());
        QVERIFY2(stray.isEmpty(), qPrintable(stray.join(u' ') + u"\n"_qs + notes));
    }

    void misbehavingServers_data()
    {
        QTest::addColumn<int>("mode");
        QTest::addColumn<QString>("notePart");
        QTest::newRow("never closes")
                << int(WhoisFixture::Mode::NeverClose) << "did not close in time";
        QTest::newRow("50 MB flood") << int(WhoisFixture::Mode::Flood) << "larger than 1024 KiB";
        QTest::newRow("reset") << int(WhoisFixture::Mode::Reset) << "WHOIS whois.slow.test";
        QTest::newRow("bytes in no charset") << int(WhoisFixture::Mode::Garbage) << "";
    }
    void misbehavingServers()
    {
        QFETCH(int, mode);
        QFETCH(QString, notePart);
        m_slow->setMode(WhoisFixture::Mode(mode));
        OwnerOptions o;
        o.rdap = false;
        o.abusix = false;
        o.whoisServer = u"whois.slow.test"_qs;
        QElapsedTimer t;
        t.start();
        const QJsonObject r = lookup(u"45.65.20.2"_qs, o);
        const QString notes = strings(r.value(u"notes")).join(u'|');
        QVERIFY2(notes.contains(notePart), qPrintable(notes));
        // What arrived before the misbehaviour is still read.
        if (mode == int(WhoisFixture::Mode::NeverClose) || mode == int(WhoisFixture::Mode::Garbage))
            QCOMPARE(r.value(u"netname").toString(), u"PARTIAL"_qs);
        QVERIFY(r.value(u"whois_raw").toString().size() <= (1 << 20));
    }

    void bootstrapPicksTheRegistry_data()
    {
        QTest::addColumn<QString>("ip");
        QTest::addColumn<QString>("host");
        QTest::newRow("APNIC v4") << "113.98.228.10"
                                  << "rdap.apnic.net";
        QTest::newRow("ARIN v4") << "73.22.1.5"
                                 << "rdap.arin.net";
        QTest::newRow("RIPE v4") << "62.239.237.1"
                                 << "rdap.db.ripe.net";
        QTest::newRow("LACNIC v4") << "200.3.12.1"
                                   << "rdap.lacnic.net";
        QTest::newRow("AFRINIC v4") << "196.216.2.20"
                                    << "rdap.afrinic.net";
        QTest::newRow("RIPE v6") << "2a00:1450::1"
                                 << "rdap.db.ripe.net";
        QTest::newRow("APNIC v6 longest prefix") << "2001:200::1"
                                                 << "rdap.apnic.net";
    }
    void bootstrapPicksTheRegistry()
    {
        QFETCH(QString, ip);
        QFETCH(QString, host);
        QCOMPARE(QUrl(OwnerKnowledge::builtIn().rdapBase(QHostAddress(ip))).host(), host);
    }

    void referralsParse_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::addColumn<bool>("rwhois");
        QTest::newRow("arin whois url") << "whois://whois.ripe.net"
                                        << "whois.ripe.net" << 0 << false;
        QTest::newRow("with port") << "whois://whois.apnic.net:43/"
                                   << "whois.apnic.net" << 43 << false;
        QTest::newRow("rwhois") << "rwhois://rwhois.example.net:4321/"
                                << "rwhois.example.net" << 4321 << true;
        QTest::newRow("bare") << "  whois.lacnic.net"
                              << "whois.lacnic.net" << 0 << false;
        QTest::newRow("garbage") << "whois://not a host"
                                 << "" << 0 << false;
    }
    void referralsParse()
    {
        QFETCH(QString, value);
        QFETCH(QString, host);
        QFETCH(int, port);
        QFETCH(bool, rwhois);
        const auto r = WhoisReading::parseReferral(value);
        if (host.isEmpty()) {
            QVERIFY(!r);
            return;
        }
        QVERIFY(r);
        QCOMPARE(r->host, host);
        QCOMPARE(int(r->port), port);
        QCOMPARE(r->rwhois, rwhois);
    }

    void privateAddressesAreNotLookedUp()
    {
        OwnerOptions o;
        const QJsonObject r = lookup(u"192.168.1.10"_qs, o);
        QVERIFY(r.value(u"source").isNull());
        QVERIFY(r.value(u"queried").toArray().isEmpty());
        QVERIFY(r.value(u"notes").toArray().at(0).toString().contains(u"private"));
    }

    void rdap()
    {
        HttpFixture http;
        QVERIFY(http.listen());
        // APNIC style: abuse entity at the top level, two emails, the preferred one second.
        http.set("/ip/113.98.228.10",
                {200, R"({"objectClassName":"ip network","startAddress":"113.96.0.0","endAddress":"113.111.255.255",
            "name":"CHINANET-GD","country":"CN","remarks":[{"description":["CHINANET Guangdong province network"]}],
            "entities":[{"objectClassName":"entity","handle":"IRT-CHINANET-CN","roles":["abuse"],
              "vcardArray":["vcard",[["version",{},"text","4.0"],["fn",{},"text","IRT-CHINANET-CN"],
                ["email",{},"text","helpdesk@example.cn"],["email",{"pref":"1"},"text","anti-spam@chinatelecom.cn"]]]},
              {"objectClassName":"entity","handle":"CHINANET-GD","roles":["registrant"],
               "vcardArray":["vcard",[["version",{},"text","4.0"],["fn",{},"text","China Telecom Guangdong"]]]}]})",
                        {}});
        // ARIN style: the abuse entity nested under the registrant.
        http.set("/ip/73.22.1.5",
                {200, R"({"objectClassName":"ip network","startAddress":"73.0.0.0","endAddress":"73.255.255.255","name":"COMCAST-17",
            "entities":[{"handle":"CCCS","roles":["registrant"],"vcardArray":["vcard",[["fn",{},"text","Comcast Cable Communications, LLC"]]],
              "entities":[{"handle":"NAPO-ARIN","roles":["abuse"],"vcardArray":["vcard",[["fn",{},"text","Abuse"],["email",{},"text","abuse@comcast.net"]]]}]}]})",
                        {}});
        // A redirect to the registry that really holds it, and a handle-only abuse entity.
        http.set("/ip/62.239.237.1", {301, {}, http.base().toUtf8() + "ripe/ip/62.239.237.1"});
        http.set("/ripe/ip/62.239.237.1",
                {200,
                        R"({"objectClassName":"ip network","startAddress":"62.239.0.0","endAddress":"62.239.255.255","name":"BT-CORE","country":"GB",
            "entities":[{"handle":"AR-BT","roles":["abuse"],"links":[{"rel":"self","href":")"
                                + http.base().toUtf8() + R"(entity/AR-BT"}]}]})",
                        {}});
        http.set("/entity/AR-BT",
                {200, R"({"objectClassName":"entity","handle":"AR-BT","vcardArray":["vcard",[["fn",{},"text","BT abuse"],["email",{"type":"abuse"},"text","abuse@bt.com"]]]})",
                        {}});
        // Errors: rate limited and broken JSON fall back to WHOIS; AFRINIC's role-less entities
        // too.
        http.set("/ip/144.134.121.81", {429, "{}", {}});
        http.set("/ip/196.216.2.20",
                {200, R"({"objectClassName":"ip network","startAddress":"196.216.2.0","endAddress":"196.216.3.255","name":"MTNBUSINESS-DSL",
            "entities":[{"handle":"ORG-MTN","vcardArray":["vcard",[["fn",{},"text","MTN Business"]]]}]})",
                        {}});
        http.set("/ip/91.121.1.1", {200, "{\"objectClassName\":\"ip network\", truncated", {}});

        struct Case
        {
            const char *ip, *source, *abuse, *notePart;
        };
        for (const Case &c : {Case {"113.98.228.10", "rdap", "anti-spam@chinatelecom.cn", ""},
                     Case {"73.22.1.5", "rdap", "abuse@comcast.net", ""},
                     Case {"62.239.237.1", "rdap", "abuse@bt.com", ""},
                     Case {"144.134.121.81", "whois", "abuse@telstra.net", "429"},
                     Case {"196.216.2.20", "rdap", "abuse@mtnbusiness.co.za", ""},
                     Case {"91.121.1.1", "whois", "abuse@sg.example.fr", "unreadable"}}) {
            OwnerOptions o;
            o.rdapBase = http.base();
            o.abusix = false;
            const QJsonObject r = lookup(QString::fromLatin1(c.ip), o);
            QVERIFY2(r.value(u"source").toString() == QLatin1StringView(c.source), c.ip);
            QVERIFY2(strings(r.value(u"abuse_emails")).value(0) == QLatin1StringView(c.abuse),
                    qPrintable(QStringLiteral("%1: %2").arg(QLatin1StringView(c.ip),
                            strings(r.value(u"abuse_emails")).join(u','))));
            if (*c.notePart)
                QVERIFY2(strings(r.value(u"notes"))
                                 .join(u'|')
                                 .contains(QLatin1StringView(c.notePart)),
                        c.ip);
        }
    }

    // Every way an RDAP server can fail ends in a note that says which, and WHOIS answers
    // instead: the user still gets the abuse address.
    void rdapFaults_data()
    {
        QTest::addColumn<QList<QByteArray>>("paths");
        QTest::addColumn<QList<HttpFixture::Response>>("responses");
        QTest::addColumn<QString>("notePart");
        using R = HttpFixture::Response;
        const QByteArray ip = "/ip/144.134.121.81";
        const QList<QByteArray> one {ip};
        QTest::newRow("429 rate limited")
                << one << QList<R> {{429, "{}", {}}} << "rate limited (429)";
        QTest::newRow("500") << one << QList<R> {{500, "oops", {}}} << "server error 500";
        QTest::newRow("503 with JSON")
                << one << QList<R> {{503, "{\"errorCode\":503}", {}}} << "server error 503";
        QTest::newRow("404") << one << QList<R> {{404, "{}", {}}} << "no record (404)";
        QTest::newRow("redirect loop")
                << QList<QByteArray> {ip, "/a"} << QList<R> {{301, {}, "/a"}, {302, {}, ip}}
                << "too many or unsafe redirects";
        QTest::newRow("redirect to ftp") << one << QList<R> {{301, {}, "ftp://127.0.0.1/ip"}}
                                         << "too many or unsafe redirects";
        QTest::newRow("truncated JSON")
                << one << QList<R> {{200, "{\"objectClassName\":\"ip network\",\"entit", {}}}
                << "unreadable answer";
        QTest::newRow("JSON array, not an object")
                << one << QList<R> {{200, "[1,2,3]", {}}} << "unreadable answer";
        QTest::newRow("bytes that are not UTF-8")
                << one << QList<R> {{200, "{\"name\":\"\xff\xfe\xc0\"}\0\0", {}}}
                << "unreadable answer";
        QTest::newRow("empty 200") << one << QList<R> {{200, {}, {}}} << "unreadable answer";
        R huge;
        huge.fillBytes = qint64(50) << 20;
        QTest::newRow("50 MB answer") << one << QList<R> {huge} << "larger than 4096 KiB";
        R stall;
        stall.stall = true;
        QTest::newRow("never answers") << one << QList<R> {stall} << "no answer within 1.5 s";
        R reset;
        reset.reset = true;
        QTest::newRow("drops the connection") << one << QList<R> {reset} << "RDAP: ";
    }
    void rdapFaults()
    {
        QFETCH(QList<QByteArray>, paths);
        QFETCH(QList<HttpFixture::Response>, responses);
        QFETCH(QString, notePart);
        HttpFixture http;
        QVERIFY(http.listen());
        for (int i = 0; i < paths.size(); ++i) {
            HttpFixture::Response r = responses[i];
            if (r.location.startsWith('/'))
                r.location = http.base().toUtf8() + r.location.mid(1);
            http.set(paths[i], r);
        }
        OwnerOptions o;
        o.rdapBase = http.base();
        o.abusix = false;
        const QJsonObject r = lookup(u"144.134.121.81"_qs, o);
        const QString notes = strings(r.value(u"notes")).join(u'|');
        QVERIFY2(notes.contains(notePart), qPrintable(notes));
        QCOMPARE(r.value(u"source").toString(), u"whois"_qs);
        QCOMPARE(strings(r.value(u"abuse_emails")).value(0), u"abuse@telstra.net"_qs);
        // A redirect loop is cut after a handful of hops, a flood after a few MiB.
        QVERIFY2(http.requested.size() <= 7, qPrintable(QString::number(http.requested.size())));
        QVERIFY2(http.bytesSent < (16 << 20), qPrintable(QString::number(http.bytesSent)));
    }

    void rdapHostIsResolvedByOurDns()
    {
        HttpFixture http;
        QVERIFY(http.listen());
        http.set("/ip/73.22.1.5",
                {200, R"({"objectClassName":"ip network","startAddress":"73.0.0.0","endAddress":"73.255.255.255","name":"COMCAST-17",
            "entities":[{"handle":"NAPO-ARIN","roles":["abuse"],"vcardArray":["vcard",[["fn",{},"text","Abuse"],["email",{},"text","abuse@comcast.net"]]]}]})",
                        {}});
        OwnerOptions o;
        o.abusix = false;
        o.rdapBase = QStringLiteral("http://rdap.test:%1/").arg(QUrl(http.base()).port());
        const QJsonObject r = lookup(u"73.22.1.5"_qs, o);
        QCOMPARE(r.value(u"source").toString(), u"rdap"_qs);
        QCOMPARE(strings(r.value(u"abuse_emails")), QStringList {u"abuse@comcast.net"_qs});
        QVERIFY(strings(r.value(u"queried")).value(0).startsWith(u"rdap:http://rdap.test:"));
    }

    void abusixIsAskedAndItsPlaceholderRefused()
    {
        OwnerOptions o;
        o.rdap = false;
        const QJsonObject r = lookup(u"113.98.228.10"_qs, o);
        bool fromAbusix = false;
        for (const QJsonValue &c : r.value(u"contacts").toArray())
            fromAbusix = fromAbusix || c.toObject().value(u"source").toString().contains(u"Abusix");
        QVERIFY(fromAbusix);
        QCOMPARE(strings(r.value(u"abuse_emails")),
                QStringList {u"anti-spam@chinatelecom.cn"_qs}); // once, not twice
    }
};

QTEST_GUILESS_MAIN(TstOwner)
#include "tst_owner.moc"
