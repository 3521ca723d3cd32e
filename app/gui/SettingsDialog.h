// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "gui/AppSettings.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;

namespace bd {

// DNS server, timeout, blocklist zones and language.
class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SettingsDialog(const AppSettings &settings, QWidget *parent = nullptr);
    AppSettings settings() const;

    void accept() override;

private:
    QLineEdit *m_dns;
    QSpinBox *m_timeout;
    QPlainTextEdit *m_zones;
    QComboBox *m_language;
    QCheckBox *m_owner;
    QCheckBox *m_abusix;
    AppSettings m_advanced;
    QLabel *m_error;
};

} // namespace bd
