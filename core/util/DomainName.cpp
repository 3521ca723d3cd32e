// SPDX-License-Identifier: GPL-3.0-or-later
#include "util/DomainName.h"

#include "util/BuiltInData.h"
#include "util/JsonDocument.h"

#include <QSet>
#include <QStringList>

namespace bd {

QSet<QString> twoLevelSuffixes(const QJsonObject &rdnsTable)
{
    QSet<QString> set;
    for (const QString &s : JsonDocument::strings(rdnsTable.value(u"two_level_suffixes")))
        set.insert(s.toLower());
    return set;
}

qsizetype registrableLabelCount(const QStringList &labels, const QSet<QString> &suffixes)
{
    const QString lastTwo = labels.at(labels.size() - 2) + u'.' + labels.last();
    return suffixes.contains(lastTwo) ? 3 : 2;
}

QString registrableDomain(const QString &host)
{
    static const QSet<QString> builtIn =
            twoLevelSuffixes(builtInJson(QStringLiteral(":/data/rdns.json")));
    QString name = host.trimmed().toLower();
    if (name.endsWith(u'.'))
        name.chop(1);
    const QStringList labels = name.split(u'.', Qt::SkipEmptyParts);
    if (labels.size() <= 2)
        return labels.join(u'.');
    return labels.mid(labels.size() - registrableLabelCount(labels, builtIn)).join(u'.');
}

} // namespace bd
