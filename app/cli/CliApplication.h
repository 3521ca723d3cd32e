// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

class QTextStream;

namespace bd {

// Exit codes of the CLI contract (docs/cli.md).
enum ExitCode : int {
    ExitOk = 0,
    ExitUsage = 2,
    ExitUnreadableInput = 3,
    ExitNetworkFailed = 4,
};

// Dispatches `bounce-doctor-cli SUBCOMMAND ...` to the command objects. Output goes to `out`
// (stdout), messages to `err` (stderr), never the other way round.
class CliApplication
{
public:
    CliApplication(QTextStream &out, QTextStream &err);
    int run(const QStringList &arguments);

    static QStringList subcommands();

private:
    int usageError(const QString &message);
    void printHelp();

    QTextStream &m_out;
    QTextStream &m_err;
};

} // namespace bd
