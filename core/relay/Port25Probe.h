// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "util/Language.h"

#include <QJsonObject>
#include <QObject>
#include <QString>

class QTcpSocket;
class QTimer;

namespace bd {

// What one try of outbound port 25 showed. Only a greeting that names the server asked for
// shows that the port is open to it: an ISP that intercepts port 25 answers with its own server,
// and a firewall may accept a connection without anything behind it. A refused or silent
// connection to one server proves nothing about a block by itself.
struct Port25Result
{
    enum class Outcome {
        Greeting, // an SMTP greeting came; `namesHost`/`sameDomain` say whose it is
        Silent, // connected, but no greeting within the timeout
        NotSmtp, // connected, and what came is not an SMTP reply
        Refused, // nothing listens there (or a firewall rejects)
        Timeout, // no connection within the timeout
        Failed, // the name did not resolve, the network is unreachable, …
    };

    QString host;
    quint16 port = 25;
    Outcome outcome = Outcome::Failed;
    int code = 0; // the greeting's reply code
    QString banner; // the greeting (its lines joined by spaces), or the first line that came
    QString bannerHost; // the name or address the greeting gives for its server; empty: none
    bool namesHost = false; // `bannerHost` is `host`
    // `bannerHost` is another name under `host`'s registrable domain: the same holder's server
    // greeting under its common name (Gmail's MX greets as mx.google.com). An ISP that
    // intercepts port 25 cannot answer under the recipient's domain.
    bool sameDomain = false;
    QString error; // the socket's words for Refused/Failed
    int timeoutMs = 0;
    qint64 elapsedMs = 0;

    // True when something answered on the port (a greeting or not).
    bool connected() const;
    static QString outcomeName(Outcome outcome);
    // For a person, in `lang`: what the try shows and what it does not (resources/data/relay.json).
    QString text(Language lang) const;
    QJsonObject toJson(Language lang) const;
};

// Connects to HOST:PORT, reads the SMTP greeting and says only what that shows. Sends nothing:
// no EHLO, no QUIT, so a receiver sees no mail session from the test.
class Port25Probe : public QObject
{
    Q_OBJECT
public:
    static constexpr int defaultTimeoutMs = 8000;

    explicit Port25Probe(QObject *parent = nullptr);
    ~Port25Probe() override;

    // The timeout holds for the connection and again for the greeting.
    void start(const QString &host, quint16 port = 25, int timeoutMs = defaultTimeoutMs);
    // Whether the server asked for and the name its greeting gives share a registrable domain.
    static bool sameRegistrableDomain(const QString &asked, const QString &greeted);
    void cancel();
    bool isFinished() const { return m_finished; }
    const Port25Result &result() const { return m_result; }

    // The server name an SMTP greeting line ("220 mx.example.org ESMTP") gives, lower-case; an
    // address literal without its brackets; empty when the first word is no name.
    static QString greetingHost(const QString &firstLine);

signals:
    void finished();

private:
    void readGreeting();
    void finish(Port25Result::Outcome outcome);

    QTcpSocket *m_socket = nullptr;
    QTimer *m_timer;
    Port25Result m_result;
    QByteArray m_buffer;
    QStringList m_lines;
    qint64 m_started = 0;
    bool m_finished = false;
};

} // namespace bd
