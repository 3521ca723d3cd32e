// SPDX-License-Identifier: GPL-3.0-or-later
#include "KeyringFixture.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QStandardPaths>

namespace {

QString tool(const char *name)
{
    return QStandardPaths::findExecutable(QString::fromLatin1(name),
            {QStringLiteral("/usr/bin"), QStringLiteral("/usr/sbin"), QStringLiteral("/bin")});
}

} // namespace

KeyringFixture::~KeyringFixture()
{
    for (QProcess *p : {&m_keyring, &m_bus}) {
        if (p->state() != QProcess::NotRunning) {
            p->kill();
            p->waitForFinished(3000);
        }
    }
}

bool KeyringFixture::available()
{
    return !tool("dbus-daemon").isEmpty() && !tool("gnome-keyring-daemon").isEmpty();
}

bool KeyringFixture::start(QString *error)
{
    const QString config = m_home.filePath(QStringLiteral("bus.conf"));
    QFile conf(config);
    if (!conf.open(QIODevice::WriteOnly)) {
        *error = conf.errorString();
        return false;
    }
    conf.write(QStringLiteral(
            "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\" "
            "\"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
            "<busconfig><type>session</type><listen>unix:dir=%1</listen><auth>EXTERNAL</auth>"
            "<policy context=\"default\"><allow send_destination=\"*\" eavesdrop=\"true\"/>"
            "<allow eavesdrop=\"true\"/><allow own=\"*\"/></policy></busconfig>\n")
                       .arg(m_home.path())
                       .toUtf8());
    conf.close();
    m_bus.start(tool("dbus-daemon"),
            {QStringLiteral("--config-file=") + config, QStringLiteral("--nofork"),
                    QStringLiteral("--print-address=1")});
    if (!m_bus.waitForStarted() || !m_bus.waitForReadyRead(5000)) {
        *error = QStringLiteral("dbus-daemon did not start: %1")
                         .arg(QString::fromUtf8(m_bus.readAllStandardError()));
        return false;
    }
    const QByteArray address = m_bus.readLine().trimmed();

    QDir(m_home.path()).mkpath(QStringLiteral("run"));
    QFile::setPermissions(m_home.filePath(QStringLiteral("run")),
            QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), m_home.path());
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_home.filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), m_home.filePath(QStringLiteral("run")));
    env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), QString::fromUtf8(address));
    m_keyring.setProcessEnvironment(env);
    m_keyring.start(tool("gnome-keyring-daemon"),
            {QStringLiteral("--foreground"), QStringLiteral("--unlock"),
                    QStringLiteral("--components=secrets")});
    if (!m_keyring.waitForStarted()) {
        *error = m_keyring.errorString();
        return false;
    }
    m_keyring.write("fixture-unlock-password"); // --unlock reads it from stdin, up to EOF
    m_keyring.waitForBytesWritten(3000);
    m_keyring.closeWriteChannel();
    // The login keyring is written once the daemon has unlocked it and taken its bus name.
    const QDeadlineTimer deadline(10000);
    while (!QFile::exists(keyringDir() + QStringLiteral("/login.keyring"))) {
        if (deadline.hasExpired() || m_keyring.state() == QProcess::NotRunning) {
            *error = QStringLiteral("gnome-keyring-daemon did not unlock a keyring (bus %1): %2%3")
                             .arg(QString::fromUtf8(address),
                                     QString::fromUtf8(m_keyring.readAllStandardError()),
                                     QString::fromUtf8(m_keyring.readAllStandardOutput()));
            return false;
        }
        m_keyring.waitForFinished(50);
    }
    m_keyring.waitForFinished(300); // and takes its name on the bus
    qputenv("DBUS_SESSION_BUS_ADDRESS", address);
    return true;
}

void KeyringFixture::stopKeyring()
{
    m_keyring.kill();
    m_keyring.waitForFinished(3000);
}
