// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWizard>

namespace bd {

class BouncesPage;
class IpPage;
class SmarthostPage;
class LettersPage;
class DiagnosisPage;
class SummaryPage;

// The troubleshooting walk, one page per step.
class BounceWizard : public QWizard
{
    Q_OBJECT
public:
    enum PageId {
        PageWelcome,
        PageBounces,
        PageIp,
        PageDiagnosis,
        PageSmarthost,
        PageLetters,
        PageSummary
    };

    explicit BounceWizard(QWidget *parent = nullptr);
    ~BounceWizard() override;

    BouncesPage *bouncesPage() const { return m_bouncesPage; }
    IpPage *ipPage() const { return m_ipPage; }
    SmarthostPage *smarthostPage() const { return m_smarthostPage; }
    LettersPage *lettersPage() const { return m_lettersPage; }
    DiagnosisPage *diagnosisPage() const { return m_diagnosisPage; }
    SummaryPage *summaryPage() const { return m_summaryPage; }
    void setLanguage(const QString &lang);
    void showSettings();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    BouncesPage *m_bouncesPage;
    IpPage *m_ipPage;
    SmarthostPage *m_smarthostPage;
    LettersPage *m_lettersPage;
    DiagnosisPage *m_diagnosisPage;
    SummaryPage *m_summaryPage;
};

} // namespace bd
