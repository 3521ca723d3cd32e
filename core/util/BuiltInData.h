// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace bd {

// The knowledge tables compiled into the library (resources/data, resources/letters). One that
// is missing or does not parse is a broken build, not a user's problem: stop and name it.
QByteArray builtInData(const QString &path);
QJsonObject builtInJson(const QString &path);

} // namespace bd
