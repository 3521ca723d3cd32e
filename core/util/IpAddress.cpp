// SPDX-License-Identifier: GPL-3.0-or-later
#include "util/IpAddress.h"

#include <QRegularExpression>

namespace bd {

std::optional<QHostAddress> parseIpAddress(const QString &text)
{
    static const QRegularExpression v4(
            QStringLiteral(R"(^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$)"));
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
    return a;
}

} // namespace bd
