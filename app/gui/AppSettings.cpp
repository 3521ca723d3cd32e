// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui/AppSettings.h"

#include <QSettings>

namespace bd {

CaresResolver::Options AppSettings::resolverOptions() const
{
    CaresResolver::Options o;
    o.timeoutMs = timeoutMs;
    QString error;
    if (!dnsServer.isEmpty()) {
        if (const auto server = DnsServer::parse(dnsServer, &error))
            o.server = *server;
    }
    return o;
}

AppSettings AppSettings::load()
{
    const QSettings s;
    AppSettings a;
    a.dnsServer = s.value(QStringLiteral("network/dnsServer")).toString();
    a.timeoutMs = qBound(200, s.value(QStringLiteral("network/timeoutMs"), 5000).toInt(), 120000);
    a.dnsblZones = s.value(QStringLiteral("dnsbl/zones")).toStringList();
    a.language = s.value(QStringLiteral("language")).toString();
    a.ownerLookup = s.value(QStringLiteral("owner/enabled"), true).toBool();
    a.abusix = s.value(QStringLiteral("owner/abusix"), true).toBool();
    a.rdapBase = s.value(QStringLiteral("owner/rdapBase")).toString();
    a.whoisServer = s.value(QStringLiteral("owner/whoisServer")).toString();
    return a;
}

void AppSettings::save() const
{
    QSettings s;
    s.setValue(QStringLiteral("network/dnsServer"), dnsServer);
    s.setValue(QStringLiteral("network/timeoutMs"), timeoutMs);
    s.setValue(QStringLiteral("dnsbl/zones"), dnsblZones);
    s.setValue(QStringLiteral("language"), language);
    s.setValue(QStringLiteral("owner/enabled"), ownerLookup);
    s.setValue(QStringLiteral("owner/abusix"), abusix);
    s.setValue(QStringLiteral("owner/rdapBase"), rdapBase);
    s.setValue(QStringLiteral("owner/whoisServer"), whoisServer);
}

} // namespace bd
