// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHostAddress>
#include <QJsonObject>
#include <QObject>
#include <QStringList>

#include <functional>
#include <memory>

namespace bd {

class DnsResolver;

// Does the domain's SPF record allow this IP? RFC 7208 evaluation of ip4, ip6, a, mx, include,
// exists, all and redirect, with the limit of 10 DNS-querying terms. Macros and ptr are not
// evaluated (they are noted).
class SpfEvaluator
{
public:
    struct Result
    {
        QString result; // pass | fail | softfail | neutral | none | permerror | temperror
        QString record; // the domain's own v=spf1 record
        QString matched; // the term that decided, e.g. "ip4:192.0.2.0/24" or "-all"
        int lookups = 0;
        QStringList notes;

        QJsonObject toJson() const;
    };
    using Done = std::function<void(const Result &)>;

    // Starts the evaluation; `done` is called once, from the resolver's callbacks, unless
    // `context` is destroyed first.
    static void evaluate(DnsResolver *resolver, const QHostAddress &ip, const QString &domain,
            const QObject *context, Done done);
};

} // namespace bd
