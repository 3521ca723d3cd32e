// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/CliCommand.h"
#include "util/Language.h"

#include <QCoreApplication>
#include <QStringList>

#include <optional>

namespace bd {

// `bounce-doctor-cli relay-test [--json] --host H [--port P] [--tls none|starttls|implicit]
//  [--user U (--password-env VAR | --password-file F)] [--from ADDR] [--to ADDR] [--helo NAME]
//  [--ca-file F] [--insecure] [--allow-plaintext-auth] [--dns H[:P]] [--timeout-ms N]`
// `bounce-doctor-cli relay-test [--json] --port25 HOST [--port P] [--timeout-ms N]`
class RelayTestCommand : public CliCommand
{
    Q_DECLARE_TR_FUNCTIONS(bd::RelayTestCommand)
public:
    RelayTestCommand(QTextStream &out, QTextStream &err)
        : CliCommand(out, err, "relay-test")
    {
    }
    int run(const QStringList &arguments);

private:
    int probePort25(const QString &host, const QString &portText, const QString &timeoutText,
            std::optional<Language> lang, const QString &langError, bool asJson);
};

} // namespace bd
