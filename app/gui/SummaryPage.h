// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "util/Language.h"

#include <QWizardPage>

class QTextBrowser;

namespace bd {

class Case;
class Diagnosis;

// The report of the whole walk, as it will be saved: what is wrong, the evidence, the ways out
// and the letters; saved as HTML, Markdown or JSON, and when to check again.
class SummaryPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit SummaryPage(Case *caseModel, QWidget *parent = nullptr);

    void setLanguage(Language lang) { m_lang = lang; }
    void initializePage() override;
    bool saveReport(const QString &path, QString *error) const;
    QString reportHtml() const;

signals:
    // The user wants the IP looked at again (after a fix, a delisting, a day).
    void checkAgainRequested();

private:
    Diagnosis diagnosis() const;

    Case *m_case;
    QTextBrowser *m_view;
    Language m_lang = Language::English;
};

} // namespace bd
