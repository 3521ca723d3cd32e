// SPDX-License-Identifier: GPL-3.0-or-later
#include "dns/CaresResolver.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QSocketNotifier>
#include <QTimer>
#include <QUrl>

#include <ares.h>
#include <arpa/nameser.h>

#include <mutex>

namespace bd {
namespace {

ares_channel channelOf(void *p)
{
    return static_cast<ares_channel>(p);
}

// What c-ares hands back to onReply: which resolver and which query, by id, so a query that
// already ended (watchdog, cancel) is recognised and ignored.
struct Token
{
    QPointer<CaresResolver> resolver;
    quint64 id;
};

} // namespace

struct CaresResolver::Query
{
    QString name;
    DnsType type;
    Callback callback;
    QElapsedTimer elapsed;
    QTimer *watchdog = nullptr;
};

std::optional<DnsServer> DnsServer::parse(const QString &text, QString *error)
{
    QString host = text.trimmed();
    QString port;
    if (host.startsWith(u'[')) {
        const qsizetype close = host.indexOf(u']');
        if (close < 0) {
            *error = QStringLiteral("'%1': missing ']' after the IPv6 address").arg(text);
            return std::nullopt;
        }
        port = host.sliced(close + 1);
        host = host.sliced(1, close - 1);
        if (!port.isEmpty() && !port.startsWith(u':')) {
            *error = QStringLiteral("'%1': expected ':PORT' after ']'").arg(text);
            return std::nullopt;
        }
        port = port.mid(1);
    } else if (host.count(u':') == 1) {
        port = host.section(u':', 1);
        host = host.section(u':', 0, 0);
    }
    DnsServer server;
    if (!server.address.setAddress(host)) {
        *error = QStringLiteral(
                "'%1' is not an IP address (the DNS server must be given by address)")
                         .arg(host);
        return std::nullopt;
    }
    if (!port.isEmpty()) {
        bool ok = false;
        const uint p = port.toUInt(&ok);
        if (!ok || p == 0 || p > 65535) {
            *error = QStringLiteral("'%1' is not a port number").arg(port);
            return std::nullopt;
        }
        server.port = quint16(p);
    }
    return server;
}

QString DnsServer::toString() const
{
    if (address.isNull())
        return QStringLiteral("system resolver");
    if (address.protocol() == QAbstractSocket::IPv6Protocol)
        return QStringLiteral("[%1]:%2").arg(address.toString()).arg(port);
    return QStringLiteral("%1:%2").arg(address.toString()).arg(port);
}

CaresResolver::CaresResolver(const Options &options, QObject *parent)
    : DnsResolver(parent)
    , m_options(options)
    , m_timer(new QTimer(this))
{
    static std::once_flag once;
    std::call_once(once, [] { ares_library_init(ARES_LIB_INIT_ALL); });

    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, [this] { process(ARES_SOCKET_BAD, ARES_SOCKET_BAD); });

    const int tries = qMax(1, m_options.tries);
    // c-ares doubles the wait on each retry: t + 2t + ... must fit the lookup's budget.
    const int perTry = qMax(50, m_options.timeoutMs / ((1 << tries) - 1));
    ares_options opts {};
    opts.flags = ARES_FLAG_NOCHECKRESP; // hand SERVFAIL and REFUSED to us instead of hiding them
    opts.timeout = perTry;
    opts.tries = tries;
    opts.sock_state_cb = &CaresResolver::onSocketState;
    opts.sock_state_cb_data = this;
    ares_channel channel = nullptr;
    const int rc = ares_init_options(&channel, &opts,
            ARES_OPT_FLAGS | ARES_OPT_TIMEOUTMS | ARES_OPT_TRIES | ARES_OPT_SOCK_STATE_CB);
    if (rc != ARES_SUCCESS) {
        m_initError = QString::fromLatin1(ares_strerror(rc));
        return;
    }
    m_channel = channel;
    if (!m_options.server.address.isNull()) {
        const QByteArray csv = m_options.server.toString().toLatin1();
        const int src = ares_set_servers_ports_csv(channel, csv.constData());
        if (src != ARES_SUCCESS) {
            m_initError = QStringLiteral("cannot use DNS server %1: %2")
                                  .arg(m_options.server.toString(),
                                          QString::fromLatin1(ares_strerror(src)));
            ares_destroy(channel);
            m_channel = nullptr;
        }
    }
}

CaresResolver::~CaresResolver()
{
    cancelAll();
    if (m_channel)
        ares_destroy(channelOf(m_channel));
}

