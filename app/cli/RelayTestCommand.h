// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QStringList>

class QTextStream;

namespace bd {

// `bounce-doctor-cli relay-test [--json] --host H [--port P] [--tls none|starttls|implicit]
//  [--user U (--password-env VAR | --password-file F)] [--from ADDR] [--to ADDR] [--helo NAME]
//  [--ca-file F] [--insecure] [--allow-plaintext-auth] [--dns H[:P]] [--timeout-ms N]`
class RelayTestCommand
{
    Q_DECLARE_TR_FUNCTIONS(bd::RelayTestCommand)
public:
    RelayTestCommand(QTextStream &out, QTextStream &err);
    int run(const QStringList &arguments);

private:
    int usage(const QString &message);

    QTextStream &m_out;
    QTextStream &m_err;
};

} // namespace bd
