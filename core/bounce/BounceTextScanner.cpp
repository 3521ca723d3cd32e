// SPDX-License-Identifier: GPL-3.0-or-later
#include "bounce/BounceTextScanner.h"

#include "bounce/BounceKnowledge.h"

#include "util/PatternSet.h"
#include "util/Regex.h"
#include "util/UnitSearch.h"
#include "util/WordSet.h"

#include <QtAlgorithms>

#include <array>
#include <string_view>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace bd {
namespace {

using namespace std::string_view_literals;
using RX = Regex;
// Lines of the text being read, as views into it: no copies.
using Lines = QList<QStringView>;

// Some characters, written as a literal, tested in a few instructions: a bit for each ASCII one
// (made when compiled), a search of the literal for any other. A search for every character,
// as std::u16string_view::find() makes, cost more than some regexes it spares.
class CharSet
{
public:
    // NOLINTNEXTLINE(google-explicit-constructor): isOneOf(c, u"..."sv) makes one when compiled
    consteval CharSet(std::u16string_view chars)
        : m_chars(chars)
    {
        for (const char16_t c : chars) {
            if (c < 0x80)
                m_ascii[c >> 6] |= quint64(1) << (c & 63);
        }
    }
    constexpr bool contains(QChar c) const
    {
        const char16_t u = c.unicode();
        return u < 0x80 ? ((m_ascii[u >> 6] >> (u & 63)) & 1) != 0
                        : m_chars.find(u) != std::u16string_view::npos;
    }

private:
    std::array<quint64, 2> m_ascii {};
    std::u16string_view m_chars;
};

// The bits say what a search of the literal says, for every character up to past Latin-1.
static_assert([] {
    constexpr std::u16string_view chars = u"\t\n ?_\x7f[<sS\u00e9\u017f\u212a09系"sv;
    constexpr CharSet set(chars);
    for (char16_t c = 0; c < 0x300; ++c) {
        if (set.contains(QChar(c)) != (chars.find(c) != std::u16string_view::npos))
            return false;
    }
    return set.contains(QChar(u'\u212a')) && set.contains(QChar(u'系'))
            && !set.contains(QChar(u'\u212b'));
}());

// Whether `c` is one of `chars`.
constexpr bool isOneOf(QChar c, CharSet chars)
{
    return chars.contains(c);
}

// Compiled once per pattern (function-local statics); a const Regex may be used from several
// threads at once.
RX compile(const char *pattern, RX::PatternOptions extra = RX::NoPatternOption)
{
    return RX(QString::fromUtf8(pattern), RX::CaseInsensitiveOption | extra);
}

// A phrase as a regex that matches it literally (and, for a whole word, only where it ends one).
QString literalPattern(QStringView phrase, bool wholeWord)
{
    QString part;
    for (const QChar c : phrase) {
        if (isOneOf(c, u"\\^$.|?*+()[]{}"sv))
            part += u'\\';
        part += c;
    }
    if (wholeWord)
        part += QStringLiteral(R"(\b)");
    return part;
}

// The words of phrases.json "scanner" as one regex alternation, matched literally.
QString alternation(const QList<BounceKnowledge::ScannerPhrase> &phrases)
{
    QStringList parts;
    for (const BounceKnowledge::ScannerPhrase &p : phrases)
        parts << literalPattern(p.phrase, p.wholeWord);
    return parts.join(u'|');
}

// The same language grouped by first character, "t(?:his ...|he ...)|b(?:elow ...)": PCRE2 tries
// an alternation's branches one after the other, and a position that fails them all (most)
// fails one branch per group this way. A match may then take another phrase than alternation()
// would where two match at one place; only for a pattern whose use does not depend on which.
QString groupedAlternation(const QList<BounceKnowledge::ScannerPhrase> &phrases)
{
    QList<QChar> firsts;
    QList<QStringList> rests;
    for (const BounceKnowledge::ScannerPhrase &p : phrases) {
        if (p.phrase.isEmpty()) {
            firsts << QChar();
            rests << QStringList {literalPattern({}, p.wholeWord)};
            continue;
        }
        const qsizetype group = firsts.indexOf(p.phrase.front());
        const QString rest = literalPattern(QStringView(p.phrase).sliced(1), p.wholeWord);
        if (group >= 0) {
            rests[group] << rest;
        } else {
            firsts << p.phrase.front();
            rests << QStringList {rest};
        }
    }
    QStringList parts;
    for (qsizetype i = 0; i < firsts.size(); ++i) {
        const QString first =
                firsts[i].isNull() ? QString() : literalPattern(QStringView(&firsts[i], 1), false);
        parts << first + u"(?:" + rests[i].join(u'|') + u')';
    }
    return parts.join(u'|');
}

// An address in the places bounces put recipients. '#' stands for '@' in forum pastes.
constexpr const char *addrPart =
        R"RX([A-Za-z0-9._%+!$&*=?^`{|}~'/-]+[@#][A-Za-z0-9][A-Za-z0-9.-]*\.[A-Za-z]{2,})RX";

struct Anchor
{
    qsizetype line;
    QString recipient;
    QString rest; // text after "<addr>:" on the same line
};

// a.compare(b, Qt::CaseInsensitive) == 0, which folds each character through the Unicode
// tables: asked of every recipient found against the ones before, mostly plain ASCII addresses,
// whose case folds by one bit. Strings of different lengths are never equal so (the folding
// maps a code unit to a code unit); anything past ASCII is left to Qt.
bool sameCaseless(QStringView a, QStringView b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        const char16_t x = a[i].unicode();
        const char16_t y = b[i].unicode();
        if (x == y)
            continue;
        if (x >= 0x80 || y >= 0x80)
            return a.compare(b, Qt::CaseInsensitive) == 0;
        const auto lower = [](char16_t c) { return c >= 'A' && c <= 'Z' ? char16_t(c + 32) : c; };
        if (lower(x) != lower(y))
            return false;
    }
    return true;
}

QString normalizeAddress(QString a)
{
    a = a.trimmed();
    if (a.startsWith(u'<'))
        a.remove(0, 1);
    if (a.endsWith(u'>'))
        a.chop(1);
    if (!a.contains(u'@')) {
        // A forum mangled "user@example.org" into "user#example.org".
        const qsizetype hash = a.lastIndexOf(u'#');
        if (hash > 0)
            a[hash] = u'@';
    }
    return a;
}

// Where the first `c` stands in `text` from `from` on, or -1. QStringView::indexOf(QChar) takes
// the general substring search's path before the SIMD character search it ends in, and that
// search (QtPrivate::qustrchr(), a call into the library that picks its SIMD width on each
// call) still costs about a hundred instructions on the short lines searched here, more than
// the search itself; eight code units a step in line cost a few a step.
Q_ALWAYS_INLINE qsizetype find(QStringView text, char16_t c, qsizetype from = 0)
{
    const char16_t *const p = text.utf16();
    const qsizetype n = text.size();
    qsizetype i = qMax<qsizetype>(from, 0);
#ifdef __SSE2__
    const __m128i needle = _mm_set1_epi16(short(c));
    const auto hitsAt = [&](qsizetype at) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p + at));
        return _mm_cmpeq_epi16(v, needle);
    };
    // Over a long text, one test for 32 code units; the block that holds `c` is then searched
    // eight at a time.
    for (; i + 32 <= n; i += 32) {
        const __m128i any = _mm_or_si128(_mm_or_si128(hitsAt(i), hitsAt(i + 8)),
                _mm_or_si128(hitsAt(i + 16), hitsAt(i + 24)));
        if (_mm_movemask_epi8(any))
            break;
    }
    for (; i + 8 <= n; i += 8) {
        if (const int hits = _mm_movemask_epi8(hitsAt(i)))
            return i + qCountTrailingZeroBits(uint(hits)) / 2;
    }
    // The rest, fewer than eight, as the text's last eight with those before `i` left out:
    // no read past the text, and no loop for a short line's last characters.
    if (i < n && n >= 8) {
        const qsizetype last = n - 8;
        const uint hits = uint(_mm_movemask_epi8(hitsAt(last))) >> (2 * (i - last));
        return hits ? i + qCountTrailingZeroBits(hits) / 2 : -1;
    }
#endif
    for (; i < n; ++i) {
        if (p[i] == c)
            return i;
    }
    return -1;
}

bool has(QStringView text, char16_t c)
{
    return find(text, c) >= 0;
}

// Where `word` stands in `text` from `from` on, case-sensitively, or -1. Qt's substring search
// sets up a rolling hash on each call, which costs more than the short lines and diagnostics
// searched here; a SIMD search for one of the word's characters (`key`, a rare one) and a
// comparison where it stands cost less.
qsizetype indexOfWord(QStringView text, QStringView word, qsizetype from = 0, qsizetype key = 0)
{
    const char16_t k = word[key].unicode();
    for (qsizetype at = find(text, k, from + key); at >= 0; at = find(text, k, at + 1)) {
        if (at - key + word.size() > text.size())
            return -1;
        if (text.sliced(at - key, word.size()) == word)
            return at - key;
    }
    return -1;
}

bool holds(QStringView text, QStringView word, qsizetype key = 0)
{
    return indexOfWord(text, word, 0, key) >= 0;
}

// A character as a caseless regex or Qt's caseless search compares it with a lower-case ASCII
// letter: an ASCII letter matches its other case only, and 's' and 'k' also the long s and the
// Kelvin sign.
char16_t foldOntoAscii(QChar c)
{
    const char16_t u = c.unicode();
    if (u >= 'A' && u <= 'Z')
        return char16_t(u + 32);
    return u == 0x017F ? u's' : u == 0x212A ? u'k' : u;
}

// Whether `text` starts with the lower-case ASCII `word` in any case.
bool startsCaseless(QStringView text, QStringView word)
{
    return text.size() >= word.size()
            && std::equal(word.begin(), word.end(), text.begin(),
                    [](QChar w, QChar t) { return foldOntoAscii(t) == w.unicode(); });
}

// Where the line's first character that is not \s stands (its size when there is none).
qsizetype indentOf(QStringView line)
{
    qsizetype i = 0;
    while (i < line.size() && isRegexSpace(line[i]))
        ++i;
    return i;
}

// What the caseless regexes' [A-Za-z] takes: the ASCII letters, and the long s and the Kelvin
// sign, which PCRE2 folds onto 's' and 'k'.
bool isRegexLetter(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || u == 0x017F || u == 0x212A;
}

// The first character of addrPart's local part.
bool isLocalPartChar(QChar c)
{
    const char16_t u = c.unicode();
    return isRegexLetter(c) || (u >= '0' && u <= '9')
            || (u < 0x80 && u && QByteArrayView("._%+!$&*=?^`{|}~'/-").contains(char(u)));
}

// Whether "RCPT TO:" stands in the line, in any case: found from its colons, as a caseless
// substring search costs more than the regex it is to spare. ASCII case is all there is to
// fold here (PCRE2 folds no other character onto these letters).
bool hasRcptTo(QStringView line)
{
    constexpr QLatin1String word("rcpt to");
    for (qsizetype colon = find(line, u':', word.size()); colon >= 0;
            colon = find(line, u':', colon + 1)) {
        const QStringView before = line.sliced(colon - word.size(), word.size());
        bool same = true;
        for (qsizetype i = 0; same && i < word.size(); ++i) {
            const char16_t u = before[i].unicode();
            same = (u >= 'A' && u <= 'Z' ? char16_t(u + 32) : u) == char16_t(word[i].unicode());
        }
        if (same)
            return true;
    }
    return false;
}

// The first and last characters of a line that are not \s (null when there are none).
struct Ends
{
    explicit Ends(QStringView line)
    {
        qsizetype b = 0, e = line.size();
        while (b < e && isRegexSpace(line[b]))
            ++b;
        while (e > b && isRegexSpace(line[e - 1]))
            --e;
        if (b < e) {
            first = line[b];
            last = line[e - 1];
        }
    }
    QChar first;
    QChar last;
};

// QStringView::split(u'\n'), which looks for each line's end through the general substring
// search; a text has dozens of lines.
Lines splitLines(QStringView text)
{
    // Room for lines of 40 characters on average, which bounces seldom go below: growing the
    // list line by line reallocates it several times a text, and counting the lines first
    // took a second pass over it.
    // The views are written into the list's storage, not appended: an append checks the
    // list's sharing and room each time, which cost more than finding the line.
    Lines lines;
    qsizetype capacity = text.size() / 40 + 8;
    lines.resize(capacity);
    QStringView *out = lines.data();
    qsizetype count = 0;
    qsizetype from = 0;
    const auto add = [&](qsizetype end) {
        if (count == capacity) {
            capacity *= 2;
            lines.resize(capacity);
            out = lines.data();
        }
        out[count++] = text.sliced(from, end - from);
        from = end + 1;
    };
    forEachUnit(text, u'\n', [&](qsizetype at) {
        add(at);
        return false;
    });
    add(text.size());
    lines.resize(count);
    return lines;
}

