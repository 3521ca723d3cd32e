// SPDX-License-Identifier: GPL-3.0-or-later
#include "util/BuiltInData.h"

#include <QJsonDocument>
#include <QResource>

namespace bd {

QByteArray builtInData(const QString &path)
{
    // An uncompressed resource is handed out as a view of the program's own data, not a copy.
    const QResource resource(path);
    if (!resource.isValid())
        qFatal("Bounce Doctor: built-in table %s is missing", qPrintable(path));
    return resource.uncompressedData();
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
