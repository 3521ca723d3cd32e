// SPDX-License-Identifier: GPL-3.0-or-later
#include "relay/RelayEndpoint.h"

#include "util/IpAddress.h"

#include <QHostAddress>
#include <QRegularExpression>

namespace bd {

QString relayTlsName(RelayTls tls)
{
    switch (tls) {
    case RelayTls::None:
        return QStringLiteral("none");
    case RelayTls::StartTls:
        return QStringLiteral("starttls");
    case RelayTls::Implicit:
        return QStringLiteral("implicit");
    }
    return {};
}

std::optional<RelayTls> relayTlsFromName(QStringView name)
{
    for (RelayTls t : {RelayTls::None, RelayTls::StartTls, RelayTls::Implicit}) {
        if (name == relayTlsName(t))
            return t;
    }
    return std::nullopt;
}

bool isValidHostName(QStringView name)
{
    // LDH labels (RFC 1123), at most 253 characters; underscores are not host names.
    static const QRegularExpression re(QStringLiteral(
            R"(\A(?=.{1,253}\.?\z)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?\z)"));
    return re.match(name).hasMatch();
}

bool RelayEndpoint::hostIsIpv4() const
{
    return parseIpAddress(host).has_value()
            && QHostAddress(host).protocol() == QAbstractSocket::IPv4Protocol;
}

bool RelayEndpoint::hostIsIpv6() const
{
    return host.contains(u':');
}

QString RelayEndpoint::display() const
{
    return (hostIsIpv6() ? u'[' + host + u']' : host) + u':' + QString::number(port);
}

std::optional<RelayEndpoint> RelayEndpoint::parse(
        const QString &hostPort, std::optional<RelayTls> tls, QString *error)
{
    const auto fail = [error](const QString &why) -> std::optional<RelayEndpoint> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    QString text = hostPort.trimmed();
    QString host;
    QString port;
    if (text.startsWith(u'[')) {
        const qsizetype close = text.indexOf(u']');
        if (close < 0)
            return fail(QStringLiteral("'%1' has no closing ']'").arg(hostPort));
        host = text.mid(1, close - 1);
        const QString rest = text.mid(close + 1);
        if (!rest.isEmpty() && !rest.startsWith(u':'))
            return fail(QStringLiteral("'%1' is not HOST[:PORT]").arg(hostPort));
        port = rest.mid(1);
        const auto ip = parseIpAddress(host);
        if (!ip)
            return fail(QStringLiteral("'%1' is not an IP address").arg(host));
    } else {
        const qsizetype colon = text.indexOf(u':');
        if (colon >= 0 && text.indexOf(u':', colon + 1) >= 0)
            return fail(QStringLiteral("write an IPv6 relay as [ADDRESS]:PORT, not '%1'")
                                .arg(hostPort));
        host = colon < 0 ? text : text.left(colon);
        port = colon < 0 ? QString() : text.mid(colon + 1);
        if (!isValidHostName(host))
            return fail(QStringLiteral("'%1' is not a host name or IPv4 address").arg(host));
        if (host.endsWith(u'.'))
            host.chop(1);
    }
    RelayEndpoint e;
    e.host = host.toLower();
    if (!port.isNull()) {
        bool ok = false;
        const int p = port.toInt(&ok);
        if (!ok || p <= 0 || p > 65535 || port.startsWith(u'+'))
            return fail(QStringLiteral("'%1' is not a port number").arg(port));
        e.port = quint16(p);
        e.tls = tls.value_or(p == 465 ? RelayTls::Implicit : RelayTls::StartTls);
    } else {
        e.tls = tls.value_or(RelayTls::StartTls);
        e.port = e.tls == RelayTls::Implicit ? 465 : e.tls == RelayTls::None ? 25 : 587;
    }
    return e;
}

QString credentialProblem(const QString &what, const QString &value, QStringView fieldSeparators)
{
    if (value.isEmpty())
        return QStringLiteral("%1 is empty").arg(what);
    if (value.size() > 512)
        return QStringLiteral("%1 is longer than 512 characters").arg(what);
    for (const QChar c : value) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            return QStringLiteral("%1 contains a control character (a line break?)").arg(what);
        if (fieldSeparators.contains(c))
            return QStringLiteral("%1 contains '%2', which this configuration format cannot hold")
                    .arg(what, c);
    }
    return {};
}

} // namespace bd
