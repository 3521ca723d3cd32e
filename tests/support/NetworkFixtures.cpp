// SPDX-License-Identifier: GPL-3.0-or-later
#include "NetworkFixtures.h"

#include <QTcpSocket>
#include <QTimer>

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
                    for (int i = 0; i < 48 && socket->state() == QAbstractSocket::ConnectedState;
                            ++i)
                        socket->write(QByteArray(64 * 1024, 'x') + '\n');
                    socket->disconnectFromHost();
                    break;
                case Mode::Reset:
                    socket->abort();
                    break;
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
                const char *reason = r.status == 200 ? "OK"
                        : r.status == 301            ? "Moved Permanently"
                        : r.status == 404            ? "Not Found"
                        : r.status == 429            ? "Too Many Requests"
                                                     : "Error";
                QByteArray head =
                        "HTTP/1.1 " + QByteArray::number(r.status) + ' ' + reason + "\r\n";
                head += "Content-Type: application/rdap+json\r\n";
                if (!r.location.isEmpty())
                    head += "Location: " + r.location + "\r\n";
                head += "Content-Length: " + QByteArray::number(r.body.size())
                        + "\r\nConnection: close\r\n\r\n";
                socket->write(head + r.body);
                socket->disconnectFromHost();
            });
        }
    });
}

bool HttpFixture::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}
