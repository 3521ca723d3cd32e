// SPDX-License-Identifier: GPL-3.0-or-later
#include "dns/CaresResolver.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QSocketNotifier>
#include <QTimer>
#include <QUrl>

#include <ares.h>
#include <arpa/nameser.h>

#include <limits>
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
    QElapsedTimer elapsed; // from the moment it is sent
    bool sent = false;
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
    , m_rescheduler(new QTimer(this))
    , m_watchdog(new QTimer(this))
{
    static std::once_flag once;
    std::call_once(once, [] { ares_library_init(ARES_LIB_INIT_ALL); });

    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, [this] { process(ARES_SOCKET_BAD, ARES_SOCKET_BAD); });
    m_rescheduler->setSingleShot(true);
    m_rescheduler->setInterval(0);
    connect(m_rescheduler, &QTimer::timeout, this, &CaresResolver::updateTimeout);
    m_watchdog->setSingleShot(true);
    connect(m_watchdog, &QTimer::timeout, this, &CaresResolver::expire);
    m_clock.start();

    const int tries = qMax(1, m_options.tries);
    // c-ares doubles the wait on each retry: t + 2t + ... must fit the lookup's budget.
    const int perTry = qMax(50, m_options.timeoutMs / ((1 << tries) - 1));
    ares_options opts {};
    opts.flags = ARES_FLAG_NOCHECKRESP; // hand SERVFAIL and REFUSED to us instead of hiding them
    opts.timeout = perTry;
    opts.tries = tries;
    opts.sock_state_cb = &CaresResolver::onSocketState;
    opts.sock_state_cb_data = this;
    // Room for a window of answers that arrive while the event loop is busy elsewhere
    // (Linux caps it at net.core.rmem_max).
    opts.socket_receive_buffer_size = 1 << 20;
    ares_channel channel = nullptr;
    const int rc = ares_init_options(&channel, &opts,
            ARES_OPT_FLAGS | ARES_OPT_TIMEOUTMS | ARES_OPT_TRIES | ARES_OPT_SOCK_STATE_CB
                    | ARES_OPT_SOCK_RCVBUF);
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

void CaresResolver::startLookup(const QString &name, DnsType type, Callback callback)
{
    const quint64 id = m_nextId++;
    auto query = std::make_shared<Query>();
    query->name = name;
    query->type = type;
    query->callback = std::move(callback);
    if (!m_channel) {
        QTimer::singleShot(0, this, [cb = query->callback, error = m_initError] {
            DnsResult r;
            r.status = DnsStatus::Error;
            r.error = error;
            cb(r);
        });
        return;
    }
    m_queries.insert(id, query);
    m_queue.push_back(id);
    sendQueued();
}

void CaresResolver::sendQueued()
{
    const qsizetype window = m_silentStreak >= m_options.maxInFlight
            ? std::numeric_limits<qsizetype>::max()
            : qMax(1, m_options.maxInFlight);
    // A loop on live state: a callback run from inside ares_query may add or cancel lookups.
    while (!m_queue.empty() && m_inFlight < window) {
        const quint64 id = m_queue.front();
        m_queue.pop_front();
        send(id);
    }
}

void CaresResolver::send(quint64 id)
{
    const auto it = m_queries.constFind(id);
    if (it == m_queries.cend())
        return;
    Query &query = **it;
    query.sent = true;
    query.elapsed.start();
    ++m_inFlight;
    // Our own deadline, whatever c-ares does: the user's --timeout-ms is a promise.
    const qint64 deadline = m_clock.elapsed() + m_options.timeoutMs + 100;
    m_deadlines.emplace_back(deadline, id);
    if (!m_watchdog->isActive())
        m_watchdog->start(m_options.timeoutMs + 100);
    const QByteArray ascii = QUrl::toAce(query.name);
    const QByteArray name = ascii.isEmpty() ? query.name.toLatin1() : ascii;
    ares_query(channelOf(m_channel), name.constData(), ns_c_in, int(query.type),
            &CaresResolver::onReply, new Token {this, id});
    scheduleTimeout();
}

void CaresResolver::expire()
{
    const qint64 now = m_clock.elapsed();
    while (!m_deadlines.empty()) {
        const auto [deadline, id] = m_deadlines.front();
        if (!m_queries.contains(id)) {
            m_deadlines.pop_front(); // answered in time
            continue;
        }
        if (deadline > now)
            break;
        m_deadlines.pop_front();
        DnsResult r;
        r.status = DnsStatus::Timeout;
        finish(id, r);
    }
    if (!m_deadlines.empty())
        m_watchdog->start(int(qMax<qint64>(0, m_deadlines.front().first - now)));
    sendQueued();
}

void CaresResolver::cancelAll()
{
    m_queries.clear();
    m_queue.clear();
    m_deadlines.clear();
    m_inFlight = 0;
    m_silentStreak = 0;
    m_watchdog->stop();
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
    sendQueued();
    scheduleTimeout();
}

void CaresResolver::scheduleTimeout()
{
    // ares_timeout() walks every query in flight: once per event-loop pass is enough.
    if (m_channel && !m_rescheduler->isActive())
        m_rescheduler->start();
}

void CaresResolver::updateTimeout()
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
    if (query->sent)
        --m_inFlight;
    m_silentStreak = result.status == DnsStatus::Timeout ? m_silentStreak + 1 : 0;
    result.elapsedMs = int(query->elapsed.elapsed());
    query->callback(result);
}

QString CaresResolver::libraryVersion()
{
    return QString::fromLatin1(ares_version(nullptr));
}

} // namespace bd
