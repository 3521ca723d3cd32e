// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QStringList>

namespace bd::JsonDocument {

// A document of the CLI contract: {"schema":1,"tool":"bounce-doctor","version":...} plus `body`.
QJsonObject envelope(const QJsonObject &body = {});
QByteArray serialize(const QJsonObject &document);

// The most bytes writeString() writes for a string of `units` UTF-16 units: six for each,
// "\u001b", and the quotes.
constexpr qsizetype maxStringBytes(qsizetype units)
{
    return 6 * units + 2;
}
// Writes `s` as a JSON string at `out`, which has room for maxStringBytes(s.size()), and
// returns the end written: quoted and escaped exactly as QJsonDocument writes it (so streamed
// output matches a document built whole, byte for byte): the escapes \" \\ \b \f \n \r \t,
// \u00XX for other control characters, UTF-8 for the rest and \uXXXX for a lone surrogate.
char *writeString(char *out, QStringView s);

// The contract wants null, not "", for an unknown scalar.
QJsonValue orNull(const QString &s);
// The strings of a JSON array; anything else reads as no strings.
QStringList strings(const QJsonValue &array);

} // namespace bd::JsonDocument