// The lines [begin, end) as one view: they are consecutive in the text.
QStringView span(const Lines &lines, qsizetype begin, qsizetype end)
{
    if (begin >= end)
        return {};
    const QChar *first = lines[begin].data();
    const QChar *last = lines[end - 1].data() + lines[end - 1].size();
    return QStringView(first, last - first);
}

// The indexes of the lines holding an '@' or a '#', which every address shape needs, in order.
// Searched for through the whole text, not line by line: most lines hold neither, and two
// searches of each short line cost more than one search of the text for each sign.
QList<qsizetype> linesWithAddressSign(const Lines &lines)
{
    QList<qsizetype> found;
    const QStringView text = span(lines, 0, lines.size());
    const auto lineEnd = [&](qsizetype i) {
        return lines[i].data() - text.data() + lines[i].size();
    };
    qsizetype at = -2, hash = -2; // the next of each sign from `from` on; -2: not searched yet
    qsizetype line = 0;
    for (qsizetype from = 0; from < text.size();) {
        if (at == -2 || (at >= 0 && at < from))
            at = find(text, u'@', from);
        if (hash == -2 || (hash >= 0 && hash < from))
            hash = find(text, u'#', from);
        if (at < 0 && hash < 0)
            break;
        const qsizetype sign = at < 0 ? hash : hash < 0 ? at : qMin(at, hash);
        while (lineEnd(line) <= sign)
            ++line;
        found << line;
        from = lineEnd(line);
    }
    return found;
}

// Which of the phrases of the two phrase-led recipient shapes (phrases.json "recipient_labels"
// and "delivered_to") a line holds, found in one pass: most lines with an address hold none,
// and then the regexes built from them cannot match. A superset of what the caseless regexes
// take: the text is read lower-cased (which takes the Kelvin sign to 'k'), and the long s,
// the one character PCRE2 folds onto an ASCII letter that lower-casing leaves, lets every
// phrase through.
class AnchorPhrases
{
public:
    // Read only when a shape asks: most lines with an address are taken by an earlier shape.
    void setLine(QStringView line)
    {
        m_line = line;
        m_read = false;
    }
    bool recipientLabel() { return read().recipientLabel; }
    bool deliveredTo() { return read().deliveredTo; }

private:
    struct Found
    {
        bool recipientLabel = false;
        bool deliveredTo = false;
    };
    struct Set
    {
        PatternSet phrases;
        // By phrase id: 1 for a recipient label, 2 for a delivered-to phrase, 3 for both.
        std::vector<quint8> kind;
    };
    static const Set &set()
    {
        static const Set set = [] {
            Set s;
            s.phrases.setCaseInsensitive(true);
            const BounceKnowledge &k = BounceKnowledge::builtIn();
            std::vector<int> labels, delivered;
            for (const BounceKnowledge::ScannerPhrase &p : k.recipientLabels())
                labels.push_back(s.phrases.add(p.phrase.toLower()));
            for (const BounceKnowledge::ScannerPhrase &p : k.deliveredTo())
                delivered.push_back(s.phrases.add(p.phrase.toLower()));
            s.phrases.build();
            s.kind.assign(size_t(s.phrases.size()), 0);
            for (const int id : labels)
                s.kind[size_t(id)] |= 1;
            for (const int id : delivered)
                s.kind[size_t(id)] |= 2;
            return s;
        }();
        return set;
    }
    const Found &read()
    {
        if (m_read)
            return m_found;
        m_read = true;
        const bool longS = has(m_line, u'\u017F');
        m_found = {longS, longS};
        if (longS)
            return m_found;
        const Set &s = set();
        s.phrases.findAll(m_line, m_ids);
        // One byte a phrase, most of them 0: a bit vector's look-ups cost more than the scan.
        quint8 kinds = 0;
        for (size_t id = 0; id < m_ids.size(); ++id)
            kinds |= quint8(-m_ids[id]) & s.kind[id];
        m_found.recipientLabel = kinds & 1;
        m_found.deliveredTo = kinds & 2;
        return m_found;
    }

    QStringView m_line;
    bool m_read = false;
    Found m_found;
    std::vector<quint8> m_ids;
};

// `postfixStyle` below, ^\s*<([^<>\s]+[@#][^<>\s]+)>(?:\s*\(expanded from[^)]*\))?\s*:\s*(.*)$
// (caseless), read as code on one line: Postfix's "<r>: host x said: ..." opens most of the
// bounces it matches, and the regex cost several times what reading it takes. Nothing in it
// backtracks to another match: the address is the whole run of [^<>\s] after the '<', which
// must end at a '>' and hold an '@' or '#' with a character on each side; the rest is all
// after the colon and its white space. A line with a surrogate is left to the regex (which
// finds nothing in one that is not valid UTF-16).
bool readPostfixLine(
        QStringView line, const Regex &postfixStyle, QStringView &address, QStringView &rest)
{
    if (!ValidatedText::holds(line) && !surrogateFree(line)) {
        const RegexMatch m = postfixStyle.match(line);
        address = m.capturedView(1);
        rest = m.capturedView(2);
        return m.hasMatch();
    }
    const qsizetype n = line.size();
    qsizetype i = indentOf(line);
    if (i == n || line[i] != u'<')
        return false;
    const qsizetype open = ++i;
    qsizetype sign = -1; // the first '@' or '#' after the run's first character
    for (; i < n; ++i) {
        const QChar c = line[i];
        if (c == u'<' || c == u'>' || isRegexSpace(c))
            break;
        if (sign < 0 && i > open && (c == u'@' || c == u'#'))
            sign = i;
    }
    if (i == n || line[i] != u'>' || sign < 0 || sign + 1 >= i)
        return false;
    address = line.sliced(open, i - open);
    ++i;
    qsizetype expanded = i;
    while (expanded < n && isRegexSpace(line[expanded]))
        ++expanded;
    if (startsCaseless(line.sliced(expanded), u"(expanded from")) {
        if (const qsizetype close = find(line, u')', expanded + 14); close >= 0)
            i = close + 1;
    }
    while (i < n && isRegexSpace(line[i]))
        ++i;
    if (i == n || line[i] != u':')
        return false;
    ++i;
    while (i < n && isRegexSpace(line[i]))
        ++i;
    rest = line.sliced(i);
    return true;
}

QList<Anchor> findAnchors(const Lines &lines)
{
    // Compiled once and shared by every thread, like the other patterns here: a const Regex
    // may be matched from several threads at once.
    static const QString addr = QString::fromLatin1(addrPart);
    const auto make = [](const QString &pattern) { return RX(pattern, RX::CaseInsensitiveOption); };
    // Each shape captures the address as group 1 and, where there is one, the text that goes
    // with it on the same line as group 2.
    static const RX postfixStyle = make(QStringLiteral(
            R"(^\s*<([^<>\s]+[@#][^<>\s]+)>(?:\s*\(expanded from[^)]*\))?\s*:\s*(.*)$)"));
    static const RX sendmailSummary = make(QStringLiteral(
            R"(^\s*(?:(?:<<<|<--|<-)\s*)?(?:[45]\d\d[ -](?:\d\.\d{1,3}\.\d{1,3}\s+)?)?<(%1)>\.\.\.\s*(.*)$)")
                                                   .arg(addr));
    static const RX addrColonRest =
            make(QStringLiteral(R"(^\s{0,12}"?<?(%1)>?"?\s*:\s*(.*)$)").arg(addr));
    static const RX alone = make(
            QStringLiteral(R"(^\s{0,12}["<]?(%1)[">]?\s*(?:\(%1\)|<mailto:[^>]*>)?\s*[:,.]?\s*$)")
                    .arg(addr));
    static const RX addrThenText =
            make(QStringLiteral(R"(^\s{0,12}<?(%1)>?[\s,;]+(\S.*)$)").arg(addr));
    static const RX nameThenAddr =
            make(QStringLiteral(R"(^\s{0,12}[^<>@\s:][^<>@:]{0,60}\s[(<](%1)[)>]\s*$)").arg(addr));
    static const RX reasonLabel = make(
            QStringLiteral(R"(^\s*([A-Za-z][A-Za-z ,'-]{2,40}?)\s*:\s*<?(%1)>?\s*$)").arg(addr));
    static const RX labelled =
            make(QStringLiteral(R"((?:^|\s)(?:%1)\s*[:：]\s*<?(%2)>?)")
                            .arg(alternation(BounceKnowledge::builtIn().recipientLabels()), addr));
    static const RX deliveredTo =
            make(QStringLiteral(R"((?:%1)\s*[:：]?\s*<?(%2)>?)")
                            .arg(alternation(BounceKnowledge::builtIn().deliveredTo()), addr));
    static const RX rcptTo = make(QStringLiteral(R"(RCPT TO:\s*<(%1)>)").arg(addr));
    // Postfix's own refusal names the recipient it refuses: "450 4.2.0 <r>: Recipient address
    // rejected: ...", wherever a log or a program quotes it.
    static const RX recipientRejected =
            make(QStringLiteral(R"(\brecipient\s+<(%1)>\s+rejected\b)").arg(addr));
    static const RX rejectedRecipient = make(QStringLiteral(
            R"([45]\d\d[ -](?:[45]\.\d{1,3}\.\d{1,3}\s+)?<(%1)>:\s*recipient address rejected)")
                                                     .arg(addr));
    static const QStringList headerLabels {QStringLiteral("to"), QStringLiteral("from"),
            QStringLiteral("cc"), QStringLiteral("bcc"), QStringLiteral("sender"),
            QStringLiteral("reply-to"), QStringLiteral("return-path"),
            QStringLiteral("delivered-to"), QStringLiteral("envelope-to"),
            QStringLiteral("errors-to"), QStringLiteral("mail from"), QStringLiteral("message-id"),
            QStringLiteral("in-reply-to"), QStringLiteral("references"),
            QStringLiteral("resent-from"), QStringLiteral("resent-to")};

    QList<Anchor> anchors;
    auto add = [&anchors](qsizetype line, const QString &recipient, const QString &rest) {
        // The same address again a few lines on is the detail of the block it opened (Exim's
        // "RCPT TO:<addr>:", a reply quoting the address), not a new recipient.
        if (!anchors.isEmpty() && sameCaseless(anchors.last().recipient, recipient)
                && line - anchors.last().line <= 8)
            return;
        anchors << Anchor {line, recipient, rest};
    };
    AnchorPhrases phrases;
    for (const qsizetype i : linesWithAddressSign(lines)) {
        const QStringView line = lines[i];
        if (line.size() > 2000)
            continue;
        phrases.setLine(line);
        RegexMatch m;
        // An address on its own line right after "forward this message to", "contact" is
        // where to write, not a recipient ("...please forward this message to\ndelist@...").
        static const RX whereToWrite =
                compile(R"((?:\bto|\bcontact|\bemail|\bat|请联系|联系|发送至)\s*[:：]?\s*$)");
        // Its words end in o, t, l, 系 or 至, before an optional colon and white space.
        const auto mayAskToWrite = [](QStringView previous) {
            while (!previous.isEmpty() && isRegexSpace(previous.back()))
                previous.chop(1);
            if (previous.endsWith(u':') || previous.endsWith(u'：'))
                previous.chop(1);
            while (!previous.isEmpty() && isRegexSpace(previous.back()))
                previous.chop(1);
            return !previous.isEmpty() && isOneOf(previous.back(), u"oOtTlL系至"sv);
        };
        // What each shape needs at the line's ends, checked before its regex runs: most lines
        // with an address in them are none of these shapes.
        const Ends ends(line);
        const bool colon = has(line, u':');
        const bool opensAddress = ends.first == u'<' || isLocalPartChar(ends.first);
        // The shapes led by the address need its '@' (or '#') in the line's first run of
        // characters that are not \s, after at most 12 of them for all but postfixStyle; most
        // lines with an address in them are prose that does not start with it.
        // (One walk up to the sign or the word's end: the word is short, and a search for each
        // sign cost more.)
        const qsizetype indent = indentOf(line);
        bool leadsWithAddress = false;
        for (qsizetype k = indent; k < line.size() && !isRegexSpace(line[k]); ++k) {
            if (line[k] == u'@' || line[k] == u'#') {
                leadsWithAddress = true;
                break;
            }
        }
        const bool leadsSoonWithAddress = leadsWithAddress && indent <= 12;
        QStringView address;
        QStringView rest;
        if (ends.first == u'<' && colon && leadsWithAddress
                && readPostfixLine(line, postfixStyle, address, rest)) {
            add(i, normalizeAddress(address.toString()), rest.toString());
        } else if ((holds(line, u">...") && (m = sendmailSummary.match(line)).hasMatch())
                || (colon && (opensAddress || ends.first == u'"') && leadsSoonWithAddress
                        && (m = addrColonRest.match(line)).hasMatch())) {
            add(i, normalizeAddress(m.captured(1)), m.captured(2));
        } else if ((opensAddress || ends.first == u'"') && leadsSoonWithAddress
                && (isRegexLetter(ends.last) || isOneOf(ends.last, u"\">):,."sv))
                && (m = alone.match(line)).hasMatch()) {
            if (i == 0 || !mayAskToWrite(lines[i - 1])
                    || !whereToWrite.match(lines[i - 1]).hasMatch())
                add(i, normalizeAddress(m.captured(1)), {});
        } else if (((ends.last == u')' || ends.last == u'>')
                           && (m = nameThenAddr.match(line)).hasMatch())
                || ((colon || has(line, u'：')) && phrases.recipientLabel()
                        && (m = labelled.match(line)).hasMatch())
                || (colon && hasRcptTo(line) && (m = rcptTo.match(line)).hasMatch())
                || (holds(line, u"ecipient", 3)
                        && ((m = rejectedRecipient.match(line)).hasMatch()
                                || (m = recipientRejected.match(line)).hasMatch()))) {
            add(i, normalizeAddress(m.captured(1)), {});
        } else if (colon && isRegexLetter(ends.first)
                && (isRegexLetter(ends.last) || ends.last == u'>')
                && (m = reasonLabel.match(line)).hasMatch()) {
            if (!headerLabels.contains(m.captured(1).trimmed().toLower()))
                add(i, normalizeAddress(m.captured(2)), m.captured(1));
        } else if (phrases.deliveredTo() && (m = deliveredTo.match(line)).hasMatch()) {
            add(i, normalizeAddress(m.captured(1)), line.trimmed().toString());
        } else if (opensAddress && leadsSoonWithAddress
                && (m = addrThenText.match(line)).hasMatch()) {
            add(i, normalizeAddress(m.captured(1)), m.captured(2));
        }
    }
    return anchors;
}

