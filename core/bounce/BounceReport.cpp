// SPDX-License-Identifier: GPL-3.0-or-later
#include "bounce/BounceReport.h"

#include "util/JsonDocument.h"

#include <QJsonArray>

#include <array>
#include <charconv>
#include <cstring>

namespace bd {
namespace {

using JsonDocument::orNull;

constexpr std::array categoryIds {
        u"dynamic-ip",
        u"ip-blocklist",
        u"ip-reputation",
        u"missing-ptr",
        u"authentication",
        u"content-spam",
        u"rate-limit",
        u"relay-denied",
        u"recipient-unknown",
        u"mailbox-full",
        u"domain-not-found",
        u"message-too-large",
        u"network",
        u"policy",
        u"other",
};

} // namespace

QString categoryId(BounceCategory category)
{
    return QStringView(categoryIds[static_cast<size_t>(category)]).toString();
}

std::optional<BounceCategory> categoryFromId(QStringView id)
{
    for (size_t i = 0; i < categoryIds.size(); ++i) {
        if (id == QStringView(categoryIds[i]))
            return static_cast<BounceCategory>(i);
    }
    return std::nullopt;
}

QList<BounceCategory> allCategories()
{
    QList<BounceCategory> all;
    for (size_t i = 0; i < categoryIds.size(); ++i)
        all << static_cast<BounceCategory>(i);
    return all;
}

bool isIpProblem(BounceCategory category)
{
    switch (category) {
    case BounceCategory::DynamicIp:
    case BounceCategory::IpBlocklist:
    case BounceCategory::IpReputation:
    case BounceCategory::MissingPtr:
        return true;
    default:
        return false;
    }
}

QJsonObject RecipientReport::toJson() const
{
    QJsonObject o;
    o.insert(u"recipient", orNull(recipient));
    o.insert(u"action", orNull(action));
    o.insert(u"status", orNull(status));
    o.insert(u"reply_code", replyCode ? QJsonValue(*replyCode) : QJsonValue(QJsonValue::Null));
    o.insert(u"remote_host", orNull(remoteHost));
    o.insert(u"remote_ip", orNull(remoteIp));
    o.insert(u"smtp_command", orNull(smtpCommand));
    o.insert(u"diagnostic", orNull(diagnostic));
    o.insert(u"category", categoryId(category));
    o.insert(u"listing", orNull(listing));
    o.insert(u"listing_name", orNull(listingName));
    o.insert(u"blocked_ip", orNull(blockedIp));
    o.insert(u"blocked_ip_masked", blockedIpMasked);
    o.insert(u"permanent", permanent);
    o.insert(u"lookup_urls", QJsonArray::fromStringList(lookupUrls));
    o.insert(u"delist_url", orNull(delistUrl));
    o.insert(u"explanation", orNull(explanation));
    o.insert(u"evidence", QJsonArray::fromStringList(evidence));
    o.insert(u"matched_by", matchedBy);
    return o;
}

QJsonObject ListingMention::toJson() const
{
    QJsonObject o;
    o.insert(u"listing", listing);
    o.insert(u"ip", orNull(ip));
    o.insert(u"ip_masked", ipMasked);
    o.insert(u"evidence", evidence);
    return o;
}

QJsonObject MessageReport::toJson() const
{
    QJsonObject o;
    o.insert(u"source", source);
    o.insert(u"is_bounce", isBounce);
    o.insert(u"reporting_mta", orNull(reportingMta));
    o.insert(u"subject", orNull(subject));
    o.insert(u"from", orNull(from));
    o.insert(u"date", orNull(date));
    QJsonArray rcpts;
    for (const RecipientReport &r : recipients)
        rcpts.append(r.toJson());
    o.insert(u"recipients", rcpts);
    QJsonArray mentioned;
    for (const ListingMention &m : mentions)
        mentioned.append(m.toJson());
    o.insert(u"mentions", mentioned);
    o.insert(u"note", orNull(note));
    o.insert(u"truncated", truncated);
    return o;
}

namespace {

// Written in one step: a report has a dozen keys and each append() has its own checks.
void key(QByteArray &out, QByteArrayView name, bool first = false)
{
    const qsizetype at = out.size();
    out.resize(at + name.size() + (first ? 3 : 4));
    char *p = out.data() + at;
    if (!first)
        *p++ = ',';
    *p++ = '"';
    std::memcpy(p, name.data(), size_t(name.size()));
    p += name.size();
    *p++ = '"';
    *p = ':';
}

// Each item's own appendJson(), comma-separated, in brackets.
template<typename List> void objects(QByteArray &out, const List &items)
{
    out.append('[');
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (i > 0)
            out.append(',');
        items[i].appendJson(out);
    }
    out.append(']');
}

void boolean(QByteArray &out, bool value)
{
    out.append(value ? QByteArrayView("true") : QByteArrayView("false"));
}

} // namespace

