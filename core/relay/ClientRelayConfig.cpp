// SPDX-License-Identifier: GPL-3.0-or-later
#include "relay/RelayConfigBuilder.h"

namespace bd {

// A mail program on a desktop: the fields of its outgoing server dialog.
bool clientRelayConfig(RelayConfigBuilder &b, QString *)
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

} // namespace bd