// Regexes are costly; each runs only where the words it needs are present. All those words are
// found in one pass over the lower-cased block.
enum Cue {
    CueHost,
    CueBracket,
    CueDidNotLike,
    CueServer,
    CueWhileTalking,
    CueConnect,
    CueConnectedTo,
    CueSorry,
    CueReply,
    CueAfter,
    CueDoesNotLikeRecipient,
    CueSenderWasRejected,
    CueFailedAfterSent,
    CueRefusedToTalk,
    CueGreetingFailure,
    CueSaid,
    CueReturned,
    CueRemoteHostSaid,
    CueTheResponse,
    CueServerResponded,
    CueErrorMessage,
    CueReason,
    CueYuanyin,
    CueCuowuXinxi,
    CueLiyou,
    CueTranscriptIn,
    CueTranscriptOut,
    CueReasonParen,
    CueReplyArrow,
    CueReplyStars,
    CueSColon,
    CueServerColon,
    CueServerArrow,
    CueReplyColon,
    CueRecv,
    CueSmtpIn,
    CuePostfixIn,
    CueRcptTo,
    CueMailFrom,
    CueEhlo,
    CueHelo,
    CueYingda,
    CueXiangying,
    CueFanhui,
    CueCount
};
constexpr const char16_t *cueWords[CueCount] = {u"host", u"[", u"did not like", u"server",
        u"while talking", u"connect", u"connected to", u"sorry,", u"reply", u" after ",
        u"does not like recipient", u"sender was rejected", u"failed after i sent the message",
        u"refused to talk", u"greeting failure", u"said:", u"returned", u"remote host said",
        u"the response", u"the server responded", u"error message", u"reason", u"原因", u"错误信息",
        u"理由", u"<<<", u">>>", u"(reason:", u"<- ", u"<** ", u"\ns: ", u"server:", u"server ->",
        u"reply:", u"recv:", u"smtp<<", u"]: < ", u"\nrcpt to", u"\nmail from", u"\nehlo",
        u"\nhelo", u"应答", u"响应", u"返回"};

class Cues
{
public:
    // Read as if lower-cased, with a line break before it: some words are only cues at the
    // start of a line.
    explicit Cues(QStringView block) { words().findAll({u"\n", block}, m_found); }
    bool operator[](Cue c) const { return m_found[size_t(c)] != 0; }

private:
    static const PatternSet &words()
    {
        static const PatternSet set = [] {
            PatternSet p;
            p.setCaseInsensitive(true);
            for (const char16_t *w : cueWords)
                p.add(QStringView(w));
            p.build();
            return p;
        }();
        return set;
    }
    std::vector<quint8> m_found;
};

// A line can hold an SMTP reply only if it has a 4xx/5xx code or an X.Y.Z status somewhere.
// Looked for from each '4' and '5' on, both found in one pass eight code units a step: a search
// for each cost two passes and two calls a line, more than the short lines take.
bool mayHoldReply(QStringView line)
{
    const char16_t *const p = line.utf16();
    const qsizetype n = line.size();
    // From a '4' or '5' at `i`, with two characters after it.
    const auto replyAt = [&](qsizetype i) {
        return (QChar(p[i + 1]).isDigit() || p[i + 1] == u'.') && QChar(p[i + 2]).isDigit();
    };
    qsizetype i = 0;
#ifdef __SSE2__
    // '4' | 1 and '5' | 1 are both '5', and nothing else is.
    const __m128i five = _mm_set1_epi16(short(u'5'));
    const __m128i one = _mm_set1_epi16(1);
    for (; i + 10 <= n; i += 8) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p + i));
        uint hits = uint(_mm_movemask_epi8(_mm_cmpeq_epi16(_mm_or_si128(v, one), five))) & 0x5555u;
        for (; hits; hits &= hits - 1) {
            if (replyAt(i + qCountTrailingZeroBits(hits) / 2))
                return true;
        }
    }
#endif
    for (; i + 2 < n; ++i) {
        if ((p[i] | 1) == u'5' && replyAt(i))
            return true;
    }
    return false;
}

// The regexes' \d and \w: ASCII only (no UCP).
bool isAsciiDigit(QChar c)
{
    return c.unicode() >= '0' && c.unicode() <= '9';
}

