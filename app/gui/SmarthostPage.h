// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "relay/RelayConfig.h"
#include "relay/SmtpRelayTest.h"
#include "session/Case.h"
#include "util/Language.h"

#include <QJsonObject>
#include <QWizardPage>

#include <memory>
#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QTextBrowser;
class QTimer;

namespace bd {

class CaresResolver;
class PasswordStore;
class SmtpRelayTest;

// Send through the ISP's relay: the relay and the account, the mail software → the generated
// files and commands with the reason for each line, saved or copied; and a live test of the
// relay. The password lives in the field, and in the desktop's keyring when the user ticks
// "remember": never in settings, sessions or files other than the secrets file, never on screen.
class SmarthostPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit SmarthostPage(Case *caseModel, QWidget *parent = nullptr);
    ~SmarthostPage() override;

    void setLanguage(Language lang);
    void initializePage() override;
    void cleanupPage() override;

    // What the fields ask for; empty optional and `error` when a field is wrong.
    std::optional<RelayConfigRequest> request(QString *error) const;
    const std::optional<RelayConfig> &config() const { return m_config; }
    void regenerate();
    bool saveFiles(const QString &dir, QString *error);
    void startTest();
    void cancelTest();
    bool testRunning() const;
    QString verdict() const;
    // The last finished relay test, if any.
    std::optional<RelayTestResult> lastTest() const;
    // The fields for a saved session (Case::Relay as JSON): never the password.
    QJsonObject fields() const;
    void setFields(const QJsonObject &fields);

    // Keeps the password in the keyring now, if "remember" is ticked (also done on test and save).
    void keepPassword();

signals:
    void testFinished();
    // The keyring's answer to keepPassword(): `error` empty when the password is kept.
    void passwordKept(const QString &error);
    // A remembered password was put into the field.
    void passwordRecalled();
    // A field a session keeps changed (never said of the password).
    void fieldsChanged();

private:
    Case::Relay relayFields() const;
    void showRelay(const Case::Relay &relay);
    void saveChoices() const;
    QString passwordKey() const;
    void recallPassword();
    void render();
    void showTestResult();

    Case *m_case;
    QComboBox *m_mta;
    QLineEdit *m_version;
    QLineEdit *m_host;
    QSpinBox *m_port;
    QComboBox *m_tls;
    QLineEdit *m_user;
    QLineEdit *m_password;
    QLineEdit *m_from;
    QLineEdit *m_to;
    QCheckBox *m_insecure;
    QCheckBox *m_remember;
    PasswordStore *m_passwords;
    QString m_recallKey; // the entry asked for, while the keyring has not answered
    QLabel *m_problem;
    QTabWidget *m_tabs;
    QTextBrowser *m_configView;
    QPlainTextEdit *m_transcript;
    QLabel *m_verdict;
    QPushButton *m_copy;
    QPushButton *m_save;
    QPushButton *m_testButton;
    QPushButton *m_cancel;
    QTimer *m_debounce;
    std::optional<RelayConfig> m_config;
    std::unique_ptr<CaresResolver> m_resolver;
    std::unique_ptr<SmtpRelayTest> m_test;
    Language m_lang = Language::English;
};

} // namespace bd
