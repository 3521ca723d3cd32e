// SPDX-License-Identifier: GPL-3.0-or-later
#include "bounce/BounceKnowledge.h"

#include "util/BuiltInData.h"
#include "util/JsonDocument.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cstring>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace bd {
namespace {

QStringList foldedList(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &item : v.toArray())
        out << BounceKnowledge::fold(item.toString());
    return out;
}

bool parseRule(const QJsonObject &o, BounceCategory fallback, MatchRule &rule, QString *error,
        const QString &where)
{
    rule.category = fallback;
    if (o.contains(u"category")) {
        const auto category = categoryFromId(o.value(u"category").toString());
        if (!category) {
            *error = QStringLiteral("%1: unknown category '%2'")
                             .arg(where, o.value(u"category").toString());
            return false;
        }
        rule.category = *category;
    }
    rule.any = foldedList(o.value(u"any"));
    for (const QJsonValue &group : o.value(u"all").toArray())
        rule.all << foldedList(group);
    for (const QJsonValue &re : o.value(u"regex").toArray()) {
        const Regex rx(re.toString(), Regex::CaseInsensitiveOption);
        if (!rx.isValid()) {
            *error = QStringLiteral("%1: bad regex '%2': %3")
                             .arg(where, re.toString(), rx.errorString());
            return false;
        }
        rule.regex << rx;
    }
    if (o.contains(u"temporary"))
        rule.temporary = o.value(u"temporary").toBool();
    rule.mention = o.value(u"mention").toBool();
    rule.fallback = o.value(u"fallback").toBool();
    rule.about = Localized::fromJson(o.value(u"about"));
    rule.advice = Localized::fromJson(o.value(u"advice"));
    rule.example = o.value(u"example").toString();
    if (rule.any.isEmpty() && rule.all.isEmpty() && rule.regex.isEmpty()) {
        *error = QStringLiteral("%1: a rule without patterns").arg(where);
        return false;
    }
    return true;
}

// A character a required word may hold. The regexes are caseless and run on fold()'s lower-cased
// text, where an ASCII letter stands as its lower case; but PCRE2 also matches 's' as U+017F,
// a lower-case letter fold() keeps, and outside ASCII the two foldings are not compared at all.
bool wordChar(char16_t c)
{
    return c >= 0x20 && c < 0x7f && c != 's' && c != 'S';
}

char16_t lower(char16_t c)
{
    return c >= 'A' && c <= 'Z' ? char16_t(c + 32) : c;
}

// Where the character class opening at `i` ends (after its ']'), or -1.
qsizetype classEnd(QStringView p, qsizetype i)
{
    qsizetype j = i + 1;
    if (j < p.size() && p[j] == u'^')
        ++j;
    if (j < p.size() && p[j] == u']')
        ++j; // a ']' first is a member
    while (j < p.size() && p[j] != u']') {
        if (p[j] == u'[' && j + 1 < p.size() && p[j + 1] == u':')
            return -1; // a POSIX class holds a ']' of its own
        j += p[j] == u'\\' ? 2 : 1;
    }
    return j < p.size() ? j + 1 : -1;
}

// Where the group opening at `i` ends (after its ')'), or -1.
qsizetype groupEnd(QStringView p, qsizetype i)
{
    int depth = 0;
    for (qsizetype j = i; j < p.size();) {
        const QChar c = p[j];
        if (c == u'\\') {
            j += 2;
        } else if (c == u'[') {
            j = classEnd(p, j);
            if (j < 0)
                return -1;
        } else {
            if (c == u'(')
                ++depth;
            else if (c == u')' && --depth == 0)
                return j + 1;
            ++j;
        }
    }
    return -1;
}

