// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui/IpPage.h"

#include "dns/CaresResolver.h"
#include "gui/AppSettings.h"
#include "ipcheck/IpChecker.h"
#include "owner/RdapBootstrap.h"
#include "report/Diagnosis.h"
#include "session/Case.h"
#include "util/IpAddress.h"
#include "util/JsonDocument.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
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

QString statusText(const QString &status)
{
    if (status == u"listed")
        return IpPage::tr("✖ listed");
    if (status == u"not-listed")
        return IpPage::tr("✔ not listed");
    if (status == u"refused")
        return IpPage::tr("⚠ refused");
    if (status == u"timeout")
        return IpPage::tr("⌛ no answer");
    if (status == u"error")
        return IpPage::tr("⚠ error");
    if (status == u"not-applicable")
        return IpPage::tr("– not for IPv6");
    return IpPage::tr("… asking");
}

using JsonDocument::strings;

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
    connect(m_case, &Case::loaded, this, [this] {
        const Case::IpInputs in = m_case->ipInputs();
        restore({{QStringLiteral("ip"), in.ip}, {QStringLiteral("helo"), in.helo},
                        {QStringLiteral("domain"), in.domain}},
                m_case->ipResult());
    });

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

IpPage::~IpPage() = default;

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
    return !m_case->ipResult().isEmpty();
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
    m_resolver = std::make_unique<CaresResolver>(settings.resolverOptions());
    IpCheckOptions options;
    options.lang = m_lang;
    options.helo = m_helo->text().trimmed();
    options.domain = m_domain->text().trimmed();
    for (const QString &z : settings.dnsblZones)
        options.zones << DnsblTable::builtIn().zone(z);
    options.owner = settings.ownerLookup;
    options.network = &m_network;
    options.ownerOptions.abusix = settings.abusix;
    options.ownerOptions.rdapBase = settings.rdapBase;
    options.ownerOptions.whoisServer = settings.whoisServer;
    options.ownerOptions.timeoutMs = settings.timeoutMs;
    if (options.owner && settings.rdapBase.isEmpty()) {
        RdapBootstrap::loadCache();
        RdapBootstrap::refreshIfStale(&m_network);
    }
    m_checker = std::make_unique<IpChecker>(m_resolver.get(), options);
    connect(m_checker.get(), &IpChecker::progressed, this, [this] {
        if (!m_renderTimer->isActive())
            m_renderTimer->start();
    });
    connect(m_checker.get(), &IpChecker::finished, this, &IpPage::finish);
    m_case->setIpResult({});
    m_progress->show();
    m_progress->setValue(0);
    m_check->setEnabled(false);
    m_cancel->setEnabled(true);
    m_copy->setEnabled(false);
    m_hint->setVisible(!m_hint->text().isEmpty() && m_hint->isVisible());
    m_checker->start({*ip});
    render();
    emit completeChanged();
}

QJsonObject IpPage::inputs() const
{
    return {{QStringLiteral("ip"), m_ip->currentText().trimmed()},
            {QStringLiteral("helo"), m_helo->text().trimmed()},
            {QStringLiteral("domain"), m_domain->text().trimmed()}};
}

