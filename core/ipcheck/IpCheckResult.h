// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dns/DnsResolver.h"
#include "ipcheck/GenericPtrClassifier.h"
#include "owner/OwnerResult.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace bd {

// Whether a resolver's answers can be trusted at all. A working resolver answers the root zone's
// NS records; one that answers NXDOMAIN, nothing, REFUSED or SERVFAIL there (captive portals,
// sandboxes, filtering resolvers) makes every "no PTR" or "not listed" a false finding.
struct ResolverTrust
{
    QString server; // as the user named it; empty for the system's resolvers
    bool trusted = false;
    QString problem; // one sentence for a person, empty when trusted

    QJsonObject toJson() const;
    // A check saved before checks carried their resolver was trusted then.
    static ResolverTrust fromJson(const QJsonValue &v);
};

// The statuses of docs/cli.md as enums; their strings live only in IpCheckResult.cpp.
enum class PtrStatus { Ok, None, Error, Timeout };
// Pending: the lookup has not ended yet (a view filling in as answers arrive).
enum class DnsblStatus { Pending, Listed, NotListed, Refused, Error, Timeout, NotApplicable };
// RFC 5782 5: a list must list 127.0.0.2 and must not list 127.0.0.1.
enum class DnsblTestPoint { Ok, Lists127001, Misses127002, Timeout127002 };
// A HELO name's or a domain's records: the DNS answer's kind, or "ok"/"none" for DMARC's record
// found or definitely absent, or Unknown when the resolver cannot be trusted.
enum class LookupStatus {
    Pending,
    Ok,
    None,
    Answer,
    NxDomain,
    NoData,
    ServFail,
    Refused,
    Timeout,
    Error,
    Unknown,
};
enum class SpfResult {
    Pending,
    Pass,
    Fail,
    SoftFail,
    Neutral,
    None,
    PermError,
    TempError,
    Unknown,
};

LookupStatus lookupStatus(DnsStatus status);
std::optional<SpfResult> spfResultFromName(QStringView name);

struct PtrCheck
{
    PtrStatus status = PtrStatus::Error;
    QStringList names;
    bool forwardConfirmed = false;
    QStringList forwardAddresses;
};

struct GenericPtrCheck
{
    GenericPtrClassifier::Verdict verdict = GenericPtrClassifier::Verdict::None;
    QStringList reasons;
};

struct HeloCheck
{
    QString name;
    LookupStatus status = LookupStatus::Pending;
    QStringList addresses;
    bool resolvesToIp = false;
    bool matchesPtr = false;
};

// One DNSBL's answer for the IP. Empty strings are unknown (null in the JSON).
struct DnsblCheck
{
    QString zone;
    QString name; // in the check's language
    DnsblStatus status = DnsblStatus::Pending;
    QStringList codes;
    QString meaning;
    QString listing;
    QString txt;
    std::optional<qint64> ttlSeconds; // of a listing
    QString lookupUrl;
    QString delistUrl;
    DnsblTestPoint testPoint = DnsblTestPoint::Ok;
    QString access;
    int elapsedMs = 0;
};

// A list that cannot be asked over DNS, with the page that answers for it.
struct NotQueryableList
{
    QString listing;
    QString name;
    QString lookupUrl;
    QString note;
};

struct SpfCheck
{
    SpfResult result = SpfResult::Pending;
    QString record;
    QString matched;
    int lookups = 0;
    QStringList notes;
};

struct DmarcCheck
{
    LookupStatus status = LookupStatus::Pending; // Pending: not answered yet ({} in the JSON)
    QString record;
    QString foundAt; // "_dmarc.example.com"
    // The record's tags; a record without p= has a null policy.
    std::optional<QString> policy;
    std::optional<QString> subdomainPolicy;
    std::optional<int> pct;
    std::optional<QString> rua;
};

struct DomainCheck
{
    QString name;
    LookupStatus mxStatus = LookupStatus::Pending;
    QStringList mx; // "10 mx.example.com", by preference
    SpfCheck spf;
    DmarcCheck dmarc;
};

// What the world sees of one sending IP: one entry of check-ip's `checks`. toJson() writes the
// contract's object (docs/cli.md); fromJson() reads it back (the wizard's session).
struct IpCheckResult
{
    QString ip;
    ResolverTrust resolver;
    PtrCheck ptr;
    GenericPtrCheck genericPtr;
    std::optional<HeloCheck> helo; // asked only with a HELO name
    bool dnsblChecked = false; // false: no `dnsbl` and `not_queryable` at all
    QList<DnsblCheck> dnsbl;
    QList<NotQueryableList> notQueryable;
    std::optional<DomainCheck> domain; // asked only with a sender domain
    std::optional<OwnerResult> owner; // not looked up, or not answered yet
    int elapsedMs = 0;

    QJsonObject toJson() const;
    static IpCheckResult fromJson(const QJsonObject &o);
    static QJsonArray toJson(const QList<IpCheckResult> &checks);

    // The contract's words for the enums ("not-listed", "timeout", ...).
    static QString statusName(PtrStatus s);
    static QString statusName(DnsblStatus s);
    static QString statusName(LookupStatus s);
    static QString statusName(SpfResult s);
};

} // namespace bd
