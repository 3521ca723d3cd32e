// SPDX-License-Identifier: GPL-3.0-or-later
#include "relay/RelayConfig.h"

#include "relay/RelayKnowledge.h"
#include "relay/SpfRelayAdvice.h"
#include "util/AtomicFile.h"
#include "util/JsonDocument.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QRegularExpression>

namespace bd {

QString ConfigFile::modeName(Mode mode)
{
    switch (mode) {
    case Mode::Merge:
        return QStringLiteral("merge");
    case Mode::Replace:
        return QStringLiteral("replace");
    case Mode::Append:
        return QStringLiteral("append");
    }
    return {};
}
namespace {

struct MtaInfo
{
    Mta mta;
    const char *name;
};

constexpr MtaInfo mtaTable[] = {
        {Mta::Postfix, "postfix"},
        {Mta::Exim4, "exim4"},
        {Mta::Sendmail, "sendmail"},
        {Mta::OpenSmtpd, "opensmtpd"},
        {Mta::Exchange, "exchange"},
        {Mta::Client, "client"},
};

// Builds one configuration; the texts come from relay.json in the request's language.
class Builder
{
public:
    Builder(const RelayConfigRequest &request, RelayConfig &out)
        : r(request)
        , cfg(out)
        , k(RelayKnowledge::builtIn())
    {
        vars.insert(QStringLiteral("host"), r.relay.host);
        vars.insert(QStringLiteral("port"), QString::number(r.relay.port));
        vars.insert(QStringLiteral("user"), r.user);
        vars.insert(QStringLiteral("version"), cfg.mtaVersion);
        vars.insert(QStringLiteral("placeholder"), RelayConfigGenerator::passwordPlaceholder());
        vars.insert(QStringLiteral("spf_term"), SpfRelayAdvice::spfTerm(r.relay));
    }

    QString t(const QString &key) const { return k.text(key, r.lang, vars); }
    void warn(const QString &key) { cfg.warnings << t(key); }
    void note(const QString &key) { cfg.notes << t(key); }
    void command(const QString &command, const QString &key)
    {
        cfg.commands << ConfigCommand {command, t(key)};
    }
    QString password() const
    {
        return r.password.isEmpty() ? RelayConfigGenerator::passwordPlaceholder() : r.password;
    }
    bool auth() const { return !r.user.isEmpty(); }
    // For software without client-side implicit TLS: configure 587 with STARTTLS and say why.
    void fallBackTo587(const QString &warningKey)
    {
        cfg.relay.port = 587;
        cfg.relay.tls = RelayTls::StartTls;
        vars.insert(QStringLiteral("port"), QStringLiteral("587"));
        warn(warningKey);
    }
    bool atLeast(int major, int minor) const
    {
        return QVersionNumber::compare(version, QVersionNumber(major, minor)) >= 0;
    }

