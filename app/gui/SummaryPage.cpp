// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui/SummaryPage.h"

#include "report/DiagnosisReport.h"
#include "session/Case.h"
#include "util/AtomicFile.h"
#include "util/JsonDocument.h"

#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace bd {

SummaryPage::SummaryPage(Case *caseModel, QWidget *parent)
    : QWizardPage(parent)
    , m_case(caseModel)
    , m_view(new QTextBrowser(this))
{
    setObjectName(QStringLiteral("summaryPage"));
    setTitle(tr("The report"));
    setSubTitle(tr("Everything found and everything to do, to keep or to send to whoever helps "
                   "you. \"When to check again\" says when a fix can be seen to work."));
    m_view->setObjectName(QStringLiteral("reportView"));
    m_view->setAccessibleName(tr("Report"));
    m_view->setOpenExternalLinks(true);
    auto *save = new QPushButton(tr("&Save report…"), this);
    save->setObjectName(QStringLiteral("saveReportButton"));
    connect(save, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save the report"),
                QDir::home().filePath(QStringLiteral("bounce-doctor-report.html")),
                tr("Web page (*.html);;Markdown (*.md);;JSON (*.json)"));
        if (path.isEmpty())
            return;
        QString error;
        if (!saveReport(path, &error))
            QMessageBox::warning(this, tr("Could not save"), error);
    });
    auto *again = new QPushButton(tr("&Check the IP again"), this);
    again->setObjectName(QStringLiteral("checkAgainButton"));
    connect(again, &QPushButton::clicked, this, &SummaryPage::checkAgainRequested);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(again);
    buttons->addStretch(1);
    buttons->addWidget(save);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_view, 1);
    layout->addLayout(buttons);
}

Diagnosis SummaryPage::diagnosis() const
{
    Diagnosis d = m_case->report(m_lang);
    d.setRelayTest(m_case->relayTest());
    return d;
}

QString SummaryPage::reportHtml() const
{
    return DiagnosisReport(diagnosis()).toHtml();
}

void SummaryPage::initializePage()
{
    // On screen in the window's own colours (a dark theme stays readable); saved files keep
    // dark on white.
    const QPalette p = m_view->palette();
    ReportColours colours;
    colours.text = p.color(QPalette::Text).name();
    colours.rule = p.color(QPalette::Mid).name();
    colours.shade = p.color(QPalette::AlternateBase).name();
    m_view->setHtml(DiagnosisReport(diagnosis()).toHtml(colours));
}

bool SummaryPage::saveReport(const QString &path, QString *error) const
{
    const Diagnosis d = diagnosis();
    QByteArray bytes;
    if (path.endsWith(QStringLiteral(".md"), Qt::CaseInsensitive))
        bytes = DiagnosisReport(d).toMarkdown().toUtf8();
    else if (path.endsWith(QStringLiteral(".json"), Qt::CaseInsensitive))
        bytes = JsonDocument::serialize(JsonDocument::envelope(d.toJson()));
    else
        bytes = DiagnosisReport(d).toHtml().toUtf8();
    *error = AtomicFile::write(path, bytes);
    return error->isEmpty();
}

} // namespace bd
