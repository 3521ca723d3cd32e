// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace bd {

// The user's choices that outlive a session (QSettings). Passwords never go here.
struct AppSettings
{
    QString dnsServer; // empty: the system's resolver
    int timeoutMs = 5000;
    QStringList dnsblZones; // empty: the built-in defaults
    QString language; // empty: the system's

    static AppSettings load();
    void save() const;
};

} // namespace bd
