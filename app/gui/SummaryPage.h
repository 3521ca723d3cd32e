// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWizardPage>

class QTextBrowser;

namespace bd {

class DiagnosisPage;

// The report of the whole walk, as it will be saved: what is wrong, the evidence, the ways out
// and the letters; saved as HTML, Markdown or JSON, and when to check again.
class SummaryPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit SummaryPage(DiagnosisPage *diagnosis, QWidget *parent = nullptr);

    void initializePage() override;
    bool saveReport(const QString &path, QString *error) const;
    QString reportHtml() const;

private:
    DiagnosisPage *m_diagnosis;
    QTextBrowser *m_view;
};

} // namespace bd