// The words of a group's body when each of its branches is plain literal text: every branch's
// longest run of wordChar()s, as a match of the group holds one of the branches whole.
std::optional<QStringList> literalBranches(QStringView body)
{
    QStringList words;
    QString word;
    QString best;
    const auto endWord = [&] {
        if (word.size() > best.size())
            best = word;
        word.clear();
    };
    for (qsizetype i = 0; i <= body.size(); ++i) {
        if (i == body.size() || body[i] == u'|') {
            endWord();
            if (best.isEmpty())
                return std::nullopt;
            words << best;
            best.clear();
            continue;
        }
        char16_t c = body[i].unicode();
        if (c == u'\\') {
            if (i + 1 >= body.size() || body[i + 1].unicode() >= 0x80
                    || body[i + 1].isLetterOrNumber())
                return std::nullopt;
            c = body[++i].unicode();
        } else if (QStringView(u"^$.[]()?*+{}").contains(QChar(c))) {
            return std::nullopt;
        }
        if (wordChar(c))
            word += QChar(lower(c));
        else
            endWord();
    }
    return words;
}

} // namespace

QStringList BounceKnowledge::requiredWords(QStringView p)
{
    // The pattern as a sequence of items at its top level; each literal character or group of
    // literal branches that is not optional must appear in every match. A construct not known
    // here gives no words at all rather than wrong ones.
    QList<QStringList> factors;
    QString run;
    const auto endRun = [&] {
        if (!run.isEmpty())
            factors << QStringList {run};
        run.clear();
    };
    for (qsizetype i = 0; i < p.size();) {
        const char16_t c = p[i].unicode();
        std::optional<char16_t> literal;
        std::optional<QStringList> branches;
        if (c == u'|' || c == u')' || c == u'*' || c == u'+' || c == u'?' || c == u'{') {
            return {}; // an alternation at the top, or a construct not read here
        } else if (c == u'\\') {
            if (i + 1 >= p.size())
                return {};
            const QChar e = p[i + 1];
            if (e.unicode() >= 0x80)
                return {};
            if (e.isLetterOrNumber() && !QStringView(u"dDwWsShHvVbBN").contains(e))
                return {}; // \x, \p, \Q, back references, ...
            if (!e.isLetterOrNumber())
                literal = e.unicode();
            i += 2;
        } else if (c == u'[') {
            i = classEnd(p, i);
            if (i < 0)
                return {};
        } else if (c == u'(') {
            const qsizetype end = groupEnd(p, i);
            if (end < 0)
                return {};
            const QStringView body = p.sliced(i + 1, end - i - 2);
            i = end;
            // A look-around consumes nothing.
            const bool lookAround = body.startsWith(u"?=") || body.startsWith(u"?!")
                    || body.startsWith(u"?<=") || body.startsWith(u"?<!");
            if (!lookAround && body.startsWith(u"?:"))
                branches = literalBranches(body.sliced(2));
            else if (!lookAround && body.startsWith(u'?'))
                return {}; // options, named groups, ...: not read here
            else if (!lookAround)
                branches = literalBranches(body);
        } else {
            if (c != u'.' && c != u'^' && c != u'$')
                literal = c;
            ++i;
        }
        bool optional = false;
        bool quantified = false;
        if (i < p.size() && (p[i] == u'*' || p[i] == u'?' || p[i] == u'+')) {
            quantified = true;
            optional = p[i] != u'+';
            ++i;
        } else if (i < p.size() && p[i] == u'{') {
            qsizetype j = i + 1;
            while (j < p.size() && p[j].isDigit())
                ++j;
            const QStringView min = p.sliced(i + 1, j - i - 1);
            while (j < p.size() && (p[j].isDigit() || p[j] == u','))
                ++j;
            if (min.isEmpty() || j >= p.size() || p[j] != u'}')
                return {}; // PCRE2 reads such a brace as a literal; not read here
            quantified = true;
            optional = min.toInt() == 0;
            i = j + 1;
        }
        if (quantified && i < p.size() && (p[i] == u'?' || p[i] == u'+'))
            ++i; // lazy or possessive: the same characters
        if (literal && !quantified && wordChar(*literal)) {
            run += QChar(lower(*literal));
            continue;
        }
        endRun();
        if (branches && !optional)
            factors << *branches;
    }
    endRun();
    // The most selective factor: the longest shortest word.
    const auto shortest = [](const QStringList &words) {
        qsizetype n = words.first().size();
        for (const QString &w : words)
            n = qMin(n, w.size());
        return n;
    };
    const QStringList *best = nullptr;
    for (const QStringList &f : std::as_const(factors)) {
        if (!best || shortest(f) > shortest(*best))
            best = &f;
    }
    // A word of one or two characters is in nearly every text: no use as a filter.
    return best && shortest(*best) >= 3 ? *best : QStringList();
}

