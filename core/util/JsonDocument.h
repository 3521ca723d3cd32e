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

// Appends `s` as a JSON string, quoted and escaped exactly as QJsonDocument writes it (so
// streamed output matches a document built whole, byte for byte): the escapes \" \\ \b \f
// \n \r \t, \u00XX for other control characters, UTF-8 for the rest and \uXXXX for a lone
// surrogate.
void appendString(QByteArray &out, QStringView s);
// A string, or null when it is empty, as orNull() gives it.
void appendStringOrNull(QByteArray &out, QStringView s);
void appendStringArray(QByteArray &out, const QStringList &list);

// The contract wants null, not "", for an unknown scalar.
QJsonValue orNull(const QString &s);
// The strings of a JSON array; anything else reads as no strings.
QStringList strings(const QJsonValue &array);

} // namespace bd::JsonDocument