    const RelayConfigRequest &r;
    RelayConfig &cfg;
    const RelayKnowledge &k;
    QHash<QString, QString> vars;
    QVersionNumber version;
};

void addSetting(ConfigFile &f, const Builder &b, const QString &key, const QString &value,
        const QString &whyKey)
{
    f.settings << ConfigSetting {key, value, b.t(whyKey)};
}

// False, with `error` naming the problem and the format's reason, when the user name holds a
// character the format uses to split its fields.
bool userFits(const Builder &b, QStringView separators, const QString &because, QString *error)
{
    if (!b.auth())
        return true;
    const QString problem =
            credentialProblem(QStringLiteral("the user name"), b.r.user, separators);
    if (problem.isEmpty())
        return true;
    *error = problem + QStringLiteral(" (") + because + u')';
    return false;
}

// Postfix: relayhost "[host]:port" (brackets: no MX lookup), SASL that allows PLAIN/LOGIN only
// inside TLS, and a sasl_passwd key that is exactly the relayhost string, which is what the
// smtp client looks up (smtp_sasl_glue.c); a key without the port silently sends no AUTH.
bool postfix(Builder &b, QString *error)
{
    // The versions come from postconf(5) (postfix-parameters.json): client TLS security levels
    // appeared in 2.3, wrapper mode (SMTPS to the relay) in 3.0.
    if (!b.k.postfixHasParameter(QStringLiteral("smtp_tls_security_level"), b.version)) {
        *error = QStringLiteral(
                "Postfix %1 is older than 2.3, which has no client TLS security levels; "
                "upgrade Postfix first")
                         .arg(b.cfg.mtaVersion);
        return false;
    }
    if (!userFits(b, u": \t", QStringLiteral("sasl_passwd splits user and password at ':'"), error))
        return false;
    const bool wrapperModeWorks =
            b.k.postfixHasParameter(QStringLiteral("smtp_tls_wrappermode"), b.version);
    const bool stunnel = b.r.relay.tls == RelayTls::Implicit && !wrapperModeWorks;
    const QString hostLiteral =
            b.r.relay.hostIsIpv6() ? QStringLiteral("ipv6:") + b.r.relay.host : b.r.relay.host;
    const QString nextHop = stunnel
            ? QStringLiteral("[127.0.0.1]:11125")
            : QStringLiteral("[%1]:%2").arg(hostLiteral).arg(b.r.relay.port);
    b.vars.insert(QStringLiteral("relayhost"), nextHop);

    ConfigFile main;
    main.path = QStringLiteral("/etc/postfix/main.cf");
    main.mode = ConfigFile::Mode::Merge;
    main.why = b.t(QStringLiteral("postfix.main_cf"));
    if (b.r.senderDomains.isEmpty()) {
        addSetting(
                main, b, QStringLiteral("relayhost"), nextHop, QStringLiteral("postfix.relayhost"));
    } else {
        addSetting(main, b, QStringLiteral("sender_dependent_relayhost_maps"),
                QStringLiteral("hash:/etc/postfix/sender_relay"),
                QStringLiteral("postfix.sender_dependent_relayhost_maps"));
    }
    if (b.auth()) {
        addSetting(main, b, QStringLiteral("smtp_sasl_auth_enable"), QStringLiteral("yes"),
                QStringLiteral("postfix.smtp_sasl_auth_enable"));
        addSetting(main, b, QStringLiteral("smtp_sasl_password_maps"),
                QStringLiteral("hash:/etc/postfix/sasl_passwd"),
                QStringLiteral("postfix.smtp_sasl_password_maps"));
        if (stunnel) {
            // The hop to stunnel is loopback and in clear; stunnel encrypts the rest.
            addSetting(main, b, QStringLiteral("smtp_sasl_security_options"),
                    QStringLiteral("noanonymous"),
                    QStringLiteral("postfix.smtp_sasl_security_options.stunnel"));
        } else {
            addSetting(main, b, QStringLiteral("smtp_sasl_security_options"),
                    QStringLiteral("noanonymous, noplaintext"),
                    QStringLiteral("postfix.smtp_sasl_security_options"));
            addSetting(main, b, QStringLiteral("smtp_sasl_tls_security_options"),
                    QStringLiteral("noanonymous"),
                    QStringLiteral("postfix.smtp_sasl_tls_security_options"));
        }
    }
    if (stunnel) {
        addSetting(main, b, QStringLiteral("smtp_tls_security_level"), QStringLiteral("none"),
                QStringLiteral("postfix.smtp_tls_security_level.stunnel"));
    } else {
        addSetting(main, b, QStringLiteral("smtp_tls_security_level"), QStringLiteral("encrypt"),
                QStringLiteral("postfix.smtp_tls_security_level"));
        if (b.r.relay.tls == RelayTls::Implicit)
            addSetting(main, b, QStringLiteral("smtp_tls_wrappermode"), QStringLiteral("yes"),
                    QStringLiteral("postfix.smtp_tls_wrappermode"));
        if (!wrapperModeWorks)
            addSetting(main, b, QStringLiteral("smtp_tls_mandatory_protocols"),
                    QStringLiteral("!SSLv2, !SSLv3"),
                    QStringLiteral("postfix.smtp_tls_mandatory_protocols"));
        if (b.r.iredmail)
            addSetting(main, b, QStringLiteral("smtp_tls_CAfile"),
                    QStringLiteral("/etc/ssl/certs/ca-certificates.crt"),
                    QStringLiteral("postfix.smtp_tls_CAfile.iredmail"));
        addSetting(main, b, QStringLiteral("smtp_tls_loglevel"), QStringLiteral("1"),
                QStringLiteral("postfix.smtp_tls_loglevel"));
    }
    b.cfg.files << main;

    if (!b.r.senderDomains.isEmpty()) {
        ConfigFile map;
        map.path = QStringLiteral("/etc/postfix/sender_relay");
        map.mode = ConfigFile::Mode::Replace;
        map.why = b.t(QStringLiteral("postfix.sender_relay"));
        for (const QString &d : b.r.senderDomains)
            map.content += QStringLiteral("@%1 %2\n").arg(d, nextHop);
        b.cfg.files << map;
    }
    if (b.auth()) {
        ConfigFile secrets;
        secrets.path = QStringLiteral("/etc/postfix/sasl_passwd");
        secrets.mode = ConfigFile::Mode::Replace;
        secrets.permissions = QStringLiteral("0600");
        secrets.owner = QStringLiteral("root:root");
        secrets.holdsSecret = true;
        secrets.why = b.t(QStringLiteral("postfix.sasl_passwd"));
        secrets.content = QStringLiteral("%1 %2:%3\n").arg(nextHop, b.r.user, b.password());
        b.cfg.files << secrets;
    }
    if (stunnel) {
        ConfigFile tunnel;
        tunnel.path = QStringLiteral("/etc/stunnel/smarthost.conf");
        tunnel.mode = ConfigFile::Mode::Replace;
        tunnel.why = b.t(QStringLiteral("postfix.stunnel_conf"));
        tunnel.content = QStringLiteral("[smarthost]\nclient = yes\naccept = 127.0.0.1:11125\n"
                                        "connect = %1\nverify = 2\n"
                                        "CAfile = /etc/ssl/certs/ca-certificates.crt\n")
                                 .arg(b.r.relay.display());
        b.cfg.files << tunnel;
        b.command(
                QStringLiteral("apt-get install stunnel4"), QStringLiteral("cmd.install_stunnel"));
        b.command(QStringLiteral("sed -i 's/^ENABLED=0/ENABLED=1/' /etc/default/stunnel4 && "
                                 "service stunnel4 restart"),
                QStringLiteral("cmd.start_stunnel"));
        b.warn(QStringLiteral("warn.postfix_465_before_3"));
    }

    if (b.auth())
        b.command(QStringLiteral("apt-get install libsasl2-modules"),
                QStringLiteral("cmd.install_libsasl2_modules"));
    QString postconf = QStringLiteral("postconf -e");
    for (const ConfigSetting &s : std::as_const(b.cfg.files.first().settings))
        postconf += QStringLiteral(" \\\n    '%1 = %2'").arg(s.key, s.value);
    b.command(postconf, QStringLiteral("cmd.postconf_e"));
    if (b.auth()) {
        b.command(QStringLiteral("chmod 600 /etc/postfix/sasl_passwd"),
                QStringLiteral("cmd.chmod_600"));
        b.command(QStringLiteral("postmap hash:/etc/postfix/sasl_passwd"),
                QStringLiteral("cmd.postmap"));
        b.command(QStringLiteral("postmap -q '%1' hash:/etc/postfix/sasl_passwd >/dev/null && echo "
                                 "'sasl_passwd: key matches'")
                          .arg(nextHop),
                QStringLiteral("cmd.postmap_q"));
    }
    if (!b.r.senderDomains.isEmpty())
        b.command(QStringLiteral("postmap hash:/etc/postfix/sender_relay"),
                QStringLiteral("cmd.postmap_sender_relay"));
    b.command(QStringLiteral("postfix check"), QStringLiteral("cmd.postfix_check"));
    b.command(b.atLeast(3, 0) ? QStringLiteral("systemctl reload postfix")
                              : QStringLiteral("service postfix reload"),
            QStringLiteral("cmd.postfix_reload"));

    if (!wrapperModeWorks)
        b.note(QStringLiteral("note.postfix_2x_no_duplicate_warning"));
    if (b.r.iredmail) {
        b.note(QStringLiteral("note.iredmail_amavis"));
        b.note(QStringLiteral("note.iredmail_transport"));
        if (!b.r.senderDomains.isEmpty())
            b.note(QStringLiteral("note.iredmail_sender_relayhost"));
    }
    b.note(QStringLiteral("note.postfix_verify"));
    return true;
}

// Debian's exim4: the smarthost comes from update-exim4.conf.conf ("host::port", two colons)
// and the credentials from passwd.client, which Exim matches against the relay's reverse DNS
// name, not the name configured.
bool exim4(Builder &b, QString *error)
{
    if (b.auth() && b.r.relay.hostIsIpv6()) {
        *error = QStringLiteral("give the relay's host name: passwd.client cannot hold an IPv6 "
                                "address (its fields are separated by ':')");
        return false;
    }
    if (b.auth()) {
        for (const auto &[what, value] : {std::pair {QStringLiteral("the user name"), b.r.user},
                     std::pair {QStringLiteral("the password"), b.r.password}}) {
            if (value.isEmpty())
                continue;
            const QString problem = credentialProblem(what, value, u":");
            if (!problem.isEmpty()) {
                *error = problem + QStringLiteral(" (passwd.client separates fields with ':')");
                return false;
            }
        }
    }
    QString smarthost;
    if (b.r.relay.hostIsIpv6()) {
        QString doubled = b.r.relay.host;
        doubled.replace(u':', QStringLiteral("::"));
        smarthost = QStringLiteral("[%1]::%2").arg(doubled).arg(b.r.relay.port);
    } else {
        smarthost = QStringLiteral("%1::%2").arg(b.r.relay.host).arg(b.r.relay.port);
    }
    ConfigFile conf;
    conf.path = QStringLiteral("/etc/exim4/update-exim4.conf.conf");
    conf.mode = ConfigFile::Mode::Merge;
    conf.why = b.t(QStringLiteral("exim4.update_conf"));
    conf.assignment = QStringLiteral("=");
    addSetting(conf, b, QStringLiteral("dc_eximconfig_configtype"), QStringLiteral("'smarthost'"),
            QStringLiteral("exim4.dc_eximconfig_configtype"));
    addSetting(conf, b, QStringLiteral("dc_smarthost"), u'\'' + smarthost + u'\'',
            QStringLiteral("exim4.dc_smarthost"));
    b.cfg.files << conf;

    ConfigFile macros;
    macros.path = QStringLiteral("/etc/exim4/exim4.conf.localmacros");
    macros.mode = ConfigFile::Mode::Append;
    macros.why = b.t(QStringLiteral("exim4.localmacros"));
    if (b.r.relay.tls == RelayTls::Implicit)
        macros.content = QStringLiteral("REMOTE_SMTP_SMARTHOST_PROTOCOL = smtps\n");
    else
        macros.content = QStringLiteral("REMOTE_SMTP_SMARTHOST_HOSTS_REQUIRE_TLS = *\n");
    b.cfg.files << macros;

    if (b.auth()) {
        ConfigFile secrets;
        secrets.path = QStringLiteral("/etc/exim4/passwd.client");
        secrets.mode = ConfigFile::Mode::Append;
        secrets.permissions = QStringLiteral("0640");
        secrets.owner = QStringLiteral("root:Debian-exim");
        secrets.holdsSecret = true;
        secrets.why = b.t(QStringLiteral("exim4.passwd_client"));
        secrets.content = QStringLiteral("%1:%2:%3\n").arg(b.r.relay.host, b.r.user, b.password());
        const QStringList labels = b.r.relay.host.split(u'.');
        if (!b.r.relay.hostIsIpv4() && !b.r.relay.hostIsIpv6() && labels.size() >= 3)
            secrets.content += QStringLiteral("*.%1:%2:%3\n")
                                       .arg(labels.mid(1).join(u'.'), b.r.user, b.password());
        b.cfg.files << secrets;
        b.command(QStringLiteral("chown root:Debian-exim /etc/exim4/passwd.client && chmod 640 "
                                 "/etc/exim4/passwd.client"),
                QStringLiteral("cmd.exim_passwd_mode"));
    }
    b.command(QStringLiteral("update-exim4.conf"), QStringLiteral("cmd.update_exim4_conf"));
    b.command(QStringLiteral("exim4 -bV >/dev/null && echo 'exim4 configuration OK'"),
            QStringLiteral("cmd.exim_bv"));
    b.command(QStringLiteral("systemctl restart exim4"), QStringLiteral("cmd.exim_restart"));
    b.command(QStringLiteral("exim4 -bt postmaster@example.org"), QStringLiteral("cmd.exim_bt"));
    if (b.r.relay.tls == RelayTls::Implicit && !b.atLeast(4, 77))
        b.warn(QStringLiteral("warn.exim_smtps_old"));
    b.note(QStringLiteral("note.exim_satellite"));
    b.note(QStringLiteral("note.exim_rdns_match"));
    return true;
}

// Sendmail's m4 configuration has no client-side implicit TLS, so 465 becomes 587 with a
// warning; the access map makes TLS mandatory towards the relay before AUTH.
bool sendmail(Builder &b, QString *error)
{
    if (!userFits(b, u"\" ", QStringLiteral("authinfo quotes its fields"), error))
        return false;
    if (b.r.relay.tls == RelayTls::Implicit)
        b.fallBackTo587(QStringLiteral("warn.sendmail_no_465"));
    const QString host =
            b.r.relay.hostIsIpv6() ? QStringLiteral("IPv6:") + b.r.relay.host : b.r.relay.host;
    ConfigFile mc;
    mc.path = QStringLiteral("/etc/mail/sendmail.mc");
    mc.mode = ConfigFile::Mode::Append;
    mc.insertBefore = QStringLiteral("MAILER(");
    mc.why = b.t(QStringLiteral("sendmail.mc"));
    mc.content = QStringLiteral("define(`SMART_HOST', `[%1]')dnl\n"
                                "define(`RELAY_MAILER_ARGS', `TCP $h %2')dnl\n")
                         .arg(host)
                         .arg(b.cfg.relay.port);
    if (b.auth())
        mc.content += QStringLiteral("FEATURE(`authinfo', `hash -o /etc/mail/authinfo.db')dnl\n");
    b.cfg.files << mc;

    ConfigFile access;
    access.path = QStringLiteral("/etc/mail/access");
    access.mode = ConfigFile::Mode::Append;
    access.why = b.t(QStringLiteral("sendmail.access"));
    access.content = QStringLiteral("TLS_Srv:%1\tENCR:128\n").arg(b.r.relay.host);
    b.cfg.files << access;

    if (b.auth()) {
        ConfigFile secrets;
        secrets.path = QStringLiteral("/etc/mail/authinfo");
        secrets.mode = ConfigFile::Mode::Replace;
        secrets.permissions = QStringLiteral("0600");
        secrets.owner = QStringLiteral("root:root");
        secrets.holdsSecret = true;
        secrets.why = b.t(QStringLiteral("sendmail.authinfo"));
        // "P=" takes base64, which holds any password; "P:" would end at a quote.
        const bool plain = !b.password().contains(u'"');
        secrets.content =
                QStringLiteral("AuthInfo:%1 \"U:%2\" \"I:%2\" \"%3\" \"M:PLAIN LOGIN\"\n")
                        .arg(host, b.r.user,
                                plain ? QStringLiteral("P:") + b.password()
                                      : QStringLiteral("P=")
                                                + QString::fromLatin1(
                                                        b.password().toUtf8().toBase64()));
        b.cfg.files << secrets;
        b.command(QStringLiteral("chmod 600 /etc/mail/authinfo"), QStringLiteral("cmd.chmod_600"));
        b.command(QStringLiteral("makemap hash /etc/mail/authinfo < /etc/mail/authinfo"),
                QStringLiteral("cmd.makemap_authinfo"));
    }
    b.command(QStringLiteral("makemap hash /etc/mail/access < /etc/mail/access"),
            QStringLiteral("cmd.makemap_access"));
    b.command(QStringLiteral("make -C /etc/mail"), QStringLiteral("cmd.sendmail_make"));
    b.command(QStringLiteral("systemctl restart sendmail"), QStringLiteral("cmd.sendmail_restart"));
    b.note(QStringLiteral("note.sendmail_privacy"));
    return true;
}

// OpenSMTPD 6.4+ grammar (action/match); 5.x-6.3 had "accept ... relay via". smtpd -n does not
// check the URL scheme, so the scheme is ours to get right.
bool opensmtpd(Builder &b, QString *error)
{
    if (!b.atLeast(6, 4)) {
        *error = QStringLiteral("OpenSMTPD %1 uses the pre-6.4 grammar (accept ... relay via); "
                                "this tool writes the 6.4+ grammar of Debian 10 and later")
                         .arg(b.cfg.mtaVersion);
        return false;
    }
    if (!userFits(b, u": \t", QStringLiteral("the secrets table splits at ':'"), error))
        return false;
    const QString scheme = b.r.relay.tls == RelayTls::Implicit ? QStringLiteral("smtps")
                                                               : QStringLiteral("smtp+tls");
    const QString host = b.r.relay.hostIsIpv6() ? u'[' + b.r.relay.host + u']' : b.r.relay.host;
    ConfigFile conf;
    conf.path = QStringLiteral("/etc/smtpd.conf");
    conf.mode = ConfigFile::Mode::Append;
    conf.insertBefore = QStringLiteral("match from local for any");
    conf.why = b.t(QStringLiteral("opensmtpd.conf"));
    if (b.auth())
        conf.content =
                QStringLiteral("table secrets file:/etc/smtpd/secrets\n"
                               "action \"isp-relay\" relay host %1://isp@%2:%3 auth <secrets>\n")
                        .arg(scheme, host)
                        .arg(b.r.relay.port);
    else
        conf.content = QStringLiteral("action \"isp-relay\" relay host %1://%2:%3\n")
                               .arg(scheme, host)
                               .arg(b.r.relay.port);
    conf.content += QStringLiteral("match from local for any action \"isp-relay\"\n");
    b.cfg.files << conf;
    if (b.auth()) {
        ConfigFile secrets;
        secrets.path = QStringLiteral("/etc/smtpd/secrets");
        secrets.mode = ConfigFile::Mode::Replace;
        secrets.permissions = QStringLiteral("0640");
        secrets.owner = QStringLiteral("root:opensmtpd");
        secrets.holdsSecret = true;
        secrets.why = b.t(QStringLiteral("opensmtpd.secrets"));
        secrets.content = QStringLiteral("isp %1:%2\n").arg(b.r.user, b.password());
        b.cfg.files << secrets;
        b.command(QStringLiteral("chown root:opensmtpd /etc/smtpd/secrets && chmod 640 "
                                 "/etc/smtpd/secrets"),
                QStringLiteral("cmd.opensmtpd_secrets_mode"));
    }
    b.command(QStringLiteral("smtpd -n -f /etc/smtpd.conf"), QStringLiteral("cmd.smtpd_n"));
    b.command(
            QStringLiteral("systemctl restart opensmtpd"), QStringLiteral("cmd.opensmtpd_restart"));
    b.warn(QStringLiteral("warn.opensmtpd_first_match"));
    return true;
}

// Exchange: a send connector; the password goes through Get-Credential, never into the
// script. The connector has no implicit TLS, so 465 becomes 587.
bool exchange(Builder &b, QString *error)
{
    if (!userFits(b, u"'", QStringLiteral("it is quoted in PowerShell"), error))
        return false;
    if (b.r.relay.tls == RelayTls::Implicit)
        b.fallBackTo587(QStringLiteral("warn.exchange_no_465"));
    if (b.auth())
        b.command(
                QStringLiteral("$cred = Get-Credential -UserName '%1' -Message 'ISP SMTP account'")
                        .arg(b.r.user),
                QStringLiteral("cmd.exchange_credential"));
    QString connector = QStringLiteral(
            "New-SendConnector -Name 'ISP smarthost' -Usage Internet -AddressSpaces '*' "
            "-DNSRoutingEnabled $false -SmartHosts '%1' -Port %2 -RequireTLS $true")
                                .arg(b.r.relay.host)
                                .arg(b.cfg.relay.port);
    if (b.auth())
        connector += QStringLiteral(
                " -SmartHostAuthMechanism BasicAuthRequireTLS -AuthenticationCredential $cred");
    b.command(connector, QStringLiteral("cmd.exchange_connector"));
    b.command(QStringLiteral(
                      "Get-SendConnector | Format-Table Name,AddressSpaces,SmartHosts,Enabled"),
            QStringLiteral("cmd.exchange_list"));
    b.warn(QStringLiteral("warn.exchange_other_connectors"));
    return true;
}

// A mail program on a desktop: the fields of its outgoing server dialog.
bool client(Builder &b, QString *)
{
    const auto add = [&b](const QString &field, const QString &value, const QString &key) {
        b.cfg.clientSettings << ConfigSetting {b.t(field), value, b.t(key)};
    };
    add(QStringLiteral("client.server"), b.r.relay.host, QStringLiteral("client.server_why"));
    add(QStringLiteral("client.port"), QString::number(b.r.relay.port),
            QStringLiteral("client.port_why"));
    add(QStringLiteral("client.security"),
            b.r.relay.tls == RelayTls::Implicit ? QStringLiteral("SSL/TLS")
                                                : QStringLiteral("STARTTLS"),
            QStringLiteral("client.security_why"));
    add(QStringLiteral("client.auth"),
            b.auth() ? b.t(QStringLiteral("client.auth_password"))
                     : b.t(QStringLiteral("client.auth_none")),
            QStringLiteral("client.auth_why"));
    if (b.auth())
        add(QStringLiteral("client.user"), b.r.user, QStringLiteral("client.user_why"));
    b.note(QStringLiteral("note.client_where"));
    return true;
}

using GeneratorFn = bool (*)(Builder &, QString *);
struct GeneratorEntry
{
    Mta mta;
    GeneratorFn fn;
};
constexpr GeneratorEntry generators[] = {
        {Mta::Postfix, postfix},
        {Mta::Exim4, exim4},
        {Mta::Sendmail, sendmail},
        {Mta::OpenSmtpd, opensmtpd},
        {Mta::Exchange, exchange},
        {Mta::Client, client},
};

QJsonArray settingsJson(const QList<ConfigSetting> &settings)
{
    QJsonArray a;
    for (const ConfigSetting &s : settings)
        a << QJsonObject {{QStringLiteral("key"), s.key}, {QStringLiteral("value"), s.value},
                {QStringLiteral("why"), s.why}};
    return a;
}

} // namespace

QString mtaName(Mta mta)
{
    for (const MtaInfo &m : mtaTable) {
        if (m.mta == mta)
            return QString::fromLatin1(m.name);
    }
    return {};
}

std::optional<Mta> mtaFromName(QStringView name)
{
    for (const MtaInfo &m : mtaTable) {
        if (name == QLatin1StringView(m.name))
            return m.mta;
    }
    return std::nullopt;
}

QStringList mtaNames()
{
    QStringList names;
    for (const MtaInfo &m : mtaTable)
        names << QString::fromLatin1(m.name);
    return names;
}

std::optional<QVersionNumber> parseMtaVersion(const QString &text)
{
    // An optional leading word ("postfix", "mail_version =") and then only the version.
    static const QRegularExpression re(
            QStringLiteral(R"(\A\s*(?:[A-Za-z][A-Za-z_-]*\s*[=:]?\s*)?(\d+(?:\.\d+){0,3})\s*\z)"));
    const QRegularExpressionMatch m = re.match(text);
    if (!m.hasMatch())
        return std::nullopt;
    const QVersionNumber version = QVersionNumber::fromString(m.captured(1));
    if (version.isNull())
        return std::nullopt;
    return version;
}

QString RelayConfigGenerator::passwordPlaceholder()
{
    return QStringLiteral("PASSWORD-HERE");
}

std::optional<RelayConfig> RelayConfigGenerator::generate(
        const RelayConfigRequest &request, QString *error)
{
    QString ignored;
    QString &err = error ? *error : ignored;
    const RelayKnowledge &k = RelayKnowledge::builtIn();
    RelayConfig cfg;
    cfg.mta = mtaName(request.mta);
    cfg.relay = request.relay;
    QVersionNumber version = request.mtaVersion;
    if (version.isNull())
        version = QVersionNumber::fromString(k.defaultVersion(cfg.mta));
    cfg.mtaVersion = version.isNull() ? QString() : version.toString();
    if (request.relay.tls == RelayTls::None) {
        err = QStringLiteral("a smarthost configuration needs TLS (starttls or implicit): the "
                             "password would otherwise cross the network in clear");
        return std::nullopt;
    }
    if (!request.password.isEmpty()) {
        const QString problem =
                credentialProblem(QStringLiteral("the password"), request.password, u"");
        if (!problem.isEmpty()) {
            err = problem;
            return std::nullopt;
        }
    }
    for (const QString &d : request.senderDomains) {
        if (!isValidHostName(d) || !d.contains(u'.')) {
            err = QStringLiteral("'%1' is not a sender domain").arg(d);
            return std::nullopt;
        }
    }
    if (!request.senderDomains.isEmpty() && request.mta != Mta::Postfix) {
        err = QStringLiteral("relaying only some sender domains is generated for Postfix only");
        return std::nullopt;
    }
    Builder b(request, cfg);
    b.version = version;
    cfg.secret = request.password;
    for (const GeneratorEntry &g : generators) {
        if (g.mta != request.mta)
            continue;
        if (!g.fn(b, &err))
            return std::nullopt;
    }
    if (request.relay.port == 25)
        b.warn(QStringLiteral("warn.port_25"));
    if (!request.user.isEmpty() && request.password.isEmpty() && request.mta != Mta::Exchange
            && request.mta != Mta::Client)
        b.warn(QStringLiteral("warn.password_placeholder"));
    if (request.user.isEmpty())
        b.warn(QStringLiteral("warn.no_auth"));
    b.note(QStringLiteral("note.spf"));
    return cfg;
}

QJsonObject RelayConfig::toJson() const
{
    QJsonArray fileArray;
    for (const ConfigFile &f : files) {
        QJsonObject o {{QStringLiteral("path"), f.path},
                {QStringLiteral("mode"), ConfigFile::modeName(f.mode)},
                {QStringLiteral("why"), f.why}};
        if (!f.permissions.isEmpty())
            o.insert(u"permissions", f.permissions);
        if (!f.owner.isEmpty())
            o.insert(u"owner", f.owner);
        if (f.mode == ConfigFile::Mode::Merge) {
            QJsonObject settingsObject;
            for (const ConfigSetting &s : f.settings)
                settingsObject.insert(s.key, s.value);
            o.insert(u"settings", settingsObject);
            o.insert(u"explained", settingsJson(f.settings));
        } else {
            o.insert(u"content", f.content);
        }
        if (!f.insertBefore.isEmpty())
            o.insert(u"insert_before", f.insertBefore);
        fileArray << o;
    }
    QJsonArray commandArray;
    QJsonArray commandsExplained;
    for (const ConfigCommand &c : commands) {
        commandArray << c.command;
        commandsExplained << QJsonObject {
                {QStringLiteral("command"), c.command}, {QStringLiteral("why"), c.why}};
    }
    QJsonObject relayObject;
    relayObject.insert(u"host", relay.host);
    relayObject.insert(u"port", int(relay.port));
    relayObject.insert(u"tls", relayTlsName(relay.tls));
    QJsonObject o;
    o.insert(u"mta", mta);
    o.insert(u"mta_version", JsonDocument::orNull(mtaVersion));
    o.insert(u"relay", relayObject);
    o.insert(u"files", fileArray);
    o.insert(u"commands", commandArray);
    o.insert(u"commands_explained", commandsExplained);
    o.insert(u"warnings", QJsonArray::fromStringList(warnings));
    o.insert(u"notes", QJsonArray::fromStringList(notes));
    if (!clientSettings.isEmpty())
        o.insert(u"client_settings", settingsJson(clientSettings));
    return o;
}

QString RelayConfig::toText(QStringView lang) const
{
    const RelayKnowledge &k = RelayKnowledge::builtIn();
    QString out;
    const auto comment = [&out](const QString &why) {
        for (const QString &line : why.split(u'\n'))
            out += QStringLiteral("# ") + line + u'\n';
    };
    for (const QString &w : warnings)
        out += QStringLiteral("!! ") + w + u'\n';
    if (!warnings.isEmpty())
        out += u'\n';
    for (const ConfigSetting &s : clientSettings) {
        out += s.key + QStringLiteral(": ") + s.value + u'\n';
        comment(s.why);
    }
    for (const ConfigFile &f : files) {
        // The mode's name is the JSON's; the heading says it in the reader's language.
        const bool zh = lang.startsWith(u"zh");
        out += QStringLiteral("==== %1%2%3%4%5\n")
                       .arg(f.path, zh ? QStringLiteral("（") : QStringLiteral(" ("),
                               k.text(QStringLiteral("heading.file.")
                                               + ConfigFile::modeName(f.mode),
                                       lang),
                               f.permissions.isEmpty()
                                       ? QString()
                                       : (zh ? QStringLiteral("，") : QStringLiteral(", "))
                                               + k.text(QStringLiteral("heading.file.mode"), lang,
                                                       {{QStringLiteral("mode"), f.permissions}}),
                               zh ? QStringLiteral("）") : QStringLiteral(")"));
        comment(f.why);
        for (const ConfigSetting &s : f.settings) {
            comment(s.why);
            out += f.line(s) + u'\n';
        }
        out += f.content;
        out += u'\n';
    }
    if (!commands.isEmpty())
        out += QStringLiteral("==== ") + k.text(QStringLiteral("heading.commands"), lang) + u'\n';
    for (const ConfigCommand &c : commands) {
        comment(c.why);
        out += c.command + u'\n';
    }
    if (!notes.isEmpty())
        out += QStringLiteral("\n==== ") + k.text(QStringLiteral("heading.notes"), lang) + u'\n';
    for (const QString &n : notes)
        out += QStringLiteral("- ") + n + u'\n';
    return out;
}

} // namespace bd

