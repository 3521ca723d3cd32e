// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/CliApplication.h"

#include "AppInfo.h"
#include "Localization.h"
#include "cli/CheckIpCommand.h"
#include "cli/ClassifyCommand.h"
#include "cli/DiagnoseCommand.h"
#include "cli/LetterCommand.h"
#include "cli/RelayConfigCommand.h"
#include "cli/RelayTestCommand.h"

#include <QCoreApplication>
#include <QTextStream>

namespace bd {
namespace {

template<class Command>
int runCommand(QTextStream &out, QTextStream &err, const QStringList &arguments)
{
    return Command(out, err).run(arguments);
}

struct Subcommand
{
    const char *name;
    const char *summary;
    int (*run)(QTextStream &, QTextStream &, const QStringList &);
};

// The contract's subcommands.
constexpr Subcommand subcommandTable[] = {
        {"classify", QT_TRANSLATE_NOOP("bd::CliApplication", "read bounces and say what they mean"),
                &runCommand<ClassifyCommand>},
        {"check-ip", QT_TRANSLATE_NOOP("bd::CliApplication", "what the world sees of a sending IP"),
                &runCommand<CheckIpCommand>},
        {"relay-test", QT_TRANSLATE_NOOP("bd::CliApplication", "can this server relay for me"),
                &runCommand<RelayTestCommand>},
        {"relay-config",
                QT_TRANSLATE_NOOP(
                        "bd::CliApplication", "settings that make an MTA send through a smarthost"),
                &runCommand<RelayConfigCommand>},
        {"letter",
                QT_TRANSLATE_NOOP(
                        "bd::CliApplication", "draft the request that gets the block lifted"),
                &runCommand<LetterCommand>},
        {"diagnose", QT_TRANSLATE_NOOP("bd::CliApplication", "the wizard's whole walk, unattended"),
                &runCommand<DiagnoseCommand>},
};

// The value of --lang as the command will read it, before any parser has run.
QString languageAsked(const QStringList &args)
{
    for (qsizetype i = 0; i < args.size(); ++i) {
        if (args.at(i) == u"--")
            break;
        if (args.at(i) == u"--lang" && i + 1 < args.size())
            return args.at(i + 1);
        if (args.at(i).startsWith(u"--lang="))
            return args.at(i).mid(7);
    }
    return {};
}

} // namespace

CliApplication::CliApplication(QTextStream &out, QTextStream &err)
    : m_out(out)
    , m_err(err)
{
}

QStringList CliApplication::subcommands()
{
    QStringList names;
    for (const Subcommand &s : subcommandTable)
        names << QString::fromLatin1(s.name);
    return names;
}

int CliApplication::usageError(const QString &message)
{
    m_err << "bounce-doctor-cli: " << message << Qt::endl;
    return ExitUsage;
}

void CliApplication::printHelp()
{
    m_out << QCoreApplication::translate("bd::CliApplication",
            "Usage: bounce-doctor-cli SUBCOMMAND [OPTIONS] [ARGS]\n\n"
            "Find out why outgoing mail bounces and what to do about it.\n\n"
            "Subcommands:\n");
    for (const Subcommand &s : subcommandTable) {
        m_out << "  " << QString::fromLatin1(s.name).leftJustified(14)
              << QCoreApplication::translate("bd::CliApplication", s.summary) << '\n';
    }
    m_out << QCoreApplication::translate("bd::CliApplication",
            "\nGlobal options:\n"
            "  -h, --help     show this help, or a subcommand's help after its name\n"
            "  -v, --version  show the version\n\n"
            "Exit codes: 0 done, 2 usage error, 3 input could not be read,\n"
            "4 every network operation failed.\n");
    m_out.flush();
}

int CliApplication::run(const QStringList &arguments)
{
    // arguments[0] is the program name.
    const QStringList args = arguments.mid(1);
    // The help and the option texts are built before a command parses its line, so the
    // translator goes in first: from --lang if given, else from the locale. A command that
    // runs installs its own --lang again (English by default, as the contract says).
    Localization::install(Localization::resolveLanguage(languageAsked(args)));
    if (args.isEmpty()) {
        printHelp();
        return usageError(QStringLiteral("a subcommand is required (one of: %1)")
                                  .arg(subcommands().join(QStringLiteral(", "))));
    }
    const QString &first = args.first();
    if (first == u"-h" || first == u"--help" || first == u"help") {
        printHelp();
        return ExitOk;
    }
    if (first == u"-v" || first == u"--version") {
        m_out << "bounce-doctor-cli " << AppInfo::version << Qt::endl;
        return ExitOk;
    }
    if (first.startsWith(u'-'))
        return usageError(QStringLiteral("unknown option '%1' before the subcommand").arg(first));

    for (const Subcommand &s : subcommandTable) {
        if (first != QLatin1StringView(s.name))
            continue;
        return s.run(m_out, m_err, QStringList {arguments.first() + u' ' + first} + args.mid(1));
    }
    return usageError(QStringLiteral("unknown subcommand '%1' (one of: %2)")
                              .arg(first, subcommands().join(QStringLiteral(", "))));
}

} // namespace bd
