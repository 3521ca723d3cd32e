// SPDX-License-Identifier: GPL-3.0-or-later
#include "relay/RelayOutcome.h"

#include <algorithm>
#include <array>
#include <utility>

namespace bd {
namespace {

constexpr std::array results {
        std::pair {RelayResult::Ok, QStringView(u"ok")},
        std::pair {RelayResult::ConnectFailed, QStringView(u"connect-failed")},
        std::pair {RelayResult::BannerRejected, QStringView(u"banner-rejected")},
        std::pair {RelayResult::EhloRejected, QStringView(u"ehlo-rejected")},
        std::pair {RelayResult::TlsFailed, QStringView(u"tls-failed")},
        std::pair {RelayResult::TlsUnavailable, QStringView(u"tls-unavailable")},
        std::pair {RelayResult::AuthUnavailable, QStringView(u"auth-unavailable")},
        std::pair {RelayResult::AuthFailed, QStringView(u"auth-failed")},
        std::pair {RelayResult::MailRejected, QStringView(u"mail-rejected")},
        std::pair {RelayResult::RcptRejected, QStringView(u"rcpt-rejected")},
        std::pair {RelayResult::Timeout, QStringView(u"timeout")},
        std::pair {RelayResult::ProtocolError, QStringView(u"protocol-error")},
        std::pair {RelayResult::Cancelled, QStringView(u"cancelled")},
};

constexpr std::array steps {
        std::pair {RelayStep::None, QStringView(u"")},
        std::pair {RelayStep::Resolve, QStringView(u"resolve")},
        std::pair {RelayStep::Connect, QStringView(u"connect")},
        std::pair {RelayStep::Banner, QStringView(u"banner")},
        std::pair {RelayStep::Ehlo, QStringView(u"ehlo")},
        std::pair {RelayStep::StartTls, QStringView(u"starttls")},
        std::pair {RelayStep::Tls, QStringView(u"tls")},
        std::pair {RelayStep::Auth, QStringView(u"auth")},
        std::pair {RelayStep::Mail, QStringView(u"mail")},
        std::pair {RelayStep::Rcpt, QStringView(u"rcpt")},
        std::pair {RelayStep::Quit, QStringView(u"quit")},
};

template<typename Table, typename Enum> QString idOf(const Table &table, Enum value)
{
    const auto it = std::find_if(
            table.begin(), table.end(), [value](const auto &p) { return p.first == value; });
    return it == table.end() ? QString() : it->second.toString();
}

template<typename Table>
auto valueOf(const Table &table, QStringView id)
        -> std::optional<typename Table::value_type::first_type>
{
    const auto it = std::find_if(
            table.begin(), table.end(), [id](const auto &p) { return p.second == id; });
    if (it == table.end())
        return std::nullopt;
    return it->first;
}

template<typename Table> auto valuesOf(const Table &table)
{
    QList<typename Table::value_type::first_type> values;
    for (const auto &p : table)
        values << p.first;
    return values;
}

} // namespace

QList<RelayResult> allRelayResults()
{
    return valuesOf(results);
}

QList<RelayStep> allRelaySteps()
{
    QList<RelayStep> all = valuesOf(steps);
    all.removeAll(RelayStep::None);
    return all;
}

QString relayResultId(RelayResult result)
{
    return idOf(results, result);
}

std::optional<RelayResult> relayResultFromId(QStringView id)
{
    return valueOf(results, id);
}

QString relayStepId(RelayStep step)
{
    return idOf(steps, step);
}

std::optional<RelayStep> relayStepFromId(QStringView id)
{
    return valueOf(steps, id);
}

} // namespace bd
