// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui/BouncesPage.h"

#include "bounce/BounceReader.h"
#include "mail/MailSource.h"
#include "util/IpAddress.h"

#include <QApplication>
#include <QDragEnterEvent>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QRegularExpression>
#include <QSplitter>
#include <QTableWidget>
#include <QTextBlock>
#include <QTextBrowser>
#include <QThreadPool>
#include <QTimer>
#include <QVBoxLayout>

namespace bd {
namespace {

enum Column { ColRecipient, ColVerdict, ColListing, ColCode, ColIp, ColNature, ColumnCount };

} // namespace

BouncesPage::BouncesPage(QWidget *parent)
    : QWizardPage(parent)
    , m_text(new QPlainTextEdit(this))
    , m_status(new QLabel(this))
    , m_files(new QLabel(this))
    , m_table(new QTableWidget(0, ColumnCount, this))
    , m_details(new QTextBrowser(this))
    , m_ipProblem(new QLabel(this))
    , m_debounce(new QTimer(this))
{
    setObjectName(QStringLiteral("bouncesPage"));
    setTitle(tr("The bounces"));
    setSubTitle(tr("Paste the bounce text, or drop .eml, mbox or Maildir files here. Each failed "
                   "recipient is explained below."));
    setAcceptDrops(true);

    m_text->setObjectName(QStringLiteral("bounceText"));
    m_text->setAccessibleName(tr("Bounce text"));
    m_text->setPlaceholderText(tr("Paste a bounce here, e.g. the lines starting with "
                                  "<user@example.org>: host … said: 550 …"));
    m_text->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_text->installEventFilter(this);
    m_text->viewport()->installEventFilter(this);
    m_text->setAcceptDrops(false); // the page handles drops of files and text alike

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

QString BouncesPage::text() const
{
    return m_text->toPlainText();
}

void BouncesPage::setText(const QString &text)
{
    m_text->setPlainText(text);
}

void BouncesPage::loadSample()
{
    QFile sample(QStringLiteral(":/samples/trend-micro-dul.txt"));
    if (sample.open(QIODevice::ReadOnly))
        m_text->setPlainText(QString::fromUtf8(sample.readAll()));
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
    classifyNow();
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
        m_text->insertPlainText(mime->text());
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
    m_debounce->start();
}

void BouncesPage::classifyNow()
{
    const quint64 generation = ++m_generation;
    const QString text = m_text->toPlainText();
    const QStringList files = m_filePaths;
    const QString lang = m_lang;
    m_status->setText(tr("Reading…"));
    QPointer<BouncesPage> self(this);
    QThreadPool::globalInstance()->start([self, text, files, lang, generation] {
        const BounceReader reader(lang);
        QList<MessageReport> reports;
        QStringList problems;
        if (!text.trimmed().isEmpty())
            reports << reader.readText(tr("pasted text"), text);
        if (!files.isEmpty()) {
            MailSource source;
            problems = source.read(files, [&](MailItem &&item) {
                if (reports.size() < 5000)
                    reports << reader.read(item);
            });
            problems += source.warnings();
        }
        deliverReports(self, reports, problems, generation);
    });
}

void BouncesPage::deliverReports(const QPointer<BouncesPage> &page,
        const QList<MessageReport> &reports, const QStringList &problems, quint64 generation)
{
    // Queued to the GUI thread; the page may be gone by then.
    QMetaObject::invokeMethod(
            qApp,
            [page, reports, problems, generation] {
                if (page)
                    page->showReports(reports, problems, generation);
            },
            Qt::QueuedConnection);
}

void BouncesPage::showReports(
        const QList<MessageReport> &reports, const QStringList &problems, quint64 generation)
{
    if (generation != m_generation)
        return; // an older run finished after a newer one started
    QString files = tr("Files: %1").arg(m_filePaths.join(QStringLiteral(", ")));
    if (!problems.isEmpty()) {
        // A folder with unreadable files is still read; the files left out are named.
        constexpr qsizetype shown = 5;
        files += u'\n' + tr("Not read: %1").arg(problems.mid(0, shown).join(u'\n'));
        if (problems.size() > shown)
            files += u'\n' + tr("and %n more", nullptr, int(problems.size() - shown));
    }
    m_files->setText(files);
    m_readReports = reports;
    m_problems = problems;
    m_reports = reports;
    m_writtenIps.clear();
    for (const MessageReport &message : std::as_const(m_reports)) {
        for (const RecipientReport &r : message.recipients)
            m_writtenIps << r.blockedIp;
    }
    applyCorrections();
    m_rows.clear();
    // Filling the rows is no edit by the admin; the blocker ends before the selection below.
    m_table->blockSignals(true);
    m_table->setRowCount(0);
    for (const MessageReport &message : std::as_const(m_reports)) {
        for (const RecipientReport &r : message.recipients) {
            const int row = m_table->rowCount();
            m_table->insertRow(row);
            m_rows << &r;
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
    const int n = m_table->rowCount();
    m_status->setText(
            n == 0 ? (m_reports.isEmpty() ? tr("Waiting for a bounce") : tr("No refusal found yet"))
                   : tr("%n failed recipient(s)", nullptr, n));
    if (n > 0)
        m_table->selectRow(0);
    else
        m_details->clear();
    emit completeChanged();
    emit classified();
}

void BouncesPage::applyCorrections()
{
    qsizetype row = 0;
    for (MessageReport &message : m_reports) {
        for (RecipientReport &r : message.recipients) {
            const QString written = m_writtenIps.value(row++);
            const auto corrected = m_ipCorrections.constFind(written);
            if (corrected == m_ipCorrections.cend())
                continue;
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
        showReports(m_readReports, m_problems, m_generation);
        if (current >= 0 && current < m_table->rowCount())
            m_table->selectRow(current);
    });
}

void BouncesPage::setIpCorrections(const QHash<QString, QString> &corrections)
{
    m_ipCorrections = corrections;
    if (!m_readReports.isEmpty())
        showReports(m_readReports, m_problems, m_generation);
}

void BouncesPage::showRecipient(int row)
{
    if (row < 0 || row >= m_rows.size()) {
        m_details->clear();
        return;
    }
    const RecipientReport &r = *m_rows[row];
    QString html;
    html += QStringLiteral("<p><b>%1</b></p>").arg(r.explanation.toHtmlEscaped());
    html += QStringLiteral("<p>%1 <i>%2</i></p>")
                    .arg(tr("The receiver said:").toHtmlEscaped(), r.diagnostic.toHtmlEscaped());
    if (!r.blockedIp.isEmpty())
        html += QStringLiteral("<p>%1 %2</p>")
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
