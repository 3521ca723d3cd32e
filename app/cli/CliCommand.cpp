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
        // Qt's usage line names the binary by its full path and leaves out the subcommand.
        QString text = parser.helpText();
        const QString binary = QCoreApplication::arguments().value(0);
        const qsizetype at = binary.isEmpty() ? -1 : text.indexOf(binary);
        if (at >= 0 && at < text.indexOf(u'\n'))
            text.replace(at, binary.size(),
                    QStringLiteral("bounce-doctor-cli ") + QString::fromLatin1(m_name));
        m_out << text;
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
    auto range = parseAddressRange(value);
    if (!range)
        *problem = QStringLiteral("--assignment: '%1' is not an address range such as "
                                  "113.98.228.8/29")
                           .arg(value);
    return range;
}

} // namespace bd