bool MatchRule::matches(
        const std::vector<quint8> &found, QStringView folded, QString *evidence) const
{
    for (qsizetype i = 0; i < anyIds.size(); ++i) {
        if (found[size_t(anyIds[i])]) {
            if (evidence)
                *evidence = any[i];
            return true;
        }
    }
    for (qsizetype g = 0; g < allIds.size(); ++g) {
        const QList<int> &group = allIds[g];
        const bool allFound = !group.isEmpty()
                && std::all_of(group.cbegin(), group.cend(),
                        [&](int id) { return found[size_t(id)] != 0; });
        if (allFound) {
            if (evidence)
                *evidence = all[g].join(QStringLiteral(" … "));
            return true;
        }
    }
    for (qsizetype i = 0; i < regex.size(); ++i) {
        static const QList<int> none;
        const QList<int> &needs = i < regexNeeds.size() ? regexNeeds[i] : none;
        if (!needs.isEmpty() && std::none_of(needs.cbegin(), needs.cend(), [&](int id) {
                return found[size_t(id)] != 0;
            }))
            continue;
        const RegexMatch m = regex[i].match(folded);
        if (m.hasMatch()) {
            if (evidence)
                *evidence = m.captured(0);
            return true;
        }
    }
    return false;
}

void BounceKnowledge::indexPatterns()
{
    m_rules = 0;
    m_ruleAt.clear();
    m_rulesWithPattern.clear();
    m_rulesAlwaysAsked.clear();
    m_mentionPatterns = {};
    m_mentionIds.clear();
    m_mentionAlways = false;
    auto index = [this](MatchRule &rule) {
        rule.slot = m_rules++;
        const auto add = [this, &rule](const QString &p) {
            const int id = m_patterns.add(p);
            if (m_rulesWithPattern.size() <= size_t(id))
                m_rulesWithPattern.resize(size_t(id) + 1);
            std::vector<int> &rules = m_rulesWithPattern[size_t(id)];
            if (rules.empty() || rules.back() != rule.slot)
                rules.push_back(rule.slot);
            if (rule.mention) {
                const int local = m_mentionPatterns.add(p);
                if (m_mentionIds.size() <= size_t(local))
                    m_mentionIds.resize(size_t(local) + 1);
                m_mentionIds[size_t(local)] = id;
            }
            return id;
        };
        rule.anyIds.clear();
        rule.allIds.clear();
        rule.regexNeeds.clear();
        for (const QString &p : std::as_const(rule.any))
            rule.anyIds << add(p);
        for (const QStringList &group : std::as_const(rule.all)) {
            QList<int> ids;
            for (const QString &p : group)
                ids << add(p);
            rule.allIds << ids;
        }
        for (const Regex &rx : std::as_const(rule.regex)) {
            QList<int> ids;
            for (const QString &word : requiredWords(rx.pattern()))
                ids << add(word);
            rule.regexNeeds << ids;
            if (ids.isEmpty()
                    && (m_rulesAlwaysAsked.empty() || m_rulesAlwaysAsked.back() != rule.slot))
                m_rulesAlwaysAsked.push_back(rule.slot);
            if (ids.isEmpty() && rule.mention)
                m_mentionAlways = true;
        }
    };
    for (qsizetype l = 0; l < m_listings.size(); ++l) {
        for (qsizetype r = 0; r < m_listings[l].rules.size(); ++r) {
            m_ruleAt.push_back({int(l), int(r)});
            index(m_listings[l].rules[r]);
        }
    }
    m_listingRules = m_rules;
    for (qsizetype r = 0; r < m_phrases.size(); ++r) {
        m_ruleAt.push_back({-1, int(r)});
        index(m_phrases[r]);
    }
    m_patterns.build();
    m_mentionPatterns.build();

    // fold() turns white space into single spaces and lower-cases every other unit on its own,
    // as a caseless PatternSet reads a text: each space-free word of a pattern in fold(text) is
    // in `text` as it is, whatever its case and white space.
    m_mentionWords = {};
    m_mentionWords.setCaseInsensitive(true);
    m_mentionWordIds.assign(size_t(m_mentionPatterns.size()), {});
    for (int i = 0; i < m_mentionPatterns.size(); ++i) {
        std::vector<int> &words = m_mentionWordIds[size_t(i)];
        for (const QStringView word :
                QStringView(m_mentionPatterns.pattern(i)).split(u' ', Qt::SkipEmptyParts))
            words.push_back(m_mentionWords.add(word));
        if (words.empty()) // an empty pattern is in every text
            m_mentionAlways = true;
    }
    m_mentionWords.build();
}

