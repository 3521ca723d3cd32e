// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dns/DnsMessage.h"

#include <QHash>
#include <QObject>
#include <QUdpSocket>

#include <functional>

// A loopback DNS responder for what dnsmasq cannot do: stay silent, answer late, answer with
// garbage, set the TC bit, rewrite every name, or answer with chosen codes per name. The root
// zone's NS records are answered as a working resolver would, so the checker trusts it, unless
// a test sets a reply for "" (the root) or a fallback that is not an answer (a dead server).
class FakeDnsServer : public QObject
{
    Q_OBJECT
public:
    enum class Behaviour { Answer, Silent, Garbage, Truncated, ServFail, Refused };

    struct Reply
    {
        Behaviour behaviour = Behaviour::Answer;
        int rcode = 0;
        QStringList addresses; // A answers
        QStringList texts; // TXT answers
        int delayMs = 0;
    };

    explicit FakeDnsServer(QObject *parent = nullptr);
    bool start();
    quint16 port() const { return m_socket.localPort(); }
    QString address() const { return QStringLiteral("127.0.0.1:%1").arg(port()); }

    // How to answer a name (lower case, "" for the root); names not set get `fallback`.
    void set(const QString &name, const Reply &reply) { m_replies.insert(name.toLower(), reply); }
    void setFallback(const Reply &reply) { m_fallback = reply; }
    int queriesSeen() const { return m_queries; }

private:
    void onReadyRead();
    QByteArray build(const bd::DnsMessage &query, const QByteArray &raw, const Reply &reply,
            bool healthyRoot) const;

    QUdpSocket m_socket;
    QHash<QString, Reply> m_replies;
    Reply m_fallback {Behaviour::Answer, 3, {}, {}, 0};
    int m_queries = 0;
};
