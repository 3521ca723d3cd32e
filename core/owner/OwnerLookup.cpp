// SPDX-License-Identifier: GPL-3.0-or-later
#include "owner/OwnerLookup.h"

#include "owner/RdapReading.h"

#include "dns/DnsResolver.h"
#include "util/TextDecoder.h"

#include <QJsonDocument>
#include <QMetaEnum>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>

#include <memory>

namespace bd {
namespace {

// Registries redirect once, to the RIR that holds the range; more is a loop.
constexpr int maxRdapRedirects = 5;

const QStringList rirOrder {QStringLiteral("arin"), QStringLiteral("ripe"), QStringLiteral("apnic"),
        QStringLiteral("lacnic"), QStringLiteral("afrinic")};

// The class owner.json gives a Qt network error, by the error's enum key.
template<typename Error> QString errorClass(Error error)
{
    const char *key = QMetaEnum::fromType<Error>().valueToKey(int(error));
    return OwnerKnowledge::builtIn().errorClasses.value(
            QString::fromLatin1(key ? key : ""), QStringLiteral("other"));
}

} // namespace

OwnerLookup::OwnerLookup(DnsResolver *resolver, QNetworkAccessManager *network,
        const OwnerOptions &options, QObject *parent)
    : QObject(parent)
    , m_resolver(resolver)
    , m_network(network)
    , m_options(options)
{
}

OwnerLookup::~OwnerLookup() = default;

// Addresses no registry publishes an owner for.
static bool isUnregistered(const QHostAddress &ip)
{
    static const char *const ranges[] = {"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16",
            "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "192.0.2.0/24", "198.51.100.0/24",
            "203.0.113.0/24", "0.0.0.0/8", "224.0.0.0/3", "::1/128", "fc00::/7", "fe80::/10",
            "2001:db8::/32"};
    for (const char *r : ranges) {
        const auto subnet = QHostAddress::parseSubnet(QString::fromLatin1(r));
        if (ip.isInSubnet(subnet))
            return true;
    }
    return false;
}

QString OwnerLookup::noteText(const QString &key, const QHash<QString, QString> &vars) const
{
    return fillPlaceholders(OwnerKnowledge::builtIn().notes.value(key).get(m_options.lang), vars);
}

void OwnerLookup::addNote(const char *key, const QHash<QString, QString> &vars)
{
    m_notes << noteText(QString::fromLatin1(key), vars);
}

QString OwnerLookup::failure(const QString &errorClass, const QHash<QString, QString> &vars) const
{
    return noteText(QStringLiteral("error.") + errorClass, vars);
}

QString OwnerLookup::dnsWords(DnsStatus status) const
{
    return noteText(QStringLiteral("dns.") + dnsStatusName(status));
}

void OwnerLookup::start(const QHostAddress &ip)
{
    m_ip = ip;
    if (isUnregistered(ip)) {
        addNote("unregistered", {{QStringLiteral("ip"), ip.toString()}});
        finishIfDone();
        return;
    }
    ++m_pending;
    if (m_options.abusix)
        startAbusix();
    QString base = m_options.rdapBase;
    if (base.isEmpty() && m_options.rdap && m_options.whoisServer.isEmpty())
        base = OwnerKnowledge::builtIn().rdapBase(ip);
    if (m_options.rdap && !base.isEmpty()) {
        if (!base.endsWith(u'/'))
            base += u'/';
        startRdap(QUrl(base + QStringLiteral("ip/") + ip.toString()), 0);
    } else {
        startWhoisChain();
    }
    --m_pending;
    finishIfDone();
}

void OwnerLookup::startRdap(const QUrl &url, int depth, const QStringList &roles, int redirects)
{
    ++m_pending;
    QHostAddress literal;
    if (url.host().isEmpty() || literal.setAddress(url.host())) {
        sendRdap(url, url, depth, roles, redirects);
        return;
    }
    // The registry's host name goes through our resolver too, so --dns governs RDAP as well;
    // the request then names the host for HTTP and TLS (SNI and certificate check).
    m_resolver->lookup(
            url.host(), DnsType::A, this, [this, url, depth, roles, redirects](const DnsResult &r) {
                if (!r.ok()) {
                    if (depth == 0)
                        addNote("rdap_unresolved",
                                {{QStringLiteral("host"), url.host()},
                                        {QStringLiteral("status"), dnsWords(r.status)}});
                    endRdapRequest(depth);
                    return;
                }
                QUrl direct = url;
                direct.setHost(r.values().first());
                sendRdap(direct, url, depth, roles, redirects);
            });
}

void OwnerLookup::sendRdap(
        const QUrl &direct, const QUrl &url, int depth, const QStringList &roles, int redirects)
{
    QNetworkRequest request(direct);
    request.setRawHeader("Accept", "application/rdap+json, application/json");
    if (direct.host() != url.host()) {
        request.setRawHeader("Host",
                (url.host() + (url.port() > 0 ? QStringLiteral(":%1").arg(url.port()) : QString()))
                        .toUtf8());
        request.setPeerVerifyName(url.host());
    }
    request.setTransferTimeout(m_options.timeoutMs);
    // Redirects are followed by hand, so their host names are resolved by us as well.
    request.setAttribute(
            QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    QNetworkReply *reply = m_network->get(request);
    m_queried << QStringLiteral("rdap:") + url.toString();
    // QNetworkReply would keep a whole body in memory, however long: it reads no more than the
    // limit, and a body that reaches it is cut off.
    reply->setReadBufferSize(m_options.maxRdapBytes + 1);
    connect(reply, &QNetworkReply::readyRead, reply, [this, reply] {
        if (reply->bytesAvailable() > m_options.maxRdapBytes
                && !reply->property("tooLarge").toBool()) {
            reply->setProperty("tooLarge", true);
            reply->abort();
        }
    });
    connect(reply, &QNetworkReply::finished, this, [this, reply, depth, roles, url, redirects] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status >= 300 && status < 400 && status != 304) {
            const QUrl next = url.resolved(QUrl(QString::fromUtf8(reply->rawHeader("Location"))));
            if (redirects < maxRdapRedirects && next.isValid()
                    && (next.scheme() == u"https" || next.scheme() == url.scheme())) {
                startRdap(next, depth, roles, redirects + 1);
            } else {
                addNote("rdap_redirects", {{QStringLiteral("url"), url.toString()}});
                endRdapRequest(depth);
                return;
            }
            --m_pending; // the redirect's own request carries on
            return;
        }
        const bool tooLarge = reply->property("tooLarge").toBool();
        const QByteArray body = !tooLarge && reply->isOpen() ? reply->readAll() : QByteArray();
        const bool entityFetch = depth > 0;
        const RdapReading reading = status != 200 ? RdapReading()
                : entityFetch                     ? RdapReading::readEntity(body, roles)
                                                  : RdapReading::readNetwork(body);
        if (reading.valid) {
            m_anyAnswer = true;
            if (entityFetch) {
                m_facts.contacts += reading.facts.contacts;
            } else {
                OwnerFacts facts = reading.facts;
                const OwnerKnowledge::Registry *r =
                        OwnerKnowledge::builtIn().registryByRdap(reply->url().toString());
                facts.registry = r ? r->id : reply->url().host();
                adopt(facts, QStringLiteral("rdap"));
                // Entities given only by handle are fetched for their addresses (a few at most).
                for (const RdapEntityLink &link : reading.entityLinks.mid(0, 6)) {
                    ++m_entityFetches;
                    startRdap(link.url, 1, link.roles);
                }
            }
        } else if (!entityFetch) {
            if (tooLarge)
                addNote("rdap_too_large",
                        {{QStringLiteral("kib"), QString::number(m_options.maxRdapBytes >> 10)}});
            else if (status == 429)
                addNote("rdap_rate_limited");
            else if (status == 404)
                addNote("rdap_no_record");
            else if (status >= 500)
                addNote("rdap_server_error", {{QStringLiteral("status"), QString::number(status)}});
            else if (reply->error() == QNetworkReply::OperationCanceledError)
                addNote("rdap_timeout",
                        {{QStringLiteral("seconds"),
                                QString::number(m_options.timeoutMs / 1000.0)}});
            else if (reply->error() != QNetworkReply::NoError)
                addNote("rdap_error",
                        {{QStringLiteral("error"),
                                status > 0
                                        ? failure(QStringLiteral("http"),
                                                {{QStringLiteral("status"),
                                                        QString::number(status)}})
                                        : failure(errorClass(reply->error()),
                                                {{QStringLiteral("detail"), reply->errorString()},
                                                        {QStringLiteral("code"),
                                                                QString::number(reply->error())},
                                                        {QStringLiteral("host"), url.host()},
                                                        {QStringLiteral("status"),
                                                                dnsWords(DnsStatus::NxDomain)}})}});
            else
                addNote("rdap_unreadable");
        }
        endRdapRequest(depth);
    });
}