bool BounceKnowledge::mayMention(QStringView text) const
{
    if (m_mentionAlways)
        return true;
    std::vector<quint8> found;
    m_mentionWords.findAll(text, found);
    return std::any_of(m_mentionWordIds.cbegin(), m_mentionWordIds.cend(),
            [&found](const std::vector<int> &words) {
                return std::all_of(words.cbegin(), words.cend(),
                        [&found](int id) { return found[size_t(id)] != 0; });
            });
}

BounceKnowledge::Hits BounceKnowledge::hits(QStringView folded) const
{
    std::vector<quint8> found;
    m_patterns.findAll(folded, found);
    return hitsOf(folded, std::move(found));
}

BounceKnowledge::Hits BounceKnowledge::mentionHits(QStringView folded) const
{
    std::vector<quint8> local;
    m_mentionPatterns.findAll(folded, local);
    std::vector<quint8> found(size_t(m_patterns.size()), 0);
    for (size_t i = 0; i < local.size(); ++i) {
        if (local[i])
            found[size_t(m_mentionIds[i])] = 1;
    }
    return hitsOf(folded, std::move(found));
}

BounceKnowledge::Hits BounceKnowledge::hitsOf(QStringView folded, std::vector<quint8> found) const
{
    Hits h {folded, std::move(found), std::vector<quint8>(size_t(m_rules), 0)};
    for (const int slot : m_rulesAlwaysAsked)
        h.candidates[size_t(slot)] = 1;
    // Few of the hundreds of patterns are found in one text.
    const quint8 *begin = h.found.data();
    const quint8 *end = begin + h.found.size();
    for (const quint8 *p = begin; p != end; ++p) {
        p = static_cast<const quint8 *>(std::memchr(p, 1, size_t(end - p)));
        if (!p)
            break;
        for (const int slot : m_rulesWithPattern[size_t(p - begin)])
            h.candidates[size_t(slot)] = 1;
    }
    return h;
}

namespace {

// fold() of one UTF-16 unit: white space after white space (or at the start) is dropped,
// other white space becomes ' ', the rest its small letter.
bool isAsciiWhite(char16_t u)
{
    return u == ' ' || u == '\t' || u == '\n' || u == '\r';
}

inline void foldUnit(QChar c, QChar *&o, bool &space)
{
    const char16_t u = c.unicode();
    if (isAsciiWhite(u) || (u >= 0x80 && c.isSpace())) {
        if (!space)
            *o++ = u' ';
        space = true;
        return;
    }
    *o++ = u < 0x80 ? QChar(u >= 'A' && u <= 'Z' ? char16_t(u + 32) : u) : c.toLower();
    space = false;
}

} // namespace

