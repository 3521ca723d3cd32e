// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "owner/OwnerFacts.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace bd {

// A mailbox a record names that is not the ISP's abuse desk, and why.
struct RejectedContact
{
    QString email;
    QString why;
};

// What an owner lookup found: the `owner` object of the check-ip contract, typed. Empty strings
// are unknown (null in the JSON).
struct OwnerResult : OwnerRecord
{
    QString source; // "rdap", "whois", "abusix", or empty when no source answered
    QStringList abuseEmails; // ranked: the record's own first, then Abusix's
    QStringList nocEmails;
    QList<OwnerContact> contacts;
    QList<RejectedContact> rejected;
    QStringList queried;
    QStringList notes;
    QString whoisRaw;

    QJsonObject toJson() const;
    static OwnerResult fromJson(const QJsonObject &o);
};

} // namespace bd