namespace bd {

RelayConfig RelayConfig::masked() const
{
    RelayConfig copy = *this;
    copy.secret.clear();
    if (secret.isEmpty())
        return copy;
    const QString dots = QStringLiteral("••••••••");
    for (ConfigFile &f : copy.files) {
        if (!f.holdsSecret)
            continue;
        f.content.replace(secret, dots);
        f.content.replace(QString::fromLatin1(secret.toUtf8().toBase64()), dots);
    }
    return copy;
}

bool RelayConfig::saveTo(
        const QString &dir, QStringView lang, QStringList *written, QString *error) const
{
    const auto write = [&](const QString &name, const QByteArray &data, bool secretFile) {
        const QString path = QDir(dir).filePath(name);
        const QString problem = AtomicFile::write(path, data,
                secretFile ? std::optional(QFileDevice::ReadOwner | QFileDevice::WriteOwner)
                           : std::nullopt);
        if (!problem.isEmpty()) {
            *error = QStringLiteral("%1: %2").arg(path, problem);
            return false;
        }
        if (written)
            *written << path;
        return true;
    };
    for (const ConfigFile &f : files) {
        QString name = QFileInfo(f.path).fileName();
        QString data = f.content;
        if (f.mode == ConfigFile::Mode::Merge) {
            name += QStringLiteral(".smarthost");
            for (const ConfigSetting &s : f.settings)
                data += f.line(s) + u'\n';
        } else if (f.mode == ConfigFile::Mode::Append) {
            name += QStringLiteral(".append");
        }
        if (!write(name, data.toUtf8(), f.holdsSecret))
            return false;
    }
    return write(QStringLiteral("README.txt"), masked().toText(lang).toUtf8(), false);
}

} // namespace bd