QString BounceKnowledge::fold(QStringView text)
{
    QString out(text.size(), Qt::Uninitialized);
    QChar *o = out.data();
    bool space = true;
    const char16_t *p = text.utf16();
    const char16_t *const end = p + text.size();
#ifdef __SSE2__
    // Sixteen units a step while they are ASCII and no white space follows white space: then
    // each unit folds to one on its own (white space to ' ', a capital to its small letter).
    // Diagnostics and message texts are mostly such runs; a step that is not is folded unit by
    // unit. The units are packed to bytes with unsigned saturation, a unit past ASCII to 0x80 or
    // more, or to 0 (read as signed): a NUL, ASCII as it is, is folded unit by unit too.
    while (end - p >= 16) {
        const __m128i bytes =
                _mm_packus_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i *>(p)),
                        _mm_loadu_si128(reinterpret_cast<const __m128i *>(p + 8)));
        const __m128i white = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(bytes, _mm_set1_epi8(' ')),
                                                   _mm_cmpeq_epi8(bytes, _mm_set1_epi8('\t'))),
                _mm_or_si128(_mm_cmpeq_epi8(bytes, _mm_set1_epi8('\n')),
                        _mm_cmpeq_epi8(bytes, _mm_set1_epi8('\r'))));
        // A mask bit a unit; shifted by one, the bit of the unit before each.
        const unsigned whiteBits = unsigned(_mm_movemask_epi8(white));
        const unsigned whiteBefore = (whiteBits << 1) | (space ? 1U : 0U);
        const bool notAscii = _mm_movemask_epi8(_mm_cmplt_epi8(bytes, _mm_set1_epi8(1))) != 0;
        if (notAscii || (whiteBits & whiteBefore) != 0) {
            for (const char16_t *const stepEnd = p + 16; p != stepEnd; ++p)
                foldUnit(QChar(*p), o, space);
            continue;
        }
        const __m128i capital = _mm_and_si128(_mm_cmpgt_epi8(bytes, _mm_set1_epi8('A' - 1)),
                _mm_cmplt_epi8(bytes, _mm_set1_epi8('Z' + 1)));
        __m128i folded = _mm_add_epi8(bytes, _mm_and_si128(capital, _mm_set1_epi8(32)));
        folded = _mm_or_si128(
                _mm_andnot_si128(white, folded), _mm_and_si128(white, _mm_set1_epi8(' ')));
        _mm_storeu_si128(
                reinterpret_cast<__m128i *>(o), _mm_unpacklo_epi8(folded, _mm_setzero_si128()));
        _mm_storeu_si128(
                reinterpret_cast<__m128i *>(o + 8), _mm_unpackhi_epi8(folded, _mm_setzero_si128()));
        o += 16;
        p += 16;
        space = (whiteBits & 0x8000U) != 0;
    }
#endif
    for (; p != end; ++p)
        foldUnit(QChar(*p), o, space);
    if (o != out.constData() && o[-1] == u' ')
        --o;
    out.truncate(o - out.constData());
    return out;
}

const BounceKnowledge &BounceKnowledge::builtIn()
{
    // Never destroyed: freeing its tables at exit took about 2 M instructions (0.7 ms) of every
    // CLI call, after the answer was written. The reference keeps it reachable for LeakSanitizer.
    static const BounceKnowledge &knowledge = *[] {
        QString error;
        auto *k = new BounceKnowledge(fromJson(builtInData(QStringLiteral(":/data/listings.json")),
                builtInData(QStringLiteral(":/data/phrases.json")),
                builtInData(QStringLiteral(":/data/categories.json")), &error));
        if (!error.isEmpty())
            qFatal("Bounce Doctor: built-in tables are broken: %s", qPrintable(error));
        return k;
    }();
    return knowledge;
}

