// SPDX-License-Identifier: GPL-3.0-or-later
// Nothing the user had is lost when the process dies. Each writer is killed by the kernel in
// the middle of a write (RLIMIT_FSIZE: SIGXFSZ the moment a file would grow past the limit, as
// abrupt as a crash or a full disk) while replacing a file that already exists; the old file must
// survive byte for byte and no half-written file may be left beside it. And a real
// bounce-doctor process killed outright leaves an autosave that a new window restores.
#include "FakeDnsServer.h"
#include "RealMessages.h"
#include "gui/BounceWizard.h"
#include "gui/BouncesPage.h"
#include "relay/RelayConfig.h"

#include <QApplication>
#include <QDialog>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QListWidget>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <functional>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace bd;

namespace {

constexpr rlim_t writeLimit = 600; // bytes: every output below is larger

const QByteArray oldContents = QByteArray("the user's previous file, kept intact\n").repeated(8);

void limitFileSize()
{
    const rlimit limit {writeLimit, writeLimit};
    setrlimit(RLIMIT_FSIZE, &limit);
}

// Runs `write` in a child process under the file-size limit. True when the kernel killed the
// child for crossing it, i.e. mid-write; false when the write finished or failed on its own.
bool killedMidWrite(const std::function<void()> &write)
{
    const pid_t pid = fork();
    if (pid == 0) {
        limitFileSize();
        write();
        _exit(0);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFSIGNALED(status) && WTERMSIG(status) == SIGXFSZ;
}

QByteArray contents(const QString &path)
{
    if (path.isEmpty())
        return "<missing>";
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

// Waits with the event loop running: the DNS fixture answers from this process.
bool finishes(QProcess &p)
{
    QSignalSpy finished(&p, &QProcess::finished);
    return finished.wait(60000);
}

QStringList entries(const QString &dir)
{
    return QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
}

// The real program with its own data and settings folders under `home`.
void startApp(QProcess &app, const QTemporaryDir &home, const QStringList &args)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"QT_QPA_PLATFORM"_qs, u"offscreen"_qs);
    env.insert(u"XDG_DATA_HOME"_qs, home.filePath(u"data"_qs));
    env.insert(u"XDG_CONFIG_HOME"_qs, home.filePath(u"config"_qs));
    app.setProcessEnvironment(env);
    app.start(QStringLiteral(BD_APP_PATH), QStringList {u"--lang"_qs, u"en"_qs} + args);
}

QString appAutosaves(const QTemporaryDir &home)
{
    return home.filePath(u"data/Bounce Doctor/bounce-doctor/autosave"_qs);
}

// The autosave in `dir` that holds `text`, or "".
QString autosaveHolding(const QString &dir, const QByteArray &text)
{
    for (const QString &name : QDir(dir).entryList({u"*.json"_qs}, QDir::Files)) {
        if (contents(QDir(dir).filePath(name)).contains(text))
            return QDir(dir).filePath(name);
    }
    return {};
}

// Copies the autosave folder of the program's home to where this test's windows look.
bool adoptAutosaves(const QString &from)
{
    QDir().mkpath(BounceWizard::autosaveDir());
    for (const QString &name : entries(from)) {
        if (!QFile::copy(QDir(from).filePath(name), BounceWizard::autosaveDir() + u'/' + name))
            return false;
    }
    return true;
}

QDialog *leftSessionsDialog()
{
    for (QWidget *w : QApplication::topLevelWidgets()) {
        if (w->objectName() == u"leftSessionsDialog" && w->isVisible())
            return qobject_cast<QDialog *>(w);
    }
    return nullptr;
}

} // namespace

