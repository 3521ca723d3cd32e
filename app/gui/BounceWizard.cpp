// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui/BounceWizard.h"

#include "AppInfo.h"
#include "dns/CaresResolver.h"

#include "gui/AppSettings.h"
#include "gui/BouncesPage.h"
#include "gui/ConfigCheckPage.h"
#include "gui/DiagnosisPage.h"
#include "gui/IpPage.h"
#include "gui/LettersPage.h"
#include "gui/SettingsDialog.h"
#include "gui/SmarthostPage.h"
#include "gui/SummaryPage.h"
#include "gui/WelcomePage.h"
#include "session/Case.h"
#include "util/AtomicFile.h"

#include <QAbstractButton>
#include <QAction>
#include <QCloseEvent>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QIcon>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QLockFile>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTimer>
#include <QUuid>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace bd {
namespace {

// A lock whose process is gone is free; its age says nothing (a window may stay open for days).
std::shared_ptr<QLockFile> tryLock(const QString &path)
{
    auto lock = std::make_shared<QLockFile>(path);
    lock->setStaleLockTime(0);
    return lock->tryLock(0) ? lock : nullptr;
}

QString restoreMarkerPath(const QString &id)
{
    return BounceWizard::autosaveDir() + u'/' + id + QStringLiteral(".restoring");
}

// The first line of pasted text and the files, from the head of a session file: enough to tell
// sessions apart without reading 70 MB (the JSON is written with sorted keys, these first).
QString summaryOf(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QString head = QString::fromUtf8(f.read(4096));
    QStringList parts;
    static const QRegularExpression files(QStringLiteral(R"re("bounce_files":\s*\[([^\]]*)\])re"));
    if (const auto m = files.match(head); m.hasMatch()) {
        QStringList names;
        static const QRegularExpression name(QStringLiteral(R"re("((?:[^"\\]|\\.)*)")re"));
        for (auto it = name.globalMatch(m.captured(1)); it.hasNext();)
            names << QFileInfo(it.next().captured(1)).fileName();
        if (!names.isEmpty())
            parts << names.join(QStringLiteral(", "));
    }
    static const QRegularExpression text(
            QStringLiteral(R"re("bounce_text":\s*"((?:[^"\\]|\\[^n])*))re"));
    if (const auto m = text.match(head); m.hasMatch() && !m.captured(1).trimmed().isEmpty())
        parts << m.captured(1).trimmed().left(70);
    return parts.join(QStringLiteral(" — "));
}

QJsonObject readSessionFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    // Whole, whatever its size: an autosave is the program's own, read off the GUI thread, and one
    // cut short would be restored as empty and then replaced, losing it (earlier versions wrote
    // autosaves past maxSessionBytes).
    const QJsonObject session = QJsonDocument::fromJson(f.readAll()).object();
    return session.value(u"schema").toInt() == Case::schema ? session : QJsonObject();
}

// One size limit for writing and reading: a session the app writes, it can open again.
bool writeSessionFile(
        const QString &path, const QJsonObject &session, QString *error, bool *tooLarge)
{
    const QByteArray json = QJsonDocument(session).toJson();
    if (json.size() > BounceWizard::maxSessionBytes) {
        *error = BounceWizard::tr(
                "The session would take %1 MiB, more than the %2 MiB a session may hold, so "
                "it was not saved. Pasted text counts in full: save large bounces as files "
                "and open them on the bounces page instead of pasting them.")
                         .arg(json.size() >> 20)
                         .arg(BounceWizard::maxSessionBytes >> 20);
        if (tooLarge)
            *tooLarge = true;
        return false;
    }
    QDir().mkpath(QFileInfo(path).path());
    *error = AtomicFile::write(path, json);
    return error->isEmpty();
}

} // namespace

BounceWizard::BounceWizard(QWidget *parent, Start start)
    : QWizard(parent)
    // Made before the pages, and so (QWizard keeps them under a frame of its own, made
    // earlier) deleted after them.
    , m_case(new Case(this))
    , m_bouncesPage(new BouncesPage(m_case, this))
    , m_ipPage(new IpPage(m_case, this))
    , m_smarthostPage(new SmarthostPage(m_case, this))
    , m_lettersPage(new LettersPage(m_case, this))
    , m_diagnosisPage(new DiagnosisPage(m_case, this))
    , m_summaryPage(new SummaryPage(m_case, this))
    , m_configCheckPage(new ConfigCheckPage(m_case, this))
    , m_autosave(new QTimer(this))
{
    setObjectName(QStringLiteral("bounceWizard"));
    setWindowTitle(tr("Bounce Doctor"));
    setWizardStyle(QWizard::ModernStyle);
    setOption(QWizard::NoBackButtonOnStartPage);
    setPixmap(
            QWizard::LogoPixmap, QIcon(QStringLiteral(":/icons/bounce-doctor.png")).pixmap(48, 48));
    setPage(PageWelcome, new WelcomePage(this));
    setPage(PageBounces, m_bouncesPage);
    setPage(PageIp, m_ipPage);
    setPage(PageDiagnosis, m_diagnosisPage);
    setPage(PageConfigCheck, m_configCheckPage);
    setPage(PageSmarthost, m_smarthostPage);
    setPage(PageLetters, m_lettersPage);
    setPage(PageSummary, m_summaryPage);
    setOption(QWizard::HaveCustomButton1);
    setOption(QWizard::HaveCustomButton2);
    setButtonText(QWizard::CustomButton1, tr("&Settings…"));
    setButtonText(QWizard::CustomButton2, tr("Sessi&on…"));
    button(QWizard::CustomButton1)->setObjectName(QStringLiteral("settingsButton"));
    button(QWizard::CustomButton2)->setObjectName(QStringLiteral("sessionButton"));
    setButtonLayout(
            {QWizard::CustomButton1, QWizard::CustomButton2, QWizard::Stretch, QWizard::BackButton,
                    QWizard::NextButton, QWizard::FinishButton, QWizard::CancelButton});
    connect(this, &QWizard::customButtonClicked, this, [this](int which) {
        if (which == QWizard::CustomButton1)
            showSettings();
        else if (which == QWizard::CustomButton2)
            m_sessionMenu->exec(button(QWizard::CustomButton2)->mapToGlobal(QPoint(0, 0)));
    });
    createSessionMenu();
    setStartId(PageWelcome);
    // The way out chosen on the diagnosis page picks the letter to show first; a letter the case
    // already shows (a restored session's) stays until the way out changes.
    const auto letterOfPath = [this] {
        if (const QString kind = m_diagnosisPage->chosenLetterKind(); !kind.isEmpty())
            m_lettersPage->selectKind(kind);
    };
    connect(m_case, &Case::pathChanged, this, letterOfPath);
    connect(this, &QWizard::currentIdChanged, this, [this, letterOfPath](int id) {
        if (id == PageLetters && m_case->letters().kind.isEmpty())
            letterOfPath(); // a session from before the letters were in the case
    });
    connect(qobject_cast<WelcomePage *>(page(PageWelcome)), &WelcomePage::sampleRequested, this,
            [this] {
                next();
                m_bouncesPage->loadSample();
            });

    if (!restoreGeometry(AppSettings::windowGeometry()))
        resize(960, 680);

    QDir().mkpath(autosaveDir());
    do {
        m_autosaveId = QUuid::createUuid().toString(QUuid::Id128);
        m_autosaveLock = tryLock(autosaveDir() + u'/' + m_autosaveId + QStringLiteral(".lock"));
    } while (!m_autosaveLock);
    m_emptySession = session();
    // What was on screen when the program last stopped, crash or not, comes back; after the
    // window is up, so that a large session does not keep it from appearing.
    if (start == Start::RestoreLeftSessions) {
        QList<LeftSession> left = findLeftSessions();
        m_restoring = !left.isEmpty();
        if (m_restoring)
            QTimer::singleShot(0, this, [this, left] { restoreLeftSessions(left); });
    }
    // Saved shortly after something changes, not on a clock: a large paste is written once.
    m_autosave->setSingleShot(true);
    connect(m_autosave, &QTimer::timeout, this, [this] { writeAutosave(false); });
    const auto changed = [this] { m_autosave->start(2000); };
    connect(m_case, &Case::bouncesChanged, this, changed);
    connect(m_case, &Case::ipChanged, this, changed);
    connect(m_case, &Case::relayChanged, this, changed);
    connect(m_case, &Case::pathChanged, this, changed);
    // A letter's edits as soon as typing pauses, as the drafts were before they were the case's.
    connect(m_case, &Case::lettersChanged, this, [this] { m_autosave->start(300); });
    // Before the connection a restore makes for its end: the session's page is back first.
    connect(m_bouncesPage, &BouncesPage::classified, this, &BounceWizard::walkToRestoredPage);
    connect(m_summaryPage, &SummaryPage::checkAgainRequested, this, [this] {
        while (currentId() != PageIp && !visitedIds().isEmpty()
                && visitedIds().first() != currentId())
            back();
        if (currentId() == PageIp)
            m_ipPage->startCheck();
    });
    connect(this, &QWizard::currentIdChanged, this, [this] { writeAutosave(false); });
    connect(this, &QWizard::currentIdChanged, this,
            [this] { QTimer::singleShot(0, this, &BounceWizard::fitHeader); });
}

QString BounceWizard::autosaveDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
            + QStringLiteral("/autosave");
}

QString BounceWizard::autosavePath() const
{
    return autosaveDir() + u'/' + m_autosaveId + QStringLiteral(".json");
}

QList<BounceWizard::LeftSession> BounceWizard::findLeftSessions() const
{
    const QString dir = autosaveDir();
    // The one autosave of versions before one file per window becomes a left session.
    const QString legacy = QFileInfo(dir).path() + QStringLiteral("/autosave.json");
    if (QFileInfo::exists(legacy))
        QFile::rename(legacy,
                dir + u'/' + QUuid::createUuid().toString(QUuid::Id128) + QStringLiteral(".json"));
    QList<LeftSession> left;
    const QFileInfoList files =
            QDir(dir).entryInfoList({QStringLiteral("*.json")}, QDir::Files, QDir::Time);
    for (const QFileInfo &file : files) {
        const QString id = file.completeBaseName();
        if (id == m_autosaveId)
            continue;
        // Locked: its window is still open (in this process or another).
        auto lock = tryLock(dir + u'/' + id + QStringLiteral(".lock"));
        if (!lock)
            continue;
        left << LeftSession {id, lock, file.lastModified(), file.size(),
                QFileInfo::exists(restoreMarkerPath(id)), summaryOf(file.filePath())};
    }
    return left;
}

void BounceWizard::restoreLeftSessions(QList<LeftSession> left)
{
    // The usual case, one window closed or crashed: it comes back without a question. A
    // session whose restore crashed the program is not tried again without asking.
    if (left.size() == 1 && !left.first().restoreFailed) {
        adopt(left.takeFirst());
        return;
    }
    offerLeftSessions(left);
}

void BounceWizard::offerLeftSessions(QList<LeftSession> left)
{
    auto *dialog = new QDialog(this);
    dialog->setObjectName(QStringLiteral("leftSessionsDialog"));
    dialog->setWindowTitle(tr("Restore sessions"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    auto *intro = new QLabel(tr("Windows that are closed now left these sessions. The checked "
                                "ones are restored, each in its own window."),
            dialog);
    intro->setWordWrap(true);
    auto *list = new QListWidget(dialog);
    list->setObjectName(QStringLiteral("leftSessionsList"));
    list->setAccessibleName(tr("Sessions left by closed windows"));
    list->setWordWrap(true);
    const QLocale locale = m_lang ? QLocale(languageCode(*m_lang)) : QLocale();
    for (const LeftSession &s : std::as_const(left)) {
        QString text = tr("Saved %1, %2")
                               .arg(locale.toString(s.saved, QLocale::ShortFormat),
                                       locale.formattedDataSize(s.size));
        if (!s.summary.isEmpty())
            text += QStringLiteral(": ") + s.summary;
        if (s.restoreFailed)
            text += u'\n'
                    + tr("Bounce Doctor stopped while restoring this session last time; it is "
                         "not restored unless you check it.");
        auto *item = new QListWidgetItem(text, list);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(s.restoreFailed ? Qt::Unchecked : Qt::Checked);
    }
    auto *buttons = new QDialogButtonBox(dialog);
    QPushButton *restore = buttons->addButton(tr("&Restore checked"), QDialogButtonBox::AcceptRole);
    restore->setObjectName(QStringLiteral("restoreLeftButton"));
    QPushButton *discard =
            buttons->addButton(tr("&Delete checked"), QDialogButtonBox::DestructiveRole);
    discard->setObjectName(QStringLiteral("discardLeftButton"));
    QPushButton *later = buttons->addButton(tr("&Not now"), QDialogButtonBox::RejectRole);
    later->setObjectName(QStringLiteral("laterLeftButton"));
    auto *layout = new QVBoxLayout(dialog);
    layout->addWidget(intro);
    layout->addWidget(list, 1);
    layout->addWidget(buttons);
    dialog->resize(640, 320);

    // The locks are held until the answer: another window starting meanwhile does not offer them.
    const auto held = std::make_shared<QList<LeftSession>>(std::move(left));
    const auto answered = [this, list, held](QAbstractButton *clicked) {
        const QString role = clicked->objectName();
        bool adopted = false;
        for (int i = 0; i < held->size(); ++i) {
            if (list->item(i)->checkState() != Qt::Checked || role == u"laterLeftButton")
                continue;
            LeftSession &s = (*held)[i];
            if (role == u"discardLeftButton") {
                QFile::remove(autosaveDir() + u'/' + s.id + QStringLiteral(".json"));
                QFile::remove(restoreMarkerPath(s.id));
            } else if (!adopted) {
                adopted = true;
                adopt(std::move(s));
            } else {
                auto *window = new BounceWizard(nullptr, Start::Empty);
                window->setAttribute(Qt::WA_DeleteOnClose);
                if (m_lang)
                    window->setLanguage(*m_lang);
                window->show();
                window->adopt(std::move(s));
            }
        }
    };
    connect(buttons, &QDialogButtonBox::clicked, dialog, [dialog, answered](QAbstractButton *b) {
        answered(b);
        dialog->close();
    });
    // Closing the dialog is "not now": every session stays for the next start.
    connect(dialog, &QDialog::finished, this, [this] {
        if (m_restoreMarker.isEmpty())
            m_restoring = false;
    });
    dialog->open();
}

void BounceWizard::adopt(LeftSession left)
{
    // This window goes on in the left session's file; its own, still empty, is given up.
    m_autosaveLock.reset();
    QFile::remove(autosavePath());
    m_autosaveId = left.id;
    m_autosaveLock = std::move(left.lock);
    m_restoring = true;
    m_restoreMarker = restoreMarkerPath(m_autosaveId);
    {
        QFile marker(m_restoreMarker);
        marker.open(QIODevice::WriteOnly);
    }
    m_bouncesPage->beginRestore();
    auto *watcher = new QFutureWatcher<QJsonObject>(this);
    connect(watcher, &QFutureWatcher<QJsonObject>::finished, this, [this, watcher] {
        watcher->deleteLater();
        const QJsonObject session = watcher->result();
        // The restore is over when the bounces it names are read; a crash before that leaves
        // the marker, and the next start asks before trying again.
        auto done = std::make_shared<QMetaObject::Connection>();
        *done = connect(m_bouncesPage, &BouncesPage::classified, this, [this, done] {
            disconnect(*done);
            QFile::remove(m_restoreMarker);
            m_restoreMarker.clear();
            emit restored();
        });
        restoreSession(session);
        m_restoring = false;
    });
    watcher->setFuture(QtConcurrent::run(readSessionFile, autosavePath()));
}

QJsonObject BounceWizard::session() const
{
    m_bouncesPage->storeInput();
    m_case->setPage(currentId());
    return m_case->toJson();
}

void BounceWizard::restoreSession(const QJsonObject &session)
{
    m_case->fromJson(session); // the pages show it again
    m_pageToRestore = m_case->page();
}

void BounceWizard::walkToRestoredPage()
{
    const int target = std::exchange(m_pageToRestore, -1);
    if (target <= PageWelcome || !pageIds().contains(target))
        return;
    if (currentId() == -1)
        restart(); // not shown yet: the walk starts now
    // Forward from where the window is, as the user went: Back leads where it led. The walk
    // stops where the session's way out leaves the page's branch.
    for (qsizetype steps = 0; currentId() != target && steps < pageIds().size(); ++steps) {
        const int before = currentId();
        next();
        if (currentId() == before)
            break;
    }
}

bool BounceWizard::saveSession(const QString &path, QString *error, bool *tooLarge) const
{
    return writeSessionFile(path, session(), error, tooLarge);
}

bool BounceWizard::openSession(const QString &path, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = f.errorString();
        return false;
    }
    const QByteArray json = f.read(maxSessionBytes + 1);
    if (json.size() > maxSessionBytes) {
        *error = tr("%1 is larger than the %2 MiB a session may hold.")
                         .arg(QDir::toNativeSeparators(path))
                         .arg(maxSessionBytes >> 20);
        return false;
    }
    QJsonParseError pe;
    const QJsonObject session = QJsonDocument::fromJson(json, &pe).object();
    if (pe.error != QJsonParseError::NoError
            || session.value(u"tool").toString() != u"bounce-doctor") {
        *error = tr("%1 is not a Bounce Doctor session").arg(QDir::toNativeSeparators(path));
        return false;
    }
    restart();
    restoreSession(session);
    setSessionPath(path);
    return true;
}

void BounceWizard::newSession()
{
    setSessionPath({});
    restart();
    restoreSession({});
    // Empty as a new window is now (who signs may have changed since this one opened).
    m_emptySession = session();
    autosaveNow();
}

void BounceWizard::autosaveNow()
{
    writeAutosave(true);
}

void BounceWizard::writeAutosave(bool wait)
{
    // Until a left session is back, this window's file is that session: nothing may replace it.
    if (m_restoring)
        return;
    m_autosave->stop();
    if (m_autosaveWrite.isRunning()) {
        if (!wait) {
            m_autosaveAgain = true; // one write at a time, in order; the newest state last
            return;
        }
        m_autosaveWrite.waitForFinished();
    }
    m_autosaveAgain = false;
    const QJsonObject now = session();
    QJsonObject compared = now;
    compared.remove(u"page");
    QJsonObject empty = m_emptySession;
    empty.remove(u"page");
    const QString path = autosavePath();
    // An untouched window leaves no file behind to be offered at the next start.
    const bool nothing = compared == empty;
    // Turning 60 MB into JSON takes seconds: not on the GUI thread, except when closing. Best
    // effort: the next change tries again. Only a session too large to save is said, once,
    // since no later try can succeed until the text shrinks.
    const auto write = [path, now, nothing] {
        QString error;
        bool tooLarge = false;
        if (nothing)
            QFile::remove(path);
        else if (!writeSessionFile(path, now, &error, &tooLarge) && tooLarge)
            return error;
        return QString();
    };
    const auto sayTooLarge = [this](const QString &error) {
        if (error.isEmpty() || m_saidTooLarge)
            return;
        m_saidTooLarge = true;
        auto *box = new QMessageBox(
                QMessageBox::Warning, tr("Not saved automatically"), error, QMessageBox::Ok, this);
        box->setObjectName(QStringLiteral("autosaveTooLargeBox"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    };
    if (wait) {
        sayTooLarge(write());
        return;
    }
    m_autosaveWrite = QtConcurrent::run(write);
    auto *watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher, sayTooLarge] {
        watcher->deleteLater();
        sayTooLarge(watcher->result());
        if (m_autosaveAgain)
            writeAutosave(false);
    });
    watcher->setFuture(m_autosaveWrite);
}

void BounceWizard::createSessionMenu()
{
    m_sessionMenu = new QMenu(this);
    m_sessionMenu->setObjectName(QStringLiteral("sessionMenu"));
    // The actions live on the window too, so their shortcuts work without opening the menu.
    const auto add = [this](const QString &text, const char *name, const QKeySequence &key,
                             auto slot) {
        QAction *a = m_sessionMenu->addAction(text, this, slot);
        a->setObjectName(QLatin1StringView(name));
        a->setShortcut(key);
        addAction(a);
        return a;
    };
    add(tr("&New"), "newSessionAction", QKeySequence::New, [this] { newSession(); });
    add(tr("&Open…"), "openSessionAction", QKeySequence::Open, [this] { chooseAndOpen(); });
    add(tr("&Save"), "saveSessionAction", QKeySequence::Save, [this] { save(false); });
    add(tr("Save &as…"), "saveSessionAsAction", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S),
            [this] { save(true); });
    m_recentMenu = m_sessionMenu->addMenu(tr("&Recent sessions"));
    m_recentMenu->setObjectName(QStringLiteral("recentSessionsMenu"));
    // Filled when the menu opens: nothing is read from disk at start-up for it.
    connect(m_sessionMenu, &QMenu::aboutToShow, this, &BounceWizard::fillRecentMenu);
    m_sessionMenu->addSeparator();
    add(tr("A&bout Bounce Doctor"), "aboutAction", QKeySequence(Qt::Key_F1),
            [this] { showAbout(); });
}

void BounceWizard::fillRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = recentSessions();
    for (const QString &path : recent) {
        m_recentMenu->addAction(QDir::toNativeSeparators(path), this, [this, path] {
            QString error;
            if (!openSession(path, &error))
                QMessageBox::warning(this, tr("Could not open"), error);
        });
    }
    m_recentMenu->setEnabled(!recent.isEmpty());
}

QStringList BounceWizard::recentSessions()
{
    QStringList out;
    for (const QString &path : AppSettings::recentSessions()) {
        if (QFileInfo::exists(path) && !out.contains(path))
            out << path;
    }
    return out.mid(0, 8);
}

void BounceWizard::setSessionPath(const QString &path)
{
    m_sessionPath = path;
    setWindowTitle(path.isEmpty() ? tr("Bounce Doctor")
                                  : tr("%1 — Bounce Doctor").arg(QFileInfo(path).fileName()));
    if (path.isEmpty())
        return;
    QStringList recent = recentSessions();
    recent.removeAll(path);
    recent.prepend(path);
    AppSettings::setRecentSessions(recent.mid(0, 8));
}

void BounceWizard::chooseAndOpen()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open a session"),
            m_sessionPath.isEmpty() ? QDir::homePath() : QFileInfo(m_sessionPath).path(),
            tr("Sessions (*.json)"));
    QString error;
    if (!path.isEmpty() && !openSession(path, &error))
        QMessageBox::warning(this, tr("Could not open"), error);
}

bool BounceWizard::save(bool choosePath)
{
    QString path = m_sessionPath;
    if (choosePath || path.isEmpty()) {
        path = QFileDialog::getSaveFileName(this, tr("Save the session"),
                path.isEmpty() ? QDir::home().filePath(QStringLiteral("bounce-doctor-session.json"))
                               : path,
                tr("Sessions (*.json)"));
        if (path.isEmpty())
            return false;
    }
    QString error;
    if (!saveSession(path, &error)) {
        QMessageBox::warning(this, tr("Could not save"), error);
        return false;
    }
    setSessionPath(path);
    return true;
}

void BounceWizard::showAbout()
{
    QMessageBox about(this);
    about.setObjectName(QStringLiteral("aboutBox"));
    about.setWindowTitle(tr("About Bounce Doctor"));
    about.setIconPixmap(QIcon(QStringLiteral(":/icons/bounce-doctor.png")).pixmap(64, 64));
    about.setTextFormat(Qt::RichText);
    about.setText(tr("<h3>Bounce Doctor %1</h3>"
                     "<p>Why does my mail bounce, and how do I fix it?</p>")
                          .arg(QString::fromLatin1(AppInfo::version)));
    about.setInformativeText(
            tr("<p>What leaves this computer, and only when you start that step: DNS queries to "
               "your resolver or the one in Settings, RDAP and WHOIS queries to the regional "
               "registries about your IP, a DNS query to Abusix's contact database (can be "
               "turned off), a connection to the relay you test and, if you ask, one to a "
               "public mail server's port 25. Passwords are never written to disk except into "
               "the settings files you save for your own server.</p>"
               "<p>Free software under the GNU General Public License, version 3 or later. "
               "Built with Qt %1 and c-ares %2.</p>")
                    .arg(QString::fromLatin1(qVersion()), CaresResolver::libraryVersion()));
    about.setStandardButtons(QMessageBox::Close);
    about.exec();
}

BounceWizard::~BounceWizard()
{
    // The file must be whole before its lock says the window is gone.
    m_autosaveWrite.waitForFinished();
}

void BounceWizard::setLanguage(Language lang)
{
    m_lang = lang;
    m_bouncesPage->setLanguage(lang);
    m_ipPage->setLanguage(lang);
    m_smarthostPage->setLanguage(lang);
    m_lettersPage->setLanguage(lang);
    m_diagnosisPage->setLanguage(lang);
    m_configCheckPage->setLanguage(lang);
    m_summaryPage->setLanguage(lang);
}

void BounceWizard::showSettings()
{
    SettingsDialog dialog(AppSettings::load(), this);
    dialog.exec();
}

void BounceWizard::resizeEvent(QResizeEvent *event)
{
    QWizard::resizeEvent(event);
    QTimer::singleShot(0, this, &BounceWizard::fitHeader);
}

// QWizard sizes its header for the logo: a subtitle that wraps to two lines of Chinese, whose
// lines are taller than Latin ones, was cut off. The label asks for what its text needs.
void BounceWizard::fitHeader()
{
    const QString subTitle = currentPage() ? currentPage()->subTitle() : QString();
    if (subTitle.isEmpty())
        return;
    for (QLabel *label : findChildren<QLabel *>()) {
        if (label->wordWrap() && label->text() == subTitle && label->width() > 0)
            label->setMinimumHeight(label->heightForWidth(label->width()));
    }
}

void BounceWizard::closeEvent(QCloseEvent *event)
{
    autosaveNow();
    AppSettings::setWindowGeometry(saveGeometry());
    QWizard::closeEvent(event);
}

} // namespace bd
