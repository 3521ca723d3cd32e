// SPDX-License-Identifier: GPL-3.0-or-later
#include "mail/MimeParser.h"

#include "util/Cpu.h"
#include "util/TextDecoder.h"

#include <QVarLengthArray>

#include <algorithm>
#include <array>
#include <cstring>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace bd {
namespace {

// Letters, digits, '-' and '_', looked up: every line of every header block is scanned with it.
constexpr std::array<bool, 256> fieldNameChars = [] {
    std::array<bool, 256> table {};
    for (int c = 0; c < 256; ++c)
        table[size_t(c)] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9') || c == '-' || c == '_';
    return table;
}();

bool isFieldNameChar(char c)
{
    return fieldNameChars[uchar(c)];
}

// The helpers read for each line of every header block are put inline where they are used
// (Q_ALWAYS_INLINE): GCC called them, at a fifth of parseHeaderBlock's instructions.

// How many field-name characters `line` starts with.
Q_ALWAYS_INLINE qsizetype fieldNameRun(QByteArrayView line)
{
    qsizetype i = 0;
#ifdef __SSE2__
    // Sixteen bytes a step: a name is read on every line of every header block, and most are
    // shorter than that. A byte of 0x80 or more is negative to the signed compares, so it is
    // none of the ranges; (c | 0x20) is a lower-case letter exactly when c is a letter.
    while (line.size() - i >= 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(line.data() + i));
        const __m128i folded = _mm_or_si128(v, _mm_set1_epi8(0x20));
        const __m128i letter = _mm_and_si128(_mm_cmpgt_epi8(folded, _mm_set1_epi8('a' - 1)),
                _mm_cmplt_epi8(folded, _mm_set1_epi8('z' + 1)));
        const __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)),
                _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
        const __m128i mark = _mm_or_si128(
                _mm_cmpeq_epi8(v, _mm_set1_epi8('-')), _mm_cmpeq_epi8(v, _mm_set1_epi8('_')));
        const unsigned nameBytes =
                unsigned(_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(letter, digit), mark)));
        if (nameBytes != 0xFFFF)
            return i + qCountTrailingZeroBits(~nameBytes);
        i += 16;
    }
#endif
    while (i < line.size() && isFieldNameChar(line[i]))
        ++i;
    return i;
}

// Length of the field name at the start of `line` when it is a header line, else -1; with
// `colonAt`, where the colon after it is.
Q_ALWAYS_INLINE qsizetype fieldNameLength(QByteArrayView line, qsizetype *colonAt = nullptr)
{
    const qsizetype i = fieldNameRun(line);
    if (i == 0 || i >= line.size())
        return -1;
    qsizetype colon = i;
    while (colon < line.size() && (line[colon] == ' ' || line[colon] == '\t'))
        ++colon;
    if (colon >= line.size() || line[colon] != ':')
        return -1;
    if (colonAt)
        *colonAt = colon;
    return i;
}

// QByteArrayView::indexOf(char) goes through Qt's general substring search, several times
// slower than memchr over the long header blocks and bodies read here.
Q_ALWAYS_INLINE qsizetype indexOfChar(QByteArrayView data, char c, qsizetype from)
{
    if (from < 0 || from >= data.size())
        return -1;
    const void *hit = std::memchr(data.data() + from, c, size_t(data.size() - from));
    return hit ? static_cast<const char *>(hit) - data.data() : -1;
}

// ASCII whitespace, as QByteArrayView::trimmed() takes it away: a bit each, tested at once.
// The leading blanks of every folded line are walked with it.
bool isBlankChar(char c)
{
    constexpr quint64 blanks = (quint64 {1} << ' ') | (quint64 {1} << '\t') | (quint64 {1} << '\n')
            | (quint64 {1} << '\v') | (quint64 {1} << '\f') | (quint64 {1} << '\r');
    return uchar(c) <= ' ' && ((blanks >> uchar(c)) & 1) != 0;
}

