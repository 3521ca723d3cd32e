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

// JSON written through a pointer into `out`, which grows only when what comes next may not fit:
// a report has a dozen members, and each QByteArray::append() has its own checks. A message's
// recipients and mentions are written through the same pointer as the message itself.
class JsonCursor
{
public:
    explicit JsonCursor(QByteArray &out)
        : m_out(out)
    {
    }
    JsonCursor(const JsonCursor &) = delete;
    JsonCursor &operator=(const JsonCursor &) = delete;
    // `out` cut to what was written.
    ~JsonCursor()
    {
        if (m_at)
            m_out.resize(m_at - m_out.constData());
    }

    // At least `bytes` of room at at(): a compare, inline; growing is rare.
    char *room(qsizetype bytes)
    {
        if (m_end - m_at < bytes)
            grow(bytes);
        return m_at;
    }
    void advance(char *to) { m_at = to; }
    void put(char c)
    {
        room(1);
        *m_at++ = c;
    }

private:
    // reserve() allocates exactly what it is asked for: asked for at least half as much again,
    // a batch of reports is not reallocated for each.
    Q_DECL_COLD_FUNCTION void grow(qsizetype bytes)
    {
        const qsizetype used = m_at ? m_at - m_out.constData() : m_out.size();
        const qsizetype needed = used + bytes;
        m_out.resize(used);
        if (needed > m_out.capacity())
            m_out.reserve(qMax(needed, m_out.capacity() + m_out.capacity() / 2));
        m_out.resize(m_out.capacity());
        m_at = m_out.data() + used;
        m_end = m_out.data() + m_out.size();
    }

    QByteArray &m_out;
    char *m_at = nullptr; // where the next byte goes; null before the first
    char *m_end = nullptr;
};

// One JSON object written member by member at a cursor.
class ObjectWriter
{
public:
    explicit ObjectWriter(JsonCursor &cursor)
        : m_cursor(cursor)
    {
        m_cursor.put('{');
    }

    // `name` as a literal: its size is known when compiling.
    template<size_t N> void key(const char (&name)[N])
    {
        constexpr qsizetype length = N - 1;
        char *at = m_cursor.room(length + 4);
        if (!m_first)
            *at++ = ',';
        m_first = false;
        *at++ = '"';
        std::memcpy(at, name, size_t(length));
        at += length;
        *at++ = '"';
        *at++ = ':';
        m_cursor.advance(at);
    }
    void string(QStringView s)
    {
        m_cursor.advance(JsonDocument::writeString(
                m_cursor.room(JsonDocument::maxStringBytes(s.size())), s));
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
        char *at = m_cursor.room(12);
        m_cursor.advance(std::to_chars(at, at + 12, *value).ptr);
    }
    void strings(const QStringList &list)
    {
        m_cursor.put('[');
        for (qsizetype i = 0; i < list.size(); ++i) {
            if (i > 0)
                m_cursor.put(',');
            string(list[i]);
        }
        m_cursor.put(']');
    }
    // Each item written by `write`, comma-separated, in brackets.
    template<typename List, typename Write> void objects(const List &items, Write write)
    {
        m_cursor.put('[');
        for (qsizetype i = 0; i < items.size(); ++i) {
            if (i > 0)
                m_cursor.put(',');
            write(m_cursor, items[i]);
        }
        m_cursor.put(']');
    }
    void finish() { m_cursor.put('}'); }

private:
    template<size_t N> void literal(const char (&text)[N])
    {
        char *at = m_cursor.room(N - 1);
        std::memcpy(at, text, N - 1);
        m_cursor.advance(at + N - 1);
    }

    JsonCursor &m_cursor;
    bool m_first = true;
};

void writeRecipient(JsonCursor &cursor, const RecipientReport &r)
{
    ObjectWriter o(cursor);
    o.key("action");
    o.stringOrNull(r.action);
    o.key("blocked_ip");
    o.stringOrNull(r.blockedIp);
    o.key("blocked_ip_masked");
    o.boolean(r.blockedIpMasked);
    o.key("category");
    o.string(QStringView(categoryIds[static_cast<size_t>(r.category)]));
    o.key("delist_url");
    o.stringOrNull(r.delistUrl);
    o.key("diagnostic");
    o.stringOrNull(r.diagnostic);
    o.key("evidence");
    o.strings(r.evidence);
    o.key("explanation");
    o.stringOrNull(r.explanation);
    o.key("listing");
    o.stringOrNull(r.listing);
    o.key("listing_name");
    o.stringOrNull(r.listingName);
    o.key("lookup_urls");
    o.strings(r.lookupUrls);
    o.key("matched_by");
    o.string(r.matchedBy);
    o.key("permanent");
    o.boolean(r.permanent);
    o.key("recipient");
    o.stringOrNull(r.recipient);
    o.key("remote_host");
    o.stringOrNull(r.remoteHost);
    o.key("remote_ip");
    o.stringOrNull(r.remoteIp);
    o.key("reply_code");
    o.integerOrNull(r.replyCode);
    o.key("smtp_command");
    o.stringOrNull(r.smtpCommand);
    o.key("status");
    o.stringOrNull(r.status);
    o.finish();
}

void writeMention(JsonCursor &cursor, const ListingMention &m)
{
    ObjectWriter o(cursor);
    o.key("evidence");
    o.string(m.evidence);
    o.key("ip");
    o.stringOrNull(m.ip);
    o.key("ip_masked");
    o.boolean(m.ipMasked);
    o.key("listing");
    o.string(m.listing);
    o.finish();
}

} // namespace

void RecipientReport::appendJson(QByteArray &out) const
{
    JsonCursor cursor(out);
    writeRecipient(cursor, *this);
}

void ListingMention::appendJson(QByteArray &out) const
{
    JsonCursor cursor(out);
    writeMention(cursor, *this);
}

void MessageReport::appendJson(QByteArray &out) const
{
    JsonCursor cursor(out);
    ObjectWriter o(cursor);
    o.key("date");
    o.stringOrNull(date);
    o.key("from");
    o.stringOrNull(from);
    o.key("is_bounce");
    o.boolean(isBounce);
    o.key("mentions");
    o.objects(mentions, writeMention);
    o.key("note");
    o.stringOrNull(note);
    o.key("recipients");
    o.objects(recipients, writeRecipient);
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
