// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui/BounceWizard.h"

#include "gui/BouncesPage.h"
#include "gui/ConfigCheckPage.h"
#include "gui/DiagnosisPage.h"
#include "gui/IpPage.h"
#include "gui/LettersPage.h"
#include "gui/SettingsDialog.h"
#include "gui/SmarthostPage.h"
#include "gui/SummaryPage.h"
#include "gui/WelcomePage.h"

#include <QAbstractButton>
#include <QCloseEvent>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QIcon>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMenu>
#include <QMessageBox>
#include <QSaveFile>
#include <QSettings>
#include <QStandardPaths>
#include <QTimer>

namespace bd {

BounceWizard::BounceWizard(QWidget *parent)
    : QWizard(parent)
    , m_bouncesPage(new BouncesPage(this))
    , m_ipPage(new IpPage(m_bouncesPage, this))
    , m_smarthostPage(new SmarthostPage(this))
    , m_lettersPage(new LettersPage(m_bouncesPage, m_ipPage, this))
    , m_diagnosisPage(new DiagnosisPage(m_bouncesPage, m_ipPage, this))
    , m_summaryPage(new SummaryPage(m_diagnosisPage, m_smarthostPage, this))
    , m_configCheckPage(new ConfigCheckPage(m_ipPage, this))
    , m_autosave(new QTimer(this))
{
    setObjectName(QStringLiteral("bounceWizard"));
    setWindowTitle(tr("Bounce Doctor"));
    setWizardStyle(QWizard::ModernStyle);
    setOption(QWizard::NoBackButtonOnStartPage);
    setPixmap(
            QWizard::LogoPixmap, QIcon(QStringLiteral(":/icons/bounce-doctor.png")).pixmap(48, 48));
    setPage(PageWelcome, new WelcomePage(this));
    setPage(PageBounces, m_bouncesPage);
    setPage(PageIp, m_ipPage);
    setPage(PageDiagnosis, m_diagnosisPage);
    setPage(PageConfigCheck, m_configCheckPage);
    setPage(PageSmarthost, m_smarthostPage);
    setPage(PageLetters, m_lettersPage);
    setPage(PageSummary, m_summaryPage);
    setOption(QWizard::HaveCustomButton1);
    setOption(QWizard::HaveCustomButton2);
    setButtonText(QWizard::CustomButton1, tr("&Settings…"));
    setButtonText(QWizard::CustomButton2, tr("Sessi&on…"));
    button(QWizard::CustomButton1)->setObjectName(QStringLiteral("settingsButton"));
    button(QWizard::CustomButton2)->setObjectName(QStringLiteral("sessionButton"));
    setButtonLayout(
            {QWizard::CustomButton1, QWizard::CustomButton2, QWizard::Stretch, QWizard::BackButton,
                    QWizard::NextButton, QWizard::FinishButton, QWizard::CancelButton});
    connect(this, &QWizard::customButtonClicked, this, [this](int which) {
        if (which == QWizard::CustomButton1)
            showSettings();
        else if (which == QWizard::CustomButton2)
            showSessionMenu();
    });
    setStartId(PageWelcome);
    // The way out chosen on the diagnosis page picks the letter to show first.
    connect(this, &QWizard::currentIdChanged, this, [this](int id) {
        if (id == PageLetters && m_diagnosisPage->chosenPath() == u"recipient-allowlist")
            m_lettersPage->selectKind(QStringLiteral("recipient-allowlist"));
    });
    connect(qobject_cast<WelcomePage *>(page(PageWelcome)), &WelcomePage::sampleRequested, this,
            [this] {
                next();
                m_bouncesPage->loadSample();
            });

    const QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(960, 680);

    // What was on screen when the program last stopped, crash or not, comes back.
    QFile saved(autosavePath());
    if (saved.open(QIODevice::ReadOnly)) {
        const QJsonObject session = QJsonDocument::fromJson(saved.readAll()).object();
        if (session.value(u"schema").toInt() == 1)
            restoreSession(session);
    }
    // Saved shortly after something changes, not on a clock: a large paste is written once.
    m_autosave->setSingleShot(true);
    m_autosave->setInterval(2000);
    connect(m_autosave, &QTimer::timeout, this, &BounceWizard::autosaveNow);
    const auto changed = [this] { m_autosave->start(); };
    connect(m_bouncesPage, &BouncesPage::classified, this, changed);
    connect(m_ipPage, &QWizardPage::completeChanged, this, changed);
    connect(this, &QWizard::currentIdChanged, this, &BounceWizard::autosaveNow);
}

QString BounceWizard::autosavePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
            + QStringLiteral("/autosave.json");
}

