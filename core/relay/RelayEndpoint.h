// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <optional>

namespace bd {

// How the session to the relay is protected. StartTls upgrades a plain connection (587, 25);
// Implicit speaks TLS from the first byte (465, RFC 8314).
enum class RelayTls { None, StartTls, Implicit };

QString relayTlsName(RelayTls tls);
std::optional<RelayTls> relayTlsFromName(QStringView name);

// The ISP's smarthost as the user typed it, checked: the host is a DNS name or an IP literal
// (never anything a shell or a config file would read as more than one word), the port is real.
struct RelayEndpoint
{
    QString host; // name, IPv4, or IPv6 without brackets
    quint16 port = 587;
    RelayTls tls = RelayTls::StartTls;

    bool hostIsIpv4() const;
    bool hostIsIpv6() const;
    // "host:port" with IPv6 in brackets, as people write it.
    QString display() const;

    // HOST[:PORT] or [IPV6][:PORT]. Without a port, the TLS mode decides (465 for implicit, 587
    // for STARTTLS, 25 for none); without a mode, the port does (465 is implicit, the rest
    // STARTTLS).
    static std::optional<RelayEndpoint> parse(
            const QString &hostPort, std::optional<RelayTls> tls, QString *error);
};

bool isValidHostName(QStringView name);

// Account names and passwords end up in map files and protocol lines: refuse what would cut
// a line or a field there. `fieldSeparators` are the characters the target format splits on.
QString credentialProblem(const QString &what, const QString &value, QStringView fieldSeparators);

} // namespace bd
