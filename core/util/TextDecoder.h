// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

namespace bd::TextDecoder {

// Decodes bytes declared to be in `charset`. Unknown or missing charsets fall back to UTF-8
// when the bytes are valid UTF-8, else to windows-1252, so nothing is ever dropped.
QString decode(QByteArrayView bytes, QByteArrayView charset);

// True when `bytes` is well-formed UTF-8.
bool isValidUtf8(QByteArrayView bytes);

QByteArray decodeQuotedPrintable(QByteArrayView encoded);
QByteArray decodeBase64(QByteArrayView encoded);

// RFC 2047 encoded words in a header value ("=?GB2312?B?...?="), with the rest decoded as
// UTF-8 or windows-1252.
QString decodeHeader(QByteArrayView value);

// Readable text from an HTML body (tags dropped, block elements turned into line breaks,
// entities decoded). Good enough for NDRs; not a renderer.
QString htmlToText(QStringView html);

} // namespace bd::TextDecoder