// view.trimmed(), inline: QByteArrayView::trimmed() is a call into Qt for each field read.
// The end is trimmed first, as Qt does, so that a blank value is empty where Qt's is.
Q_ALWAYS_INLINE QByteArrayView trimmedView(QByteArrayView view)
{
    qsizetype begin = 0;
    qsizetype end = view.size();
    while (end > begin && isBlankChar(view[end - 1]))
        --end;
    while (begin < end && isBlankChar(view[begin]))
        ++begin;
    return view.sliced(begin, end - begin);
}

// line.trimmed().isEmpty() without trimming: a header line is told from a blank one by its
// first byte.
Q_ALWAYS_INLINE bool isBlank(QByteArrayView line)
{
    if (!line.isEmpty() && !isBlankChar(line.front()))
        return false; // a field's line, nearly always: told without a loop
    for (const char c : line) {
        if (!isBlankChar(c))
            return false;
    }
    return true;
}

// 0x20 in each byte of `word` that is an ASCII lower-case letter, else 0. Each byte is taken
// without its high bit, so that no sum carries into the next; a byte with it is no letter.
template<typename Word> Word lowerCaseLetterBits(Word word)
{
    constexpr Word ones = Word(0x0101010101010101ULL);
    constexpr Word highs = ones * 0x80;
    const Word low7 = word & ~highs;
    const Word fromA = (low7 + ones * (0x80 - 'a')) & highs;
    const Word pastZ = (low7 + ones * (0x80 - 'z' - 1)) & highs;
    return ((fromA & ~pastZ & ~word) >> 2);
}

// As equalsLower(), for two of the same size.
bool sameSizeEqualsLower(QByteArrayView text, QByteArrayView lower)
{
    const qsizetype n = text.size();
    // Eight bytes a step: field names are looked up by the dozen for every part. Where `lower`
    // has a letter, a byte of `text` with its 0x20 bit set is that letter exactly when it is
    // the letter in either case; elsewhere bytes must be equal, as lower-casing leaves them.
    const auto wordEqualsAt = [&](auto word, qsizetype at) {
        decltype(word) t = 0;
        decltype(word) l = 0;
        std::memcpy(&t, text.data() + at, sizeof t);
        std::memcpy(&l, lower.data() + at, sizeof l);
        return (t | lowerCaseLetterBits(l)) == l;
    };
    if (n >= 8) {
        for (qsizetype i = 0; i + 8 < n; i += 8) {
            if (!wordEqualsAt(quint64 {}, i))
                return false;
        }
        return wordEqualsAt(quint64 {}, n - 8); // the last eight, over some compared already
    }
    // "from", "date", "subject", "action", "status": four bytes and the last four.
    if (n >= 4)
        return wordEqualsAt(quint32 {}, 0) && wordEqualsAt(quint32 {}, n - 4);
    for (qsizetype i = 0; i < n; ++i) {
        const char c = text[i];
        if ((c >= 'A' && c <= 'Z' ? char(c + ('a' - 'A')) : c) != lower[i])
            return false;
    }
    return true;
}

// `lower` is lower case; ASCII letters of `text` are compared as if they were. The sizes are
// compared here, where the compiler puts it inline: most candidates differ in size.
bool equalsLower(QByteArrayView text, QByteArrayView lower)
{
    return text.size() == lower.size() && sameSizeEqualsLower(text, lower);
}

// The content types that most mail carries (counted in the Sisimai corpus), kept as literals: a
// type found here is shared, not allocated for each part.
QByteArray mimeTypeOf(QByteArrayView type)
{
    static const QByteArray common[] = {QByteArrayLiteral("text/plain"),
            QByteArrayLiteral("multipart/report"), QByteArrayLiteral("message/delivery-status"),
            QByteArrayLiteral("message/rfc822"), QByteArrayLiteral("text/html"),
            QByteArrayLiteral("multipart/alternative"), QByteArrayLiteral("multipart/mixed"),
            QByteArrayLiteral("text/rfc822-headers")};
    for (const QByteArray &known : common) {
        if (equalsLower(type, known))
            return known;
    }
    return type.toByteArray().toLower();
}

