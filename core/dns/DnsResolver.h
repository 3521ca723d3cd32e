// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dns/DnsMessage.h"

#include <QHostAddress>
#include <QObject>
#include <QStringList>

#include <functional>

namespace bd {

// How a lookup ended. A timeout or a failure is never "no such name": callers must not read
// them as "not listed" or "no PTR".
enum class DnsStatus { Answer, NxDomain, NoData, ServFail, Refused, Timeout, Error };

QString dnsStatusName(DnsStatus status);

// The labels of a reverse lookup: "4.3.2.1" for 1.2.3.4, 32 nibbles for IPv6. The base of PTR,
// DNSBL and Abusix names.
QString reversedLabels(const QHostAddress &ip);

struct DnsResult
{
    DnsStatus status = DnsStatus::Error;
    QList<DnsRecord> records; // answers of the asked type (CNAMEs followed by the server)
    QString error; // for Error: what went wrong
    int elapsedMs = 0;

    QStringList values() const;
    bool ok() const { return status == DnsStatus::Answer; }
    // NXDOMAIN and NODATA are real answers ("nothing there"); the rest are failures.
    bool definitive() const
    {
        return status == DnsStatus::Answer || status == DnsStatus::NxDomain
                || status == DnsStatus::NoData;
    }
};

// Asynchronous DNS. Every name the tool looks up goes through one of these, so one server
// setting (--dns) governs the whole run. Callbacks run on the resolver's thread.
//
// Every lookup names a context object, as QTimer::singleShot(ms, context, f) does: when the
// context is destroyed before the answer comes, the callback is dropped, so a callback never
// reaches a receiver that is gone, whatever order the owners are torn down in.
class DnsResolver : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(const DnsResult &)>;

    explicit DnsResolver(QObject *parent = nullptr)
        : QObject(parent)
    {
    }

    void lookup(const QString &name, DnsType type, const QObject *context, Callback callback);
    // Ends every lookup in flight; their callbacks are not called.
    virtual void cancelAll() = 0;
    virtual int pending() const = 0;
    // The server asked, for messages ("127.0.0.1:53"); empty for the system's resolvers.
    virtual QString serverName() const { return {}; }

protected:
    // The lookup itself; the callback is called once, unless cancelAll() comes first.
    virtual void startLookup(const QString &name, DnsType type, Callback callback) = 0;
};

// Whether a server's answers can be trusted at all: a working resolver answers the root zone's
// NS records (`done` gets an answer, ok()); a sandbox, captive portal or filtering resolver
// answers NXDOMAIN, nothing, REFUSED or SERVFAIL, and then no "no such name" it gives is a fact.
void probeRootZone(DnsResolver *resolver, const QObject *context, DnsResolver::Callback done);

} // namespace bd
