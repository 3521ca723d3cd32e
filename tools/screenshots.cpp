// SPDX-License-Identifier: GPL-3.0-or-later
// Renders every wizard page, in English and Chinese, at a desktop and a small window size, into
// PNG files for the README and for looking at what we built: `cmake --build build --target
// screenshots` (runs on the offscreen platform unless QT_QPA_PLATFORM says otherwise).
#include "Localization.h"
#include "gui/AppSettings.h"
#include "gui/BounceWizard.h"
#include "gui/BouncesPage.h"
#include "gui/ConfigCheckPage.h"
#include "gui/IpPage.h"
#include "gui/LettersPage.h"
#include "gui/SmarthostPage.h"

#include "../tests/support/RealMessages.h"

#include <QApplication>
#include <QComboBox>
#include <QDialog>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QPalette>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStyle>
#include <QTableWidget>
#include <QTest>

#include <cstdio>

namespace {

// BD_SCREENSHOT_THEME=dark: Fusion with a dark palette, as a desktop in dark mode gives it.
QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x2b, 0x2b, 0x2e), base(0x1e, 0x1e, 0x20), text(0xe6, 0xe6, 0xe6);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::ToolTipBase, base);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::red);
    p.setColor(QPalette::Link, QColor(0x6c, 0xb4, 0xff));
    p.setColor(QPalette::LinkVisited, QColor(0xb4, 0x9c, 0xff));
    p.setColor(QPalette::Highlight, QColor(0x2a, 0x82, 0xda));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::PlaceholderText, QColor(0x90, 0x90, 0x90));
    p.setColor(QPalette::Mid, QColor(0x50, 0x50, 0x55));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x80, 0x80, 0x80));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x80, 0x80, 0x80));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x80, 0x80, 0x80));
    return p;
}

void shoot(bd::Language lang, const QSize &size, const QString &outDir, const QString &relay)
{
    bd::Localization::install(lang);
    QDir(bd::BounceWizard::autosaveDir()).removeRecursively(); // every picture: a fresh walk
    bd::BounceWizard wizard;
    wizard.setLanguage(lang);
    wizard.resize(size);
    wizard.show();
    if (!QTest::qWaitForWindowExposed(&wizard))
        std::fprintf(stderr, "window not exposed\n");
    // BD_SCREENSHOT_VARIANT names a rendering beside the plain one, e.g. "dark" or "2x".
    const QString variant = qEnvironmentVariable("BD_SCREENSHOT_VARIANT");
    const QString suffix = QStringLiteral("%1-%2x%3")
                                   .arg(bd::languageCode(lang))
                                   .arg(size.width())
                                   .arg(size.height())
            + (variant.isEmpty() ? QString() : u'-' + variant);
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
        wizard.next();
        QTest::qWait(50);
        wizard.grab().save(QDir(outDir).filePath(QStringLiteral("diagnosis-%1.png").arg(suffix)));
        wizard.next();
        // iRedMail 0.8.7's own settings, as postconf -n shows them.
        wizard.configCheckPage()->setConfigText(
                QStringLiteral("myhostname = mail.example.com\nmydomain = "
                               "example.com\nsmtp_tls_security_level = may\n"
                               "smtp_tls_CAfile = $smtpd_tls_CAfile\ncontent_filter = "
                               "smtp-amavis:[127.0.0.1]:10024\n"
                               "smtpd_tls_auth_only = yes\n"));
        QTest::qWait(50);
        wizard.grab().save(QDir(outDir).filePath(QStringLiteral("configcheck-%1.png").arg(suffix)));
    }
    // The seed admin's case: iRedMail 0.8.x on Debian 7 (Postfix 2.9), the ISP's relay on 587.
    wizard.setStartId(bd::BounceWizard::PageSmarthost);
    wizard.restart();
    wizard.findChild<QComboBox *>(QStringLiteral("mtaChoice"))->setCurrentIndex(1);
    wizard.findChild<QLineEdit *>(QStringLiteral("mtaVersion"))->setText(QStringLiteral("2.9"));
    wizard.findChild<QLineEdit *>(QStringLiteral("relayHost"))
            ->setText(QStringLiteral("smtp.isp.example"));
    wizard.findChild<QSpinBox *>(QStringLiteral("relayPort"))->setValue(587);
    wizard.findChild<QLineEdit *>(QStringLiteral("relayUser"))
            ->setText(QStringLiteral("postmaster@example.com"));
    wizard.findChild<QLineEdit *>(QStringLiteral("relayPassword"))
            ->setText(QStringLiteral("not-shown"));
    wizard.smarthostPage()->regenerate();
    QTest::qWait(50);
    wizard.grab().save(QDir(outDir).filePath(QStringLiteral("smarthost-%1.png").arg(suffix)));
    if (!relay.isEmpty()) {
        // A loopback relay with a self-made certificate: the test shows what happens then.
        wizard.findChild<QLineEdit *>(QStringLiteral("relayHost"))
                ->setText(relay.section(u':', 0, 0));
        wizard.findChild<QComboBox *>(QStringLiteral("relayTls"))->setCurrentIndex(0);
        wizard.findChild<QSpinBox *>(QStringLiteral("relayPort"))
                ->setValue(relay.section(u':', 1).toInt());
        QSignalSpy done(wizard.smarthostPage(), &bd::SmarthostPage::testFinished);
        wizard.findChild<QPushButton *>(QStringLiteral("testRelayButton"))->click();
        done.wait(20000);
        QTest::qWait(50);
        wizard.grab().save(QDir(outDir).filePath(QStringLiteral("relaytest-%1.png").arg(suffix)));
    }
    // The letter to the ISP, drafted from the sample bounce and the IP check above.
    wizard.setStartId(bd::BounceWizard::PageLetters);
    wizard.restart();
    wizard.findChild<QLineEdit *>(QStringLiteral("letterName"))->setText(QStringLiteral("Li Wei"));
    wizard.findChild<QLineEdit *>(QStringLiteral("letterFrom"))
            ->setText(QStringLiteral("postmaster@example.com"));
    wizard.lettersPage()->redraft();
    QTest::qWait(50);
    wizard.grab().save(QDir(outDir).filePath(QStringLiteral("letters-%1.png").arg(suffix)));
    wizard.next();
    QTest::qWait(50);
    wizard.grab().save(QDir(outDir).filePath(QStringLiteral("summary-%1.png").arg(suffix)));
    std::printf("%s\n", qPrintable(suffix));
}

} // namespace

