// SPDX-License-Identifier: GPL-3.0-or-later
// Smarthost configurations: every MTA and version against its expected file, and the Postfix
// ones against the real Postfix (postconf, postmap) from Debian's package.
#include "relay/PostfixSettings.h"
#include "relay/RelayConfig.h"
#include "relay/RelayKnowledge.h"
#include "relay/RelayReport.h"
#include "relay/SpfRelayAdvice.h"

#include "GoldenFile.h"
#include <QDir>

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace bd;

namespace {

struct Case
{
    const char *name;
    Mta mta;
    const char *version;
    const char *relay;
    std::optional<RelayTls> tls;
    const char *user;
    const char *password;
    bool iredmail;
    QStringList senderDomains;
    const char *lang;
};

// The version matrix of the issue: Postfix 2.9 (Debian 7, iRedMail 0.8.x), 2.10-2.11, 3.x, and
// each other MTA with and without implicit TLS.
const QList<Case> &cases()
{
    static const QList<Case> list = {
            {"postfix-2.9-iredmail-587", Mta::Postfix, "2.9", "smtp.isp.example:587", {},
                    "relay@example.com", "S3cret-Pass", true, {}, "en"},
            {"postfix-2.9-465-stunnel", Mta::Postfix, "2.9", "smtp.isp.example:465", {},
                    "relay@example.com", "S3cret-Pass", false, {}, "en"},
            {"postfix-2.11-587", Mta::Postfix, "2.11", "smtp.isp.example", RelayTls::StartTls,
                    "relay@example.com", "S3cret-Pass", false, {}, "en"},
            {"postfix-3.7-465", Mta::Postfix, "3.7", "smtp.isp.example:465", {},
                    "relay@example.com", "pa:ss word", false, {}, "en"},
            {"postfix-3.7-sender-domains", Mta::Postfix, "3.7", "smtp.isp.example:587", {},
                    "relay@example.com", "S3cret-Pass", false,
                    {QStringLiteral("example.com"), QStringLiteral("example.net")}, "en"},
            {"postfix-3.7-no-password", Mta::Postfix, "3.7", "203.0.113.25:587", {},
                    "relay@example.com", "", false, {}, "en"},
            {"postfix-3.7-no-auth-port-25", Mta::Postfix, "3.7", "smtp.isp.example:25", {}, "", "",
                    false, {}, "en"},
            {"postfix-2.9-iredmail-zh", Mta::Postfix, "2.9", "smtp.isp.example:587", {},
                    "relay@example.com", "S3cret-Pass", true, {}, "zh_CN"},
            {"exim4-4.96-587", Mta::Exim4, "4.96", "smtp.isp.example:587", {}, "relay@example.com",
                    "S3cret-Pass", false, {}, "en"},
            {"exim4-4.96-465-ipv6-no-auth", Mta::Exim4, "4.96", "[2001:db8::25]:465", {}, "", "",
                    false, {}, "en"},
            {"sendmail-8.17-587", Mta::Sendmail, "8.17", "smtp.isp.example:587", {},
                    "relay@example.com", "S3cret-Pass", false, {}, "en"},
            {"sendmail-8.17-465-quote", Mta::Sendmail, "8.17", "smtp.isp.example:465", {},
                    "relay@example.com", "say \"hi\"", false, {}, "en"},
            {"opensmtpd-6.8-587", Mta::OpenSmtpd, "6.8", "smtp.isp.example:587", {},
                    "relay@example.com", "S3cret-Pass", false, {}, "en"},
            {"opensmtpd-6.8-465", Mta::OpenSmtpd, "6.8", "smtp.isp.example:465", {},
                    "relay@example.com", "S3cret-Pass", false, {}, "en"},
            {"exchange-2016-465", Mta::Exchange, "2016", "smtp.isp.example:465", {},
                    "relay@example.com", "S3cret-Pass", false, {}, "en"},
            {"client-587-zh", Mta::Client, nullptr, "smtp.isp.example:587", {}, "relay@example.com",
                    "", false, {}, "zh_CN"},
    };
    return list;
}

RelayConfig generate(const Case &c)
{
    RelayConfigRequest r;
    r.mta = c.mta;
    if (c.version)
        r.mtaVersion = QVersionNumber::fromString(QLatin1StringView(c.version));
    QString error;
    r.relay = *RelayEndpoint::parse(QString::fromLatin1(c.relay), c.tls, &error);
    r.user = QString::fromLatin1(c.user);
    r.password = QString::fromLatin1(c.password);
    r.iredmail = c.iredmail;
    r.senderDomains = c.senderDomains;
    r.lang = languageFromCode(QString::fromLatin1(c.lang)).value();
    const auto cfg = RelayConfigGenerator::generate(r, &error);
    if (!cfg)
        qFatal("generation failed: %s", qPrintable(error));
    return *cfg;
}

const ConfigFile *file(const RelayConfig &cfg, const QString &path)
{
    for (const ConfigFile &f : cfg.files) {
        if (f.path == path)
            return &f;
    }
    return nullptr;
}

// Debian's postfix, installed or unpacked beside the build by ./quickstart (apt-get download).
QString postfixSbin()
{
    for (const QString &dir :
            {QStringLiteral("/usr/sbin"), QStringLiteral(BD_TOOLS_DIR "/postfix/usr/sbin")}) {
        if (QFile::exists(dir + QStringLiteral("/postconf"))
                && QFile::exists(dir + QStringLiteral("/postmap")))
            return dir;
    }
    return {};
}

struct Tool
{
    int exitCode;
    QString out;
    QString err;
};

Tool runPostfixTool(const QString &tool, const QStringList &args)
{
    const QString sbin = postfixSbin();
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    // An unpacked package finds its libpostfix-*.so here instead of /usr/lib/postfix.
    env.insert(QStringLiteral("LD_LIBRARY_PATH"),
            QDir(sbin + QStringLiteral("/../lib/postfix")).absolutePath());
    p.setProcessEnvironment(env);
    p.start(sbin + u'/' + tool, args);
    p.waitForFinished(30000);
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

} // namespace

class TstRelayConfig : public QObject
{
    Q_OBJECT
private slots:
    // One parser for the version the wizard's field and relay-config --mta-version take.
    void mtaVersion_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("version"); // empty: refused
        QTest::newRow("major.minor") << "2.9"
                                     << "2.9";
        QTest::newRow("patch level") << "3.7.11"
                                     << "3.7.11";
        QTest::newRow("spaces around") << "  3.5 "
                                       << "3.5";
        QTest::newRow("with the name") << "Postfix 2.9.6"
                                       << "2.9.6";
        QTest::newRow("lower-case name") << "postfix 2.9"
                                         << "2.9";
        // What `postconf mail_version` prints on Debian 12.
        QTest::newRow("postconf mail_version") << "mail_version = 3.7.11"
                                               << "3.7.11";
        QTest::newRow("a word") << "three"
                                << "";
        QTest::newRow("trailing letters") << "2.9x"
                                          << "";
        QTest::newRow("two versions") << "2.9 3.7"
                                      << "";
        QTest::newRow("empty") << ""
                               << "";
    }
    void mtaVersion()
    {
        QFETCH(QString, text);
        QFETCH(QString, version);
        const auto v = parseMtaVersion(text);
        QCOMPARE(v.has_value(), !version.isEmpty());
        if (v)
            QCOMPARE(v->toString(), version);
    }

