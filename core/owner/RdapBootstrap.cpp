// SPDX-License-Identifier: GPL-3.0-or-later
#include "owner/RdapBootstrap.h"

#include "owner/OwnerFacts.h"
#include "util/AtomicFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QStandardPaths>

namespace bd {
namespace {

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool looksLikeBootstrap(const QByteArray &json)
{
    const QJsonObject o = QJsonDocument::fromJson(json).object();
    return !o.value(u"services").toArray().isEmpty()
            && !o.value(u"publication").toString().isEmpty();
}

} // namespace

QString RdapBootstrap::cacheDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::CacheLocation)
            + QStringLiteral("/rdap");
}

QDateTime RdapBootstrap::currentDate()
{
    const QFileInfo cached(cacheDir() + QStringLiteral("/ipv4.json"));
    QDateTime shipped = QDateTime::fromString(OwnerKnowledge::builtIn().bootstrapDate, Qt::ISODate);
    if (cached.exists() && cached.lastModified() > shipped)
        return cached.lastModified();
    return shipped;
}

void RdapBootstrap::loadCache()
{
    const QByteArray v4 = readFile(cacheDir() + QStringLiteral("/ipv4.json"));
    const QByteArray v6 = readFile(cacheDir() + QStringLiteral("/ipv6.json"));
    if (!looksLikeBootstrap(v4) || !looksLikeBootstrap(v6))
        return;
    const QDateTime shipped =
            QDateTime::fromString(OwnerKnowledge::builtIn().bootstrapDate, Qt::ISODate);
    if (QFileInfo(cacheDir() + QStringLiteral("/ipv4.json")).lastModified() > shipped)
        OwnerKnowledge::replaceBootstrap(v4, v6);
}

QList<QNetworkReply *> RdapBootstrap::refreshIfStale(QNetworkAccessManager *network, int maxAgeDays)
{
    QList<QNetworkReply *> replies;
    if (currentDate().daysTo(QDateTime::currentDateTimeUtc()) <= maxAgeDays)
        return replies;
    QDir().mkpath(cacheDir());
    for (const QString &name : {QStringLiteral("ipv4.json"), QStringLiteral("ipv6.json")}) {
        QNetworkRequest request(QUrl(QStringLiteral("https://data.iana.org/rdap/") + name));
        request.setTransferTimeout(15000);
        QNetworkReply *reply = network->get(request);
        replies << reply;
        QObject::connect(reply, &QNetworkReply::finished, reply, [reply, name] {
            reply->deleteLater();
            const QByteArray body = reply->readAll();
            if (reply->error() != QNetworkReply::NoError || !looksLikeBootstrap(body))
                return;
            // A half-written bootstrap is never read; a failed write waits for the next refresh.
            AtomicFile::write(cacheDir() + u'/' + name, body);
        });
    }
    return replies;
}

} // namespace bd
