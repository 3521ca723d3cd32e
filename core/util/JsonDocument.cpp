// SPDX-License-Identifier: GPL-3.0-or-later
#include "util/JsonDocument.h"

#include "AppInfo.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace bd::JsonDocument {

QJsonObject envelope(const QJsonObject &body)
{
    QJsonObject doc = body;
    doc.insert(u"schema", AppInfo::jsonSchema);
    doc.insert(u"tool", QStringLiteral("bounce-doctor"));
    doc.insert(u"version", QString::fromLatin1(AppInfo::version));
    return doc;
}

QByteArray serialize(const QJsonObject &document)
{
    return QJsonDocument(document).toJson(QJsonDocument::Indented);
}

QJsonValue orNull(const QString &s)
{
    return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}

QStringList strings(const QJsonValue &array)
{
    QStringList out;
    for (const QJsonValue &v : array.toArray())
        out << v.toString();
    return out;
}

} // namespace bd::JsonDocument
