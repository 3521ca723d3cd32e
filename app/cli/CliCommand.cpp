// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/CliCommand.h"

#include "cli/CliApplication.h"
#include "util/IpAddress.h"

#include <QCommandLineParser>
#include <QCoreApplication>

namespace bd {

std::optional<int> CliCommand::parse(
        QCommandLineParser &parser, const QStringList &arguments, Arguments positional)
{
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
            QCoreApplication::translate("bd::CliCommand", "Show this help."));
    parser.addOption(help);
    if (!parser.parse(arguments))
        return usage(parser.errorText());
    if (parser.isSet(help)) {
        m_out << parser.helpText();
        return ExitOk;
    }
    if (positional == Arguments::None && !parser.positionalArguments().isEmpty())
        return usage(QStringLiteral("unexpected argument '%1'")
                             .arg(parser.positionalArguments().constFirst()));
    return std::nullopt;
}

std::optional<QPair<QHostAddress, int>> CliCommand::assignmentRange(
        const QString &value, QString *problem)
{
    const auto range = parseAddressRange(value);
    if (!range)
        *problem = QStringLiteral("--assignment: '%1' is not an address range such as "
                                  "113.98.228.8/29")
                           .arg(value);
    return range;
}

} // namespace bd
