// SPDX-License-Identifier: GPL-3.0-or-later
#include "ipcheck/GenericPtrClassifier.h"

#include <QFile>
#include <QTest>

using namespace bd;

namespace {

// The confusion counts of one labelled set, "generic" being the positive verdict.
struct Score
{
    int tp = 0, fp = 0, fn = 0, tn = 0;
    void add(bool labelledGeneric, bool saidGeneric)
    {
        tp += labelledGeneric && saidGeneric;
        fp += !labelledGeneric && saidGeneric;
        fn += labelledGeneric && !saidGeneric;
        tn += !labelledGeneric && !saidGeneric;
    }
    int total() const { return tp + fp + fn + tn; }
    double precision() const { return tp + fp ? double(tp) / (tp + fp) : 1.0; }
    double recall() const { return tp + fn ? double(tp) / (tp + fn) : 1.0; }
};

} // namespace

class TstGenericPtr : public QObject
{
    Q_OBJECT
private slots:
    void examples_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("ip");
        QTest::addColumn<QString>("verdict");
        QTest::addColumn<QString>("reasonPart");
        QTest::newRow("trend example bad") << "99-47-70-150.dynamic-ip.mail-abuse.com"
                                           << "99.47.70.150"
                                           << "generic"
                                           << "99-47-70-150";
        QTest::newRow("trend example good") << "mail.mail-abuse.com"
                                            << "99.47.70.150"
                                            << "specific"
                                            << "mail";
        QTest::newRow("163data reversed") << "10.228.98.113.broad.gz.gd.dynamic.163data.com.cn"
                                          << "113.98.228.10"
                                          << "generic"
                                          << "10.228.98.113";
        QTest::newRow("hex telekom") << "pd9e4f89f.dip0.t-ipconnect.de"
                                     << "217.228.248.159"
                                     << "generic"
                                     << "d9e4f89f";
        QTest::newRow("zero padded") << "dslb-088-068-118-007.088.068.pools.vodafone-ip.de"
                                     << "88.68.118.7"
                                     << "generic"
                                     << "088-068-118-007";
        QTest::newRow("concatenated") << "softbank126013000034.bbtec.net"
                                      << "126.13.0.34"
                                      << "generic"
                                      << "126013000034";
        QTest::newRow("pool word, no ip") << "dhcp-client-17.campus.example.edu"
                                          << "131.111.17.200"
                                          << "generic"
                                          << "dhcp";
        QTest::newRow("google outbound") << "mail-wr1-f41.google.com"
                                         << "209.85.221.41"
                                         << "specific"
                                         << "google.com";
        QTest::newRow("netease numbered") << "m17-178.vip.126.com"
                                          << "123.126.17.178"
                                          << "specific"
                                          << "126.com";
        QTest::newRow("ses numbered") << "a8-97.smtp-out.amazonses.com"
                                      << "54.240.8.97"
                                      << "specific"
                                      << "amazonses.com";
        QTest::newRow("static named mail") << "mail.static.example-isp.cn"
                                           << "113.98.228.10"
                                           << "specific"
                                           << "mail";
        QTest::newRow("not 'dynamic' inside a word") << "mx1.generaldynamics.com"
                                                     << "192.0.2.1"
                                                     << "specific"
                                                     << "mx";
        QTest::newRow("ipv6 synthesised") << "p200300dcfbcd1a00.dip0.t-ipconnect.de"
                                          << "2003:dc:fbcd:1a00::1"
                                          << "generic"
                                          << "2003";
        // Classes from ptr-real.tsv (its tuning part); the IP is the one logged with the name.
        QTest::newRow("address in front of a mail role label")
                << "66-220-155-151.mail-mail.facebook.com"
                << "66.220.155.151"
                << "specific"
                << "mail";
        QTest::newRow("equipment code ending in the last octet")
                << "fl-edel-u2-c3c-233.pbc.adelphia.net"
                << "68.64.89.233"
                << "generic"
                << "fl-edel-u2-c3c-233";
        QTest::newRow("old cable scheme: two octets apart") << "r88m211.cybercable.tm.fr"
                                                            << "195.132.88.211"
                                                            << "generic"
                                                            << "88…211";
        QTest::newRow("old scheme: two octets run together") << "l8249.interbusiness.it"
                                                             << "82.49.141.29"
                                                             << "generic"
                                                             << "8249";
        QTest::newRow("dial-up access server port") << "max1-45.losangeles.corecomm.net"
                                                    << "216.214.106.173"
                                                    << "generic"
                                                    << "max1";
        QTest::newRow("customer number, hub code, no address") << "a96134.upc-a.chello.nl"
                                                               << ""
                                                               << "generic"
                                                               << "a96134";
        QTest::newRow("legacy cable modem number") << "bgp542174bgs.ewndsr01.nj.comcast.net"
                                                   << "68.38.144.91"
                                                   << "generic"
                                                   << "bgp542174bgs";
        QTest::newRow("address-shaped, address unknown") << "83-70-48-2.bas2.dbn.dublin.eircom.net"
                                                         << ""
                                                         << "generic"
                                                         << "83-70-48-2";
        QTest::newRow("dynamic DNS name") << "rousalka.dyndns.org"
                                          << "81.64.155.54"
                                          << "generic"
                                          << "dyndns.org";
        QTest::newRow("a customer's address at a mail provider")
                << "o7463194126.static.reverse.sendgrid.net"
                << "74.63.194.126"
                << "generic"
                << "static";
        QTest::newRow("a lone pool word names one machine") << "home.keithp.com"
                                                            << "63.227.221.253"
                                                            << "specific"
                                                            << "plain host name";
        // Classes added with the 2002 names of ptr-real.tsv (its tuning part).
        QTest::newRow("access server after the port number") << "d139.as1.lnng.mi.voyager.net"
                                                             << "209.153.186.46"
                                                             << "generic"
                                                             << "as1";
        QTest::newRow("a box named by its own number is no port") << "as05.bis.ap.blackberry.com"
                                                                  << "216.9.247.4"
                                                                  << "specific"
                                                                  << "plain host name";
        QTest::newRow("access switch of a dial-up pool") << "m182-mp1-cvx1a.bre.ntl.com"
                                                         << "62.253.68.182"
                                                         << "generic"
                                                         << "cvx1";
        QTest::newRow("cable abbreviated") << "kbl-gs5723.zeelandnet.nl"
                                           << "62.238.86.135"
                                           << "generic"
                                           << "kbl";
        QTest::newRow("placeholder for an unused address") << "unused-90.wan-ip-uslec.net"
                                                           << "66.109.64.90"
                                                           << "generic"
                                                           << "unused";
        QTest::newRow("cable node") << "node-c-1074.a2000.nl"
                                    << "62.194.16.116"
                                    << "generic"
                                    << "node";
        QTest::newRow("pool words glued together") << "ddslppp221.dnvr.uswest.net"
                                                   << "216.160.163.221"
                                                   << "generic"
                                                   << "ddslppp";
        QTest::newRow("two octets in reverse-lookup order") << "ol86-47.fibertel.com.ar"
                                                            << "24.232.47.86"
                                                            << "generic"
                                                            << "86…47";
        QTest::newRow("an operator's home-access service word") << "pa155.miedzyrzecz.sdi.tpnet.pl"
                                                                << "217.96.169.155"
                                                                << "generic"
                                                                << "sdi";
        QTest::newRow("last octet after a dash") << "empr2-196.menta.net"
                                                 << "212.78.132.196"
                                                 << "generic"
                                                 << "empr2-196";
        QTest::newRow("last octet padded to three digits") << "h-airlock084.esatclear.ie"
                                                           << "194.165.161.84"
                                                           << "generic"
                                                           << "h-airlock084";
        QTest::newRow("a server farm counts its hosts") << "rly116.threeloot.com"
                                                        << "64.39.19.116"
                                                        << "specific"
                                                        << "plain host name";
        // Classes added with the second round of ptr-real.tsv (its tuning part).
        QTest::newRow("a farm's machine: weak pool word and a small number") // flufl.bounce
                << "host2.btamail.net.cn"
                << "202.106.196.72"
                << "specific"
                << "plain host name";
        QTest::newRow("a weak pool word numbered by the last octet") // 2002 corpus, spam-1
                << "host66.insuranceiq.com"
                << "65.217.159.66"
                << "generic"
                << "'host'";
        QTest::newRow("a pool word in the plural") // 2002 corpus, easy-ham-1
                << "box.dialups.via-net-works.ie"
                << "212.17.32.233"
                << "generic"
                << "dialups";
        QTest::newRow("first label is the last octet alone") // CSDMC2010 corpus
                << "21.zw.pl"
                << "80.54.67.21"
                << "generic"
                << "21";
        QTest::newRow("static glued to another word") // CSDMC2010 corpus
                << "staticline17358.toya.net.pl"
                << "85.89.185.64"
                << "generic"
                << "staticline";
        QTest::newRow("hosting default 'hosted-by'") // phishing_pot
                << "hosted-by.mc-node.net"
                << "185.228.81.46"
                << "generic"
                << "hosted";
        QTest::newRow("OCN home access") // tobinjt/ASO Postfix logs
                << "p7169-ipad85marunouchi.tokyo.ocn.ne.jp"
                << "221.188.26.169"
                << "generic"
                << "ipad";
        QTest::newRow("Postini outbound relay") // Mail-DeliveryStatus-BounceParser
                << "na3sys009aob135.obsmtp.com"
                << "74.125.149.130"
                << "specific"
                << "obsmtp.com";
        QTest::newRow("a farm counts from 001: not a padded last octet") // CSDMC2010 corpus
                << "aggw006.cappelendamm.no"
                << "93.124.242.6"
                << "specific"
                << "plain host name";
        // Classes added with the TREC 2007 names of ptr-real.tsv (its tuning part).
        QTest::newRow("one or two letters and the last octet") // trec07p inmail.16197
                << "qu17.opt2.point.ne.jp"
                << "218.225.7.17"
                << "generic"
                << "qu17";
        QTest::newRow("last octet in front of a hub code") // tobinjt/ASO Postfix logs
                << "13stb81.codetel.net.do"
                << "66.98.31.13"
                << "generic"
                << "13stb81";
        QTest::newRow("padded last octet in front of a code") // trec07p inmail.17113
                << "055m56.rivo.mediatti.net"
                << "210.79.147.55"
                << "generic"
                << "055m56";
        QTest::newRow("two octets across the first dot") // trec07p inmail.3926
                << "extreme-79.237.extremenet.ro"
                << "89.38.79.237"
                << "generic"
                << "79.237";
        QTest::newRow("hosting default for a rented server") // phishing_pot
                << "ded5839.inmotionhosting.com"
                << "209.182.194.105"
                << "generic"
                << "ded";
        QTest::newRow("carrier-grade NAT") // trec07p inmail.20003
                << "cnat-03.metrum.sk"
                << "213.215.67.6"
                << "generic"
                << "cnat";
        QTest::newRow("customer in Spanish") // trec07p inmail.16606
                << "cliente-33796.iberbanda.es"
                << "83.230.196.2"
                << "generic"
                << "cliente";
        QTest::newRow("placeholder 'unspecified'") // trec07p inmail.18962
                << "unspecified.cnt.ru"
                << "212.15.117.214"
                << "generic"
                << "unspecified";
        QTest::newRow("customers, alone, are a pool") // trec07p inmail.11219
                << "customers.lantech.ru"
                << "83.220.160.210"
                << "generic"
                << "customers";
        QTest::newRow("a mail service provider's outbound MTA") // trec07p inmail.10385
                << "xtinmta05-162.exacttarget.com"
                << "207.67.38.162"
                << "specific"
                << "exacttarget.com";
        QTest::newRow("SpamAssassin's SPACELAN shape") // 20_dynrdns.cf
                << "sp1-c700-131.spacelan.ne.jp"
                << ""
                << "generic"
                << "sp1-c700-131";
        QTest::newRow("SpamAssassin's RR2 shape") // 20_dynrdns.cf
                << "wiley-170-10231.roadrunner.nf.net"
                << "205.251.210.249"
                << "generic"
                << "wiley-170-10231";
        QTest::newRow("a router's interface is no pool") // trec07p inmail.16890
                << "ge-6-0.r1.sbp.ams.nl.leaseweb.net"
                << "212.23.48.133"
                << "specific"
                << "plain host name";
        QTest::newRow("no ptr") << ""
                                << "192.0.2.1"
                                << "none"
                                << "no PTR";
    }
    void examples()
    {
        QFETCH(QString, name);
        QFETCH(QString, ip);
        QFETCH(QString, verdict);
        QFETCH(QString, reasonPart);
        const auto r = GenericPtrClassifier::builtIn().classify(name, QHostAddress(ip));
        QCOMPARE(GenericPtrClassifier::verdictName(r.verdict), verdict);
        QVERIFY2(r.reasons.join(u'|').contains(reasonPart, Qt::CaseInsensitive),
                qPrintable(r.reasons.join(u'|')));
    }

    void reasonsInChinese()
    {
        const auto r = GenericPtrClassifier::builtIn().classify(
                QStringLiteral("113-98-228-10.dynamic.example.cn"),
                QHostAddress(QStringLiteral("113.98.228.10")), Language::SimplifiedChinese);
        QVERIFY(r.reasons.join(u' ').contains(u"嵌入了 IP"));
    }

    // Real PTR names from public logs and filter files (ptr-real.tsv: provenance, labelling
    // rule and the fixed held-out split in its header). The held-out third was not looked at
    // while tuning, and its misses are not printed. It reaches the goal (precision 0.99,
    // recall 0.97) with the TREC 2007 names: 558 of 562 flagged names generic, 558 of 570
    // generic names flagged. The floors are those figures less a small margin, so that a
    // regression fails.
    void realNames_data()
    {
        QTest::addColumn<QString>("split");
        QTest::addColumn<int>("minNames");
        QTest::addColumn<double>("minPrecision");
        QTest::addColumn<double>("minRecall");
        QTest::newRow("held-out third") << "heldout" << 1350 << 0.99 << 0.975;
        QTest::newRow("tuning part") << "tuning" << 2800 << 0.995 << 0.985;
    }
    void realNames()
    {
        QFETCH(QString, split);
        QFETCH(int, minNames);
        QFETCH(double, minPrecision);
        QFETCH(double, minRecall);
        QFile f(QStringLiteral(BD_TEST_DATA "/rdns/ptr-real.tsv"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        Score score;
        QStringList misses;
        while (!f.atEnd()) {
            const QString line = QString::fromUtf8(f.readLine()).trimmed();
            if (line.isEmpty() || line.startsWith(u'#'))
                continue;
            const QStringList cols = line.split(u'\t');
            QCOMPARE(cols.size(), 5);
            if (cols[3] != split)
                continue;
            const bool generic = cols[2] == u"generic";
            // No address logged: classified as the product would be with an unknown one.
            const QHostAddress ip = cols[1].isEmpty() ? QHostAddress() : QHostAddress(cols[1]);
            const auto r = GenericPtrClassifier::builtIn().classify(cols[0], ip);
            const bool said = r.verdict == GenericPtrClassifier::Verdict::Generic;
            score.add(generic, said);
            // The held-out part reports only its figures: its misses must not steer the tuning.
            if (generic != said && split == u"tuning")
                misses << QStringLiteral("%1 [%2] labelled %3, got %4 (%5)")
                                  .arg(cols[0], cols[1], cols[2],
                                          GenericPtrClassifier::verdictName(r.verdict),
                                          r.reasons.join(u"; "));
        }
        const double precision = score.precision();
        const double recall = score.recall();
        qInfo("real PTR names, %s: %d names, precision %.3f, recall %.3f (tp %d, fp %d, fn %d, "
              "tn %d)",
                qPrintable(split), score.total(), precision, recall, score.tp, score.fp, score.fn,
                score.tn);
        for (const QString &m : std::as_const(misses))
            qInfo("MISS %s", qPrintable(m));
        QVERIFY(score.total() >= minNames);
        QVERIFY2(precision >= minPrecision, qPrintable(QString::number(precision)));
        QVERIFY2(recall >= minRecall, qPrintable(QString::number(recall)));
    }

    // Precision and recall on our labelled set of real-scheme PTR names from many countries.
    void labelledSet()
    {
        QFile f(QStringLiteral(BD_TEST_DATA "/rdns/ptr-labelled.tsv"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        Score score;
        QStringList misses;
        while (!f.atEnd()) {
            const QString line = QString::fromUtf8(f.readLine()).trimmed();
            if (line.isEmpty() || line.startsWith(u'#'))
                continue;
            const QStringList cols = line.split(u'\t');
            QCOMPARE(cols.size(), 4);
            const bool generic = cols[2] == u"generic";
            const auto r = GenericPtrClassifier::builtIn().classify(cols[0], QHostAddress(cols[1]));
            const bool said = r.verdict == GenericPtrClassifier::Verdict::Generic;
            score.add(generic, said);
            if (generic != said)
                misses << QStringLiteral("%1 (%2): labelled %3, got %4")
                                  .arg(cols[0], cols[3], cols[2],
                                          GenericPtrClassifier::verdictName(r.verdict));
        }
        const double precision = score.precision();
        const double recall = score.recall();
        qInfo("generic-PTR on %d names: precision %.3f, recall %.3f (tp %d, fp %d, fn %d, tn %d)",
                score.total(), precision, recall, score.tp, score.fp, score.fn, score.tn);
        for (const QString &m : std::as_const(misses))
            qInfo("MISS %s", qPrintable(m));
        QVERIFY(score.total() >= 300);
        QVERIFY(precision >= 0.97);
        QVERIFY(recall >= 0.95);
    }
};

QTEST_GUILESS_MAIN(TstGenericPtr)
#include "tst_genericptr.moc"
