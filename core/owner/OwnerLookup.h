// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "owner/OwnerFacts.h"
#include "owner/OwnerResult.h"
#include "util/Language.h"

#include <QObject>

#include <memory>

class QNetworkAccessManager;

namespace bd {

class DnsResolver;
enum class DnsStatus;

struct OwnerOptions
{
    QString whoisServer; // first WHOIS hop, "HOST[:PORT]"; empty: IANA
    QString rdapBase; // RDAP base URL; empty: the bootstrap's choice
    bool rdap = true;
    bool abusix = true; // the Abusix contact database over DNS
    int timeoutMs = 10000; // one WHOIS hop, one RDAP request
    int maxHops = 6;
    quint16 whoisPort = 43; // for referrals that name no port
    qint64 maxBytes = 1 << 20; // per WHOIS answer
    qint64 maxRdapBytes = 4 << 20; // per RDAP answer
    Language lang = Language::English; // of the notes
};

// Who holds an IP's range and where abuse reports for it go: RDAP first (registry redirects
// followed, entities and jCards read), port-43 WHOIS as the fallback and for the record a person
// can read (IANA, referrals, "not mine" stubs, a visited set and a hop limit), and the Abusix
// contact database. Registry placeholders and national registries' mailboxes are never offered.
class OwnerLookup : public QObject
{
    Q_OBJECT
public:
    OwnerLookup(DnsResolver *resolver, QNetworkAccessManager *network, const OwnerOptions &options,
            QObject *parent = nullptr);
    ~OwnerLookup() override;

    void start(const QHostAddress &ip);
    bool isFinished() const { return m_finished; }
    // The `owner` object of the check-ip contract (its toJson()).
    OwnerResult result() const;
    bool anyAnswer() const { return m_anyAnswer; }

signals:
    void finished();

private:
    void startRdap(const QUrl &url, int depth, const QStringList &roles = {}, int redirects = 0);
    void sendRdap(const QUrl &direct, const QUrl &url, int depth, const QStringList &roles,
            int redirects);
    void endRdapRequest(int depth);
    void rdapSettled();
    void startWhoisChain();
    void startWhois(const QString &host, quint16 port);
    void whoisDone(const QString &host, const QByteArray &answer, const QString &error);
    void startAbusix();
    void finishIfDone();
    void adopt(const OwnerFacts &facts, const QString &source);

    DnsResolver *m_resolver;
    QNetworkAccessManager *m_network;
    // A note of owner.json's "notes" in the options' language, placeholders filled.
    void addNote(const char *key, const QHash<QString, QString> &vars = {});
    QString noteText(const QString &key, const QHash<QString, QString> &vars = {}) const;
    // What went wrong with a connection, in words of the class owner.json gives it.
    QString failure(const QString &errorClass, const QHash<QString, QString> &vars = {}) const;
    QString dnsWords(DnsStatus status) const;
    OwnerOptions m_options;
    QHostAddress m_ip;
    int m_pending = 0;
    bool m_finished = false;
    bool m_anyAnswer = false;
    bool m_whoisStarted = false;
    QString m_source;
    OwnerFacts m_facts;
    QList<OwnerContact> m_abusix;
    QStringList m_queried;
    QStringList m_visited;
    QStringList m_triedRegistries;
    QString m_whoisRaw;
    QStringList m_notes;
    int m_hops = 0;
    int m_entityFetches = 0;
};

} // namespace bd
