// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dns/CaresResolver.h"
#include "session/Case.h"
#include "util/Language.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace bd {

// The user's choices that outlive a session (QSettings). Passwords never go here. Every key
// the program keeps is named in AppSettings.cpp and nowhere else.
struct AppSettings
{
    QString dnsServer; // empty: the system's resolver
    int timeoutMs = 5000;
    QStringList dnsblZones; // empty: the built-in defaults
    std::optional<Language> language; // none: the system's
    bool ownerLookup = true; // RDAP/WHOIS about the IP's owner
    bool abusix = true;
    QString rdapBase; // advanced: instead of the bootstrap's choice
    QString whoisServer; // advanced: first WHOIS hop instead of IANA

    static AppSettings load();
    // The resolver every page uses: the chosen server (a bad one reads as the system's, which
    // the settings dialog does not let through anyway) and timeout.
    CaresResolver::Options resolverOptions() const;
    void save() const;

    // Kept as the user goes, outside the settings dialog.
    static QByteArray windowGeometry();
    static void setWindowGeometry(const QByteArray &geometry);
    static QStringList recentSessions(); // newest first, as saved (gone files included)
    static void setRecentSessions(const QStringList &paths);
    // The relay fields typed last, offered again in the next case.
    static Case::Relay lastRelay();
    static void setLastRelay(const Case::Relay &relay);
    static bool rememberPassword(); // keep the relay password in the desktop's keyring
    static void setRememberPassword(bool remember);
    // Who writes the letters.
    struct LetterSender
    {
        QString name;
        QString org;
        QString orgEn;
        QString from;
    };
    static LetterSender letterSender();
    static void setLetterSender(const LetterSender &sender);
    // The language the user picked for a kind of letter; none while none was picked.
    static std::optional<Language> letterLanguage(const QString &kind);
    static void setLetterLanguage(const QString &kind, Language lang);
};

} // namespace bd
