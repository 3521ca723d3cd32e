// SPDX-License-Identifier: GPL-3.0-or-later
#include "DnsmasqServer.h"

#include <QFile>
#include <QThread>
#include <QUdpSocket>

#include <unistd.h>

namespace {

QString dnsmasqPath()
{
    for (const char *p : {"/usr/sbin/dnsmasq", "/sbin/dnsmasq", "/usr/bin/dnsmasq"}) {
        if (QFile::exists(QString::fromLatin1(p)))
            return QString::fromLatin1(p);
    }
    return {};
}

quint16 freeUdpPort()
{
    QUdpSocket probe;
    probe.bind(QHostAddress::LocalHost, 0);
    return probe.localPort();
}

// Does anything answer on the port yet?
bool answers(quint16 port)
{
    QUdpSocket s;
    const QByteArray query =
            QByteArray::fromHex("abcd01000001000000000000047465737400000f0001"); // "test" MX
    s.writeDatagram(query, QHostAddress::LocalHost, port);
    return s.waitForReadyRead(200);
}

} // namespace

DnsmasqServer::DnsmasqServer(const QStringList &records, const QStringList &localDomains)
    : m_args(records)
{
    for (const QString &d : localDomains)
        m_args << QStringLiteral("--local=/%1/").arg(d);
}

DnsmasqServer::~DnsmasqServer()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.terminate();
        if (!m_process.waitForFinished(3000))
            m_process.kill();
        m_process.waitForFinished(1000);
    }
}

bool DnsmasqServer::available()
{
    return !dnsmasqPath().isEmpty();
}

bool DnsmasqServer::start()
{
    for (int attempt = 0; attempt < 5; ++attempt) {
        m_port = freeUdpPort();
        QStringList args {QStringLiteral("--no-daemon"), QStringLiteral("--port=%1").arg(m_port),
                QStringLiteral("--listen-address=127.0.0.1"), QStringLiteral("--bind-interfaces"),
                QStringLiteral("--no-resolv"), QStringLiteral("--no-hosts"),
                QStringLiteral("--conf-file=/dev/null"), QStringLiteral("--pid-file="),
                QStringLiteral("--log-facility=-"), QStringLiteral("--log-queries")};
        if (geteuid() == 0)
            args << QStringLiteral("--user=nobody") << QStringLiteral("--group=nogroup");
        args << m_args;
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        m_process.start(dnsmasqPath(), args);
        if (!m_process.waitForStarted(3000))
            return false;
        for (int i = 0; i < 25; ++i) {
            if (m_process.state() == QProcess::NotRunning)
                break;
            if (answers(m_port))
                return true;
            QThread::msleep(40);
        }
        m_process.kill();
        m_process.waitForFinished(1000);
    }
    return false;
}

QString DnsmasqServer::log() const
{
    return QString::fromLocal8Bit(const_cast<QProcess &>(m_process).readAll());
}
