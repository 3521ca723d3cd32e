// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWizardPage>

class QTextBrowser;

namespace bd {

class DiagnosisPage;
class SmarthostPage;
class Diagnosis;

// The report of the whole walk, as it will be saved: what is wrong, the evidence, the ways out
// and the letters; saved as HTML, Markdown or JSON, and when to check again.
class SummaryPage : public QWizardPage
{
    Q_OBJECT
public:
    SummaryPage(DiagnosisPage *diagnosis, SmarthostPage *smarthost, QWidget *parent = nullptr);

    void initializePage() override;
    bool saveReport(const QString &path, QString *error) const;
    QString reportHtml() const;

signals:
    // The user wants the IP looked at again (after a fix, a delisting, a day).
    void checkAgainRequested();

private:
    Diagnosis diagnosis() const;

    DiagnosisPage *m_diagnosis;
    SmarthostPage *m_smarthost;
    QTextBrowser *m_view;
};

} // namespace bd