// Boyer-Moore-Horspool over bytes, with shifts of a byte: std::boyer_moore_horspool_searcher
// cleared a table of 256 words for each multipart and spent twice the instructions a shift.
// Shifts are capped at 255, which only makes them shorter than they could be.
class DelimiterSearch
{
public:
    explicit DelimiterSearch(QByteArrayView pattern)
        : m_pattern(pattern)
    {
        const qsizetype m = pattern.size();
        m_shift.fill(quint8(qMin<qsizetype>(m, 255)));
        for (qsizetype i = 0; i + 1 < m; ++i)
            m_shift[uchar(pattern[i])] = quint8(qMin<qsizetype>(m - 1 - i, 255));
    }
    // Where the pattern first occurs in `text` at or after `from`, or -1.
    qsizetype indexIn(QByteArrayView text, qsizetype from) const
    {
        const qsizetype m = m_pattern.size();
        if (m == 0)
            return from <= text.size() ? from : -1;
        const char *const data = text.data();
        const char last = m_pattern[m - 1];
        for (qsizetype at = from; at + m <= text.size();) {
            const char c = data[at + m - 1];
            if (c == last && std::memcmp(data + at, m_pattern.data(), size_t(m - 1)) == 0)
                return at;
            at += m_shift[uchar(c)];
        }
        return -1;
    }

private:
    QByteArrayView m_pattern;
    std::array<quint8, 256> m_shift {};
};

// As headerParam(), a view of `headerValue`; a null view when there is no such parameter.
QByteArrayView headerParamView(QByteArrayView headerValue, QByteArrayView param)
{
    // Compared in ASCII lower case in place: lower-casing copies of the value and the name cost
    // two allocations for each of the several lookups a part gets.
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? char(c + ('a' - 'A')) : c; };
    const qsizetype n = headerValue.size();
    const qsizetype k = param.size();
    const auto keyAt = [&](qsizetype at) {
        for (qsizetype i = 0; i < k; ++i) {
            if (lower(headerValue[at + i]) != lower(param[i]))
                return false;
        }
        return true;
    };
    if (k == 0)
        return {};
    // A parameter name follows ';' or a blank, so only there is it compared: a value holds a
    // few such places and dozens of bytes. (`param`, a name, holds neither.) They are found
    // sixteen bytes a step: a part's type is read for its boundary, charset and report type.
    const auto isBefore = [](char c) { return c == ';' || c == ' ' || c == '\t'; };
    for (qsizetype pos = 1; pos + k <= n; ++pos) {
#ifdef __SSE2__
        if (n - k - (pos - 1) >= 16) {
            const __m128i v = _mm_loadu_si128(
                    reinterpret_cast<const __m128i *>(headerValue.data() + pos - 1));
            const unsigned before = unsigned(_mm_movemask_epi8(
                    _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(';')),
                                         _mm_cmpeq_epi8(v, _mm_set1_epi8(' '))),
                            _mm_cmpeq_epi8(v, _mm_set1_epi8('\t')))));
            if (!before) {
                pos += 15; // and one more by the loop
                continue;
            }
            pos += qCountTrailingZeroBits(before);
        }
#endif
        if (!isBefore(headerValue[pos - 1]) || !keyAt(pos))
            continue;
        qsizetype eq = pos + k;
        while (eq < n && headerValue[eq] == ' ')
            ++eq;
        if (eq >= n || headerValue[eq] != '=')
            continue;
        qsizetype v = eq + 1;
        while (v < n && headerValue[v] == ' ')
            ++v;
        if (v < n && headerValue[v] == '"') {
            const qsizetype close = indexOfChar(headerValue, '"', v + 1);
            return headerValue.sliced(v + 1, (close < 0 ? n : close) - v - 1);
        }
        qsizetype e = v;
        while (e < n && headerValue[e] != ';' && headerValue[e] != ' ' && headerValue[e] != '\t')
            ++e;
        return headerValue.sliced(v, e - v);
    }
    return {};
}

