// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui/IpPage.h"

#include "gui/AppSettings.h"
#include "ipcheck/IpCheckRun.h"
#include "report/Diagnosis.h"
#include "session/Case.h"
#include "util/IpAddress.h"
#include "util/Localized.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>

namespace bd {
namespace {

enum Column { ColZone, ColStatus, ColMeaning, ColLink, ColumnCount };

QString statusText(DnsblStatus status)
{
    switch (status) {
    case DnsblStatus::Listed:
        return IpPage::tr("✖ listed");
    case DnsblStatus::NotListed:
        return IpPage::tr("✔ not listed");
    case DnsblStatus::Refused:
        return IpPage::tr("⚠ refused");
    case DnsblStatus::Timeout:
        return IpPage::tr("⌛ no answer");
    case DnsblStatus::Error:
        return IpPage::tr("⚠ error");
    case DnsblStatus::NotApplicable:
        return IpPage::tr("– not for IPv6");
    case DnsblStatus::Pending:
        break;
    }
    return IpPage::tr("… asking");
}

} // namespace

IpPage::IpPage(Case *caseModel, QWidget *parent)
    : QWizardPage(parent)
    , m_case(caseModel)
    , m_ip(new QComboBox(this))
    , m_helo(new QLineEdit(this))
    , m_domain(new QLineEdit(this))
    , m_hint(new QLabel(this))
    , m_check(new QPushButton(tr("&Check"), this))
    , m_cancel(new QPushButton(tr("C&ancel"), this))
    , m_copy(new QPushButton(tr("Co&py as text"), this))
    , m_progress(new QProgressBar(this))
    , m_summary(new QTextBrowser(this))
    , m_dnsbl(new QTableWidget(0, ColumnCount, this))
    , m_renderTimer(new QTimer(this))
    , m_run(new IpCheckRun(this))
{
    setObjectName(QStringLiteral("ipPage"));
    setTitle(tr("Your IP as receivers see it"));
    setSubTitle(tr("Reverse DNS (PTR), whether it points back, whether the name looks like an "
                   "end-user line, the "
                   "blocklists, and who owns the range. DNS, RDAP and WHOIS queries are sent; "
                   "nothing else."));

    m_ip->setObjectName(QStringLiteral("ipInput"));
    m_ip->setEditable(true);
    m_ip->setAccessibleName(tr("IP address to check"));
    m_helo->setObjectName(QStringLiteral("heloInput"));
    m_helo->setPlaceholderText(tr("optional, e.g. mail.example.com"));
    m_helo->setAccessibleName(tr("HELO name"));
    m_domain->setObjectName(QStringLiteral("domainInput"));
    m_domain->setPlaceholderText(tr("optional, e.g. example.com"));
    m_domain->setAccessibleName(tr("Sender domain"));
    m_hint->setObjectName(QStringLiteral("ipHint"));
    m_hint->setWordWrap(true);
    m_check->setObjectName(QStringLiteral("checkButton"));
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    m_cancel->setEnabled(false);
    m_copy->setObjectName(QStringLiteral("copyButton"));
    m_copy->setEnabled(false);
    m_progress->setObjectName(QStringLiteral("checkProgress"));
    m_progress->setTextVisible(true);
    m_progress->setVisible(false);
    // Keep the buttons their natural width whether or not the progress bar shows.
    m_progress->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    for (QPushButton *b : {m_check, m_cancel, m_copy})
        b->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    m_summary->setObjectName(QStringLiteral("ipSummary"));
    m_summary->setAccessibleName(tr("What the checks found"));
    m_dnsbl->setObjectName(QStringLiteral("dnsblTable"));
    m_dnsbl->setAccessibleName(tr("Blocklists"));
    m_dnsbl->setHorizontalHeaderLabels(
            {tr("Blocklist"), tr("Status"), tr("Meaning"), tr("Look up")});
    m_dnsbl->verticalHeader()->hide();
    m_dnsbl->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_dnsbl->setWordWrap(false);
    m_dnsbl->horizontalHeader()->setSectionResizeMode(ColZone, QHeaderView::ResizeToContents);
    m_dnsbl->horizontalHeader()->setSectionResizeMode(ColStatus, QHeaderView::ResizeToContents);
    m_dnsbl->horizontalHeader()->setSectionResizeMode(ColMeaning, QHeaderView::Stretch);
    m_dnsbl->horizontalHeader()->setSectionResizeMode(ColLink, QHeaderView::ResizeToContents);
    m_renderTimer->setSingleShot(true);
    m_renderTimer->setInterval(100);
    connect(m_renderTimer, &QTimer::timeout, this, &IpPage::render);
    connect(m_run, &IpCheckRun::progressed, this, [this] {
        if (!m_renderTimer->isActive())
            m_renderTimer->start();
    });
    connect(m_run, &IpCheckRun::finished, this, &IpPage::finish);
    connect(m_check, &QPushButton::clicked, this, &IpPage::startCheck);
    connect(m_cancel, &QPushButton::clicked, this, &IpPage::cancelCheck);
    connect(m_copy, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(asText()); });
    connect(m_ip, &QComboBox::currentTextChanged, this,
            [this] { m_check->setEnabled(!m_ip->currentText().trimmed().isEmpty()); });
    const auto toCase = [this] {
        m_case->setIpInputs({m_ip->currentText(), m_helo->text(), m_domain->text()});
    };
    connect(m_ip, &QComboBox::currentTextChanged, this, toCase);
    for (QLineEdit *e : {m_helo, m_domain})
        connect(e, &QLineEdit::textChanged, this, toCase);
    connect(m_case, &Case::loaded, this, &IpPage::showCase);

