// SPDX-License-Identifier: GPL-3.0-or-later
#include "AppInfo.h"
#include "Localization.h"
#include "gui/AppSettings.h"
#include "gui/BounceWizard.h"
#include "gui/BouncesPage.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("bounce-doctor"));
    QApplication::setApplicationDisplayName(QString::fromLatin1(bd::AppInfo::name));
    QApplication::setOrganizationName(QString::fromLatin1(bd::AppInfo::organization));
    QApplication::setApplicationVersion(QString::fromLatin1(bd::AppInfo::version));
    QGuiApplication::setDesktopFileName(QString::fromLatin1(bd::AppInfo::appId));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/bounce-doctor.png")));

    QCommandLineParser parser;
    parser.setApplicationDescription(
            QStringLiteral("Bounce Doctor: why does my mail bounce, and how do I fix it?"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption lang(QStringLiteral("lang"),
            QStringLiteral("Interface language: en or zh_CN."), QStringLiteral("LANG"));
    parser.addOption(lang);
    parser.addPositionalArgument(QStringLiteral("FILE"),
            QStringLiteral("Bounces to open (.eml, mbox, Maildir, text)."),
            QStringLiteral("[FILE...]"));
    parser.process(app);

    const bd::Language language =
            bd::Localization::resolveLanguage(parser.value(lang), bd::AppSettings::load().language);
    bd::Localization::install(language);

    // Bounces named on the command line get a window of their own; the sessions closed windows
    // left wait for a start without them.
    bd::BounceWizard wizard(nullptr,
            parser.positionalArguments().isEmpty() ? bd::BounceWizard::Start::RestoreLeftSessions
                                                   : bd::BounceWizard::Start::Empty);
    wizard.setLanguage(language);
    wizard.show(); // the walk starts here; next() before it does nothing
    if (!parser.positionalArguments().isEmpty()) {
        wizard.next();
        wizard.bouncesPage()->openFiles(parser.positionalArguments());
    }
    return app.exec();
}
