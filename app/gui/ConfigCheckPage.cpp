// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui/ConfigCheckPage.h"

#include "dns/CaresResolver.h"
#include "gui/AppSettings.h"
#include "relay/Port25Probe.h"
#include "relay/PostfixSettings.h"
#include "session/Case.h"

#include <QFile>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>

namespace bd {

ConfigCheckPage::ConfigCheckPage(Case *caseModel, QWidget *parent)
    : QWizardPage(parent)
    , m_case(caseModel)
    , m_port25Host(new QLineEdit(this))
    , m_config(new QPlainTextEdit(this))
    , m_findings(new QTextBrowser(this))
    , m_port25(new QLabel(this))
    , m_debounce(new QTimer(this))
    , m_probe(new Port25Probe(this))
{
    setObjectName(QStringLiteral("configCheckPage"));
    setTitle(tr("What your server does today"));
    setSubTitle(tr("Paste the output of \"postconf -n\" (or open main.cf): the check says what "
                   "stands between you and a working relay. Only the port 25 test connects "
                   "anywhere."));
    m_config->setObjectName(QStringLiteral("configText"));
    m_config->setAccessibleName(tr("Postfix settings"));
    m_config->setPlaceholderText(tr("relayhost = …\nsmtp_sasl_auth_enable = …"));
    m_config->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_findings->setObjectName(QStringLiteral("configFindings"));
    m_findings->setAccessibleName(tr("Findings"));
    m_port25->setObjectName(QStringLiteral("port25Result"));
    m_port25->setWordWrap(true);
    m_port25Host->setObjectName(QStringLiteral("port25Host"));
    m_port25Host->setAccessibleName(tr("Mail server to try on port 25"));
    m_port25Host->setPlaceholderText(tr("a recipient's mail server, e.g. mx.example.org"));
    auto *open = new QPushButton(tr("&Open main.cf…"), this);
    auto *port25 = new QPushButton(tr("Test outbound port &25"), this);
    open->setObjectName(QStringLiteral("openMainCfButton"));
    port25->setObjectName(QStringLiteral("port25Button"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(open);
    buttons->addStretch(1);
    buttons->addWidget(m_port25, 3);
    buttons->addWidget(m_port25Host, 2);
    buttons->addWidget(port25);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_config, 2);
    layout->addWidget(m_findings, 2);
    layout->addLayout(buttons);

    m_debounce->setSingleShot(true);
    m_debounce->setInterval(300);
    connect(m_debounce, &QTimer::timeout, this, &ConfigCheckPage::analyse);
    connect(m_config, &QPlainTextEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
    connect(open, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open main.cf"),
                QStringLiteral("/etc/postfix"), tr("Postfix (main.cf);;All files (*)"));
        QFile f(path);
        if (!path.isEmpty() && f.open(QIODevice::ReadOnly))
            setConfigText(QString::fromUtf8(f.read(1 << 20)));
    });
    connect(port25, &QPushButton::clicked, this, [this] { testPort25(); });
    connect(m_probe, &Port25Probe::finished, this, [this] {
        m_port25->setText(m_probe->result().text(m_lang));
        emit port25Tested();
    });
}

ConfigCheckPage::~ConfigCheckPage() = default;

void ConfigCheckPage::initializePage()
{
    suggestPort25Host();
    if (m_config->toPlainText().isEmpty()) {
        // On the mail server itself, start from its own file.
        QFile f(QStringLiteral("/etc/postfix/main.cf"));
        if (f.open(QIODevice::ReadOnly))
            m_config->setPlainText(QString::fromUtf8(f.read(1 << 20)));
    }
    analyse();
}

void ConfigCheckPage::setConfigText(const QString &text)
{
    m_config->setPlainText(text);
    analyse();
}

void ConfigCheckPage::analyse()
{
    const PostfixSettings settings = PostfixSettings::parse(m_config->toPlainText());
    if (settings.isEmpty()) {
        m_findings->setHtml(tr("<p>Paste your settings above to check them.</p>"));
        return;
    }
    const QStringList ptr = m_case->ipResult() ? m_case->ipResult()->ptr.names : QStringList();
    QString html = QStringLiteral("<ul>");
    for (const ConfigFinding &f : settings.check(ptr, m_lang)) {
        using Severity = ConfigFinding::Severity;
        const QString mark = f.severity == Severity::Problem ? QStringLiteral("✘")
                : f.severity == Severity::Warning            ? QStringLiteral("⚠")
                                                             : QString();
        html += QStringLiteral("<li>%1</li>")
                        .arg((mark.isEmpty() ? QString() : mark + u' ') + f.text.toHtmlEscaped());
    }
    m_findings->setHtml(html + QStringLiteral("</ul>"));
}

QString ConfigCheckPage::findingsText() const
{
    return m_findings->toPlainText();
}

// The test goes to a server the mail really goes to: the MX of the first domain that refused
// us (or, when DNS does not say, the server the bounce names). A fixed foreign host would be
// unreachable from some countries for reasons that have nothing to do with the ISP.
void ConfigCheckPage::suggestPort25Host()
{
    if (!m_port25Host->text().trimmed().isEmpty())
        return;
    QString domain;
    QString remoteHost;
    for (const MessageReport &m : m_case->reports()) {
        for (const RecipientReport &r : m.recipients) {
            if (!r.recipient.contains(u'@'))
                continue;
            domain = r.recipient.section(u'@', 1).toLower();
            remoteHost = r.remoteHost;
            break;
        }
        if (!domain.isEmpty())
            break;
    }
    if (domain.isEmpty())
        return;
    m_port25Host->setPlaceholderText(tr("Looking up the mail server of %1…").arg(domain));
    m_resolver = std::make_unique<CaresResolver>(AppSettings::load().resolverOptions());
    m_resolver->lookup(domain, DnsType::MX, this, [this, remoteHost](const DnsResult &r) {
        QString best;
        quint16 preference = 0;
        for (const DnsRecord &record : r.records) {
            if (record.data.isEmpty() || record.data == u".")
                continue;
            if (best.isEmpty() || record.preference < preference) {
                best = record.data;
                preference = record.preference;
            }
        }
        if (best.endsWith(u'.'))
            best.chop(1);
        if (best.isEmpty() && !remoteHost.contains(u'*'))
            best = remoteHost;
        QMetaObject::invokeMethod(
                this,
                [this, best] {
                    m_port25Host->setPlaceholderText(
                            tr("a recipient's mail server, e.g. mx.example.org"));
                    if (m_port25Host->text().trimmed().isEmpty())
                        m_port25Host->setText(best);
                    emit port25HostSuggested();
                },
                Qt::QueuedConnection);
    });
}

QString ConfigCheckPage::port25Host() const
{
    return m_port25Host->text().trimmed();
}

void ConfigCheckPage::testPort25(const QString &host, quint16 port)
{
    const QString target = host.isEmpty() ? port25Host() : host;
    if (target.isEmpty()) {
        m_probe->cancel();
        m_port25->setText(tr("Enter a mail server to try, for example the MX of a domain that "
                             "refused your mail."));
        emit port25Tested();
        return;
    }
    m_port25->setText(tr("Connecting to %1 port %2…").arg(target).arg(port));
    m_probe->start(target, port);
}

QString ConfigCheckPage::port25Result() const
{
    return m_port25->text();
}

} // namespace bd
