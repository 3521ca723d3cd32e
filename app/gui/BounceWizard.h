// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QWizard>

class QAction;
class QMenu;
class QTimer;

namespace bd {

class BouncesPage;
class IpPage;
class SmarthostPage;
class LettersPage;
class DiagnosisPage;
class SummaryPage;
class ConfigCheckPage;

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
        PageConfigCheck,
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
    ConfigCheckPage *configCheckPage() const { return m_configCheckPage; }
    void setLanguage(const QString &lang);
    void showSettings();

    // The walk so far as JSON: the bounce text, the IP fields and the last check, the relay
    // fields (never the password), the chosen way out, the page. Saved atomically.
    QJsonObject session() const;
    void restoreSession(const QJsonObject &session);
    // One size limit for writing and reading: a session the app writes, it can open again.
    static constexpr qint64 maxSessionBytes = qint64(64) << 20;
    bool saveSession(const QString &path, QString *error, bool *tooLarge = nullptr) const;
    bool openSession(const QString &path, QString *error);
    void newSession();
    // Where the running session is kept so a crash loses nothing; restored at the next start.
    static QString autosavePath();
    void autosaveNow();
    // Sessions opened or saved lately, newest first, those still on disk.
    static QStringList recentSessions();
    // The Session button's menu: new, open, save, save as, recent sessions, about.
    QMenu *sessionMenu() const { return m_sessionMenu; }
    QString sessionPath() const { return m_sessionPath; }
    void showAbout();

protected:
    void closeEvent(QCloseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void fitHeader();
    void createSessionMenu();
    void fillRecentMenu();
    void setSessionPath(const QString &path);
    void chooseAndOpen();
    bool save(bool choosePath);

    BouncesPage *m_bouncesPage;
    IpPage *m_ipPage;
    SmarthostPage *m_smarthostPage;
    LettersPage *m_lettersPage;
    DiagnosisPage *m_diagnosisPage;
    SummaryPage *m_summaryPage;
    ConfigCheckPage *m_configCheckPage;
    QTimer *m_autosave;
    QMenu *m_sessionMenu = nullptr;
    QMenu *m_recentMenu = nullptr;
    QString m_sessionPath; // the file "Save" writes to; empty until saved or opened
    bool m_saidTooLarge = false;
};

} // namespace bd
