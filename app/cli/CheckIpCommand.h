// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QStringList>

class QTextStream;

namespace bd {

// `bounce-doctor-cli check-ip [--json] [--dns H[:P]] [--helo NAME] [--domain D] [--no-dnsbl]
//  [--dnsbl ZONE,...] [--no-owner] [--whois-server H[:P]] [--rdap-base URL] [--timeout-ms N] IP
//  ...`
class CheckIpCommand
{
    Q_DECLARE_TR_FUNCTIONS(bd::CheckIpCommand)
public:
    CheckIpCommand(QTextStream &out, QTextStream &err);
    int run(const QStringList &arguments);

private:
    int usage(const QString &message);

    QTextStream &m_out;
    QTextStream &m_err;
};

} // namespace bd
