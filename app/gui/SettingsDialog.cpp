// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui/SettingsDialog.h"

#include "dns/CaresResolver.h"
#include "ipcheck/DnsblTable.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QSpinBox>
#include <QVBoxLayout>

namespace bd {

SettingsDialog::SettingsDialog(const AppSettings &settings, QWidget *parent)
    : QDialog(parent)
    , m_dns(new QLineEdit(settings.dnsServer, this))
    , m_timeout(new QSpinBox(this))
    , m_zones(new QPlainTextEdit(this))
    , m_language(new QComboBox(this))
    , m_owner(new QCheckBox(
              tr("Look up who owns the IP (RDAP and WHOIS queries to the registries)"), this))
    , m_abusix(
              new QCheckBox(tr("Also ask the Abusix abuse-contact database (one DNS query)"), this))
    , m_error(new QLabel(this))
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Settings"));
    m_dns->setObjectName(QStringLiteral("dnsServer"));
    m_dns->setPlaceholderText(tr("system resolver (e.g. 127.0.0.1 or [::1]:53)"));
    m_dns->setAccessibleName(tr("DNS server"));
    m_timeout->setObjectName(QStringLiteral("timeoutMs"));
    m_timeout->setRange(200, 120000);
    m_timeout->setSingleStep(500);
    m_timeout->setSuffix(tr(" ms"));
    m_timeout->setValue(settings.timeoutMs);
    m_timeout->setAccessibleName(tr("Timeout per network operation"));
    m_zones->setObjectName(QStringLiteral("dnsblZones"));
    m_zones->setAccessibleName(tr("Blocklist zones"));
    QStringList zones = settings.dnsblZones;
    if (zones.isEmpty()) {
        for (const DnsblZone &z : DnsblTable::builtIn().defaultZones())
            zones << z.zone;
    }
    m_zones->setPlainText(zones.join(u'\n'));
    m_language->setObjectName(QStringLiteral("language"));
    m_language->addItem(tr("System language"), QString());
    m_language->addItem(QStringLiteral("English"), languageCode(Language::English));
    m_language->addItem(QStringLiteral("简体中文"), languageCode(Language::SimplifiedChinese));
    m_language->setCurrentIndex(qMax(0,
            m_language->findData(
                    settings.language ? languageCode(*settings.language) : QString())));
    m_owner->setObjectName(QStringLiteral("ownerLookup"));
    m_owner->setChecked(settings.ownerLookup);
    m_abusix->setObjectName(QStringLiteral("abusix"));
    m_abusix->setChecked(settings.abusix);
    m_advanced = settings;
    m_error->setObjectName(QStringLiteral("settingsError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: palette(link)"));
    m_error->hide();

    auto *form = new QFormLayout;
    form->addRow(tr("&DNS server:"), m_dns);
    form->addRow(tr("&Timeout:"), m_timeout);
    form->addRow(tr("&Blocklists (one zone per line):"), m_zones);
    form->addRow(tr("&Language (after a restart):"), m_language);
    form->addRow(QString(), m_owner);
    form->addRow(QString(), m_abusix);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
}

AppSettings SettingsDialog::settings() const
{
    AppSettings s = m_advanced; // keeps what the dialog does not show
    s.ownerLookup = m_owner->isChecked();
    s.abusix = m_abusix->isChecked();
    s.dnsblZones.clear();
    s.dnsServer = m_dns->text().trimmed();
    s.timeoutMs = m_timeout->value();
    for (const QString &line : m_zones->toPlainText().split(u'\n', Qt::SkipEmptyParts)) {
        if (!line.trimmed().isEmpty())
            s.dnsblZones << line.trimmed().toLower();
    }
    QStringList defaults;
    for (const DnsblZone &z : DnsblTable::builtIn().defaultZones())
        defaults << z.zone;
    if (s.dnsblZones == defaults)
        s.dnsblZones.clear(); // follow future changes of the defaults
    s.language = languageFromCode(m_language->currentData().toString());
    return s;
}

void SettingsDialog::accept()
{
    const AppSettings s = settings();
    if (!s.dnsServer.isEmpty()) {
        QString error;
        if (!DnsServer::parse(s.dnsServer, &error)) {
            m_error->setText(tr("DNS server: %1").arg(error));
            m_error->show();
            m_dns->setFocus();
            return;
        }
    }
    static const QRegularExpression zoneName(
            QStringLiteral(R"(^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$)"));
    for (const QString &z : s.dnsblZones) {
        if (!zoneName.match(z).hasMatch()) {
            m_error->setText(tr("'%1' is not a DNS zone.").arg(z));
            m_error->show();
            m_zones->setFocus();
            return;
        }
    }
    s.save();
    QDialog::accept();
}

} // namespace bd