void RecipientReport::appendJson(QByteArray &out) const
{
    using namespace JsonDocument;
    out.append('{');
    key(out, "action", true);
    appendStringOrNull(out, action);
    key(out, "blocked_ip");
    appendStringOrNull(out, blockedIp);
    key(out, "blocked_ip_masked");
    boolean(out, blockedIpMasked);
    key(out, "category");
    appendString(out, QStringView(categoryIds[static_cast<size_t>(category)]));
    key(out, "delist_url");
    appendStringOrNull(out, delistUrl);
    key(out, "diagnostic");
    appendStringOrNull(out, diagnostic);
    key(out, "evidence");
    appendStringArray(out, evidence);
    key(out, "explanation");
    appendStringOrNull(out, explanation);
    key(out, "listing");
    appendStringOrNull(out, listing);
    key(out, "listing_name");
    appendStringOrNull(out, listingName);
    key(out, "lookup_urls");
    appendStringArray(out, lookupUrls);
    key(out, "matched_by");
    appendString(out, matchedBy);
    key(out, "permanent");
    boolean(out, permanent);
    key(out, "recipient");
    appendStringOrNull(out, recipient);
    key(out, "remote_host");
    appendStringOrNull(out, remoteHost);
    key(out, "remote_ip");
    appendStringOrNull(out, remoteIp);
    key(out, "reply_code");
    if (replyCode) {
        char digits[12];
        const auto end = std::to_chars(digits, digits + sizeof digits, *replyCode).ptr;
        out.append(digits, end - digits);
    } else
        out.append("null", 4);
    key(out, "smtp_command");
    appendStringOrNull(out, smtpCommand);
    key(out, "status");
    appendStringOrNull(out, status);
    out.append('}');
}

void ListingMention::appendJson(QByteArray &out) const
{
    using namespace JsonDocument;
    out.append('{');
    key(out, "evidence", true);
    appendString(out, evidence);
    key(out, "ip");
    appendStringOrNull(out, ip);
    key(out, "ip_masked");
    boolean(out, ipMasked);
    key(out, "listing");
    appendString(out, listing);
    out.append('}');
}

void MessageReport::appendJson(QByteArray &out) const
{
    using namespace JsonDocument;
    out.append('{');
    key(out, "date", true);
    appendStringOrNull(out, date);
    key(out, "from");
    appendStringOrNull(out, from);
    key(out, "is_bounce");
    boolean(out, isBounce);
    key(out, "mentions");
    objects(out, mentions);
    key(out, "note");
    appendStringOrNull(out, note);
    key(out, "recipients");
    objects(out, recipients);
    key(out, "reporting_mta");
    appendStringOrNull(out, reportingMta);
    key(out, "source");
    appendString(out, source);
    key(out, "subject");
    appendStringOrNull(out, subject);
    key(out, "truncated");
    boolean(out, truncated);
    out.append('}');
}

} // namespace bd
