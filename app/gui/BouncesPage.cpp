// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui/BouncesPage.h"

#include "bounce/BounceReader.h"
#include "bounce/KeptBounces.h"
#include "bounce/ParallelReader.h"
#include "mail/MailSource.h"
#include "session/Case.h"
#include "util/IpAddress.h"

#include <QApplication>
#include <QDragEnterEvent>
#include <QElapsedTimer>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPromise>
#include <QPushButton>
#include <QRegularExpression>
#include <QSplitter>
#include <QTableWidget>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace bd {
namespace {

enum Column { ColRecipient, ColVerdict, ColListing, ColCode, ColIp, ColNature, ColumnCount };

// A paste larger than a chunk goes to the page, which puts it in piece by piece.
class BounceTextEdit : public QPlainTextEdit
{
public:
    using QPlainTextEdit::QPlainTextEdit;
    std::function<void(const QString &)> insertLarge;

protected:
    void insertFromMimeData(const QMimeData *source) override
    {
        if (insertLarge && source->hasText()) {
            const QString text = source->text();
            if (text.size() > BouncesPage::textChunk) {
                insertLarge(text);
                return;
            }
        }
        QPlainTextEdit::insertFromMimeData(source);
    }
};

// Thrown from the mailbox walk when a newer reading replaces this one: MailSource has no other
// way to stop, and a 2 GB mailbox should not be read to its end for nothing.
struct ReadingCancelled
{
};

// The text as QPlainTextEdit::toPlainText() gives it back, so the copy kept beside the editor
// matches what the editor would say.
QString asEditorText(QString text)
{
    text.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    text.replace(u'\r', u'\n');
    text.replace(QChar::ParagraphSeparator, u'\n');
    text.replace(QChar::LineSeparator, u'\n');
    text.replace(QChar::Nbsp, u' ');
    return text;
}

// Reads the pasted text and the files on worker threads (the command line's ParallelReader)
// and hands the reports out in batches as they come, in input order: the first rows of a big
// mailbox show while the rest is read. Files read before come from `cached` unread.
void readBounces(QPromise<ReadBatch> &promise, const QString &text, const QString &textLabel,
        const QStringList &files, const QHash<QString, FileReading> &cached, Language lang)
{
    const BounceReader reader(lang);
    ReadBatch pending;
    KeptBounces kept;
    QElapsedTimer sinceSent;
    sinceSent.start();
    const auto send = [&](bool now) {
        // Often enough to look live, seldom enough that the window is not busy drawing rows.
        if (!now && pending.reports.size() < 500 && sinceSent.elapsed() < 200)
            return;
        promise.addResult(std::exchange(pending, ReadBatch()));
        sinceSent.restart();
    };
    // Messages that are no bounce show no row; past the limit they are only counted.
    const auto offer = [&](const MessageReport &r) {
        ++pending.messages;
        switch (kept.offer(r)) {
        case KeptBounces::Verdict::Kept:
            pending.reports << r;
            break;
        case KeptBounces::Verdict::LeftOut:
            ++pending.leftOutMessages;
            pending.leftOutRecipients += r.recipients.size();
            break;
        case KeptBounces::Verdict::Ignored:
            break;
        }
    };
    if (!text.trimmed().isEmpty())
        offer(reader.readText(textLabel, text));
    send(true);
    for (const QString &path : files) {
        if (promise.isCanceled())
            return;
        if (const auto hit = cached.constFind(path); hit != cached.cend()) {
            for (const MessageReport &r : hit->reports)
                offer(r);
            pending.messages += hit->messages - hit->reports.size();
            pending.leftOutMessages += hit->leftOutMessages;
            pending.leftOutRecipients += hit->leftOutRecipients;
            pending.problems += hit->problems;
            send(false);
            continue;
        }
        const QFileInfo info(path);
        FileReading file;
        file.size = info.size();
        file.modified = info.lastModified();
        // A device or a pipe never ends (or never opens): only what can be read to its end.
        if (info.exists() && !info.isFile() && !info.isDir()) {
            file.problems << QStringLiteral("%1: not a regular file or folder").arg(path);
        } else {
            KeptBounces fileKept;
            const auto keep = [&](MessageReport &&r) {
                if (promise.isCanceled())
                    return;
                ++file.messages;
                offer(r);
                if (fileKept.offer(r) == KeptBounces::Verdict::Kept)
                    file.reports << std::move(r);
                file.leftOutMessages = fileKept.leftOutMessages();
                file.leftOutRecipients = fileKept.leftOutRecipients();
                send(false);
            };
            try {
                ParallelReader parallel(reader, keep);
                MailSource source;
                file.problems = source.read({path}, [&](MailItem &&item) {
                    if (promise.isCanceled())
                        throw ReadingCancelled();
                    parallel.add(std::move(item));
                });
                parallel.finish();
                file.problems += source.warnings();
            } catch (const ReadingCancelled &) {
                return;
            }
        }
        pending.problems += file.problems;
        pending.cachePath = path;
        pending.cache = std::move(file);
        send(true);
    }
    send(true);
}

} // namespace

