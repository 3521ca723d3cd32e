// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QProcess>
#include <QTemporaryDir>

// A private D-Bus session bus with GNOME Keyring's Secret Service on it, its keyring in a
// throw-away directory and unlocked: the keyring tests never touch the user's own keyring.
// start() points this process at the bus; stopKeyring() leaves the bus without a keyring
// (nothing can start one: the bus has no service files).
class KeyringFixture
{
public:
    KeyringFixture() = default;
    ~KeyringFixture();

    static bool available();
    bool start(QString *error);
    void stopKeyring();
    QString keyringDir() const { return m_home.filePath(QStringLiteral("data/keyrings")); }

private:
    QTemporaryDir m_home;
    QProcess m_bus;
    QProcess m_keyring;
};