void IpPage::restore(const QJsonObject &inputs, const QJsonObject &result)
{
    m_ip->setCurrentText(inputs.value(u"ip").toString());
    m_helo->setText(inputs.value(u"helo").toString());
    m_domain->setText(inputs.value(u"domain").toString());
    m_case->setIpResult(result);
    m_summary->clear();
    m_dnsbl->setRowCount(0);
    if (!result.isEmpty()) {
        renderResult(result, true,
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

QJsonObject IpPage::result() const
{
    return m_case->ipResult();
}

void IpPage::cancelCheck()
{
    if (m_checker && !m_checker->isFinished()) {
        m_resolver->cancelAll();
        m_summary->append(tr("<p><i>Cancelled.</i></p>"));
    }
    m_checker.reset();
    m_resolver.reset();
    m_cancel->setEnabled(false);
    m_check->setEnabled(!m_ip->currentText().trimmed().isEmpty());
    m_progress->hide();
}

void IpPage::finish()
{
    render();
    m_case->setIpResult(m_checker->results().at(0).toObject());
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
    renderResult(m_checker->results().at(0).toObject(), m_checker->isFinished());
}

void IpPage::renderResult(const QJsonObject &c, bool done, const QString &note)
{
    const QJsonObject ptr = c.value(u"ptr").toObject();
    const QJsonObject generic = c.value(u"generic_ptr").toObject();
    QString html = note;
    const QJsonObject resolver = c.value(u"resolver").toObject();
    const bool trusted = resolver.value(u"trusted").toBool(true);
    // Until the resolver has answered its probe, nothing is known; once it has failed it,
    // nothing it said is a finding, and the admin must read that before anything else.
    if (done && !trusted)
        html += QStringLiteral("<p style=\"color:%1\"><b>%2</b></p>")
                        .arg(m_summary->palette().color(QPalette::Base).lightness() < 128
                                        ? QStringLiteral("#ff7070")
                                        : QStringLiteral("#c02020"),
                                resolver.value(u"problem").toString().toHtmlEscaped());
    const QStringList names = strings(ptr.value(u"names"));
    const QString ptrStatus = ptr.value(u"status").toString();
    if (!done && names.isEmpty() && ptrStatus == u"error") {
        html += tr("<p>Looking up the PTR…</p>");
    } else if (names.isEmpty() && ptrStatus != u"none") {
        html += tr("<p><b>PTR:</b> not known: the lookup failed (%1).</p>")
                        .arg(ptrStatus.toHtmlEscaped());
    } else if (names.isEmpty()) {
        html += tr("<p><b>PTR:</b> none (%1). Many receivers refuse mail from an IP without a PTR "
                   "record.</p>")
                        .arg(ptrStatus.toHtmlEscaped());
    } else {
        html += tr("<p><b>PTR:</b> %1 — %2</p>")
                        .arg(names.join(QStringLiteral(", ")).toHtmlEscaped(),
                                ptr.value(u"forward_confirmed").toBool()
                                        ? tr("points back to this IP (forward-confirmed)")
                                        : tr("<b>does not point back</b> to this IP (not "
                                             "forward-confirmed)"));
    }
    const QString verdict = generic.value(u"verdict").toString();
    if (verdict == u"generic")
        html += tr("<p><b>The name looks generic:</b> receivers such as Trend Micro treat the IP "
                   "as a dynamic or end-user line.</p>");
    else if (verdict == u"specific")
        html += tr("<p><b>The name looks like a server's.</b></p>");
    html += QStringLiteral("<ul>");
    for (const QString &reason : strings(generic.value(u"reasons")))
        html += QStringLiteral("<li>%1</li>").arg(reason.toHtmlEscaped());
    html += QStringLiteral("</ul>");
    if (c.contains(u"helo")) {
        const QJsonObject h = c.value(u"helo").toObject();
        html += tr("<p><b>HELO %1:</b> resolves to this IP: %2; same as the PTR: %3</p>")
                        .arg(h.value(u"name").toString().toHtmlEscaped(),
                                h.value(u"resolves_to_ip").toBool() ? tr("yes") : tr("no"),
                                h.value(u"matches_ptr").toBool() ? tr("yes") : tr("no"));
    }
    if (c.contains(u"domain")) {
        const QJsonObject d = c.value(u"domain").toObject();
        const QJsonObject spf = d.value(u"spf").toObject();
        html += tr("<p><b>SPF of %1:</b> %2 %3</p>")
                        .arg(d.value(u"name").toString().toHtmlEscaped(),
                                Diagnosis::statusWord(spf.value(u"result").toString(), m_lang)
                                        .toHtmlEscaped(),
                                spf.value(u"record").toString().toHtmlEscaped());
        const QJsonObject dmarc = d.value(u"dmarc").toObject();
        html += tr("<p><b>DMARC:</b> %1</p>")
                        .arg((dmarc.value(u"record").isString()
                                        ? dmarc.value(u"record").toString()
                                        : Diagnosis::statusWord(
                                                dmarc.value(u"status").toString(), m_lang))
                                        .toHtmlEscaped());
    }
    const QJsonObject owner = c.value(u"owner").toObject();
    if (!owner.isEmpty()) {
        const QStringList abuse = strings(owner.value(u"abuse_emails"));
        const QStringList noc = strings(owner.value(u"noc_emails"));
        html += tr("<p><b>Owner:</b> %1 (%2, %3, %4), from %5</p>")
                        .arg(owner.value(u"org").toString().toHtmlEscaped(),
                                owner.value(u"netname").toString().toHtmlEscaped(),
                                owner.value(u"range").toString().toHtmlEscaped(),
                                owner.value(u"country").toString().toHtmlEscaped(),
                                owner.value(u"registry").toString().toHtmlEscaped());
        if (!abuse.isEmpty())
            html += tr("<p><b>Write to:</b> %1 (their abuse desk)</p>")
                            .arg(abuse.join(QStringLiteral(", ")).toHtmlEscaped());
        else if (!noc.isEmpty())
            html += tr("<p><b>Write to:</b> %1 (no abuse desk is registered; this is their network "
                       "contact)</p>")
                            .arg(noc.join(QStringLiteral(", ")).toHtmlEscaped());
        else if (done)
            html += tr("<p>No abuse contact was found for this range.</p>");
        for (const QJsonValue &v : owner.value(u"rejected").toArray())
            html += tr("<p><i>Not %1: %2.</i></p>")
                            .arg(v.toObject().value(u"email").toString().toHtmlEscaped(),
                                    v.toObject().value(u"why").toString().toHtmlEscaped());
        if (owner.value(u"static_hint").toString() == u"dynamic")
            html += tr("<p>The registry describes the range as <b>dynamic</b> (\"%1\"): ask the "
                       "ISP to mark your address static in WHOIS.</p>")
                            .arg(owner.value(u"static_evidence").toString().toHtmlEscaped());
        else if (owner.value(u"static_hint").toString() == u"static")
            html += tr("<p>The registry describes the range as <b>static</b> (\"%1\").</p>")
                            .arg(owner.value(u"static_evidence").toString().toHtmlEscaped());
    }
    for (const QJsonValue &v : c.value(u"not_queryable").toArray()) {
        const QJsonObject n = v.toObject();
        html += QStringLiteral("<p>%1 <a href=\"%2\">%2</a></p>")
                        .arg(n.value(u"note").toString().toHtmlEscaped(),
                                n.value(u"lookup_url").toString().toHtmlEscaped());
    }
    m_summary->setOpenExternalLinks(true);
    m_summary->setHtml(html);

    const QJsonArray dnsbl = c.value(u"dnsbl").toArray();
    m_dnsbl->setRowCount(int(dnsbl.size()));
    for (int row = 0; row < dnsbl.size(); ++row) {
        const QJsonObject d = dnsbl.at(row).toObject();
        QString status = d.value(u"status").toString();
        if (status.isEmpty())
            status = QStringLiteral("pending");
        const bool final = done || status != u"pending";
        m_dnsbl->setItem(row, ColZone, new QTableWidgetItem(d.value(u"name").toString()));
        auto *statusItem = new QTableWidgetItem(final ? statusText(status) : statusText(QString()));
        if (status == u"listed")
            statusItem->setForeground(m_dnsbl->palette().color(QPalette::Base).lightness() < 128
                            ? QColor(0xff, 0x70, 0x70) // dark theme
                            : QColor(0xc0, 0x20, 0x20));
        m_dnsbl->setItem(row, ColStatus, statusItem);
        auto *meaning = new QTableWidgetItem(d.value(u"meaning").toString());
        meaning->setToolTip(d.value(u"meaning").toString());
        m_dnsbl->setItem(row, ColMeaning, meaning);
        m_dnsbl->setItem(row, ColLink,
                new QTableWidgetItem(
                        status == u"listed" ? d.value(u"lookup_url").toString() : QString()));
    }
}

QString IpPage::asText() const
{
    if (m_case->ipResult().isEmpty())
        return {};
    QString text = tr("IP %1").arg(m_case->ipResult().value(u"ip").toString()) + u'\n';
    const QJsonObject ptr = m_case->ipResult().value(u"ptr").toObject();
    text += tr("PTR: %1 (%2), forward-confirmed: %3")
                    .arg(strings(ptr.value(u"names")).join(QStringLiteral(", ")),
                            Diagnosis::statusWord(ptr.value(u"status").toString(), m_lang),
                            ptr.value(u"forward_confirmed").toBool() ? tr("yes") : tr("no"))
            + u'\n';
    const QJsonObject generic = m_case->ipResult().value(u"generic_ptr").toObject();
    text += tr("Name looks %1: %2")
                    .arg(Diagnosis::statusWord(generic.value(u"verdict").toString(), m_lang),
                            strings(generic.value(u"reasons")).join(QStringLiteral("; ")))
            + u'\n';
    for (const QJsonValue &v : m_case->ipResult().value(u"dnsbl").toArray()) {
        const QJsonObject d = v.toObject();
        text += QStringLiteral("%1: %2 %3\n")
                        .arg(d.value(u"zone").toString(),
                                Diagnosis::statusWord(d.value(u"status").toString(), m_lang),
                                d.value(u"meaning").toString());
    }
    return text;
}

} // namespace bd
