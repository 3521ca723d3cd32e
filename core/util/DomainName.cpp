// SPDX-License-Identifier: GPL-3.0-or-later
#include "util/DomainName.h"

#include "util/BuiltInData.h"

#include <QJsonArray>
#include <QSet>
#include <QStringList>

namespace bd {

QString registrableDomain(const QString &host)
{
    static const QSet<QString> twoLevelSuffixes = [] {
        QSet<QString> set;
        const QJsonArray table = builtInJson(QStringLiteral(":/data/rdns.json"))
                                         .value(u"two_level_suffixes")
                                         .toArray();
        for (const QJsonValue &v : table)
            set.insert(v.toString());
        return set;
    }();
    QString name = host.trimmed().toLower();
    if (name.endsWith(u'.'))
        name.chop(1);
    const QStringList labels = name.split(u'.', Qt::SkipEmptyParts);
    if (labels.size() <= 2)
        return labels.join(u'.');
    const QString lastTwo = labels.at(labels.size() - 2) + u'.' + labels.last();
    const qsizetype keep = twoLevelSuffixes.contains(lastTwo) ? 3 : 2;
    return labels.mid(labels.size() - keep).join(u'.');
}

} // namespace bd
