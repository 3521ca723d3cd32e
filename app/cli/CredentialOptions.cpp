// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/CredentialOptions.h"

#include "cli/CliApplication.h"

#include <QCommandLineParser>
#include <QFile>

namespace bd {

CredentialOptions::CredentialOptions()
    : m_user(QStringLiteral("user"), tr("The user name of your ISP account."), QStringLiteral("U"))
    , m_passwordEnv(QStringLiteral("password-env"),
              tr("Read the password from this environment variable."), QStringLiteral("VAR"))
    , m_passwordFile(QStringLiteral("password-file"),
              tr("Read the password from the first line of this file."), QStringLiteral("F"))
{
}

void CredentialOptions::addTo(QCommandLineParser &parser) const
{
    for (const QCommandLineOption &o : {m_user, m_passwordEnv, m_passwordFile})
        parser.addOption(o);
}

int CredentialOptions::read(const QCommandLineParser &parser, bool passwordRequired, QString *user,
        QString *password, QString *error) const
{
    *user = parser.value(m_user);
    const bool fromEnv = parser.isSet(m_passwordEnv);
    const bool fromFile = parser.isSet(m_passwordFile);
    const auto fail = [error](int code, const QString &why) {
        *error = why;
        return code;
    };
    if ((fromEnv || fromFile) && user->isEmpty())
        return fail(ExitUsage, QStringLiteral("a password needs --user"));
    if (fromEnv && fromFile)
        return fail(ExitUsage,
                QStringLiteral("give the password by --password-env or by --password-file"));
    if (passwordRequired && !user->isEmpty() && !fromEnv && !fromFile)
        return fail(
                ExitUsage, QStringLiteral("--user needs --password-env VAR or --password-file F"));
    if (fromEnv) {
        const QByteArray var = parser.value(m_passwordEnv).toLocal8Bit();
        if (!qEnvironmentVariableIsSet(var.constData()))
            return fail(ExitUsage,
                    QStringLiteral("--password-env: the variable %1 is not set")
                            .arg(parser.value(m_passwordEnv)));
        *password = qEnvironmentVariable(var.constData());
    } else if (fromFile) {
        QFile f(parser.value(m_passwordFile));
        if (!f.open(QIODevice::ReadOnly))
            return fail(ExitUnreadableInput,
                    QStringLiteral("--password-file: cannot read %1: %2")
                            .arg(f.fileName(), f.errorString()));
        // The first line; a password file written by `echo` ends in a newline that is not part
        // of the password.
        QByteArray line = f.read(4096);
        const qsizetype nl = line.indexOf('\n');
        if (nl >= 0)
            line.truncate(nl);
        if (line.endsWith('\r'))
            line.chop(1);
        *password = QString::fromUtf8(line);
    }
    return ExitOk;
}

} // namespace bd
