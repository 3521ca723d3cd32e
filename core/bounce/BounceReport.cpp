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

// One JSON object written member by member through a pointer into `out`, which grows only when
// a member may not fit: a report has a dozen members, and each QByteArray::append() has its own
// checks.
class ObjectWriter
{
public:
    explicit ObjectWriter(QByteArray &out)
        : m_out(out)
    {
        put('{');
    }

    // `name` as a literal: its size is known when compiling.
    template<size_t N> void key(const char (&name)[N])
    {
        constexpr qsizetype length = N - 1;
        room(length + 4);
        if (!m_first)
            *m_at++ = ',';
        m_first = false;
        *m_at++ = '"';
        std::memcpy(m_at, name, size_t(length));
        m_at += length;
        *m_at++ = '"';
        *m_at++ = ':';
    }
    void string(QStringView s)
    {
        room(JsonDocument::maxStringBytes(s.size()));
        m_at = JsonDocument::writeString(m_at, s);
    }
    void stringOrNull(QStringView s)
    {
        if (s.isEmpty())
            literal("null");
        else
            string(s);
    }
    void boolean(bool value) { value ? literal("true") : literal("false"); }
    void integerOrNull(std::optional<int> value)
    {
        if (!value) {
            literal("null");
            return;
        }
        room(12);
        m_at = std::to_chars(m_at, m_at + 12, *value).ptr;
    }
    void strings(const QStringList &list)
    {
        put('[');
        for (qsizetype i = 0; i < list.size(); ++i) {
            if (i > 0)
                put(',');
            string(list[i]);
        }
        put(']');
    }
    // Each item's own appendJson(), comma-separated, in brackets.
    template<typename List> void objects(const List &items)
    {
        QByteArray &out = release();
        out.append('[');
        for (qsizetype i = 0; i < items.size(); ++i) {
            if (i > 0)
                out.append(',');
            items[i].appendJson(out);
        }
        out.append(']');
        m_at = nullptr;
        m_end = nullptr;
    }
    // Closes the object; `out` ends where it does.
    void finish()
    {
        put('}');
        release();
    }

private:
    void put(char c)
    {
        room(1);
        *m_at++ = c;
    }
    template<size_t N> void literal(const char (&text)[N])
    {
        room(N - 1);
        std::memcpy(m_at, text, N - 1);
        m_at += N - 1;
    }
    // At least `bytes` of room at m_at: a compare, inline; growing is rare.
    void room(qsizetype bytes)
    {
        if (m_end - m_at < bytes)
            grow(bytes);
    }
    // reserve() allocates exactly what it is asked for: asked for at least half as much again,
    // a batch of reports is not reallocated for each.
    Q_DECL_COLD_FUNCTION void grow(qsizetype bytes)
    {
        const qsizetype used = m_at ? release().size() : m_out.size();
        const qsizetype needed = used + bytes;
        if (needed > m_out.capacity())
            m_out.reserve(qMax(needed, m_out.capacity() + m_out.capacity() / 2));
        m_out.resize(m_out.capacity());
        m_at = m_out.data() + used;
        m_end = m_out.data() + m_out.size();
    }
    // `out` cut to what was written, for others to append to.
    QByteArray &release()
    {
        m_out.resize(m_at - m_out.constData());
        return m_out;
    }

    QByteArray &m_out;
    char *m_at = nullptr; // where the next byte goes; null while `out` is released
    char *m_end = nullptr;
    bool m_first = true;
};

} // namespace

void RecipientReport::appendJson(QByteArray &out) const
{
    ObjectWriter o(out);
    o.key("action");
    o.stringOrNull(action);
    o.key("blocked_ip");
    o.stringOrNull(blockedIp);
    o.key("blocked_ip_masked");
    o.boolean(blockedIpMasked);
    o.key("category");
    o.string(QStringView(categoryIds[static_cast<size_t>(category)]));
    o.key("delist_url");
    o.stringOrNull(delistUrl);
    o.key("diagnostic");
    o.stringOrNull(diagnostic);
    o.key("evidence");
    o.strings(evidence);
    o.key("explanation");
    o.stringOrNull(explanation);
    o.key("listing");
    o.stringOrNull(listing);
    o.key("listing_name");
    o.stringOrNull(listingName);
    o.key("lookup_urls");
    o.strings(lookupUrls);
    o.key("matched_by");
    o.string(matchedBy);
    o.key("permanent");
    o.boolean(permanent);
    o.key("recipient");
    o.stringOrNull(recipient);
    o.key("remote_host");
    o.stringOrNull(remoteHost);
    o.key("remote_ip");
    o.stringOrNull(remoteIp);
    o.key("reply_code");
    o.integerOrNull(replyCode);
    o.key("smtp_command");
    o.stringOrNull(smtpCommand);
    o.key("status");
    o.stringOrNull(status);
    o.finish();
}

void ListingMention::appendJson(QByteArray &out) const
{
    ObjectWriter o(out);
    o.key("evidence");
    o.string(evidence);
    o.key("ip");
    o.stringOrNull(ip);
    o.key("ip_masked");
    o.boolean(ipMasked);
    o.key("listing");
    o.string(listing);
    o.finish();
}

void MessageReport::appendJson(QByteArray &out) const
{
    ObjectWriter o(out);
    o.key("date");
    o.stringOrNull(date);
    o.key("from");
    o.stringOrNull(from);
    o.key("is_bounce");
    o.boolean(isBounce);
    o.key("mentions");
    o.objects(mentions);
    o.key("note");
    o.stringOrNull(note);
    o.key("recipients");
    o.objects(recipients);
    o.key("reporting_mta");
    o.stringOrNull(reportingMta);
    o.key("source");
    o.string(source);
    o.key("subject");
    o.stringOrNull(subject);
    o.key("truncated");
    o.boolean(truncated);
    o.finish();
}

} // namespace bd