#ifdef BD_AVX2_PATHS

// Copies `in` to `out` without its CRs, 32 bytes a step while 32 remain, and moves both on as
// far as it got: a CRLF message (a sixth of a mailbox) cost a memchr and a memmove a line.
// `out` is another buffer, with room for all of `in` from where it starts: it never gets
// ahead of `in`, so the 32 bytes stored at each step, some of them written over next, fit.
__attribute__((target("avx2"))) void dropCarriageReturnsAvx2(
        const char *&in, const char *end, char *&out)
{
    const __m256i cr = _mm256_set1_epi8('\r');
    while (end - in >= 32) {
        const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i *>(in));
        _mm256_storeu_si256(reinterpret_cast<__m256i *>(out), v);
        const unsigned crs = unsigned(_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, cr)));
        if (crs == 0) {
            in += 32;
            out += 32;
            continue;
        }
        const unsigned kept = qCountTrailingZeroBits(crs); // the bytes before the first CR
        out += kept;
        in += kept + 1;
    }
}
#endif

// A field's value is read up to this size unfolded; the folded lines past it are skipped.
constexpr qsizetype maxUnfoldedSize = qsizetype {64} * 1024;

// The size of `rawValue` unfolded: its lines trimmed and joined by one space each.
qsizetype unfoldedSize(QByteArrayView rawValue)
{
    qsizetype size = 0;
    for (qsizetype at = 0; at <= rawValue.size();) {
        qsizetype end = indexOfChar(rawValue, '\n', at);
        if (end < 0)
            end = rawValue.size();
        size += (at == 0 ? 0 : 1) + rawValue.sliced(at, end - at).trimmed().size();
        at = end + 1;
    }
    return size;
}

// MimeParser::parseHeaderBlock() into `headers`, which is empty; returns how much of `block`
// the fields took.
template<typename Headers> qsizetype readHeaderBlock(QByteArrayView block, Headers &headers)
{
    qsizetype pos = 0;
    const qsizetype n = block.size();
    const auto lineEndAt = [&](qsizetype from) {
        const qsizetype end = indexOfChar(block, '\n', from);
        return end < 0 ? n : end;
    };
    while (pos < n) {
        qsizetype end = lineEndAt(pos);
        const QByteArrayView line = block.sliced(pos, end - pos);
        if (isBlank(line)) {
            pos = qMin(end + 1, n);
            break;
        }
        if ((line[0] == ' ' || line[0] == '\t') && !headers.isEmpty()) {
            // A folded line whose field was left at its size limit.
        } else if (qsizetype colon = 0, nameLen = fieldNameLength(line, &colon); nameLen > 0) {
            // The folded lines that follow belong to the field, up to the size limit of its
            // unfolded value.
            const qsizetype valueStart = pos + colon + 1;
            qsizetype foldedEnd = end;
            // The unfolded size is never more than the raw one, so it is measured only once the
            // raw value reaches the limit (-1 until then): trimming every line cost more than
            // the rest of reading a field.
            qsizetype size = -1;
            while (foldedEnd + 1 < n
                    && (block[foldedEnd + 1] == ' ' || block[foldedEnd + 1] == '\t')) {
                const qsizetype next = lineEndAt(foldedEnd + 1);
                const QByteArrayView folded = block.sliced(foldedEnd + 1, next - foldedEnd - 1);
                if (isBlank(folded))
                    break; // a blank line ends the block, even when it holds blanks
                if (size < 0 && foldedEnd - valueStart >= maxUnfoldedSize)
                    size = unfoldedSize(block.sliced(valueStart, foldedEnd - valueStart));
                if (size >= maxUnfoldedSize)
                    break; // the rest of the field is skipped below
                if (size >= 0)
                    size += 1 + folded.trimmed().size();
                foldedEnd = next;
            }
            headers.append({line.first(nameLen), block.sliced(valueStart, foldedEnd - valueStart),
                    foldedEnd != end});
            end = foldedEnd;
        } else if (pos == 0 && line.startsWith("From ")) {
            // mbox separator line in front of the headers
        } else {
            break; // not a header: the body starts here without a blank line
        }
        pos = end + 1;
    }
    return qMin(pos, n);
}