void OwnerLookup::endRdapRequest(int depth)
{
    if (depth > 0)
        --m_entityFetches;
    // The main record and every entity fetched for it are in: decide whether WHOIS is needed.
    if (m_entityFetches == 0)
        rdapSettled();
    --m_pending;
    finishIfDone();
}

void OwnerLookup::rdapSettled()
{
    bool haveAbuse = false;
    for (const OwnerContact &c : std::as_const(m_facts.contacts))
        haveAbuse = haveAbuse || c.role == u"abuse";
    // No abuse address from RDAP (an error, AFRINIC's role-less entities): WHOIS may have one.
    if (!haveAbuse && !m_whoisStarted)
        startWhoisChain();
}

void OwnerLookup::startWhoisChain()
{
    m_whoisStarted = true;
    const QString first = m_options.whoisServer.isEmpty() ? QStringLiteral("whois.iana.org")
                                                          : m_options.whoisServer;
    const auto r = WhoisReading::parseReferral(first);
    startWhois(r ? r->host : first, r && r->port ? r->port : m_options.whoisPort);
}

void OwnerLookup::startWhois(const QString &host, quint16 port)
{
    const QString key = QStringLiteral("%1:%2").arg(host).arg(port);
    if (m_visited.contains(key)) {
        addNote("whois_loop", {{QStringLiteral("server"), key}});
        return;
    }
    if (++m_hops > m_options.maxHops) {
        addNote("whois_hops", {{QStringLiteral("hops"), QString::number(m_options.maxHops)}});
        return;
    }
    m_visited << key;
    if (const OwnerKnowledge::Registry *r = OwnerKnowledge::builtIn().registryByWhois(host))
        m_triedRegistries << r->id;
    ++m_pending;
    const QByteArray query = OwnerKnowledge::builtIn().whoisQuery(host, m_ip).toUtf8() + "\r\n";
    auto connectTo = [this, host, port, query](const QHostAddress &address) {
        auto *socket = new QTcpSocket(this);
        auto *timer = new QTimer(socket);
        // Shared by the handlers below; it lives as long as the last of them.
        auto buffer = std::make_shared<QByteArray>();
        timer->setSingleShot(true);
        auto finish = [this, socket, timer, host, buffer](const QString &error) {
            if (socket->property("done").toBool())
                return;
            socket->setProperty("done", true);
            timer->stop();
            // abort() emits disconnected() at once; no handler may run after this point.
            socket->disconnect();
            socket->abort();
            socket->deleteLater();
            whoisDone(host, *buffer, error);
        };
        connect(timer, &QTimer::timeout, socket, [this, finish, buffer] {
            finish(failure(
                    buffer->isEmpty() ? QStringLiteral("timeout") : QStringLiteral("not_closed")));
        });
        connect(socket, &QTcpSocket::connected, socket, [socket, query] { socket->write(query); });
        connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer, finish] {
            buffer->append(socket->read(m_options.maxBytes + 1 - buffer->size()));
            if (buffer->size() > m_options.maxBytes) {
                buffer->truncate(m_options.maxBytes);
                finish(failure(QStringLiteral("cut"),
                        {{QStringLiteral("kib"), QString::number(m_options.maxBytes >> 10)}}));
            }
        });
        connect(socket, &QTcpSocket::disconnected, socket, [this, socket, buffer, finish] {
            buffer->append(socket->readAll());
            finish(buffer->isEmpty() ? failure(QStringLiteral("closed")) : QString());
        });
        connect(socket, &QTcpSocket::errorOccurred, socket,
                [this, socket, finish](QAbstractSocket::SocketError e) {
                    if (e != QAbstractSocket::RemoteHostClosedError)
                        finish(failure(errorClass(e),
                                {{QStringLiteral("detail"), socket->errorString()},
                                        {QStringLiteral("code"), QString::number(e)}}));
                });
        timer->start(m_options.timeoutMs);
        socket->connectToHost(address, port);
    };
    QHostAddress literal;
    if (literal.setAddress(host)) {
        connectTo(literal);
        return;
    }
    // Server names go through our resolver too, so --dns governs every lookup.
    m_resolver->lookup(host, DnsType::A, this, [this, host, connectTo](const DnsResult &r) {
        if (!r.ok()) {
            whoisDone(host, {},
                    failure(QStringLiteral("host_not_found"),
                            {{QStringLiteral("host"), host},
                                    {QStringLiteral("status"), dnsWords(r.status)}}));
            return;
        }
        connectTo(QHostAddress(r.values().first()));
    });
}

