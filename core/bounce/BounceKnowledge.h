// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "bounce/BounceReport.h"
#include "util/Localized.h"
#include "util/PatternSet.h"
#include "util/Regex.h"
#include "util/WordSet.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace bd {

// One way a receiver words a refusal. Patterns are matched against the diagnostic in lower
// case with runs of white space folded to one space.
struct MatchRule
{
    BounceCategory category = BounceCategory::Other;
    QStringList any; // one of these substrings
    QList<QStringList> all; // or every substring of one of these groups
    QList<Regex> regex;
    std::optional<bool> temporary; // overrides the reply code when the list is known to defer
    bool mention = false; // also looked for in free text outside the diagnostics
    // Names only the provider (its help URL, its host), not the reason: used for the listing
    // when no specific rule matched, after the generic phrases have decided the category.
    bool fallback = false;
    Localized about;
    Localized advice;
    QString example; // a real wording, used by the tests

    // Pattern ids in the knowledge's PatternSet, filled when the tables are built.
    QList<int> anyIds;
    QList<QList<int>> allIds;
    // Per regex, the ids of the words one of which it cannot match without
    // (BounceKnowledge::requiredWords()); empty: it runs on every text.
    QList<QList<int>> regexNeeds;
    // Its place in BounceKnowledge::Hits::candidates.
    int slot = -1;

    // `found` comes from PatternSet::findAll over `folded`.
    bool matches(const std::vector<quint8> &found, QStringView folded,
            QString *evidence = nullptr) const;
};

// A blocklist or a receiving provider, with what the admin can do about it.
struct Listing
{
    QString id;
    QString name; // English
    Localized names; // in the reader's language
    QString kind; // "list" or "provider"
    QStringList hosts; // receiving host name suffixes that belong to a provider
    QString lookupUrl; // may hold {ip}
    QString delistUrl;
    Localized about;
    Localized advice;
    QList<MatchRule> rules;
};

// The tables of lists, providers, phrases and status codes (resources/data/*.json). Knowledge
// lives there, not in code; this class only loads it and answers questions about it.
class BounceKnowledge
{
public:
    struct Match
    {
        const Listing *listing = nullptr; // null for a generic phrase
        const MatchRule *rule = nullptr;
        QString evidence; // the pattern that matched
    };

    // The patterns found in one text; computed once, asked many times.
    struct Hits
    {
        QStringView folded;
        std::vector<quint8> found;
        // Per rule (MatchRule::slot): 0 when none of its words is found and every regex it has
        // needs one, so it cannot match; the rest of a hundred rules are not asked.
        std::vector<quint8> candidates;
    };
    Hits hits(QStringView folded) const;
    // The same for the mention rules only, which alone are asked of a whole message's text:
    // their few words are found with a set of their own, small enough to stay in cache,
    // instead of the hundreds of the full set.
    Hits mentionHits(QStringView folded) const;
    // Whether fold(text) may hold a mention rule's match, asked of `text` as it is: false only
    // when no mention pattern can be in fold(text), so the caller need not fold it at all. Most
    // message texts name no list, and folding them cost as much as searching them.
    bool mayMention(QStringView text) const;

    // The tables built into the application (Qt resources).
    static const BounceKnowledge &builtIn();

    // Builds the tables from JSON; on a malformed table `error` says where.
    static BounceKnowledge fromJson(const QByteArray &listings, const QByteArray &phrases,
            const QByteArray &categories, QString *error);

    const QList<Listing> &listings() const { return m_listings; }
    const QList<MatchRule> &phrases() const { return m_phrases; }
    const Listing *listing(QStringView id) const;

    std::optional<Match> matchListing(const Hits &hits, bool fallbackRules = false) const;
    std::optional<Match> matchPhrase(const Hits &hits) const;
    QList<Match> findMentions(const Hits &hits) const;
    const Listing *providerForHost(QStringView host) const;
    std::optional<BounceCategory> categoryForStatus(QStringView status) const;
    std::optional<BounceCategory> categoryForReplyCode(int code) const;

