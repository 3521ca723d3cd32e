// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "report/Diagnosis.h"

#include <QWizardPage>

#include <optional>

class QButtonGroup;
class QTextBrowser;
class QVBoxLayout;

namespace bd {

class BouncesPage;
class IpPage;

// The verdict in plain words and the fix paths that apply, fastest first; the chosen path
// decides where the walk goes next (the relay page, the letters, or straight to the summary).
class DiagnosisPage : public QWizardPage
{
    Q_OBJECT
public:
    DiagnosisPage(BouncesPage *bounces, IpPage *ip, QWidget *parent = nullptr);

    void setLanguage(const QString &lang) { m_lang = lang; }
    void initializePage() override;
    int nextId() const override;

    // The diagnosis of the walk so far (the summary page and the letters use it too).
    Diagnosis diagnosis() const;
    // The same from the bounces and IP pages, for a sender the caller describes.
    static Diagnosis diagnose(const BouncesPage *bounces, const IpPage *ip,
            Diagnosis::Sender sender, const QString &lang);
    QString chosenPath() const;
    // The letter the chosen way out drafts first; empty when it drafts none.
    QString chosenLetterKind() const;
    void choosePath(const QString &id);

private:
    BouncesPage *m_bounces;
    IpPage *m_ip;
    QTextBrowser *m_verdict;
    QVBoxLayout *m_pathsLayout;
    QButtonGroup *m_paths;
    QList<Diagnosis::FixPath> m_shown; // in the order of the buttons' ids

    const Diagnosis::FixPath *chosen() const;
    QString m_lang = QStringLiteral("en");
};

} // namespace bd
