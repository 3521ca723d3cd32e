// SPDX-License-Identifier: GPL-3.0-or-later
#include "util/Localized.h"

#include <QJsonObject>

namespace bd {

QString Localized::get(QStringView lang) const
{
    if (lang.startsWith(u"zh") && !zhCN.isEmpty())
        return zhCN;
    return en;
}

QString fillPlaceholders(QString text, const QHash<QString, QString> &values)
{
    for (auto it = values.begin(); it != values.end(); ++it)
        text.replace(u'{' + it.key() + u'}', it.value());
    return text;
}

Localized Localized::fromJson(const QJsonValue &value)
{
    if (value.isString())
        return {value.toString(), {}};
    const QJsonObject o = value.toObject();
    return {o.value(u"en").toString(), o.value(u"zh_CN").toString()};
}

QHash<QString, Localized> Localized::mapFromJson(const QJsonValue &object)
{
    QHash<QString, Localized> map;
    const QJsonObject o = object.toObject();
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (it.value().isObject())
            map.insert(it.key(), fromJson(it.value()));
    }
    return map;
}

} // namespace bd
