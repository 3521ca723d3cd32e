// SPDX-License-Identifier: GPL-3.0-or-later
#include "relay/RelayConfigBuilder.h"

namespace bd {

// Sendmail's m4 configuration has no client-side implicit TLS, so 465 becomes 587 with a
// warning; the access map makes TLS mandatory towards the relay before AUTH.
bool sendmailRelayConfig(RelayConfigBuilder &b, QString *error)
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

} // namespace bd
