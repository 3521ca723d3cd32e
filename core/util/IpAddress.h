// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "util/Language.h"

#include <QHostAddress>
#include <QString>

#include <optional>

namespace bd {

// An address as a user means it: QHostAddress also takes "1.2.3" and "01.2.3.4", but a typed
// IPv4 address is four decimal octets. An IPv4-mapped IPv6 address ("::ffff:192.0.2.1", as
// dual-stack logs print it) is the IPv4 address it carries.
std::optional<QHostAddress> parseIpAddress(const QString &text);

// An address range as a user writes it, "113.98.228.8/29"; nullopt for anything else.
std::optional<QPair<QHostAddress, int>> parseAddressRange(const QString &text);

// Why a receiving mail server can never see `ip` as the sender (a private, loopback,
// link-local, multicast ... address), as one sentence in `lang`; empty for an address a
// receiver can see. `publicShown`, when given, is the public address the bounces name.
QString unseenAddressProblem(
        const QHostAddress &ip, Language lang, const QString &publicShown = {});

} // namespace bd
