// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dns/CaresResolver.h"

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
    bool ownerLookup = true; // RDAP/WHOIS about the IP's owner
    bool abusix = true;
    QString rdapBase; // advanced: instead of the bootstrap's choice
    QString whoisServer; // advanced: first WHOIS hop instead of IANA

    static AppSettings load();
    // The resolver every page uses: the chosen server (a bad one reads as the system's, which
    // the settings dialog does not let through anyway) and timeout.
    CaresResolver::Options resolverOptions() const;
    void save() const;
};

} // namespace bd