// The body of `part` with its Content-Transfer-Encoding undone where it has one to undo
// (base64, quoted-printable): then it is built in `decoded`, and the answer is true. `body` is
// passed on its own because a message part keeps its body aside until its original is read.
bool undoTransferEncoding(const MimePart &part, QByteArrayView body, QByteArray &decoded)
{
    const QByteArrayView encoding = part.header("content-transfer-encoding", decoded).trimmed();
    if (equalsLower(encoding, "base64"))
        decoded = TextDecoder::decodeBase64(body);
    else if (equalsLower(encoding, "quoted-printable"))
        decoded = TextDecoder::decodeQuotedPrintable(body);
    else
        return false;
    return true;
}

} // namespace

struct MimePartBuilder
{
    // The parts left to parse (MimeParser::maxParts at the start), counted in document order
    // over the whole tree. With `lazy`, the message a message/rfc822 part encloses is parsed
    // only when asked for (MimePart::enclosedMessage()), unless a part after it needs the
    // budget: `pending` is the one part left so far, parsed before the budget is next read,
    // so that every part sees the budget an eager parse gives it.
    struct Budget
    {
        int left = MimeParser::maxParts;
        bool lazy = false;
        MimePart *pending = nullptr; // stays where it is: lists are reserved at their size
    };
    // The budget left, once the enclosed message put off last is parsed.
    static int &left(Budget &budget)
    {
        while (MimePart *part = budget.pending) {
            budget.pending = nullptr;
            parseEnclosed(part->children.emplaceBack(), *part, part->m_deferredBody,
                    part->m_storage, part->m_deferredDepth, budget);
            part->m_deferredDepth = -1;
        }
        return budget.left;
    }
    // `data` lies in `storage`, which the part and all below it share.
    static void parse(MimePart &part, QByteArrayView data, const QByteArray &storage, int depth,
            Budget &budget);
    // A paste: one part whose body is all of `message`.
    static void holdWhole(MimePart &part, const QByteArray &message)
    {
        part.m_storage = message;
        part.body = part.m_storage;
    }
    static void parseMultipart(MimePart &part, QByteArrayView body, const QByteArray &storage,
            int depth, Budget &budget);
    // The message that message part `part`, at `depth`, encloses in `body`, into `child`.
    static void parseEnclosed(MimePart &child, const MimePart &part, QByteArrayView body,
            const QByteArray &storage, int depth, Budget &budget);
};

