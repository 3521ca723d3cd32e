// SPDX-License-Identifier: GPL-3.0-or-later
#include "util/IpAddress.h"

#include "util/BuiltInData.h"
#include "util/Localized.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QRegularExpression>

namespace bd {
namespace {

struct SpecialRange
{
    QPair<QHostAddress, int> subnet;
    Localized kind;
};

struct AddressTable
{
    Localized sentence;
    Localized shown;
    QList<SpecialRange> ranges;
};

const AddressTable &table()
{
    static const AddressTable t = [] {
        const QJsonObject root = builtInJson(QStringLiteral(":/data/addresses.json"));
        AddressTable table;
        table.sentence = Localized::fromJson(root.value(u"sentence"));
        table.shown = Localized::fromJson(root.value(u"shown"));
        for (const QJsonValue &v : root.value(u"ranges").toArray()) {
            const QJsonObject o = v.toObject();
            table.ranges << SpecialRange {
                    QHostAddress::parseSubnet(o.value(u"cidr").toString()), Localized::fromJson(o)};
        }
        return table;
    }();
    return t;
}

} // namespace

std::optional<QHostAddress> parseIpAddress(const QString &text)
{
    static const QRegularExpression v4(
            QStringLiteral(R"(\A(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\z)"));
    const QRegularExpressionMatch m = v4.match(text);
    if (m.hasMatch()) {
        for (int i = 1; i <= 4; ++i) {
            if (m.captured(i).toInt() > 255)
                return std::nullopt;
        }
    } else if (!text.contains(u':')) {
        return std::nullopt;
    }
    QHostAddress a;
    if (!a.setAddress(text))
        return std::nullopt;
    bool mapped = false;
    const quint32 v4Address = a.toIPv4Address(&mapped);
    if (mapped && a.protocol() == QAbstractSocket::IPv6Protocol)
        return QHostAddress(v4Address);
    return a;
}

std::optional<QPair<QHostAddress, int>> parseAddressRange(const QString &text)
{
    const QPair<QHostAddress, int> subnet = QHostAddress::parseSubnet(text);
    if (subnet.first.isNull() || !text.contains(u'/'))
        return std::nullopt;
    return subnet;
}

QString unseenAddressProblem(const QHostAddress &ip, Language lang, const QString &publicShown)
{
    const AddressTable &t = table();
    for (const SpecialRange &r : t.ranges) {
        if (r.subnet.first.protocol() != ip.protocol() || !ip.isInSubnet(r.subnet))
            continue;
        const QString shown = publicShown.isEmpty()
                ? QString()
                : fillPlaceholders(t.shown.get(lang), {{QStringLiteral("public"), publicShown}});
        return fillPlaceholders(t.sentence.get(lang),
                {{QStringLiteral("ip"), ip.toString()}, {QStringLiteral("kind"), r.kind.get(lang)},
                        {QStringLiteral("shown"), shown}});
    }
    return {};
}

} // namespace bd
