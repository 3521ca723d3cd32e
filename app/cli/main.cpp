// SPDX-License-Identifier: GPL-3.0-or-later
#include "AppInfo.h"
#include "cli/CliApplication.h"
#include "cli/LetterCommand.h"
#include "cli/TerminalSafeDevice.h"

#include <QCoreApplication>
#include <QGuiApplication>
#include <QTextStream>

#include <cstdio>
#include <memory>

int main(int argc, char *argv[])
{
    // PDF needs fonts, which need a QGuiApplication; headless, on the offscreen platform.
    QStringList raw;
    for (int i = 0; i < argc; ++i)
        raw << QString::fromLocal8Bit(argv[i]);
    std::unique_ptr<QCoreApplication> app;
    if (bd::LetterCommand::needsGui(raw)) {
        if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        app = std::make_unique<QGuiApplication>(argc, argv);
    } else {
        app = std::make_unique<QCoreApplication>(argc, argv);
    }
    QCoreApplication::setApplicationName(QStringLiteral("bounce-doctor-cli"));
    QCoreApplication::setOrganizationName(QString::fromLatin1(bd::AppInfo::organization));
    QCoreApplication::setApplicationVersion(QString::fromLatin1(bd::AppInfo::version));
    bd::TerminalSafeDevice safeOut(stdout);
    bd::TerminalSafeDevice safeErr(stderr);
    QTextStream out(&safeOut);
    QTextStream err(&safeErr);
    bd::CliApplication cli(out, err);
    const int code = cli.run(QCoreApplication::arguments());
    out.flush();
    err.flush();
    return code;
}
