// SPDX-License-Identifier: GPL-3.0-or-later
#include "util/BuiltInData.h"

#include <QFile>
#include <QJsonDocument>

namespace bd {

QByteArray builtInData(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("Bounce Doctor: built-in table %s is missing", qPrintable(path));
    return f.readAll();
}

QJsonObject builtInJson(const QString &path)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(builtInData(path), &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("Bounce Doctor: %s: %s", qPrintable(path), qPrintable(error.errorString()));
    return doc.object();
}

} // namespace bd