BouncesPage::BouncesPage(Case *caseModel, QWidget *parent)
    : QWizardPage(parent)
    , m_case(caseModel)
    , m_text(new BounceTextEdit(this))
    , m_status(new QLabel(this))
    , m_files(new QLabel(this))
    , m_table(new QTableWidget(0, ColumnCount, this))
    , m_details(new QTextBrowser(this))
    , m_ipProblem(new QLabel(this))
    , m_leftOut(new QLabel(this))
    , m_debounce(new QTimer(this))
    , m_feeder(new QTimer(this))
    , m_batcher(new QTimer(this))
    , m_watcher(new QFutureWatcher<ReadBatch>(this))
{
    setObjectName(QStringLiteral("bouncesPage"));
    setTitle(tr("The bounces"));
    setSubTitle(tr("Paste the bounce text, or drop .eml, mbox or Maildir files here. Each failed "
                   "recipient is explained below."));
    setAcceptDrops(true);
    connect(m_case, &Case::loaded, this, [this] {
        restore(m_case->bounceText(), m_case->bounceFiles());
        setIpCorrections(m_case->ipCorrections());
    });

    m_text->setObjectName(QStringLiteral("bounceText"));
    m_text->setAccessibleName(tr("Bounce text"));
    m_text->setPlaceholderText(tr("Paste a bounce here, e.g. the lines starting with "
                                  "<user@example.org>: host … said: 550 …"));
    m_text->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_text->installEventFilter(this);
    m_text->viewport()->installEventFilter(this);
    m_text->setAcceptDrops(false); // the page handles drops of files and text alike
    static_cast<BounceTextEdit *>(m_text)->insertLarge = [this](const QString &text) {
        insertText(text);
    };
    connect(m_text->document(), &QTextDocument::contentsChanged, this,
            [this] { m_textCacheValid = m_textCacheValid && m_feeding && m_feedReplaces; });

    auto *open = new QPushButton(tr("&Open…"), this);
    open->setObjectName(QStringLiteral("openButton"));
    connect(open, &QPushButton::clicked, this, &BouncesPage::chooseFiles);
    auto *sample = new QPushButton(tr("&Sample bounce"), this);
    sample->setObjectName(QStringLiteral("sampleButton"));
    connect(sample, &QPushButton::clicked, this, &BouncesPage::loadSample);
    auto *clear = new QPushButton(tr("C&lear"), this);
    clear->setObjectName(QStringLiteral("clearButton"));
    connect(clear, &QPushButton::clicked, this, [this] {
        m_text->clear();
        setFiles({});
    });

    m_status->setObjectName(QStringLiteral("classifyStatus"));
    m_files->setObjectName(QStringLiteral("loadedFiles"));
    m_files->setWordWrap(true);
    m_files->hide();
    m_leftOut->setObjectName(QStringLiteral("leftOutNote"));
    m_leftOut->setWordWrap(true);
    m_leftOut->hide();

    m_table->setObjectName(QStringLiteral("recipientTable"));
    m_table->setAccessibleName(tr("Failed recipients"));
    m_table->setHorizontalHeaderLabels({tr("Recipient"), tr("Verdict"), tr("List or provider"),
            tr("Code"), tr("Blocked IP"), tr("Nature")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    // Only the blocked IP can be edited: the guess from the bounce is corrected there, and the
    // IP page checks the corrected address.
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
            | QAbstractItemView::AnyKeyPressed);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(ColRecipient, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(ColListing, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(ColVerdict, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(ColCode, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(ColIp, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(ColNature, QHeaderView::ResizeToContents);
    m_table->setWordWrap(false);
    connect(m_table, &QTableWidget::currentCellChanged, this,
            [this](int row) { showRecipient(row); });
    connect(m_table, &QTableWidget::itemChanged, this, [this](QTableWidgetItem *item) {
        if (item->column() == ColIp && !m_table->signalsBlocked())
            correctIp(item->row(), item->text());
    });
    m_ipProblem->setObjectName(QStringLiteral("ipCorrectionProblem"));
    m_ipProblem->setWordWrap(true);
    m_ipProblem->hide();

    m_details->setObjectName(QStringLiteral("recipientDetails"));
    m_details->setAccessibleName(tr("What the bounce means"));
    m_details->setOpenExternalLinks(true);

    m_debounce->setSingleShot(true);
    m_debounce->setInterval(300);
    connect(m_debounce, &QTimer::timeout, this, &BouncesPage::classifyNow);
    connect(m_text, &QPlainTextEdit::textChanged, this, &BouncesPage::scheduleClassification);
    m_batcher->setSingleShot(true);
    m_batcher->setInterval(0);
    connect(m_batcher, &QTimer::timeout, this, &BouncesPage::showNextBatch);
    m_feeder->setInterval(0);
    connect(m_feeder, &QTimer::timeout, this, &BouncesPage::feedNextChunk);
    connect(m_watcher, &QFutureWatcher<ReadBatch>::resultsReadyAt, this, &BouncesPage::takeBatches);
    connect(m_watcher, &QFutureWatcher<ReadBatch>::finished, this, &BouncesPage::readingFinished);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(open);
    buttons->addWidget(sample);
    buttons->addWidget(clear);
    buttons->addStretch(1);
    buttons->addWidget(m_status);

    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(m_text, 1);
    topLayout->addWidget(m_files);
    topLayout->addWidget(m_leftOut);
    topLayout->addLayout(buttons);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(top);
    splitter->addWidget(m_table);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setStretchFactor(2, 2);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter);
    layout->addWidget(m_ipProblem);
    m_status->setText(tr("Waiting for a bounce"));
}

bool BouncesPage::isComplete() const
{
    for (const MessageReport &r : m_reports) {
        if (r.isBounce && !r.recipients.isEmpty())
            return true;
    }
    return false;
}

bool BouncesPage::validatePage()
{
    publish();
    return true;
}

BouncesPage::~BouncesPage()
{
    // The reading holds no pointer to the page; it only has to stop.
    m_run.cancel();
}

QString BouncesPage::text() const
{
    if (!m_textCacheValid) {
        m_textCache = m_text->toPlainText();
        m_textCacheValid = true;
    }
    return m_textCache;
}

void BouncesPage::setText(const QString &text)
{
    feedText(text, true);
}

void BouncesPage::insertText(const QString &text)
{
    feedText(text, false);
}

void BouncesPage::beginRestore()
{
    m_run.cancel();
    m_batcher->stop();
    m_debounce->stop();
    m_reading = true;
    // What the user opened or typed now would be replaced when the session arrives.
    setInputEnabled(false);
    showStatus();
}

void BouncesPage::setInputEnabled(bool enabled)
{
    m_text->setReadOnly(!enabled);
    setAcceptDrops(enabled);
    for (const char *name : {"openButton", "sampleButton", "clearButton"})
        findChild<QPushButton *>(QLatin1StringView(name))->setEnabled(enabled);
}

void BouncesPage::restore(const QString &text, const QStringList &files)
{
    setInputEnabled(true);
    m_filePaths = files;
    m_files->setText(tr("Files: %1").arg(m_filePaths.join(QStringLiteral(", "))));
    m_files->setVisible(!m_filePaths.isEmpty());
    // One reading for both, when the text is in: not one for each.
    setText(text);
    requestClassification();
}

void BouncesPage::feedText(const QString &text, bool replace)
{
    if (m_feeding) {
        // Only a new session interrupts a feed; anything else waits behind it.
        if (!replace) {
            m_feed += text;
            return;
        }
        m_feeder->stop();
        m_feeding = false;
        m_text->setReadOnly(false);
        m_text->document()->setUndoRedoEnabled(true);
    }
    if (text.size() <= textChunk) {
        if (replace) {
            m_text->setPlainText(text);
            m_textCache = asEditorText(text);
            m_textCacheValid = true;
        } else {
            m_text->insertPlainText(text);
        }
        return;
    }
    QTextCursor cursor = m_text->textCursor();
    if (replace) {
        m_text->document()->setUndoRedoEnabled(false);
        m_text->clear();
        m_textCache = asEditorText(text);
        m_feedCursor = 0;
    } else {
        // The selection gives way to the paste, as it would in one piece.
        if (cursor.hasSelection())
            cursor.removeSelectedText();
        m_feedCursor = cursor.position();
    }
    m_feed = text;
    m_feedPos = 0;
    m_feedReplaces = replace;
    m_feeding = true;
    m_textCacheValid = replace;
    m_text->setReadOnly(true);
    m_debounce->stop();
    m_feeder->start();
    showStatus();
}

void BouncesPage::feedNextChunk()
{
    qsizetype n = qMin(textChunk, m_feed.size() - m_feedPos);
    // A piece never ends between the halves of a surrogate pair or of a CR LF.
    if (m_feedPos + n < m_feed.size()
            && (m_feed.at(m_feedPos + n - 1).isHighSurrogate()
                    || m_feed.at(m_feedPos + n - 1) == u'\r'))
        ++n;
    QTextCursor cursor(m_text->document());
    cursor.setPosition(m_feedCursor);
    // One paste is one undo step, however many pieces it came in.
    if (m_feedPos == 0)
        cursor.beginEditBlock();
    else
        cursor.joinPreviousEditBlock();
    cursor.insertText(m_feed.mid(m_feedPos, n));
    cursor.endEditBlock();
    m_feedCursor = cursor.position();
    m_feedPos += n;
    if (m_feedPos < m_feed.size()) {
        showStatus();
        return;
    }
    m_feeder->stop();
    m_feeding = false;
    m_feed.clear();
    m_text->setReadOnly(false);
    if (m_feedReplaces) {
        m_text->document()->setUndoRedoEnabled(true);
        m_textCacheValid = true;
        m_text->moveCursor(QTextCursor::Start);
        // The reading of this text started with the feed; it may have waited for it.
        if (m_finishPending)
            readingFinished();
        else
            showStatus();
    } else {
        QTextCursor end = m_text->textCursor();
        end.setPosition(m_feedCursor);
        m_text->setTextCursor(end);
        classifyNow();
    }
}

void BouncesPage::loadSample()
{
    QFile sample(QStringLiteral(":/samples/trend-micro-dul.txt"));
    if (sample.open(QIODevice::ReadOnly))
        setText(QString::fromUtf8(sample.readAll()));
}

void BouncesPage::openFiles(const QStringList &paths)
{
    QStringList all = m_filePaths;
    for (const QString &p : paths) {
        if (!all.contains(p))
            all << p;
    }
    setFiles(all);
}

void BouncesPage::setFiles(const QStringList &paths)
{
    m_filePaths = paths;
    m_files->setText(tr("Files: %1").arg(m_filePaths.join(QStringLiteral(", "))));
    m_files->setVisible(!m_filePaths.isEmpty());
    requestClassification();
}

void BouncesPage::chooseFiles()
{
    const QStringList paths = QFileDialog::getOpenFileNames(this, tr("Open bounces"), QString(),
            tr("Mail messages (*.eml *.msg *.txt *.mbox *.mbx);;All files (*)"));
    if (!paths.isEmpty())
        openFiles(paths);
}

void BouncesPage::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasUrls() || event->mimeData()->hasText())
        event->acceptProposedAction();
}

void BouncesPage::dropEvent(QDropEvent *event)
{
    const QMimeData *mime = event->mimeData();
    QStringList paths;
    for (const QUrl &url : mime->urls()) {
        if (url.isLocalFile())
            paths << url.toLocalFile();
    }
    if (!paths.isEmpty())
        openFiles(paths);
    else if (mime->hasText())
        insertText(mime->text());
    event->acceptProposedAction();
}

bool BouncesPage::eventFilter(QObject *watched, QEvent *event)
{
    // The text edit's viewport receives the drag events; route them through the page.
    if (event->type() == QEvent::DragEnter) {
        dragEnterEvent(static_cast<QDragEnterEvent *>(event));
        return true;
    }
    if (event->type() == QEvent::Drop) {
        dropEvent(static_cast<QDropEvent *>(event));
        return true;
    }
    return QWizardPage::eventFilter(watched, event);
}

void BouncesPage::scheduleClassification()
{
    if (!m_feeding)
        m_debounce->start();
}

// Several changes in one go (a session's text, files and corrections) make one reading.
void BouncesPage::requestClassification()
{
    if (m_classifyQueued)
        return;
    m_classifyQueued = true;
    QMetaObject::invokeMethod(
            this,
            [this] {
                m_classifyQueued = false;
                classifyNow();
            },
            Qt::QueuedConnection);
}

void BouncesPage::classifyNow()
{
    // A paste is read when it is in. Text that replaces all (a session) is known already:
    // it is read while it enters the editor.
    if (m_feeding && !m_feedReplaces)
        return;
    m_debounce->stop();
    m_run.cancel();
    // A file is read again only when it changed on disk.
    QHash<QString, FileReading> cached;
    for (const QString &path : std::as_const(m_filePaths)) {
        const auto hit = m_fileCache.constFind(path);
        if (hit == m_fileCache.cend())
            continue;
        const QFileInfo info(path);
        if (info.size() == hit->size && info.lastModified() == hit->modified)
            cached.insert(path, *hit);
    }
    m_fileCache = cached;
    m_readReports.clear();
    m_reports.clear();
    m_problems.clear();
    m_writtenIps.clear();
    m_messages = m_leftOutMessages = m_leftOutRecipients = 0;
    m_reading = true;
    m_batcher->stop();
    m_batchesShown = m_batchesReady = 0;
    m_finishPending = false;
    // The old rows stay until the first new ones arrive: typing does not blank the table.
    m_rows.clear();
    m_tableStale = true;
    m_run = QtConcurrent::run(readBounces, text(), tr("pasted text"), m_filePaths, cached, m_lang);
    m_watcher->setFuture(m_run);
    showStatus();
}

// Batches come faster than rows can be drawn (a file read before comes back at once): one
// batch per turn of the event loop, so the window answers between them.
void BouncesPage::takeBatches(int, int end)
{
    m_batchesReady = end;
    if (!m_batcher->isActive())
        m_batcher->start();
}

void BouncesPage::showNextBatch()
{
    if (m_batchesShown >= m_batchesReady)
        return;
    const qsizetype from = m_tableStale ? 0 : m_reports.size();
    const ReadBatch batch = m_watcher->resultAt(m_batchesShown++);
    for (const MessageReport &message : batch.reports) {
        m_readReports << message;
        m_reports << message;
        for (const RecipientReport &r : message.recipients)
            m_writtenIps << r.blockedIp;
    }
    m_problems += batch.problems;
    m_messages += batch.messages;
    m_leftOutMessages += batch.leftOutMessages;
    m_leftOutRecipients += batch.leftOutRecipients;
    if (!batch.cachePath.isEmpty())
        m_fileCache.insert(batch.cachePath, batch.cache);
    applyCorrections();
    showReports(from);
    showFilesAndProblems();
    showStatus();
    if (m_batchesShown < m_batchesReady)
        m_batcher->start();
    else if (m_finishPending)
        readingFinished();
}

void BouncesPage::readingFinished()
{
    if (m_watcher->future().isCanceled())
        return; // a newer reading has taken over
    if (m_batchesShown < m_batchesReady || m_feeding) {
        m_finishPending = true;
        return;
    }
    m_finishPending = false;
    m_reading = false;
    if (m_tableStale)
        showReports(0);
    showFilesAndProblems();
    showStatus();
    publish();
    emit completeChanged();
    emit classified();
}

void BouncesPage::showFilesAndProblems()
{
    QString files = tr("Files: %1").arg(m_filePaths.join(QStringLiteral(", ")));
    if (!m_problems.isEmpty()) {
        // A folder with unreadable files is still read; the files left out are named.
        constexpr qsizetype shown = 5;
        files += u'\n' + tr("Not read: %1").arg(m_problems.mid(0, shown).join(u'\n'));
        if (m_problems.size() > shown)
            files += u'\n' + tr("and %n more", nullptr, int(m_problems.size() - shown));
    }
    m_files->setText(files);
    m_files->setVisible(!m_filePaths.isEmpty());
}

void BouncesPage::showStatus()
{
    const int n = m_tableStale ? 0 : m_table->rowCount();
    if (m_feeding) {
        m_status->setText(tr("Loading the text… %1%")
                                  .arg(m_feed.isEmpty() ? 0 : m_feedPos * 100 / m_feed.size()));
    } else if (m_reading) {
        m_status->setText(
                n == 0 ? tr("Reading…") : tr("Reading… %n failed recipient(s) so far", nullptr, n));
    } else {
        m_status->setText(n == 0
                        ? (m_reports.isEmpty() ? tr("Waiting for a bounce")
                                               : tr("No refusal found yet"))
                        : tr("%n failed recipient(s)", nullptr, int(n + m_leftOutRecipients)));
    }
    if (m_leftOutRecipients > 0) {
        m_leftOut->setText(KeptBounces::note(n, m_leftOutRecipients, m_leftOutMessages, m_lang));
    }
    m_leftOut->setVisible(m_leftOutRecipients > 0);
}

void BouncesPage::showReports(qsizetype from)
{
    m_tableStale = false;
    // Filling the rows is no edit by the admin; the blocker ends before the selection below.
    m_table->blockSignals(true);
    if (from == 0) {
        m_rows.clear();
        m_table->setRowCount(0);
    }
    const bool hadRows = m_table->rowCount() > 0;
    qsizetype added = 0;
    for (qsizetype m = from; m < m_reports.size(); ++m)
        added += m_reports[m].recipients.size();
    m_table->setRowCount(int(m_table->rowCount() + added));
    int row = int(m_rows.size());
    for (qsizetype m = from; m < m_reports.size(); ++m) {
        const MessageReport &message = m_reports[m];
        for (qsizetype i = 0; i < message.recipients.size(); ++i, ++row) {
            const RecipientReport &r = message.recipients[i];
            m_rows << qMakePair(m, i);
            QStringList code;
            if (r.replyCode)
                code << QString::number(*r.replyCode);
            if (!r.status.isEmpty())
                code << r.status;
            const auto readOnly = [](const QString &text) {
                auto *item = new QTableWidgetItem(text);
                item->setFlags(item->flags() & ~Qt::ItemIsEditable);
                return item;
            };
            m_table->setItem(row, ColRecipient,
                    readOnly(r.recipient.isEmpty() ? tr("(not named)") : r.recipient));
            m_table->setItem(row, ColVerdict,
                    readOnly(BounceKnowledge::builtIn().categoryTitle(r.category, m_lang)));
            m_table->setItem(row, ColListing,
                    readOnly(r.listingName.isEmpty() ? QStringLiteral("—") : r.listingName));
            m_table->setItem(row, ColCode, readOnly(code.join(u' ')));
            const QString written = m_writtenIps.value(row);
            auto *ip =
                    new QTableWidgetItem(r.blockedIp.isEmpty() ? QStringLiteral("—") : r.blockedIp);
            if (r.blockedIp != written)
                ip->setToolTip(tr("Corrected by you; the bounce wrote %1")
                                       .arg(written.isEmpty() ? tr("no IP") : written));
            else if (r.blockedIpMasked)
                ip->setToolTip(tr("Partly hidden in the bounce: double-click to enter the real "
                                  "address"));
            else
                ip->setToolTip(tr("Double-click to correct the address"));
            if (r.blockedIpMasked)
                ip->setText(tr("%1 (hidden)").arg(r.blockedIp));
            m_table->setItem(row, ColIp, ip);
            m_table->setItem(
                    row, ColNature, readOnly(r.permanent ? tr("permanent") : tr("temporary")));
        }
    }
    m_table->blockSignals(false);
    if (m_table->rowCount() == 0)
        m_details->clear();
    else if (!hadRows)
        m_table->selectRow(0);
    emit completeChanged();
}

void BouncesPage::applyCorrections()
{
    qsizetype row = 0;
    for (qsizetype m = 0; m < m_reports.size(); ++m) {
        MessageReport &message = m_reports[m];
        const MessageReport &read = m_readReports[m];
        for (qsizetype i = 0; i < message.recipients.size(); ++i) {
            RecipientReport &r = message.recipients[i];
            const QString written = m_writtenIps.value(row++);
            const auto corrected = m_ipCorrections.constFind(written);
            if (corrected == m_ipCorrections.cend()) {
                r.blockedIp = read.recipients[i].blockedIp;
                r.blockedIpMasked = read.recipients[i].blockedIpMasked;
                continue;
            }
            r.blockedIp = *corrected;
            r.blockedIpMasked = false;
        }
    }
}

void BouncesPage::correctIp(int row, const QString &typed)
{
    const QString written = m_writtenIps.value(row);
    const QString text = typed.trimmed();
    const auto ip = parseIpAddress(text);
    QString problem;
    if (text.isEmpty() || text == u"—" || text == written) {
        m_ipCorrections.remove(written);
    } else if (!ip) {
        problem = tr("'%1' is not an IP address. Enter four numbers like 113.98.228.10, or an "
                     "IPv6 address.")
                          .arg(text);
    } else if (const QString unseen = unseenAddressProblem(*ip, m_lang); !unseen.isEmpty()) {
        problem = unseen;
    } else {
        m_ipCorrections.insert(written, ip->toString());
    }
    m_ipProblem->setText(problem);
    m_ipProblem->setVisible(!problem.isEmpty());
    // The rows show the reports again, with every row that wrote the same IP corrected too;
    // after the edit has ended, not inside the table's own signal.
    QTimer::singleShot(0, this, [this] {
        const int current = m_table->currentRow();
        applyCorrections();
        publish();
        showReports(0);
        if (current >= 0 && current < m_table->rowCount())
            m_table->selectRow(current);
    });
}

void BouncesPage::setIpCorrections(const QHash<QString, QString> &corrections)
{
    m_ipCorrections = corrections;
    if (!m_reports.isEmpty() && !m_tableStale) {
        applyCorrections();
        showReports(0);
    }
    publish();
}

void BouncesPage::publish()
{
    m_case->setIpCorrections(m_ipCorrections);
    m_case->setReports(m_reports);
}

void BouncesPage::storeInput() const
{
    m_case->setBounceText(text());
    m_case->setBounceFiles(m_filePaths);
}

void BouncesPage::showRecipient(int row)
{
    if (row < 0 || row >= m_rows.size()) {
        m_details->clear();
        return;
    }
    const auto [message, recipient] = m_rows[row];
    const RecipientReport &r = m_reports[message].recipients[recipient];
    QString html;
    html += QStringLiteral("<p><b>%1</b></p>").arg(r.explanation.toHtmlEscaped());
    // The receiver's words, set off in italics; Chinese has no italics, so a Chinese page or
    // quote keeps them upright.
    // A Chinese label ends in a full-width colon, which needs no space after it.
    static const QRegularExpression han(QStringLiteral("\\p{Han}"));
    const bool zh = m_lang == Language::SimplifiedChinese;
    const bool upright = zh || r.diagnostic.contains(han);
    html += (upright ? (zh ? QStringLiteral("<p>%1%2</p>") : QStringLiteral("<p>%1 %2</p>"))
                     : QStringLiteral("<p>%1 <i>%2</i></p>"))
                    .arg(tr("The receiver said:").toHtmlEscaped(), r.diagnostic.toHtmlEscaped());
    if (!r.blockedIp.isEmpty())
        html += (zh ? QStringLiteral("<p>%1%2</p>") : QStringLiteral("<p>%1 %2</p>"))
                        .arg(tr("IP named in the bounce:").toHtmlEscaped(),
                                r.blockedIp.toHtmlEscaped());
    for (const QString &url : r.lookupUrls)
        html += QStringLiteral("<p><a href=\"%1\">%1</a></p>").arg(url.toHtmlEscaped());
    m_details->setHtml(html);

    // Mark where the verdict comes from in the pasted text: the recipient's paragraph lightly,
    // the words that decided it strongly (they may wrap across lines, so word by word).
    QList<QTextEdit::ExtraSelection> marks;
    // Shades between the text's background and the highlight: readable in light and dark themes.
    const auto shade = [this](qreal amount) {
        const QColor base = m_text->palette().color(QPalette::Base);
        const QColor mark = m_text->palette().color(QPalette::Highlight);
        return QColor::fromRgbF(base.redF() + (mark.redF() - base.redF()) * amount,
                base.greenF() + (mark.greenF() - base.greenF()) * amount,
                base.blueF() + (mark.blueF() - base.blueF()) * amount);
    };
    QTextDocument *doc = m_text->document();
    const QTextCursor start =
            r.recipient.isEmpty() ? QTextCursor() : doc->find(r.recipient.section(u'@', 0, 0));
    if (!start.isNull()) {
        QTextBlock first = start.block();
        QTextBlock last = first;
        while (last.next().isValid() && !last.next().text().trimmed().isEmpty())
            last = last.next();
        QTextCursor paragraph(first);
        paragraph.setPosition(last.position() + last.length() - 1, QTextCursor::KeepAnchor);
        QTextEdit::ExtraSelection selection;
        selection.cursor = paragraph;
        selection.format.setBackground(shade(0.2));
        marks << selection;
        const QString decisive = r.evidence.value(0);
        if (!decisive.contains(u'\n') && decisive.size() <= 80) {
            for (const QString &word : decisive.split(u' ', Qt::SkipEmptyParts)) {
                QTextCursor found =
                        doc->find(word, paragraph.selectionStart(), QTextDocument::FindWholeWords);
                if (found.isNull() || found.selectionEnd() > paragraph.selectionEnd())
                    continue;
                QTextEdit::ExtraSelection strong;
                strong.cursor = found;
                strong.format.setBackground(shade(0.45));
                marks << strong;
            }
        }
    }
    m_text->setExtraSelections(marks);
}

} // namespace bd
