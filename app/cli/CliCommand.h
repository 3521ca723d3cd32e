// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHostAddress>
#include <QString>
#include <QTextStream>

#include <optional>

class QCommandLineParser;

namespace bd {

// What every subcommand shares: stdout for results, stderr for messages, and the contract's
// one-line message "bounce-doctor-cli NAME: what went wrong" with its exit code.
class CliCommand
{
public:
    CliCommand(QTextStream &out, QTextStream &err, const char *name)
        : m_out(out)
        , m_err(err)
        , m_name(name)
    {
    }

protected:
    int fail(int code, const QString &message)
    {
        m_err << "bounce-doctor-cli " << m_name << ": " << message << Qt::endl;
        return code;
    }
    int usage(const QString &message) { return fail(2, message); }
    // --assignment's value as a range, or nullopt with `problem` set for the usage line.
    static std::optional<QPair<QHostAddress, int>> assignmentRange(
            const QString &value, QString *problem);
    // Adds -h/--help and parses `arguments`. An exit code means the command is done already:
    // its help was printed, or the line does not parse, or it has arguments where the command
    // takes none.
    enum class Arguments { None, Allowed };
    std::optional<int> parse(
            QCommandLineParser &parser, const QStringList &arguments, Arguments positional);

    QTextStream &m_out;
    QTextStream &m_err;

private:
    const char *m_name;
};

} // namespace bd
