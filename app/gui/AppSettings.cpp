// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui/AppSettings.h"

#include <QSettings>

namespace bd {

CaresResolver::Options AppSettings::resolverOptions() const
{
    CaresResolver::Options o;
    o.timeoutMs = timeoutMs;
    QString error;
    if (!dnsServer.isEmpty()) {
        if (const auto server = DnsServer::parse(dnsServer, &error))
            o.server = *server;
    }
    return o;
}

AppSettings AppSettings::load()
{
    const QSettings s;
    AppSettings a;
    a.dnsServer = s.value(QStringLiteral("network/dnsServer")).toString();
    a.timeoutMs = qBound(200, s.value(QStringLiteral("network/timeoutMs"), 5000).toInt(), 120000);
    a.dnsblZones = s.value(QStringLiteral("dnsbl/zones")).toStringList();
    if (const QString code = s.value(QStringLiteral("language")).toString(); !code.isEmpty())
        a.language = nearestLanguage(code);
    a.ownerLookup = s.value(QStringLiteral("owner/enabled"), true).toBool();
    a.abusix = s.value(QStringLiteral("owner/abusix"), true).toBool();
    a.rdapBase = s.value(QStringLiteral("owner/rdapBase")).toString();
    a.whoisServer = s.value(QStringLiteral("owner/whoisServer")).toString();
    return a;
}

void AppSettings::save() const
{
    QSettings s;
    s.setValue(QStringLiteral("network/dnsServer"), dnsServer);
    s.setValue(QStringLiteral("network/timeoutMs"), timeoutMs);
    s.setValue(QStringLiteral("dnsbl/zones"), dnsblZones);
    s.setValue(QStringLiteral("language"), language ? languageCode(*language) : QString());
    s.setValue(QStringLiteral("owner/enabled"), ownerLookup);
    s.setValue(QStringLiteral("owner/abusix"), abusix);
    s.setValue(QStringLiteral("owner/rdapBase"), rdapBase);
    s.setValue(QStringLiteral("owner/whoisServer"), whoisServer);
}

QByteArray AppSettings::windowGeometry()
{
    return QSettings().value(QStringLiteral("window/geometry")).toByteArray();
}

void AppSettings::setWindowGeometry(const QByteArray &geometry)
{
    QSettings().setValue(QStringLiteral("window/geometry"), geometry);
}

QStringList AppSettings::recentSessions()
{
    return QSettings().value(QStringLiteral("session/recent")).toStringList();
}

void AppSettings::setRecentSessions(const QStringList &paths)
{
    QSettings().setValue(QStringLiteral("session/recent"), paths);
}

Case::Relay AppSettings::lastRelay()
{
    const QSettings s;
    Case::Relay r;
    // Version 0.1.0 kept the position in the list.
    const QString mta = s.value(QStringLiteral("smarthost/mta")).toString();
    bool position = false;
    const int index = mta.toInt(&position);
    if (const QString id = position ? Case::mtaIdAtLegacyIndex(index) : mta; !id.isEmpty())
        r.mta = id;
    r.version = s.value(QStringLiteral("smarthost/version")).toString();
    r.host = s.value(QStringLiteral("smarthost/host")).toString();
    r.port = s.value(QStringLiteral("smarthost/port"), 587).toInt();
    r.tls = s.value(QStringLiteral("smarthost/tls"), QStringLiteral("starttls")).toString();
    r.user = s.value(QStringLiteral("smarthost/user")).toString();
    return r;
}

void AppSettings::setLastRelay(const Case::Relay &relay)
{
    QSettings s;
    s.setValue(QStringLiteral("smarthost/mta"), relay.mta);
    s.setValue(QStringLiteral("smarthost/version"), relay.version);
    s.setValue(QStringLiteral("smarthost/host"), relay.host);
    s.setValue(QStringLiteral("smarthost/port"), relay.port);
    s.setValue(QStringLiteral("smarthost/tls"), relay.tls);
    s.setValue(QStringLiteral("smarthost/user"), relay.user);
}

bool AppSettings::rememberPassword()
{
    return QSettings().value(QStringLiteral("smarthost/rememberPassword"), false).toBool();
}

void AppSettings::setRememberPassword(bool remember)
{
    QSettings().setValue(QStringLiteral("smarthost/rememberPassword"), remember);
}

AppSettings::LetterSender AppSettings::letterSender()
{
    const QSettings s;
    return {s.value(QStringLiteral("letters/name")).toString(),
            s.value(QStringLiteral("letters/org")).toString(),
            s.value(QStringLiteral("letters/orgEn")).toString(),
            s.value(QStringLiteral("letters/from")).toString()};
}

void AppSettings::setLetterSender(const LetterSender &sender)
{
    QSettings s;
    s.setValue(QStringLiteral("letters/name"), sender.name);
    s.setValue(QStringLiteral("letters/org"), sender.org);
    s.setValue(QStringLiteral("letters/orgEn"), sender.orgEn);
    s.setValue(QStringLiteral("letters/from"), sender.from);
}

std::optional<Language> AppSettings::letterLanguage(const QString &kind)
{
    return languageFromCode(
            QSettings().value(QStringLiteral("letters/language/") + kind).toString());
}

void AppSettings::setLetterLanguage(const QString &kind, Language lang)
{
    QSettings().setValue(QStringLiteral("letters/language/") + kind, languageCode(lang));
}

} // namespace bd
