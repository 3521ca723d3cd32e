// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QProcess>
#include <QString>
#include <QTemporaryDir>

// Certificates made by openssl for the loopback relay: a CA, a server certificate for
// localhost/127.0.0.1 signed by it, and one for another name (other.example).
class TestPki
{
public:
    static const TestPki &instance();
    bool ok() const { return m_ok; }
    QString error() const { return m_error; }
    QString caFile() const { return m_dir.filePath(QStringLiteral("ca.pem")); }
    QString certFile(bool wrongName) const;
    QString keyFile(bool wrongName) const;

private:
    TestPki();
    QTemporaryDir m_dir;
    bool m_ok = false;
    QString m_error;
};

// tests/support/smtp_relay_server.py (Debian's python3-aiosmtpd) on three loopback ports:
// plain, STARTTLS and implicit TLS, behaving as `mode` says. Stopped by the destructor.
class SmtpRelayFixture
{
public:
    enum class Cert { Good, WrongName };

    static bool available(QString *why);
    explicit SmtpRelayFixture(const QString &mode, Cert cert = Cert::Good);
    ~SmtpRelayFixture();

    // Before start(): listen on another loopback address (127.0.0.2), for MTAs that will not
    // relay to an address of their own machine (Exim's and Sendmail's "local host" checks).
    void setAddress(const QString &address) { m_address = address; }
    bool start();
    QString log() const { return m_log; }
    // Every message taken so far, one "RECEIVED port=… tls=… login=… from=… to=… token=…
    // bytes=…" line each (see smtp_relay_server.py).
    QStringList received();
    quint16 plainPort() const { return m_ports[0]; }
    quint16 startTlsPort() const { return m_ports[1]; }
    quint16 implicitPort() const { return m_ports[2]; }

    static QString user() { return QStringLiteral("relay@isp.test"); }
    static QString password() { return QStringLiteral("S3cret-Pass"); }

private:
    QString m_mode;
    Cert m_cert;
    QProcess m_process;
    quint16 m_ports[3] = {0, 0, 0};
    QString m_log;
    QString m_address = QStringLiteral("127.0.0.1");
    QStringList m_received;
};
