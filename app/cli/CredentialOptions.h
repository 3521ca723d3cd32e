// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCommandLineOption>
#include <QCoreApplication>
#include <QString>

class QCommandLineParser;

namespace bd {

// --user with --password-env VAR or --password-file F, shared by relay-config and relay-test.
// The password never comes from the command line itself, where `ps` and the shell history
// would show it.
class CredentialOptions
{
    Q_DECLARE_TR_FUNCTIONS(bd::CredentialOptions)
public:
    CredentialOptions();
    void addTo(QCommandLineParser &parser) const;

    // Reads the account; returns an exit code of the contract: ExitOk, ExitUsage (conflicting or
    // missing options, unset variable) or ExitUnreadableInput (the password file), with `error`.
    // `passwordRequired`: a user name without a password source is a usage error.
    int read(const QCommandLineParser &parser, bool passwordRequired, QString *user,
            QString *password, QString *error) const;

private:
    QCommandLineOption m_user;
    QCommandLineOption m_passwordEnv;
    QCommandLineOption m_passwordFile;
};

} // namespace bd
