// SPDX-License-Identifier: GPL-3.0-or-later
#include "ipcheck/IpChecker.h"

#include "dns/DnsResolver.h"
#include "ipcheck/GenericPtrClassifier.h"
#include "owner/OwnerFacts.h"
#include "spf/SpfEvaluator.h"
#include "util/Localized.h"

#include <QTimer>

namespace bd {
namespace {

using namespace Qt::StringLiterals;

QString fill(QString text, const QHostAddress &ip)
{
    return text.replace(QStringLiteral("{ip}"), ip.toString());
}

bool isLoopback127(const QString &address)
{
    const QHostAddress a(address);
    return a.protocol() == QAbstractSocket::IPv4Protocol
            && a.isInSubnet(QHostAddress(QStringLiteral("127.0.0.0")), 8);
}

} // namespace

// RFC 5782 test points of one zone, shared by every IP checked against it.
struct IpChecker::ZoneHealth
{
    DnsStatus listed2 = DnsStatus::Error; // 127.0.0.2 must be listed
    bool answered2 = false;
    DnsStatus listed1 = DnsStatus::Error; // 127.0.0.1 must not be listed
    QStringList codes1;
    bool answered1 = false;
};

struct IpChecker::IpState
{
    QHostAddress ip;
    QElapsedTimer elapsed;
    int elapsedMs = 0;
    int pending = 0;
    // PTR
    PtrStatus ptrStatus = PtrStatus::Error;
    QStringList ptrNames;
    QStringList forwardAddresses;
    bool forwardConfirmed = false;
    // DNSBL, one entry per zone in order
    struct Dnsbl
    {
        DnsblZone zone;
        DnsblStatus status = DnsblStatus::Pending;
        QStringList codes;
        QString meaning;
        QString listing;
        QString txt;
        int elapsedMs = 0;
        quint32 ttl = 0; // of a listing: how long resolvers may keep it after a removal
    };
    QList<Dnsbl> dnsbl;
    // HELO
    QStringList heloAddresses;
    LookupStatus heloStatus = LookupStatus::Pending;
    // domain
    QStringList mx;
    LookupStatus mxStatus = LookupStatus::Pending;
    SpfEvaluator::Result spf;
    DmarcCheck dmarc;
    std::optional<OwnerResult> owner;
};

IpChecker::IpChecker(DnsResolver *resolver, const IpCheckOptions &options, QObject *parent)
    : QObject(parent)
    , m_resolver(resolver)
    , m_options(options)
{
    if (m_options.zones.isEmpty())
        m_options.zones = DnsblTable::builtIn().defaultZones();
}

IpChecker::~IpChecker()
{
    qDeleteAll(m_states);
    qDeleteAll(m_health);
}

QString IpChecker::ptrQueryName(const QHostAddress &ip)
{
    return reversedLabels(ip)
            + (ip.protocol() == QAbstractSocket::IPv6Protocol ? QStringLiteral(".ip6.arpa")
                                                              : QStringLiteral(".in-addr.arpa"));
}

void IpChecker::lookup(
        const QString &name, int type, std::function<void(const DnsResult &)> handler)
{
    ++m_pending;
    ++m_lookups;
    m_resolver->lookup(
            name, DnsType(type), this, [this, handler = std::move(handler)](const DnsResult &r) {
                if (r.definitive())
                    ++m_definitive;
                ++m_finishedLookups;
                handler(r);
                emit progressed();
                done();
            });
}

void IpChecker::done()
{
    if (--m_pending == 0) {
        for (IpState *s : std::as_const(m_states))
            s->elapsedMs = int(s->elapsed.elapsed());
        // Announce from the event loop, never from inside a resolver callback.
        QTimer::singleShot(0, this, &IpChecker::finished);
    }
}

ResolverTrust IpChecker::resolverTrust() const
{
    ResolverTrust t;
    t.server = m_resolver->serverName();
    t.trusted = m_rootStatus == DnsStatus::Answer;
    if (t.trusted)
        return t;
    static const QHash<DnsStatus, QString> keys {{DnsStatus::NxDomain, u"resolver_nxdomain"_qs},
            {DnsStatus::NoData, u"resolver_nodata"_qs},
            {DnsStatus::Refused, u"resolver_refused"_qs},
            {DnsStatus::ServFail, u"resolver_servfail"_qs},
            {DnsStatus::Timeout, u"resolver_timeout"_qs}, {DnsStatus::Error, u"resolver_error"_qs}};
    const DnsblTable &table = DnsblTable::builtIn();
    const QString server = t.server.isEmpty()
            ? table.note(QStringLiteral("resolver_system"), m_options.lang)
            : t.server;
    t.problem = fillPlaceholders(table.note(keys.value(m_rootStatus), m_options.lang),
            {{QStringLiteral("server"), server}, {QStringLiteral("error"), m_rootError}});
    return t;
}

void IpChecker::probeResolver()
{
    // Not one of the checks: an answer here alone does not make the run "answered".
    ++m_pending;
    probeRootZone(m_resolver, this, [this](const DnsResult &r) {
        m_rootStatus = r.status;
        m_rootError = r.error;
        done();
    });
}

void IpChecker::start(const QList<QHostAddress> &ips)
{
    m_started = true;
    ++m_pending; // held until every lookup has been started
    probeResolver();
    if (m_options.dnsbl) {
        // The test points of each zone, once for all IPs.
        for (const DnsblZone &z : std::as_const(m_options.zones)) {
            auto *health = new ZoneHealth;
            m_health.insert(z.zone, health);
            lookup(QStringLiteral("2.0.0.127.") + z.zone, int(DnsType::A),
                    [health](const DnsResult &r) {
                        health->listed2 = r.status;
                        health->answered2 = r.ok();
                    });
            lookup(QStringLiteral("1.0.0.127.") + z.zone, int(DnsType::A),
                    [health](const DnsResult &r) {
                        health->listed1 = r.status;
                        health->answered1 = r.ok();
                        health->codes1 = r.values();
                    });
        }
    }
    for (const QHostAddress &ip : ips) {
        auto *s = new IpState;
        s->ip = ip;
        s->elapsed.start();
        m_states << s;
        checkPtr(*s);
        if (m_options.dnsbl)
            checkDnsbl(*s);
        if (!m_options.helo.isEmpty())
            checkHelo(*s);
        if (!m_options.domain.isEmpty())
            checkDomain(*s);
        if (m_options.owner && m_options.network)
            checkOwner(*s);
    }
    done();
}

void IpChecker::checkPtr(IpState &s)
{
    IpState *state = &s;
    lookup(ptrQueryName(s.ip), int(DnsType::PTR), [this, state](const DnsResult &r) {
        switch (r.status) {
        case DnsStatus::Answer:
            state->ptrStatus = PtrStatus::Ok;
            break;
        case DnsStatus::NxDomain:
        case DnsStatus::NoData:
            state->ptrStatus = PtrStatus::None;
            return;
        case DnsStatus::Timeout:
            state->ptrStatus = PtrStatus::Timeout;
            return;
        default:
            state->ptrStatus = PtrStatus::Error;
            return;
        }
        state->ptrNames = r.values().mid(0, 10);
        // Forward confirmation as Postfix's reject_unknown_client_hostname: a PTR name whose
        // addresses, in the client's own family, include the client.
        const DnsType family =
                state->ip.protocol() == QAbstractSocket::IPv6Protocol ? DnsType::AAAA : DnsType::A;
        for (const QString &name : std::as_const(state->ptrNames)) {
            lookup(name, int(family), [state](const DnsResult &fwd) {
                for (const QString &a : fwd.values()) {
                    if (!state->forwardAddresses.contains(a))
                        state->forwardAddresses << a;
                    if (QHostAddress(a) == state->ip)
                        state->forwardConfirmed = true;
                }
            });
        }
    });
}

void IpChecker::checkDnsbl(IpState &s)
{
    IpState *state = &s;
    for (const DnsblZone &z : std::as_const(m_options.zones)) {
        IpState::Dnsbl entry;
        entry.zone = z;
        if (s.ip.protocol() == QAbstractSocket::IPv6Protocol && !z.ipv6) {
            entry.status = DnsblStatus::NotApplicable;
            s.dnsbl << entry;
            continue;
        }
        const int index = int(s.dnsbl.size());
        s.dnsbl << entry;
        const QString name = reversedLabels(s.ip) + u'.' + z.zone;
        lookup(name, int(DnsType::A), [this, state, index, name](const DnsResult &r) {
            IpState::Dnsbl &e = state->dnsbl[index];
            e.elapsedMs = r.elapsedMs;
            switch (r.status) {
            case DnsStatus::NxDomain:
            case DnsStatus::NoData:
                e.status = DnsblStatus::NotListed;
                return;
            case DnsStatus::Timeout:
                e.status = DnsblStatus::Timeout;
                return;
            case DnsStatus::Refused:
                e.status = DnsblStatus::Refused;
                e.meaning =
                        DnsblTable::builtIn().note(QStringLiteral("dns_refused"), m_options.lang);
                return;
            case DnsStatus::ServFail:
            case DnsStatus::Error:
                e.status = DnsblStatus::Error;
                e.meaning = r.status == DnsStatus::ServFail ? QStringLiteral("SERVFAIL") : r.error;
                return;
            case DnsStatus::Answer:
                break;
            }
            e.codes = r.values();
            for (const DnsRecord &record : r.records)
                e.ttl = std::max(e.ttl, record.ttl);
            const Language lang = m_options.lang;
            for (const QString &code : std::as_const(e.codes)) {
                const auto refused = e.zone.refused.constFind(code);
                if (refused != e.zone.refused.cend()
                        || (code.startsWith(u"127.255.255.")
                                && DnsblTable::builtIn().genericRefused().contains(code))) {
                    e.status = DnsblStatus::Refused;
                    e.meaning = (refused != e.zone.refused.cend()
                                    ? *refused
                                    : DnsblTable::builtIn().genericRefused().value(code))
                                        .get(lang);
                    return;
                }
                if (!isLoopback127(code)) {
                    e.status = DnsblStatus::Error;
                    e.meaning = DnsblTable::builtIn().note(
                            QStringLiteral("outside_127"), lang, QString(), code);
                    return;
                }
            }
            e.status = DnsblStatus::Listed;
            QStringList meanings;
            for (const QString &code : std::as_const(e.codes)) {
                const auto known = e.zone.codes.constFind(code);
                if (known != e.zone.codes.cend()) {
                    meanings << known->meaning.get(lang);
                    if (e.listing.isEmpty())
                        e.listing = known->listing.isEmpty() ? e.zone.listing : known->listing;
                } else {
                    meanings << DnsblTable::builtIn().note(
                            QStringLiteral("unknown_code"), lang, e.zone.names.get(lang), code);
                }
            }
            if (e.listing.isEmpty())
                e.listing = e.zone.listing;
            e.meaning = meanings.join(QStringLiteral("; "));
            lookup(name, int(DnsType::TXT), [state, index](const DnsResult &txt) {
                state->dnsbl[index].txt = txt.values().join(u' ');
            });
        });
    }
}

void IpChecker::checkOwner(IpState &s)
{
    IpState *state = &s;
    OwnerOptions ownerOptions = m_options.ownerOptions;
    ownerOptions.lang = m_options.lang;
    auto *lookup = new OwnerLookup(m_resolver, m_options.network, ownerOptions, this);
    ++m_pending;
    ++m_lookups;
    connect(lookup, &OwnerLookup::finished, this, [this, state, lookup] {
        state->owner = lookup->result();
        if (lookup->anyAnswer())
            ++m_definitive;
        ++m_finishedLookups;
        lookup->deleteLater();
        emit progressed();
        done();
    });
    lookup->start(s.ip);
}

void IpChecker::checkHelo(IpState &s)
{
    IpState *state = &s;
    const DnsType family =
            s.ip.protocol() == QAbstractSocket::IPv6Protocol ? DnsType::AAAA : DnsType::A;
    lookup(m_options.helo, int(family), [state](const DnsResult &r) {
        state->heloStatus = lookupStatus(r.status);
        state->heloAddresses = r.values();
    });
}

void IpChecker::checkDomain(IpState &s)
{
    IpState *state = &s;
    const QString domain = m_options.domain;
    lookup(domain, int(DnsType::MX), [state](const DnsResult &r) {
        state->mxStatus = lookupStatus(r.status);
        QList<DnsRecord> records = r.records;
        std::sort(records.begin(), records.end(),
                [](const DnsRecord &a, const DnsRecord &b) { return a.preference < b.preference; });
        for (const DnsRecord &mx : std::as_const(records))
            state->mx << QStringLiteral("%1 %2").arg(mx.preference).arg(mx.data);
    });
    ++m_pending;
    SpfEvaluator::evaluate(
            m_resolver, s.ip, domain, this, [this, state](const SpfEvaluator::Result &r) {
                state->spf = r;
                if (r.result != u"temperror")
                    ++m_definitive;
                ++m_lookups;
                done();
            });
    checkDmarc(state, domain, false);
}

void IpChecker::checkDmarc(IpState *state, const QString &name, bool organisational)
{
    const QString domain = m_options.domain;
    lookup(QStringLiteral("_dmarc.") + name, int(DnsType::TXT),
            [this, state, domain, name, organisational](const DnsResult &r) {
                QString record;
                for (const QString &txt : r.values()) {
                    if (txt.startsWith(u"v=DMARC1", Qt::CaseInsensitive))
                        record = txt;
                }
                if (record.isEmpty() && !organisational && domain.count(u'.') >= 2) {
                    // No record on the subdomain: the organisational domain's applies (RFC
                    // 7489 6.6.3).
                    checkDmarc(state, domain.section(u'.', -2), true);
                    return;
                }
                DmarcCheck d;
                d.status = !record.isEmpty() ? LookupStatus::Ok
                        : r.definitive()     ? LookupStatus::None
                                             : lookupStatus(r.status);
                d.record = record;
                if (!record.isEmpty())
                    d.foundAt = QStringLiteral("_dmarc.") + name;
                for (const QString &tag : record.split(u';', Qt::SkipEmptyParts)) {
                    const QString key = tag.section(u'=', 0, 0).trimmed().toLower();
                    const QString value = tag.section(u'=', 1).trimmed();
                    if (key == u"p")
                        d.policy = value.toLower();
                    else if (key == u"sp")
                        d.subdomainPolicy = value.toLower();
                    else if (key == u"pct")
                        d.pct = value.toInt();
                    else if (key == u"rua")
                        d.rua = value;
                }
                state->dmarc = d;
            });
}

IpCheckResult IpChecker::result(const IpState &s) const
{
    const Language lang = m_options.lang;
    IpCheckResult c;
    c.ip = s.ip.toString();
    c.resolver = resolverTrust();
    const ResolverTrust &trust = c.resolver;
    // From a resolver that cannot be trusted, "nothing there" is no finding: it is unknown.
    c.ptr.status =
            !trust.trusted && s.ptrStatus == PtrStatus::None ? PtrStatus::Error : s.ptrStatus;
    c.ptr.names = s.ptrNames;
    c.ptr.forwardConfirmed = s.forwardConfirmed;
    c.ptr.forwardAddresses = s.forwardAddresses;

    // The first name is the one receivers usually judge; a missing PTR gives "none".
    const GenericPtrClassifier::Result generic = c.ptr.status == PtrStatus::Ok && trust.trusted
            ? GenericPtrClassifier::builtIn().classify(s.ptrNames.value(0), s.ip, lang)
            : GenericPtrClassifier::builtIn().classify(QString(), s.ip, lang);
    c.genericPtr.verdict = generic.verdict;
    c.genericPtr.reasons = generic.reasons;
    if (!trust.trusted)
        c.genericPtr.reasons = {
                DnsblTable::builtIn().note(QStringLiteral("resolver_unjudged"), lang)};
    else if (c.ptr.status == PtrStatus::Timeout || c.ptr.status == PtrStatus::Error)
        c.genericPtr.reasons = {QStringLiteral("the PTR lookup failed (%1): nothing to judge yet")
                                        .arg(IpCheckResult::statusName(c.ptr.status))};

    if (!m_options.helo.isEmpty()) {
        HeloCheck helo;
        helo.name = m_options.helo;
        helo.status = !trust.trusted && s.heloStatus != LookupStatus::Answer ? LookupStatus::Unknown
                                                                             : s.heloStatus;
        helo.addresses = s.heloAddresses;
        for (const QString &a : s.heloAddresses)
            helo.resolvesToIp = helo.resolvesToIp || QHostAddress(a) == s.ip;
        for (const QString &n : s.ptrNames)
            helo.matchesPtr =
                    helo.matchesPtr || n.compare(m_options.helo, Qt::CaseInsensitive) == 0;
        c.helo = helo;
    }

    if (m_options.dnsbl) {
        c.dnsblChecked = true;
        for (const IpState::Dnsbl &e : s.dnsbl) {
            DnsblCheck d;
            d.status = e.status;
            d.meaning = e.meaning;
            if (const ZoneHealth *h = m_health.value(e.zone.zone)) {
                // RFC 5782 5: 127.0.0.1 must not be listed, 127.0.0.2 must be.
                if (h->answered1) {
                    d.testPoint = DnsblTestPoint::Lists127001;
                    if (d.status == DnsblStatus::Listed || d.status == DnsblStatus::NotListed) {
                        d.status = DnsblStatus::Error;
                        d.meaning = DnsblTable::builtIn().note(
                                QStringLiteral("answers_127_0_0_1"), lang);
                    }
                } else if (!h->answered2) {
                    d.testPoint = h->listed2 == DnsStatus::Timeout ? DnsblTestPoint::Timeout127002
                                                                   : DnsblTestPoint::Misses127002;
                    if (d.status == DnsblStatus::NotListed) {
                        d.status = DnsblStatus::Error;
                        d.meaning = DnsblTable::builtIn().note(
                                QStringLiteral("misses_127_0_0_2"), lang);
                    }
                }
            }
            if (!trust.trusted && d.status == DnsblStatus::NotListed) {
                d.status = DnsblStatus::Error;
                d.meaning = trust.problem;
            }
            d.zone = e.zone.zone;
            d.name = e.zone.names.get(lang);
            d.codes = e.codes;
            d.listing = e.listing;
            d.txt = e.txt;
            if (d.status == DnsblStatus::Listed && e.ttl > 0)
                d.ttlSeconds = qint64(e.ttl);
            d.lookupUrl = fill(e.zone.lookupUrl, s.ip);
            d.delistUrl = e.zone.delistUrl;
            d.access = e.zone.access.get(lang);
            d.elapsedMs = e.elapsedMs;
            c.dnsbl << d;
        }
        for (const auto &nq : DnsblTable::builtIn().notQueryable())
            c.notQueryable << NotQueryableList {
                    nq.listing, nq.name.get(lang), fill(nq.lookupUrl, s.ip), nq.note.get(lang)};
    }

    if (!m_options.domain.isEmpty()) {
        DomainCheck domain;
        domain.name = m_options.domain;
        domain.spf = SpfCheck {spfResultFromName(s.spf.result).value_or(SpfResult::Pending),
                s.spf.record, s.spf.matched, s.spf.lookups, s.spf.notes};
        domain.dmarc = s.dmarc;
        domain.mxStatus = s.mxStatus;
        if (!trust.trusted) {
            // Only what was found is a finding; "none" from this resolver means nothing.
            if (domain.mxStatus != LookupStatus::Answer)
                domain.mxStatus = LookupStatus::Unknown;
            if (domain.spf.result != SpfResult::Pass) {
                domain.spf.result = SpfResult::Unknown;
                domain.spf.notes = {trust.problem};
            }
            if (domain.dmarc.status != LookupStatus::Ok)
                domain.dmarc.status = LookupStatus::Unknown;
        }
        domain.mx = s.mx;
        c.domain = domain;
    }
    c.owner = s.owner;
    // The reasons a mailbox is set aside, in the reader's language like every other text.
    if (c.owner) {
        for (RejectedContact &r : c.owner->rejected)
            r.why = OwnerKnowledge::builtIn().reasonIn(r.why, lang);
    }
    c.elapsedMs = s.elapsedMs;
    return c;
}

QList<IpCheckResult> IpChecker::results() const
{
    QList<IpCheckResult> out;
    for (const IpState *s : m_states)
        out << result(*s);
    return out;
}

} // namespace bd
