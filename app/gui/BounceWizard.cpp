// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui/BounceWizard.h"

#include "gui/BouncesPage.h"
#include "gui/WelcomePage.h"

#include <QCloseEvent>
#include <QIcon>
#include <QSettings>

namespace bd {

BounceWizard::BounceWizard(QWidget *parent)
    : QWizard(parent)
    , m_bouncesPage(new BouncesPage(this))
{
    setObjectName(QStringLiteral("bounceWizard"));
    setWindowTitle(tr("Bounce Doctor"));
    setWizardStyle(QWizard::ModernStyle);
    setOption(QWizard::NoBackButtonOnStartPage);
    setPixmap(
            QWizard::LogoPixmap, QIcon(QStringLiteral(":/icons/bounce-doctor.png")).pixmap(48, 48));
    setPage(PageWelcome, new WelcomePage(this));
    setPage(PageBounces, m_bouncesPage);
    setStartId(PageWelcome);
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

void BounceWizard::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    QWizard::closeEvent(event);
}

} // namespace bd
