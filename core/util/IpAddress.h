// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHostAddress>
#include <QString>

#include <optional>

namespace bd {

// An address as a user means it: QHostAddress also takes "1.2.3" and "01.2.3.4", but a typed
// IPv4 address is four decimal octets.
std::optional<QHostAddress> parseIpAddress(const QString &text);

} // namespace bd
