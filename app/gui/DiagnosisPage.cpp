// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui/DiagnosisPage.h"

#include "gui/BounceWizard.h"
#include "session/Case.h"
#include "util/Localized.h"

#include <QButtonGroup>
#include <QLabel>
#include <QRadioButton>
#include <QTextBrowser>
#include <QVBoxLayout>

#include <algorithm>

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
            m_case->setPath(m_shown.value(id).id);
    });
}

Diagnosis DiagnosisPage::diagnosis() const
{
    return m_case->report(m_lang);
}

void DiagnosisPage::initializePage()
{
    const Diagnosis d = diagnosis();
    QString html = QStringLiteral("<ul>");
    for (const QString &v : d.verdicts())
        html += QStringLiteral("<li>%1</li>").arg(v.toHtmlEscaped());
    html += QStringLiteral("</ul><ol>");
    // Chinese has no italics; the "how" is set off by colour.
    const bool zh = m_lang == Language::SimplifiedChinese;
    const QString item = zh
            ? QStringLiteral("<li><b>%1</b>%2<br>%3<br><span style=\"color:%5\">%4</span></li>")
            : QStringLiteral("<li><b>%1</b>%2<br>%3<br><i>%4</i>%5</li>");
    const QString muted = zh ? palette().color(QPalette::PlaceholderText).name() : QString();
    const Punctuation &marks = Punctuation::of(m_lang);
    for (const Diagnosis::FixPath &p : d.fixPaths())
        html += item.arg(p.title.toHtmlEscaped(), marks.parenthesized(p.speed.toHtmlEscaped()),
                p.why.toHtmlEscaped(), p.how.toHtmlEscaped(), muted);
    html += QStringLiteral("</ol>");
    m_verdict->setHtml(html);

    for (QAbstractButton *b : m_paths->buttons()) {
        m_paths->removeButton(b);
        delete b;
    }
    m_shown.clear();
    for (const Diagnosis::FixPath &p : d.fixPaths()) {
        auto *button = new QRadioButton(
                (zh ? QStringLiteral("%1. %2（%3）") : QStringLiteral("%1. %2 — %3"))
                        .arg(m_shown.size() + 1)
                        .arg(p.title, p.speed),
                this);
        // The full title and reasons are in the view above; a long label must not widen the
        // window.
        button->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
        button->setObjectName(QStringLiteral("path-") + p.id);
        button->setToolTip(p.why + QStringLiteral("\n\n") + p.how);
        button->setAccessibleDescription(p.why);
        m_paths->addButton(button, int(m_shown.size()));
        m_pathsLayout->addWidget(button);
        m_shown << p;
    }
    // The case's way out (chosen before, or in a restored session) while it still applies,
    // else the fastest.
    const qsizetype chosen = std::max(indexOfPath(m_case->path()), qsizetype(0));
    if (QAbstractButton *b = m_paths->button(int(chosen)))
        b->setChecked(true);
    m_case->setPath(m_shown.value(chosen).id);
}

qsizetype DiagnosisPage::indexOfPath(const QString &id) const
{
    const auto it = std::find_if(m_shown.cbegin(), m_shown.cend(),
            [&](const Diagnosis::FixPath &p) { return p.id == id; });
    return it == m_shown.cend() ? -1 : it - m_shown.cbegin();
}

const Diagnosis::FixPath *DiagnosisPage::chosen() const
{
    const qsizetype i = indexOfPath(m_case->path());
    return i < 0 ? nullptr : &m_shown.at(i);
}

QString DiagnosisPage::chosenPath() const
{
    return m_case->path();
}

QString DiagnosisPage::chosenLetterKind() const
{
    const Diagnosis::FixPath *path = chosen();
    return path && !path->letterKinds.isEmpty() ? path->letterKinds.constFirst() : QString();
}

void DiagnosisPage::choosePath(const QString &id)
{
    // Before the page has its paths (a session being restored), the case keeps the id.
    const qsizetype i = indexOfPath(id);
    if (i >= 0)
        m_paths->button(int(i))->setChecked(true);
    else if (m_shown.isEmpty())
        m_case->setPath(id);
}

int DiagnosisPage::nextId() const
{
    // Each way out is a branch: the relay page, the letters, or the summary with its steps.
    const Diagnosis::FixPath *path = chosen();
    switch (path ? path->step : Diagnosis::FixPath::Step::Summary) {
    case Diagnosis::FixPath::Step::Relay:
        return BounceWizard::PageConfigCheck; // what the server does today, then the relay
    case Diagnosis::FixPath::Step::Letters:
        return BounceWizard::PageLetters;
    case Diagnosis::FixPath::Step::Summary:
        break;
    }
    return BounceWizard::PageSummary;
}

} // namespace bd
