// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace bd::TextDecoder {

// Decodes bytes declared to be in `charset`. Unknown or missing charsets fall back to UTF-8
// when the bytes are valid UTF-8, else to windows-1252, so nothing is ever dropped.
QString decode(QByteArrayView bytes, QByteArrayView charset);

// True when `bytes` is well-formed UTF-8.
bool isValidUtf8(QByteArrayView bytes);

// True when `bytes` starts with a UTF-16 or UTF-32 byte order mark, as Windows' "Unicode" text
// files do.
bool hasUnicodeBom(QByteArrayView bytes);
// Such text as UTF-8, without the mark; nullopt when there is no mark.
std::optional<QByteArray> utf8FromUnicodeBom(QByteArrayView bytes);

QByteArray decodeQuotedPrintable(QByteArrayView encoded);
QByteArray decodeBase64(QByteArrayView encoded);

// RFC 2047 encoded words in a header value ("=?GB2312?B?...?="), with the rest decoded as
// UTF-8 or windows-1252.
QString decodeHeader(QByteArrayView value);

// Readable text from an HTML body (tags dropped, block elements turned into line breaks,
// entities decoded). Good enough for NDRs; not a renderer.
QString htmlToText(QStringView html);
// The text an HTML entity stands for, by its name between '&' and ';' ("amp", "#64",
// "#x40"); a null string for a name it does not know.
QString htmlEntity(QStringView name);

} // namespace bd::TextDecoder
