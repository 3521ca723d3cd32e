// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace bd {

struct MimeHeader
{
    QByteArray name; // lower case
    QByteArray value; // unfolded, still RFC 2047 encoded
};

// One node of a MIME tree. Bodies are kept raw (transfer-encoded) with LF line ends; they are
// decoded only when someone asks, because most parts of a bounce are never read.
class MimePart
{
public:
    QList<MimeHeader> headers;
    QByteArray body;
    QList<MimePart> children;
    QByteArray mimeType = QByteArrayLiteral("text/plain"); // lower case, without parameters
    bool truncated = false; // nesting or part limits stopped the parser here

    QByteArray header(QByteArrayView name) const;
    QByteArray contentTypeParam(QByteArrayView param) const;
    bool isMultipart() const { return mimeType.startsWith("multipart/"); }
    bool isMessage() const { return mimeType == "message/rfc822" || mimeType == "message/global"; }

    QByteArray decodedBody() const; // transfer encoding undone
    QString text() const; // decodedBody() in its charset; HTML turned into text
    QString decodedHeader(QByteArrayView name) const;
};

namespace MimeParser {

inline constexpr int maxDepth = 24;
inline constexpr int maxParts = 2000;

// Parses a whole RFC 5322 message. Text without a header block (a paste) becomes a single
// text/plain part whose body is that text.
MimePart parse(QByteArray message);

// Header fields of a block of "Name: value" lines (folded lines joined). Stops at the first
// blank line.
QList<MimeHeader> parseHeaderBlock(QByteArrayView block, qsizetype *consumed = nullptr);

// CRLF and lone CR become LF.
QByteArray normalizeLineEndings(QByteArray data);

// Value of `param` in a structured header such as Content-Type (quotes removed).
QByteArray headerParam(QByteArrayView headerValue, QByteArrayView param);

// True when `data` starts like an RFC 5322 header block rather than pasted prose.
bool looksLikeHeaders(QByteArrayView data);

} // namespace MimeParser
} // namespace bd
