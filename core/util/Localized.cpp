// SPDX-License-Identifier: GPL-3.0-or-later
#include "util/Localized.h"

#include <QJsonObject>

#include <optional>

namespace bd {

QString Localized::get(Language language) const
{
    if (language == Language::SimplifiedChinese && !zhCN.isEmpty())
        return zhCN;
    return en;
}

const Punctuation &Punctuation::of(Language language)
{
    static const Punctuation chinese {QStringLiteral("："), QStringLiteral("；"),
            QStringLiteral("，"), QStringLiteral("、"), QStringLiteral("（"), QStringLiteral("）")};
    static const Punctuation latin {QStringLiteral(": "), QStringLiteral("; "),
            QStringLiteral(", "), QStringLiteral(", "), QStringLiteral(" ("), QStringLiteral(")")};
    return language == Language::SimplifiedChinese ? chinese : latin;
}

namespace {

// `value(name)` gives a placeholder's value, or null when the name is unknown.
template<typename Lookup> QString fill(const QString &text, const Lookup &value)
{
    // One pass over the text: what a value brings in ("{host}" in a relay's reply) is never read
    // as a placeholder itself.
    QString out;
    out.reserve(text.size());
    qsizetype pos = 0;
    while (pos < text.size()) {
        const qsizetype open = text.indexOf(u'{', pos);
        if (open < 0) {
            out += QStringView(text).mid(pos);
            break;
        }
        out += QStringView(text).mid(pos, open - pos);
        const qsizetype close = text.indexOf(u'}', open + 1);
        const std::optional<QStringView> v = close < 0
                ? std::nullopt
                : value(QStringView(text).sliced(open + 1, close - open - 1));
        if (!v) {
            out += u'{';
            pos = open + 1;
            continue;
        }
        out += *v;
        pos = close + 1;
    }
    return out;
}

} // namespace

QString fillPlaceholders(const QString &text, const QHash<QString, QString> &values)
{
    return fill(text, [&values](QStringView name) -> std::optional<QStringView> {
        const auto it = values.constFind(name.toString());
        return it == values.constEnd() ? std::nullopt : std::optional<QStringView>(*it);
    });
}

QString fillPlaceholders(
        const QString &text, std::initializer_list<std::pair<QStringView, QStringView>> values)
{
    return fill(text, [&values](QStringView name) -> std::optional<QStringView> {
        for (const auto &[key, value] : values) {
            if (key == name)
                return value;
        }
        return std::nullopt;
    });
}

Localized Localized::fromJson(const QJsonValue &value)
{
    if (value.isString())
        return {value.toString(), {}};
    const QJsonObject o = value.toObject();
    return {o.value(languageCode(Language::English)).toString(),
            o.value(languageCode(Language::SimplifiedChinese)).toString()};
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
