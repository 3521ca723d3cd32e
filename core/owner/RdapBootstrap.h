// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

class QNetworkAccessManager;
class QNetworkReply;

namespace bd {

// Keeps the RDAP bootstrap fresh: the copy shipped with the program, replaced by IANA's own
// files (data.iana.org/rdap/ipv4.json, ipv6.json) once they are more than a week old. A refresh
// runs in the background for the next lookup; a failed one changes nothing.
class RdapBootstrap
{
public:
    static QString cacheDir();
    // Date of the bootstrap in use (the cache's when present, else the shipped one).
    static QDateTime currentDate();
    // Loads the cached files into the built-in knowledge if they are newer than the shipped ones.
    static void loadCache();
    // Starts a download when the bootstrap in use is older than `maxAgeDays`; returns the replies
    // (already connected to save their files) so a short-lived caller can wait for them.
    static QList<QNetworkReply *> refreshIfStale(
            QNetworkAccessManager *network, int maxAgeDays = 7);
};

} // namespace bd
