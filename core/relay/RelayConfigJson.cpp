// SPDX-License-Identifier: GPL-3.0-or-later
#include "relay/RelayConfig.h"

#include "util/JsonDocument.h"

#include <QJsonArray>

namespace bd {
namespace {

QJsonArray settingsJson(const QList<ConfigSetting> &settings)
{
    QJsonArray a;
    for (const ConfigSetting &s : settings)
        a << QJsonObject {{QStringLiteral("key"), s.key}, {QStringLiteral("value"), s.value},
                {QStringLiteral("why"), s.why}};
    return a;
}

} // namespace

QJsonObject RelayConfig::toJson() const
{
    QJsonArray fileArray;
    for (const ConfigFile &f : files) {
        QJsonObject o {{QStringLiteral("path"), f.path},
                {QStringLiteral("mode"), ConfigFile::modeName(f.mode)},
                {QStringLiteral("why"), f.why}};
        if (!f.permissions.isEmpty())
            o.insert(u"permissions", f.permissions);
        if (!f.owner.isEmpty())
            o.insert(u"owner", f.owner);
        if (f.mode == ConfigFile::Mode::Merge) {
            QJsonObject settingsObject;
            for (const ConfigSetting &s : f.settings)
                settingsObject.insert(s.key, s.value);
            o.insert(u"settings", settingsObject);
            o.insert(u"explained", settingsJson(f.settings));
        } else {
            o.insert(u"content", f.content);
        }
        if (!f.insertBefore.isEmpty())
            o.insert(u"insert_before", f.insertBefore);
        fileArray << o;
    }
    QJsonArray commandArray;
    QJsonArray commandsExplained;
    for (const ConfigCommand &c : commands) {
        commandArray << c.command;
        commandsExplained << QJsonObject {
                {QStringLiteral("command"), c.command}, {QStringLiteral("why"), c.why}};
    }
    QJsonObject relayObject;
    relayObject.insert(u"host", relay.host);
    relayObject.insert(u"port", int(relay.port));
    relayObject.insert(u"tls", relayTlsName(relay.tls));
    QJsonObject o;
    o.insert(u"mta", mta);
    o.insert(u"mta_version", JsonDocument::orNull(mtaVersion));
    o.insert(u"relay", relayObject);
    o.insert(u"files", fileArray);
    o.insert(u"commands", commandArray);
    o.insert(u"commands_explained", commandsExplained);
    o.insert(u"warnings", QJsonArray::fromStringList(warnings));
    o.insert(u"notes", QJsonArray::fromStringList(notes));
    if (!clientSettings.isEmpty())
        o.insert(u"client_settings", settingsJson(clientSettings));
    return o;
}

} // namespace bd
