// SPDX-License-Identifier: GPL-3.0-or-later
// Renders every wizard page, in English and Chinese, at a desktop and a small window size, into
// PNG files for the README and for looking at what we built: `cmake --build build --target
// screenshots` (runs on the offscreen platform unless QT_QPA_PLATFORM says otherwise).
#include "Localization.h"
#include "gui/AppSettings.h"
#include "gui/BounceWizard.h"
#include "gui/BouncesPage.h"
#include "gui/IpPage.h"

#include <QApplication>
#include <QDir>
#include <QPushButton>
#include <QTableWidget>
#include <QTest>
#include <QTranslator>

#include <cstdio>

namespace {

void shoot(const QString &lang, const QSize &size, const QString &outDir)
{
    for (QTranslator *t : QCoreApplication::instance()->findChildren<QTranslator *>()) {
        QCoreApplication::removeTranslator(t);
        delete t;
    }
    bd::Localization::install(lang);
    bd::BounceWizard wizard;
    wizard.setLanguage(lang);
    wizard.resize(size);
    wizard.show();
    if (!QTest::qWaitForWindowExposed(&wizard))
        std::fprintf(stderr, "window not exposed\n");
    const QString suffix =
            QStringLiteral("%1-%2x%3").arg(lang).arg(size.width()).arg(size.height());
    wizard.grab().save(QDir(outDir).filePath(QStringLiteral("welcome-%1.png").arg(suffix)));
    wizard.next();
    wizard.bouncesPage()->loadSample();
    auto *table = wizard.findChild<QTableWidget *>(QStringLiteral("recipientTable"));
    for (int i = 0; i < 100 && table->rowCount() == 0; ++i)
        QTest::qWait(50);
    QTest::qWait(50);
    wizard.grab().save(QDir(outDir).filePath(QStringLiteral("bounces-%1.png").arg(suffix)));
    if (!bd::AppSettings::load().dnsServer.isEmpty()) {
        wizard.next();
        wizard.findChild<QPushButton *>(QStringLiteral("checkButton"))->click();
        for (int i = 0; i < 200 && !wizard.ipPage()->isComplete(); ++i)
            QTest::qWait(50);
        wizard.grab().save(QDir(outDir).filePath(QStringLiteral("ip-%1.png").arg(suffix)));
    }
    std::printf("%s\n", qPrintable(suffix));
}

} // namespace

int main(int argc, char *argv[])
{
    // Offscreen unless told otherwise: QT_QPA_PLATFORM=xcb renders on a (virtual) X server.
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QString outDir =
            argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral("docs/screenshots");
    QDir().mkpath(outDir);
    // A DNS server to check the sample's IP against (a loopback one for reproducible pictures).
    QCoreApplication::setOrganizationName(QStringLiteral("Bounce Doctor Screenshots"));
    bd::AppSettings settings;
    settings.dnsServer = argc > 2 ? QString::fromLocal8Bit(argv[2]) : QString();
    settings.timeoutMs = 1500;
    settings.rdapBase = argc > 3 ? QString::fromLocal8Bit(argv[3]) : QString();
    settings.ownerLookup = argc > 3;
    settings.abusix = false;
    settings.save();
    for (const QString &lang : {QStringLiteral("en"), QStringLiteral("zh_CN")}) {
        shoot(lang, QSize(1280, 800), outDir);
        shoot(lang, QSize(720, 540), outDir);
    }
    return 0;
}
