// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui/DiagnosisPage.h"

#include "gui/BounceWizard.h"
#include "session/Case.h"

#include <QButtonGroup>
#include <QLabel>
#include <QRadioButton>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace bd {

DiagnosisPage::DiagnosisPage(Case *caseModel, QWidget *parent)
    : QWizardPage(parent)
    , m_case(caseModel)
    , m_verdict(new QTextBrowser(this))
    , m_pathsLayout(new QVBoxLayout)
    , m_paths(new QButtonGroup(this))
{
    setObjectName(QStringLiteral("diagnosisPage"));
    setTitle(tr("What is wrong, and what to do"));
    setSubTitle(tr("The verdict from the bounces and the checks, and the ways out that apply, "
                   "fastest first. Choose one to go on; you can come back for the others."));
    m_verdict->setObjectName(QStringLiteral("verdictView"));
    m_verdict->setAccessibleName(tr("Verdict"));
    m_verdict->setOpenExternalLinks(true);
    auto *pathsLabel = new QLabel(tr("<b>Ways out</b>"), this);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_verdict, 1);
    layout->addWidget(pathsLabel);
    layout->addLayout(m_pathsLayout);
    connect(m_paths, &QButtonGroup::idToggled, this, [this](int id, bool checked) {
        if (checked)
            m_case->setPath(m_pathIds.value(id));
    });
}

Diagnosis DiagnosisPage::diagnosis() const
{
    return m_case->diagnosis({}, m_lang);
}

void DiagnosisPage::initializePage()
{
    const Diagnosis d = diagnosis();
    QString html = QStringLiteral("<ul>");
    for (const QString &v : d.verdicts())
        html += QStringLiteral("<li>%1</li>").arg(v.toHtmlEscaped());
    html += QStringLiteral("</ul><ol>");
    // Chinese has no italics and takes full-width brackets; the "how" is set off by colour.
    const bool zh = m_lang.startsWith(u"zh");
    const QString item = zh
            ? QStringLiteral("<li><b>%1</b>（%2）<br>%3<br><span style=\"color:%5\">%4</span></li>")
            : QStringLiteral("<li><b>%1</b> (%2)<br>%3<br><i>%4</i>%5</li>");
    const QString muted = zh ? palette().color(QPalette::PlaceholderText).name() : QString();
    for (const Diagnosis::FixPath &p : d.fixPaths())
        html += item.arg(p.title.toHtmlEscaped(), p.speed.toHtmlEscaped(), p.why.toHtmlEscaped(),
                p.how.toHtmlEscaped(), muted);
    html += QStringLiteral("</ol>");
    m_verdict->setHtml(html);

    for (QAbstractButton *b : m_paths->buttons()) {
        m_paths->removeButton(b);
        delete b;
    }
    m_pathIds.clear();
    for (const Diagnosis::FixPath &p : d.fixPaths()) {
        auto *button = new QRadioButton(
                (zh ? QStringLiteral("%1. %2（%3）") : QStringLiteral("%1. %2 — %3"))
                        .arg(m_pathIds.size() + 1)
                        .arg(p.title, p.speed),
                this);
        // The full title and reasons are in the view above; a long label must not widen the
        // window.
        button->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
        button->setObjectName(QStringLiteral("path-") + p.id);
        button->setToolTip(p.why + QStringLiteral("\n\n") + p.how);
        button->setAccessibleDescription(p.why);
        m_paths->addButton(button, int(m_pathIds.size()));
        m_pathsLayout->addWidget(button);
        m_pathIds << p.id;
    }
    // The case's way out (chosen before, or in a restored session) while it still applies,
    // else the fastest.
    const qsizetype chosen = std::max(m_pathIds.indexOf(m_case->path()), qsizetype(0));
    if (QAbstractButton *b = m_paths->button(int(chosen)))
        b->setChecked(true);
    m_case->setPath(m_pathIds.value(chosen));
}

QString DiagnosisPage::chosenPath() const
{
    return m_case->path();
}

void DiagnosisPage::choosePath(const QString &id)
{
    // Before the page has its paths (a session being restored), the case keeps the id.
    const qsizetype i = m_pathIds.indexOf(id);
    if (i >= 0)
        m_paths->button(int(i))->setChecked(true);
    else if (m_pathIds.isEmpty())
        m_case->setPath(id);
}

int DiagnosisPage::nextId() const
{
    // Each way out is a branch: the relay page, the letters, or the summary with its steps.
    const QString path = chosenPath();
    if (path == u"relay-via-isp")
        return BounceWizard::PageConfigCheck; // what the server does today, then the relay
    if (path == u"isp-rdns" || path == u"recipient-allowlist")
        return BounceWizard::PageLetters;
    return BounceWizard::PageSummary;
}

} // namespace bd
