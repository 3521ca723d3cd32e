// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "relay/RelayEndpoint.h"
#include "util/Language.h"

#include <QHostAddress>
#include <QJsonObject>
#include <QObject>
#include <QStringList>

namespace bd {

class DnsResolver;

// The sender domain's SPF verdict for one of the relay's addresses.
struct SpfRelayCheck
{
    QString ip;
    QString result; // pass | fail | softfail | neutral | none | permerror | temperror
    QString matched; // the deciding term, or empty
};

// relay-config's `spf` object, typed.
struct SpfRelayResult
{
    QString domain;
    QStringList relayAddresses;
    QString current; // the domain's record, or empty
    QList<SpfRelayCheck> results;
    bool needsChange = false;
    QString suggested; // empty when the record already allows every relay address

    QJsonObject toJson() const;
};

// The SPF consequence of sending through a relay: receivers check the sender domain's SPF
// against the relay's address. Resolves the relay, evaluates the domain's record for each of
// its addresses, and drafts a record that allows the relay when the current one does not.
class SpfRelayAdvice : public QObject
{
    Q_OBJECT
public:
    SpfRelayAdvice(DnsResolver *resolver, QObject *parent = nullptr);

    void start(const RelayEndpoint &relay, const QString &domain, Language lang);
    bool isFinished() const { return m_finished; }

    SpfRelayResult result() const;
    QStringList warnings() const { return m_warnings; }
    QStringList notes() const { return m_notes; }
    // True when no DNS answer came at all (offline, or the server is silent).
    bool nothingAnswered() const { return m_answered == 0; }

    // The SPF term that allows the relay: a:HOST for a name, ip4:/ip6: for an address.
    static QString spfTerm(const RelayEndpoint &relay);
    // The current record with `term` before its final all/redirect, or a new record.
    static QString suggestRecord(const QString &current, const QString &term);

signals:
    void finished();

private:
    void evaluate();
    void finish();

    DnsResolver *m_resolver;
    RelayEndpoint m_relay;
    QString m_domain;
    Language m_lang = Language::English;
    QList<QHostAddress> m_addresses;
    int m_pending = 0;
    int m_answered = 0;
    QString m_record;
    QList<SpfRelayCheck> m_results;
    bool m_needsChange = false;
    bool m_unknown = false;
    QStringList m_warnings;
    QStringList m_notes;
    bool m_finished = false;
};

} // namespace bd
