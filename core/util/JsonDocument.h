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

// The contract wants null, not "", for an unknown scalar.
QJsonValue orNull(const QString &s);
// The strings of a JSON array; anything else reads as no strings.
QStringList strings(const QJsonValue &array);

} // namespace bd::JsonDocument
