// SPDX-License-Identifier: GPL-3.0-or-later
#include "ipcheck/DnsblTable.h"

#include "util/BuiltInData.h"
#include "util/Localized.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace bd {
const DnsblTable &DnsblTable::builtIn()
{
    static const DnsblTable table = [] {
        QString error;
        DnsblTable t = fromJson(builtInData(QStringLiteral(":/data/dnsbl.json")), &error);
        if (!error.isEmpty())
            qFatal("Bounce Doctor: dnsbl.json is broken: %s", qPrintable(error));
        return t;
    }();
    return table;
}

DnsblTable DnsblTable::fromJson(const QByteArray &json, QString *error)
{
    DnsblTable t;
    error->clear();
    QJsonParseError pe;
    const QJsonObject root = QJsonDocument::fromJson(json, &pe).object();
    if (pe.error != QJsonParseError::NoError) {
        *error = QStringLiteral("%1 at %2").arg(pe.errorString()).arg(pe.offset);
        return t;
    }
    for (const QJsonValue &v : root.value(u"zones").toArray()) {
        const QJsonObject o = v.toObject();
        DnsblZone z;
        z.zone = o.value(u"zone").toString().toLower();
        z.names = Localized::fromJson(o.value(u"name"));
        z.name = z.names.en;
        z.listing = o.value(u"listing").toString();
        z.isDefault = o.value(u"default").toBool();
        z.ipv6 = o.value(u"ipv6").toBool();
        const QJsonObject codes = o.value(u"codes").toObject();
        for (auto it = codes.begin(); it != codes.end(); ++it) {
            const QJsonObject c = it.value().toObject();
            z.codes.insert(it.key(),
                    DnsblZone::Code {c.value(u"listing").toString(),
                            c.value(u"category").toString(), Localized::fromJson(c)});
        }
        z.refused = Localized::mapFromJson(o.value(u"refused"));
        z.lookupUrl = o.value(u"lookup_url").toString();
        z.delistUrl = o.value(u"delist_url").toString();
        z.access = Localized::fromJson(o.value(u"access"));
        if (z.zone.isEmpty() || z.name.isEmpty()) {
            *error = QStringLiteral("a zone without zone or name");
            return t;
        }
        t.m_zones << z;
    }
    t.m_genericRefused = Localized::mapFromJson(root.value(u"generic_refused"));
    t.m_notes = Localized::mapFromJson(root.value(u"notes"));
    for (const QJsonValue &v : root.value(u"not_queryable").toArray()) {
        const QJsonObject o = v.toObject();
        t.m_notQueryable << NotQueryable {o.value(u"listing").toString(),
                Localized::fromJson(o.value(u"name")), o.value(u"lookup_url").toString(),
                Localized::fromJson(o)};
    }
    return t;
}

QString DnsblTable::note(
        const QString &key, Language lang, const QString &zone, const QString &code) const
{
    return fillPlaceholders(m_notes.value(key).get(lang),
            {{QStringLiteral("zone"), zone}, {QStringLiteral("code"), code}});
}

QList<DnsblZone> DnsblTable::defaultZones() const
{
    QList<DnsblZone> out;
    for (const DnsblZone &z : m_zones) {
        if (z.isDefault)
            out << z;
    }
    return out;
}

DnsblZone DnsblTable::zone(const QString &name) const
{
    const QString lower = name.trimmed().toLower();
    for (const DnsblZone &z : m_zones) {
        if (z.zone == lower)
            return z;
    }
    DnsblZone bare;
    bare.zone = lower;
    bare.name = lower;
    bare.ipv6 = true;
    return bare;
}

} // namespace bd
