// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/CliCommand.h"
#include <QCoreApplication>

#include <QStringList>

namespace bd {

// `bounce-doctor-cli relay-config [--json] --mta postfix|exim4|sendmail|opensmtpd|exchange|client
//  --relay HOST[:PORT] [--tls starttls|implicit] [--user U] [--password-env VAR | --password-file
//  F]
//  [--mta-version X.Y] [--iredmail] [--sender-domain D ...] [--domain D [--dns H[:P]]]`
class RelayConfigCommand : public CliCommand
{
    Q_DECLARE_TR_FUNCTIONS(bd::RelayConfigCommand)
public:
    RelayConfigCommand(QTextStream &out, QTextStream &err)
        : CliCommand(out, err, "relay-config")
    {
    }
    int run(const QStringList &arguments);
};

} // namespace bd
