// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "bounce/BounceKnowledge.h"
#include "bounce/BounceReport.h"
#include "util/Language.h"

namespace bd {

// An IP address as written in a bounce, possibly partly hidden ("113.98.228.***").
struct WrittenIp
{
    QString text;
    bool masked = false;
    qsizetype position = -1;
};

// Decides what one recipient's refusal means: category, list or provider, the IP the
// receiver blames, temporary or permanent, where to look it up, and a paragraph for a person.
class BounceClassifier
{
public:
    explicit BounceClassifier(const BounceKnowledge &knowledge = BounceKnowledge::builtIn(),
            Language lang = Language::English);

    // Fills the verdict fields of `r` from its diagnostic, status, reply code and remote host.
    void classify(RecipientReport &r) const;

    // Lists named in free text, each with the IP written nearest before it.
    QList<ListingMention> findMentions(QStringView text) const;

    static std::optional<int> replyCodeIn(QStringView diagnostic);
    static QString statusIn(QStringView diagnostic);
    static QList<WrittenIp> ipsIn(QStringView text);
    // The sending IP a receiver's words blame: never the receiver's own address, a DNSBL's
    // 127.0.0.x answer, or a resolver's address in a lookup link; an address inside a link
    // only when the words name none outside one.
    static std::optional<WrittenIp> blamedIp(
            QStringView text, const QString &remoteHost = {}, const QString &remoteIp = {});
    static QStringList urlsIn(QStringView text);

private:
    QString explain(const RecipientReport &r, const BounceKnowledge::Match *match,
            std::optional<BounceCategory> statusCategory) const;

    const BounceKnowledge &m_knowledge;
    Language m_lang;
    // The sentences explain() adds, looked up once rather than by name for every recipient.
    QString m_maskedIp;
    QString m_temporary;
    QString m_statusDisagrees;
    QString m_refusedAtConnect;
};

} // namespace bd
