// SPDX-License-Identifier: GPL-3.0-or-later
#include "NetworkFixtures.h"

#include <QTcpSocket>
#include <QTimer>

#include <memory>

namespace {

// Writes `total` bytes of filler as fast as the peer reads them, then closes; stops when the peer
// goes away. The fixture never holds more than a few chunks.
void streamFiller(QTcpSocket *socket, qint64 total, qint64 *counter = nullptr)
{
    auto left = std::make_shared<qint64>(total);
    auto more = [socket, left, counter] {
        while (*left > 0 && socket->bytesToWrite() < qint64 {256} * 1024
                && socket->state() == QAbstractSocket::ConnectedState) {
            const qint64 n = qMin<qint64>(*left, qint64 {64} * 1024);
            socket->write(QByteArray(n - 1, 'x') + '\n');
            *left -= n;
            if (counter)
                *counter += n;
        }
        if (*left == 0 && socket->bytesToWrite() == 0)
            socket->disconnectFromHost();
    };
    QObject::connect(socket, &QTcpSocket::bytesWritten, socket, more);
    more();
}

} // namespace

WhoisFixture::WhoisFixture(Handler handler, QObject *parent)
    : QObject(parent)
    , m_handler(std::move(handler))
{
    connect(&m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = m_server.nextPendingConnection()) {
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                if (!socket->canReadLine())
                    return;
                const QByteArray query = socket->readLine().trimmed();
                queries << query;
                const QByteArray answer = m_handler(query);
                switch (m_mode) {
                case Mode::Answer:
                    socket->write(answer);
                    socket->disconnectFromHost();
                    break;
                case Mode::NeverClose:
                    socket->write(answer); // and then silence, connection left open
                    break;
                case Mode::Flood:
                    streamFiller(socket, 50 << 20);
                    break;
                case Mode::Reset:
                    socket->abort();
                    break;
                case Mode::Garbage: {
                    QByteArray bytes(4096, '\0');
                    for (int i = 0; i < bytes.size(); ++i)
                        bytes[i] = char((i * 151 + 7) % 256); // NULs, CRs, 0xFF, lone UTF-8 tails
                    socket->write(answer.left(200) + bytes);
                    socket->disconnectFromHost();
                    break;
                }
                }
            });
        }
    });
}

bool WhoisFixture::listen(const QHostAddress &address, quint16 port)
{
    return m_server.listen(address, port);
}

HttpFixture::HttpFixture(QObject *parent)
    : QObject(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = m_server.nextPendingConnection()) {
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                QByteArray request = socket->property("buffer").toByteArray() + socket->readAll();
                socket->setProperty("buffer", request);
                if (!request.contains("\r\n\r\n"))
                    return;
                const QByteArray path = request.split(' ').value(1);
                requested << path;
                const Response r = m_routes.value(
                        path, Response {404, "{\"errorCode\":404,\"title\":\"Not Found\"}", {}});
                if (r.stall)
                    return;
                if (r.reset) {
                    socket->abort();
                    return;
                }
                const char *reason = r.status == 200 ? "OK"
                        : r.status == 301            ? "Moved Permanently"
                        : r.status == 404            ? "Not Found"
                        : r.status == 429            ? "Too Many Requests"
                        : r.status == 500            ? "Internal Server Error"
                                                     : "Error";
                QByteArray head =
                        "HTTP/1.1 " + QByteArray::number(r.status) + ' ' + reason + "\r\n";
                head += "Content-Type: application/rdap+json\r\n";
                if (!r.location.isEmpty())
                    head += "Location: " + r.location + "\r\n";
                head += "Content-Length: "
                        + QByteArray::number(r.fillBytes ? r.fillBytes : r.body.size())
                        + "\r\nConnection: close\r\n\r\n";
                socket->write(head);
                if (r.fillBytes) {
                    streamFiller(socket, r.fillBytes, &bytesSent);
                    return;
                }
                socket->write(r.body);
                bytesSent += r.body.size();
                socket->disconnectFromHost();
            });
        }
    });
}

bool HttpFixture::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}
