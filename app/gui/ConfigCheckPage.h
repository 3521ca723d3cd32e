// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWizardPage>

class QLabel;
class QPlainTextEdit;
class QTcpSocket;
class QTextBrowser;
class QTimer;

namespace bd {

class IpPage;

// Trend Micro's step 1: what the server does today. The admin pastes `postconf -n` (or opens
// main.cf); the findings say whether a relay is set and can log in, whether HELO matches the PTR,
// whether it is iRedMail. And whether outbound port 25 is open at all from here.
class ConfigCheckPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit ConfigCheckPage(IpPage *ip, QWidget *parent = nullptr);

    void setLanguage(const QString &lang) { m_lang = lang; }
    void initializePage() override;

    void setConfigText(const QString &text);
    QString findingsText() const;
    // Connects to HOST:PORT (default a big provider's MX on 25) and says whether it answered.
    void testPort25(const QString &host = QString(), quint16 port = 25);
    QString port25Result() const;

signals:
    void port25Tested();

private:
    void analyse();

    IpPage *m_ip;
    QPlainTextEdit *m_config;
    QTextBrowser *m_findings;
    QLabel *m_port25;
    QTimer *m_debounce;
    QTcpSocket *m_socket = nullptr;
    QString m_lang = QStringLiteral("en");
};

} // namespace bd
