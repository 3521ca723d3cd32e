// SPDX-License-Identifier: GPL-3.0-or-later
#include "relay/RelayConfigBuilder.h"

namespace bd {

// Exchange: a send connector; the password goes through Get-Credential, never into the
// script. The connector has no implicit TLS, so 465 becomes 587.
bool exchangeRelayConfig(RelayConfigBuilder &b, QString *error)
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

} // namespace bd