    auto *form = new QFormLayout;
    form->addRow(tr("&IP address:"), m_ip);
    form->addRow(tr("&HELO name:"), m_helo);
    form->addRow(tr("Sender &domain:"), m_domain);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_check);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_copy);
    buttons->addWidget(m_progress, 1);
    buttons->addStretch(0);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_summary);
    splitter->addWidget(m_dnsbl);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_hint);
    layout->addLayout(buttons);
    layout->addWidget(splitter, 1);
}

IpPage::~IpPage()
{
    // The run, a child, cancels its lookups when it goes, after this page is half gone.
    m_run->disconnect(this);
}

void IpPage::initializePage()
{
    // Offer the IPs the bounces name; a hidden one ("113.98.228.***") asks for the real one.
    QStringList offered;
    QStringList masked;
    for (const MessageReport &m : m_case->reports()) {
        for (const RecipientReport &r : m.recipients) {
            if (r.blockedIp.isEmpty())
                continue;
            if (r.blockedIpMasked) {
                if (!masked.contains(r.blockedIp))
                    masked << r.blockedIp;
            } else if (!offered.contains(r.blockedIp)) {
                // A private or loopback address in a bounce is some relay's, not the sender's.
                const auto ip = parseIpAddress(r.blockedIp);
                if (ip && unseenAddressProblem(*ip, m_lang).isEmpty())
                    offered << r.blockedIp;
            }
        }
    }
    const QString current = m_ip->currentText();
    m_ip->clear();
    m_ip->addItems(offered);
    if (!current.isEmpty())
        m_ip->setCurrentText(current);
    if (!masked.isEmpty()) {
        m_hint->setText(tr("The bounces hide part of the address (%1). Enter your server's real "
                           "public IP: the one your mail leaves from.")
                                .arg(masked.join(QStringLiteral(", "))));
        m_hint->show();
        if (offered.isEmpty()) {
            m_ip->setCurrentText(QString());
            m_ip->lineEdit()->setPlaceholderText(masked.first());
        }
    } else {
        m_hint->setVisible(offered.isEmpty());
        m_hint->setText(
                tr("No IP was named in the bounces. Enter your server's public IP address."));
    }
    m_check->setEnabled(!m_ip->currentText().trimmed().isEmpty());
}

bool IpPage::isComplete() const
{
    return m_case->ipResult().has_value();
}

