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

DnsmasqServer::DnsmasqServer(
        const QStringList &records, const QStringList &localDomains, bool answerRoot)
    : m_args(records)
    , m_answerRoot(answerRoot)
{
    for (const QString &d : localDomains)
        m_args << QStringLiteral("--local=/%1/").arg(d);
}

DnsmasqServer::~DnsmasqServer()
{
    for (QProcess *p : {&m_process, &m_root}) {
        if (p->state() != QProcess::NotRunning) {
            p->terminate();
            if (!p->waitForFinished(3000))
                p->kill();
            p->waitForFinished(1000);
        }
    }
}

bool DnsmasqServer::available()
{
    return !dnsmasqPath().isEmpty();
}

bool DnsmasqServer::startOne(QProcess &process, quint16 *port, const QStringList &extra)
{
    for (int attempt = 0; attempt < 5; ++attempt) {
        *port = freeUdpPort();
        QStringList args {QStringLiteral("--no-daemon"), QStringLiteral("--port=%1").arg(*port),
                QStringLiteral("--listen-address=127.0.0.1"), QStringLiteral("--bind-interfaces"),
                QStringLiteral("--no-resolv"), QStringLiteral("--no-hosts"),
                QStringLiteral("--conf-file=/dev/null"), QStringLiteral("--pid-file="),
                QStringLiteral("--log-facility=-"), QStringLiteral("--log-queries")};
        if (geteuid() == 0)
            args << QStringLiteral("--user=nobody") << QStringLiteral("--group=nogroup");
        args << extra;
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(dnsmasqPath(), args);
        if (!process.waitForStarted(3000))
            return false;
        for (int i = 0; i < 25; ++i) {
            if (process.state() == QProcess::NotRunning)
                break;
            if (answers(*port))
                return true;
            QThread::msleep(40);
        }
        process.kill();
        process.waitForFinished(1000);
    }
    return false;
}

bool DnsmasqServer::start()
{
    // A working resolver answers the root zone's NS records, and the checker asks for them
    // before it trusts any answer. dnsmasq serves them only as an authoritative server, which
    // then refuses every other name, so a second instance holds the root and the first
    // forwards what it has no record for to it (other names stay REFUSED, as before).
    if (!m_answerRoot)
        return startOne(m_process, &m_port, m_args);
    quint16 rootPort = 0;
    if (!startOne(m_root, &rootPort,
                {QStringLiteral("--auth-server=root.test,127.0.0.1"),
                        QStringLiteral("--auth-zone=.")}))
        return false;
    return startOne(m_process, &m_port,
            m_args + QStringList {QStringLiteral("--server=127.0.0.1#%1").arg(rootPort)});
}

QString DnsmasqServer::log() const
{
    return QString::fromLocal8Bit(const_cast<QProcess &>(m_process).readAll());
}
