// SPDX-License-Identifier: GPL-3.0-or-later
#include "SmtpRelayFixture.h"

#include <QFile>

namespace {

const QString python = QStringLiteral("/usr/bin/python3");
const QString script = QStringLiteral(BD_TEST_SUPPORT_DIR "/smtp_relay_server.py");

bool openssl(const QStringList &args, QString *error)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(QStringLiteral("openssl"), args);
    if (!p.waitForFinished(60000) || p.exitCode() != 0) {
        *error = QStringLiteral("openssl %1: %2").arg(args.first(), QString::fromUtf8(p.readAll()));
        return false;
    }
    return true;
}

} // namespace

TestPki::TestPki()
{
    const auto f = [this](const char *name) { return m_dir.filePath(QLatin1StringView(name)); };
    QFile ext(f("ext.cnf"));
    if (!ext.open(QIODevice::WriteOnly))
        return;
    ext.write("[good]\nsubjectAltName=DNS:localhost,IP:127.0.0.1,IP:127.0.0.2\n"
              "[wrong]\nsubjectAltName=DNS:other.example\n");
    ext.close();
    m_ok = openssl({QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                           QStringLiteral("rsa:2048"), QStringLiteral("-nodes"),
                           QStringLiteral("-keyout"), f("ca.key"), QStringLiteral("-out"),
                           f("ca.pem"), QStringLiteral("-days"), QStringLiteral("2"),
                           QStringLiteral("-subj"), QStringLiteral("/CN=Bounce Doctor Test CA")},
            &m_error);
    for (const char *kind : {"good", "wrong"}) {
        const QString name = QLatin1StringView(kind);
        m_ok = m_ok
                && openssl({QStringLiteral("req"), QStringLiteral("-newkey"),
                                   QStringLiteral("rsa:2048"), QStringLiteral("-nodes"),
                                   QStringLiteral("-keyout"),
                                   m_dir.filePath(name + QStringLiteral(".key")),
                                   QStringLiteral("-out"),
                                   m_dir.filePath(name + QStringLiteral(".csr")),
                                   QStringLiteral("-subj"),
                                   name == u"good" ? QStringLiteral("/CN=localhost")
                                                   : QStringLiteral("/CN=other.example")},
                        &m_error)
                && openssl({QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"),
                                   m_dir.filePath(name + QStringLiteral(".csr")),
                                   QStringLiteral("-CA"), f("ca.pem"), QStringLiteral("-CAkey"),
                                   f("ca.key"), QStringLiteral("-CAcreateserial"),
                                   QStringLiteral("-out"),
                                   m_dir.filePath(name + QStringLiteral(".pem")),
                                   QStringLiteral("-days"), QStringLiteral("2"),
                                   QStringLiteral("-extfile"), f("ext.cnf"),
                                   QStringLiteral("-extensions"), name},
                        &m_error);
    }
}

const TestPki &TestPki::instance()
{
    static const TestPki pki;
    return pki;
}

QString TestPki::certFile(bool wrongName) const
{
    return m_dir.filePath(wrongName ? QStringLiteral("wrong.pem") : QStringLiteral("good.pem"));
}

QString TestPki::keyFile(bool wrongName) const
{
    return m_dir.filePath(wrongName ? QStringLiteral("wrong.key") : QStringLiteral("good.key"));
}

bool SmtpRelayFixture::available(QString *why)
{
    QProcess p;
    p.start(python, {QStringLiteral("-c"), QStringLiteral("import aiosmtpd")});
    if (!p.waitForFinished(10000) || p.exitCode() != 0) {
        *why = QStringLiteral(
                "Debian's python3-aiosmtpd is not installed (./quickstart test installs it)");
        return false;
    }
    if (!TestPki::instance().ok()) {
        *why = TestPki::instance().error();
        return false;
    }
    return true;
}

SmtpRelayFixture::SmtpRelayFixture(const QString &mode, Cert cert)
    : m_mode(mode)
    , m_cert(cert)
{
}

SmtpRelayFixture::~SmtpRelayFixture()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(3000);
    }
}

bool SmtpRelayFixture::start()
{
    const TestPki &pki = TestPki::instance();
    const bool wrong = m_cert == Cert::WrongName;
    m_process.start(python,
            {QStringLiteral("-u"), script, QStringLiteral("--cert"), pki.certFile(wrong),
                    QStringLiteral("--key"), pki.keyFile(wrong), QStringLiteral("--mode"), m_mode,
                    QStringLiteral("--user"), user(), QStringLiteral("--password"), password(),
                    QStringLiteral("--address"), m_address});
    if (!m_process.waitForStarted(5000))
        return false;
    while (m_process.waitForReadyRead(10000)) {
        while (m_process.canReadLine()) {
            const QByteArray line = m_process.readLine().trimmed();
            if (line.startsWith("READY ")) {
                const QList<QByteArray> parts = line.split(' ');
                for (int i = 0; i < 3 && i + 1 < parts.size(); ++i)
                    m_ports[i] = quint16(parts.at(i + 1).toUInt());
                return m_ports[2] != 0;
            }
        }
    }
    m_log = QString::fromUtf8(m_process.readAllStandardError());
    return false;
}

QStringList SmtpRelayFixture::received()
{
    // The relay prints the line before it answers 250 to the data, so a client that saw the
    // 250 finds it here at once; the wait only covers the pipe.
    m_process.waitForReadyRead(500);
    while (m_process.canReadLine()) {
        const QString line = QString::fromUtf8(m_process.readLine()).trimmed();
        if (line.startsWith(u"RECEIVED "))
            m_received << line;
    }
    return m_received;
}
