// SPDX-License-Identifier: GPL-3.0-or-later
#include "owner/OwnerResult.h"

#include "util/JsonDocument.h"

#include <QJsonArray>

namespace bd {

using JsonDocument::orNull;
using JsonDocument::strings;

QJsonObject OwnerResult::toJson() const
{
    QJsonObject o;
    o.insert(u"source", orNull(source));
    o.insert(u"registry", orNull(registry));
    o.insert(u"org", orNull(org));
    o.insert(u"netname", orNull(netname));
    o.insert(u"range", orNull(range));
    o.insert(u"country", orNull(country));
    o.insert(u"static_hint", orNull(staticHint));
    o.insert(u"static_evidence", orNull(staticEvidence));
    QJsonArray contactsJson;
    for (const OwnerContact &c : contacts)
        contactsJson.append(QJsonObject {{QStringLiteral("email"), c.email},
                {QStringLiteral("role"), c.role}, {QStringLiteral("source"), c.source}});
    QJsonArray rejectedJson;
    for (const RejectedContact &r : rejected)
        rejectedJson.append(
                QJsonObject {{QStringLiteral("email"), r.email}, {QStringLiteral("why"), r.why}});
    o.insert(u"abuse_emails", QJsonArray::fromStringList(abuseEmails));
    o.insert(u"noc_emails", QJsonArray::fromStringList(nocEmails));
    o.insert(u"contacts", contactsJson);
    o.insert(u"rejected", rejectedJson);
    o.insert(u"queried", QJsonArray::fromStringList(queried));
    o.insert(u"notes", QJsonArray::fromStringList(notes));
    o.insert(u"whois_raw", orNull(whoisRaw));
    return o;
}

OwnerResult OwnerResult::fromJson(const QJsonObject &o)
{
    OwnerResult r;
    r.source = o.value(u"source").toString();
    r.registry = o.value(u"registry").toString();
    r.org = o.value(u"org").toString();
    r.netname = o.value(u"netname").toString();
    r.range = o.value(u"range").toString();
    r.country = o.value(u"country").toString();
    r.staticHint = o.value(u"static_hint").toString();
    r.staticEvidence = o.value(u"static_evidence").toString();
    r.abuseEmails = strings(o.value(u"abuse_emails"));
    r.nocEmails = strings(o.value(u"noc_emails"));
    for (const QJsonValue &v : o.value(u"contacts").toArray()) {
        const QJsonObject c = v.toObject();
        r.contacts << OwnerContact {c.value(u"email").toString(), c.value(u"role").toString(),
                c.value(u"source").toString()};
    }
    for (const QJsonValue &v : o.value(u"rejected").toArray()) {
        const QJsonObject c = v.toObject();
        r.rejected << RejectedContact {c.value(u"email").toString(), c.value(u"why").toString()};
    }
    r.queried = strings(o.value(u"queried"));
    r.notes = strings(o.value(u"notes"));
    r.whoisRaw = o.value(u"whois_raw").toString();
    return r;
}

} // namespace bd
