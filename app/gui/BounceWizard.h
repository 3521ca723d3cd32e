// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "util/Language.h"

#include <QDateTime>
#include <QFuture>
#include <QJsonObject>
#include <QWizard>

#include <memory>
#include <optional>

class QAction;
class QLockFile;
class QMenu;
class QTimer;

namespace bd {

class Case;
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

    // A window either looks for the sessions that closed windows left (and restores or offers
    // them once it is shown), or starts empty (a window opened for one of those sessions).
    enum class Start { RestoreLeftSessions, Empty };

    explicit BounceWizard(QWidget *parent = nullptr, Start start = Start::RestoreLeftSessions);
    ~BounceWizard() override;

    // What the pages work on together; sessions are written from it and read into it.
    Case *caseModel() const { return m_case; }
    BouncesPage *bouncesPage() const { return m_bouncesPage; }
    IpPage *ipPage() const { return m_ipPage; }
    SmarthostPage *smarthostPage() const { return m_smarthostPage; }
    LettersPage *lettersPage() const { return m_lettersPage; }
    DiagnosisPage *diagnosisPage() const { return m_diagnosisPage; }
    SummaryPage *summaryPage() const { return m_summaryPage; }
    ConfigCheckPage *configCheckPage() const { return m_configCheckPage; }
    void setLanguage(Language lang);
    void showSettings();

    // The walk so far as JSON (Case::toJson): the bounce text, the IP fields and the last
    // check, the relay fields (never the password), the chosen way out, the page. Saved
    // atomically.
    QJsonObject session() const;
    // The case becomes the session's; the walk goes on to the session's page once its bounces
    // are read.
    void restoreSession(const QJsonObject &session);
    // One size limit for writing and reading: a session the app writes, it can open again.
    static constexpr qint64 maxSessionBytes = qint64(64) << 20;
    bool saveSession(const QString &path, QString *error, bool *tooLarge = nullptr) const;
    bool openSession(const QString &path, QString *error);
    void newSession();
    // Each window keeps its session in its own file in autosaveDir(), locked while the window
    // lives, so a crash loses nothing and two windows never write over each other. A file
    // whose window is gone is restored at the next start (offered when there are several).
    static QString autosaveDir();
    QString autosavePath() const;
    // Writes the autosave and waits for it (closing, tests); changes are saved in the
    // background shortly after they happen.
    void autosaveNow();
    // True from the start until a session being restored is back and read.
    bool isRestoring() const { return m_restoring || !m_restoreMarker.isEmpty(); }

signals:
    // A left session is back in this window and its bounces are read.
    void restored();

public:
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
    // A session a window that is gone left behind; its lock is held while it is looked at.
    struct LeftSession
    {
        QString id;
        std::shared_ptr<QLockFile> lock;
        QDateTime saved;
        qint64 size = 0;
        bool restoreFailed = false; // the last restore of it did not finish: never retried alone
        QString summary;
    };
    QList<LeftSession> findLeftSessions() const;
    void restoreLeftSessions(QList<LeftSession> left);
    void offerLeftSessions(QList<LeftSession> left);
    void adopt(LeftSession left);
    void writeAutosave(bool wait);
    void fitHeader();
    void walkToRestoredPage();
    void createSessionMenu();
    void fillRecentMenu();
    void setSessionPath(const QString &path);
    void chooseAndOpen();
    bool save(bool choosePath);

    Case *m_case;
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
    std::optional<Language> m_lang; // none until set: the system locale's formats
    QString m_autosaveId;
    std::shared_ptr<QLockFile> m_autosaveLock;
    QJsonObject m_emptySession; // what a new window would save: nothing worth a file
    QFuture<QString> m_autosaveWrite; // gives the reason when the session was too large
    bool m_autosaveAgain = false;
    bool m_restoring = false; // a session is being loaded: the autosave must not replace it
    QString m_restoreMarker; // exists on disk while a restore is under way
    bool m_saidTooLarge = false;
    int m_pageToRestore = -1; // a restored session's page, reached when its bounces are read
};

} // namespace bd