QJsonObject BounceWizard::session() const
{
    QJsonObject o;
    o.insert(u"schema", 1);
    o.insert(u"tool", QStringLiteral("bounce-doctor"));
    o.insert(u"bounce_text", m_bouncesPage->text());
    o.insert(u"bounce_files", QJsonArray::fromStringList(m_bouncesPage->files()));
    o.insert(u"ip", m_ipPage->inputs());
    o.insert(u"ip_result", m_ipPage->result());
    o.insert(u"smarthost", m_smarthostPage->fields());
    o.insert(u"path", m_diagnosisPage->chosenPath());
    o.insert(u"page", currentId());
    return o;
}

void BounceWizard::restoreSession(const QJsonObject &session)
{
    m_bouncesPage->setText(session.value(u"bounce_text").toString());
    QStringList files;
    for (const QJsonValue &f : session.value(u"bounce_files").toArray())
        files << f.toString();
    m_bouncesPage->setFiles(files);
    m_ipPage->restore(session.value(u"ip").toObject(), session.value(u"ip_result").toObject());
    m_smarthostPage->setFields(session.value(u"smarthost").toObject());
    m_diagnosisPage->choosePath(session.value(u"path").toString());
}

bool BounceWizard::saveSession(const QString &path, QString *error) const
{
    QDir().mkpath(QFileInfo(path).path());
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly)) {
        *error = f.errorString();
        return false;
    }
    f.write(QJsonDocument(session()).toJson());
    if (!f.commit()) {
        *error = f.errorString();
        return false;
    }
    return true;
}

bool BounceWizard::openSession(const QString &path, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = f.errorString();
        return false;
    }
    QJsonParseError pe;
    const QJsonObject session = QJsonDocument::fromJson(f.read(64 << 20), &pe).object();
    if (pe.error != QJsonParseError::NoError
            || session.value(u"tool").toString() != u"bounce-doctor") {
        *error = tr("%1 is not a Bounce Doctor session").arg(QDir::toNativeSeparators(path));
        return false;
    }
    restart();
    restoreSession(session);
    return true;
}

void BounceWizard::newSession()
{
    restart();
    restoreSession({});
    autosaveNow();
}

void BounceWizard::autosaveNow()
{
    m_autosave->stop();
    QString error;
    saveSession(autosavePath(), &error); // best effort: the next change tries again
}

void BounceWizard::showSessionMenu()
{
    QMenu menu(this);
    menu.addAction(tr("&New"), this, &BounceWizard::newSession);
    menu.addAction(tr("&Open…"), this, [this] {
        const QString path = QFileDialog::getOpenFileName(
                this, tr("Open a session"), QDir::homePath(), tr("Sessions (*.json)"));
        QString error;
        if (!path.isEmpty() && !openSession(path, &error))
            QMessageBox::warning(this, tr("Could not open"), error);
    });
    menu.addAction(tr("&Save as…"), this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save the session"),
                QDir::home().filePath(QStringLiteral("bounce-doctor-session.json")),
                tr("Sessions (*.json)"));
        QString error;
        if (!path.isEmpty() && !saveSession(path, &error))
            QMessageBox::warning(this, tr("Could not save"), error);
    });
    menu.exec(button(QWizard::CustomButton2)->mapToGlobal(QPoint(0, 0)));
}

BounceWizard::~BounceWizard() = default;

void BounceWizard::setLanguage(const QString &lang)
{
    m_bouncesPage->setLanguage(lang);
    m_ipPage->setLanguage(lang);
    m_smarthostPage->setLanguage(lang);
    m_lettersPage->setLanguage(lang);
    m_diagnosisPage->setLanguage(lang);
    m_configCheckPage->setLanguage(lang);
}

void BounceWizard::showSettings()
{
    SettingsDialog dialog(AppSettings::load(), this);
    dialog.exec();
}

void BounceWizard::closeEvent(QCloseEvent *event)
{
    autosaveNow();
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    QWizard::closeEvent(event);
}

} // namespace bd