bool isWordChar(QChar c)
{
    const char16_t u = c.unicode();
    return isAsciiDigit(c) || (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || u == '_';
}

// (?:^|\s)(?:[245]\d\d[ -]|[245]\.\d{1,3}\.\d{1,3}\b), as code: it is asked of every finding
// and every diagnostic a reading picks between, and a regex costs more.
bool hasSmtpCode(QStringView diagnostic)
{
    const qsizetype n = diagnostic.size();
    // The end of the run of 1 to 3 digits from `at` on, or -1.
    const auto digits = [&](qsizetype at) {
        qsizetype end = at;
        while (end < n && isAsciiDigit(diagnostic[end]))
            ++end;
        return end > at && end - at <= 3 ? end : -1;
    };
    for (qsizetype i = 0; i + 1 < n; ++i) {
        const char16_t c = diagnostic[i].unicode();
        if ((c != '2' && c != '4' && c != '5') || (i > 0 && !isRegexSpace(diagnostic[i - 1])))
            continue;
        if (i + 3 < n && isAsciiDigit(diagnostic[i + 1]) && isAsciiDigit(diagnostic[i + 2])
                && (diagnostic[i + 3] == u' ' || diagnostic[i + 3] == u'-'))
            return true;
        if (diagnostic[i + 1] != u'.')
            continue;
        // A shorter run of digits than there are leaves a digit where '.' or \b must follow.
        const qsizetype subject = digits(i + 2);
        if (subject < 0 || subject >= n || diagnostic[subject] != u'.')
            continue;
        const qsizetype detail = digits(subject + 1);
        if (detail >= 0 && (detail == n || !isWordChar(diagnostic[detail])))
            return true;
    }
    return false;
}

// Whether "[45]\d\d-[45]." stands in the text, as a continuation prefix left inside a flattened
// reply ("550-5.7.1") does: its '-' is searched for, most diagnostics have few.
bool mayHoldDashedCode(QStringView text)
{
    for (qsizetype at = find(text, u'-', 3); at >= 0 && at + 2 < text.size();
            at = find(text, u'-', at + 1)) {
        if ((text[at - 3] == u'4' || text[at - 3] == u'5') && isAsciiDigit(text[at - 2])
                && isAsciiDigit(text[at - 1]) && (text[at + 1] == u'4' || text[at + 1] == u'5')
                && text[at + 2] == u'.')
            return true;
    }
    return false;
}

// What may stand before a reply in the patterns below: [\s(:'"={;].
bool isReplyDelimiter(QChar c)
{
    const char16_t u = c.unicode();
    return isRegexSpace(c) || u == '(' || u == ':' || u == '\'' || u == '"' || u == '=' || u == '{'
            || u == ';';
}

// (?:^|[\s(:;'"={])[45]\d\d[ (-], multiline, as code: a reply code opening a line or a phrase.
bool hasReplyStart(QStringView text)
{
    for (qsizetype i = 0; i + 3 < text.size(); ++i) {
        if ((text[i] == u'4' || text[i] == u'5') && (i == 0 || isReplyDelimiter(text[i - 1]))
                && isAsciiDigit(text[i + 1]) && isAsciiDigit(text[i + 2])
                && (text[i + 3] == u' ' || text[i + 3] == u'(' || text[i + 3] == u'-'))
            return true;
    }
    return false;
}

// Where a match of extract()'s `reply` pattern may start at the earliest in a line: its reply
// opens with '#', '4' or '5' at the line's start or after a delimiter, which the match starts
// with. -1 when there is no such opening.
qsizetype replyOpening(QStringView line)
{
    for (qsizetype i = 0; i < line.size(); ++i) {
        const char16_t u = line[i].unicode();
        if ((u == '#' || u == '4' || u == '5') && (i == 0 || isReplyDelimiter(line[i - 1])))
            return qMax<qsizetype>(0, i - 1);
    }
    return -1;
}

// A match of (?:said|refused to talk to me):\s*(.+?)(?:\(in reply to [^)]*\)|\n\s*\n|$), caseless,
// '.' taking line breaks: Postfix's "host X[IP] said: ... (in reply to ... command)", found
// as code. The regex's lazy group tries its three ends after every character, which cost more
// than the rest of a block's reading. The text must hold no surrogate: the regex steps over a
// pair as one character, and finds nothing in invalid UTF-16.
struct SaidReply
{
    qsizetype start = -1; // -1: no match
    qsizetype replyStart = 0;
    qsizetype replyEnd = 0;
    qsizetype end = 0;
};

SaidReply findSaid(QStringView text)
{
    const qsizetype n = text.size();
    // The earliest start: a colon after one of the words, with something after it.
    SaidReply out;
    qsizetype colonOfBest = -1;
    for (qsizetype colon = find(text, u':'); colon >= 0 && colon + 1 < n;
            colon = find(text, u':', colon + 1)) {
        if (out.start >= 0 && colon - 21 > out.start)
            break;
        for (const QStringView word :
                {QStringView(u"said"), QStringView(u"refused to talk to me")}) {
            const qsizetype start = colon - word.size();
            if (start >= 0 && (out.start < 0 || start < out.start)
                    && startsCaseless(text.sliced(start), word)) {
                out.start = start;
                colonOfBest = colon;
            }
        }
    }
    if (out.start < 0)
        return out;
    // \s* takes the white space after the colon, giving back one character when nothing else
    // is left for (.+?).
    qsizetype reply = colonOfBest + 1;
    while (reply < n && isRegexSpace(text[reply]))
        ++reply;
    out.replyStart = qMin(reply, n - 1);
    // The end of the ending that matches at `at`, tried in the regex's order, or -1.
    const auto endAt = [&](qsizetype at) -> qsizetype {
        if (at < n && text[at] == u'(' && startsCaseless(text.sliced(at + 1), u"in reply to ")) {
            if (const qsizetype close = find(text, u')', at + 13); close >= 0)
                return close + 1;
        }
        if (at < n && text[at] == u'\n') {
            qsizetype lastBreak = -1;
            for (qsizetype i = at + 1; i < n && isRegexSpace(text[i]); ++i) {
                if (text[i] == u'\n')
                    lastBreak = i;
            }
            if (lastBreak >= 0)
                return lastBreak + 1;
        }
        if (at == n || (at == n - 1 && text[at] == u'\n'))
            return at;
        return -1;
    };
    for (qsizetype at = out.replyStart + 1;; ++at) {
        if (const qsizetype end = endAt(at); end >= 0) {
            out.replyEnd = at;
            out.end = end;
            return out;
        }
    }
}

struct Extracted
{
    QString diagnostic;
    QString remoteHost;
    QString remoteIp;
    QString command;
    QStringList evidence;
};

// Lines from `start` on until a blank line (or `maxLines`).
bool hasCjk(QStringView text)
{
    return std::any_of(text.begin(), text.end(), [](QChar c) {
        return (c.unicode() >= 0x4E00 && c.unicode() <= 0x9FFF)
                || (c.unicode() >= 0x3040 && c.unicode() <= 0x30FF);
    });
}

// Lines from `start` on until a blank line (or `maxLines`). A reply in Latin script ends where
// Chinese or Japanese prose begins: the poster's question, typed right under the paste.
QString paragraphFrom(const Lines &lines, qsizetype start, qsizetype end, int maxLines = 12,
        bool latinReply = false)
{
    QString out;
    for (qsizetype i = start, n = 0; i < end && n < maxLines; ++i, ++n) {
        if (lines[i].trimmed().isEmpty() || (latinReply && hasCjk(lines[i])))
            break;
        if (!out.isEmpty())
            out += u'\n';
        out += lines[i];
    }
    return out;
}

void takeRemote(QStringView block, const Cues &cue, Extracted &e)
{
    if (!e.remoteHost.isEmpty())
        return;
    static const RX hostIp =
            compile(R"(\bhost\s+([A-Za-z0-9][A-Za-z0-9._-]*)\s*\[([0-9A-Fa-f.:*x]+)\])");
    RegexMatch m;
    if (cue[CueHost] && cue[CueBracket] && (m = hostIp.match(block)).hasMatch()) {
        e.remoteHost = m.captured(1);
        e.remoteIp = m.captured(2);
        return;
    }
    static const RX dma =
            compile(R"(^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*\[([0-9A-Fa-f.:]+)\]\s+did not like)",
                    RX::MultilineOption);
    if (cue[CueDidNotLike] && (m = dma.match(block)).hasMatch()) {
        e.remoteHost = m.captured(1);
        e.remoteIp = m.captured(2);
        return;
    }
    static const RX hostLine = compile(
            R"(^\s*(?:host|remote host|remote server|generating server)\s*:\s*([A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9])\s*$)",
            RX::MultilineOption);
    if ((cue[CueHost] || cue[CueServer]) && (m = hostLine.match(block)).hasMatch()) {
        e.remoteHost = m.captured(1);
        return;
    }
    static const RX talking = compile(R"(while talking to ([A-Za-z0-9][A-Za-z0-9._-]*?)\.?:)");
    if (cue[CueWhileTalking] && (m = talking.match(block)).hasMatch()) {
        e.remoteHost = m.captured(1);
        return;
    }
    static const RX connected =
            compile(R"(connect(?:ed)? to ([A-Za-z0-9][A-Za-z0-9._-]*)\[([0-9A-Fa-f.:]+)\])");
    if (cue[CueConnect] && (m = connected.match(block)).hasMatch()) {
        e.remoteHost = m.captured(1);
        e.remoteIp = m.captured(2);
        return;
    }
    static const RX qmailIp = compile(
            R"(^\s*(?:Connected to|Sorry,)\s+(\d{1,3}(?:\.\d{1,3}){3})\b)", RX::MultilineOption);
    if ((cue[CueConnectedTo] || cue[CueSorry]) && (m = qmailIp.match(block)).hasMatch())
        e.remoteIp = m.captured(1);
}

void takeCommand(QStringView block, const Cues &cue, Extracted &e)
{
    if (!e.command.isEmpty())
        return;
    static const RX inReply =
            compile(R"(in\s+reply\s+to\s+([A-Za-z][A-Za-z \t\n]{1,30}?)\s+command)");
    RegexMatch m;
    if (cue[CueReply] && (m = inReply.match(block)).hasMatch()) {
        e.command = BounceTextScanner::commandName(m.capturedView(1));
        return;
    }
    static const RX eximAfter = compile(
            R"((?:error from remote (?:mail server|mailer|server) after|did not like our) (?:pipelined )?(?:final )?(RCPT TO|RCPT|MAIL FROM|MAIL|end of data|DATA|initial connection|EHLO|HELO|STARTTLS|AUTH))");
    if ((cue[CueAfter] || cue[CueDidNotLike]) && (m = eximAfter.match(block)).hasMatch()) {
        e.command = BounceTextScanner::commandName(m.capturedView(1));
        return;
    }
    static const RX transcript =
            compile(R"(^>>>\s*(RCPT|MAIL|DATA|EHLO|HELO|STARTTLS|AUTH|\.))", RX::MultilineOption);
    m = RegexMatch();
    if (cue[CueTranscriptOut]) {
        RegexMatchIterator it = transcript.globalMatch(block);
        while (it.hasNext())
            m = it.next();
    }
    if (m.hasMatch() && m.lastCapturedIndex() >= 1 && !m.captured(1).isEmpty()) {
        e.command = BounceTextScanner::commandName(m.capturedView(1));
        return;
    }
    if (cue[CueDoesNotLikeRecipient])
        e.command = QStringLiteral("RCPT");
    else if (cue[CueSenderWasRejected])
        e.command = QStringLiteral("MAIL");
    else if (cue[CueFailedAfterSent])
        e.command = QStringLiteral("DATA");
    else if (cue[CueRefusedToTalk] || cue[CueGreetingFailure])
        e.command = QStringLiteral("CONNECT");
}

// An SMTP dialogue (telnet, nc, swaks, openssl s_client, a library's debug log, Sendmail's
// "<<<" transcript): the verdict is the last failing reply of the transaction, not an earlier
// complaint about a parameter, and not a "503 need RCPT" that only follows from the refusal.
struct TranscriptReply
{
    QString text; // the reply's lines, markers removed
    QString command; // the client command it answered; CONNECT for the greeting
    QString evidence;
};

// Cheap words every dialogue form has; the regexes below run only where one of them is.
bool mayBeTranscript(const Cues &cue)
{
    for (Cue c : {CueTranscriptIn, CueTranscriptOut, CueReplyArrow, CueReplyStars, CueSColon,
                 CueServerColon, CueServerArrow, CueReplyColon, CueRecv, CueSmtpIn, CuePostfixIn,
                 CueRcptTo, CueMailFrom, CueEhlo, CueHelo}) {
        if (cue[c])
            return true;
    }
    return false;
}

std::optional<TranscriptReply> decisiveTranscriptReply(const Lines &lines, const Cues &cue)
{
    if (!mayBeTranscript(cue))
        return std::nullopt;
    // Marked server lines: "<<< 550", "<- 550", "<** 550", "S: 550", "SERVER -> CLIENT: 550",
    // "reply: b'550", "<<<recv: 550"; and Postfix's debug log, "]: < host[ip]: 550", anywhere
    // in a line. A line without "]:" can only match at its start, which the anchored twin of
    // each pattern tries alone instead of trying the pattern at every offset.
    const auto twins = [](const QByteArray &atStart, const QByteArray &anywhere,
                               const QByteArray &rest) {
        return std::array<RX, 2> {compile(QByteArray("(?:" + atStart + ')' + rest).constData()),
                compile(QByteArray("(?:" + atStart + '|' + anywhere + ')' + rest).constData())};
    };
    static const std::array<RX, 2> marked = twins(
            R"(^\s*(?:\[[^\]]{0,40}\]\s*|\d+\s+)?(?:<<<\s*(?:recv:)?|<-|<\*\*|s:|server:|server\s*->\s*client:|reply:\s*b?['"]?|recv:|smtp<<))",
            R"(\]:\s+<\s+\S+:)", R"(\s*([2-5]\d\d)([ -]?)(.*)$)");
    static const RX bare = compile(R"(^\s*([2-5]\d\d)([ -])(.*)$)");
    static const std::array<RX, 2> command = twins(
            R"(^\s*(?:\d+\s+)?(?:>>>|->|\*\*>|c:|client:|client\s*->\s*server:|send:\s*b?['"]?|smtp>>)?)",
            R"(\]:\s+>\s+\S+:)",
            R"(\s*(helo|ehlo|mail\s+from|mail|rcpt\s+to|rcpt|data|starttls|auth|quit|rset|\.)\b)");
    bool anyMarked = false;
    int commands = 0;
    // Only a line with a reply code, a marker or a command word at its start can be either;
    // most lines are prose.
    const bool postfixDebug = cue[CuePostfixIn];
    const auto mayMatter = [postfixDebug](QStringView line) {
        if (mayHoldReply(line) || (postfixDebug && holds(line, u"]: ")))
            return true;
        const QStringView t = line.trimmed();
        if (t.isEmpty())
            return false;
        const QChar c = t.front().toLower();
        if (!isOneOf(c, u"<>-*[hemrdsaqc."sv) && !c.isDigit())
            return false;
        qsizetype word = 0;
        while (word < t.size() && t[word].isLetter())
            ++word;
        return word <= 8;
    };
    // One pass reads every line once; which replies count is decided after it (with marked
    // server lines present, bare codes are the client's own words or log noise).
    struct Seen
    {
        enum Kind { Other, Marked, Bare, Command } kind = Other;
        int code = 0;
        bool continues = false;
        QStringView text;
        QStringView line;
        QString command;
    };
    QList<Seen> seen;
    seen.reserve(lines.size());
    for (const QStringView line : lines) {
        Seen l;
        l.line = line;
        if (mayMatter(line)) {
            // A command is tried before a bare code: "292   SMTP>> DATA" (Exim's debug output)
            // starts with a process id, not a reply.
            const size_t anywhere = holds(line, u"]:") ? 1 : 0;
            // What each anchored pattern needs first after white space, checked before it runs:
            // most of these lines are a bare reply or prose, which the others would try in vain.
            // (Caseless: the long s is an 's'.)
            const qsizetype indent = indentOf(line);
            const QChar first = indent < line.size() ? line[indent] : QChar();
            const bool mayBeMarked = anywhere || isOneOf(first, u"[<sSrR\u017F0123456789"sv);
            const bool mayBeCommand =
                    anywhere || isOneOf(first, u"0123456789>-*.cCsSrRhHeEmMdDaAqQ\u017F"sv);
            const bool mayBeBare = indent + 3 < line.size() && first >= u'2' && first <= u'5'
                    && isAsciiDigit(line[indent + 1]) && isAsciiDigit(line[indent + 2])
                    && (line[indent + 3] == u' ' || line[indent + 3] == u'-');
            RegexMatch m = mayBeMarked ? marked[anywhere].match(line) : RegexMatch();
            l.kind = Seen::Marked;
            if (!m.hasMatch()) {
                if (const auto c = mayBeCommand ? command[anywhere].match(line) : RegexMatch();
                        c.hasMatch()) {
                    l.kind = Seen::Command;
                    l.command = BounceTextScanner::commandName(c.capturedView(1));
                    ++commands;
                } else {
                    m = mayBeBare ? bare.match(line) : RegexMatch();
                    l.kind = Seen::Bare;
                }
            }
            if (m.hasMatch()) {
                l.code = m.capturedView(1).toInt();
                l.continues = m.capturedView(2) == u"-";
                l.text = m.capturedView(3).trimmed();
                anyMarked = anyMarked || l.kind == Seen::Marked;
            } else if (l.kind != Seen::Command) {
                l.kind = Seen::Other;
            }
        }
        seen << l;
    }
    if (commands == 0 && !anyMarked)
        return std::nullopt;
    struct Reply
    {
        int code;
        QStringList text;
        QString command;
        QString evidence;
    };
    QList<Reply> replies;
    QString lastCommand = QStringLiteral("CONNECT");
    bool open = false; // the last reply continues ("550-")
    for (const Seen &l : std::as_const(seen)) {
        const bool isReply = l.kind == Seen::Marked || (l.kind == Seen::Bare && !anyMarked);
        if (isReply) {
            if (open && !replies.isEmpty() && replies.last().code == l.code)
                replies.last().text << l.text.toString();
            else
                replies << Reply {
                        l.code, {l.text.toString()}, lastCommand, l.line.trimmed().toString()};
            open = l.continues;
            continue;
        }
        open = false;
        if (l.kind == Seen::Command)
            lastCommand = l.command;
    }
    // A dialogue has both sides, or at least two marked replies.
    if (replies.size() < 2 && !(anyMarked && !replies.isEmpty()) && commands == 0)
        return std::nullopt;
    if (commands == 0 && !anyMarked)
        return std::nullopt;
    const Reply *decisive = nullptr;
    for (const Reply &r : replies) {
        if (r.code < 400)
            continue;
        // 500-504 are about the syntax or order of commands: a refusal only if nothing else is.
        const bool sequence = r.code >= 500 && r.code <= 504;
        if (!decisive || !sequence || (decisive->code >= 500 && decisive->code <= 504))
            decisive = &r;
    }
    if (!decisive)
        return std::nullopt;
    TranscriptReply out;
    for (const QString &t : decisive->text)
        out.text += (out.text.isEmpty() ? QString() : QStringLiteral("\n"))
                + QString::number(decisive->code) + u' ' + t;
    out.command = decisive->command.isEmpty() ? QStringLiteral("CONNECT") : decisive->command;
    out.evidence = decisive->evidence;
    return out;
}

