// SPDX-License-Identifier: GPL-3.0-or-later
#include "relay/RelayConfigBuilder.h"

namespace bd {

// Postfix: relayhost "[host]:port" (brackets: no MX lookup), SASL that allows PLAIN/LOGIN only
// inside TLS, and a sasl_passwd key that is exactly the relayhost string, which is what the
// smtp client looks up (smtp_sasl_glue.c); a key without the port silently sends no AUTH.
bool postfixRelayConfig(RelayConfigBuilder &b, QString *error)
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

} // namespace bd
