// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace bd {

// How a relay test ended: the relay-test contract's `result` values (docs/cli.md), plus
// "cancelled". Inside the program the enum is used; the ids exist only in JSON and in the keys
// of relay.json's tables.
enum class RelayResult {
    Ok,
    ConnectFailed,
    BannerRejected,
    EhloRejected,
    TlsFailed,
    TlsUnavailable,
    AuthUnavailable,
    AuthFailed,
    MailRejected,
    RcptRejected,
    Timeout,
    ProtocolError,
    Cancelled,
};

// Where a relay test was: the contract's `step` values. None: before the first step.
enum class RelayStep {
    None,
    Resolve,
    Connect,
    Banner,
    Ehlo,
    StartTls,
    Tls,
    Auth,
    Mail,
    Rcpt,
    Quit
};

QString relayResultId(RelayResult result);
std::optional<RelayResult> relayResultFromId(QStringView id);
QString relayStepId(RelayStep step); // None: empty
std::optional<RelayStep> relayStepFromId(QStringView id); // empty: None
// Every value, from the id tables, so a loop over them cannot miss one added later.
QList<RelayResult> allRelayResults();
QList<RelayStep> allRelaySteps(); // without None

} // namespace bd