// The words that introduce a quoted reply, each with the cue its words need, and the reply
// after them. Every phrase with "returned" in it holds "server returned"; most bounces that
// say "returned" say it of the message.
constexpr const char *quoteReply =
        R"(\s*[:：]?\s*'?(?:<\s*)?([^\n]*(?:\n[^\n]+){0,5}?)(?:'|>\s*$|\n\s*\n|$))";
constexpr struct
{
    Cue cue;
    const char *label;
} quoteLabels[] = {
        {CueReturned,
                "remote server returned|server returned|the error that the other server "
                "returned was"},
        {CueRemoteHostSaid, "remote host said"},
        {CueTheResponse, "the response (?:from the remote server )?was"},
        {CueServerResponded, "the server responded"},
        {CueErrorMessage, R"(\berror message\s*[:：])"},
        {CueReason, R"(\breason\s*[:：])"},
        {CueYuanyin, R"(原因\s*[:：])"},
        {CueCuowuXinxi, R"(错误信息\s*[:：])"},
        {CueLiyou, R"(理由\s*[:：])"},
};

// The first match of all labels' alternation with the reply after it, as one regex finds it.
// That regex tries its alternation at every offset where some label's first letter stands,
// most of a text; each label alone is looked for only where its own first letter stands, and
// only when its words are in the block. No label's words start another's, so at most one
// label matches at any offset, and the earliest match of the labels' own regexes is the
// alternation's. The cues read the text lower-cased, which leaves the long s that the caseless
// regex takes for an 's': a block with one is read by the whole alternation.
RegexMatch findQuote(QStringView block, const Cues &cue)
{
    static const auto labels = [] {
        std::vector<RX> out;
        for (const auto &l : quoteLabels)
            out.push_back(compile(
                    QByteArray(QByteArray("(?:") + l.label + ')' + quoteReply).constData()));
        return out;
    }();
    static const RX all = [] {
        QByteArrayList alternatives;
        for (const auto &l : quoteLabels)
            alternatives << l.label;
        return compile(QByteArray("(?:" + alternatives.join('|') + ')' + quoteReply).constData());
    }();
    static const WordSet serverReturned({QStringLiteral("server returned")}, Qt::CaseInsensitive);
    std::array<bool, std::size(quoteLabels)> present {};
    for (size_t i = 0; i < present.size(); ++i) {
        const Cue c = quoteLabels[i].cue;
        present[i] = cue[c] && (c != CueReturned || serverReturned.foundIn(block));
    }
    RegexMatch first;
    if (std::none_of(present.cbegin(), present.cend(), [](bool p) { return p; }))
        return first;
    if (has(block, u'\u017F'))
        return all.match(block);
    for (size_t i = 0; i < present.size(); ++i) {
        if (!present[i])
            continue;
        const RegexMatch m = labels[i].match(block);
        if (m.hasMatch() && (!first.hasMatch() || m.capturedStart(0) < first.capturedStart(0)))
            first = m;
    }
    return first;
}

// The receiver's own words inside one recipient's block of lines.
Extracted extract(const Lines &lines, qsizetype begin, qsizetype end, const QString &anchorRest,
        const QString &intro = {}, bool noAnchor = false)
{
    Extracted e;
    const Lines slice = lines.mid(begin, end - begin);
    const QStringView block = span(lines, begin, end);
    const Cues cue(block);
    takeRemote(block, cue, e);
    takeCommand(block, cue, e);

    if (const auto t = decisiveTranscriptReply(slice, cue)) {
        e.diagnostic = t->text;
        e.command = t->command;
        e.evidence << t->evidence;
        return e;
    }
    // Postfix: "host X[IP] said: ... (in reply to ... command)" across lines.
    static const RX said =
            compile(R"((?:said|refused to talk to me):\s*(.+?)(?:\(in reply to [^)]*\)|\n\s*\n|$))",
                    RX::DotMatchesEverythingOption);
    RegexMatch m;
    SaidReply saidReply;
    if (cue[CueSaid] || cue[CueRefusedToTalk]) {
        if (ValidatedText::holds(block) || surrogateFree(block)) {
            saidReply = findSaid(block);
        } else if ((m = said.match(block)).hasMatch()) {
            saidReply = {
                    m.capturedStart(0), m.capturedStart(1), m.capturedEnd(1), m.capturedEnd(0)};
        }
    }
    if (saidReply.start >= 0) {
        e.diagnostic = block.sliced(saidReply.replyStart, saidReply.replyEnd - saidReply.replyStart)
                               .toString();
        // "said: 553" and the words a blank line further down (a forum's reflowed paste).
        if (e.diagnostic.trimmed().size() <= 12) {
            static const RX saidAcrossBlank = compile(
                    R"((?:said|refused to talk to me):\s*(.+?)(?:\(in reply to [^)]*\)|\n\s*\n\s*\n|$))",
                    RX::DotMatchesEverythingOption);
            if (const auto wider = saidAcrossBlank.match(block); wider.hasMatch())
                e.diagnostic = wider.captured(1);
        }
        const qsizetype lineStart =
                qMax<qsizetype>(0, block.lastIndexOf(u'\n', saidReply.start) + 1);
        e.evidence << block.mid(lineStart, saidReply.end - lineStart).toString();
        return e;
    }
    // Exim: the reply follows "SMTP error from remote mail server after ...:".
    static const RX exim = compile(
            R"((?:error from remote (?:mail server|mailer|server) after|did not like our) [^\n]*?:\s*\n?((?:[ \t]*\S[^\n]*(?:\n|$))+))");
    if ((cue[CueAfter] || cue[CueDidNotLike]) && (m = exim.match(block)).hasMatch()) {
        QString text = m.captured(1);
        static const RX hostPrefix = compile(R"(^\s*host:?\s+\S+(?:\s*\[[^\]]*\])?:?\s*)");
        text = hostPrefix.removed(text);
        e.diagnostic = text;
        e.evidence << m.captured(0).trimmed();
        return e;
    }
    // Chinese providers' NDRs label the receiver's reply ("系统应答：", "远程响应 |") apart from
    // their own explanation ("退信原因", "解决建议"); the reply is the one line after the label.
    static const RX chineseReply = compile(
            R"((?:系统应答|远程响应|远程服务器返回|对方服务器返回|服务器返回|对方回应|对方服务器回应|服务器响应)\s*[:：|｜]\s*([^\n]+))");
    if ((cue[CueYingda] || cue[CueXiangying] || cue[CueFanhui])
            && (m = chineseReply.match(block)).hasMatch()) {
        e.diagnostic = m.captured(1).trimmed();
        e.evidence << m.captured(0).trimmed();
        return e;
    }
    // Exchange and others quote the reply: Remote Server returned '550 ...'.
    const RegexMatch quote = findQuote(block, cue);
    // A label further down ("reason: ...") inside a reply already quoted above is part of it.
    // A label whose words hold no reply ("Failure Reason: Some recipients failed") yields to a
    // reply further down (the log line quoted below it).
    const auto replyIn = [](QStringView part) { return mayHoldReply(part) && hasReplyStart(part); };
    if ((m = quote).hasMatch() && !m.capturedView(1).trimmed().isEmpty()
            && !replyIn(block.first(m.capturedStart(0)))
            && (hasSmtpCode(m.capturedView(1)) || !replyIn(block.sliced(m.capturedEnd(0))))) {
        QString text = m.capturedView(1).trimmed().toString();
        if (text.startsWith(u'(') && text.endsWith(u')'))
            text = text.sliced(1, text.size() - 2);
        e.diagnostic = text;
        e.evidence << m.captured(0).trimmed();
        return e;
    }
    // A transcript line "<<< 550 ..." (Sendmail), or any SMTP reply at the start of a line.
    static const RX transcript = compile(R"(^<<<\s*([45]\d\d[ -].*)$)", RX::MultilineOption);
    if (cue[CueTranscriptIn] && (m = transcript.match(block)).hasMatch()) {
        // Continuation lines of a multi-line reply follow as further "<<< 550-" lines.
        QStringList parts;
        RegexMatchIterator it = transcript.globalMatch(block);
        while (it.hasNext() && parts.size() < 8) {
            const RegexMatch n = it.next();
            const QStringView part = n.capturedView(1);
            parts << part.toString();
            if (part.size() > 3 && part[3] == u' ')
                break;
        }
        e.diagnostic = parts.join(u'\n');
        e.evidence << m.captured(0);
        return e;
    }
    static const RX reply = compile(
            R"((?:^|[\s(:'"={;])(#[45]\.\d{1,3}\.\d{1,3}\s+smtp;\s*[45]\d\d\b.*|[45]\d\d[ -](?:[45]\.\d{1,3}\.\d{1,3}\b)?.*|[45]\.\d{1,3}\.\d{1,3}\s.*)$)",
            RX::MultilineOption);
    for (qsizetype i = 0; i < slice.size(); ++i) {
        // No match starts before the line's first reply-like opening: the regex, which tries
        // every offset, is given the line from there.
        const qsizetype from = mayHoldReply(slice[i]) ? replyOpening(slice[i]) : -1;
        if (from < 0)
            continue;
        m = reply.match(slice[i].sliced(from));
        if (m.hasMatch()) {
            QString text = slice[i].mid(from + m.capturedStart(1)).toString();
            // A reply code wrapped onto a line of its own ("550\n5.7.1 Service unavailable").
            static const RX bareCode = compile(R"(^\s*([45]\d\d)\s*$)");
            if (i > 0 && bareCode.match(slice[i - 1]).hasMatch())
                text.prepend(slice[i - 1].trimmed().toString() + u' ');
            const QString more = paragraphFrom(slice, i + 1, slice.size(), 8, !hasCjk(slice[i]));
            if (!more.isEmpty()) {
                text += u'\n';
                text += more;
            }
            e.diagnostic = text;
            e.evidence << slice[i].trimmed().toString();
            return e;
        }
    }
    // "(reason: 550 ...)" in a Sendmail summary.
    static const RX reason = compile(R"(\(reason:\s*(.+?)\))");
    if (cue[CueReasonParen] && (m = reason.match(block)).hasMatch()) {
        e.diagnostic = m.captured(1);
        e.evidence << m.captured(0);
        return e;
    }
    // The reason may stand just above the recipient ("reject reason: Mailbox full").
    // (A label needs its colon, which is cheaper to look for than the words.)
    static const WordSet labelWords({QStringLiteral("reason"), QStringLiteral("error"),
                                            QStringLiteral("diagnostic"), QStringLiteral("原因")},
            Qt::CaseInsensitive);
    if ((has(intro, u':') || has(intro, u'：')) && labelWords.foundIn(intro)) {
        static const RX labelledReason = compile(
                R"((?:^|\n)\s*[^\n]{0,30}?\b(?:reason|error|diagnostic|原因)\s*[:：]\s*([^\n]+))");
        m = labelledReason.match(intro);
        if (m.hasMatch()) {
            e.diagnostic = m.captured(1);
            e.evidence << m.captured(0).trimmed();
            return e;
        }
    }
    // Nothing SMTP-shaped: the words on the recipient's line, the paragraphs that follow it
    // ("because: ..."), or failing that the paragraph just before it.
    QStringList words;
    if (!anchorRest.trimmed().isEmpty())
        words << anchorRest.trimmed();
    int paragraphs = 0;
    bool inParagraph = !words.isEmpty();
    // Without an anchor line, the block's first line is already the receiver's.
    for (qsizetype i = noAnchor ? 0 : 1; i < slice.size() && words.size() < 12; ++i) {
        const QStringView line = slice[i].trimmed();
        if (line.isEmpty()) {
            if (inParagraph && ++paragraphs >= (noAnchor ? 3 : 2))
                break;
            inParagraph = false;
            continue;
        }
        inParagraph = true;
        words << line.toString();
    }
    if (words.isEmpty() && !intro.trimmed().isEmpty())
        words << intro.trimmed();
    e.diagnostic = words.join(u'\n');
    if (!words.isEmpty())
        e.evidence << words.first();
    return e;
}

