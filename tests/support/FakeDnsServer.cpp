// SPDX-License-Identifier: GPL-3.0-or-later
#include "FakeDnsServer.h"

#include <QHostAddress>
#include <QNetworkDatagram>
#include <QTimer>

using namespace bd;

FakeDnsServer::FakeDnsServer(QObject *parent)
    : QObject(parent)
{
    connect(&m_socket, &QUdpSocket::readyRead, this, &FakeDnsServer::onReadyRead);
}

bool FakeDnsServer::start()
{
    return m_socket.bind(QHostAddress::LocalHost, 0);
}

void FakeDnsServer::onReadyRead()
{
    while (m_socket.hasPendingDatagrams()) {
        const QNetworkDatagram datagram = m_socket.receiveDatagram();
        ++m_queries;
        const auto query = DnsMessage::parse(datagram.data());
        if (!query)
            continue;
        const bool healthyRoot = query->questionName.isEmpty() && !m_replies.contains(QString())
                && m_fallback.behaviour == Behaviour::Answer;
        const Reply reply =
                healthyRoot ? Reply {} : m_replies.value(query->questionName, m_fallback);
        if (reply.behaviour == Behaviour::Silent)
            continue;
        const QByteArray answer = build(*query, datagram.data(), reply, healthyRoot);
        const QHostAddress to = datagram.senderAddress();
        const quint16 port = quint16(datagram.senderPort());
        if (reply.delayMs > 0)
            QTimer::singleShot(reply.delayMs, this,
                    [this, answer, to, port] { m_socket.writeDatagram(answer, to, port); });
        else
            m_socket.writeDatagram(answer, to, port);
    }
}

QByteArray FakeDnsServer::build(
        const DnsMessage &query, const QByteArray &raw, const Reply &reply, bool healthyRoot) const
{
    if (reply.behaviour == Behaviour::Garbage)
        return raw.left(2) + QByteArray("\x81\x80\x00\x01\x00\x05\x00\x00\x00\x00\xff\xff\xff", 13);
    int rcode = reply.rcode;
    if (reply.behaviour == Behaviour::ServFail)
        rcode = 2;
    if (reply.behaviour == Behaviour::Refused)
        rcode = 5;
    const bool truncated = reply.behaviour == Behaviour::Truncated;
    QList<QByteArray> answers;
    const bool wantsTxt = query.questionType == quint16(DnsType::TXT);
    const bool wantsA = query.questionType == quint16(DnsType::A);
    const bool wantsNs = query.questionType == quint16(DnsType::NS);
    if (rcode == 0 && !truncated) {
        const QStringList values = wantsTxt ? reply.texts
                : wantsA                    ? reply.addresses
                : wantsNs && healthyRoot    ? QStringList {QStringLiteral("a.root-servers.test")}
                                            : QStringList();
        for (const QString &v : values) {
            QByteArray rr("\xc0\x0c", 2); // pointer to the question name
            rr.append(char(0)).append(char(query.questionType));
            rr.append(char(0)).append(char(1));
            rr.append(QByteArray("\x00\x00\x00\x3c", 4));
            QByteArray rdata;
            if (wantsA) {
                const quint32 a = QHostAddress(v).toIPv4Address();
                rdata.append(char(a >> 24))
                        .append(char(a >> 16))
                        .append(char(a >> 8))
                        .append(char(a));
            } else if (wantsNs) {
                DnsMessage::appendName(rdata, v);
            } else {
                const QByteArray t = v.toUtf8().left(255);
                rdata.append(char(t.size())).append(t);
            }
            rr.append(char(rdata.size() >> 8)).append(char(rdata.size() & 0xFF)).append(rdata);
            answers << rr;
        }
    }
    QByteArray out;
    out.append(char(query.id >> 8)).append(char(query.id & 0xFF));
    out.append(char(0x81 | (truncated ? 0x02 : 0))).append(char(0x80 | rcode));
    out.append(char(0)).append(char(1));
    out.append(char(0)).append(char(answers.size()));
    out.append(QByteArray(4, '\0'));
    DnsMessage::appendName(out, query.questionName);
    out.append(char(query.questionType >> 8)).append(char(query.questionType & 0xFF));
    out.append(char(0)).append(char(1));
    for (const QByteArray &rr : std::as_const(answers))
        out.append(rr);
    return out;
}
