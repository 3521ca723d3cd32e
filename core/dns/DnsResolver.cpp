// SPDX-License-Identifier: GPL-3.0-or-later
#include "dns/DnsResolver.h"

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

QStringList DnsResult::values() const
{
    QStringList v;
    for (const DnsRecord &r : records)
        v << r.data;
    return v;
}

} // namespace bd
