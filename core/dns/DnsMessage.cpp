// SPDX-License-Identifier: GPL-3.0-or-later
#include "dns/DnsMessage.h"

#include <QHostAddress>

namespace bd {
namespace {

quint16 be16(QByteArrayView b, qsizetype at)
{
    return quint16((quint8(b[at]) << 8) | quint8(b[at + 1]));
}

quint32 be32(QByteArrayView b, qsizetype at)
{
    return (quint32(be16(b, at)) << 16) | be16(b, at + 2);
}

// Reads a possibly compressed name at `pos`; `next` receives the offset after it in the
// uncompressed stream. Loops and overlong names fail.
std::optional<QString> readName(QByteArrayView wire, qsizetype pos, qsizetype *next)
{
    QString name;
    qsizetype cursor = pos;
    bool jumped = false;
    int hops = 0;
    int length = 0;
    for (;;) {
        if (cursor >= wire.size())
            return std::nullopt;
        const quint8 len = quint8(wire[cursor]);
        if ((len & 0xC0) == 0xC0) {
            if (cursor + 1 >= wire.size() || ++hops > 32)
                return std::nullopt;
            if (!jumped && next)
                *next = cursor + 2;
            jumped = true;
            cursor = ((len & 0x3F) << 8) | quint8(wire[cursor + 1]);
            continue;
        }
        if (len & 0xC0)
            return std::nullopt; // reserved label types
        if (len == 0) {
            if (!jumped && next)
                *next = cursor + 1;
            break;
        }
        if (cursor + 1 + len > wire.size() || (length += len + 1) > 255)
            return std::nullopt;
        if (!name.isEmpty())
            name += u'.';
        name += QString::fromLatin1(wire.sliced(cursor + 1, len)).toLower();
        cursor += 1 + len;
    }
    return name;
}

} // namespace

QString dnsTypeName(DnsType type)
{
    switch (type) {
    case DnsType::A:
        return QStringLiteral("A");
    case DnsType::NS:
        return QStringLiteral("NS");
    case DnsType::CNAME:
        return QStringLiteral("CNAME");
    case DnsType::PTR:
        return QStringLiteral("PTR");
    case DnsType::MX:
        return QStringLiteral("MX");
    case DnsType::TXT:
        return QStringLiteral("TXT");
    case DnsType::AAAA:
        return QStringLiteral("AAAA");
    }
    return QString::number(quint16(type));
}

std::optional<DnsMessage> DnsMessage::parse(QByteArrayView wire)
{
    if (wire.size() < 12)
        return std::nullopt;
    DnsMessage m;
    m.id = be16(wire, 0);
    const quint16 flags = be16(wire, 2);
    m.isResponse = flags & 0x8000;
    m.truncated = flags & 0x0200;
    m.rcode = flags & 0x000F;
    const int qdcount = be16(wire, 4);
    const int ancount = be16(wire, 6);
    qsizetype pos = 12;
    for (int i = 0; i < qdcount; ++i) {
        qsizetype next = 0;
        const auto name = readName(wire, pos, &next);
        if (!name || next + 4 > wire.size())
            return std::nullopt;
        if (i == 0) {
            m.questionName = *name;
            m.questionType = be16(wire, next);
        }
        pos = next + 4;
    }
    for (int i = 0; i < ancount; ++i) {
        qsizetype next = 0;
        const auto owner = readName(wire, pos, &next);
        if (!owner || next + 10 > wire.size())
            return std::nullopt;
        const quint16 type = be16(wire, next);
        const quint32 ttl = be32(wire, next + 4);
        const quint16 rdlength = be16(wire, next + 8);
        const qsizetype rdata = next + 10;
        if (rdata + rdlength > wire.size())
            return std::nullopt;
        pos = rdata + rdlength;
        DnsRecord r;
        r.name = *owner;
        r.type = DnsType(type);
        r.ttl = ttl;
        switch (DnsType(type)) {
        case DnsType::A:
            if (rdlength != 4)
                return std::nullopt;
            r.data = QHostAddress(be32(wire, rdata)).toString();
            break;
        case DnsType::AAAA: {
            if (rdlength != 16)
                return std::nullopt;
            Q_IPV6ADDR bytes;
            for (int k = 0; k < 16; ++k)
                bytes[k] = quint8(wire[rdata + k]);
            r.data = QHostAddress(bytes).toString();
            break;
        }
        case DnsType::PTR:
        case DnsType::CNAME:
        case DnsType::NS: {
            const auto target = readName(wire, rdata, nullptr);
            if (!target)
                return std::nullopt;
            r.data = *target;
            break;
        }
        case DnsType::MX: {
            if (rdlength < 3)
                return std::nullopt;
            r.preference = be16(wire, rdata);
            const auto target = readName(wire, rdata + 2, nullptr);
            if (!target)
                return std::nullopt;
            r.data = *target;
            break;
        }
        case DnsType::TXT: {
            // A TXT record is one or more character-strings; together they are one text.
            QByteArray text;
            qsizetype p = rdata;
            while (p < rdata + rdlength) {
                const quint8 len = quint8(wire[p]);
                if (p + 1 + len > rdata + rdlength)
                    return std::nullopt;
                text += wire.sliced(p + 1, len);
                p += 1 + len;
            }
            r.data = QString::fromUtf8(text);
            break;
        }
        default:
            continue; // types we do not use (RRSIG, OPT, ...) are skipped
        }
        m.answers << r;
    }
    return m;
}

bool DnsMessage::appendName(QByteArray &out, const QString &name)
{
    const QByteArray ascii = name.toLatin1();
    if (ascii.size() > 253)
        return false;
    for (const QByteArray &label : ascii.split('.')) {
        if (label.isEmpty())
            continue;
        if (label.size() > 63)
            return false;
        out.append(char(label.size()));
        out.append(label);
    }
    out.append('\0');
    return true;
}

QByteArray DnsMessage::query(quint16 id, const QString &name, DnsType type)
{
    QByteArray q;
    q.append(char(id >> 8)).append(char(id & 0xFF));
    q.append('\x01').append('\x00'); // RD
    q.append('\x00').append('\x01'); // QDCOUNT 1
    q.append(6, '\0');
    appendName(q, name);
    q.append(char(quint16(type) >> 8)).append(char(quint16(type) & 0xFF));
    q.append('\x00').append('\x01'); // IN
    return q;
}

} // namespace bd
