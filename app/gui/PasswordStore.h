// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QString>

namespace bd {

// The desktop's keyring (Secret Service or KWallet, through QtKeychain): the one place a relay
// password may be kept, encrypted by the keyring, and only when the user asks for it. Builds
// without QtKeychain have no keyring and say so; nothing falls back to a file.
class PasswordStore : public QObject
{
    Q_OBJECT
public:
    explicit PasswordStore(QObject *parent = nullptr);

    static bool compiledIn();
    // One entry per account on one relay.
    static QString keyFor(const QString &user, const QString &host, int port);

    void read(const QString &key);
    void write(const QString &key, const QString &password);
    void remove(const QString &key);

signals:
    // `password` is empty when there is none or on error; `error` is empty when none is stored.
    void readDone(const QString &key, const QString &password, const QString &error);
    void writeDone(const QString &key, const QString &error);
    void removeDone(const QString &key);
};

} // namespace bd