    void endpointParsing_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("tls"); // "" = not given
        QTest::addColumn<QString>("host"); // "" = rejected
        QTest::addColumn<int>("port");
        QTest::addColumn<QString>("mode");
        QTest::newRow("bare name") << "smtp.isp.example"
                                   << ""
                                   << "smtp.isp.example" << 587 << "starttls";
        QTest::newRow("465 implies implicit") << "smtp.isp.example:465"
                                              << ""
                                              << "smtp.isp.example" << 465 << "implicit";
        QTest::newRow("implicit implies 465") << "smtp.isp.example"
                                              << "implicit"
                                              << "smtp.isp.example" << 465 << "implicit";
        QTest::newRow("25 is starttls") << "mx.isp.example:25"
                                        << ""
                                        << "mx.isp.example" << 25 << "starttls";
        QTest::newRow("none implies 25") << "mx.isp.example"
                                         << "none"
                                         << "mx.isp.example" << 25 << "none";
        QTest::newRow("upper case, trailing dot") << "SMTP.ISP.Example.:587"
                                                  << ""
                                                  << "smtp.isp.example" << 587 << "starttls";
        QTest::newRow("ipv4") << "203.0.113.25:2525"
                              << ""
                              << "203.0.113.25" << 2525 << "starttls";
        QTest::newRow("ipv6") << "[2001:db8::25]:587"
                              << ""
                              << "2001:db8::25" << 587 << "starttls";
        QTest::newRow("ipv6 unbracketed") << "2001:db8::25"
                                          << ""
                                          << "" << 0 << "";
        QTest::newRow("port 0") << "smtp.isp.example:0"
                                << ""
                                << "" << 0 << "";
        QTest::newRow("port too big") << "smtp.isp.example:65536"
                                      << ""
                                      << "" << 0 << "";
        QTest::newRow("shell") << "smtp.isp.example;reboot"
                               << ""
                               << "" << 0 << "";
        QTest::newRow("space") << "smtp isp.example"
                               << ""
                               << "" << 0 << "";
        QTest::newRow("quote") << "smtp'.isp.example"
                               << ""
                               << "" << 0 << "";
        QTest::newRow("empty") << ""
                               << ""
                               << "" << 0 << "";
        QTest::newRow("bad bracket") << "[smtp.isp.example]:587"
                                     << ""
                                     << "" << 0 << "";
    }
    void endpointParsing()
    {
        QFETCH(QString, text);
        QFETCH(QString, tls);
        QFETCH(QString, host);
        QFETCH(int, port);
        QFETCH(QString, mode);
        QString error;
        const auto e = RelayEndpoint::parse(
                text, tls.isEmpty() ? std::nullopt : relayTlsFromName(tls), &error);
        if (host.isEmpty()) {
            QVERIFY(!e);
            QVERIFY(!error.isEmpty());
            return;
        }
        QVERIFY2(e, qPrintable(error));
        QCOMPARE(e->host, host);
        QCOMPARE(int(e->port), port);
        QCOMPARE(relayTlsName(e->tls), mode);
    }

    void goldenFiles_data()
    {
        QTest::addColumn<int>("index");
        for (qsizetype i = 0; i < cases().size(); ++i)
            QTest::newRow(cases().at(i).name) << int(i);
    }
    // The whole output (files, settings, contents, commands, warnings, notes) as the CLI prints
    // it. BD_UPDATE_GOLDEN=1 rewrites the files; review the diff before committing.
    void goldenFiles()
    {
        QFETCH(int, index);
        const Case &c = cases().at(index);
        const QString text = RelayReport::configText(
                generate(c), languageFromCode(QString::fromLatin1(c.lang)).value());
        const QString path =
                QStringLiteral(BD_TEST_DATA "/relay/%1.txt").arg(QLatin1StringView(c.name));
        QCOMPARE(text, goldenText(path, text));
        // No table key leaks through untranslated or unfilled.
        QVERIFY2(!text.contains(QRegularExpression(QStringLiteral(R"(\{[a-z_]+\})"))),
                qPrintable(text));
        // A key missing from relay.json would print as the key itself.
        for (const QString &prefix :
                {QStringLiteral("cmd."), QStringLiteral("warn."), QStringLiteral("note.")})
            QVERIFY2(!text.contains(QStringLiteral("# ") + prefix)
                            && !text.contains(QStringLiteral("- ") + prefix),
                    qPrintable(prefix));
    }

    // The smarthost page's view: its words come from relay.json (a missing key would show as
    // "view.…"), every file is there, and the password never reaches the screen.
    void configHtml_data() { goldenFiles_data(); }
    void configHtml()
    {
        QFETCH(int, index);
        const Case &c = cases().at(index);
        const RelayConfig cfg = generate(c);
        const QString html =
                RelayReport::configHtml(cfg, languageFromCode(QString::fromLatin1(c.lang)).value());
        QVERIFY2(!html.contains(u"view."), qPrintable(html));
        for (const ConfigFile &f : cfg.files)
            QVERIFY2(html.contains(f.path), qPrintable(f.path));
        const QString pw = QString::fromLatin1(c.password);
        if (!pw.isEmpty())
            QVERIFY2(!html.contains(pw.toHtmlEscaped()), qPrintable(html));
    }

    void testHtml_data()
    {
        QTest::addColumn<QString>("lang");
        QTest::addColumn<bool>("verified");
        QTest::addColumn<QString>("expected");
        QTest::newRow("en, verified") << "en" << true
                                      << "Encrypted with TLSv1.3 (TLS_AES_256_GCM_SHA384); "
                                         "certificate verified.";
        QTest::newRow("zh_CN, not verified")
                << "zh_CN" << false << "已用 TLSv1.3 加密（TLS_AES_256_GCM_SHA384）；证书未验证。";
    }
    void testHtml()
    {
        QFETCH(QString, lang);
        QFETCH(bool, verified);
        QFETCH(QString, expected);
        RelayTestResult r;
        r.result = RelayResult::AuthFailed;
        r.title = QStringLiteral("<login> refused");
        r.explanation = QStringLiteral("Check the password & the user name.");
        r.tlsProtocol = QStringLiteral("TLSv1.3");
        r.tlsCipher = QStringLiteral("TLS_AES_256_GCM_SHA384");
        r.peerVerified = verified;
        const QString html = RelayReport::testHtml(r, languageFromCode(lang).value());
        QVERIFY2(html.contains(expected), qPrintable(html));
        QVERIFY2(html.contains(u"✘ &lt;login&gt; refused"), qPrintable(html));
        QVERIFY2(html.contains(u"the password &amp; the user name"), qPrintable(html));
    }

    void everyTextHasChinese()
    {
        const RelayKnowledge &k = RelayKnowledge::builtIn();
        for (const QString &key : k.keys()) {
            const QString en = k.text(key, Language::English);
            const QString zh = k.text(key, Language::SimplifiedChinese);
            QVERIFY2(!en.isEmpty() && zh != en, qPrintable(key));
            // The same placeholders in both languages.
            static const QRegularExpression ph(QStringLiteral(R"(\{[a-z_]+\})"));
            QStringList a, b;
            for (const auto &m : ph.globalMatch(en))
                a << m.captured();
            for (const auto &m : ph.globalMatch(zh))
                b << m.captured();
            a.sort();
            b.sort();
            QVERIFY2(a == b, qPrintable(key));
        }
        for (const RelayAdviceRule &r : k.adviceRules())
            QVERIFY2(!r.advice.en.isEmpty() && !r.advice.zhCN.isEmpty(),
                    qPrintable(relayResultId(r.result)));
    }

    // Every advice rule names a result and step the relay test can end with, and every result
    // and step has its words; a misspelt id in relay.json would silently never apply.
    void relayTableMatchesTheOutcomes()
    {
        QCOMPARE(RelayKnowledge::builtIn().problems(), QStringList());
        for (int i = 0; i <= int(RelayResult::Cancelled); ++i)
            QCOMPARE(relayResultFromId(relayResultId(RelayResult(i))), RelayResult(i));
        for (int i = 0; i <= int(RelayStep::Quit); ++i)
            QCOMPARE(relayStepFromId(relayStepId(RelayStep(i))), RelayStep(i));
        QCOMPARE(allRelayResults().size(), int(RelayResult::Cancelled) + 1);
        QCOMPARE(allRelaySteps().size(), int(RelayStep::Quit));
        QVERIFY(!relayResultFromId(u"auth_failed"));
        QVERIFY(!relayStepFromId(u"STARTTLS"));
    }

    // What each version can and cannot do, as the admin would check it.
    void postfixVersionRules()
    {
        const auto settingsOf = [](const RelayConfig &cfg) {
            QHash<QString, QString> s;
            for (const ConfigSetting &x :
                    file(cfg, QStringLiteral("/etc/postfix/main.cf"))->settings)
                s.insert(x.key, x.value);
            return s;
        };
        // 2.9 + 465: no wrappermode (3.0+), stunnel instead, and the key follows the new next hop.
        const RelayConfig old465 = generate(cases().at(1));
        QVERIFY(!settingsOf(old465).contains(QStringLiteral("smtp_tls_wrappermode")));
        QCOMPARE(settingsOf(old465).value(QStringLiteral("relayhost")),
                QStringLiteral("[127.0.0.1]:11125"));
        QVERIFY(file(old465, QStringLiteral("/etc/postfix/sasl_passwd"))
                        ->content.startsWith(u"[127.0.0.1]:11125 "));
        QVERIFY(file(old465, QStringLiteral("/etc/stunnel/smarthost.conf"))
                        ->content.contains(u"connect = smtp.isp.example:465"));
        QVERIFY(old465.warnings.join(u' ').contains(u"587"));
        // 3.7 + 465: wrapper mode.
        const RelayConfig new465 = generate(cases().at(3));
        QCOMPARE(settingsOf(new465).value(QStringLiteral("smtp_tls_wrappermode")),
                QStringLiteral("yes"));
        QCOMPARE(settingsOf(new465).value(QStringLiteral("smtp_tls_security_level")),
                QStringLiteral("encrypt"));
        // iRedMail: its own certificate is not the CA for the ISP.
        const RelayConfig ired = generate(cases().at(0));
        QCOMPARE(settingsOf(ired).value(QStringLiteral("smtp_tls_CAfile")),
                QStringLiteral("/etc/ssl/certs/ca-certificates.crt"));
        QCOMPARE(file(ired, QStringLiteral("/etc/postfix/sasl_passwd"))->permissions,
                QStringLiteral("0600"));
        QVERIFY(ired.commands.last().command.startsWith(u"service postfix reload"));
        QVERIFY(new465.commands.last().command.startsWith(u"systemctl reload postfix"));
        // Older than 2.3: refused with a reason.
        RelayConfigRequest r;
        r.mtaVersion = QVersionNumber(2, 2);
        r.relay = *RelayEndpoint::parse(QStringLiteral("smtp.isp.example"), {}, nullptr);
        QString error;
        QVERIFY(!RelayConfigGenerator::generate(r, &error));
        QVERIFY(error.contains(u"2.3"));
    }

    // The table the version rules come from says what postconf(5) says.
    void postfixParameterTable_data()
    {
        QTest::addColumn<QString>("parameter");
        QTest::addColumn<QString>("version");
        QTest::addColumn<bool>("exists");
        // "This feature is available in Postfix 3.0 and later." (postconf(5),
        // smtp_tls_wrappermode); the same sentence with 2.3 for smtp_tls_security_level and
        // sender_dependent_relayhost_maps, 2.2 for smtp_sasl_tls_security_options.
        QTest::newRow("wrappermode in 2.11") << "smtp_tls_wrappermode"
                                             << "2.11" << false;
        QTest::newRow("wrappermode in 3.0") << "smtp_tls_wrappermode"
                                            << "3.0" << true;
        QTest::newRow("security level in 2.2") << "smtp_tls_security_level"
                                               << "2.2" << false;
        QTest::newRow("security level in 2.3") << "smtp_tls_security_level"
                                               << "2.3" << true;
        QTest::newRow("sender relayhost maps in 2.2") << "sender_dependent_relayhost_maps"
                                                      << "2.2" << false;
        QTest::newRow("sasl tls options in 2.2") << "smtp_sasl_tls_security_options"
                                                 << "2.2" << true;
        // No version stated: older than the statements.
        QTest::newRow("relayhost in 2.0") << "relayhost"
                                          << "2.0" << true;
        // "This feature is available in Postfix 2.7." (no "and later").
        QTest::newRow("verify cache cleanup in 2.6") << "address_verify_cache_cleanup_interval"
                                                     << "2.6" << false;
        QTest::newRow("misspelt") << "smtp_tls_wrapermode"
                                  << "3.7" << false;
    }
    void postfixParameterTable()
    {
        QFETCH(QString, parameter);
        QFETCH(QString, version);
        QFETCH(bool, exists);
        QCOMPARE(RelayKnowledge::builtIn().postfixHasParameter(
                         parameter, QVersionNumber::fromString(version)),
                exists);
    }

    // Every parameter a setup writes exists in the Postfix it is written for. Debian 12's
    // postconf (postfixAcceptsIt) knows only 3.7 and would not flag a 3.x-only parameter in a
    // 2.9 setup; the table from postconf(5) does.
    void postfixParametersExistInThatVersion_data()
    {
        QTest::addColumn<QString>("version");
        QTest::addColumn<QString>("relay");
        QTest::addColumn<bool>("iredmail");
        QTest::addColumn<bool>("senderDomains");
        for (const char *v : {"2.3", "2.5", "2.9", "2.10", "2.11", "3.0", "3.4", "3.7", "3.9"}) {
            for (const char *relay :
                    {"smtp.isp.example:587", "smtp.isp.example:465", "smtp.isp.example:25"}) {
                for (const bool ired : {false, true}) {
                    for (const bool domains : {false, true})
                        QTest::addRow("%s %s%s%s", v, relay, ired ? " iredmail" : "",
                                domains ? " sender-domains" : "")
                                << QString::fromLatin1(v) << QString::fromLatin1(relay) << ired
                                << domains;
                }
            }
        }
    }
    void postfixParametersExistInThatVersion()
    {
        QFETCH(QString, version);
        QFETCH(QString, relay);
        QFETCH(bool, iredmail);
        QFETCH(bool, senderDomains);
        RelayConfigRequest r;
        r.mtaVersion = QVersionNumber::fromString(version);
        r.relay = *RelayEndpoint::parse(relay, {}, nullptr);
        r.user = QStringLiteral("relay@example.com");
        r.password = QStringLiteral("S3cret-Pass");
        r.iredmail = iredmail;
        if (senderDomains)
            r.senderDomains = {QStringLiteral("example.com")};
        QString error;
        const auto cfg = RelayConfigGenerator::generate(r, &error);
        QVERIFY2(cfg, qPrintable(error));
        const ConfigFile *mainCf = file(*cfg, QStringLiteral("/etc/postfix/main.cf"));
        QVERIFY(mainCf && !mainCf->settings.isEmpty());
        for (const ConfigSetting &s : mainCf->settings)
            QVERIFY2(RelayKnowledge::builtIn().postfixHasParameter(s.key, r.mtaVersion),
                    qPrintable(s.key + QStringLiteral(" is not in Postfix ") + version));
    }

    void refusedCredentials_data()
    {
        QTest::addColumn<int>("mta");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("password");
        QTest::addColumn<QString>("message");
        QTest::newRow("postfix user with colon") << int(Mta::Postfix) << "a:b"
                                                 << "x"
                                                 << "':'";
        QTest::newRow("postfix user with space") << int(Mta::Postfix) << "a b"
                                                 << "x"
                                                 << "' '";
        QTest::newRow("newline in password") << int(Mta::Postfix) << "u"
                                             << "x\nrelayhost = evil"
                                             << "control character";
        QTest::newRow("exim password with colon") << int(Mta::Exim4) << "u"
                                                  << "a:b"
                                                  << "':'";
        QTest::newRow("sendmail user with quote") << int(Mta::Sendmail) << "u\""
                                                  << "x"
                                                  << "'\"'";
        QTest::newRow("exchange user with quote") << int(Mta::Exchange) << "o'brien"
                                                  << ""
                                                  << "'''";
    }
    void refusedCredentials()
    {
        QFETCH(int, mta);
        QFETCH(QString, user);
        QFETCH(QString, password);
        QFETCH(QString, message);
        RelayConfigRequest r;
        r.mta = Mta(mta);
        r.relay = *RelayEndpoint::parse(message == u"IPv6" ? QStringLiteral("[2001:db8::25]")
                                                           : QStringLiteral("smtp.isp.example"),
                {}, nullptr);
        r.user = user;
        r.password = password;
        QString error;
        QVERIFY(!RelayConfigGenerator::generate(r, &error));
        QVERIFY2(error.contains(message), qPrintable(error));
    }

    // The password appears in the secrets file and nowhere else: not in a command, not in a
    // main.cf setting, not in a warning.
    void passwordOnlyInTheSecretsFile_data() { goldenFiles_data(); }
    void passwordOnlyInTheSecretsFile()
    {
        QFETCH(int, index);
        const Case &c = cases().at(index);
        const QString pw = QString::fromLatin1(c.password);
        if (pw.isEmpty())
            QSKIP("no password in this case");
        const RelayConfig cfg = generate(c);
        bool inSecretFile = false;
        for (const ConfigFile &f : cfg.files) {
            for (const ConfigSetting &s : f.settings)
                QVERIFY(!s.value.contains(pw));
            if (f.content.contains(pw)
                    || f.content.contains(QString::fromLatin1(pw.toUtf8().toBase64()))) {
                QVERIFY2(f.holdsSecret, qPrintable(f.path));
                QVERIFY(f.permissions == u"0600" || f.permissions == u"0640");
                inSecretFile = true;
            }
        }
        for (const ConfigCommand &cmd : cfg.commands)
            QVERIFY2(!cmd.command.contains(pw), qPrintable(cmd.command));
        QVERIFY(!cfg.warnings.join(u' ').contains(pw));
        QCOMPARE(inSecretFile, c.mta != Mta::Exchange && c.mta != Mta::Client);
    }

    // Debian's own Postfix reads the generated main.cf without a single warning (an unknown or
    // misspelt parameter would give "unused parameter"), echoes every value, and postmap finds
    // the credentials under exactly the relayhost string.
    void postfixAcceptsIt_data()
    {
        QTest::addColumn<int>("index");
        for (qsizetype i = 0; i < cases().size(); ++i) {
            if (cases().at(i).mta == Mta::Postfix)
                QTest::newRow(cases().at(i).name) << int(i);
        }
    }
    void postfixAcceptsIt()
    {
        QFETCH(int, index);
        if (postfixSbin().isEmpty()) {
            if (qEnvironmentVariableIsSet("CI"))
                QFAIL("postconf/postmap missing: ./quickstart test unpacks Debian's postfix");
            QSKIP("postconf/postmap missing: run ./quickstart test, which unpacks Debian's "
                  "postfix");
        }
        const Case &c = cases().at(index);
        const RelayConfig cfg = generate(c);
        QTemporaryDir dir;
        QFile mainCf(dir.filePath(QStringLiteral("main.cf")));
        QVERIFY(mainCf.open(QIODevice::WriteOnly));
        // Only so postmap runs without Postfix's own users; not part of what is generated.
        mainCf.write("mail_owner = mail\nsetgid_group = news\nmyhostname = mail.example.com\n");
        QHash<QString, QString> expected;
        for (const ConfigSetting &s : file(cfg, QStringLiteral("/etc/postfix/main.cf"))->settings) {
            mainCf.write(QStringLiteral("%1 = %2\n").arg(s.key, s.value).toUtf8());
            expected.insert(s.key, s.value);
        }
        mainCf.close();
        QFile(dir.filePath(QStringLiteral("master.cf"))).open(QIODevice::WriteOnly);

        const Tool n = runPostfixTool(QStringLiteral("postconf"),
                {QStringLiteral("-c"), dir.path(), QStringLiteral("-n")});
        QCOMPARE(n.exitCode, 0);
        QVERIFY2(!n.err.contains(u"warning"), qPrintable(n.err));
        for (auto it = expected.begin(); it != expected.end(); ++it)
            QVERIFY2(n.out.contains(it.key() + QStringLiteral(" = ") + it.value() + u'\n'),
                    qPrintable(n.out));

        const ConfigFile *secrets = file(cfg, QStringLiteral("/etc/postfix/sasl_passwd"));
        if (!secrets)
            return;
        const QString map = dir.filePath(QStringLiteral("sasl_passwd"));
        QFile sf(map);
        QVERIFY(sf.open(QIODevice::WriteOnly));
        sf.write(secrets->content.toUtf8());
        sf.close();
        QVERIFY(sf.setPermissions(QFile::ReadOwner | QFile::WriteOwner));
        const Tool m = runPostfixTool(QStringLiteral("postmap"),
                {QStringLiteral("-c"), dir.path(), QStringLiteral("hash:") + map});
        QVERIFY2(m.exitCode == 0, qPrintable(m.err));
        // postmap keeps the source's 0600 on the .db.
        QCOMPARE(QFile(map + QStringLiteral(".db")).permissions()
                        & (QFile::ReadGroup | QFile::ReadOther),
                QFile::Permissions());
        const QString hop = expected.value(
                QStringLiteral("relayhost"), QStringLiteral("[smtp.isp.example]:587"));
        const Tool q = runPostfixTool(QStringLiteral("postmap"),
                {QStringLiteral("-c"), dir.path(), QStringLiteral("-q"), hop,
                        QStringLiteral("hash:") + map});
        QCOMPARE(q.exitCode, 0);
        const QString pw = QString::fromLatin1(c.password).isEmpty()
                ? RelayConfigGenerator::passwordPlaceholder()
                : QString::fromLatin1(c.password);
        QCOMPARE(q.out.trimmed(), QString::fromLatin1(c.user) + u':' + pw);
    }

    void currentConfigCheck_data()
    {
        QTest::addColumn<QString>("mainCf");
        QTest::addColumn<QStringList>("findings");
        QTest::newRow("iRedMail 0.8.7 as installed")
                << "# iRedMail\nmyhostname = mail.example.com\nsmtp_tls_security_level = may\n"
                   "smtp_tls_CAfile = $smtpd_tls_CAfile\ncontent_filter = "
                   "smtp-amavis:[127.0.0.1]:10024\n"
                << QStringList {u"no-relayhost"_qs, u"iredmail"_qs, u"iredmail-cafile"_qs,
                           u"helo-not-ptr"_qs};
        QTest::newRow("relayhost without login")
                << "relayhost = [smtp.isp.example]:587\n"
                << QStringList {u"relayhost"_qs, u"relayhost-without-login"_qs};
        QTest::newRow("the usual failed attempt")
                << "relayhost = smtp.isp.example:465\nsmtp_sasl_auth_enable = yes\n"
                   "smtp_sasl_password_maps = hash:/etc/postfix/sasl_passwd\n"
                << QStringList {u"relayhost"_qs, u"relayhost-mx"_qs, u"465-without-wrappermode"_qs,
                           u"noplaintext"_qs, u"login-without-tls"_qs};
        QTest::newRow("continuation lines, last one wins")
                << "relayhost = [old.example]\nrelayhost =\n    [smtp.isp.example]:587\n"
                   "smtp_sasl_auth_enable = yes\nsmtp_sasl_password_maps = hash:/x\n"
                   "smtp_sasl_tls_security_options = noanonymous\nsmtp_tls_security_level = "
                   "encrypt\n"
                << QStringList {u"relayhost"_qs};
        QTest::newRow("postconf -n with a warning line")
                << "postconf: warning: /etc/postfix/main.cf: unused parameter: "
                   "smtp_tls_wrappermod=yes\n"
                   "myhostname = 10-228-98-113.broad.example\n"
                << QStringList {u"no-relayhost"_qs, u"helo-not-ptr"_qs};
    }
    void currentConfigCheck()
    {
        QFETCH(QString, mainCf);
        QFETCH(QStringList, findings);
        const PostfixSettings s = PostfixSettings::parse(mainCf);
        QStringList ids;
        for (const ConfigFinding &f : s.check(
                     {u"10.228.98.113.broad.sz.gd.dynamic.163data.com.cn"_qs}, Language::English)) {
            ids << f.id;
            QVERIFY2(!f.text.startsWith(u"config."), qPrintable(f.text));
        }
        QCOMPARE(ids, findings);
    }

    // What we generate passes our own check of a current configuration: no problem left.
    void generatedConfigPassesTheCheck_data()
    {
        QTest::addColumn<int>("index");
        for (qsizetype i = 0; i < cases().size(); ++i) {
            if (cases().at(i).mta == Mta::Postfix && cases().at(i).user[0] != '\0')
                QTest::newRow(cases().at(i).name) << int(i);
        }
    }
    void generatedConfigPassesTheCheck()
    {
        QFETCH(int, index);
        const RelayConfig cfg = generate(cases().at(index));
        QString mainCf;
        for (const ConfigSetting &x : file(cfg, QStringLiteral("/etc/postfix/main.cf"))->settings)
            mainCf += x.key + QStringLiteral(" = ") + x.value + u'\n';
        for (const ConfigFinding &f : PostfixSettings::parse(mainCf).check({}, Language::English))
            QVERIFY2(f.severity != ConfigFinding::Severity::Problem,
                    qPrintable(f.id + u": "_qs + f.text));
    }

    void spfSuggestion_data()
    {
        QTest::addColumn<QString>("current");
        QTest::addColumn<QString>("suggested");
        QTest::newRow("none") << ""
                              << "v=spf1 mx a:smtp.isp.example ~all";
        QTest::newRow("before -all") << "v=spf1 mx ip4:192.0.2.1 -all"
                                     << "v=spf1 mx ip4:192.0.2.1 a:smtp.isp.example -all";
        QTest::newRow("before redirect")
                << "v=spf1 mx redirect=_spf.example.com"
                << "v=spf1 mx a:smtp.isp.example redirect=_spf.example.com";
        QTest::newRow("no all") << "v=spf1 mx"
                                << "v=spf1 mx a:smtp.isp.example";
        QTest::newRow("already there") << "v=spf1 a:smtp.isp.example -all"
                                       << "v=spf1 a:smtp.isp.example -all";
        QTest::newRow("bare all, extra spaces") << "v=spf1  mx   all"
                                                << "v=spf1 mx a:smtp.isp.example all";
    }
    void spfSuggestion()
    {
        QFETCH(QString, current);
        QFETCH(QString, suggested);
        QCOMPARE(SpfRelayAdvice::suggestRecord(current, QStringLiteral("a:smtp.isp.example")),
                suggested);
    }
};

QTEST_GUILESS_MAIN(TstRelayConfig)
#include "tst_relayconfig.moc"