void CaresResolver::lookup(const QString &name, DnsType type, Callback callback)
{
    const quint64 id = m_nextId++;
    auto query = std::make_shared<Query>();
    query->name = name;
    query->type = type;
    query->callback = std::move(callback);
    query->elapsed.start();
    if (!m_channel) {
        QTimer::singleShot(0, this, [cb = query->callback, error = m_initError] {
            DnsResult r;
            r.status = DnsStatus::Error;
            r.error = error;
            cb(r);
        });
        return;
    }
    // Our own deadline, whatever c-ares does: the user's --timeout-ms is a promise.
    query->watchdog = new QTimer(this);
    query->watchdog->setSingleShot(true);
    connect(query->watchdog, &QTimer::timeout, this, [this, id] {
        DnsResult r;
        r.status = DnsStatus::Timeout;
        finish(id, r);
    });
    query->watchdog->start(m_options.timeoutMs + 100);
    m_queries.insert(id, query);
    const QByteArray ascii = QUrl::toAce(name);
    auto *token = new Token {this, id};
    ares_query(channelOf(m_channel),
            ascii.isEmpty() ? name.toLatin1().constData() : ascii.constData(), ns_c_in, int(type),
            &CaresResolver::onReply, token);
    scheduleTimeout();
}

void CaresResolver::cancelAll()
{
    for (const auto &q : std::as_const(m_queries)) {
        if (q->watchdog)
            q->watchdog->deleteLater();
    }
    m_queries.clear();
    if (m_channel)
        ares_cancel(channelOf(m_channel)); // fires onReply with ARES_ECANCELLED, which is ignored
}

void CaresResolver::onSocketState(void *data, int fd, int readable, int writable)
{
    static_cast<CaresResolver *>(data)->socketState(fd, readable, writable);
}

void CaresResolver::socketState(int fd, bool readable, bool writable)
{
    Notifiers &n = m_sockets[fd];
    auto ensure = [&](QSocketNotifier *&notifier, QSocketNotifier::Type type, bool wanted) {
        if (wanted && !notifier) {
            notifier = new QSocketNotifier(fd, type, this);
            connect(notifier, &QSocketNotifier::activated, this, [this, fd, type] {
                if (type == QSocketNotifier::Read)
                    process(fd, ARES_SOCKET_BAD);
                else
                    process(ARES_SOCKET_BAD, fd);
            });
        } else if (!wanted && notifier) {
            notifier->setEnabled(false);
            notifier->deleteLater(); // may be the notifier whose signal is being handled
            notifier = nullptr;
        }
    };
    ensure(n.read, QSocketNotifier::Read, readable);
    ensure(n.write, QSocketNotifier::Write, writable);
    if (!n.read && !n.write)
        m_sockets.remove(fd);
}

void CaresResolver::process(int readFd, int writeFd)
{
    if (!m_channel)
        return;
    ares_process_fd(channelOf(m_channel), readFd, writeFd);
    scheduleTimeout();
}

void CaresResolver::scheduleTimeout()
{
    if (!m_channel)
        return;
    timeval tv {};
    if (ares_timeout(channelOf(m_channel), nullptr, &tv))
        m_timer->start(int(tv.tv_sec * 1000 + tv.tv_usec / 1000) + 1);
    else
        m_timer->stop();
}

void CaresResolver::onReply(void *arg, int status, int /*timeouts*/, unsigned char *abuf, int alen)
{
    std::unique_ptr<Token> token(static_cast<Token *>(arg));
    if (!token->resolver || status == ARES_ECANCELLED || status == ARES_EDESTRUCTION)
        return;
    CaresResolver *self = token->resolver;
    const auto it = self->m_queries.constFind(token->id);
    if (it == self->m_queries.cend())
        return; // the watchdog already answered
    const DnsType type = (*it)->type;

    DnsResult r;
    std::optional<DnsMessage> message;
    if (abuf && alen > 0)
        message = DnsMessage::parse(QByteArrayView(reinterpret_cast<const char *>(abuf), alen));
    switch (status) {
    case ARES_SUCCESS:
        if (!message) {
            r.status = DnsStatus::Error;
            r.error = QStringLiteral("malformed answer");
            break;
        }
        for (const DnsRecord &record : std::as_const(message->answers)) {
            if (record.type == type)
                r.records << record;
        }
        r.status = r.records.isEmpty() ? DnsStatus::NoData : DnsStatus::Answer;
        break;
    case ARES_ENODATA:
        r.status = DnsStatus::NoData;
        break;
    case ARES_ENOTFOUND:
        r.status = DnsStatus::NxDomain;
        break;
    case ARES_ESERVFAIL:
        r.status = DnsStatus::ServFail;
        break;
    case ARES_EREFUSED:
        r.status = DnsStatus::Refused;
        break;
    case ARES_ETIMEOUT:
        r.status = DnsStatus::Timeout;
        break;
    default:
        r.status = DnsStatus::Error;
        r.error = QString::fromLatin1(ares_strerror(status));
        break;
    }
    self->finish(token->id, r);
}

void CaresResolver::finish(quint64 id, DnsResult result)
{
    const std::shared_ptr<Query> query = m_queries.take(id);
    if (!query)
        return;
    if (query->watchdog) {
        query->watchdog->stop();
        query->watchdog->deleteLater();
    }
    result.elapsedMs = int(query->elapsed.elapsed());
    query->callback(result);
}

QString CaresResolver::libraryVersion()
{
    return QString::fromLatin1(ares_version(nullptr));
}

} // namespace bd
