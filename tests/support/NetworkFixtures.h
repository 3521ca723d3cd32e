// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QTcpServer>

#include <functional>

// A port-43 WHOIS server on a loopback address: reads one query line, answers, closes. Some
// answers misbehave on purpose: never close, flood 50 MB, reset the connection, or send bytes
// that are no text in any charset.
class WhoisFixture : public QObject
{
    Q_OBJECT
public:
    enum class Mode { Answer, NeverClose, Flood, Reset, Garbage };
    using Handler = std::function<QByteArray(const QByteArray &query)>;

    explicit WhoisFixture(Handler handler, QObject *parent = nullptr);
    bool listen(const QHostAddress &address, quint16 port);
    quint16 port() const { return m_server.serverPort(); }
    void setMode(Mode mode) { m_mode = mode; }
    QList<QByteArray> queries;

private:
    QTcpServer m_server;
    Handler m_handler;
    Mode m_mode = Mode::Answer;
};

// An HTTP/1.1 server for RDAP answers: a status, headers and a body per path, or a misbehaviour.
class HttpFixture : public QObject
{
    Q_OBJECT
public:
    struct Response
    {
        int status = 200;
        QByteArray body;
        QByteArray location; // for redirects
        qint64 fillBytes = 0; // a body this long, streamed as the client reads it
        bool stall = false; // read the request, never answer
        bool reset = false; // read the request, drop the connection
    };

    explicit HttpFixture(QObject *parent = nullptr);
    bool listen();
    QString base() const
    {
        return QStringLiteral("http://127.0.0.1:%1/").arg(m_server.serverPort());
    }
    void set(const QByteArray &path, const Response &response) { m_routes.insert(path, response); }
    QList<QByteArray> requested;
    qint64 bytesSent = 0;

private:
    QTcpServer m_server;
    QHash<QByteArray, Response> m_routes;
};
