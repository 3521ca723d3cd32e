// SPDX-License-Identifier: GPL-3.0-or-later
#include "relay/RelayConfigBuilder.h"

namespace bd {

// Debian's exim4: the smarthost comes from update-exim4.conf.conf ("host::port", two colons)
// and the credentials from passwd.client, which Exim matches against the relay's reverse DNS
// name, not the name configured.
bool eximRelayConfig(RelayConfigBuilder &b, QString *error)
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

} // namespace bd
