// SPDX-License-Identifier: GPL-3.0-or-later
#include "dns/DnsResolver.h"

#include <QPointer>

namespace bd {

QString dnsStatusName(DnsStatus status)
{
    switch (status) {
    case DnsStatus::Answer:
        return QStringLiteral("answer");
    case DnsStatus::NxDomain:
        return QStringLiteral("nxdomain");
    case DnsStatus::NoData:
        return QStringLiteral("nodata");
    case DnsStatus::ServFail:
        return QStringLiteral("servfail");
    case DnsStatus::Refused:
        return QStringLiteral("refused");
    case DnsStatus::Timeout:
        return QStringLiteral("timeout");
    case DnsStatus::Error:
        return QStringLiteral("error");
    }
    return {};
}

QString reversedLabels(const QHostAddress &ip)
{
    if (ip.protocol() == QAbstractSocket::IPv6Protocol) {
        const Q_IPV6ADDR a = ip.toIPv6Address();
        QStringList nibbles;
        for (int i = 15; i >= 0; --i)
            nibbles << QString::number(a[i] & 0x0F, 16) << QString::number(a[i] >> 4, 16);
        return nibbles.join(u'.');
    }
    const quint32 v = ip.toIPv4Address();
    return QStringLiteral("%1.%2.%3.%4")
            .arg(v & 0xFF)
            .arg((v >> 8) & 0xFF)
            .arg((v >> 16) & 0xFF)
            .arg(v >> 24);
}

QStringList DnsResult::values() const
{
    QStringList v;
    for (const DnsRecord &r : records)
        v << r.data;
    return v;
}

void DnsResolver::lookup(
        const QString &name, DnsType type, const QObject *context, Callback callback)
{
    Q_ASSERT(context);
    startLookup(name, type,
            [guard = QPointer<const QObject>(context), callback = std::move(callback)](
                    const DnsResult &r) {
                if (guard)
                    callback(r);
            });
}

void probeRootZone(DnsResolver *resolver, const QObject *context, DnsResolver::Callback done)
{
    resolver->lookup(QStringLiteral("."), DnsType::NS, context, std::move(done));
}

} // namespace bd