// MTA log lines, one failed or deferred delivery each: Postfix and Sendmail "to=<r>, ...
// relay=host[ip], ... dsn=5.7.1, status=bounced (...)" / "stat=...", Exim's main log
// "** r ... H=host [ip]: SMTP error ..." and "== r ... defer (...)", qmail-send's
// "delivery N: failure: ..." with its recipient on the "starting delivery N" line. The
// receiver's words inside each line are read with the same shapes as a bounce's prose.
QList<TextFinding> readLogLines(const Lines &lines)
{
    static const RX toLine = compile(R"(\bto=<?([^<>,\s]+@[^<>,\s]+)>?,)");
    static const RX relayField =
            compile(R"(\brelay=([A-Za-z0-9][A-Za-z0-9._-]*?)\.?\s*\[([0-9A-Fa-f.:]+)\])");
    static const RX dsnField = compile(R"(\bdsn=([245]\.\d{1,3}\.\d{1,3})\b)");
    static const RX statusField = compile(
            R"(\bstatus=(bounced|deferred|undeliverable|expired|softbounce)\s*\((.*?)\)?\s*$)");
    static const RX statField = compile(R"(\bstat=(.*)$)");
    static const RX eximLine = compile(
            R"((?:^|\s)(\*\*|==)\s+([^\s<>]+@[^\s<>]+)(?:\s+<[^>]*>)?\s+(?:(?:R|T|P)=\S+\s+)*(?:H=([A-Za-z0-9][A-Za-z0-9._-]*)\s+\[([0-9A-Fa-f.:]+)\](?::\d+)?\s*)?(?:X=\S+\s+)?(?:CV=\S+\s+)?(?:DN=\S+\s+)?:?\s*(.*)$)");
    static const RX qmailStart =
            compile(R"(starting delivery (\d+):.*\bto (?:remote|local) ([^\s]+@[^\s]+))");
    static const RX qmailEnd = compile(R"(delivery (\d+): (failure|deferral): (.*)$)");
    QList<TextFinding> out;
    QHash<QString, QString> qmailRecipient;
    const auto add = [&out](const TextFinding &f) {
        // A recipient retried several times in one paste is one recipient; its last line is
        // the latest word.
        for (TextFinding &existing : out) {
            if (sameCaseless(existing.recipient, f.recipient)) {
                existing = f;
                return;
            }
        }
        out << f;
    };
    const auto readWords = [](const QString &words, TextFinding &f) {
        const Lines sub = splitLines(words);
        const Extracted e = extract(sub, 0, sub.size(), words);
        if (f.remoteHost.isEmpty())
            f.remoteHost = e.remoteHost;
        if (f.remoteIp.isEmpty())
            f.remoteIp = e.remoteIp;
        f.smtpCommand = e.command;
        f.diagnostic =
                BounceTextScanner::unfoldDiagnostic(e.diagnostic.isEmpty() ? words : e.diagnostic);
    };
    for (const QStringView line : lines) {
        if (line.size() > 16000 || line.size() < 12)
            continue;
        RegexMatch m;
        if (line.contains(u"to=") && (line.contains(u"status=") || line.contains(u"stat="))
                && (m = toLine.match(line)).hasMatch()) {
            const RegexMatch st = statusField.match(line);
            const RegexMatch sm = st.hasMatch() ? RegexMatch() : statField.match(line);
            if (!st.hasMatch() && !sm.hasMatch())
                continue;
            const QString state = st.captured(1).toLower();
            const QString stat = sm.captured(1).trimmed();
            if (state.isEmpty() && (stat.startsWith(u"Sent", Qt::CaseInsensitive)))
                continue;
            TextFinding f;
            f.recipient = m.captured(1);
            const RegexMatch relay = relayField.match(line);
            f.remoteHost = relay.captured(1);
            f.remoteIp = relay.captured(2);
            f.status = dsnField.match(line).captured(1);
            const bool deferred = state == u"deferred" || state == u"softbounce"
                    || stat.startsWith(u"Deferred", Qt::CaseInsensitive)
                    || f.status.startsWith(u'4');
            f.action = deferred ? QStringLiteral("delayed") : QStringLiteral("failed");
            QString words = state.isEmpty() ? stat : st.captured(2);
            // Sendmail: "Deferred: 451 4.7.1 ..." keeps the reply after the word.
            static const RX deferredPrefix = compile(R"(^deferred:\s*)");
            words = deferredPrefix.removed(words);
            readWords(words, f);
            f.evidence << line.trimmed().toString();
            add(f);
        } else if ((line.contains(u"** ") || line.contains(u"== "))
                && (m = eximLine.match(line)).hasMatch() && !m.captured(5).isEmpty()) {
            TextFinding f;
            f.recipient = m.captured(2);
            f.remoteHost = m.captured(3);
            f.remoteIp = m.captured(4);
            // Exim names the host after the error too: "defer (113): No route to host H=x [ip]".
            static const RX hostAnywhere =
                    compile(R"(\bH=([A-Za-z0-9][A-Za-z0-9._-]*)\s+\[([0-9A-Fa-f.:]+)\])");
            if (const auto h = hostAnywhere.match(line); f.remoteHost.isEmpty() && h.hasMatch()) {
                f.remoteHost = h.captured(1);
                f.remoteIp = h.captured(2);
            }
            f.action =
                    m.captured(1) == u"==" ? QStringLiteral("delayed") : QStringLiteral("failed");
            readWords(m.captured(5), f);
            f.evidence << line.trimmed().toString();
            add(f);
        } else if (line.contains(u"starting delivery") && (m = qmailStart.match(line)).hasMatch()) {
            qmailRecipient.insert(m.captured(1), m.captured(2));
        } else if (line.contains(u"delivery ") && (m = qmailEnd.match(line)).hasMatch()) {
            TextFinding f;
            f.recipient = qmailRecipient.value(m.captured(1));
            f.action = m.captured(2) == u"deferral" ? QStringLiteral("delayed")
                                                    : QStringLiteral("failed");
            // qmail writes spaces as '_' and line breaks as '/'.
            QString words = m.captured(3);
            words.replace(u'_', u' ').replace(u'/', u'\n');
            static const RX givingUp = compile(R"(\n?giving up on [0-9a-f.:]+\.?\s*$)");
            words = givingUp.removed(words);
            readWords(words, f);
            // Without its "starting delivery" line, the refused recipient is the one the
            // remote's reply names, when qmail says the remote did not like the recipient.
            static const RX named = compile(R"(<([^<>\s]+@[^<>\s]+)>)");
            if (f.recipient.isEmpty() && words.contains(u"does not like recipient"))
                f.recipient = named.match(words).captured(1);
            f.evidence << line.trimmed().toString();
            add(f);
        }
    }
    return out;
}

} // namespace

QString BounceTextScanner::commandName(QStringView words)
{
    const QString w = words.toString().trimmed().toUpper();
    if (w.startsWith(u"RCPT"))
        return QStringLiteral("RCPT");
    if (w.startsWith(u"MAIL"))
        return QStringLiteral("MAIL");
    if (w.contains(u"DATA") || w == u".")
        return QStringLiteral("DATA");
    if (w.startsWith(u"EHLO"))
        return QStringLiteral("EHLO");
    if (w.startsWith(u"HELO"))
        return QStringLiteral("HELO");
    if (w.startsWith(u"STARTTLS"))
        return QStringLiteral("STARTTLS");
    if (w.startsWith(u"AUTH"))
        return QStringLiteral("AUTH");
    if (w.contains(u"CONNECT") || w.contains(u"GREETING") || w.contains(u"BANNER"))
        return QStringLiteral("CONNECT");
    return {};
}

const RX &originalMarkerPattern()
{
    // Lines that start the copy of the original message; nothing after them is the bounce's own
    // text. A header field at a line's start is such a copy pasted without its marker line.
    static const RX re = [] {
        return RX(
                QStringLiteral(
                        R"(^\s*(?:[-=*_|]{2,}\s*)?(?:%1)[^\n]*$|^(?:Received|Return-Path|X-Received|DKIM-Signature|ARC-Seal):[ \t]*\S)")
                        .arg(groupedAlternation(BounceKnowledge::builtIn().originalMarkers())),
                RX::CaseInsensitiveOption | RX::MultilineOption);
    }();
    return re;
}

namespace {

// originalMarkerPattern() as code: the regex, tried at the start of every line of a text until
// one matches, cost more than the rest of a short bounce's reading. At a line's start the
// pattern is deterministic: its \s* and rule run are followed by a phrase, which starts with
// neither, so each takes all it can; a line that fails the first character fails at once.
class OriginalMarkers
{
public:
    static const OriginalMarkers &builtIn()
    {
        static const OriginalMarkers markers(BounceKnowledge::builtIn().originalMarkers());
        return markers;
    }

    // False when a phrase holds a character the caseless regex may match otherwise than as
    // itself or an ASCII letter's case (foldOntoAscii()): the regex then reads every text.
    bool usable() const { return m_usable; }

    // Where the regex's first match starts in `text`, or -1. The text must be valid UTF-16
    // (a surrogate never matches any part of the pattern, and a pair is one character that
    // is not a word character, as it is to the regex).
    qsizetype find(QStringView text) const
    {
        const char16_t *const p = text.utf16();
        const qsizetype n = text.size();
        if (n == 0)
            return -1;
        // The line starts before `next` need no test: they lie in the white space that the
        // last test's \s* took, and would reach the same phrase (or rule) the same way.
        qsizetype next = 0;
        const auto test = [&](qsizetype start) {
            if (start < next || start >= n)
                return false;
            // Most lines fail at their first code unit, told by a bit.
            const char16_t first = p[start];
            if (first < 0x80 && !((m_mayOpen[first >> 6] >> (first & 63)) & 1))
                return false;
            return matchesAt(p, n, start, next);
        };
        if (test(0))
            return 0;
        // Every line start after a '\n'.
        qsizetype found = -1;
        forEachUnit(text, u'\n', [&](qsizetype newline) {
            if (!test(newline + 1))
                return false;
            found = newline + 1;
            return true;
        });
        return found;
    }

private:
    struct Phrase
    {
        QString folded; // lower-case ASCII, and characters without case
        bool wholeWord = false;
    };

    explicit OriginalMarkers(const QList<BounceKnowledge::ScannerPhrase> &phrases)
    {
        for (const BounceKnowledge::ScannerPhrase &p : phrases) {
            if (p.phrase.isEmpty()) {
                m_usable = false; // the regex's empty branch: every line start after \s*
                continue;
            }
            Phrase out {p.phrase.toLower(), p.wholeWord};
            for (const QChar c : std::as_const(out.folded)) {
                const char16_t u = c.unicode();
                // An ASCII letter's case variants are foldOntoAscii()'s; a character past ASCII
                // is compared as it is, so it must have no other case at all.
                if (u >= 0x80
                        && (c.toUpper() != c || c.toLower() != c || c.toCaseFolded() != c
                                || c.toTitleCase() != c || c.isSurrogate()))
                    m_usable = false;
                if (u == 0x212A || u == 0x017F)
                    m_usable = false;
            }
            const char16_t first = out.folded.front().unicode();
            const int id = int(m_phrases.size());
            if (first < 0x80) {
                if (isRegexSpace(QChar(first)) || isRule(first))
                    m_usable = false; // \s* or the rule would give characters back to it
                m_byFirst[first].push_back(id);
            } else {
                m_wideFirst.push_back(id);
            }
            m_phrases.push_back(std::move(out));
        }
        // What may open a line the pattern matches: white space, a rule, a header's first
        // letter, a phrase's first character, in either case.
        const auto mayOpen = [this](char16_t c) {
            m_mayOpen[c >> 6] |= quint64(1) << (c & 63);
            if (c >= 'a' && c <= 'z')
                m_mayOpen[(c - 32) >> 6] |= quint64(1) << ((c - 32) & 63);
        };
        for (const char16_t c : u" \t\n\v\f\r-=*_|rxda"sv)
            mayOpen(c);
        for (const Phrase &phrase : m_phrases) {
            if (phrase.folded.front().unicode() < 0x80)
                mayOpen(phrase.folded.front().unicode());
        }
    }

    static bool isRule(char16_t u)
    {
        return u == '-' || u == '=' || u == '*' || u == '_' || u == '|';
    }

    // Whether `phrase` stands at `at`, in any case the caseless regex takes.
    static bool phraseAt(const char16_t *p, qsizetype n, qsizetype at, const Phrase &phrase)
    {
        const qsizetype size = phrase.folded.size();
        if (n - at < size)
            return false;
        const char16_t *w = QStringView(phrase.folded).utf16();
        for (qsizetype k = 0; k < size; ++k) {
            if (foldOntoAscii(QChar(p[at + k])) != w[k])
                return false;
        }
        if (!phrase.wholeWord)
            return true;
        // \b: a word character on one side only (ASCII \w: no UCP).
        const qsizetype end = at + size;
        return isWordChar(QChar(p[end - 1])) != (end < n && isWordChar(QChar(p[end])));
    }

    // ^(?:Received|Return-Path|X-Received|DKIM-Signature|ARC-Seal):[ \t]*\S at `at`.
    static bool headerAt(const char16_t *p, qsizetype n, qsizetype at)
    {
        static constexpr std::array<std::u16string_view, 5> names {u"received"sv, u"return-path"sv,
                u"x-received"sv, u"dkim-signature"sv, u"arc-seal"sv};
        const char16_t first = foldOntoAscii(QChar(p[at]));
        if (first != 'r' && first != 'x' && first != 'd' && first != 'a')
            return false;
        for (const std::u16string_view name : names) {
            const qsizetype size = qsizetype(name.size());
            if (name.front() != first || n - at <= size || p[at + size] != u':')
                continue;
            if (!startsCaseless(QStringView(p + at, size), QStringView(name.data(), size)))
                continue;
            qsizetype i = at + size + 1;
            while (i < n && (p[i] == u' ' || p[i] == u'\t'))
                ++i;
            return i < n && !isRegexSpace(QChar(p[i]));
        }
        return false;
    }