// `body` is a view into the message: a multipart's children take their parts of it, and the
// multipart itself keeps no copy.
void MimePartBuilder::parseMultipart(
        MimePart &part, QByteArrayView body, const QByteArray &storage, int depth, Budget &budget)
{
    const QByteArrayView boundary = headerParamView(part.m_contentType, "boundary");
    if (boundary.isEmpty() || depth >= MimeParser::maxDepth) {
        part.truncated = depth >= MimeParser::maxDepth;
        part.body = body;
        return;
    }
    // Built in one allocation, from a view of the boundary.
    QByteArray delimiter(2 + boundary.size(), Qt::Uninitialized);
    delimiter[0] = '-';
    delimiter[1] = '-';
    std::memcpy(delimiter.data() + 2, boundary.data(), size_t(boundary.size()));
    // A delimiter is "--boundary" alone on its line (trailing blanks allowed) or the close
    // delimiter "--boundary--"; "--boundary2" is not one of ours.
    // Searched with a skip table made once per multipart: QByteArrayView::indexOf() builds one
    // for each search, and walks the bytes of every part it passes.
    const DelimiterSearch findDelimiter(delimiter);
    auto delimiterAt = [&](qsizetype from) -> qsizetype {
        qsizetype pos = from;
        while (pos < body.size()) {
            const qsizetype at = findDelimiter.indexIn(body, pos);
            if (at < 0)
                return -1;
            const bool lineStart = at == 0 || body[at - 1] == '\n';
            const qsizetype after = at + delimiter.size();
            const bool lineEnd = after >= body.size() || body[after] == '\n' || body[after] == ' '
                    || body[after] == '\t' || body[after] == '-';
            if (lineStart && lineEnd)
                return at;
            pos = at + 1;
        }
        return -1;
    };
    // The parts are found first, so that the list is allocated once at its size: grown part by
    // part, it was allocated and its parts moved two or three times for each multipart. Past
    // the budget no part is parsed, so no more are looked for.
    struct Range
    {
        qsizetype start;
        qsizetype end;
    };
    QVarLengthArray<Range, 8> ranges;
    qsizetype pos = delimiterAt(0);
    const int partsLeft = left(budget);
    while (pos >= 0 && ranges.size() <= qMax(partsLeft, 0)) {
        qsizetype lineEnd = indexOfChar(body, '\n', pos);
        if (lineEnd < 0)
            lineEnd = body.size();
        if (body.sliced(pos + delimiter.size()).startsWith("--"))
            break; // close delimiter
        const qsizetype contentStart = qMin(lineEnd + 1, body.size());
        const qsizetype next = delimiterAt(contentStart);
        // The line break before a delimiter belongs to the delimiter.
        ranges.append({contentStart, next < 0 ? body.size() : qMax(contentStart, next - 1)});
        pos = next;
    }
    part.children.reserve(ranges.size());
    for (const Range &range : ranges) {
        if (--left(budget) < 0) {
            part.truncated = true;
            break;
        }
        // Built where it is kept: a part moved into the list costs as much as a small one parsed.
        parse(part.children.emplaceBack(), body.sliced(range.start, range.end - range.start),
                storage, depth + 1, budget);
    }
}

void MimePartBuilder::parse(
        MimePart &part, QByteArrayView data, const QByteArray &storage, int depth, Budget &budget)
{
    part.m_storage = storage;
    qsizetype consumed = 0;
    part.headers = MimeParser::parseHeaderBlock(data, &consumed);
    const QByteArrayView body = data.sliced(consumed);
    part.m_contentType = part.header("content-type", part.m_unfoldedContentType);
    if (QByteArrayView type = part.m_contentType; !type.isEmpty()) {
        if (const qsizetype semi = indexOfChar(type, ';', 0); semi >= 0)
            type.truncate(semi);
        type = type.trimmed();
        if (indexOfChar(type, '/', 0) >= 0)
            part.mimeType = mimeTypeOf(type);
    }
    if (part.isMultipart()) {
        parseMultipart(part, body, storage, depth, budget);
        return;
    }
    if (part.isMessage() && depth < MimeParser::maxDepth) {
        if (budget.lazy) {
            left(budget); // the one put off before is parsed with the budget it would have had
            part.m_deferredBody = body;
            part.m_deferredDepth = depth;
            part.m_deferredBudget = budget.left;
            budget.pending = &part;
            return;
        }
        parseEnclosed(part.children.emplaceBack(), part, body, storage, depth, budget);
        return;
    }
    part.body = body;
    part.truncated = part.truncated || part.isMessage();
}

void MimePartBuilder::parseEnclosed(MimePart &child, const MimePart &part, QByteArrayView body,
        const QByteArray &storage, int depth, Budget &budget)
{
    QByteArray decoded;
    if (undoTransferEncoding(part, body, decoded)) {
        // The decoded original is a buffer of its own, which its parts share.
        parse(child, decoded, decoded, depth + 1, budget);
    } else {
        // Enclosed as it is (7bit, 8bit, binary): the child reads this view, so a returned
        // original is not copied once more for each level it is nested in.
        parse(child, body, storage, depth + 1, budget);
    }
}

