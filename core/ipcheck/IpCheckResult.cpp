// SPDX-License-Identifier: GPL-3.0-or-later
#include "ipcheck/IpCheckResult.h"

#include "util/JsonDocument.h"

#include <utility>

namespace bd {
namespace {

using JsonDocument::orNull;
using JsonDocument::strings;

template<typename E> using Names = std::initializer_list<std::pair<E, const char16_t *>>;

// The contract's words (docs/cli.md). Pending is "" as the checker wrote it before an answer.
const Names<PtrStatus> ptrNames {{PtrStatus::Ok, u"ok"}, {PtrStatus::None, u"none"},
        {PtrStatus::Error, u"error"}, {PtrStatus::Timeout, u"timeout"}};
const Names<DnsblStatus> dnsblNames {{DnsblStatus::Pending, u""}, {DnsblStatus::Listed, u"listed"},
        {DnsblStatus::NotListed, u"not-listed"}, {DnsblStatus::Refused, u"refused"},
        {DnsblStatus::Error, u"error"}, {DnsblStatus::Timeout, u"timeout"},
        {DnsblStatus::NotApplicable, u"not-applicable"}};
const Names<DnsblTestPoint> testPointNames {{DnsblTestPoint::Ok, u"ok"},
        {DnsblTestPoint::Lists127001, u"127.0.0.1 listed"},
        {DnsblTestPoint::Misses127002, u"127.0.0.2 not listed"},
        {DnsblTestPoint::Timeout127002, u"127.0.0.2 timeout"}};
const Names<LookupStatus> lookupNames {{LookupStatus::Pending, u""}, {LookupStatus::Ok, u"ok"},
        {LookupStatus::None, u"none"}, {LookupStatus::Answer, u"answer"},
        {LookupStatus::NxDomain, u"nxdomain"}, {LookupStatus::NoData, u"nodata"},
        {LookupStatus::ServFail, u"servfail"}, {LookupStatus::Refused, u"refused"},
        {LookupStatus::Timeout, u"timeout"}, {LookupStatus::Error, u"error"},
        {LookupStatus::Unknown, u"unknown"}};
const Names<SpfResult> spfNames {{SpfResult::Pending, u""}, {SpfResult::Pass, u"pass"},
        {SpfResult::Fail, u"fail"}, {SpfResult::SoftFail, u"softfail"},
        {SpfResult::Neutral, u"neutral"}, {SpfResult::None, u"none"},
        {SpfResult::PermError, u"permerror"}, {SpfResult::TempError, u"temperror"},
        {SpfResult::Unknown, u"unknown"}};
const Names<GenericPtrClassifier::Verdict> verdictNames {
        {GenericPtrClassifier::Verdict::Generic, u"generic"},
        {GenericPtrClassifier::Verdict::Specific, u"specific"},
        {GenericPtrClassifier::Verdict::None, u"none"}};

template<typename E> QString nameOf(const Names<E> &names, E value)
{
    for (const auto &[e, name] : names) {
        if (e == value)
            return QString::fromUtf16(name);
    }
    return {};
}

template<typename E> std::optional<E> valueOf(const Names<E> &names, QStringView name)
{
    for (const auto &[e, n] : names) {
        if (name == QStringView(n))
            return e;
    }
    return std::nullopt;
}

// A word this version does not know (an older or hand-edited session) reads as the fallback.
template<typename E> E read(const Names<E> &names, const QJsonValue &v, E fallback)
{
    return valueOf(names, v.toString()).value_or(fallback);
}

QJsonValue optionalString(const std::optional<QString> &s)
{
    return s ? QJsonValue(*s) : QJsonValue(QJsonValue::Null);
}

QJsonObject dmarcJson(const DmarcCheck &d)
{
    QJsonObject o;
    if (d.status == LookupStatus::Pending)
        return o;
    o.insert(u"status", IpCheckResult::statusName(d.status));
    o.insert(u"record", orNull(d.record));
    o.insert(u"found_at", orNull(d.foundAt));
    if (!d.record.isEmpty())
        o.insert(u"policy", optionalString(d.policy));
    if (d.subdomainPolicy)
        o.insert(u"subdomain_policy", *d.subdomainPolicy);
    if (d.pct)
        o.insert(u"pct", *d.pct);
    if (d.rua)
        o.insert(u"rua", *d.rua);
    return o;
}

DmarcCheck dmarcFromJson(const QJsonObject &o)
{
    DmarcCheck d;
    if (o.isEmpty())
        return d;
    // Only an unanswered lookup is {}; an object without a status says nothing of one.
    d.status = read(lookupNames, o.value(u"status"), LookupStatus::Unknown);
    if (d.status == LookupStatus::Pending)
        d.status = LookupStatus::Unknown;
    d.record = o.value(u"record").toString();
    d.foundAt = o.value(u"found_at").toString();
    if (o.value(u"policy").isString())
        d.policy = o.value(u"policy").toString();
    if (o.contains(u"subdomain_policy"))
        d.subdomainPolicy = o.value(u"subdomain_policy").toString();
    if (o.contains(u"pct"))
        d.pct = o.value(u"pct").toInt();
    if (o.contains(u"rua"))
        d.rua = o.value(u"rua").toString();
    return d;
}

QJsonObject spfJson(const SpfCheck &s)
{
    QJsonObject o;
    o.insert(u"result", IpCheckResult::statusName(s.result));
    o.insert(u"record", orNull(s.record));
    o.insert(u"matched", orNull(s.matched));
    o.insert(u"lookups", s.lookups);
    o.insert(u"notes", QJsonArray::fromStringList(s.notes));
    return o;
}

SpfCheck spfFromJson(const QJsonObject &o)
{
    SpfCheck s;
    s.result = read(spfNames, o.value(u"result"), SpfResult::Unknown);
    s.record = o.value(u"record").toString();
    s.matched = o.value(u"matched").toString();
    s.lookups = o.value(u"lookups").toInt();
    s.notes = strings(o.value(u"notes"));
    return s;
}

QJsonObject dnsblJson(const DnsblCheck &d)
{
    QJsonObject o;
    o.insert(u"zone", d.zone);
    o.insert(u"name", d.name);
    o.insert(u"status", IpCheckResult::statusName(d.status));
    o.insert(u"codes", QJsonArray::fromStringList(d.codes));
    o.insert(u"meaning", orNull(d.meaning));
    o.insert(u"listing", orNull(d.listing));
    o.insert(u"txt", orNull(d.txt));
    o.insert(u"ttl_s", d.ttlSeconds ? QJsonValue(*d.ttlSeconds) : QJsonValue());
    o.insert(u"lookup_url", orNull(d.lookupUrl));
    o.insert(u"delist_url", orNull(d.delistUrl));
    o.insert(u"test_point", nameOf(testPointNames, d.testPoint));
    o.insert(u"access", orNull(d.access));
    o.insert(u"elapsed_ms", d.elapsedMs);
    return o;
}

DnsblCheck dnsblFromJson(const QJsonObject &o)
{
    DnsblCheck d;
    d.zone = o.value(u"zone").toString();
    d.name = o.value(u"name").toString();
    d.status = read(dnsblNames, o.value(u"status"), DnsblStatus::Error);
    d.codes = strings(o.value(u"codes"));
    d.meaning = o.value(u"meaning").toString();
    d.listing = o.value(u"listing").toString();
    d.txt = o.value(u"txt").toString();
    if (o.value(u"ttl_s").isDouble())
        d.ttlSeconds = o.value(u"ttl_s").toInteger();
    d.lookupUrl = o.value(u"lookup_url").toString();
    d.delistUrl = o.value(u"delist_url").toString();
    d.testPoint = read(testPointNames, o.value(u"test_point"), DnsblTestPoint::Ok);
    d.access = o.value(u"access").toString();
    d.elapsedMs = o.value(u"elapsed_ms").toInt();
    return d;
}

} // namespace

LookupStatus lookupStatus(DnsStatus status)
{
    return valueOf(lookupNames, dnsStatusName(status)).value_or(LookupStatus::Error);
}

std::optional<SpfResult> spfResultFromName(QStringView name)
{
    return valueOf(spfNames, name);
}

QString IpCheckResult::statusName(PtrStatus s)
{
    return nameOf(ptrNames, s);
}

QString IpCheckResult::statusName(DnsblStatus s)
{
    return nameOf(dnsblNames, s);
}

QString IpCheckResult::statusName(LookupStatus s)
{
    return nameOf(lookupNames, s);
}

QString IpCheckResult::statusName(SpfResult s)
{
    return nameOf(spfNames, s);
}

QJsonObject ResolverTrust::toJson() const
{
    QJsonObject o;
    o.insert(u"server", server.isEmpty() ? QStringLiteral("system") : server);
    o.insert(u"trusted", trusted);
    o.insert(u"problem", orNull(problem));
    return o;
}

ResolverTrust ResolverTrust::fromJson(const QJsonValue &v)
{
    const QJsonObject o = v.toObject();
    ResolverTrust t;
    t.server = o.value(u"server").toString();
    if (t.server == u"system")
        t.server.clear();
    t.trusted = o.value(u"trusted").toBool(true);
    t.problem = o.value(u"problem").toString();
    return t;
}

QJsonObject IpCheckResult::toJson() const
{
    QJsonObject o;
    o.insert(u"ip", ip);
    o.insert(u"resolver", resolver.toJson());
    o.insert(u"ptr",
            QJsonObject {{QStringLiteral("status"), statusName(ptr.status)},
                    {QStringLiteral("names"), QJsonArray::fromStringList(ptr.names)},
                    {QStringLiteral("forward_confirmed"), ptr.forwardConfirmed},
                    {QStringLiteral("forward_addresses"),
                            QJsonArray::fromStringList(ptr.forwardAddresses)}});
    o.insert(u"generic_ptr",
            QJsonObject {{QStringLiteral("verdict"), nameOf(verdictNames, genericPtr.verdict)},
                    {QStringLiteral("reasons"), QJsonArray::fromStringList(genericPtr.reasons)}});
    if (helo) {
        o.insert(u"helo",
                QJsonObject {{QStringLiteral("name"), helo->name},
                        {QStringLiteral("status"), statusName(helo->status)},
                        {QStringLiteral("addresses"), QJsonArray::fromStringList(helo->addresses)},
                        {QStringLiteral("resolves_to_ip"), helo->resolvesToIp},
                        {QStringLiteral("matches_ptr"), helo->matchesPtr}});
    }
    if (dnsblChecked) {
        QJsonArray lists;
        for (const DnsblCheck &d : dnsbl)
            lists.append(dnsblJson(d));
        o.insert(u"dnsbl", lists);
        QJsonArray others;
        for (const NotQueryableList &n : notQueryable)
            others.append(QJsonObject {{QStringLiteral("listing"), n.listing},
                    {QStringLiteral("name"), n.name}, {QStringLiteral("lookup_url"), n.lookupUrl},
                    {QStringLiteral("note"), n.note}});
        o.insert(u"not_queryable", others);
    }
    if (domain) {
        o.insert(u"domain",
                QJsonObject {{QStringLiteral("name"), domain->name},
                        {QStringLiteral("mx_status"), statusName(domain->mxStatus)},
                        {QStringLiteral("mx"), QJsonArray::fromStringList(domain->mx)},
                        {QStringLiteral("spf"), spfJson(domain->spf)},
                        {QStringLiteral("dmarc"), dmarcJson(domain->dmarc)}});
    }
    o.insert(u"owner", owner ? QJsonValue(owner->toJson()) : QJsonValue(QJsonValue::Null));
    o.insert(u"elapsed_ms", elapsedMs);
    return o;
}

IpCheckResult IpCheckResult::fromJson(const QJsonObject &o)
{
    IpCheckResult c;
    c.ip = o.value(u"ip").toString();
    c.resolver = ResolverTrust::fromJson(o.value(u"resolver"));
    const QJsonObject ptr = o.value(u"ptr").toObject();
    c.ptr.status = read(ptrNames, ptr.value(u"status"), PtrStatus::Error);
    c.ptr.names = strings(ptr.value(u"names"));
    c.ptr.forwardConfirmed = ptr.value(u"forward_confirmed").toBool();
    c.ptr.forwardAddresses = strings(ptr.value(u"forward_addresses"));
    const QJsonObject generic = o.value(u"generic_ptr").toObject();
    c.genericPtr.verdict =
            read(verdictNames, generic.value(u"verdict"), GenericPtrClassifier::Verdict::None);
    c.genericPtr.reasons = strings(generic.value(u"reasons"));
    if (o.value(u"helo").isObject()) {
        const QJsonObject h = o.value(u"helo").toObject();
        c.helo = HeloCheck {h.value(u"name").toString(),
                read(lookupNames, h.value(u"status"), LookupStatus::Unknown),
                strings(h.value(u"addresses")), h.value(u"resolves_to_ip").toBool(),
                h.value(u"matches_ptr").toBool()};
    }
    c.dnsblChecked = o.contains(u"dnsbl");
    for (const QJsonValue &v : o.value(u"dnsbl").toArray())
        c.dnsbl << dnsblFromJson(v.toObject());
    for (const QJsonValue &v : o.value(u"not_queryable").toArray()) {
        const QJsonObject n = v.toObject();
        c.notQueryable << NotQueryableList {n.value(u"listing").toString(),
                n.value(u"name").toString(), n.value(u"lookup_url").toString(),
                n.value(u"note").toString()};
    }
    if (o.value(u"domain").isObject()) {
        const QJsonObject d = o.value(u"domain").toObject();
        c.domain = DomainCheck {d.value(u"name").toString(),
                read(lookupNames, d.value(u"mx_status"), LookupStatus::Unknown),
                strings(d.value(u"mx")), spfFromJson(d.value(u"spf").toObject()),
                dmarcFromJson(d.value(u"dmarc").toObject())};
    }
    if (o.value(u"owner").isObject())
        c.owner = OwnerResult::fromJson(o.value(u"owner").toObject());
    c.elapsedMs = o.value(u"elapsed_ms").toInt();
    return c;
}

QJsonArray IpCheckResult::toJson(const QList<IpCheckResult> &checks)
{
    QJsonArray out;
    for (const IpCheckResult &c : checks)
        out.append(c.toJson());
    return out;
}

} // namespace bd
