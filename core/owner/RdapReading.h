// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "owner/OwnerFacts.h"

#include <QByteArray>
#include <QList>
#include <QUrl>

namespace bd {

// An entity given only by its handle: where to fetch it and the roles it plays in the record
// that named it.
struct RdapEntityLink
{
    QUrl url;
    QStringList roles;
};

// Reads one RDAP answer (RFC 9083): an IP network with its nested entities and their jCards, or
// an entity fetched through its "self" link. Anything that is not a JSON object reads as invalid.
struct RdapReading
{
    bool valid = false;
    OwnerFacts facts;
    QList<RdapEntityLink> entityLinks;

    static RdapReading readNetwork(
            const QByteArray &body, const OwnerKnowledge &knowledge = OwnerKnowledge::builtIn());
    // `roles` come from the reference; an entity fetched on its own does not repeat them.
    static RdapReading readEntity(const QByteArray &body, const QStringList &roles);
};

} // namespace bd
