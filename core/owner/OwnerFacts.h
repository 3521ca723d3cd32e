// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHostAddress>
#include <QJsonObject>
#include <QList>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

#include "util/Localized.h"

#include <optional>

namespace bd {

// An address found in a registry record, with the role it plays there and how we know.
struct OwnerContact
{
    QString email;
    QString role; // abuse | noc | technical | registrant
    QString source; // e.g. "whois.apnic.net: % Abuse contact line", "rdap: abuse entity
                    // IRT-CHINANET-CN"
};

// What a registry record says about a range and its holder.
struct OwnerRecord
{
    QString registry;
    QString org;
    QString netname;
    QString range;
    QString country;
    QString staticHint; // "static", "dynamic" or empty
    QString staticEvidence;
};

// A record with every address it names, as read.
struct OwnerFacts : OwnerRecord
{
    QList<OwnerContact> contacts;
    QList<QPair<QString, QString>> rejected; // email, why it is not the ISP's abuse desk
};

// Where to ask next, as a record says.
struct WhoisReferral
{
    QString host;
    quint16 port = 0; // 0: the default port
    bool rwhois = false;
};

// The registries, their syntaxes and the mailboxes that are never the ISP's (owner.json), plus
// the RDAP bootstrap (rdap-ipv4.json, rdap-ipv6.json).
class OwnerKnowledge
{
public:
    struct Registry
    {
        QString id;
        QString whois;
        QString query;
        QString rdap;
    };
    struct NotMine
    {
        QRegularExpression pattern;
        QString why;
    };

    static const OwnerKnowledge &builtIn();
    // Puts a fresher bootstrap (IANA's files) in place of the shipped one; call before lookups
    // start.
    static void replaceBootstrap(const QByteArray &ipv4, const QByteArray &ipv6);

    const Registry *registryById(const QString &id) const;
    const Registry *registryByWhois(const QString &host) const;
    const Registry *registryByRdap(const QString &url) const;
    QString whoisQuery(const QString &host, const QHostAddress &ip) const;
    // The RDAP base for `ip` from the bootstrap (longest prefix), or empty.
    QString rdapBase(const QHostAddress &ip) const;
    QString placeholderReason(const QString &email) const;
    // A reason above (placeholders, not_mine, reasons), given in English, in `lang`.
    QString reasonIn(const QString &english, Language lang) const;
    // One of the table's own reasons by its key, in English.
    QString reason(const QString &key) const { return reasons.value(key).en; }

    QList<Registry> registries;
    QList<NotMine> notMine;
    QList<QPair<QString, QString>> transferTargets; // word, registry id
    QHash<QString, QString> placeholders;
    QHash<QString, Localized> reasons; // by key
    QHash<QString, Localized> notes; // what the lookup says of its sources, by key
    QHash<QString, QString> errorClasses; // Qt's error enum key -> the class of "error.CLASS"
    QHash<QString, Localized> translations; // every reason, by its English text
    QStringList notForAbuseMarkers;
    QStringList staticWords;
    QStringList dynamicWords;
    QStringList rwhoisClasses;
    QHash<QString, QString> rwhoisAttributes; // RWhois attribute -> the RPSL/ARIN key it is read as
    struct Prefix
    {
        QHostAddress network;
        int length;
        QString base;
    };
    QList<Prefix> bootstrap;
    QString bootstrapDate;

private:
    static OwnerKnowledge &instance();
    void loadBootstrap(const QByteArray &ipv4, const QByteArray &ipv6);
};

// Reads a port-43 WHOIS answer of any registry's flavour: RPSL objects (RIPE, APNIC, AFRINIC,
// LACNIC), ARIN's key blocks, IANA's referral, their comments and error lines.
struct WhoisReading
{
    std::optional<WhoisReferral> referral;
    bool notMine = false;
    QString notMineWhy;
    QString transferRegistry; // the registry a "not mine" stub names
    bool rateLimited = false;
    OwnerFacts facts;

    static WhoisReading read(
            const QString &text, const OwnerKnowledge &knowledge = OwnerKnowledge::builtIn());
    static std::optional<WhoisReferral> parseReferral(const QString &value);
};

// The words of a record that say whether its range is static or dynamic.
void setStaticHint(OwnerFacts &facts, const QString &words, const OwnerKnowledge &knowledge);

} // namespace bd