void IpPage::startCheck()
{
    cancelCheck();
    const QString text = m_ip->currentText().trimmed();
    const std::optional<QHostAddress> ip = parseIpAddress(text);
    if (!ip) {
        m_hint->setText(tr("'%1' is not an IP address. Enter four numbers like 113.98.228.10, or "
                           "an IPv6 address.")
                                .arg(text));
        m_hint->show();
        return;
    }
    if (const QString unseen = unseenAddressProblem(*ip, m_lang, m_ip->itemText(0));
            !unseen.isEmpty()) {
        m_hint->setText(unseen);
        m_hint->show();
        return;
    }
    const AppSettings settings = AppSettings::load();
    IpCheckOptions options;
    options.lang = m_lang;
    options.helo = m_helo->text().trimmed();
    options.domain = m_domain->text().trimmed();
    for (const QString &z : settings.dnsblZones)
        options.zones << DnsblTable::builtIn().zone(z);
    options.owner = settings.ownerLookup;
    options.ownerOptions.abusix = settings.abusix;
    options.ownerOptions.rdapBase = settings.rdapBase;
    options.ownerOptions.whoisServer = settings.whoisServer;
    options.ownerOptions.timeoutMs = settings.timeoutMs;
    QString error;
    if (!m_run->start(settings.resolverOptions(), options, {*ip}, &error)) {
        m_hint->setText(error);
        m_hint->show();
        return;
    }
    m_checker = m_run->checker();
    m_case->setIpResult(std::nullopt);
    m_progress->show();
    m_progress->setValue(0);
    m_check->setEnabled(false);
    m_cancel->setEnabled(true);
    m_copy->setEnabled(false);
    m_hint->setVisible(!m_hint->text().isEmpty() && m_hint->isVisible());
    render();
    emit completeChanged();
}

QJsonObject IpPage::inputs() const
{
    return {{QStringLiteral("ip"), m_ip->currentText().trimmed()},
            {QStringLiteral("helo"), m_helo->text().trimmed()},
            {QStringLiteral("domain"), m_domain->text().trimmed()}};
}

void IpPage::showCase()
{
    const Case::IpInputs in = m_case->ipInputs();
    m_ip->setCurrentText(in.ip);
    m_helo->setText(in.helo);
    m_domain->setText(in.domain);
    m_summary->clear();
    m_dnsbl->setRowCount(0);
    if (const std::optional<IpCheckResult> &last = m_case->ipResult()) {
        renderResult(*last, true,
                tr("<p><i>The last check, from the saved session. Press <b>Check</b> to look "
                   "again.</i></p>"));
        m_copy->setEnabled(true);
    }
    emit completeChanged();
}

QString IpPage::senderDomain() const
{
    return m_case->senderDomain();
}

const std::optional<IpCheckResult> &IpPage::result() const
{
    return m_case->ipResult();
}

void IpPage::cancelCheck()
{
    if (m_checker && !m_checker->isFinished()) {
        m_run->cancel();
        m_summary->append(tr("<p><i>Cancelled.</i></p>"));
    }
    m_checker = nullptr;
    m_cancel->setEnabled(false);
    m_check->setEnabled(!m_ip->currentText().trimmed().isEmpty());
    m_progress->hide();
}

void IpPage::finish()
{
    if (!m_checker)
        return;
    render();
    m_case->setIpResult(m_checker->results().at(0));
    m_cancel->setEnabled(false);
    m_check->setEnabled(true);
    m_copy->setEnabled(true);
    m_progress->hide();
    emit completeChanged();
}

void IpPage::render()
{
    if (!m_checker)
        return;
    m_progress->setMaximum(qMax(1, m_checker->lookupsStarted()));
    m_progress->setValue(m_checker->lookupsFinished());
    m_progress->setFormat(tr("%v of %m lookups answered"));
    renderResult(m_checker->results().at(0), m_checker->isFinished());
}