void OwnerLookup::whoisDone(const QString &host, const QByteArray &answer, const QString &error)
{
    m_queried << QStringLiteral("whois:") + host;
    if (!error.isEmpty())
        addNote("whois_error", {{QStringLiteral("host"), host}, {QStringLiteral("error"), error}});
    if (!answer.isEmpty()) {
        m_anyAnswer = true;
        // Registries mostly answer UTF-8; older ones Latin-1, which never fails to decode.
        const QString text = TextDecoder::isValidUtf8(answer) ? QString::fromUtf8(answer)
                                                              : QString::fromLatin1(answer);
        const WhoisReading reading = WhoisReading::read(text);
        if (reading.rateLimited)
            addNote("whois_rate_limited", {{QStringLiteral("host"), host}});
        if (reading.referral && reading.referral->host != host) {
            startWhois(reading.referral->host,
                    reading.referral->port ? reading.referral->port : m_options.whoisPort);
        } else if (reading.notMine) {
            addNote("whois_not_mine",
                    {{QStringLiteral("host"), host},
                            {QStringLiteral("why"),
                                    OwnerKnowledge::builtIn().reasonIn(
                                            reading.notMineWhy, m_options.lang)}});
            QString next = reading.transferRegistry;
            if (next.isEmpty() || m_triedRegistries.contains(next)) {
                next.clear();
                for (const QString &rir : rirOrder) {
                    if (!m_triedRegistries.contains(rir)) {
                        next = rir;
                        break;
                    }
                }
            }
            if (const OwnerKnowledge::Registry *r = OwnerKnowledge::builtIn().registryById(next))
                startWhois(r->whois, m_options.whoisPort);
        } else {
            OwnerFacts facts = reading.facts;
            const OwnerKnowledge::Registry *r = OwnerKnowledge::builtIn().registryByWhois(host);
            facts.registry = r ? r->id : host;
            m_whoisRaw = text.left(qsizetype {64} * 1024);
            adopt(facts, QStringLiteral("whois"));
        }
    }
    --m_pending;
    finishIfDone();
}

