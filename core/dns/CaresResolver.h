// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dns/DnsResolver.h"

#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>

#include <deque>
#include <memory>

class QSocketNotifier;
class QTimer;

namespace bd {

// Where DNS queries go: a server address and port, or the system's resolv.conf.
struct DnsServer
{
    QHostAddress address; // null: the system's resolvers
    quint16 port = 53;

    // "HOST[:PORT]" or "[IPv6]:PORT"; HOST must be an IP address. On failure `error` says why.
    static std::optional<DnsServer> parse(const QString &text, QString *error);
    QString toString() const;
};

// DnsResolver on c-ares, driven by the Qt event loop (socket notifiers and a timer): any number
// of lookups, a timeout per query including its retries, a chosen server. At most
// maxInFlight queries are at the server at once, the rest wait their turn: thousands sent in
// one burst overflow the socket's receive buffer, and answered queries then end as timeouts.
// A query's clock starts when it is sent, so waiting in line never counts as a timeout.
class CaresResolver : public DnsResolver
{
    Q_OBJECT
public:
    struct Options
    {
        DnsServer server;
        int timeoutMs = 5000; // one lookup, retries included
        int tries = 2;
        int maxInFlight = 128;
    };

    explicit CaresResolver(const Options &options, QObject *parent = nullptr);
    ~CaresResolver() override;

    bool isValid() const { return m_channel != nullptr; }
    QString initError() const { return m_initError; }

    void cancelAll() override;
    QString serverName() const override
    {
        return m_options.server.address.isNull() ? QString() : m_options.server.toString();
    }
    int pending() const override { return int(m_queries.size()); }
    // The c-ares the program runs with, e.g. "1.18.1".
    static QString libraryVersion();

protected:
    void startLookup(const QString &name, DnsType type, Callback callback) override;

private:
    struct Query;
    static void onSocketState(void *data, int fd, int readable, int writable);
    static void onReply(void *arg, int status, int timeouts, unsigned char *abuf, int alen);
    void socketState(int fd, bool readable, bool writable);
    void process(int readFd, int writeFd);
    void scheduleTimeout();
    void updateTimeout();
    void send(quint64 id);
    void sendQueued();
    void expire();
    void finish(quint64 id, DnsResult result);

    Options m_options;
    void *m_channel = nullptr; // ares_channel
    QString m_initError;
    struct Notifiers
    {
        QSocketNotifier *read = nullptr;
        QSocketNotifier *write = nullptr;
    };
    QHash<int, Notifiers> m_sockets;
    QTimer *m_timer; // c-ares' own retries and timeouts
    QTimer *m_rescheduler; // zero-time: one ares_timeout() per event-loop pass, not per event
    QTimer *m_watchdog; // our deadline of the oldest query sent
    QElapsedTimer m_clock;
    quint64 m_nextId = 1;
    QHash<quint64, std::shared_ptr<Query>> m_queries; // sent and waiting
    std::deque<quint64> m_queue; // waiting to be sent, in order of lookup()
    // Sent queries by deadline; every query has the same timeout, so this is send order.
    std::deque<std::pair<qint64, quint64>> m_deadlines;
    int m_inFlight = 0;
    // Timeouts in a row with no answer between them. A server that answers nothing cannot
    // overflow our buffer, so after a window's worth of them the line is let through at once
    // and a dead server costs about two timeouts, not one per window.
    int m_silentStreak = 0;
};

} // namespace bd
