// SPDX-License-Identifier: GPL-3.0-or-later
// Every rule of the built-in tables carries a real wording ("example"); each must classify as
// its own rule says. A table entry without a proving wording fails the test.
#include "bounce/BounceClassifier.h"
#include "bounce/BounceKnowledge.h"
#include "bounce/BounceTextScanner.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTest>

#include <algorithm>
#include <functional>

using namespace bd;

class TstBounceKnowledge : public QObject
{
    Q_OBJECT
private slots:
    // Every text in the knowledge tables that has a Chinese form is a pair of strings: a script
    // once nested the pair inside "en", and the English owner reasons read as empty.
    void localizedTextsArePairsOfStrings_data()
    {
        QTest::addColumn<QString>("file");
        for (const QString &name : QDir(QStringLiteral(":/data")).entryList({u"*.json"_qs}))
            QTest::newRow(qPrintable(name)) << QStringLiteral(":/data/") + name;
    }
    void localizedTextsArePairsOfStrings()
    {
        QFETCH(QString, file);
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &error);
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        QStringList bad;
        std::function<void(const QJsonValue &, const QString &)> walk =
                [&](const QJsonValue &v, const QString &path) {
                    if (v.isArray()) {
                        const QJsonArray a = v.toArray();
                        for (qsizetype i = 0; i < a.size(); ++i)
                            walk(a.at(i), path + u'/' + QString::number(i));
                        return;
                    }
                    const QJsonObject o = v.toObject();
                    if (o.contains(u"en") && o.contains(u"zh_CN")
                            && (!o.value(u"en").isString() || !o.value(u"zh_CN").isString()
                                    || o.value(u"en").toString().isEmpty()))
                        bad << path;
                    for (auto it = o.begin(); it != o.end(); ++it)
                        walk(it.value(), path + u'/' + it.key());
                };
        walk(doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object()), file);
        QVERIFY2(bad.isEmpty(), qPrintable(bad.join(u'\n')));
    }

    void tablesLoad()
    {
        const BounceKnowledge &k = BounceKnowledge::builtIn();
        QVERIFY(k.listings().size() >= 30);
        QVERIFY(k.phrases().size() >= 10);
        for (BounceCategory c : allCategories()) {
            QVERIFY2(!k.categoryTitle(c, Language::English).isEmpty(), qPrintable(categoryId(c)));
            QVERIFY2(!k.categoryTitle(c, Language::SimplifiedChinese).isEmpty(),
                    qPrintable(categoryId(c)));
            QVERIFY2(!k.categoryAbout(c, Language::SimplifiedChinese).isEmpty(),
                    qPrintable(categoryId(c)));
            QVERIFY2(!k.categoryAdvice(c, Language::SimplifiedChinese).isEmpty(),
                    qPrintable(categoryId(c)));
        }
    }

    void contractListingIdsExist_data()
    {
        QTest::addColumn<QString>("id");
        // The listing ids the CLI contract fixes.
        for (const char *id : {"trendmicro-rbl", "trendmicro-ers", "trendmicro-dul",
                     "trendmicro-qil", "spamhaus", "spamhaus-sbl", "spamhaus-xbl", "spamhaus-pbl",
                     "spamhaus-css", "spamhaus-dbl", "barracuda", "spamcop", "sorbs", "uceprotect",
                     "psbl", "mailspike", "spamrats", "cloudmark", "abusix", "microsoft", "gmail",
                     "yahoo", "apple", "proofpoint", "cisco-talos", "mimecast", "t-online",
                     "orange", "comcast", "gmx", "mailru", "netease", "tencent-qq"})
            QTest::newRow(id) << QString::fromLatin1(id);
    }
    void contractListingIdsExist()
    {
        QFETCH(QString, id);
        const Listing *l = BounceKnowledge::builtIn().listing(id);
        QVERIFY(l);
        QVERIFY(!l->name.isEmpty());
        QVERIFY(!l->rules.isEmpty());
        QVERIFY2(!l->about.en.isEmpty() && !l->about.zhCN.isEmpty(),
                "about must exist in both languages");
        QVERIFY2(!l->advice.en.isEmpty() && !l->advice.zhCN.isEmpty(),
                "advice must exist in both languages");
    }

    void everyListingRuleMatchesItsExample_data()
    {
        QTest::addColumn<QString>("listing");
        QTest::addColumn<int>("ruleIndex");
        for (const Listing &l : BounceKnowledge::builtIn().listings()) {
            for (int i = 0; i < l.rules.size(); ++i)
                QTest::addRow("%s/%d", qPrintable(l.id), i) << l.id << i;
        }
    }
    void everyListingRuleMatchesItsExample()
    {
        QFETCH(QString, listing);
        QFETCH(int, ruleIndex);
        const Listing *l = BounceKnowledge::builtIn().listing(listing);
        const MatchRule &rule = l->rules[ruleIndex];
        QVERIFY2(!rule.example.isEmpty(), "every rule needs a real wording as its example");
        RecipientReport r;
        r.diagnostic = rule.example;
        BounceClassifier().classify(r);
        QCOMPARE(r.listing, listing);
        // A fallback rule names only the provider; the generic phrases decide its category.
        if (!rule.fallback)
            QCOMPARE(categoryId(r.category), categoryId(rule.category));
    }

    // Mentions are looked for with the mention rules' own small pattern set: it must find what
    // the full set finds, in each mention rule's real example.
    void mentionSetFindsWhatTheFullSetFinds_data()
    {
        QTest::addColumn<QString>("listing");
        QTest::addColumn<QString>("example");
        for (const Listing &l : BounceKnowledge::builtIn().listings()) {
            for (int i = 0; i < l.rules.size(); ++i) {
                if (l.rules[i].mention)
                    QTest::addRow("%s/%d", qPrintable(l.id), i) << l.id << l.rules[i].example;
            }
        }
    }
    void mentionSetFindsWhatTheFullSetFinds()
    {
        QFETCH(QString, listing);
        QFETCH(QString, example);
        const BounceKnowledge &k = BounceKnowledge::builtIn();
        const QString folded = BounceKnowledge::fold(example);
        const auto ids = [](const QList<BounceKnowledge::Match> &found) {
            QStringList out;
            for (const BounceKnowledge::Match &m : found)
                out << m.listing->id + u':' + m.evidence;
            return out;
        };
        const QStringList viaMentionSet = ids(k.findMentions(k.mentionHits(folded)));
        QCOMPARE(viaMentionSet, ids(k.findMentions(k.hits(folded))));
        QVERIFY2(std::any_of(viaMentionSet.cbegin(), viaMentionSet.cend(),
                         [&](const QString &s) { return s.startsWith(listing + u':'); }),
                qPrintable(viaMentionSet.join(u", ")));
    }

    // findMentions() folds a text only when mayMention() says a mention pattern may be in it,
    // asked of the text unfolded: it must say so for every text the folded search finds one in.
    void mayMentionWhereTheFoldedTextMentions_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("mentions");
        QTest::newRow("plain words") << u"550 5.1.1 user unknown"_qs << false;
        QTest::newRow("one word of two") << u"our policy is firm"_qs << false;
        QTest::newRow("as written")
                << u"is listed on the Spamhaus PBL, see pbl.spamhaus.org"_qs << true;
        QTest::newRow("capitals and a line break")
                << u"listed in the TREND MICRO\r\n   Dynamic\tUser List"_qs << true;
        QTest::newRow("non-ASCII spaces between the words")
                << u"Policy\u00a0Block\u3000List"_qs << true;
        QTest::newRow("the Kelvin sign lower-cases to k")
                << u"on the POLICY BLOCK LIST"_qs.replace(u'K', QChar(0x212a)) << true;
    }
    void mayMentionWhereTheFoldedTextMentions()
    {
        QFETCH(QString, text);
        QFETCH(bool, mentions);
        const BounceKnowledge &k = BounceKnowledge::builtIn();
        QCOMPARE(!k.findMentions(k.mentionHits(BounceKnowledge::fold(text))).isEmpty(), mentions);
        if (mentions)
            QVERIFY(k.mayMention(text));
    }
    // The same for random texts made of the mention patterns' pieces in random case, joined by
    // random white space and noise, against the folded search as the reference.
    void mayMentionNeverMissesAMention()
    {
        const BounceKnowledge &k = BounceKnowledge::builtIn();
        QStringList pieces;
        for (const Listing &l : k.listings()) {
            for (const MatchRule &rule : l.rules) {
                if (!rule.mention)
                    continue;
                for (const QString &p : rule.any)
                    pieces << p.split(u' ');
                for (const QStringList &group : rule.all)
                    for (const QString &p : group)
                        pieces << p.split(u' ');
            }
        }
        QVERIFY(!pieces.isEmpty());
        static constexpr char16_t white[] = {u' ', u'\t', u'\n', u'\r', 0xa0, 0x2028, 0x3000};
        static constexpr char16_t noise[] = {u'x', u'.', u'-', u'\v', 0x17f, 0x212a, 0x130, 0xc9};
        QRandomGenerator random(20261202);
        int mentioned = 0;
        for (int round = 0; round < 20000; ++round) {
            QString text;
            for (int n = random.bounded(1, 8); n > 0; --n) {
                if (random.bounded(3) == 0)
                    text += QChar(noise[random.bounded(int(std::size(noise)))]);
                QString piece = pieces[random.bounded(int(pieces.size()))];
                for (QChar &c : piece) {
                    if (random.bounded(2))
                        c = c.toUpper();
                    if (c == u'k' && random.bounded(4) == 0)
                        c = QChar(0x212a);
                }
                text += piece;
                for (int w = random.bounded(3); w > 0; --w)
                    text += QChar(white[random.bounded(int(std::size(white)))]);
            }
            const bool found =
                    !k.findMentions(k.mentionHits(BounceKnowledge::fold(text))).isEmpty();
            mentioned += found;
            if (found)
                QVERIFY2(k.mayMention(text), qPrintable(text));
        }
        QVERIFY(mentioned > 100); // the rounds do reach the case that matters
    }

    // A provider is known by its host: the first listing with a suffix the host name is or
    // ends in after a dot, in any case. Random names made of the tables' suffixes, against
    // trying each listing's suffixes in turn.
    void providerForHostIsTheFirstListingWithTheSuffix()
    {
        const BounceKnowledge &k = BounceKnowledge::builtIn();
        const auto reference = [&k](const QString &host) -> const Listing * {
            if (host.isEmpty())
                return nullptr;
            const QString h = host.toLower();
            for (const Listing &l : k.listings()) {
                for (const QString &suffix : l.hosts) {
                    if (h.endsWith(suffix)
                            && (h.size() == suffix.size()
                                    || h[h.size() - suffix.size() - 1] == u'.'))
                        return &l;
                }
            }
            return nullptr;
        };
        QStringList suffixes;
        for (const Listing &l : k.listings())
            suffixes += l.hosts;
        QVERIFY(suffixes.size() > 10);
        static const QStringList prefixes {
                QString(), u"mx1."_qs, u"a.b."_qs, u"x"_qs, u"."_qs, u"İ."_qs, u"MX."_qs, u"-"_qs};
        QRandomGenerator random(20261204);
        int named = 0;
        for (int round = 0; round < 5000; ++round) {
            QString host = prefixes[random.bounded(int(prefixes.size()))];
            host += suffixes[random.bounded(int(suffixes.size()))];
            if (random.bounded(4) == 0)
                host = host.toUpper();
            if (random.bounded(8) == 0)
                host.remove(0, random.bounded(int(host.size()) + 1));
            if (random.bounded(8) == 0)
                host += u'.';
            const Listing *expected = reference(host);
            named += expected != nullptr;
            QCOMPARE(k.providerForHost(host), expected);
        }
        QVERIFY(named > 1000);
        QVERIFY(!k.providerForHost(QString()));
    }

    void everyPhraseMatchesItsExample_data()
    {
        QTest::addColumn<int>("index");
        const auto &phrases = BounceKnowledge::builtIn().phrases();
        for (int i = 0; i < phrases.size(); ++i)
            QTest::addRow("%s/%d", qPrintable(categoryId(phrases[i].category)), i) << i;
    }
    void everyPhraseMatchesItsExample()
    {
        QFETCH(int, index);
        const MatchRule &rule = BounceKnowledge::builtIn().phrases()[index];
        QVERIFY(!rule.example.isEmpty());
        RecipientReport r;
        r.diagnostic = rule.example;
        BounceClassifier().classify(r);
        QCOMPARE(categoryId(r.category), categoryId(rule.category));
        QVERIFY(r.listing.isEmpty());
    }

    // A status takes the category of its own code, else of the longest prefix ("5.4.") it
    // starts with: every code of the table, and statuses just longer and shorter than each.
    void statusCategoryIsTheExactCodeOrTheLongestPrefix()
    {
        QFile f(QStringLiteral(":/data/categories.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QList<QPair<QString, QString>> codes; // code, category id
        for (const QJsonValue &v :
                QJsonDocument::fromJson(f.readAll()).object().value(u"status_codes").toArray())
            codes << qMakePair(v[u"code"].toString(), v[u"category"].toString());
        QVERIFY(codes.size() > 10);
        const auto expected = [&codes](const QString &status) -> QString {
            QString best;
            qsizetype bestSize = 0;
            for (const auto &[code, category] : codes) {
                if (code == status)
                    return category;
                if (code.endsWith(u'.') && status.startsWith(code) && code.size() > bestSize) {
                    best = category;
                    bestSize = code.size();
                }
            }
            return status.isEmpty() ? QString() : best;
        };
        QStringList statuses {QString(), u"5"_qs, u"5.7.1"_qs, u"4.4.7"_qs, u"9.9.9"_qs};
        for (const auto &[code, category] : codes)
            statuses << code << code + u'9' << code.chopped(1);
        const BounceKnowledge &k = BounceKnowledge::builtIn();
        for (const QString &status : std::as_const(statuses)) {
            const std::optional<BounceCategory> got = k.categoryForStatus(status);
            QCOMPARE(got ? categoryId(*got) : QString(), expected(status));
        }
    }

    // fold() takes sixteen ASCII units a step where it can; on random mixes of white space,
    // capitals, ASCII and non-ASCII it must give what folding unit by unit gives.
    void foldMatchesFoldingUnitByUnit()
    {
        const auto unitByUnit = [](QStringView text) {
            QString out;
            bool space = true;
            for (const QChar c : text) {
                const char16_t u = c.unicode();
                if (u == ' ' || u == '\t' || u == '\n' || u == '\r' || (u >= 0x80 && c.isSpace())) {
                    if (!space)
                        out += u' ';
                    space = true;
                    continue;
                }
                out += u < 0x80 ? QChar(u >= 'A' && u <= 'Z' ? char16_t(u + 32) : u) : c.toLower();
                space = false;
            }
            if (out.endsWith(u' '))
                out.chop(1);
            return out;
        };
        static constexpr char16_t units[] = {u' ', u'\t', u'\n', u'\r', u'\v', u'\f', 0x0, u'@',
                u'A', u'M', u'Z', u'[', u'`', u'a', u'z', u'{', u'.', u'5', 0x7f, 0x80, 0xa0, 0xc9,
                0x17f, 0x2028, 0x3000, 0x212a, 0x130, 0xff21, 0xd83d, 0xde00, 0x8020, 0xffff};
        QRandomGenerator random(20261201);
        for (int round = 0; round < 20000; ++round) {
            QString text(random.bounded(70), Qt::Uninitialized);
            // Mostly letters, so that whole steps of eight are ASCII without doubled spaces.
            const int spread = round % 3 == 0 ? int(std::size(units)) : 18;
            for (QChar &c : text)
                c = QChar(random.bounded(4) == 0
                                ? units[random.bounded(spread)]
                                : char16_t((random.bounded(2) ? u'a' : u'A') + random.bounded(26)));
            QCOMPARE(BounceKnowledge::fold(text), unitByUnit(text));
        }
    }

    // A rule's regex runs only where one of the words read off its pattern is in the text, so
    // the reading must never name a word a match can do without. Constructs it does not know
    // give no words (the regex then runs everywhere); 's' is left out of words, as PCRE2 also
    // matches it as U+017F, which fold() keeps.
    void requiredWords_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QStringList>("words");
        QTest::newRow("literal run after classes and optional groups")
                << u"(?<![@\\w.-])[a-z0-9-]+(?:\\.[a-z0-9-]+)*\\.[a-z]{2,} does not exist"_qs
                << QStringList {u" not exi"_qs};
        QTest::newRow("optional group left out")
                << u"\\b(?:dns)?rbl\\b"_qs << QStringList {u"rbl"_qs};
        QTest::newRow("a group of literal branches")
                << u"\\b\\d{1,3}(?:\\.\\d{1,3}){3}\\]? (?:is |has been )?(?:blocked|rejected|refused|denied)"_qs
                << QStringList {u"blocked"_qs, u"rejected"_qs, u"refu"_qs, u"denied"_qs};
        QTest::newRow("repeated group still occurs")
                << u"(?:spam|junk)+\\d"_qs << QStringList {u"pam"_qs, u"junk"_qs};
        QTest::newRow("upper case as folded text has it")
                << u"DENIED"_qs << QStringList {u"denied"_qs};
        QTest::newRow("quantified character leaves the run")
                << u"a{2}bcd"_qs << QStringList {u"bcd"_qs};
        QTest::newRow("class with an escaped bracket")
                << u"x[a\\]b]yyyy"_qs << QStringList {u"yyyy"_qs};
        QTest::newRow("look-ahead consumes nothing") << u"abc(?=def)"_qs << QStringList {u"abc"_qs};
        QTest::newRow("alternation at the top") << u"blocked|denied"_qs << QStringList();
        QTest::newRow("inline options") << u"(?-i)blocked"_qs << QStringList();
        QTest::newRow("quoted literal") << u"\\Qblocked\\E"_qs << QStringList();
        QTest::newRow("brace read as a literal") << u"x{y}blocked"_qs << QStringList();
        QTest::newRow("only short words") << u"ab\\dcd"_qs << QStringList();
        QTest::newRow("non-ASCII is no word") << u"黑名单"_qs << QStringList();
    }
    void requiredWords()
    {
        QFETCH(QString, pattern);
        QFETCH(QStringList, words);
        QCOMPARE(BounceKnowledge::requiredWords(pattern), words);
    }

    // Each regex of the tables on a real wording it matches: taking its required words out of
    // the wording takes the match away, and the rule still decides that wording.
    void tableRegexNeedsItsWords_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("wording");
        // Sisimai's set-of-emails (BSD-2-Clause), lhost-exim-37.eml.
        QTest::newRow("does not exist")
                << u"(?<![@\\w.-])[a-z0-9-]+(?:\\.[a-z0-9-]+)*\\.[a-z]{2,} does not exist"_qs
                << u"553 neko.example.com does not exist"_qs;
        // lhost-amazonses-14.eml.
        QTest::newRow("rbl") << u"\\b(?:dns)?rbl\\b"_qs
                             << u"554 5.7.1 <a8-95.smtp-out.amazonses.com[203.0.113.22]>: Client "
                                "host rejected: blocked using mail.neko.example.org; Please see "
                                "http://mail.neko.example.org/rbl/?ip=203.0.113.22 to send."_qs;
        // lhost-amazonses-16.eml.
        QTest::newRow("address blocked")
                << u"\\b\\d{1,3}(?:\\.\\d{1,3}){3}\\]? (?:is |has been )?(?:blocked|rejected|refused|denied)"_qs
                << u"521-5.7.1 Service unavailable; client [203.0.113.225] blocked using "
                   "dnsbl.sorbs.net"_qs;
    }
    void tableRegexNeedsItsWords()
    {
        QFETCH(QString, pattern);
        QFETCH(QString, wording);
        const MatchRule *rule = nullptr;
        qsizetype index = -1;
        for (const MatchRule &r : BounceKnowledge::builtIn().phrases()) {
            for (qsizetype i = 0; i < r.regex.size(); ++i) {
                if (r.regex[i].pattern() == pattern)
                    rule = &r, index = i;
            }
        }
        QVERIFY2(rule, "the pattern is no longer in phrases.json");
        const Regex &rx = rule->regex[index];
        const QString folded = BounceKnowledge::fold(wording);
        QVERIFY(rx.match(folded).hasMatch());
        const QStringList words = BounceKnowledge::requiredWords(pattern);
        QVERIFY(!words.isEmpty());
        QCOMPARE(rule->regexNeeds[index].size(), words.size());
        QString without = folded;
        for (const QString &w : words)
            without.remove(w);
        QVERIFY(!rx.match(without).hasMatch());
        // The knowledge's pattern set finds one of the words in the wording and none without.
        const BounceKnowledge &k = BounceKnowledge::builtIn();
        const auto anyFound = [&](const QString &text) {
            const BounceKnowledge::Hits hits = k.hits(text);
            const QList<int> &ids = rule->regexNeeds[index];
            return std::any_of(
                    ids.cbegin(), ids.cend(), [&](int id) { return hits.found[size_t(id)] != 0; });
        };
        QVERIFY(anyFound(folded));
        QVERIFY(!anyFound(without));
        QVERIFY(rule->matches(k.hits(folded).found, folded));
    }

    // The scanner's words (phrases.json "scanner") with the real line each was taken from: the
    // scanner built from the table must read that line as the table says.
    void everyScannerPhraseReadsItsExample_data()
    {
        QTest::addColumn<QString>("section");
        QTest::addColumn<QString>("example");
        QFile f(QStringLiteral(":/data/phrases.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject scanner =
                QJsonDocument::fromJson(f.readAll()).object().value(u"scanner").toObject();
        for (const QString &section : {QStringLiteral("original_markers"),
                     QStringLiteral("recipient_labels"), QStringLiteral("delivered_to")}) {
            const QJsonArray entries = scanner.value(section).toObject().value(u"any").toArray();
            QVERIFY2(!entries.isEmpty(), qPrintable(section));
            for (const QJsonValue &v : entries) {
                const QJsonObject o = v.toObject();
                if (o.contains(u"example"))
                    QTest::addRow("%s: %s", qPrintable(section),
                            qPrintable(o.value(u"phrase").toString()))
                            << section << o.value(u"example").toString();
            }
        }
    }
    void everyScannerPhraseReadsItsExample()
    {
        QFETCH(QString, section);
        QFETCH(QString, example);
        const QString refusal = QStringLiteral("550 5.1.1 User unknown\n");
        if (section == u"original_markers") {
            const QString text = refusal + example + QStringLiteral("\nSubject: hello\n");
            QCOMPARE(BounceTextScanner::withoutOriginalMessage(text).toString(), refusal);
            return;
        }
        static const QRegularExpression address(
                QStringLiteral(R"([A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+)"));
        const QString recipient = address.match(example).captured(0);
        QVERIFY2(!recipient.isEmpty(), qPrintable(example));
        const QList<TextFinding> findings =
                BounceTextScanner::scan(QString(example + u'\n' + refusal));
        QCOMPARE(findings.size(), 1);
        QCOMPARE(findings.first().recipient, recipient);
    }

    // withoutOriginalMessage() finds the marker line as code; on random texts of marker
    // phrases (cut short, in random case, the long s and the Kelvin sign for 's' and 'k'),
    // header fields, rules, white space and noise, it cuts where the regex it stands for
    // (the markers' plain alternation, caseless, multiline) first matches.
    void withoutOriginalMessageCutsWhereTheRegexMatches()
    {
        const BounceKnowledge &k = BounceKnowledge::builtIn();
        QStringList pieces;
        QStringList alternatives;
        for (const BounceKnowledge::ScannerPhrase &p : k.originalMarkers()) {
            pieces << p.phrase;
            alternatives << QRegularExpression::escape(p.phrase)
                            + (p.wholeWord ? QStringLiteral("\\b") : QString());
        }
        pieces << QStringLiteral("Received:") << QStringLiteral("Return-Path: ")
               << QStringLiteral("X-Received:\t") << QStringLiteral("DKIM-Signature:")
               << QStringLiteral("ARC-Seal: ") << QStringLiteral("Received") << QStringLiteral("x")
               << QStringLiteral("Subject: hi") << QStringLiteral("550 5.1.1 unknown")
               << QStringLiteral("--") << QStringLiteral("-") << QStringLiteral("==*_|")
               << QStringLiteral("_") << QStringLiteral("1") << QStringLiteral("é")
               << QStringLiteral("\U0001F600");
        const QRegularExpression reference(
                QStringLiteral(
                        R"(^\s*(?:[-=*_|]{2,}\s*)?(?:%1)[^\n]*$|^(?:Received|Return-Path|X-Received|DKIM-Signature|ARC-Seal):[ \t]*\S)")
                        .arg(alternatives.join(u'|')),
                QRegularExpression::CaseInsensitiveOption | QRegularExpression::MultilineOption);
        QVERIFY(reference.isValid());
        static constexpr char16_t white[] = {
                u' ', u'\t', u'\n', u'\n', u'\n', u'\r', u'\v', u'\f', 0xa0, 0x3000};
        QRandomGenerator random(20261210);
        int cut = 0;
        for (int round = 0; round < 20000; ++round) {
            QString text;
            for (int n = random.bounded(1, 10); n > 0; --n) {
                QString piece = pieces[random.bounded(int(pieces.size()))];
                if (random.bounded(6) == 0)
                    piece.truncate(random.bounded(int(piece.size()) + 1));
                for (QChar &c : piece) {
                    if (random.bounded(2))
                        c = c.toUpper();
                    if (c.toLower() == u'k' && random.bounded(4) == 0)
                        c = QChar(0x212a);
                    if (c.toLower() == u's' && random.bounded(4) == 0)
                        c = QChar(0x17f);
                }
                text += piece;
                for (int w = random.bounded(3); w > 0; --w)
                    text += QChar(white[random.bounded(int(std::size(white)))]);
            }
            const QRegularExpressionMatch m = reference.match(text);
            const QString expected =
                    m.hasMatch() && m.capturedStart(0) > 0 ? text.first(m.capturedStart(0)) : text;
            cut += expected.size() < text.size();
            QCOMPARE(BounceTextScanner::withoutOriginalMessage(text).toString(), expected);
        }
        QVERIFY(cut > 2000); // the rounds do reach the markers
    }

    void brokenTablesAreReported_data()
    {
        QTest::addColumn<QByteArray>("listings");
        QTest::addColumn<QString>("errorPart");
        QTest::newRow("bad json") << QByteArray("{") << QStringLiteral("listings.json");
        QTest::newRow("bad category")
                << QByteArray("{\"listings\":[{\"id\":\"x\",\"name\":\"X\",\"rules\":[{"
                              "\"category\":\"nope\",\"any\":[\"a\"]}]}]}")
                << QStringLiteral("unknown category");
        QTest::newRow("bad regex") << QByteArray(
                "{\"listings\":[{\"id\":\"x\",\"name\":\"X\",\"rules\":[{\"regex\":[\"(\"]}]}]}")
                                   << QStringLiteral("bad regex");
        QTest::newRow("no patterns")
                << QByteArray("{\"listings\":[{\"id\":\"x\",\"name\":\"X\",\"rules\":[{}]}]}")
                << QStringLiteral("without patterns");
    }
    void brokenTablesAreReported()
    {
        QFETCH(QByteArray, listings);
        QFETCH(QString, errorPart);
        QString error;
        BounceKnowledge::fromJson(listings, "{}", "{}", &error);
        QVERIFY2(error.contains(errorPart), qPrintable(error));
    }

    // An empty phrase would make the scanner's alternation match at every place.
    void scannerEntryWithoutPhraseIsReported()
    {
        QString error;
        BounceKnowledge::fromJson("{}",
                R"({"scanner":{"delivered_to":{"any":[{"phrase":"sent to"},{"example":"x"}]}}})",
                "{}", &error);
        QVERIFY2(error.contains(u"scanner delivered_to entry without phrase"), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TstBounceKnowledge)
#include "tst_bounceknowledge.moc"
