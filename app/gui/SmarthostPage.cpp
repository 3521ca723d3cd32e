// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui/SmarthostPage.h"

#include "dns/CaresResolver.h"
#include "gui/AppSettings.h"
#include "gui/PasswordStore.h"
#include "relay/RelayKnowledge.h"
#include "relay/RelayReport.h"
#include "relay/SmtpRelayTest.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QFileDialog>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QTabWidget>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>

namespace bd {
namespace {

struct MtaChoice
{
    const char *id; // kept in sessions and settings; the position in the list is not
    const char *label;
    Mta mta;
    bool iredmail;
};

const MtaChoice mtaChoices[] = {
        {"postfix", QT_TRANSLATE_NOOP("bd::SmarthostPage", "Postfix"), Mta::Postfix, false},
        {"postfix-iredmail",
                QT_TRANSLATE_NOOP("bd::SmarthostPage", "Postfix installed by iRedMail"),
                Mta::Postfix, true},
        {"exim4", QT_TRANSLATE_NOOP("bd::SmarthostPage", "Exim 4 (Debian, Ubuntu)"), Mta::Exim4,
                false},
        {"sendmail", QT_TRANSLATE_NOOP("bd::SmarthostPage", "Sendmail"), Mta::Sendmail, false},
        {"opensmtpd", QT_TRANSLATE_NOOP("bd::SmarthostPage", "OpenSMTPD"), Mta::OpenSmtpd, false},
        {"exchange", QT_TRANSLATE_NOOP("bd::SmarthostPage", "Microsoft Exchange"), Mta::Exchange,
                false},
        {"client", QT_TRANSLATE_NOOP("bd::SmarthostPage", "A mail program (Outlook, Thunderbird)"),
                Mta::Client, false},
};

} // namespace

SmarthostPage::SmarthostPage(Case *caseModel, QWidget *parent)
    : QWizardPage(parent)
    , m_case(caseModel)
    , m_mta(new QComboBox(this))
    , m_version(new QLineEdit(this))
    , m_host(new QLineEdit(this))
    , m_port(new QSpinBox(this))
    , m_tls(new QComboBox(this))
    , m_user(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_from(new QLineEdit(this))
    , m_to(new QLineEdit(this))
    , m_insecure(new QCheckBox(
              tr("Accept a certificate this system does not trust (test only)"), this))
    , m_remember(new QCheckBox(tr("Remember the password in the desktop's keyring"), this))
    , m_passwords(new PasswordStore(this))
    , m_problem(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_configView(new QTextBrowser(this))
    , m_transcript(new QPlainTextEdit(this))
    , m_verdict(new QLabel(this))
    , m_copy(new QPushButton(tr("Co&py"), this))
    , m_save(new QPushButton(tr("&Save files…"), this))
    , m_testButton(new QPushButton(tr("&Test relay"), this))
    , m_cancel(new QPushButton(tr("Cance&l test"), this))
    , m_debounce(new QTimer(this))
{
    setObjectName(QStringLiteral("smarthostPage"));
    setTitle(tr("Send through a relay server"));
    setSubTitle(tr("The fastest fix: your mail leaves from a relay server whose address receivers "
                   "trust: your ISP's where it offers one, otherwise the SMTP server of a hosted "
                   "mail service or a third-party SMTP relay service. Enter its details; the "
                   "settings below follow."));

    for (const MtaChoice &c : mtaChoices)
        m_mta->addItem(tr(c.label));
    m_mta->setObjectName(QStringLiteral("mtaChoice"));
    m_mta->setAccessibleName(tr("Mail software"));
    m_version->setObjectName(QStringLiteral("mtaVersion"));
    m_version->setAccessibleName(tr("Version of the mail software"));
    m_host->setObjectName(QStringLiteral("relayHost"));
    m_host->setPlaceholderText(tr("e.g. smtp.your-isp.example"));
    m_host->setAccessibleName(tr("Relay host"));
    m_port->setObjectName(QStringLiteral("relayPort"));
    m_port->setRange(1, 65535);
    m_port->setValue(587);
    m_port->setAccessibleName(tr("Relay port"));
    m_tls->addItem(tr("STARTTLS (usually port 587)"), QStringLiteral("starttls"));
    m_tls->addItem(tr("SSL/TLS from the start (usually port 465)"), QStringLiteral("implicit"));
    m_tls->addItem(tr("None (test only; no login)"), QStringLiteral("none"));
    m_tls->setObjectName(QStringLiteral("relayTls"));
    m_tls->setAccessibleName(tr("Encryption"));
    m_user->setObjectName(QStringLiteral("relayUser"));
    m_user->setPlaceholderText(tr("often your full e-mail address"));
    m_user->setAccessibleName(tr("User name"));
    m_password->setObjectName(QStringLiteral("relayPassword"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(PasswordStore::compiledIn()
                    ? tr("asked each time, unless kept in the keyring")
                    : tr("asked each time, never stored"));
    m_password->setAccessibleName(tr("Password"));
    m_from->setObjectName(QStringLiteral("testFrom"));
    m_from->setPlaceholderText(tr("optional: a sender address of yours"));
    m_from->setAccessibleName(tr("Sender to try"));
    m_to->setObjectName(QStringLiteral("testTo"));
    m_to->setPlaceholderText(tr("optional: an outside address (no mail is sent)"));
    m_to->setAccessibleName(tr("Recipient to try"));
    m_insecure->setObjectName(QStringLiteral("testInsecure"));
    m_remember->setObjectName(QStringLiteral("rememberPassword"));
    m_remember->setToolTip(tr("Kept encrypted by the keyring (GNOME Keyring, KWallet), never in "
                              "Bounce Doctor's own files. Untick to forget it."));

    m_problem->setObjectName(QStringLiteral("smarthostProblem"));
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: palette(link)"));
    m_problem->hide();
    m_configView->setObjectName(QStringLiteral("configView"));
    m_configView->setAccessibleName(tr("Generated configuration"));
    m_configView->setOpenExternalLinks(false);
    m_transcript->setObjectName(QStringLiteral("relayTranscript"));
    m_transcript->setAccessibleName(tr("Relay test transcript"));
    m_transcript->setReadOnly(true);
    m_transcript->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_transcript->setMaximumBlockCount(2000);
    m_verdict->setObjectName(QStringLiteral("relayVerdict"));
    m_verdict->setWordWrap(true);
    m_verdict->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_copy->setObjectName(QStringLiteral("copyConfigButton"));
    m_save->setObjectName(QStringLiteral("saveConfigButton"));
    m_testButton->setObjectName(QStringLiteral("testRelayButton"));
    m_cancel->setObjectName(QStringLiteral("cancelTestButton"));
    m_cancel->setEnabled(false);

    auto *testTab = new QWidget(this);
    auto *testLayout = new QVBoxLayout(testTab);
    testLayout->addWidget(m_verdict);
    testLayout->addWidget(m_transcript, 1);
    m_tabs->addTab(m_configView, tr("Configuration"));
    m_tabs->addTab(testTab, tr("Relay test"));
    m_tabs->setObjectName(QStringLiteral("smarthostTabs"));

    auto *form = new QFormLayout;
    auto *software = new QHBoxLayout;
    software->addWidget(m_mta, 2);
    software->addWidget(new QLabel(tr("Version:"), this));
    software->addWidget(m_version, 1);
    form->addRow(tr("&Mail software:"), software);
    auto *relay = new QHBoxLayout;
    relay->addWidget(m_host, 3);
    relay->addWidget(new QLabel(tr("Port:"), this));
    relay->addWidget(m_port);
    relay->addWidget(m_tls, 2);
    form->addRow(tr("Relay &server:"), relay);
    auto *account = new QHBoxLayout;
    account->addWidget(m_user, 1);
    account->addWidget(new QLabel(tr("Password:"), this));
    account->addWidget(m_password, 1);
    form->addRow(tr("&Account:"), account);
    form->addRow(QString(), m_remember);
    form->setRowVisible(m_remember, PasswordStore::compiledIn());
    auto *envelope = new QHBoxLayout;
    envelope->addWidget(m_from, 1);
    envelope->addWidget(m_to, 1);
    form->addRow(tr("Test &envelope:"), envelope);
    form->addRow(QString(), m_insecure);
    if (auto *l = qobject_cast<QLabel *>(form->labelForField(software)))
        l->setBuddy(m_mta);
    if (auto *l = qobject_cast<QLabel *>(form->labelForField(relay)))
        l->setBuddy(m_host);
    if (auto *l = qobject_cast<QLabel *>(form->labelForField(account)))
        l->setBuddy(m_user);
    if (auto *l = qobject_cast<QLabel *>(form->labelForField(envelope)))
        l->setBuddy(m_from);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_copy);
    buttons->addWidget(m_save);
    buttons->addStretch(1);
    buttons->addWidget(m_testButton);
    buttons->addWidget(m_cancel);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(m_tabs, 1);
    layout->addLayout(buttons);

    m_debounce->setSingleShot(true);
    m_debounce->setInterval(250);
    connect(m_debounce, &QTimer::timeout, this, &SmarthostPage::regenerate);
    for (QLineEdit *e : {m_version, m_host, m_user, m_password})
        connect(e, &QLineEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
    for (QLineEdit *e : {m_version, m_host, m_user})
        connect(e, &QLineEdit::textEdited, this, &SmarthostPage::fieldsChanged);
    connect(m_port, &QSpinBox::valueChanged, this, &SmarthostPage::fieldsChanged);
    connect(m_mta, &QComboBox::activated, this, &SmarthostPage::fieldsChanged);
    connect(m_tls, &QComboBox::activated, this, &SmarthostPage::fieldsChanged);
    connect(m_port, &QSpinBox::valueChanged, m_debounce, qOverload<>(&QTimer::start));
    // The case follows every change, typed or set (from a session or the settings).
    const auto toCase = [this] { m_case->setRelay(relayFields()); };
    for (QLineEdit *e : {m_version, m_host, m_user})
        connect(e, &QLineEdit::textChanged, this, toCase);
    connect(m_port, &QSpinBox::valueChanged, this, toCase);
    for (QComboBox *box : {m_mta, m_tls})
        connect(box, &QComboBox::currentIndexChanged, this, toCase);
    connect(m_case, &Case::loaded, this, [this] { setFields(m_case->relay().toJson()); });
    connect(m_mta, &QComboBox::currentIndexChanged, m_debounce, qOverload<>(&QTimer::start));
    connect(m_tls, &QComboBox::currentIndexChanged, this, [this] {
        // Follow the mode with its usual port unless the user chose another one.
        const QString mode = m_tls->currentData().toString();
        if (m_port->value() == 587 || m_port->value() == 465 || m_port->value() == 25)
            m_port->setValue(mode == u"implicit" ? 465 : mode == u"none" ? 25 : 587);
        m_debounce->start();
    });
    connect(m_copy, &QPushButton::clicked, this, [this] {
        if (m_config)
            QApplication::clipboard()->setText(RelayReport::configText(m_config->masked(), m_lang));
    });
    connect(m_save, &QPushButton::clicked, this, [this] {
        const QString dir =
                QFileDialog::getExistingDirectory(this, tr("Folder for the configuration files"));
        if (dir.isEmpty())
            return;
        QString error;
        if (!saveFiles(dir, &error))
            QMessageBox::warning(this, tr("Could not save"), error);
    });
    connect(m_testButton, &QPushButton::clicked, this, &SmarthostPage::startTest);
    connect(m_cancel, &QPushButton::clicked, this, &SmarthostPage::cancelTest);

    connect(m_remember, &QCheckBox::toggled, this, [this](bool on) {
        AppSettings::setRememberPassword(on);
        if (on)
            keepPassword();
        else
            m_passwords->remove(passwordKey());
    });
    // A remembered password comes back once the account and relay are known.
    for (QLineEdit *e : {m_host, m_user})
        connect(e, &QLineEdit::editingFinished, this, &SmarthostPage::recallPassword);
    connect(m_passwords, &PasswordStore::readDone, this,
            [this](const QString &key, const QString &password, const QString &error) {
                if (key != m_recallKey)
                    return; // the fields changed while the keyring looked
                m_recallKey.clear();
                if (!error.isEmpty()) {
                    m_problem->setText(tr("The keyring could not be read: %1.").arg(error));
                    m_problem->show();
                } else if (!password.isEmpty() && m_password->text().isEmpty()) {
                    m_password->setText(password);
                    emit passwordRecalled();
                }
            });
    connect(m_passwords, &PasswordStore::writeDone, this,
            [this](const QString &, const QString &error) {
                if (!error.isEmpty()) {
                    // Nothing else will keep it: the password is asked for next time.
                    const QSignalBlocker quiet(m_remember);
                    m_remember->setChecked(false);
                    AppSettings::setRememberPassword(false);
                    m_problem->setText(tr("The password could not be kept in the keyring (%1); it "
                                          "will be asked for next time.")
                                               .arg(error));
                    m_problem->show();
                }
                emit passwordKept(error);
            });
}

QString SmarthostPage::passwordKey() const
{
    return PasswordStore::keyFor(m_user->text(), m_host->text(), m_port->value());
}

void SmarthostPage::keepPassword()
{
    if (!m_remember->isChecked() || m_password->text().isEmpty()
            || m_user->text().trimmed().isEmpty() || m_host->text().trimmed().isEmpty())
        return;
    m_passwords->write(passwordKey(), m_password->text());
}

void SmarthostPage::recallPassword()
{
    if (!m_remember->isChecked() || !m_password->text().isEmpty()
            || m_user->text().trimmed().isEmpty() || m_host->text().trimmed().isEmpty())
        return;
    m_recallKey = passwordKey();
    m_passwords->read(m_recallKey);
}

SmarthostPage::~SmarthostPage() = default;

void SmarthostPage::setLanguage(Language lang)
{
    m_lang = lang;
    regenerate();
}

void SmarthostPage::initializePage()
{
    // What the user typed last time, except the password, which is never stored.
    showRelay(AppSettings::lastRelay());
    m_case->setRelay(relayFields());
    m_password->clear();
    {
        const QSignalBlocker quiet(m_remember); // reading the setting is not a user's choice
        m_remember->setChecked(PasswordStore::compiledIn() && AppSettings::rememberPassword());
    }
    regenerate();
    recallPassword();
}

void SmarthostPage::cleanupPage()
{
    cancelTest();
    saveChoices();
}

void SmarthostPage::saveChoices() const
{
    AppSettings::setLastRelay(relayFields());
}

Case::Relay SmarthostPage::relayFields() const
{
    Case::Relay r;
    r.mta = QString::fromLatin1(
            mtaChoices[std::clamp(m_mta->currentIndex(), 0, int(std::size(mtaChoices)) - 1)].id);
    r.version = m_version->text().trimmed();
    r.host = m_host->text().trimmed();
    r.port = m_port->value();
    r.tls = m_tls->currentData().toString();
    r.user = m_user->text().trimmed();
    return r;
}

void SmarthostPage::showRelay(const Case::Relay &relay)
{
    int mta = 0;
    for (int i = 0; i < int(std::size(mtaChoices)); ++i) {
        if (relay.mta == QLatin1StringView(mtaChoices[i].id))
            mta = i;
    }
    m_mta->setCurrentIndex(mta);
    m_version->setText(relay.version);
    m_host->setText(relay.host);
    m_tls->setCurrentIndex(std::max(m_tls->findData(relay.tls), 0));
    m_port->setValue(relay.port);
    m_user->setText(relay.user);
}

std::optional<RelayConfigRequest> SmarthostPage::request(QString *error) const
{
    RelayConfigRequest r;
    const MtaChoice &choice =
            mtaChoices[std::clamp(m_mta->currentIndex(), 0, int(std::size(mtaChoices)) - 1)];
    r.mta = choice.mta;
    r.iredmail = choice.iredmail;
    r.lang = m_lang;
    const QString version = m_version->text().trimmed();
    if (!version.isEmpty()) {
        const auto v = parseMtaVersion(version);
        if (!v) {
            *error = tr("'%1' is not a version number like 2.9 or 3.7.").arg(version);
            return std::nullopt;
        }
        r.mtaVersion = *v;
    }
    const QString host = m_host->text().trimmed();
    if (host.isEmpty()) {
        *error = tr("Enter the relay server's host name.");
        return std::nullopt;
    }
    const auto endpoint = RelayEndpoint::parse((host.contains(u':') ? u'[' + host + u']' : host)
                    + u':' + QString::number(m_port->value()),
            relayTlsFromName(m_tls->currentData().toString()), error);
    if (!endpoint)
        return std::nullopt;
    r.relay = *endpoint;
    r.user = m_user->text().trimmed();
    r.password = m_password->text();
    return r;
}

void SmarthostPage::regenerate()
{
    QString error;
    auto r = request(&error);
    m_config.reset();
    if (r && r->relay.tls != RelayTls::None) {
        m_config = RelayConfigGenerator::generate(*r, &error);
    } else if (r) {
        error = tr("A configuration needs encryption: choose STARTTLS or SSL/TLS. (\"None\" is "
                   "for testing a relay that takes mail from your network without login.)");
    }
    m_problem->setText(error);
    m_problem->setVisible(!error.isEmpty() && !m_host->text().trimmed().isEmpty());
    m_copy->setEnabled(m_config.has_value());
    m_save->setEnabled(m_config.has_value());
    m_testButton->setEnabled(r.has_value() && !testRunning());
    render();
}

void SmarthostPage::render()
{
    if (!m_config) {
        m_configView->setHtml(tr("<p>Enter the relay host to see the settings for your mail "
                                 "software.</p>"));
        return;
    }
    m_configView->setHtml(RelayReport::configHtml(*m_config, m_lang));
}

bool SmarthostPage::saveFiles(const QString &dir, QString *error)
{
    regenerate(); // what the fields say now, not what the debounce last saw
    if (!m_config) {
        *error = tr("There is no configuration to save yet.");
        return false;
    }
    QStringList written;
    if (!m_config->saveTo(dir, m_lang, &written, error))
        return false;
    saveChoices();
    keepPassword();
    return true;
}

bool SmarthostPage::testRunning() const
{
    return m_test && !m_test->isFinished();
}

void SmarthostPage::startTest()
{
    QString error;
    const auto r = request(&error);
    if (!r) {
        m_problem->setText(error);
        m_problem->show();
        return;
    }
    RelayTestOptions o;
    o.endpoint = r->relay;
    o.user = r->user;
    o.password = r->password;
    o.from = m_from->text().trimmed();
    o.to = m_to->text().trimmed();
    o.lang = m_lang;
    o.insecure = m_insecure->isChecked();
    // "None" is labelled "no login": the password is never sent without TLS from here.
    o.allowPlaintextAuth = false;
    const AppSettings settings = AppSettings::load();
    o.timeoutMs = std::max(settings.timeoutMs, 10000);
    m_test.reset();
    m_case->setRelayTest({});
    m_resolver = std::make_unique<CaresResolver>(settings.resolverOptions());
    if (m_resolver->isValid())
        o.resolver = m_resolver.get();
    m_test = std::make_unique<SmtpRelayTest>();
    connect(m_test.get(), &SmtpRelayTest::transcriptLine, this,
            [this](char dir, const QString &line) {
                m_transcript->appendPlainText(
                        (dir == 'S' ? QStringLiteral("<- ") : QStringLiteral(" -> ")) + line);
            });
    connect(m_test.get(), &SmtpRelayTest::stepStarted, this, [this](RelayStep step) {
        // The step as relay.json words it, as the CLI shows it; not its id.
        m_verdict->setText(tr("Testing: %1…")
                                   .arg(RelayKnowledge::builtIn().text(
                                           QStringLiteral("step.") + relayStepId(step), m_lang)));
    });
    connect(m_test.get(), &SmtpRelayTest::finished, this, &SmarthostPage::showTestResult);
    m_transcript->clear();
    if (!m_test->start(o, &error)) {
        m_verdict->setText(error);
        m_test.reset();
        return;
    }
    keepPassword();
    m_verdict->setText(tr("Testing %1…").arg(r->relay.display()));
    m_tabs->setCurrentIndex(1);
    m_test->setObjectName(QStringLiteral("relayTest"));
    m_cancel->setEnabled(true);
    m_testButton->setEnabled(false);
}

void SmarthostPage::cancelTest()
{
    if (testRunning())
        m_test->cancel();
}

void SmarthostPage::showTestResult()
{
    const RelayTestResult &r = m_test->result();
    m_cancel->setEnabled(false);
    m_testButton->setEnabled(true);
    m_verdict->setText(RelayReport::testHtml(r, m_lang));
    m_case->setRelayTest(lastTest());
    emit testFinished();
}

QJsonObject SmarthostPage::fields() const
{
    return relayFields().toJson();
}

void SmarthostPage::setFields(const QJsonObject &fields)
{
    showRelay(Case::Relay::fromJson(fields));
    m_case->setRelay(relayFields());
    saveChoices(); // what initializePage reads when the page is shown
    regenerate();
}

std::optional<RelayTestResult> SmarthostPage::lastTest() const
{
    if (m_test && m_test->isFinished())
        return m_test->result();
    return std::nullopt;
}

QString SmarthostPage::verdict() const
{
    return m_verdict->text();
}

} // namespace bd
