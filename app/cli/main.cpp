// SPDX-License-Identifier: GPL-3.0-or-later
#include "AppInfo.h"
#include "cli/CliApplication.h"
#include "cli/TerminalSafeDevice.h"

#include <QCoreApplication>
#include <QTextStream>

int main(int argc, char *argv[])
{
    // Qt Core only: a letter's PDF is made by bounce-doctor-pdf, which links Qt Gui.
    QCoreApplication app(argc, argv);
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
