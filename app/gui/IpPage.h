// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ipcheck/IpCheckResult.h"
#include "util/Language.h"

#include <QJsonObject>
#include <QPointer>
#include <QWizardPage>

#include <memory>
#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableWidget;
class QTextBrowser;
class QTimer;

namespace bd {

class IpCheckRun;
class IpChecker;
class Case;

// The sending IP as receivers see it: PTR and forward confirmation, whether the name looks
// generic and why, blocklists filling in as they answer, HELO and SPF/DMARC when given.
class IpPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit IpPage(Case *caseModel, QWidget *parent = nullptr);
    ~IpPage() override;

    void initializePage() override;
    bool isComplete() const override;
    void setLanguage(Language lang) { m_lang = lang; }

    void startCheck();
    void cancelCheck();
    // The last finished check, if any (the case's).
    const std::optional<IpCheckResult> &result() const;
    QString senderDomain() const;
    // The fields as typed.
    QJsonObject inputs() const;
    QString asText() const;

private:
    // The case's inputs and last check, as a loaded session brings them.
    void showCase();
    void render();
    // One IP's check-ip object as the page shows it; `note` goes above it.
    void renderResult(const IpCheckResult &check, bool done, const QString &note = {});
    void finish();

    Case *m_case;
    QComboBox *m_ip;
    QLineEdit *m_helo;
    QLineEdit *m_domain;
    QLabel *m_hint;
    QPushButton *m_check;
    QPushButton *m_cancel;
    QPushButton *m_copy;
    QProgressBar *m_progress;
    QTextBrowser *m_summary;
    QTableWidget *m_dnsbl;
    QTimer *m_renderTimer;
    IpCheckRun *m_run;
    IpChecker *m_checker = nullptr; // the run's check this page shows; null when none
    Language m_lang = Language::English;
};

} // namespace bd