BounceKnowledge BounceKnowledge::fromJson(const QByteArray &listings, const QByteArray &phrases,
        const QByteArray &categories, QString *error)
{
    BounceKnowledge k;
    error->clear();
    QJsonParseError pe;
    const QJsonDocument listingDoc = QJsonDocument::fromJson(listings, &pe);
    if (pe.error != QJsonParseError::NoError) {
        *error = QStringLiteral("listings.json: %1 at %2").arg(pe.errorString()).arg(pe.offset);
        return k;
    }
    for (const QJsonValue &v : listingDoc.object().value(u"listings").toArray()) {
        const QJsonObject o = v.toObject();
        Listing l;
        l.id = o.value(u"id").toString();
        l.names = Localized::fromJson(o.value(u"name"));
        l.name = l.names.en;
        l.kind = o.value(u"kind").toString();
        for (const QJsonValue &h : o.value(u"hosts").toArray())
            l.hosts << h.toString().toLower();
        l.lookupUrl = o.value(u"lookup_url").toString();
        l.delistUrl = o.value(u"delist_url").toString();
        l.about = Localized::fromJson(o.value(u"about"));
        l.advice = Localized::fromJson(o.value(u"advice"));
        const auto fallback = categoryFromId(o.value(u"category").toString())
                                      .value_or(BounceCategory::IpBlocklist);
        int i = 0;
        for (const QJsonValue &r : o.value(u"rules").toArray()) {
            MatchRule rule;
            if (!parseRule(r.toObject(), fallback, rule, error,
                        QStringLiteral("listing %1 rule %2").arg(l.id).arg(i++)))
                return k;
            l.rules << rule;
        }
        if (l.id.isEmpty() || l.name.isEmpty()) {
            *error = QStringLiteral("listings.json: an entry without id or name");
            return k;
        }
        k.m_listings << l;
    }
    for (qsizetype i = 0; i < k.m_listings.size(); ++i) {
        for (const QString &suffix : std::as_const(k.m_listings[i].hosts)) {
            if (!k.m_hostListings.contains(suffix))
                k.m_hostListings.insert(suffix, i);
        }
    }

    const QJsonDocument phraseDoc = QJsonDocument::fromJson(phrases, &pe);
    if (pe.error != QJsonParseError::NoError) {
        *error = QStringLiteral("phrases.json: %1 at %2").arg(pe.errorString()).arg(pe.offset);
        return k;
    }
    const QJsonObject envelope = phraseDoc.object().value(u"envelope").toObject();
    const auto words = [](const QJsonValue &v, Qt::CaseSensitivity cs) {
        return WordSet(JsonDocument::strings(v), cs);
    };
    k.m_bounceFrom = words(envelope.value(u"bounce_from"), Qt::CaseInsensitive);
    k.m_bounceSubject = words(envelope.value(u"bounce_subject"), Qt::CaseInsensitive);
    k.m_autoReplySubject = words(envelope.value(u"auto_reply_subject"), Qt::CaseInsensitive);
    k.m_gaveUp =
            words(phraseDoc.object().value(u"gave_up").toObject().value(u"any"), Qt::CaseSensitive);
    const QJsonObject scanner = phraseDoc.object().value(u"scanner").toObject();
    // An empty phrase would make the scanner's alternation match everywhere.
    const auto scannerPhrases = [&scanner, error](QStringView key, QList<ScannerPhrase> &out) {
        for (const QJsonValue &v : scanner.value(key).toObject().value(u"any").toArray()) {
            const QJsonObject o = v.toObject();
            out << ScannerPhrase {o.value(u"phrase").toString(), o.value(u"whole_word").toBool()};
            if (out.last().phrase.isEmpty()) {
                *error = QStringLiteral("phrases.json: scanner %1 entry without phrase").arg(key);
                return false;
            }
        }
        return true;
    };
    if (!scannerPhrases(u"original_markers", k.m_originalMarkers)
            || !scannerPhrases(u"recipient_labels", k.m_recipientLabels)
            || !scannerPhrases(u"delivered_to", k.m_deliveredTo))
        return k;
    int i = 0;
    for (const QJsonValue &r : phraseDoc.object().value(u"rules").toArray()) {
        MatchRule rule;
        if (!parseRule(r.toObject(), BounceCategory::Other, rule, error,
                    QStringLiteral("phrase rule %1").arg(i++)))
            return k;
        k.m_phrases << rule;
    }

    const QJsonDocument catDoc = QJsonDocument::fromJson(categories, &pe);
    if (pe.error != QJsonParseError::NoError) {
        *error = QStringLiteral("categories.json: %1 at %2").arg(pe.errorString()).arg(pe.offset);
        return k;
    }
    const QJsonObject cats = catDoc.object().value(u"categories").toObject();
    for (BounceCategory c : allCategories()) {
        const QJsonObject o = cats.value(categoryId(c)).toObject();
        if (o.isEmpty()) {
            *error = QStringLiteral("categories.json: no entry for %1").arg(categoryId(c));
            return k;
        }
        k.m_categoryTitles.insert(int(c), Localized::fromJson(o.value(u"title")));
        k.m_categoryAbout.insert(int(c), Localized::fromJson(o.value(u"about")));
        k.m_categoryAdvice.insert(int(c), Localized::fromJson(o.value(u"advice")));
    }
    for (const QJsonValue &v : catDoc.object().value(u"status_codes").toArray()) {
        const QJsonObject o = v.toObject();
        const auto c = categoryFromId(o.value(u"category").toString());
        if (!c) {
            *error = QStringLiteral("categories.json: bad category in status_codes");
            return k;
        }
        // The first rule of a code decides, as the table is read in order. A code that ends in
        // a dot is also the prefix of the codes under it.
        const QString code = o.value(u"code").toString();
        if (!k.m_statusExact.contains(code))
            k.m_statusExact.insert(code, *c);
        if (code.endsWith(u'.') && !k.m_statusPrefixes.contains(code))
            k.m_statusPrefixes.insert(code, *c);
    }
    const QJsonObject replies = catDoc.object().value(u"reply_codes").toObject();
    for (auto it = replies.begin(); it != replies.end(); ++it) {
        const auto c = categoryFromId(it.value().toString());
        if (!c) {
            *error = QStringLiteral("categories.json: bad category in reply_codes");
            return k;
        }
        k.m_replyCodes.insert(it.key().toInt(), *c);
    }
    const QJsonObject sentences = catDoc.object().value(u"sentences").toObject();
    for (auto it = sentences.begin(); it != sentences.end(); ++it)
        k.m_sentences.insert(it.key(), Localized::fromJson(it.value()));
    k.indexPatterns();
    return k;
}

