// SPDX-License-Identifier: GPL-3.0-or-later
#include "relay/RelayKnowledge.h"

#include "util/BuiltInData.h"

#include <QJsonArray>
#include <QJsonObject>

namespace bd {

const RelayKnowledge &RelayKnowledge::builtIn()
{
    static const RelayKnowledge k = [] {
        const QJsonObject root = builtInJson(QStringLiteral(":/data/relay.json"));
        RelayKnowledge r;
        r.m_texts = Localized::mapFromJson(root.value(u"texts"));
        const QJsonObject versions = root.value(u"default_versions").toObject();
        for (auto it = versions.begin(); it != versions.end(); ++it)
            r.m_defaultVersions.insert(it.key(), it.value().toString());
        for (const QJsonValue &v : root.value(u"advice").toArray()) {
            const QJsonObject o = v.toObject();
            RelayAdviceRule rule;
            const QString result = o.value(u"result").toString();
            if (const auto known = relayResultFromId(result))
                rule.result = *known;
            else
                r.m_problems << QStringLiteral("advice for unknown result \"%1\"").arg(result);
            if (const QString step = o.value(u"step").toString(); !step.isEmpty()) {
                rule.step = relayStepFromId(step);
                if (!rule.step)
                    r.m_problems << QStringLiteral("advice for unknown step \"%1\"").arg(step);
            }
            for (const QJsonValue &c : o.value(u"codes").toArray())
                rule.codes << c.toInt();
            for (const QJsonValue &t : o.value(u"text_any").toArray())
                rule.textAny << t.toString().toLower();
            rule.port = o.value(u"port").toInt();
            if (o.contains(u"authenticated"))
                rule.authenticated = o.value(u"authenticated").toBool() ? 1 : 0;
            rule.advice = Localized::fromJson(o.value(u"advice"));
            r.m_advice << rule;
        }
        for (const RelayResult result : allRelayResults()) {
            const QString key = QStringLiteral("result.") + relayResultId(result);
            if (!r.m_texts.contains(key))
                r.m_problems << QStringLiteral("no text %1").arg(key);
        }
        for (const RelayStep step : allRelaySteps()) {
            const QString key = QStringLiteral("step.") + relayStepId(step);
            if (!r.m_texts.contains(key))
                r.m_problems << QStringLiteral("no text %1").arg(key);
        }
        const QJsonObject postfix = builtInJson(QStringLiteral(":/data/postfix-parameters.json"))
                                            .value(u"parameters")
                                            .toObject();
        for (auto it = postfix.begin(); it != postfix.end(); ++it)
            r.m_postfixSince.insert(it.key(), QVersionNumber::fromString(it.value().toString()));
        return r;
    }();
    return k;
}

bool RelayKnowledge::postfixHasParameter(const QString &name, const QVersionNumber &version) const
{
    const auto it = m_postfixSince.constFind(name);
    return it != m_postfixSince.cend() && (it->isNull() || *it <= version);
}

QString RelayKnowledge::text(
        const QString &key, Language lang, const QHash<QString, QString> &vars) const
{
    const auto it = m_texts.constFind(key);
    if (it == m_texts.constEnd())
        return key;
    return fillPlaceholders(it->get(lang), vars);
}

const RelayAdviceRule *RelayKnowledge::advice(RelayResult result, RelayStep step, int code,
        const QString &replyText, int port, bool authenticated) const
{
    const QString folded = replyText.toLower();
    for (const RelayAdviceRule &rule : m_advice) {
        if (rule.result != result)
            continue;
        if (rule.step && *rule.step != step)
            continue;
        if (!rule.codes.isEmpty() && !rule.codes.contains(code))
            continue;
        if (rule.port && rule.port != port)
            continue;
        if (rule.authenticated >= 0 && rule.authenticated != int(authenticated))
            continue;
        if (!rule.textAny.isEmpty()
                && std::none_of(rule.textAny.cbegin(), rule.textAny.cend(),
                        [&](const QString &t) { return folded.contains(t); }))
            continue;
        return &rule;
    }
    return nullptr;
}

} // namespace bd
