// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "util/Localized.h"

#include <QHash>
#include <QList>
#include <QString>

namespace bd {

// One DNSBL zone and what its answers mean (resources/data/dnsbl.json).
struct DnsblZone
{
    struct Code
    {
        QString listing; // a sublist's id, e.g. spamhaus-pbl
        QString category;
        Localized meaning;
    };

    QString zone;
    QString name; // English, as the contract's JSON has it
    Localized names; // what a reader sees, in the reader's language
    QString listing;
    bool isDefault = false;
    bool ipv6 = false;
    QHash<QString, Code> codes;
    QHash<QString, Localized> refused; // answers that mean "this list refuses your resolver"
    QString lookupUrl;
    QString delistUrl;
    Localized access;
};

class DnsblTable
{
public:
    static const DnsblTable &builtIn();
    static DnsblTable fromJson(const QByteArray &json, QString *error);

    const QList<DnsblZone> &zones() const { return m_zones; }
    QList<DnsblZone> defaultZones() const;
    // The zone's entry, or a bare one for a zone the user named that we know nothing about.
    DnsblZone zone(const QString &name) const;
    const QHash<QString, Localized> &genericRefused() const { return m_genericRefused; }
    // What an answer means when it is not a plain listing ("notes" in dnsbl.json), with
    // {zone} and {code} filled in.
    QString note(const QString &key, Language lang, const QString &zone = {},
            const QString &code = {}) const;

    struct NotQueryable
    {
        QString listing;
        Localized name;
        QString lookupUrl;
        Localized note;
    };
    const QList<NotQueryable> &notQueryable() const { return m_notQueryable; }

private:
    QList<DnsblZone> m_zones;
    QHash<QString, Localized> m_genericRefused;
    QHash<QString, Localized> m_notes;
    QList<NotQueryable> m_notQueryable;
};

} // namespace bd
