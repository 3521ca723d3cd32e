// SPDX-License-Identifier: GPL-3.0-or-later
#include "relay/SpfRelayAdvice.h"

#include "dns/DnsResolver.h"
#include "relay/RelayKnowledge.h"
#include "spf/SpfEvaluator.h"
#include "util/IpAddress.h"
#include "util/JsonDocument.h"

#include <QJsonArray>
#include <QPointer>
#include <QTimer>

namespace bd {

SpfRelayAdvice::SpfRelayAdvice(DnsResolver *resolver, QObject *parent)
    : QObject(parent)
    , m_resolver(resolver)
{
}

QString SpfRelayAdvice::spfTerm(const RelayEndpoint &relay)
{
    if (relay.hostIsIpv6())
        return QStringLiteral("ip6:") + relay.host;
    if (relay.hostIsIpv4())
        return QStringLiteral("ip4:") + relay.host;
    return QStringLiteral("a:") + relay.host;
}

QString SpfRelayAdvice::suggestRecord(const QString &current, const QString &term)
{
    if (current.trimmed().isEmpty())
        return QStringLiteral("v=spf1 mx %1 ~all").arg(term);
    QStringList terms = current.simplified().split(u' ');
    if (terms.contains(term, Qt::CaseInsensitive))
        return terms.join(u' ');
    qsizetype at = terms.size();
    for (qsizetype i = 1; i < terms.size(); ++i) {
        const QString t = terms.at(i).toLower();
        const QString bare =
                t.isEmpty() || QStringLiteral("+-~?").contains(t.front()) ? t.mid(1) : t;
        if (bare == u"all" || t.startsWith(u"redirect=")) {
            at = i;
            break;
        }
    }
    terms.insert(at, term);
    return terms.join(u' ');
}

void SpfRelayAdvice::start(const RelayEndpoint &relay, const QString &domain, Language lang)
{
    m_relay = relay;
    m_domain = domain;
    m_lang = lang;
    if (const auto ip = parseIpAddress(relay.host)) {
        m_addresses << *ip;
        m_answered = 1;
        QTimer::singleShot(0, this, &SpfRelayAdvice::evaluate);
        return;
    }
    QPointer<SpfRelayAdvice> self(this);
    m_pending = 2;
    for (DnsType type : {DnsType::A, DnsType::AAAA}) {
        m_resolver->lookup(relay.host, type, this, [self](const DnsResult &r) {
            if (!self)
                return;
            if (r.definitive())
                ++self->m_answered;
            for (const QString &v : r.values()) {
                const QHostAddress a(v);
                if (!a.isNull())
                    self->m_addresses << a;
            }
            if (--self->m_pending == 0)
                QMetaObject::invokeMethod(self, &SpfRelayAdvice::evaluate, Qt::QueuedConnection);
        });
    }
}

void SpfRelayAdvice::evaluate()
{
    if (m_addresses.isEmpty()) {
        m_unknown = true;
        finish();
        return;
    }
    QPointer<SpfRelayAdvice> self(this);
    m_pending = int(m_addresses.size());
    for (const QHostAddress &ip : std::as_const(m_addresses)) {
        SpfEvaluator::evaluate(
                m_resolver, ip, m_domain, this, [self, ip](const SpfEvaluator::Result &r) {
                    if (!self)
                        return;
                    if (r.result != u"temperror")
                        ++self->m_answered;
                    self->m_record = r.record;
                    self->m_results << SpfRelayCheck {ip.toString(), r.result, r.matched};
                    if (r.result == u"temperror" || r.result == u"permerror")
                        self->m_unknown = true;
                    else if (r.result != u"pass")
                        self->m_needsChange = true;
                    if (--self->m_pending == 0)
                        QMetaObject::invokeMethod(
                                self, &SpfRelayAdvice::finish, Qt::QueuedConnection);
                });
    }
}

void SpfRelayAdvice::finish()
{
    const RelayKnowledge &k = RelayKnowledge::builtIn();
    QHash<QString, QString> vars {
            {QStringLiteral("domain"), m_domain}, {QStringLiteral("host"), m_relay.host}};
    for (const SpfRelayCheck &r : std::as_const(m_results)) {
        vars.insert(QStringLiteral("ip"), r.ip);
        vars.insert(QStringLiteral("result"), r.result);
        vars.insert(QStringLiteral("matched"), r.matched);
        const QString &result = r.result;
        if (result == u"pass")
            m_notes << k.text(QStringLiteral("spf.already_allows"), m_lang, vars);
        else if (result == u"none")
            m_warnings << k.text(QStringLiteral("spf.no_record"), m_lang, vars);
        else if (result == u"temperror" || result == u"permerror")
            m_warnings << k.text(QStringLiteral("spf.unknown"), m_lang, vars);
        else
            m_warnings << k.text(QStringLiteral("spf.needs_relay"), m_lang, vars);
    }
    if (m_results.isEmpty()) {
        vars.insert(QStringLiteral("result"), QStringLiteral("no address for ") + m_relay.host);
        m_warnings << k.text(QStringLiteral("spf.unknown"), m_lang, vars);
    }
    m_warnings.removeDuplicates();
    if (m_needsChange)
        m_notes << k.text(QStringLiteral("spf.ask_isp"), m_lang, vars);
    m_finished = true;
    emit finished();
}

SpfRelayResult SpfRelayAdvice::result() const
{
    SpfRelayResult r;
    r.domain = m_domain;
    for (const QHostAddress &a : m_addresses)
        r.relayAddresses << a.toString();
    r.current = m_record;
    r.results = m_results;
    r.needsChange = m_needsChange;
    if (m_needsChange)
        r.suggested = suggestRecord(m_record, spfTerm(m_relay));
    return r;
}

QJsonObject SpfRelayResult::toJson() const
{
    QJsonArray checks;
    for (const SpfRelayCheck &c : results)
        checks << QJsonObject {{QStringLiteral("ip"), c.ip}, {QStringLiteral("result"), c.result},
                {QStringLiteral("matched"), JsonDocument::orNull(c.matched)}};
    QJsonObject o;
    o.insert(u"domain", domain);
    o.insert(u"relay_addresses", QJsonArray::fromStringList(relayAddresses));
    o.insert(u"current", JsonDocument::orNull(current));
    o.insert(u"results", checks);
    o.insert(u"needs_change", needsChange);
    o.insert(u"suggested", JsonDocument::orNull(suggested));
    return o;
}

} // namespace bd
