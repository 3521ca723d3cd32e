// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/CliCommand.h"

#include "cli/CliApplication.h"

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

} // namespace bd