    QString categoryTitle(BounceCategory category, Language lang) const;
    QString categoryAbout(BounceCategory category, Language lang) const;
    QString categoryAdvice(BounceCategory category, Language lang) const;
    // What a From and Subject say before the body is read (phrases.json "envelope").
    bool envelopeSaysBounce(const QString &from, const QString &subject) const;
    bool subjectSaysAutoReply(const QString &subject) const;
    // The sending MTA's own words that it stopped trying ("I'm not going to try again"): the
    // failure is final whatever 4xx code the last attempt got. `folded` as fold() gives it.
    bool saysGaveUp(QStringView folded) const;

    // The words the text scanner builds its regexes from (phrases.json "scanner").
    struct ScannerPhrase
    {
        QString phrase;
        bool wholeWord = false; // the phrase must end a word
    };
    const QList<ScannerPhrase> &originalMarkers() const { return m_originalMarkers; }
    const QList<ScannerPhrase> &recipientLabels() const { return m_recipientLabels; }
    const QList<ScannerPhrase> &deliveredTo() const { return m_deliveredTo; }

    // A sentence of the explanation templates, with {name} placeholders.
    QString sentence(const QString &key, Language lang) const;

    // Lower case, white space folded to single spaces: the form patterns are written in.
    static QString fold(QStringView text);

    // Words one of which is in every text fold() gave that the caseless regex `pattern` matches,
    // read off the pattern; empty when it holds no such word or a construct this reading does
    // not know. A rule's regex runs only where the pattern set found one of them.
    static QStringList requiredWords(QStringView pattern);

private:
    void indexPatterns();
    // Hits from the patterns `found` (by m_patterns id): the rules they make worth asking.
    Hits hitsOf(QStringView folded, std::vector<quint8> found) const;

    // Where a rule is, by its slot: the listings' rules come first, in order, then the phrases.
    struct RulePlace
    {
        int listing; // -1 for a phrase
        int rule;
    };
    // Calls visit() with each candidate rule of hits in slots [from, to), in order, until it
    // returns true.
    template<typename Visit>
    bool forCandidates(const Hits &hits, int from, int to, Visit visit) const;

    PatternSet m_patterns;
    std::vector<RulePlace> m_ruleAt;
    int m_listingRules = 0; // the slots below are the listings' rules
    std::vector<std::vector<int>> m_rulesWithPattern; // by pattern id: the rules' slots
    std::vector<int> m_rulesAlwaysAsked; // slots of the rules with a regex that needs no word
    PatternSet m_mentionPatterns; // the mention rules' patterns
    std::vector<int> m_mentionIds; // by m_mentionPatterns id: the pattern's id in m_patterns
    // mayMention(): the words of the mention patterns (split at fold()'s spaces), found caseless
    // in the text unfolded; by m_mentionPatterns id, the ids of a pattern's words in this set.
    PatternSet m_mentionWords;
    std::vector<std::vector<int>> m_mentionWordIds;
    bool m_mentionAlways = false; // a mention rule may match any text: mayMention() says true
    int m_rules = 0;
    QList<Listing> m_listings;
    // providerForHost(): by host name suffix, the first listing that has it.
    QHash<QString, qsizetype> m_hostListings;
    QList<MatchRule> m_phrases;
    // categoryForStatus(): status_codes by code ("5.1.1"), and those that end in a dot by prefix
    // ("5.1.").
    QHash<QString, BounceCategory> m_statusExact;
    QHash<QString, BounceCategory> m_statusPrefixes;
    QHash<int, BounceCategory> m_replyCodes;
    QHash<int, Localized> m_categoryTitles;
    QHash<int, Localized> m_categoryAbout;
    QHash<int, Localized> m_categoryAdvice;
    QHash<QString, Localized> m_sentences;
    WordSet m_bounceFrom {{}, Qt::CaseInsensitive};
    WordSet m_bounceSubject {{}, Qt::CaseInsensitive};
    WordSet m_autoReplySubject {{}, Qt::CaseInsensitive};
    WordSet m_gaveUp {{}, Qt::CaseSensitive};
    QList<ScannerPhrase> m_originalMarkers;
    QList<ScannerPhrase> m_recipientLabels;
    QList<ScannerPhrase> m_deliveredTo;
};

} // namespace bd