void OwnerLookup::startAbusix()
{
    ++m_pending;
    const QString name = reversedLabels(m_ip) + QStringLiteral(".abuse-contacts.abusix.zone");
    m_queried << QStringLiteral("dns:") + name;
    m_resolver->lookup(name, DnsType::TXT, this, [this](const DnsResult &r) {
        for (const QString &txt : r.values()) {
            for (const QString &e : txt.split(u',', Qt::SkipEmptyParts)) {
                if (e.contains(u'@'))
                    m_abusix << OwnerContact {e.trimmed().toLower(), QStringLiteral("abuse"),
                            QStringLiteral("Abusix contact database")};
            }
        }
        --m_pending;
        finishIfDone();
    });
}

void OwnerLookup::adopt(const OwnerFacts &facts, const QString &source)
{
    if (m_source.isEmpty()) {
        static_cast<OwnerRecord &>(m_facts) = facts;
        m_source = source;
    } else {
        // A second source fills what the first left empty.
        for (auto [field, value] :
                {std::pair {&m_facts.org, facts.org}, std::pair {&m_facts.netname, facts.netname},
                        std::pair {&m_facts.range, facts.range},
                        std::pair {&m_facts.country, facts.country},
                        std::pair {&m_facts.staticHint, facts.staticHint}}) {
            if (field->isEmpty())
                *field = value;
        }
    }
    m_facts.contacts += facts.contacts;
    m_facts.rejected += facts.rejected;
}

void OwnerLookup::finishIfDone()
{
    if (m_pending == 0 && !m_finished) {
        m_finished = true;
        QTimer::singleShot(0, this, &OwnerLookup::finished);
    }
}

OwnerResult OwnerLookup::result() const
{
    const OwnerKnowledge &k = OwnerKnowledge::builtIn();
    OwnerResult r;
    static_cast<OwnerRecord &>(r) = m_facts;
    r.source = m_source;

    // Ranked: the record's own abuse addresses in the order read, then Abusix's. Registry
    // placeholders and national registries' boxes are set aside with the reason.
    QStringList seenRejected;
    auto reject = [&](const QString &email, const QString &why) {
        if (seenRejected.contains(email))
            return;
        seenRejected << email;
        r.rejected << RejectedContact {email, why};
    };
    for (const auto &[email, why] : m_facts.rejected)
        reject(email, why);
    const QList<OwnerContact> all = m_facts.contacts + m_abusix;
    for (const OwnerContact &c : all) {
        const QString placeholder = k.placeholderReason(c.email);
        if (!placeholder.isEmpty()) {
            reject(c.email, placeholder);
            continue;
        }
        if (seenRejected.contains(c.email))
            continue;
        r.contacts << c;
        if (c.role == u"abuse" && !r.abuseEmails.contains(c.email))
            r.abuseEmails << c.email;
        else if ((c.role == u"noc" || c.role == u"technical") && !r.nocEmails.contains(c.email))
            r.nocEmails << c.email;
    }
    r.queried = m_queried;
    r.notes = m_notes;
    r.whoisRaw = m_whoisRaw;
    return r;
}

} // namespace bd
