// SPDX-License-Identifier: GPL-3.0-or-later
#include "relay/RelayConfigBuilder.h"

namespace bd {

// OpenSMTPD 6.4+ grammar (action/match); 5.x-6.3 had "accept ... relay via". smtpd -n does not
// check the URL scheme, so the scheme is ours to get right.
bool openSmtpdRelayConfig(RelayConfigBuilder &b, QString *error)
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

} // namespace bd
