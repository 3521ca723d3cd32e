// SPDX-License-Identifier: GPL-3.0-or-later
#include "spf/SpfEvaluator.h"

#include "dns/DnsResolver.h"

#include <QJsonArray>

namespace bd {
namespace {

constexpr int maxLookups = 10;

struct Context
{
    DnsResolver *resolver;
    const QObject *context; // whose end drops the evaluation's lookups
    QHostAddress ip;
    int lookups = 0;
    QStringList notes;
    QString topRecord;
};

struct Verdict
{
    QString result;
    QString matched;
};

using Next = std::function<void(const Verdict &)>;

void evaluateDomain(
        const std::shared_ptr<Context> &ctx, const QString &domain, int depth, const Next &next);

QString qualifierResult(QChar q)
{
    switch (q.unicode()) {
    case '-':
        return QStringLiteral("fail");
    case '~':
        return QStringLiteral("softfail");
    case '?':
        return QStringLiteral("neutral");
    default:
        return QStringLiteral("pass");
    }
}

// "domain/24//64" -> domain, v4 and v6 prefix lengths.
void splitCidr(QString arg, QString *domain, int *v4, int *v6)
{
    *v4 = 32;
    *v6 = 128;
    const qsizetype dbl = arg.indexOf(QStringLiteral("//"));
    if (dbl >= 0) {
        *v6 = arg.mid(dbl + 2).toInt();
        arg.truncate(dbl);
    }
    const qsizetype slash = arg.indexOf(u'/');
    if (slash >= 0) {
        *v4 = arg.mid(slash + 1).toInt();
        arg.truncate(slash);
    }
    *domain = arg;
}

bool inNet(const QHostAddress &ip, const QString &address, int v4, int v6)
{
    const QHostAddress a(address);
    if (a.isNull() || a.protocol() != ip.protocol())
        return false;
    return ip.isInSubnet(a, a.protocol() == QAbstractSocket::IPv4Protocol ? v4 : v6);
}

bool dnsFailed(const DnsResult &r)
{
    return !r.definitive();
}

struct Terms : std::enable_shared_from_this<Terms>
{
    std::shared_ptr<Context> ctx;
    QString domain;
    int depth = 0;
    QStringList terms;
    QString redirect;
    Next next;