const Listing *BounceKnowledge::listing(QStringView id) const
{
    for (const Listing &l : m_listings) {
        if (l.id == id)
            return &l;
    }
    return nullptr;
}

template<typename Visit>
bool BounceKnowledge::forCandidates(const Hits &hits, int from, int to, Visit visit) const
{
    // Few of the hundreds of rules are candidates for one text.
    const quint8 *begin = hits.candidates.data();
    const quint8 *end = begin + to;
    for (const quint8 *p = begin + from; p < end; ++p) {
        p = static_cast<const quint8 *>(std::memchr(p, 1, size_t(end - p)));
        if (!p)
            break;
        if (visit(m_ruleAt[size_t(p - begin)]))
            return true;
    }
    return false;
}

std::optional<BounceKnowledge::Match> BounceKnowledge::matchListing(
        const Hits &hits, bool fallbackRules) const
{
    std::optional<Match> match;
    forCandidates(hits, 0, m_listingRules, [&](RulePlace at) {
        const Listing &l = m_listings[at.listing];
        const MatchRule &rule = l.rules[at.rule];
        QString evidence;
        if (rule.fallback != fallbackRules || !rule.matches(hits.found, hits.folded, &evidence))
            return false;
        match = Match {&l, &rule, evidence};
        return true;
    });
    return match;
}

std::optional<BounceKnowledge::Match> BounceKnowledge::matchPhrase(const Hits &hits) const
{
    std::optional<Match> match;
    forCandidates(hits, m_listingRules, m_rules, [&](RulePlace at) {
        const MatchRule &rule = m_phrases[at.rule];
        QString evidence;
        if (!rule.matches(hits.found, hits.folded, &evidence))
            return false;
        match = Match {nullptr, &rule, evidence};
        return true;
    });
    return match;
}