const MimePart *MimePart::enclosedMessage() const
{
    if (!children.isEmpty())
        return isMessage() ? &children.first() : nullptr;
    if (m_deferredDepth < 0)
        return nullptr;
    if (m_lazyEnclosed.isEmpty()) {
        MimePartBuilder::Budget budget {m_deferredBudget, true, nullptr};
        MimePartBuilder::parseEnclosed(m_lazyEnclosed.emplaceBack(), *this, m_deferredBody,
                m_storage, m_deferredDepth, budget);
    }
    return &m_lazyEnclosed.first();
}

bool MimeHeader::hasName(QByteArrayView lowerName) const
{
    return equalsLower(name, lowerName);
}

QByteArrayView MimeHeader::value(QByteArray &scratch) const
{
    if (!mayBeFolded || indexOfChar(rawValue, '\n', 0) < 0)
        return trimmedView(rawValue);
    // Folded: measured first, so that the value is built in one allocation.
    const auto forEachLine = [&](auto &&use) {
        for (qsizetype at = 0; at <= rawValue.size();) {
            qsizetype end = indexOfChar(rawValue, '\n', at);
            if (end < 0)
                end = rawValue.size();
            use(trimmedView(rawValue.sliced(at, end - at)), at == 0);
            at = end + 1;
        }
    };
    qsizetype size = 0;
    forEachLine([&](QByteArrayView line, bool first) { size += (first ? 0 : 1) + line.size(); });
    scratch = QByteArray(size, Qt::Uninitialized);
    char *out = scratch.data();
    forEachLine([&](QByteArrayView line, bool first) {
        if (!first)
            *out++ = ' ';
        std::memcpy(out, line.data(), size_t(line.size()));
        out += line.size();
    });
    return scratch;
}

QByteArray MimeHeader::value() const
{
    QByteArray scratch;
    const QByteArrayView v = value(scratch);
    return v.data() == scratch.constData() ? scratch : v.toByteArray();
}

QByteArray MimePart::header(QByteArrayView name) const
{
    for (const MimeHeader &h : headers) {
        if (h.is(name))
            return h.value();
    }
    return {};
}

QByteArrayView MimePart::header(QByteArrayView name, QByteArray &scratch) const
{
    for (const MimeHeader &h : headers) {
        if (h.is(name))
            return h.value(scratch);
    }
    return {};
}

QByteArray MimePart::contentTypeParam(QByteArrayView param) const
{
    return MimeParser::headerParam(m_contentType, param);
}

QByteArrayView MimePart::decodedBody(QByteArray &scratch) const
{
    return undoTransferEncoding(*this, body, scratch) ? QByteArrayView(scratch) : body;
}

QString MimePart::text() const
{
    QByteArray scratch;
    QByteArrayView bytes = decodedBody(scratch);
    if (indexOfChar(bytes, '\r', 0) >= 0) {
        scratch = MimeParser::normalizeLineEndings(bytes.toByteArray());
        bytes = scratch;
    }
    // The charset as a view: a copy of it was made for every text part.
    QString decoded = TextDecoder::decode(bytes, headerParamView(m_contentType, "charset"));
    if (QByteArrayView(mimeType) == "text/html")
        return TextDecoder::htmlToText(decoded);
    return decoded;
}

QString MimePart::decodedHeader(QByteArrayView name) const
{
    QByteArray scratch;
    return TextDecoder::decodeHeader(header(name, scratch)).trimmed();
}

