// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui/BounceWizard.h"

#include "gui/BouncesPage.h"
#include "gui/DiagnosisPage.h"
#include "gui/IpPage.h"
#include "gui/LettersPage.h"
#include "gui/SettingsDialog.h"
#include "gui/SmarthostPage.h"
#include "gui/SummaryPage.h"
#include "gui/WelcomePage.h"

#include <QAbstractButton>
#include <QCloseEvent>
#include <QIcon>
#include <QSettings>

namespace bd {

BounceWizard::BounceWizard(QWidget *parent)
    : QWizard(parent)
    , m_bouncesPage(new BouncesPage(this))
    , m_ipPage(new IpPage(m_bouncesPage, this))
    , m_smarthostPage(new SmarthostPage(this))
    , m_lettersPage(new LettersPage(m_bouncesPage, m_ipPage, this))
    , m_diagnosisPage(new DiagnosisPage(m_bouncesPage, m_ipPage, this))
    , m_summaryPage(new SummaryPage(m_diagnosisPage, m_smarthostPage, this))
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
    setPage(PageSmarthost, m_smarthostPage);
    setPage(PageLetters, m_lettersPage);
    setPage(PageSummary, m_summaryPage);
    setOption(QWizard::HaveCustomButton1);
    setButtonText(QWizard::CustomButton1, tr("&Settings…"));
    button(QWizard::CustomButton1)->setObjectName(QStringLiteral("settingsButton"));
    setButtonLayout({QWizard::CustomButton1, QWizard::Stretch, QWizard::BackButton,
            QWizard::NextButton, QWizard::FinishButton, QWizard::CancelButton});
    connect(this, &QWizard::customButtonClicked, this, [this](int which) {
        if (which == QWizard::CustomButton1)
            showSettings();
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
}

BounceWizard::~BounceWizard() = default;

void BounceWizard::setLanguage(const QString &lang)
{
    m_bouncesPage->setLanguage(lang);
    m_ipPage->setLanguage(lang);
    m_smarthostPage->setLanguage(lang);
    m_lettersPage->setLanguage(lang);
    m_diagnosisPage->setLanguage(lang);
}

void BounceWizard::showSettings()
{
    SettingsDialog dialog(AppSettings::load(), this);
    dialog.exec();
}

void BounceWizard::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    QWizard::closeEvent(event);
}

} // namespace bd