void IpPage::renderResult(const IpCheckResult &c, bool done, const QString &note)
{
    QString html = note;
    // Until the resolver has answered its probe, nothing is known; once it has failed it,
    // nothing it said is a finding, and the admin must read that before anything else.
    if (done && !c.resolver.trusted)
        html += QStringLiteral("<p style=\"color:%1\"><b>%2</b></p>")
                        .arg(m_summary->palette().color(QPalette::Base).lightness() < 128
                                        ? QStringLiteral("#ff7070")
                                        : QStringLiteral("#c02020"),
                                c.resolver.problem.toHtmlEscaped());
    const QStringList &names = c.ptr.names;
    const QString ptrStatus = IpCheckResult::statusName(c.ptr.status);
    if (!done && names.isEmpty() && c.ptr.status == PtrStatus::Error) {
        html += tr("<p>Looking up the PTR…</p>");
    } else if (names.isEmpty() && c.ptr.status != PtrStatus::None) {
        html += tr("<p><b>PTR:</b> not known: the lookup failed (%1).</p>")
                        .arg(ptrStatus.toHtmlEscaped());
    } else if (names.isEmpty()) {
        html += tr("<p><b>PTR:</b> none (%1). Many receivers refuse mail from an IP without a PTR "
                   "record.</p>")
                        .arg(ptrStatus.toHtmlEscaped());
    } else {
        html += tr("<p><b>PTR:</b> %1 — %2</p>")
                        .arg(names.join(QStringLiteral(", ")).toHtmlEscaped(),
                                c.ptr.forwardConfirmed
                                        ? tr("points back to this IP (forward-confirmed)")
                                        : tr("<b>does not point back</b> to this IP (not "
                                             "forward-confirmed)"));
    }
    if (c.genericPtr.verdict == GenericPtrClassifier::Verdict::Generic)
        html += tr("<p><b>The name looks generic:</b> receivers such as Trend Micro treat the IP "
                   "as a dynamic or end-user line.</p>");
    else if (c.genericPtr.verdict == GenericPtrClassifier::Verdict::Specific)
        html += tr("<p><b>The name looks like a server's.</b></p>");
    html += QStringLiteral("<ul>");
    for (const QString &reason : c.genericPtr.reasons)
        html += QStringLiteral("<li>%1</li>").arg(reason.toHtmlEscaped());
    html += QStringLiteral("</ul>");
    if (c.helo) {
        html += tr("<p><b>HELO %1:</b> resolves to this IP: %2; same as the PTR: %3</p>")
                        .arg(c.helo->name.toHtmlEscaped(),
                                c.helo->resolvesToIp ? tr("yes") : tr("no"),
                                c.helo->matchesPtr ? tr("yes") : tr("no"));
    }
    if (c.domain) {
        const DomainCheck &d = *c.domain;
        html += tr("<p><b>SPF of %1:</b> %2 %3</p>")
                        .arg(d.name.toHtmlEscaped(),
                                Diagnosis::statusWord(
                                        IpCheckResult::statusName(d.spf.result), m_lang)
                                        .toHtmlEscaped(),
                                d.spf.record.toHtmlEscaped());
        html += tr("<p><b>DMARC:</b> %1</p>")
                        .arg((!d.dmarc.record.isEmpty()
                                        ? d.dmarc.record
                                        : Diagnosis::statusWord(
                                                IpCheckResult::statusName(d.dmarc.status), m_lang))
                                        .toHtmlEscaped());
    }
    if (c.owner) {
        const OwnerResult &owner = *c.owner;
        // Only what a source said: a registry that never answered leaves no empty brackets.
        QStringList facts;
        for (const QString &fact : {owner.org, owner.netname, owner.range, owner.country}) {
            if (!fact.isEmpty())
                facts << fact;
        }
        QString who = facts.isEmpty() ? tr("not found") : facts.takeFirst();
        if (!facts.isEmpty())
            who = tr("%1 (%2)").arg(who, facts.join(Punctuation::of(m_lang).comma));
        if (!owner.registry.isEmpty())
            who = tr("%1, from %2").arg(who, owner.registry);
        html += tr("<p><b>Owner:</b> %1</p>").arg(who.toHtmlEscaped());
        if (!owner.abuseEmails.isEmpty())
            html += tr("<p><b>Write to:</b> %1 (their abuse desk)</p>")
                            .arg(owner.abuseEmails.join(QStringLiteral(", ")).toHtmlEscaped());
        else if (!owner.nocEmails.isEmpty())
            html += tr("<p><b>Write to:</b> %1 (no abuse desk is registered; this is their network "
                       "contact)</p>")
                            .arg(owner.nocEmails.join(QStringLiteral(", ")).toHtmlEscaped());
        else if (done)
            html += tr("<p>No abuse contact was found for this range.</p>");
        for (const RejectedContact &r : owner.rejected)
            html += tr("<p><i>Not %1: %2.</i></p>")
                            .arg(r.email.toHtmlEscaped(), r.why.toHtmlEscaped());
        if (owner.staticHint == u"dynamic")
            html += tr("<p>The registry describes the range as <b>dynamic</b> (\"%1\"): ask the "
                       "ISP to mark your address static in WHOIS.</p>")
                            .arg(owner.staticEvidence.toHtmlEscaped());
        else if (owner.staticHint == u"static")
            html += tr("<p>The registry describes the range as <b>static</b> (\"%1\").</p>")
                            .arg(owner.staticEvidence.toHtmlEscaped());
        // A registry that failed, limited or refused is named, as the CLI does.
        for (const QString &sourceNote : owner.notes)
            html += QStringLiteral("<p>%1</p>").arg(sourceNote.toHtmlEscaped());
    }
    for (const NotQueryableList &n : c.notQueryable) {
        html += QStringLiteral("<p>%1 <a href=\"%2\">%2</a></p>")
                        .arg(n.note.toHtmlEscaped(), n.lookupUrl.toHtmlEscaped());
    }
    m_summary->setOpenExternalLinks(true);
    m_summary->setHtml(html);

    m_dnsbl->setRowCount(int(c.dnsbl.size()));
    for (int row = 0; row < c.dnsbl.size(); ++row) {
        const DnsblCheck &d = c.dnsbl.at(row);
        m_dnsbl->setItem(row, ColZone, new QTableWidgetItem(d.name));
        auto *statusItem = new QTableWidgetItem(statusText(d.status));
        if (d.status == DnsblStatus::Listed)
            statusItem->setForeground(m_dnsbl->palette().color(QPalette::Base).lightness() < 128
                            ? QColor(0xff, 0x70, 0x70) // dark theme
                            : QColor(0xc0, 0x20, 0x20));
        m_dnsbl->setItem(row, ColStatus, statusItem);
        auto *meaning = new QTableWidgetItem(d.meaning);
        meaning->setToolTip(d.meaning);
        m_dnsbl->setItem(row, ColMeaning, meaning);
        m_dnsbl->setItem(row, ColLink,
                new QTableWidgetItem(d.status == DnsblStatus::Listed ? d.lookupUrl : QString()));
    }
}

QString IpPage::asText() const
{
    if (!m_case->ipResult())
        return {};
    const IpCheckResult &c = *m_case->ipResult();
    QString text = tr("IP %1").arg(c.ip) + u'\n';
    text += tr("PTR: %1 (%2), forward-confirmed: %3")
                    .arg(c.ptr.names.join(QStringLiteral(", ")),
                            Diagnosis::statusWord(IpCheckResult::statusName(c.ptr.status), m_lang),
                            c.ptr.forwardConfirmed ? tr("yes") : tr("no"))
            + u'\n';
    text += tr("Name looks %1: %2")
                    .arg(Diagnosis::statusWord(
                                 GenericPtrClassifier::verdictName(c.genericPtr.verdict), m_lang),
                            c.genericPtr.reasons.join(QStringLiteral("; ")))
            + u'\n';
    for (const DnsblCheck &d : c.dnsbl) {
        text += QStringLiteral("%1: %2 %3\n")
                        .arg(d.zone,
                                Diagnosis::statusWord(IpCheckResult::statusName(d.status), m_lang),
                                d.meaning);
    }
    return text;
}

} // namespace bd
