// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace bd {

enum class DnsType : quint16 { A = 1, NS = 2, CNAME = 5, PTR = 12, MX = 15, TXT = 16, AAAA = 28 };

QString dnsTypeName(DnsType type);

// One answer record, its data already decoded: an address for A/AAAA, a name for
// PTR/CNAME/NS/MX (MX adds the preference), the joined character-strings for TXT.
struct DnsRecord
{
    QString name;
    DnsType type = DnsType::A;
    quint32 ttl = 0;
    QString data;
    quint16 preference = 0;
};

// A DNS message read from the wire (RFC 1035), defensively: names are decompressed with a hop
// limit, every length is checked, and anything malformed yields nullopt rather than a guess.
struct DnsMessage
{
    quint16 id = 0;
    bool isResponse = false;
    bool truncated = false;
    int rcode = 0; // 0 NOERROR, 2 SERVFAIL, 3 NXDOMAIN, 5 REFUSED, ...
    QString questionName;
    quint16 questionType = 0;
    QList<DnsRecord> answers;

    static std::optional<DnsMessage> parse(QByteArrayView wire);

    // A query for `name`/`type` with recursion desired (used by tests and tools that speak DNS).
    static QByteArray query(quint16 id, const QString &name, DnsType type);
    // Appends `name` in wire format (no compression).
    static bool appendName(QByteArray &out, const QString &name);
};

} // namespace bd
