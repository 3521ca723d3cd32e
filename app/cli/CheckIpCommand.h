// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/CliCommand.h"
#include <QCoreApplication>

#include <QStringList>

namespace bd {

// `bounce-doctor-cli check-ip [--json] [--dns H[:P]] [--helo NAME] [--domain D] [--no-dnsbl]
//  [--dnsbl ZONE,...] [--no-owner] [--whois-server H[:P]] [--rdap-base URL] [--timeout-ms N] IP
//  ...`
class CheckIpCommand : public CliCommand
{
    Q_DECLARE_TR_FUNCTIONS(bd::CheckIpCommand)
public:
    CheckIpCommand(QTextStream &out, QTextStream &err)
        : CliCommand(out, err, "check-ip")
    {
    }
    int run(const QStringList &arguments);
};

} // namespace bd
