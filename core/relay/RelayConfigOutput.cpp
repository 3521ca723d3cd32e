// SPDX-License-Identifier: GPL-3.0-or-later
// The generated configuration as the contract's JSON and as text for a person.
#include "relay/RelayConfig.h"

#include "relay/RelayKnowledge.h"
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

QString RelayConfig::toText(QStringView lang) const
{
    const RelayKnowledge &k = RelayKnowledge::builtIn();
    QString out;
    const auto comment = [&out](const QString &why) {
        for (const QString &line : why.split(u'\n'))
            out += QStringLiteral("# ") + line + u'\n';
    };
    for (const QString &w : warnings)
        out += QStringLiteral("!! ") + w + u'\n';
    if (!warnings.isEmpty())
        out += u'\n';
    for (const ConfigSetting &s : clientSettings) {
        out += s.key + QStringLiteral(": ") + s.value + u'\n';
        comment(s.why);
    }
    for (const ConfigFile &f : files) {
        // The mode's name is the JSON's; the heading says it in the reader's language.
        const bool zh = lang.startsWith(u"zh");
        out += QStringLiteral("==== %1%2%3%4%5\n")
                       .arg(f.path, zh ? QStringLiteral("（") : QStringLiteral(" ("),
                               k.text(QStringLiteral("heading.file.")
                                               + ConfigFile::modeName(f.mode),
                                       lang),
                               f.permissions.isEmpty()
                                       ? QString()
                                       : (zh ? QStringLiteral("，") : QStringLiteral(", "))
                                               + k.text(QStringLiteral("heading.file.mode"), lang,
                                                       {{QStringLiteral("mode"), f.permissions}}),
                               zh ? QStringLiteral("）") : QStringLiteral(")"));
        comment(f.why);
        for (const ConfigSetting &s : f.settings) {
            comment(s.why);
            out += f.line(s) + u'\n';
        }
        out += f.content;
        out += u'\n';
    }
    if (!commands.isEmpty())
        out += QStringLiteral("==== ") + k.text(QStringLiteral("heading.commands"), lang) + u'\n';
    for (const ConfigCommand &c : commands) {
        comment(c.why);
        out += c.command + u'\n';
    }
    if (!notes.isEmpty())
        out += QStringLiteral("\n==== ") + k.text(QStringLiteral("heading.notes"), lang) + u'\n';
    for (const QString &n : notes)
        out += QStringLiteral("- ") + n + u'\n';
    return out;
}

} // namespace bd
