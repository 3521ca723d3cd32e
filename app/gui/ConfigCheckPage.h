// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "util/Language.h"

#include <QWizardPage>

#include <memory>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QTextBrowser;
class QTimer;

namespace bd {

class CaresResolver;
class Case;
class Port25Probe;

// Trend Micro's step 1: what the server does today. The admin pastes `postconf -n` (or opens
// main.cf); the findings say whether a relay is set and can log in, whether HELO matches the PTR,
// whether it is iRedMail. And whether outbound port 25 is open at all from here, tried against
// the mail server of a domain that refused us (the admin may name another).
class ConfigCheckPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit ConfigCheckPage(Case *caseModel, QWidget *parent = nullptr);
    ~ConfigCheckPage() override;

    void setLanguage(Language lang) { m_lang = lang; }
    void initializePage() override;

    void setConfigText(const QString &text);
    QString findingsText() const;
    // Connects to HOST:PORT (default the host in the page's field: the MX of a recipient domain
    // from the bounces) and says what answered, naming the host it tried (Port25Probe).
    void testPort25(const QString &host = QString(), quint16 port = 25);
    QString port25Result() const;
    QString port25Host() const;

signals:
    void port25Tested();
    // The field was filled with a recipient domain's mail server.
    void port25HostSuggested();

private:
    void analyse();
    void suggestPort25Host();

    Case *m_case;
    QLineEdit *m_port25Host;
    std::unique_ptr<CaresResolver> m_resolver;
    QPlainTextEdit *m_config;
    QTextBrowser *m_findings;
    QLabel *m_port25;
    QTimer *m_debounce;
    Port25Probe *m_probe;
    Language m_lang = Language::English;
};

} // namespace bd