// The states around reading: a 40 MB mailbox of real bounces being read, the note on the
// failed recipients left out of the table, and the offer of sessions closed windows left.
void shootReading(bd::Language lang, const QString &outDir)
{
    bd::Localization::install(lang);
    QDir(bd::BounceWizard::autosaveDir()).removeRecursively();
    // Left by versions with one autosave for all windows; it would be restored.
    QFile::remove(
            QFileInfo(bd::BounceWizard::autosaveDir()).path() + QStringLiteral("/autosave.json"));
    const QString mbox = QDir::temp().filePath(QStringLiteral("bd-screenshot.mbox"));
    if (!QFileInfo::exists(mbox)) {
        QFile f(mbox);
        if (f.open(QIODevice::WriteOnly))
            f.write(RealMessages::mbox(RealMessages::all(QStringLiteral(
                                               BD_SOURCE_DIR "/tests/data/pastes/message.txt")),
                    40 << 20));
    }
    const QString suffix = bd::languageCode(lang) + QStringLiteral("-1280x800");
    {
        bd::BounceWizard wizard;
        wizard.setLanguage(lang);
        wizard.resize(1280, 800);
        wizard.show();
        if (!QTest::qWaitForWindowExposed(&wizard))
            std::fprintf(stderr, "window not exposed\n");
        wizard.next();
        QSignalSpy done(wizard.bouncesPage(), &bd::BouncesPage::classified);
        wizard.bouncesPage()->openFiles({mbox});
        auto *table = wizard.findChild<QTableWidget *>(QStringLiteral("recipientTable"));
        for (int i = 0; i < 400 && table->rowCount() < 500 && done.isEmpty(); ++i)
            QTest::qWait(10);
        wizard.grab().save(QDir(outDir).filePath(QStringLiteral("reading-%1.png").arg(suffix)));
        if (done.isEmpty())
            done.wait(300000);
        QTest::qWait(50);
        wizard.grab().save(QDir(outDir).filePath(QStringLiteral("leftout-%1.png").arg(suffix)));
    }
    // Two windows closed: one with the pasted sample, one with the mailbox.
    QDir().mkpath(bd::BounceWizard::autosaveDir());
    QFile sample(QStringLiteral(":/samples/trend-micro-dul.txt"));
    sample.open(QIODevice::ReadOnly);
    const QList<QPair<QString, QJsonObject>> left {
            {QStringLiteral("pasted"), {{u"bounce_text"_qs, QString::fromUtf8(sample.readAll())}}},
            {QStringLiteral("mailbox"), {{u"bounce_files"_qs, QJsonArray {mbox}}}}};
    for (const auto &[id, fields] : left) {
        QJsonObject session = fields;
        session.insert(u"schema", 1);
        session.insert(u"tool", u"bounce-doctor"_qs);
        QFile f(bd::BounceWizard::autosaveDir() + u'/' + id + QStringLiteral(".json"));
        if (f.open(QIODevice::WriteOnly))
            f.write(QJsonDocument(session).toJson());
    }
    // The mailbox's window was killed while it restored it.
    QFile(bd::BounceWizard::autosaveDir() + QStringLiteral("/mailbox.restoring"))
            .open(QIODevice::WriteOnly);
    bd::BounceWizard wizard;
    wizard.setLanguage(lang);
    wizard.resize(1280, 800);
    wizard.show();
    if (!QTest::qWaitForWindowExposed(&wizard))
        std::fprintf(stderr, "window not exposed\n");
    QDialog *offer = nullptr;
    for (int i = 0; i < 100 && !offer; ++i) {
        QTest::qWait(20);
        offer = wizard.findChild<QDialog *>(QStringLiteral("leftSessionsDialog"));
    }
    if (!offer)
        return;
    QTest::qWait(50);
    offer->grab().save(QDir(outDir).filePath(QStringLiteral("restore-offer-%1.png").arg(suffix)));
    offer->close();
}

int main(int argc, char *argv[])
{
    // Offscreen unless told otherwise: QT_QPA_PLATFORM=xcb renders on a (virtual) X server.
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    if (qEnvironmentVariable("BD_SCREENSHOT_THEME") == u"dark") {
        QApplication::setStyle(QStringLiteral("Fusion"));
        QApplication::setPalette(darkPalette());
    }
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
    // A relay to test (HOST:PORT, STARTTLS), e.g. tests/support/smtp_relay_server.py.
    const QString relay = argc > 4 ? QString::fromLocal8Bit(argv[4]) : QString();
    for (const bd::Language lang : {bd::Language::English, bd::Language::SimplifiedChinese}) {
        if (qEnvironmentVariableIsEmpty("BD_SCREENSHOT_VARIANT"))
            shootReading(lang, outDir);
        shoot(lang, QSize(1280, 800), outDir, relay);
        if (qEnvironmentVariableIsEmpty("BD_SCREENSHOT_VARIANT"))
            shoot(lang, QSize(720, 540), outDir, relay);
    }
    return 0;
}
