// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QJsonObject>

namespace bd::JsonDocument {

// A document of the CLI contract: {"schema":1,"tool":"bounce-doctor","version":...} plus `body`.
QJsonObject envelope(const QJsonObject &body = {});
QByteArray serialize(const QJsonObject &document);

} // namespace bd::JsonDocument