    // Whether the pattern matches at the line start `at`; `reached` becomes where its \s*
    // ended.
    bool matchesAt(const char16_t *p, qsizetype n, qsizetype at, qsizetype &reached) const
    {
        if (headerAt(p, n, at))
            return true;
        qsizetype i = at;
        while (i < n && isRegexSpace(QChar(p[i])))
            ++i;
        reached = i;
        qsizetype rule = i;
        while (rule < n && isRule(p[rule]))
            ++rule;
        if (rule - i == 1)
            return false;
        if (rule - i >= 2) {
            i = rule;
            while (i < n && isRegexSpace(QChar(p[i])))
                ++i;
        }
        if (i == n)
            return false;
        const char16_t first = foldOntoAscii(QChar(p[i]));
        const std::vector<int> &candidates = first < 0x80 ? m_byFirst[first] : m_wideFirst;
        return std::any_of(candidates.cbegin(), candidates.cend(),
                [&](int id) { return phraseAt(p, n, i, m_phrases[size_t(id)]); });
    }

    std::vector<Phrase> m_phrases;
    std::array<quint64, 2> m_mayOpen {}; // a bit for each ASCII code unit
    std::array<std::vector<int>, 0x80> m_byFirst;
    std::vector<int> m_wideFirst;
    bool m_usable = true;
};

} // namespace

QStringView BounceTextScanner::withoutOriginalMessage(QStringView text)
{
    const OriginalMarkers &markers = OriginalMarkers::builtIn();
    qsizetype start = -1;
    if (markers.usable() && (ValidatedText::holds(text) || surrogateFree(text))) {
        start = markers.find(text);
    } else {
        // Text with a surrogate is left to the regex, which finds nothing in invalid UTF-16.
        const RegexMatch m = originalMarkerPattern().match(text);
        start = m.hasMatch() ? m.capturedStart(0) : -1;
    }
    if (start > 0)
        return text.first(start);
    return text;
}

namespace {

// Where the run of printable ASCII other than the space (U+0021 to U+007E) from `from` on ends.
const QChar *printableRunEnd(const QChar *from, const QChar *end)
{
#ifdef __SSE2__
    const __m128i first = _mm_set1_epi16(0x21);
    const __m128i last = _mm_set1_epi16(0x7e - 0x21);
    for (; end - from >= 8; from += 8) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(from));
        // c - 0x21, saturated past 0x7e - 0x21, is 0 only for what is in the range.
        const __m128i beyond = _mm_subs_epu16(_mm_sub_epi16(v, first), last);
        const uint outside =
                ~uint(_mm_movemask_epi8(_mm_cmpeq_epi16(beyond, _mm_setzero_si128()))) & 0xffffu;
        if (outside)
            return from + qCountTrailingZeroBits(outside) / 2;
    }
#endif
    while (from != end && from->unicode() > 0x20 && from->unicode() < 0x7f)
        ++from;
    return from;
}

// How much of a text folding white space leaves as it is, as far as eight code units at a
// time tell: printable ASCII words with one space between each two, none before the first. It
// ends at the start or at such a space, before which the folding loop would have written the
// same and from which it goes on as it would have.
qsizetype foldedPrefix(const QChar *begin, const QChar *end)
{
    const char16_t *const p = reinterpret_cast<const char16_t *>(begin);
    const qsizetype n = end - begin;
    qsizetype k = 0; // the first code unit folding may change
    bool spaceBefore = true; // a space at the start is a leading one
    bool stopped = false;
#ifdef __SSE2__
    const __m128i space = _mm_set1_epi16(0x20);
    const __m128i span = _mm_set1_epi16(0x7e - 0x20);
    const __m128i zero = _mm_setzero_si128();
    for (; k + 8 <= n; k += 8) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p + k));
        // c - 0x20, saturated past 0x7e - 0x20, is 0 only for the space and printable ASCII.
        const __m128i inside = _mm_cmpeq_epi16(_mm_subs_epu16(_mm_sub_epi16(v, space), span), zero);
        const __m128i spaces = _mm_cmpeq_epi16(v, space);
        // Each unit's previous one a space: the spaces moved up one unit, the last block's in.
        const __m128i spaceBehind = _mm_or_si128(
                _mm_slli_si128(spaces, 2), _mm_cvtsi32_si128(spaceBefore ? 0xffff : 0));
        const uint bad = (~uint(_mm_movemask_epi8(inside))
                                 | uint(_mm_movemask_epi8(_mm_and_si128(spaces, spaceBehind))))
                & 0xffffu;
        if (bad) {
            k += qCountTrailingZeroBits(bad) / 2;
            stopped = true;
            break;
        }
        spaceBefore = p[k + 7] == u' ';
    }
#endif
    for (; !stopped && k < n; ++k) {
        const char16_t u = p[k];
        if (u < 0x20 || u > 0x7e || (u == u' ' && spaceBefore))
            break;
        spaceBefore = u == u' ';
    }
    if (k == n) // a trailing space goes
        return n > 0 && p[n - 1] == u' ' ? n - 1 : n;
    if (k == 0)
        return 0;
    if (p[k] == u' ')
        return k - 1; // the second of two spaces: the first follows a word
    // The word that stopped the look is folded from the space before it.
    while (k > 0 && p[k - 1] != u' ')
        --k;
    return k > 0 ? k - 1 : 0;
}

} // namespace

namespace {

// A continuation prefix of a multi-line reply at a line's start: "550-5.7.1 ", "550 5.7.1 ",
// "550-". The code, the status (null when there is none) and where the prefix ends (-1: none).
struct ReplyPrefix
{
    QStringView code;
    QStringView status;
    qsizetype end = -1;
};

// ^\s*([45]\d\d)[ -](?:([45]\.\d{1,3}\.\d{1,3})\s+)? on a trimmed line, as code: asked of every
// line of every diagnostic, where the regex cost more than the rest of the unfolding. (A
// group of up to three digits takes a longer run of them whole or not at all: what follows
// it in the pattern is no digit.) A line with a surrogate is left to the regex, which finds
// nothing in one that is not valid UTF-16.
ReplyPrefix replyPrefixOf(QStringView line)
{
    const qsizetype n = line.size();
    const auto isCodeDigit = [](QChar c) { return c == u'4' || c == u'5'; };
    if (n < 4 || !isCodeDigit(line[0]))
        return {};
    if (!surrogateFree(line)) {
        static const RX prefix = compile(R"(^\s*([45]\d\d)[ -](?:([45]\.\d{1,3}\.\d{1,3})\s+)?)");
        const RegexMatch m = prefix.match(line);
        return m.hasMatch() ? ReplyPrefix {m.capturedView(1), m.capturedView(2), m.capturedEnd(0)}
                            : ReplyPrefix {};
    }
    if (!isAsciiDigit(line[1]) || !isAsciiDigit(line[2]) || (line[3] != u' ' && line[3] != u'-'))
        return {};
    ReplyPrefix out {line.first(3), {}, 4};
    // The end of a run of one to three digits from `at` on, or -1.
    const auto digitsEnd = [&](qsizetype at) {
        qsizetype end = at;
        while (end < n && isAsciiDigit(line[end]))
            ++end;
        return end > at && end - at <= 3 ? end : -1;
    };
    if (n < 6 || !isCodeDigit(line[4]) || line[5] != u'.')
        return out;
    const qsizetype subject = digitsEnd(6);
    if (subject < 0 || subject == n || line[subject] != u'.')
        return out;
    const qsizetype detail = digitsEnd(subject + 1);
    if (detail < 0 || detail == n || !isRegexSpace(line[detail]))
        return out;
    qsizetype end = detail;
    while (end < n && isRegexSpace(line[end]))
        ++end;
    out.status = line.sliced(4, detail - 4);
    out.end = end;
    return out;
}

} // namespace

QString BounceTextScanner::unfoldDiagnostic(QStringView original)
{
    // Exim's log writes a multi-line reply on one line with a literal "\n" before each
    // continuation: "550-5.7.1 ... authorized\n550-5.7.1 to send ...".
    QString escapedBreaks;
    if (holds(original, u"\\n")) {
        static const RX literal = compile(R"(\\n(?=\s*[45]\d\d[ -]))");
        escapedBreaks = literal.replaced(original, u"\n");
    }
    const QStringView lines = escapedBreaks.isEmpty() ? original : QStringView(escapedBreaks);
    QString out;
    out.reserve(lines.size()); // what it grows to, give or take a space
    // Views, not copies: they point into `lines` (or into `dashedCode`), which outlive every
    // use of them below; `out` is never what they look at.
    QStringView firstCode;
    QStringView firstStatus;
    QString dashedCode;
    // Line by line, without a list of them.
    for (qsizetype from = 0; from <= lines.size();) {
        const qsizetype end = find(lines, u'\n', from);
        const QStringView part = lines.sliced(from, (end < 0 ? lines.size() : end) - from);
        from = end < 0 ? lines.size() + 1 : end + 1;
        QStringView line = part.trimmed();
        if (line.isEmpty())
            continue;
        if (const ReplyPrefix p = replyPrefixOf(line); p.end >= 0) {
            if (firstCode.isEmpty() && out.isEmpty()) {
                firstCode = p.code;
                firstStatus = p.status;
                line = line.sliced(p.end);
                out += firstCode;
                out += u' ';
                if (!firstStatus.isEmpty()) {
                    out += firstStatus;
                    out += u' ';
                }
            } else if (p.code == firstCode) {
                line = line.sliced(p.end);
            }
        }
        if (!out.isEmpty() && !out.endsWith(u' '))
            out += u' ';
        out += line;
    }
    // A multi-line reply flattened onto one line (a log line, a forum paste) keeps its
    // continuation prefixes inside the text: "not authorized to 550-5.7.1 send email".
    if (firstCode.isEmpty() && mayHoldDashedCode(out)) {
        static const RX dashed = compile(R"((?:^|[\s:])([45]\d\d)-[45]\.\d{1,3}\.\d{1,3}\s)");
        // A copy: `out` is rewritten below while the code is still looked for in it.
        dashedCode = dashed.match(out).captured(1);
        firstCode = dashedCode;
    }
    const qsizetype firstAt = firstCode.isEmpty() ? -1 : indexOfWord(out, firstCode);
    if (!firstCode.isEmpty() && indexOfWord(out, firstCode, firstAt + 3) >= 0) {
        static const RX inlinePrefix = compile(
                R"((?<=\s)([45]\d\d)(?:-|\s+(?=[45x]\.[0-9x]{1,3}\.[0-9x]{1,3}\s))(?:[45x]\.[0-9x]{1,3}\.[0-9x]{1,3}\s+)?)");
        QString cleaned;
        qsizetype from = 0;
        // A code repeated right at the start ("554 554 5.7.1 Service ...") is the reply's own
        // first line, status included, not a continuation.
        const qsizetype head = firstAt + firstCode.size() + firstStatus.size() + 2;
        for (auto it = inlinePrefix.globalMatch(out); it.hasNext();) {
            const RegexMatch m = it.next();
            if (m.capturedView(1) != firstCode || m.capturedStart(0) <= head)
                continue;
            cleaned += QStringView(out).sliced(from, m.capturedStart(0) - from);
            from = m.capturedEnd(0);
        }
        if (from > 0)
            out = cleaned + out.sliced(from);
    }
    // Fold runs of white space in place: the folded text is never longer. (Empty, it is an empty
    // string, not a null one.)
    if (out.isEmpty())
        return QString(0, Qt::Uninitialized);
    QChar *const begin = out.data();
    const QChar *const end = begin + out.size();
    // Most of it is folded already (its lines were joined with one space): that part stays.
    const qsizetype kept = foldedPrefix(begin, end);
    QChar *o = begin + kept;
    const QChar *in = begin + kept;
    for (;;) {
        while (in != end && in->isSpace())
            ++in;
        if (in == end)
            break;
        if (o != begin)
            *o++ = u' ';
        // The word up to the next space: printable ASCII, most of it, is no space and is
        // passed over eight characters at a time; only what stops that is asked.
        for (;;) {
            const QChar *const run = printableRunEnd(in, end);
            if (o == in) { // nothing folded before it yet: the word stays where it is
                o = begin + (run - begin);
            } else {
                std::copy(in, run, o);
                o += run - in;
            }
            in = run;
            if (in == end || in->isSpace())
                break;
            *o++ = *in++;
        }
    }
    out.truncate(o - begin);
    if (out.size() > 2000)
        out.truncate(2000);
    return out;
}

