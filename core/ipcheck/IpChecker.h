// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dns/DnsResolver.h"
#include "ipcheck/DnsblTable.h"
#include "ipcheck/IpCheckResult.h"
#include "owner/OwnerLookup.h"
#include "util/Language.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QObject>

namespace bd {

struct IpCheckOptions
{
    bool dnsbl = true;
    QList<DnsblZone> zones; // empty: the table's defaults
    QString helo;
    QString domain;
    Language lang = Language::English;
    bool owner = false; // look up who holds the range (needs `network`)
    OwnerOptions ownerOptions;
    QNetworkAccessManager *network = nullptr;
};

// What the world sees of sending IPs: PTR and forward confirmation, the generic-PTR verdict,
// DNSBL listings (with RFC 5782 test points), HELO, and for a domain its MX, SPF and DMARC.
// Every lookup of every IP is started at once; the result for an IP is ready when its last
// lookup ends, so the whole check takes about one timeout, not the sum of them.
class IpChecker : public QObject
{
    Q_OBJECT
public:
    IpChecker(DnsResolver *resolver, const IpCheckOptions &options, QObject *parent = nullptr);
    ~IpChecker() override;

    void start(const QList<QHostAddress> &ips);
    bool isFinished() const { return m_started && m_pending == 0; }
    // One result per IP, in the order given (the `checks` array of the CLI contract).
    QList<IpCheckResult> results() const;
    // Known once finished; until the root probe answers, not trusted.
    ResolverTrust resolverTrust() const;
    // True when not a single lookup got an answer (offline, or the server is unreachable).
    bool everythingFailed() const { return m_lookups > 0 && m_definitive == 0; }

    static QString ptrQueryName(const QHostAddress &ip);

    int lookupsStarted() const { return m_lookups; }
    int lookupsFinished() const { return m_finishedLookups; }

signals:
    void finished();
    // After every lookup that ends, so a view can fill in as answers arrive.
    void progressed();

private:
    struct IpState;
    struct ZoneHealth;
    void probeResolver();
    void checkPtr(IpState &s);
    void checkDnsbl(IpState &s);
    void checkHelo(IpState &s);
    void checkDomain(IpState &s);
    void checkDmarc(IpState *state, const QString &name, bool organisational);
    void checkOwner(IpState &s);
    void lookup(
            const QString &name, int type, std::function<void(const struct DnsResult &)> handler);
    void done();
    IpCheckResult result(const IpState &s) const;

    DnsResolver *m_resolver;
    IpCheckOptions m_options;
    QList<IpState *> m_states;
    QHash<QString, ZoneHealth *> m_health;
    int m_pending = 0;
    int m_lookups = 0;
    int m_finishedLookups = 0;
    int m_definitive = 0;
    bool m_started = false;
    DnsStatus m_rootStatus = DnsStatus::Timeout;
    QString m_rootError;
};

} // namespace bd
