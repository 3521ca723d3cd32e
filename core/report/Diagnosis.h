// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "bounce/BounceReport.h"
#include "ipcheck/IpCheckResult.h"
#include "letter/Letter.h"
#include "relay/SmtpRelayTest.h"
#include "util/Language.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QSet>
#include <QStringList>

#include <optional>

namespace bd {

// The whole case in one place: the classified bounces and the IP checks go in (the core's typed
// results), the plain-language verdict, the fix paths that apply
// (ranked by resources/data/diagnosis.json) and the drafted letters come out, as JSON here and
// as Markdown or HTML through DiagnosisReport.
class Diagnosis
{
public:
    struct Sender
    {
        QString email;
        QString name;
        QString org;
        QString orgLatin; // the org in English or pinyin, for the text Trend Micro reads
        QString domain;
        QString ptrWanted;
        // The wanted name's A/AAAA as whoever drafts looked them up (Diagnosis has no DNS).
        ForwardRecord ptrWantedForward;
        QString assignment; // the sender's own assignment (CIDR), if they gave it
    };
    struct FixPath
    {
        QString id;
        QString title;
        QString why;
        QString how;
        QString speed;
        QList<Letter> letters;
        QString recheck; // when it can be seen to work; empty when the path does not say
        // Where the wizard goes when the path is chosen (diagnosis.json's "step").
        enum class Step { Relay, Letters, Summary };
        Step step = Step::Summary;
        QStringList letterKinds; // the kinds it drafts, the first shown first
    };
    // Where to ask one list for removal, and what that list wants first (listings.json).
    struct DelistPage
    {
        QString name;
        QString url;
        QString advice;
    };

    // What the user made of the letters on the wizard's letters page, so that the report
    // carries the letters as they will be sent, not fresh drafts.
    struct LetterChoices
    {
        QMap<QString, Language> languages; // kind -> the language picked for it
        QList<Letter> edited; // a kind in a language as the user edited it (to, subject, body)
    };

    // `withPaths` false: the facts and verdicts only, no fix paths and no letters.
    Diagnosis(const QList<MessageReport> &messages, const QList<IpCheckResult> &checks,
            const Sender &sender, Language lang, bool withPaths = true,
            const LetterChoices &choices = {});

    // The result of a relay test, shown with the evidence; none when not tested.
    void setRelayTest(const std::optional<RelayTestResult> &result) { m_relayTest = result; }

    // IPs the bounces name (masked ones included), in order of appearance.
    static QStringList blockedIps(const QList<MessageReport> &messages);

    QStringList verdicts() const { return m_verdicts; }
    // What the letters say about the (first) checked IP, its owner, the bounces and the sender.
    LetterFacts letterFacts() const;
    const QList<FixPath> &fixPaths() const { return m_paths; }
    QSet<QString> facts() const { return m_facts; }
    // The evidence as it came in, for the report (DiagnosisReport) to show.
    const QList<MessageReport> &messages() const { return m_messages; }
    const QList<IpCheckResult> &checks() const { return m_checks; }
    const std::optional<RelayTestResult> &relayTest() const { return m_relayTest; }
    const QList<DelistPage> &delistPages() const { return m_delist; }

    QJsonObject toJson() const;
    QString t(const QString &key, const QHash<QString, QString> &vars = {}) const;
    // A status word of the check ("none", "generic", "pass") in the reader's language.
    QString word(const QString &status) const { return statusWord(status, m_lang); }
    Language language() const { return m_lang; }
    static QString statusWord(const QString &status, Language lang);
    // Items of a list in a sentence: "a, b" in English, "a、b" in Chinese.
    QString listJoin(const QStringList &items) const;

private:
    void collectFacts();
    void writeVerdicts();
    void choosePaths();
    LetterFacts letterFacts(const IpCheckResult *check) const;

    QList<MessageReport> m_messages;
    QList<IpCheckResult> m_checks;
    QStringList m_blockedIps;
    std::optional<RelayTestResult> m_relayTest;
    Sender m_sender;
    Language m_lang;
    LetterChoices m_choices;
    QSet<QString> m_facts;
    QStringList m_listingNames;
    QList<DelistPage> m_delist;
    QStringList m_verdicts;
    QList<FixPath> m_paths;
};

} // namespace bd