    void step(int i)
    {
        if (i >= terms.size()) {
            if (!redirect.isEmpty()) {
                if (++ctx->lookups > maxLookups)
                    return next(
                            {QStringLiteral("permerror"), QStringLiteral("redirect=") + redirect});
                auto self = shared_from_this();
                evaluateDomain(ctx, redirect, depth + 1, [self](const Verdict &v) {
                    // A redirect to a domain with no SPF record is a permerror (RFC 7208 6.1).
                    self->next(v.result == u"none"
                                    ? Verdict {QStringLiteral("permerror"), v.matched}
                                    : v);
                });
                return;
            }
            return next({QStringLiteral("neutral"), QString()});
        }
        const QString term = terms[i];
        QString body = term;
        QChar qualifier = u'+';
        if (!body.isEmpty() && QStringLiteral("+-~?").contains(body[0])) {
            qualifier = body[0];
            body.remove(0, 1);
        }
        const QString lower = body.toLower();
        const QString result = qualifierResult(qualifier);
        auto self = shared_from_this();
        auto matchOr = [self, i, result, term](bool matched) {
            if (matched)
                self->next({result, term});
            else
                self->step(i + 1);
        };
        if (lower == u"all")
            return matchOr(true);
        if (lower.startsWith(u"ip4:") || lower.startsWith(u"ip6:")) {
            QString address;
            int v4 = 32, v6 = 128;
            splitCidr(body.mid(4), &address, &v4, &v6);
            const int prefix = lower.startsWith(u"ip4:") ? v4 : v6;
            return matchOr(inNet(ctx->ip, address, prefix, prefix));
        }
        const bool isA = lower == u"a" || lower.startsWith(u"a:") || lower.startsWith(u"a/");
        const bool isMx = lower == u"mx" || lower.startsWith(u"mx:") || lower.startsWith(u"mx/");
        if (isA || isMx || lower.startsWith(u"include:") || lower.startsWith(u"exists:")
                || lower == u"ptr" || lower.startsWith(u"ptr:")) {
            if (++ctx->lookups > maxLookups)
                return next({QStringLiteral("permerror"), term});
        }
        if (isA || isMx) {
            QString target;
            int v4 = 32, v6 = 128;
            const QString arg = body.mid(isA ? 1 : 2);
            splitCidr(arg.startsWith(u':') ? arg.mid(1) : arg, &target, &v4, &v6);
            if (target.isEmpty())
                target = domain;
            if (target.contains(u'%')) {
                ctx->notes << QStringLiteral("macro in '%1' not evaluated").arg(term);
                return step(i + 1);
            }
            const DnsType family = ctx->ip.protocol() == QAbstractSocket::IPv6Protocol
                    ? DnsType::AAAA
                    : DnsType::A;
            if (isA) {
                ctx->resolver->lookup(target, family, ctx->context,
                        [self, i, matchOr, v4, v6](const DnsResult &r) {
                            if (dnsFailed(r))
                                return self->next({QStringLiteral("temperror"), self->terms[i]});
                            bool hit = false;
                            for (const QString &a : r.values())
                                hit = hit || inNet(self->ctx->ip, a, v4, v6);
                            matchOr(hit);
                        });
                return;
            }
            ctx->resolver->lookup(target, DnsType::MX, ctx->context,
                    [self, i, matchOr, family, v4, v6](const DnsResult &mx) {
                        if (dnsFailed(mx))
                            return self->next({QStringLiteral("temperror"), self->terms[i]});
                        QStringList hosts = mx.values();
                        if (hosts.size() > 10)
                            return self->next({QStringLiteral("permerror"),
                                    self->terms[i]}); // RFC 7208 4.6.4
                        if (hosts.isEmpty())
                            return matchOr(false);
                        auto remaining = std::make_shared<int>(int(hosts.size()));
                        auto hit = std::make_shared<bool>(false);
                        auto failed = std::make_shared<bool>(false);
                        for (const QString &h : std::as_const(hosts)) {
                            self->ctx->resolver->lookup(h, family, self->ctx->context,
                                    [self, i, matchOr, remaining, hit, failed, v4, v6](
                                            const DnsResult &r) {
                                        if (dnsFailed(r))
                                            *failed = true;
                                        for (const QString &a : r.values())
                                            *hit = *hit || inNet(self->ctx->ip, a, v4, v6);
                                        if (--*remaining == 0) {
                                            if (!*hit && *failed)
                                                self->next({QStringLiteral("temperror"),
                                                        self->terms[i]});
                                            else
                                                matchOr(*hit);
                                        }
                                    });
                        }
                    });
            return;
        }
        if (lower.startsWith(u"include:")) {
            const QString target = body.mid(8);
            evaluateDomain(ctx, target, depth + 1, [self, i, result, term](const Verdict &v) {
                if (v.result == u"pass")
                    return self->next({result, term});
                if (v.result == u"temperror" || v.result == u"permerror")
                    return self->next(v);
                if (v.result == u"none")
                    return self->next({QStringLiteral("permerror"), term});
                self->step(i + 1);
            });
            return;
        }
        if (lower.startsWith(u"exists:")) {
            const QString target = body.mid(7);
            if (target.contains(u'%')) {
                ctx->notes << QStringLiteral("macro in '%1' not evaluated").arg(term);
                return step(i + 1);
            }
            ctx->resolver->lookup(
                    target, DnsType::A, ctx->context, [self, i, matchOr](const DnsResult &r) {
                        if (dnsFailed(r))
                            return self->next({QStringLiteral("temperror"), self->terms[i]});
                        matchOr(r.ok());
                    });
            return;
        }
        if (lower == u"ptr" || lower.startsWith(u"ptr:")) {
            ctx->notes << QStringLiteral(
                    "'ptr' is discouraged (RFC 7208 5.5) and was not evaluated");
            return step(i + 1);
        }
        next({QStringLiteral("permerror"), term}); // unknown mechanism
    }
};

void evaluateDomain(
        const std::shared_ptr<Context> &ctx, const QString &domain, int depth, const Next &next)
{
    if (depth > 10)
        return next({QStringLiteral("permerror"), QStringLiteral("include loop")});
    ctx->resolver->lookup(
            domain, DnsType::TXT, ctx->context, [ctx, domain, depth, next](const DnsResult &r) {
                if (r.status == DnsStatus::NxDomain || r.status == DnsStatus::NoData)
                    return next({QStringLiteral("none"), QString()});
                if (!r.definitive())
                    return next({QStringLiteral("temperror"), QString()});
                QStringList records;
                for (const QString &txt : r.values()) {
                    if (txt.compare(u"v=spf1", Qt::CaseInsensitive) == 0
                            || txt.startsWith(u"v=spf1 ", Qt::CaseInsensitive))
                        records << txt;
                }
                if (records.isEmpty())
                    return next({QStringLiteral("none"), QString()});
                if (records.size() > 1)
                    return next({QStringLiteral("permerror"),
                            QStringLiteral("more than one v=spf1 record")});
                if (depth == 0)
                    ctx->topRecord = records.first();
                auto terms = std::make_shared<Terms>();
                terms->ctx = ctx;
                terms->domain = domain;
                terms->depth = depth;
                terms->next = next;
                for (const QString &t : records.first().split(u' ', Qt::SkipEmptyParts).mid(1)) {
                    if (t.startsWith(u"redirect=", Qt::CaseInsensitive))
                        terms->redirect = t.mid(9);
                    else if (t.contains(u'=') && !t.contains(u':'))
                        continue; // other modifiers (exp=) do not change the result
                    else
                        terms->terms << t;
                }
                terms->step(0);
            });
}

} // namespace

QJsonObject SpfEvaluator::Result::toJson() const
{
    QJsonObject o;
    o.insert(u"result", result);
    o.insert(u"record", record.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(record));
    o.insert(u"matched", matched.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(matched));
    o.insert(u"lookups", lookups);
    o.insert(u"notes", QJsonArray::fromStringList(notes));
    return o;
}

void SpfEvaluator::evaluate(DnsResolver *resolver, const QHostAddress &ip, const QString &domain,
        const QObject *context, Done done)
{
    auto ctx = std::make_shared<Context>();
    ctx->resolver = resolver;
    ctx->context = context;
    ctx->ip = ip;
    evaluateDomain(ctx, domain, 0, [ctx, done = std::move(done)](const Verdict &v) {
        Result r;
        r.result = v.result;
        r.matched = v.matched;
        r.record = ctx->topRecord;
        r.lookups = ctx->lookups;
        r.notes = ctx->notes;
        done(r);
    });
}

} // namespace bd
