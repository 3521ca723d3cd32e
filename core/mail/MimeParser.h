// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QVarLengthArray>

namespace bd {

// A header field as it stands in the block it was read from: most fields of a message are never
// read, so none is copied or unfolded until someone asks for it.
struct MimeHeader
{
    QByteArrayView name; // as written
    QByteArrayView rawValue; // after the colon, folded lines still folded, RFC 2047 still encoded
    // False when the parser saw the value on one line: value() then need not look for a line
    // break. True (look) for fields built by hand.
    bool mayBeFolded = true;

    // ASCII case-insensitive. The sizes and the first letters (but for their 0x20 bit, which
    // is all that case changes) are compared here, inline: nearly every field a lookup passes
    // is some other one.
    bool is(QByteArrayView lowerName) const
    {
        return name.size() == lowerName.size()
                && (name.isEmpty() || ((name.front() ^ lowerName.front()) & ~0x20) == 0)
                && hasName(lowerName);
    }
    // The value with each line trimmed and folded lines joined by one space. It is a view of
    // rawValue unless the field was folded; then it is built in `scratch`.
    QByteArrayView value(QByteArray &scratch) const;
    QByteArray value() const;

private:
    bool hasName(QByteArrayView lowerName) const;
};

// One node of a MIME tree. Bodies are kept raw (transfer-encoded) with LF line ends; they are
// decoded only when someone asks, because most parts of a bounce are never read. Header fields
// and bodies are views of the message that the part shares (never copies), so a part can be
// copied and outlive the QByteArray it was parsed from.
class MimePart
{
public:
    QList<MimeHeader> headers;
    QByteArrayView body;
    QList<MimePart> children;
    QByteArray mimeType = QByteArrayLiteral("text/plain"); // lower case, without parameters
    bool truncated = false; // nesting or part limits stopped the parser here

    QByteArray header(QByteArrayView name) const;
    // As header(), a view; built in `scratch` when the field was folded.
    QByteArrayView header(QByteArrayView name, QByteArray &scratch) const;
    QByteArray contentTypeParam(QByteArrayView param) const;
    bool isMultipart() const { return mimeType.startsWith("multipart/"); }
    bool isMessage() const
    {
        // As views, the sizes are compared first.
        const QByteArrayView type = mimeType;
        return type == "message/rfc822" || type == "message/global";
    }

    // The body with its transfer encoding undone: a view of the body, or of `scratch` when
    // there was an encoding to undo.
    QByteArrayView decodedBody(QByteArray &scratch) const;
    QString text() const; // decodedBody() in its charset; HTML turned into text
    QString decodedHeader(QByteArrayView name) const;
    // The message a message/rfc822 part encloses (its child), or null. Parsed here, once, when
    // MimeParser::parse() was told to leave it until asked.
    const MimePart *enclosedMessage() const;

private:
    friend struct MimePartBuilder;
    QByteArray m_storage; // what headers and body view: shared, not copied
    // A message part whose original is left until asked: its body, its depth (-1 when there
    // is none to parse) and the part budget its parse starts with; the original once parsed.
    QByteArrayView m_deferredBody;
    int m_deferredDepth = -1;
    int m_deferredBudget = 0;
    mutable QList<MimePart> m_lazyEnclosed;
    // Content-Type is read several times for each part (type, boundary, charset, report type):
    // found and unfolded once, into m_unfoldedContentType when the field was folded.
    QByteArrayView m_contentType;
    QByteArray m_unfoldedContentType;
};

namespace MimeParser {

inline constexpr int maxDepth = 24;
inline constexpr int maxParts = 2000;

// When the message a message/rfc822 part encloses (a returned original) is parsed: with the
// rest, as a child of the part, or when MimePart::enclosedMessage() first asks for it (its
// part then has no children), with the same result. A bounce reader reads the original only
// when the bounce names no recipient, and parsing it was 2 % of reading the bounces.
enum class EnclosedMessages { WithTheRest, WhenAsked };

// Parses a whole RFC 5322 message. Text without a header block (a paste) becomes a single
// text/plain part whose body is that text.
MimePart parse(QByteArray message, EnclosedMessages enclosed = EnclosedMessages::WithTheRest);

// Header fields of a block of "Name: value" lines, as views of `block`. Stops at the first
// blank line.
QList<MimeHeader> parseHeaderBlock(QByteArrayView block, qsizetype *consumed = nullptr);
// As above, into `headers` (emptied first), on the caller's stack while there are few: for a
// caller that reads block after block of a few fields each, where a list was allocated for
// each. Returns how much of `block` the fields took.
using FieldList = QVarLengthArray<MimeHeader, 16>;
qsizetype parseHeaderBlock(QByteArrayView block, FieldList &headers);

// CRLF and lone CR become LF.
QByteArray normalizeLineEndings(QByteArray data);

// Value of `param` in a structured header such as Content-Type (quotes removed).
QByteArray headerParam(QByteArrayView headerValue, QByteArrayView param);

// True when `data` starts like an RFC 5322 header block rather than pasted prose.
bool looksLikeHeaders(QByteArrayView data);

} // namespace MimeParser
} // namespace bd

// A part holds its bytes and lists by pointer, never pointers into itself: a list of parts that
// grows moves them as memory.
Q_DECLARE_TYPEINFO(bd::MimePart, Q_RELOCATABLE_TYPE);
