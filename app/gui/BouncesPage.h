// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "bounce/BounceReport.h"
#include "bounce/KeptBounces.h"
#include "util/Language.h"

#include <QDateTime>
#include <QFuture>
#include <QHash>
#include <QList>
#include <QStringList>
#include <QWizardPage>

class QLabel;
class QPlainTextEdit;
class QTableWidget;
class QTextBrowser;
class QTimer;
template<typename T> class QFutureWatcher;

namespace bd {

// What one file gave the last time it was read; kept so that typing in the paste box does not
// read the opened files again.
struct FileReading
{
    QList<MessageReport> reports; // at most BouncesPage::maxListedRecipients recipients' worth
    QStringList problems;
    qint64 messages = 0;
    qint64 leftOutMessages = 0;
    qint64 leftOutRecipients = 0;
    qint64 size = -1;
    QDateTime modified;
};

// A part of one reading handed to the window as soon as it is ready.
struct ReadBatch
{
    QList<MessageReport> reports; // kept, in the order of the input
    QStringList problems;
    qint64 messages = 0; // read, kept or not
    qint64 leftOutMessages = 0;
    qint64 leftOutRecipients = 0;
    QString cachePath; // with `cache`: a file read whole, for the next reading
    FileReading cache;
};

// Where the user pastes or drops bounces; they are classified as the text changes, off the GUI
// thread with the command line's engine, so a large paste or mailbox never freezes the window.
class Case;

class BouncesPage : public QWizardPage
{
    Q_OBJECT
public:
    // The table lists this many failed recipients; the rest are counted and said to be left
    // out, as in diagnose's report.
    static constexpr qint64 maxListedRecipients = KeptBounces::maxRecipients;
    // Text above this size enters the editor piece by piece, so the window keeps answering.
    static constexpr qsizetype textChunk = qsizetype(256) * 1024;

    // The reports and corrections go into the case as they are read and made; the text and the
    // files stay here until the case is written (storeInput).
    explicit BouncesPage(Case *caseModel, QWidget *parent = nullptr);
    ~BouncesPage() override;

    bool isComplete() const override;
    // Next can be pressed while a mailbox is still read: the case gets what the table shows.
    bool validatePage() override;
    void setLanguage(Language lang) { m_lang = lang; }

    void loadSample();
    void openFiles(const QStringList &paths);
    // The files the bounces come from, besides the pasted text.
    QStringList files() const { return m_filePaths; }
    void setFiles(const QStringList &paths);
    // The reports as read, with the admin's corrections of the blocked IP applied.
    const QList<MessageReport> &reports() const { return m_reports; }
    // Blocked IPs the admin corrected: as written in the bounce ("113.98.228.***", or "" where
    // none was named) -> the address to check. Kept in sessions.
    QHash<QString, QString> ipCorrections() const { return m_ipCorrections; }
    void setIpCorrections(const QHash<QString, QString> &corrections);
    QString text() const;
    void setText(const QString &text);
    // A session's bounces: the text and files, read once when both are in place.
    void restore(const QString &text, const QStringList &files);
    // A session is on its way: the page says it is reading and takes no edits until restore().
    void beginRestore();
    // The text and files into the case: copying 70 MB out of the editor at each keystroke would
    // stall typing, so this is done when the case is written.
    void storeInput() const;
    // True from a change until its reading has finished (or text is still entering the editor).
    bool isReading() const { return m_reading || m_feeding; }
    // What the last reading counted but did not list (see maxListedRecipients).
    qint64 leftOutRecipients() const { return m_leftOutRecipients; }
    qint64 leftOutMessages() const { return m_leftOutMessages; }
    // Puts text into the editor at the cursor in pieces (a large paste or drop).
    void insertText(const QString &text);

signals:
    // A reading has finished and its results are all shown.
    void classified();

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void scheduleClassification();
    void classifyNow();
    void requestClassification();
    void takeBatches(int begin, int end);
    void showNextBatch();
    void readingFinished();
    // Rows for m_reports[from..]; the whole table when `from` is 0.
    void showReports(qsizetype from);
    void showFilesAndProblems();
    void showStatus();
    void setInputEnabled(bool enabled);
    void feedText(const QString &text, bool replace);
    void feedNextChunk();
    void showRecipient(int row);
    void chooseFiles();
    void applyCorrections();
    void correctIp(int row, const QString &typed);
    void publish();

    Case *m_case;
    QPlainTextEdit *m_text;
    QLabel *m_status;
    QLabel *m_files;
    QTableWidget *m_table;
    QTextBrowser *m_details;
    QLabel *m_ipProblem;
    QLabel *m_leftOut;
    QTimer *m_debounce;
    QTimer *m_feeder;
    QTimer *m_batcher;
    QStringList m_filePaths;
    QList<MessageReport> m_reports;
    QList<QPair<qsizetype, qsizetype>> m_rows; // message and recipient index per table row
    QList<MessageReport> m_readReports; // as the reader gave them, before any correction
    QStringList m_problems;
    QStringList m_writtenIps; // per row, the blocked IP as the bounce wrote it
    QHash<QString, QString> m_ipCorrections;
    Language m_lang = Language::English;
    QHash<QString, FileReading> m_fileCache;
    QFuture<ReadBatch> m_run;
    QFutureWatcher<ReadBatch> *m_watcher;
    qint64 m_messages = 0;
    qint64 m_leftOutMessages = 0;
    qint64 m_leftOutRecipients = 0;
    bool m_reading = false;
    int m_batchesShown = 0; // of the reading's batches, those in the table
    int m_batchesReady = 0;
    bool m_finishPending = false; // the reading ended; its last batches are still to show
    bool m_tableStale = false; // the rows are the previous reading's until the next arrive
    bool m_classifyQueued = false;
    // The text the editor holds, while it is known without asking the editor for it (70 MB
    // take seconds to copy out).
    mutable QString m_textCache;
    mutable bool m_textCacheValid = true;
    // Text entering the editor piece by piece.
    QString m_feed;
    qsizetype m_feedPos = 0;
    bool m_feeding = false;
    bool m_feedReplaces = false;
    int m_feedCursor = 0;
};

} // namespace bd
