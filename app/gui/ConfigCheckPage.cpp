// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui/ConfigCheckPage.h"

#include "gui/IpPage.h"
#include "relay/PostfixSettings.h"
#include "report/JsonDocument.h"

#include <QFile>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTcpSocket>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>

namespace bd {
namespace {

// A receiver that takes connections on 25 from anywhere; reaching it says the line is open.
const char *const defaultPort25Host = "gmail-smtp-in.l.google.com";
constexpr int port25TimeoutMs = 8000;

} // namespace

ConfigCheckPage::ConfigCheckPage(IpPage *ip, QWidget *parent)
    : QWizardPage(parent)
    , m_ip(ip)
    , m_config(new QPlainTextEdit(this))
    , m_findings(new QTextBrowser(this))
    , m_port25(new QLabel(this))
    , m_debounce(new QTimer(this))
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
    auto *open = new QPushButton(tr("&Open main.cf…"), this);
    auto *port25 = new QPushButton(tr("Test outbound port &25"), this);
    open->setObjectName(QStringLiteral("openMainCfButton"));
    port25->setObjectName(QStringLiteral("port25Button"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(open);
    buttons->addStretch(1);
    buttons->addWidget(m_port25, 3);
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
}

void ConfigCheckPage::initializePage()
{
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
    const QStringList ptr =
            JsonDocument::strings(m_ip->result().value(u"ptr").toObject().value(u"names"));
    QString html = QStringLiteral("<ul>");
    for (const ConfigFinding &f : settings.check(ptr, m_lang)) {
        const QString mark = f.severity == u"problem" ? QStringLiteral("✘")
                : f.severity == u"warning"            ? QStringLiteral("⚠")
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

void ConfigCheckPage::testPort25(const QString &host, quint16 port)
{
    delete m_socket;
    m_socket = new QTcpSocket(this);
    const QString target = host.isEmpty() ? QString::fromLatin1(defaultPort25Host) : host;
    m_port25->setText(tr("Connecting to %1 port %2…").arg(target).arg(port));
    auto *timer = new QTimer(m_socket);
    timer->setSingleShot(true);
    const auto done = [this](const QString &text) {
        m_port25->setText(text);
        m_socket->disconnect(this);
        m_socket->deleteLater();
        m_socket = nullptr;
        emit port25Tested();
    };
    connect(m_socket, &QTcpSocket::connected, this, [done, target, port] {
        done(tr("Port %1 is open: %2 answered. Your ISP does not block outgoing mail.")
                        .arg(port)
                        .arg(target));
    });
    connect(m_socket, &QTcpSocket::errorOccurred, this, [this, done, target, port] {
        done(tr("Port %1 to %2 failed (%3). If it is refused or times out everywhere, your ISP "
                "blocks outgoing port %1: send through its relay on 587.")
                        .arg(port)
                        .arg(target, m_socket->errorString()));
    });
    connect(timer, &QTimer::timeout, this, [done, target, port] {
        done(tr("No answer from %1 on port %2 within %3 seconds: your ISP probably blocks outgoing "
                "port %2. Send through its relay on 587.")
                        .arg(target)
                        .arg(port)
                        .arg(port25TimeoutMs / 1000));
    });
    timer->start(port25TimeoutMs);
    m_socket->connectToHost(target, port);
}

QString ConfigCheckPage::port25Result() const
{
    return m_port25->text();
}

} // namespace bd