namespace MimeParser {

QByteArray normalizeLineEndings(QByteArray data)
{
    if (indexOfChar(data, '\r', 0) < 0)
        return data;
    // With LF present, CR only ever decorates a line end ("\r\n", or "\r\r\n" from a double
    // conversion) and is dropped; without LF, CR is the line end (classic Mac files).
    if (indexOfChar(data, '\n', 0) < 0) {
        data.replace('\r', '\n');
        return data;
    }
    // A message shares its bytes with the MailItem it came in: then the text is written into a
    // buffer of its own in one pass, not first copied whole by detaching and then moved up.
    QByteArray result;
    const char *in = nullptr;
    if (data.isDetached()) {
        result = std::move(data);
        in = result.constData();
    } else {
        result = QByteArray(data.size(), Qt::Uninitialized);
        in = data.constData();
    }
    const char *const end = in + result.size();
    char *const out = result.data();
    char *o = out;
#ifdef BD_AVX2_PATHS
    if (in != out && Cpu::avx2())
        dropCarriageReturnsAvx2(in, end, o);
#endif
    while (in < end) {
        const char *cr = static_cast<const char *>(memchr(in, '\r', size_t(end - in)));
        const char *stop = cr ? cr : end;
        if (o != in)
            memmove(o, in, size_t(stop - in));
        o += stop - in;
        in = cr ? cr + 1 : end;
    }
    result.truncate(o - out);
    return result;
}

QList<MimeHeader> parseHeaderBlock(QByteArrayView block, qsizetype *consumed)
{
    // Gathered on the stack and handed out in a list of the exact size: one allocation per
    // block, where a list grown field by field took several for a message's few dozen fields.
    QVarLengthArray<MimeHeader, 64> headers;
    const qsizetype taken = readHeaderBlock(block, headers);
    if (consumed)
        *consumed = taken;
    return QList<MimeHeader>(headers.begin(), headers.end());
}

qsizetype parseHeaderBlock(QByteArrayView block, FieldList &headers)
{
    headers.clear();
    return readHeaderBlock(block, headers);
}

QByteArray headerParam(QByteArrayView headerValue, QByteArrayView param)
{
    // Null when there is none, empty when it is empty, as the view.
    return headerParamView(headerValue, param).toByteArray();
}

bool looksLikeHeaders(QByteArrayView data)
{
    qsizetype pos = 0;
    if (data.startsWith("From ")) {
        pos = data.indexOf('\n');
        if (pos < 0)
            return false;
        ++pos;
    }
    // A pasted line such as "Subject: ..." alone is not a message: require the first line to be
    // a field and at least two fields that only a real header block carries.
    static const QByteArrayView markers[] = {"received", "return-path", "message-id", "date",
            "mime-version", "content-type", "from", "delivered-to"};
    int hits = 0;
    bool first = true;
    const qsizetype limit = qMin<qsizetype>(data.size(), 8192);
    while (pos < limit) {
        qsizetype end = indexOfChar(data, '\n', pos);
        if (end < 0)
            end = data.size();
        const QByteArrayView line = data.sliced(pos, end - pos);
        pos = end + 1;
        if (line.isEmpty() || line == "\r")
            break; // end of the header block
        if (line[0] == ' ' || line[0] == '\t')
            continue; // folded continuation
        const qsizetype nameLen = fieldNameLength(line);
        if (nameLen <= 0) {
            if (first)
                return false;
            break;
        }
        first = false;
        const QByteArrayView name = line.first(nameLen);
        if (name.size() > 2 && (name[0] == 'X' || name[0] == 'x') && name[1] == '-') {
            ++hits;
        } else {
            for (const QByteArrayView &m : markers) {
                if (equalsLower(name, m)) { // sizes first; a name is ASCII
                    ++hits;
                    break;
                }
            }
        }
        if (hits >= 2)
            return true;
    }
    return false;
}

MimePart parse(QByteArray message, EnclosedMessages enclosed)
{
    message = normalizeLineEndings(std::move(message));
    MimePart root;
    if (!looksLikeHeaders(message)) {
        MimePartBuilder::holdWhole(root, message);
        return root;
    }
    MimePartBuilder::Budget budget;
    budget.lazy = enclosed == EnclosedMessages::WhenAsked;
    MimePartBuilder::parse(root, message, message, 0, budget);
    return root;
}

} // namespace MimeParser
} // namespace bd
