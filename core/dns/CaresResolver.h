// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dns/DnsResolver.h"

#include <QHash>
#include <QHostAddress>

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
// of queries in flight, a timeout per query including its retries, a chosen server.
class CaresResolver : public DnsResolver
{
    Q_OBJECT
public:
    struct Options
    {
        DnsServer server;
        int timeoutMs = 5000; // one lookup, retries included
        int tries = 2;
    };

    explicit CaresResolver(const Options &options, QObject *parent = nullptr);
    ~CaresResolver() override;

    bool isValid() const { return m_channel != nullptr; }
    QString initError() const { return m_initError; }

    void lookup(const QString &name, DnsType type, Callback callback) override;
    void cancelAll() override;
    QString serverName() const override
    {
        return m_options.server.address.isNull() ? QString() : m_options.server.toString();
    }
    int pending() const override { return int(m_queries.size()); }
    // The c-ares the program runs with, e.g. "1.18.1".
    static QString libraryVersion();

private:
    struct Query;
    static void onSocketState(void *data, int fd, int readable, int writable);
    static void onReply(void *arg, int status, int timeouts, unsigned char *abuf, int alen);
    void socketState(int fd, bool readable, bool writable);
    void process(int readFd, int writeFd);
    void scheduleTimeout();
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
    QTimer *m_timer;
    quint64 m_nextId = 1;
    QHash<quint64, std::shared_ptr<Query>> m_queries;
};

} // namespace bd