// qmail writes its log and bounce lines with '_' for spaces and '/' for line breaks
// ("Remote_host_said:_550_5.1.1_<a@b>_..."), and mailing lists wrap them at any character.
// Rejoin the wrapped pieces and give them back their spaces, so they read as prose.
QString unmangleQmail(QStringView text)
{
    QString out;
    out.reserve(text.size());
    bool joining = false;
    for (const QStringView line : text.split(u'\n')) {
        const QStringView t = line.trimmed();
        const QStringView tail = t.sliced(t.lastIndexOf(u' ') + 1);
        const bool mangled = tail.count(u'_') >= 2;
        if (joining && !t.isEmpty() && !t.contains(u' ')) {
            out += t; // the continuation of a wrapped piece
            continue;
        }
        if (!out.isEmpty())
            out += u'\n';
        out += mangled ? t : line;
        joining = mangled && !t.endsWith(u'/');
    }
    QString result;
    result.reserve(out.size());
    for (const QStringView line : QStringView(out).split(u'\n')) {
        if (!result.isEmpty())
            result += u'\n';
        const qsizetype cue = line.indexOf(u"Remote_host_said:");
        const qsizetype cue2 = line.indexOf(u"_does_not_like_");
        const qsizetype from = cue >= 0 ? cue : cue2;
        if (from < 0 || (line.contains(u' ') && !line.contains(u"delivery "))) {
            result += line;
            continue;
        }
        // Keep a log line's prefix ("delivery 5: failure: ") as it is.
        const qsizetype start = line.lastIndexOf(u' ', from) + 1;
        QString words = line.sliced(start).toString();
        words.replace(u'_', u' ');
        // A log line stays one line (its reader splits at '/'); bounce text gets its breaks.
        if (!line.contains(u"delivery "))
            words.replace(u'/', u'\n');
        result += line.first(start).toString() + words;
    }
    return result;
}

// Forums and issue trackers turn addresses and links into Markdown: "[xxx.de](mailto:a@b.de)",
// "[http://x/?ip=xxx](http://x/?ip=192.0.2.1)". The target is what the receiver wrote (a poster
// who hides an address usually edits only the label).
QString withoutMarkdownLinks(QStringView text)
{
    static const RX link = compile(R"(\[([^\]\n]{0,300})\]\((?:mailto:)?([^)\s]{1,500})\))");
    // And bulletin boards' BBCode: "[email]a@b[/email]", "[url]...[/url]", "[code]".
    static const RX bbcode =
            compile(R"(\[/?(?:email|url|code|quote|b|i|u|color|size|font)(?:=[^\]]{0,80})?\])");
    return bbcode.removed(link.replaced(text, u"\\2"));
}

// Words that call for one of the special readings below, found in one pass over the raw text
// (as written: the MTAs write them in this case).
enum Gate { GateMarkup, GateQmail, GateLogStatus, GateExim, GateQmailLog, GateCount };
constexpr struct
{
    Gate gate;
    const char16_t *word;
} gateWords[] = {{GateMarkup, u"](mailto:"}, {GateMarkup, u"](http"}, {GateMarkup, u"[/email]"},
        {GateMarkup, u"[/url]"}, {GateMarkup, u"[/code]"}, {GateMarkup, u"[/quote]"},
        {GateQmail, u"Remote_host_said:"}, {GateQmail, u"_does_not_like_"},
        {GateLogStatus, u"status="}, {GateLogStatus, u"stat="}, {GateExim, u" R="},
        {GateExim, u"H="}, {GateQmailLog, u": failure: "}, {GateQmailLog, u": deferral: "}};

std::array<bool, GateCount> gatesIn(QStringView text)
{
    static const PatternSet set = [] {
        PatternSet p;
        for (const auto &g : gateWords)
            p.add(QStringView(g.word));
        p.build();
        return p;
    }();
    std::vector<quint8> found;
    set.findAll(text, found);
    std::array<bool, GateCount> gates {};
    for (size_t i = 0; i < std::size(gateWords); ++i)
        gates[gateWords[i].gate] = gates[gateWords[i].gate] || found[i] != 0;
    return gates;
}

QList<TextFinding> BounceTextScanner::scan(
        QStringView original, bool *cut, bool paste, bool fromReport, QStringView *ownText)
{
    // Checked once for surrogates here, not again by each regex over each line.
    const ValidatedText validated(original);
    // The returned original is no one's refusal: the gates look only above it (and, for a paste,
    // where a marker may head a forwarded bounce, at all of it).
    const QStringView above = paste ? original : withoutOriginalMessage(original);
    // Forum markup, qmail's mangled lines and log lines come in pastes and in messages a person
    // wrote (no delivery report); an MTA's own bounce has none of them.
    const std::array<bool, GateCount> gates =
            paste || !fromReport ? gatesIn(above) : std::array<bool, GateCount> {};
    QString unmangled;
    if (gates[GateMarkup])
        unmangled = withoutMarkdownLinks(original);
    if (gates[GateQmail])
        unmangled = unmangleQmail(unmangled.isEmpty() ? original : QStringView(unmangled));
    if (!unmangled.isEmpty() && unmangled.contains(u"Giving up on")) {
        // qmail's closing "Giving up on 192.0.2.1." says it stopped, not why it was refused.
        static const RX givingUp =
                compile(R"(^\s*giving up on [0-9a-f.:]+\.?\s*$)", RX::MultilineOption);
        unmangled = givingUp.removed(unmangled);
    }
    const QStringView fullText = unmangled.isEmpty() ? original : QStringView(unmangled);
    const QStringView text =
            unmangled.isEmpty() && !paste ? above : withoutOriginalMessage(fullText);
    if (ownText)
        *ownText = unmangled.isEmpty() ? text : withoutOriginalMessage(original);
    const bool mayHoldLogLines = gates[GateLogStatus] || gates[GateExim] || gates[GateQmailLog];
    QList<TextFinding> findings = scanOwnText(text, cut, mayHoldLogLines, paste);
    const bool onlyProse =
            std::none_of(findings.cbegin(), findings.cend(), [](const TextFinding &f) {
                return !f.recipient.isEmpty() || hasSmtpCode(f.diagnostic);
            });
    if (paste && onlyProse && text.size() < fullText.size()) {
        // "-------- Original Message --------" also heads a bounce forwarded in a paste: when
        // nothing stands above it, the refusal is below it.
        const qsizetype next = fullText.indexOf(u'\n', text.size());
        if (next > 0) {
            QList<TextFinding> below = scanOwnText(
                    withoutOriginalMessage(fullText.sliced(next + 1)), cut, mayHoldLogLines, paste);
            // Only a refusal found there counts; the returned original's headers are no reason.
            if (std::any_of(below.cbegin(), below.cend(),
                        [](const TextFinding &f) { return hasSmtpCode(f.diagnostic); }))
                findings = below;
        }
    }
    return findings;
}

QList<TextFinding> BounceTextScanner::scanOwnText(
        QStringView text, bool *cut, bool logLines, bool paste)
{
    Lines lines = splitLines(text);
    if (cut)
        *cut = lines.size() > maxLines;
    if (lines.size() > maxLines)
        lines.resize(maxLines);
    // Most bounces hold no log line and skip the per-line look.
    if (QList<TextFinding> logged = logLines ? readLogLines(lines) : QList<TextFinding>();
            !logged.isEmpty())
        return logged;
    const QList<Anchor> anchors = findAnchors(lines);

    QList<TextFinding> findings;
    // The paragraph (at most six lines of it, trimmed) that ends above `line`, not above `floor`.
    // Joined in one string of its exact size: a list of copies of the lines cost an allocation
    // a line, and more to grow and join it.
    auto introBefore = [&](qsizetype line, qsizetype floor) {
        qsizetype last = line - 1;
        while (last >= floor && lines[last].trimmed().isEmpty())
            --last;
        qsizetype first = last + 1;
        qsizetype size = -1;
        while (first - 1 >= floor && !lines[first - 1].trimmed().isEmpty() && last - first < 5)
            size += lines[--first].trimmed().size() + 1;
        if (first > last)
            return QString();
        QString intro;
        intro.reserve(size);
        for (qsizetype i = first; i <= last; ++i) {
            if (i > first)
                intro += u'\n';
            intro += lines[i].trimmed();
        }
        return intro;
    };
    auto addFinding = [&](const QString &recipient, qsizetype begin, qsizetype end,
                              const QString &rest, const QString &intro) {
        Extracted e = extract(lines, begin, end, rest, intro, recipient.isEmpty() && begin == 0);
        TextFinding f;
        f.recipient = recipient;
        f.remoteHost = e.remoteHost;
        f.remoteIp = e.remoteIp;
        f.smtpCommand = e.command;
        f.diagnostic = unfoldDiagnostic(e.diagnostic);
        f.evidence = e.evidence;
        // Sendmail's summary "<r>... Deferred" keeps trying.
        if (rest.trimmed().startsWith(u"Deferred", Qt::CaseInsensitive))
            f.action = QStringLiteral("delayed");
        // One recipient named twice (a summary and then the details): keep the richer reading.
        for (TextFinding &existing : findings) {
            if (!recipient.isEmpty() && sameCaseless(existing.recipient, recipient)) {
                // A reading with an SMTP reply beats prose; longer prose beats a stub.
                const bool newHasCode = hasSmtpCode(f.diagnostic);
                const bool oldHasCode = hasSmtpCode(existing.diagnostic);
                if (existing.diagnostic.isEmpty() || (newHasCode && !oldHasCode)
                        || (newHasCode == oldHasCode
                                && f.diagnostic.size() > existing.diagnostic.size()
                                && existing.diagnostic.size() < 20))
                    existing = f;
                else {
                    if (existing.remoteHost.isEmpty())
                        existing.remoteHost = f.remoteHost, existing.remoteIp = f.remoteIp;
                    if (existing.smtpCommand.isEmpty())
                        existing.smtpCommand = f.smtpCommand;
                }
                return;
            }
        }
        findings << f;
    };

    if (anchors.isEmpty()) {
        addFinding({}, 0, lines.size(), {}, {});
        if (findings.size() == 1 && findings.first().diagnostic.isEmpty())
            findings.clear();
        return findings;
    }
    // Text before the first anchor may hold the reason for all (Exim, Gmail put it after).
    for (qsizetype i = 0; i < anchors.size(); ++i) {
        const qsizetype begin = anchors[i].line;
        const qsizetype end = i + 1 < anchors.size() ? anchors[i + 1].line : lines.size();
        const qsizetype floor = i > 0 ? anchors[i - 1].line + 1 : 0;
        addFinding(anchors[i].recipient, begin, end, anchors[i].rest, introBefore(begin, floor));
    }
    // A recipient whose block held no reason: borrow the reason of the text around it.
    // A lone recipient whose block holds only a word ("<r>... Deferred", "Failure Reason: Some
    // recipients failed") takes the reply quoted elsewhere in the text (a transcript above it, a
    // log line below it), when there is one.
    bool anyMissing = false;
    for (const TextFinding &f : std::as_const(findings))
        anyMissing = anyMissing || f.diagnostic.isEmpty();
    // Sendmail's own summary ("550 5.1.1 <r>... User unknown") and the "503 need RCPT" after
    // a pipelined refusal are not the receiver's verdict; the transcript above holds it.
    // ^\s*50[0-4][ -], as code: it is asked of every finding, and a regex costs more.
    const auto sequenceError = [](QStringView reply) {
        while (!reply.isEmpty() && isRegexSpace(reply.front()))
            reply = reply.sliced(1);
        return reply.size() >= 4 && reply.startsWith(u"50") && reply[2] >= u'0' && reply[2] <= u'4'
                && (reply[3] == u' ' || reply[3] == u'-');
    };
    const bool anySequenceError = std::any_of(findings.cbegin(), findings.cend(),
            [&](const TextFinding &f) { return sequenceError(f.diagnostic); });
    if (const auto t = anySequenceError
                    ? decisiveTranscriptReply(lines, Cues(span(lines, 0, lines.size())))
                    : std::nullopt) {
        for (TextFinding &f : findings) {
            if (sequenceError(f.diagnostic) && !sequenceError(t->text)) {
                f.diagnostic = unfoldDiagnostic(t->text);
                f.smtpCommand = t->command;
                f.evidence = {t->evidence};
            }
        }
    }
    // (In a message the delivery-status part names the recipient's reply; a paste has only this.)
    const bool loneWithoutReply =
            paste && findings.size() == 1 && !hasSmtpCode(findings.first().diagnostic);
    if (anyMissing || loneWithoutReply) {
        const Extracted whole = extract(lines, 0, lines.size(), {});
        const QString diag = unfoldDiagnostic(whole.diagnostic);
        for (TextFinding &f : findings) {
            static const RX startsWithReply = compile(R"(^\s*[45]\d\d[ -])");
            if (f.diagnostic.isEmpty()
                    || (loneWithoutReply && startsWithReply.match(diag).hasMatch())) {
                f.diagnostic = diag;
                f.evidence = whole.evidence;
                if (f.remoteHost.isEmpty())
                    f.remoteHost = whole.remoteHost, f.remoteIp = whole.remoteIp;
                if (f.smtpCommand.isEmpty())
                    f.smtpCommand = whole.command;
            }
        }
    }
    return findings;
}

} // namespace bd