class TstDataSafety : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("Bounce Doctor Tests"));
        // Test mode shares one folder between runs: a run in another worktree at the same
        // time would leave sessions this run's windows restore. One folder per process.
        QCoreApplication::setApplicationName(u"%1-%2"_qs.arg(QCoreApplication::applicationName())
                                                     .arg(QCoreApplication::applicationPid()));
        // The kernel's signal, not a core dump per kill.
        const rlimit noCore {0, 0};
        setrlimit(RLIMIT_CORE, &noCore);
    }
    void cleanupTestCase()
    {
        QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).removeRecursively();
        QFile::remove(QSettings().fileName());
    }

    void init() { QDir(BounceWizard::autosaveDir()).removeRecursively(); }

    // The command line's --output files.
    void cliOutputKilledMidWrite_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("file");
        const QString sample =
                QStringLiteral(BD_SOURCE_DIR "/resources/samples/trend-micro-dul.txt");
        const QStringList letter {u"letter"_qs, u"--kind"_qs, u"isp-static-rdns"_qs, u"--ip"_qs,
                u"113.98.228.10"_qs, u"--domain"_qs, u"example.com"_qs, u"--isp"_qs,
                u"China Telecom"_qs};
        QTest::newRow("letter as text")
                << (letter + QStringList {u"--format"_qs, u"txt"_qs}) << "letter.txt";
        QTest::newRow("letter as .eml")
                << (letter + QStringList {u"--format"_qs, u"eml"_qs}) << "letter.eml";
        QTest::newRow("letter as PDF")
                << (letter + QStringList {u"--format"_qs, u"pdf"_qs}) << "letter.pdf";
        for (const char *format : {"html", "md", "json"}) {
            QTest::addRow("diagnose report as %s", format) << QStringList {u"diagnose"_qs,
                    u"--no-owner"_qs, u"--timeout-ms"_qs, u"500"_qs, u"--ip"_qs,
                    u"113.98.228.10"_qs, u"--format"_qs, QString::fromLatin1(format),
                    sample} << QStringLiteral("report.") + QString::fromLatin1(format);
        }
    }
    void cliOutputKilledMidWrite()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, file);
        QTemporaryDir dir;
        const QString path = dir.filePath(file);
        QVERIFY(writeFile(path, oldContents));
        // Every DNS question gets a quick "no such name": the report is written, not waited for.
        FakeDnsServer dns;
        QVERIFY(dns.start());
        if (args.first() == u"diagnose")
            args << u"--dns"_qs << dns.address();

        QProcess p;
        p.setChildProcessModifier(limitFileSize);
        p.start(QStringLiteral(BD_CLI_PATH), args << u"--output"_qs << path);
        QVERIFY(finishes(p));
        QVERIFY2(p.exitStatus() == QProcess::CrashExit,
                qPrintable(u"not killed; exit %1: %2"_qs.arg(p.exitCode())
                                   .arg(QString::fromUtf8(p.readAllStandardError()))));
        QCOMPARE(contents(path), oldContents);
        QCOMPARE(entries(dir.path()), QStringList {file});

        // Without the limit the same command replaces the file whole.
        p.setChildProcessModifier({});
        p.start(QStringLiteral(BD_CLI_PATH), args);
        QVERIFY(finishes(p));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        QVERIFY(contents(path) != oldContents);
        QVERIFY(contents(path).size() > qsizetype(writeLimit));
    }

    // The wizard's "Save session as…" and its autosave.
    void sessionKilledMidWrite_data()
    {
        QTest::addColumn<bool>("autosave");
        QTest::newRow("saved session") << false;
        QTest::newRow("autosave") << true;
    }
    void sessionKilledMidWrite()
    {
        QFETCH(bool, autosave);
        QTemporaryDir dir;
        BounceWizard w;
        const QString path = autosave ? w.autosavePath() : dir.filePath(u"case.json"_qs);
        QDir().mkpath(QFileInfo(path).path());
        w.bouncesPage()->setText(QString(u"<a@example.org>: 554 5.7.1 blocked using "
                                         "zen.spamhaus.org\n"_qs)
                                         .repeated(20));
        QVERIFY(writeFile(path, oldContents));
        QVERIFY(killedMidWrite([&] {
            QString error;
            if (autosave)
                w.autosaveNow();
            else
                w.saveSession(path, &error);
        }));
        QCOMPARE(contents(path), oldContents);
        QStringList left = entries(QFileInfo(path).path());
        left.removeAll(QFileInfo(path).completeBaseName() + u".lock"_qs); // the window's own
        QCOMPARE(left, QStringList {QFileInfo(path).fileName()});
    }

    // Hostile-findings row 2: the app wrote sessions it then refused to open (no limit on save,
    // 64 MiB on open). One limit now: a session exactly at it saves and opens, one byte more is
    // refused with the limit named and the saved file left as it was.
    void sessionSizeLimitIsOneForSaveAndOpen()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"big.json"_qs);
        BounceWizard w;
        QString error;
        QVERIFY2(w.saveSession(path, &error), qPrintable(error));
        const qint64 room = BounceWizard::maxSessionBytes - QFileInfo(path).size();
        // Lines of letters (a newline is written as the two bytes \n), so the text fills the
        // file to the byte; lines, because a text editor lays out one 64 MiB line slowly.
        const QString line = QString(99, u'a') + u'\n';
        const QString text = line.repeated(room / 101) + QString(room % 101, u'a');
        w.bouncesPage()->setText(text);
        QVERIFY2(w.saveSession(path, &error), qPrintable(error));
        QCOMPARE(QFileInfo(path).size(), BounceWizard::maxSessionBytes);
        {
            BounceWizard other;
            QVERIFY2(other.openSession(path, &error), qPrintable(error));
            QCOMPARE(other.bouncesPage()->text(), text);
        }
        w.bouncesPage()->setText(text + u'a');
        bool tooLarge = false;
        QVERIFY(!w.saveSession(path, &error, &tooLarge));
        QVERIFY(tooLarge);
        QVERIFY2(error.contains(u"more than the 64 MiB a session may hold"), qPrintable(error));
        QCOMPARE(QFileInfo(path).size(), BounceWizard::maxSessionBytes);

        // A file over the limit from elsewhere: named as too large, not as "not a session".
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::Append));
            f.write(" ");
        }
        BounceWizard other;
        QVERIFY(!other.openSession(path, &error));
        QVERIFY2(error.contains(u"larger than the 64 MiB a session may hold"), qPrintable(error));
    }

    // Relay settings saved over the previous ones, the 0600 password file among them: each
    // file is the old one or the new one, never a mixture, and the password file stays private.
    void relayFilesKilledMidWrite()
    {
        RelayConfigRequest r;
        r.mta = Mta::Postfix;
        r.mtaVersion = QVersionNumber(3, 7);
        QString error;
        r.relay = *RelayEndpoint::parse(u"smtp.isp.example:587"_qs, {}, &error);
        r.user = u"relay@example.com"_qs;
        r.password = u"New-Secret-1"_qs;
        r.lang = Language::English;
        const auto cfg = RelayConfigGenerator::generate(r, &error);
        QVERIFY2(cfg, qPrintable(error));

        QTemporaryDir fresh;
        QStringList written;
        QVERIFY2(cfg->saveTo(fresh.path(), Language::English, &written, &error), qPrintable(error));

        QTemporaryDir dir;
        for (const QString &name : entries(fresh.path())) {
            QVERIFY(writeFile(dir.filePath(name), "old " + name.toUtf8() + '\n'));
            QFile::setPermissions(dir.filePath(name), QFile::permissions(fresh.filePath(name)));
        }
        QVERIFY(killedMidWrite([&] {
            QStringList w;
            QString e;
            cfg->saveTo(dir.path(), Language::English, &w, &e);
        }));
        int old = 0;
        for (const QString &name : entries(fresh.path())) {
            const QByteArray now = contents(dir.filePath(name));
            QVERIFY2(now == "old " + name.toUtf8() + '\n' || now == contents(fresh.filePath(name)),
                    qPrintable(name));
            old += now.startsWith("old ");
            QCOMPARE(QFile::permissions(dir.filePath(name)),
                    QFile::permissions(fresh.filePath(name)));
        }
        QVERIFY(old > 0);
        QCOMPARE(entries(dir.path()), entries(fresh.path()));
    }

    // The real program, killed outright after it opened a bounce: its autosave is complete and
    // brings the bounces back in a new window.
    void autosaveSurvivesAKill()
    {
        QTemporaryDir home;
        const QString sample =
                QStringLiteral(BD_SOURCE_DIR "/resources/samples/trend-micro-dul.txt");
        QProcess app;
        startApp(app, home, {sample});
        QVERIFY(app.waitForStarted());
        const QString autosaves = appAutosaves(home);
        const auto saved = [&] {
            const QStringList json = QDir(autosaves).entryList({u"*.json"_qs}, QDir::Files);
            return json.size() == 1 ? QDir(autosaves).filePath(json.first()) : QString();
        };
        QTRY_VERIFY_WITH_TIMEOUT(contents(saved()).contains("trend-micro-dul.txt"), 30000);
        app.kill();
        QVERIFY(app.waitForFinished());
        QCOMPARE(app.exitStatus(), QProcess::CrashExit);

        QDir().mkpath(BounceWizard::autosaveDir());
        QVERIFY(QFile::copy(saved(), BounceWizard::autosaveDir() + u"/killed.json"_qs));
        BounceWizard restored;
        QTRY_COMPARE(restored.bouncesPage()->files(), QStringList {sample});
        QTRY_VERIFY(!restored.bouncesPage()->reports().isEmpty());
        QCOMPARE(restored.bouncesPage()->reports().first().recipients.size(), 2);
    }

    // Issue 16: two running programs keep two autosaves. The one killed is restored by the next
    // window; the one still running keeps its own, which nobody else takes or offers.
    void twoProgramsOneKilled()
    {
        QTemporaryDir home;
        QTemporaryDir dir;
        const QString sample =
                QStringLiteral(BD_SOURCE_DIR "/resources/samples/trend-micro-dul.txt");
        const QString other = dir.filePath(u"other.txt"_qs);
        QVERIFY(writeFile(other,
                "<b@example.org>: host mx.example.org[192.0.2.1] said: 554 5.7.1 Client host "
                "[203.0.113.5] blocked using zen.spamhaus.org (in reply to RCPT TO command)\n"));
        QProcess killed;
        QProcess running;
        startApp(killed, home, {sample});
        startApp(running, home, {other});
        QVERIFY(killed.waitForStarted() && running.waitForStarted());
        const QString autosaves = appAutosaves(home);
        QTRY_VERIFY_WITH_TIMEOUT(!autosaveHolding(autosaves, "trend-micro-dul.txt").isEmpty()
                        && !autosaveHolding(autosaves, "other.txt").isEmpty(),
                30000);
        killed.kill();
        QVERIFY(killed.waitForFinished());

        QVERIFY(adoptAutosaves(autosaves));
        const QString runningFile = autosaveHolding(BounceWizard::autosaveDir(), "other.txt");
        const QByteArray runningBefore = contents(runningFile);
        BounceWizard w;
        QTRY_VERIFY_WITH_TIMEOUT(!w.isRestoring(), 30000);
        QVERIFY(!leftSessionsDialog());
        QCOMPARE(w.bouncesPage()->files(), QStringList {sample});
        QCOMPARE(w.autosavePath(), autosaveHolding(BounceWizard::autosaveDir(), "trend-micro"));
        QCOMPARE(contents(runningFile), runningBefore);
        running.kill();
        running.waitForFinished();
    }

    // Issue 16: a program that dies while it restores a session (here: killed while it reads a
    // 40 MB mailbox the session names) does not try again on its own at the next start: the
    // session is offered, unchecked, with the reason, and nothing is read until the user says.
    void crashedRestoreIsNotRetried()
    {
        QTemporaryDir home;
        const QList<QByteArray> messages =
                RealMessages::all(QStringLiteral(BD_TEST_DATA "/pastes/message.txt"));
        QVERIFY(!messages.isEmpty());
        const QString mbox = home.filePath(u"bounces.mbox"_qs);
        QVERIFY(writeFile(mbox, RealMessages::mbox(messages, 40 << 20)));
        const QString autosaves = appAutosaves(home);
        QDir().mkpath(autosaves);
        QJsonObject session {{u"schema"_qs, 1}, {u"tool"_qs, u"bounce-doctor"_qs},
                {u"bounce_files"_qs, QJsonArray {mbox}}};
        QVERIFY(writeFile(autosaves + u"/left.json"_qs, QJsonDocument(session).toJson()));

        QProcess app;
        startApp(app, home, {});
        QVERIFY(app.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(autosaves + u"/left.restoring"_qs), 30000);
        app.kill();
        QVERIFY(app.waitForFinished());
        QVERIFY2(QFileInfo::exists(autosaves + u"/left.restoring"_qs),
                "the restore finished before the kill; make the mailbox larger");

        QVERIFY(adoptAutosaves(autosaves));
        BounceWizard w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QTRY_VERIFY(leftSessionsDialog());
        auto *list = leftSessionsDialog()->findChild<QListWidget *>(u"leftSessionsList"_qs);
        QCOMPARE(list->count(), 1);
        QCOMPARE(list->item(0)->checkState(), Qt::Unchecked);
        QVERIFY2(list->item(0)->text().contains(u"stopped while restoring this session"),
                qPrintable(list->item(0)->text()));
        QVERIFY2(
                list->item(0)->text().contains(u"bounces.mbox"), qPrintable(list->item(0)->text()));
        QVERIFY(w.bouncesPage()->files().isEmpty());
        // "Not now": the session stays on disk for later, untouched.
        leftSessionsDialog()->findChild<QPushButton *>(u"laterLeftButton"_qs)->click();
        QTRY_VERIFY(!w.isRestoring());
        QVERIFY(w.bouncesPage()->files().isEmpty());
        QCOMPARE(QJsonDocument::fromJson(contents(BounceWizard::autosaveDir() + u"/left.json"_qs))
                         .object()
                         .value(u"bounce_files"),
                QJsonValue(QJsonArray {mbox}));
    }
};

QTEST_MAIN(TstDataSafety)
#include "tst_datasafety.moc"
