// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui/AppSettings.h"

#include <QSettings>

namespace bd {

AppSettings AppSettings::load()
{
    const QSettings s;
    AppSettings a;
    a.dnsServer = s.value(QStringLiteral("network/dnsServer")).toString();
    a.timeoutMs = qBound(200, s.value(QStringLiteral("network/timeoutMs"), 5000).toInt(), 120000);
    a.dnsblZones = s.value(QStringLiteral("dnsbl/zones")).toStringList();
    a.language = s.value(QStringLiteral("language")).toString();
    return a;
}

void AppSettings::save() const
{
    QSettings s;
    s.setValue(QStringLiteral("network/dnsServer"), dnsServer);
    s.setValue(QStringLiteral("network/timeoutMs"), timeoutMs);
    s.setValue(QStringLiteral("dnsbl/zones"), dnsblZones);
    s.setValue(QStringLiteral("language"), language);
}

} // namespace bd