QList<BounceKnowledge::Match> BounceKnowledge::findMentions(const Hits &hits) const
{
    QList<Match> found;
    int mentioned = -1; // the listing last found: its other rules are not asked
    forCandidates(hits, 0, m_listingRules, [&](RulePlace at) {
        const Listing &l = m_listings[at.listing];
        const MatchRule &rule = l.rules[at.rule];
        QString evidence;
        if (at.listing != mentioned && rule.mention
                && rule.matches(hits.found, hits.folded, &evidence)) {
            found << Match {&l, &rule, evidence};
            mentioned = at.listing;
        }
        return false;
    });
    return found;
}

const Listing *BounceKnowledge::providerForHost(QStringView host) const
{
    if (host.isEmpty())
        return nullptr;
    // Host names are nearly always in lower-case ASCII already: then not copied to lower them.
    QString lowered;
    QStringView h = host;
    if (std::any_of(host.begin(), host.end(), [](QChar c) {
            return c.unicode() >= 0x80 || (c.unicode() >= u'A' && c.unicode() <= u'Z');
        })) {
        lowered = host.toString().toLower();
        h = lowered;
    }
    // A suffix names the host itself or one under it: it starts the name or follows a dot. Of
    // those in the table, the first listing's decides, as when each listing's were tried in turn.
    qsizetype best = -1;
    for (qsizetype start = 0;;) {
        const QStringView suffix = h.sliced(start);
        const auto it =
                m_hostListings.constFind(QString::fromRawData(suffix.data(), suffix.size()));
        if (it != m_hostListings.cend() && (best < 0 || *it < best))
            best = *it;
        const qsizetype dot = h.indexOf(u'.', start);
        if (dot < 0)
            break;
        start = dot + 1;
    }
    return best < 0 ? nullptr : &m_listings[best];
}

std::optional<BounceCategory> BounceKnowledge::categoryForStatus(QStringView status) const
{
    if (status.isEmpty())
        return std::nullopt;
    // Exact codes first, then the longest matching prefix.
    // Looked up in place: a QString over the view's units, without copying them.
    const auto find = [](const QHash<QString, BounceCategory> &table,
                              QStringView key) -> std::optional<BounceCategory> {
        const auto it = table.constFind(QString::fromRawData(key.data(), key.size()));
        return it == table.cend() ? std::nullopt : std::optional(*it);
    };
    if (const auto exact = find(m_statusExact, status))
        return exact;
    // A prefix ends at a dot and is shorter than the status: the longest first.
    for (qsizetype size = status.size() - 1; size > 0; --size) {
        if (status[size - 1] == u'.') {
            if (const auto prefix = find(m_statusPrefixes, status.first(size)))
                return prefix;
        }
    }
    return std::nullopt;
}

std::optional<BounceCategory> BounceKnowledge::categoryForReplyCode(int code) const
{
    const auto it = m_replyCodes.constFind(code);
    return it == m_replyCodes.cend() ? std::nullopt : std::optional(*it);
}

QString BounceKnowledge::categoryTitle(BounceCategory category, Language lang) const
{
    return m_categoryTitles.value(int(category)).get(lang);
}

QString BounceKnowledge::categoryAbout(BounceCategory category, Language lang) const
{
    return m_categoryAbout.value(int(category)).get(lang);
}

QString BounceKnowledge::categoryAdvice(BounceCategory category, Language lang) const
{
    return m_categoryAdvice.value(int(category)).get(lang);
}

bool BounceKnowledge::envelopeSaysBounce(const QString &from, const QString &subject) const
{
    return m_bounceFrom.foundIn(from) || m_bounceSubject.foundIn(subject);
}

bool BounceKnowledge::subjectSaysAutoReply(const QString &subject) const
{
    return m_autoReplySubject.foundIn(subject);
}

bool BounceKnowledge::saysGaveUp(QStringView folded) const
{
    return m_gaveUp.foundIn(folded);
}

QString BounceKnowledge::sentence(const QString &key, Language lang) const
{
    return m_sentences.value(key).get(lang);
}

} // namespace bd
