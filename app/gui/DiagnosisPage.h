// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "report/Diagnosis.h"
#include "util/Language.h"

#include <QWizardPage>

#include <optional>

class QButtonGroup;
class QTextBrowser;
class QVBoxLayout;

namespace bd {

class Case;

// The verdict in plain words and the fix paths that apply, fastest first; the chosen path
// decides where the walk goes next (the relay page, the letters, or straight to the summary).
class DiagnosisPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit DiagnosisPage(Case *caseModel, QWidget *parent = nullptr);

    void setLanguage(Language lang) { m_lang = lang; }
    void initializePage() override;
    int nextId() const override;

    // The diagnosis of the walk so far.
    Diagnosis diagnosis() const;
    // The case's way out: kept when the page is shown again, if it still applies.
    QString chosenPath() const;
    // The letter the chosen way out drafts first; empty when it drafts none.
    QString chosenLetterKind() const;
    void choosePath(const QString &id);

private:
    Case *m_case;
    QTextBrowser *m_verdict;
    QVBoxLayout *m_pathsLayout;
    QButtonGroup *m_paths;
    QList<Diagnosis::FixPath> m_shown; // in the order of the buttons' ids

    qsizetype indexOfPath(const QString &id) const; // in m_shown, -1 when not shown
    const Diagnosis::FixPath *chosen() const;
    Language m_lang = Language::English;
};

} // namespace bd
