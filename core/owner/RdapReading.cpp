// SPDX-License-Identifier: GPL-3.0-or-later
#include "owner/RdapReading.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace bd {
namespace {

// Registries nest entities a few levels deep (ARIN: abuse under registrant); a record that nests
// deeper is not describing contacts any more.
constexpr int maxEntityDepth = 4;

// jCard emails of one entity, most preferred first.
QStringList vcardEmails(const QJsonArray &vcard, QString *fn)
{
    QList<QPair<int, QString>> emails;
    for (const QJsonValue &prop : vcard.at(1).toArray()) {
        const QJsonArray p = prop.toArray();
        const QString name = p.at(0).toString();
        if (name == u"fn" && fn)
            *fn = p.at(3).toString();
        if (name != u"email")
            continue;
        const QJsonObject params = p.at(1).toObject();
        int pref = 100;
        if (params.contains(u"pref"))
            pref = params.value(u"pref").isString() ? params.value(u"pref").toString().toInt()
                                                    : params.value(u"pref").toInt();
        if (params.value(u"type").toString() == u"abuse"
                || params.value(u"type").toArray().contains(QStringLiteral("abuse")))
            pref -= 50; // an address typed "abuse" beats the entity's other ones
        const QString email = p.at(3).toString().trimmed();
        if (email.contains(u'@'))
            emails << qMakePair(pref, email.toLower());
    }
    std::stable_sort(emails.begin(), emails.end(),
            [](const auto &a, const auto &b) { return a.first < b.first; });
    QStringList out;
    for (const auto &e : std::as_const(emails))
        out << e.second;
    return out;
}

void readEntities(const QJsonArray &entities, RdapReading &r, int depth)
{
    if (depth > maxEntityDepth)
        return;
    for (const QJsonValue &v : entities) {
        const QJsonObject e = v.toObject();
        QStringList roles;
        for (const QJsonValue &role : e.value(u"roles").toArray())
            roles << role.toString();
        const QString handle = e.value(u"handle").toString();
        QString fn;
        const QStringList emails = e.contains(u"vcardArray")
                ? vcardEmails(e.value(u"vcardArray").toArray(), &fn)
                : QStringList();
        if (roles.contains(QStringLiteral("registrant")) && !fn.isEmpty() && r.facts.org.isEmpty())
            r.facts.org = fn;
        if (!e.contains(u"vcardArray") && !handle.isEmpty()) {
            for (const QJsonValue &l : e.value(u"links").toArray()) {
                if (l.toObject().value(u"rel").toString() == u"self") {
                    const QUrl url(l.toObject().value(u"href").toString());
                    if (url.isValid() && !url.isRelative())
                        r.entityLinks << RdapEntityLink {url, roles};
                    break;
                }
            }
        }
        for (const QString &email : emails) {
            for (const QString &role : {QStringLiteral("abuse"), QStringLiteral("noc"),
                         QStringLiteral("technical"), QStringLiteral("registrant")}) {
                if (roles.contains(role)) {
                    r.facts.contacts << OwnerContact {
                            email, role, QStringLiteral("rdap: %1 entity %2").arg(role, handle)};
                    break;
                }
            }
        }
        readEntities(e.value(u"entities").toArray(), r, depth + 1);
    }
}

QJsonObject objectOf(const QByteArray &body)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    return error.error == QJsonParseError::NoError ? doc.object() : QJsonObject();
}

} // namespace

RdapReading RdapReading::readNetwork(const QByteArray &body, const OwnerKnowledge &knowledge)
{
    RdapReading r;
    const QJsonObject json = objectOf(body);
    if (json.isEmpty())
        return r;
    r.valid = true;
    const QString start = json.value(u"startAddress").toString();
    const QString end = json.value(u"endAddress").toString();
    r.facts.range = start.isEmpty() ? QString() : start + QStringLiteral(" - ") + end;
    r.facts.netname = json.value(u"name").toString();
    r.facts.country = json.value(u"country").toString();
    QStringList words {r.facts.netname};
    for (const QJsonValue &remark : json.value(u"remarks").toArray()) {
        for (const QJsonValue &d : remark.toObject().value(u"description").toArray())
            words << d.toString();
    }
    setStaticHint(r.facts, words.join(u' '), knowledge);
    readEntities(json.value(u"entities").toArray(), r, 0);
    return r;
}

RdapReading RdapReading::readEntity(const QByteArray &body, const QStringList &roles)
{
    RdapReading r;
    QJsonObject json = objectOf(body);
    if (json.isEmpty())
        return r;
    r.valid = true;
    json.insert(u"roles", QJsonArray::fromStringList(roles));
    // Its own nested entities are not followed: the reference named the role that matters.
    readEntities(QJsonArray {json}, r, maxEntityDepth);
    return r;
}

} // namespace bd
