// SPDX-License-Identifier: GPL-3.0-or-later
#include "util/TextDecoder.h"

#include "util/Cpu.h"

#include <QStringDecoder>
#include <QtAlgorithms>

#include <algorithm>
#include <array>
#include <cstring>
#include <memory>
#include <vector>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace bd::TextDecoder {
namespace {

// Mail software labels text with a charset name whose real content is often a superset of it;
// decoding with the superset loses nothing and fixes the common mislabels.
struct CharsetAlias
{
    const char *declared;
    const char *decodeAs;
};
constexpr std::array charsetAliases {
        CharsetAlias {"gb2312", "GB18030"},
        CharsetAlias {"gbk", "GB18030"},
        CharsetAlias {"x-gbk", "GB18030"},
        CharsetAlias {"cp936", "GB18030"},
        CharsetAlias {"euc-cn", "GB18030"},
        CharsetAlias {"iso-8859-1", "windows-1252"},
        CharsetAlias {"us-ascii", "UTF-8"},
        CharsetAlias {"ascii", "UTF-8"},
        CharsetAlias {"ks_c_5601-1987", "CP949"},
        CharsetAlias {"euc-kr", "CP949"},
        CharsetAlias {"shift_jis", "windows-31j"},
        CharsetAlias {"sjis", "windows-31j"},
        CharsetAlias {"x-sjis", "windows-31j"},
        CharsetAlias {"big5", "Big5-HKSCS"},
        CharsetAlias {"utf8", "UTF-8"},
};

// Charsets (as decoded) whose decoders read printable ASCII, tabs and line ends as ASCII, each
// checked against ICU in tst_textdecoder. Text in them that holds nothing else, as most of a
// bounce does, is widened as it is instead of going through an ICU converter.
constexpr std::array<const char *, 3> asciiTransparent {
        "windows-1252", "iso-8859-15", "iso-2022-jp"};

// Where in a text those charsets' converters read such ASCII as ASCII. Text that holds some
// other bytes is widened run by run there, and only the rest goes through the converter: an
// ICU converter costs tens of instructions a byte, and a Japanese bounce is nearly all ASCII.
enum class AsciiRuns {
    Anywhere, // single-byte charsets: their converters keep no state
    // ISO-2022-JP: at the start and after its ASCII designation ESC ( B, once the converter
    // has read one character there (an escape right after one is an error it reports).
    AfterAsciiDesignation,
};
AsciiRuns asciiRunsOf(QByteArrayView decodeAs)
{
    return decodeAs == "iso-2022-jp" ? AsciiRuns::AfterAsciiDesignation : AsciiRuns::Anywhere;
}

// Printable ASCII, tab and line ends: what those charsets read as ASCII.
bool isRunByte(char c)
{
    return (c >= 0x20 && c <= 0x7e) || c == '\n' || c == '\t' || c == '\r';
}

#ifdef __SSE2__
// A bit for each of the sixteen bytes at `p` that is no run byte. A byte of 0x80 or more is
// negative to the signed compare, so below 0x20 with the control characters.
unsigned notRunBytes(const char *p)
{
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
    const __m128i outside = _mm_or_si128(
            _mm_cmplt_epi8(v, _mm_set1_epi8(0x20)), _mm_cmpgt_epi8(v, _mm_set1_epi8(0x7e)));
    const __m128i allowed = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\n')),
                                                 _mm_cmpeq_epi8(v, _mm_set1_epi8('\t'))),
            _mm_cmpeq_epi8(v, _mm_set1_epi8('\r')));
    return unsigned(_mm_movemask_epi8(_mm_andnot_si128(allowed, outside)));
}
#endif

bool isPlainAscii(QByteArrayView bytes)
{
    qsizetype i = 0;
#ifdef __SSE2__
    // Sixteen bytes a step.
    for (; bytes.size() - i >= 16; i += 16) {
        if (notRunBytes(bytes.data() + i))
            return false;
    }
#endif
    for (const char c : bytes.sliced(i)) {
        if (!isRunByte(c))
            return false;
    }
    return true;
}

// How many run bytes `bytes` starts with, widened into `out` as they are counted. `out` has
// room for as many characters as `bytes` has bytes.
qsizetype widenRun(QByteArrayView bytes, char16_t *out)
{
    const qsizetype n = bytes.size();
    qsizetype i = 0;
#ifdef __SSE2__
    while (n - i >= 16) {
        const char *const p = bytes.data() + i;
        // Widened whole, then counted: the characters past the run are written over next.
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
        const __m128i zero = _mm_setzero_si128();
        _mm_storeu_si128(reinterpret_cast<__m128i *>(out + i), _mm_unpacklo_epi8(v, zero));
        _mm_storeu_si128(reinterpret_cast<__m128i *>(out + i + 8), _mm_unpackhi_epi8(v, zero));
        if (const unsigned stop = notRunBytes(p))
            return i + qCountTrailingZeroBits(stop);
        i += 16;
    }
#endif
    while (i < n && isRunByte(bytes[i])) {
        out[i] = uchar(bytes[i]);
        ++i;
    }
    return i;
}

// A run shorter than this is left to the converter with what surrounds it: each call into
// the converter costs more than it would take to decode.
constexpr qsizetype minWidenedRun = 16;

// Where the converter's part of `bytes` that starts at `from` ends: before the next run long
// enough to widen (Anywhere), or after the next ASCII designation and the first character of
// the run it begins (AfterAsciiDesignation). The size when there is none.
qsizetype convertedPartEnd(QByteArrayView bytes, qsizetype from, AsciiRuns runs)
{
    const qsizetype n = bytes.size();
    if (runs == AsciiRuns::AfterAsciiDesignation) {
        // An ESC always starts an escape sequence for the converter: it is neither the trail
        // of a double-byte character nor a byte of another sequence.
        for (qsizetype at = from; at + 4 <= n; ++at) {
            const void *esc = std::memchr(bytes.data() + at, '\x1b', size_t(n - at));
            if (!esc)
                break;
            at = static_cast<const char *>(esc) - bytes.data();
            if (at + 4 <= n && bytes[at + 1] == '(' && bytes[at + 2] == 'B'
                    && isRunByte(bytes[at + 3]))
                return at + 4;
        }
        return n;
    }
    for (qsizetype at = from; at < n;) {
        if (!isRunByte(bytes[at])) {
            ++at;
            continue;
        }
        qsizetype end = at + 1;
        while (end < n && end - at < minWidenedRun && isRunByte(bytes[end]))
            ++end;
        if (end - at >= minWidenedRun || end == n)
            return at;
        at = end;
    }
    return n;
}

// `bytes` (not empty) through `decoder`, but for the runs of ASCII that `runs` allows, which
// are widened as they are: the same text as decoder.decode(bytes), and the same errors.
QString decodeAroundAsciiRuns(QStringDecoder &decoder, QByteArrayView bytes, AsciiRuns runs)
{
    // Room for what the decoder may write for all of it: widened runs take less.
    QString text(qMax(decoder.requiredSpace(bytes.size()), bytes.size()), Qt::Uninitialized);
    auto *const begin = reinterpret_cast<char16_t *>(text.data());
    char16_t *o = begin;
    const qsizetype n = bytes.size();
    qsizetype at = 0;
    while (at < n) {
        const qsizetype run = widenRun(bytes.sliced(at), o);
        o += run;
        at += run;
        if (at == n)
            break;
        const qsizetype end = convertedPartEnd(bytes, at, runs);
        o = reinterpret_cast<char16_t *>(
                decoder.appendToBuffer(reinterpret_cast<QChar *>(o), bytes.sliced(at, end - at)));
        at = end;
    }
    text.truncate(o - begin);
    return text;
}

// Converters opened once for each thread and charset name, and reset for each text: opening
// one costs more than decoding a bounce's text with it. One that met an error is let go,
// because hasError() stays set through a reset.
class ConverterCache
{
public:
    QStringDecoder &get(const QByteArray &name)
    {
        for (const std::unique_ptr<Entry> &entry : m_entries) {
            if (entry->name == name) {
                entry->decoder.resetState();
                return entry->decoder;
            }
        }
        if (m_entries.size() >= maxEntries)
            m_entries.erase(m_entries.begin());
        // Built where it stays: ICU reports errors to the address the decoder had when it was
        // made, and Qt 6.4 does not follow a decoder that was moved.
        return m_entries.emplace_back(new Entry {name, QStringDecoder(name.constData())})->decoder;
    }
    void release(const QStringDecoder &decoder)
    {
        if (!decoder.hasError())
            return;
        for (auto it = m_entries.begin(); it != m_entries.end(); ++it) {
            if (&(*it)->decoder == &decoder) {
                m_entries.erase(it);
                return;
            }
        }
    }

private:
    static constexpr size_t maxEntries = 8; // mail in a mailbox comes in a few charsets
    struct Entry
    {
        QByteArray name;
        QStringDecoder decoder;
    };
    std::vector<std::unique_ptr<Entry>> m_entries;
};

ConverterCache &converters()
{
    thread_local ConverterCache cache;
    return cache;
}

// Widens the ASCII bytes at the start of `bytes` into `out`; returns how many there were.
#ifdef BD_AVX2_PATHS

// widenAsciiStart()'s first steps, 32 bytes each where the processor has AVX2: every text
// part and header value is widened so. Stops before the first step with a byte of 0x80 or
// more; returns how many were widened.
__attribute__((target("avx2"))) qsizetype widenAsciiAvx2(const uchar *p, qsizetype n, char16_t *out)
{
    qsizetype i = 0;
    for (; n - i >= 32; i += 32) {
        const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i *>(p + i));
        if (_mm256_movemask_epi8(v))
            break;
        _mm256_storeu_si256(reinterpret_cast<__m256i *>(out + i),
                _mm256_cvtepu8_epi16(_mm256_castsi256_si128(v)));
        _mm256_storeu_si256(reinterpret_cast<__m256i *>(out + i + 16),
                _mm256_cvtepu8_epi16(_mm256_extracti128_si256(v, 1)));
    }
    return i;
}
#endif

qsizetype widenAsciiStart(QByteArrayView bytes, char16_t *out)
{
    const auto *p = reinterpret_cast<const uchar *>(bytes.data());
    const qsizetype n = bytes.size();
    qsizetype i = 0;
#ifdef BD_AVX2_PATHS
    if (n >= 32 && Cpu::avx2())
        i = widenAsciiAvx2(p, n, out);
#endif
#ifdef __SSE2__
    while (n - i >= 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p + i));
        if (_mm_movemask_epi8(v))
            break; // a byte of 0x80 or more among them
        const __m128i zero = _mm_setzero_si128();
        _mm_storeu_si128(reinterpret_cast<__m128i *>(out + i), _mm_unpacklo_epi8(v, zero));
        _mm_storeu_si128(reinterpret_cast<__m128i *>(out + i + 8), _mm_unpackhi_epi8(v, zero));
        i += 16;
    }
#endif
    while (i < n && p[i] < 0x80) {
        out[i] = p[i];
        ++i;
    }
    return i;
}

QString decodeFallback(QByteArrayView bytes)
{
    if (bytes.isEmpty())
        return QString::fromUtf8(bytes); // null for null, as it was
    // Mail is nearly all ASCII: it is widened as it is checked, in one pass, where checking the
    // whole for UTF-8 and then decoding it took two.
    QString text(bytes.size(), Qt::Uninitialized);
    const qsizetype ascii = widenAsciiStart(bytes, reinterpret_cast<char16_t *>(text.data()));
    if (ascii == bytes.size())
        return text;
    // The rest is decoded from the last ASCII byte on: fromUtf8() drops a byte order mark that
    // starts what it is given, and one after ASCII text is not at the start of the whole.
    const qsizetype keep = qMax<qsizetype>(ascii - 1, 0);
    const QByteArrayView rest = bytes.sliced(keep);
    if (isValidUtf8(rest)) {
        if (keep == 0)
            return QString::fromUtf8(bytes);
        text.truncate(keep);
        text += QString::fromUtf8(rest);
        return text;
    }
    QStringDecoder &cp1252 = converters().get(QByteArrayLiteral("windows-1252"));
    if (cp1252.isValid()) {
        QString decoded = cp1252.decode(bytes);
        converters().release(cp1252);
        return decoded;
    }
    return QString::fromLatin1(bytes);
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

} // namespace

bool isValidUtf8(QByteArrayView bytes)
{
    const auto *p = reinterpret_cast<const unsigned char *>(bytes.data());
    const qsizetype n = bytes.size();
    qsizetype i = 0;
    constexpr quint64 highBits = 0x8080808080808080ULL;
    while (i < n) {
        // Mail is nearly all ASCII: 32 bytes a step, then eight, while none has its high bit
        // set. The 32-byte step is a third of the instructions of four eight-byte ones.
        if (quint64 words[4]; i + 32 <= n) {
            std::memcpy(words, p + i, sizeof words);
            if (!((words[0] | words[1] | words[2] | words[3]) & highBits)) {
                i += 32;
                continue;
            }
        }
        if (quint64 word; i + 8 <= n) {
            std::memcpy(&word, p + i, sizeof word);
            if (!(word & highBits)) {
                i += 8;
                continue;
            }
        }
        const unsigned char c = p[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        int extra = 0;
        if ((c & 0xE0) == 0xC0 && c >= 0xC2)
            extra = 1;
        else if ((c & 0xF0) == 0xE0)
            extra = 2;
        else if ((c & 0xF8) == 0xF0 && c <= 0xF4)
            extra = 3;
        else
            return false;
        if (i + extra >= n)
            return false;
        for (int k = 1; k <= extra; ++k) {
            if ((p[i + k] & 0xC0) != 0x80)
                return false;
        }
        i += extra + 1;
    }
    return true;
}

namespace {

std::optional<QStringConverter::Encoding> unicodeBom(QByteArrayView bytes)
{
    const auto at = [&](qsizetype i) { return i < bytes.size() ? uchar(bytes[i]) : 0x100; };
    if (at(0) == 0xFF && at(1) == 0xFE)
        return at(2) == 0 && at(3) == 0 ? QStringConverter::Utf32LE : QStringConverter::Utf16LE;
    if (at(0) == 0xFE && at(1) == 0xFF)
        return QStringConverter::Utf16BE;
    if (at(0) == 0 && at(1) == 0 && at(2) == 0xFE && at(3) == 0xFF)
        return QStringConverter::Utf32BE;
    return std::nullopt;
}

} // namespace

bool hasUnicodeBom(QByteArrayView bytes)
{
    return unicodeBom(bytes).has_value();
}

std::optional<QByteArray> utf8FromUnicodeBom(QByteArrayView bytes)
{
    const std::optional<QStringConverter::Encoding> encoding = unicodeBom(bytes);
    if (!encoding)
        return std::nullopt;
    QStringDecoder decoder(*encoding); // drops the mark
    const QString text = decoder.decode(bytes);
    return text.toUtf8();
}

QString decode(QByteArrayView bytes, QByteArrayView charset)
{
    // The charsets most text parts declare are told without building a lower-case copy.
    const QByteArrayView declared = charset.trimmed();
    if (declared.isEmpty() || declared.compare("utf-8", Qt::CaseInsensitive) == 0
            || declared.compare("us-ascii", Qt::CaseInsensitive) == 0)
        return decodeFallback(bytes);
    const QByteArray name = declared.toByteArray().toLower();
    QByteArray decodeAs = name;
    for (const CharsetAlias &alias : charsetAliases) {
        if (name == alias.declared) {
            decodeAs = alias.decodeAs;
            break;
        }
    }
    if (decodeAs == "UTF-8")
        return decodeFallback(bytes);
    const bool transparent = std::find(asciiTransparent.begin(), asciiTransparent.end(), decodeAs)
            != asciiTransparent.end();
    if (transparent && isPlainAscii(bytes))
        return QString::fromLatin1(bytes);
    QStringDecoder *decoder = &converters().get(decodeAs);
    if (!decoder->isValid())
        decoder = &converters().get(name);
    if (!decoder->isValid())
        return decodeFallback(bytes);
    QString text = transparent && !bytes.isEmpty()
            ? decodeAroundAsciiRuns(*decoder, bytes, asciiRunsOf(decodeAs))
            : decoder->decode(bytes);
    const bool failed = decoder->hasError();
    converters().release(*decoder);
    if (failed && isValidUtf8(bytes))
        return QString::fromUtf8(bytes);
    return text;
}

QByteArray decodeQuotedPrintable(QByteArrayView in)
{
    QByteArray out(in.size(), Qt::Uninitialized);
    char *o = out.data();
    const char *p = in.data();
    const qsizetype n = in.size();
    for (qsizetype i = 0; i < n; ++i) {
        const char c = p[i];
        if (c != '=') {
            // The text up to the next '=' as it is, in one copy.
            const void *eq = std::memchr(p + i, '=', size_t(n - i));
            const qsizetype run = (eq ? static_cast<const char *>(eq) - p : n) - i;
            std::memcpy(o, p + i, size_t(run));
            o += run;
            i += run - 1;
            continue;
        }
        // Soft line break: "=" then optional trailing blanks, then the line end.
        qsizetype j = i + 1;
        while (j < n && (p[j] == ' ' || p[j] == '\t'))
            ++j;
        if (j < n && (p[j] == '\n' || p[j] == '\r')) {
            if (p[j] == '\r' && j + 1 < n && p[j + 1] == '\n')
                ++j;
            i = j;
            continue;
        }
        if (j >= n) {
            i = j;
            continue;
        }
        if (i + 2 < n) {
            const int hi = hexValue(p[i + 1]);
            const int lo = hexValue(p[i + 2]);
            if (hi >= 0 && lo >= 0) {
                *o++ = char(hi * 16 + lo);
                i += 2;
                continue;
            }
        }
        *o++ = c; // a stray '=' is kept as written
    }
    out.truncate(o - out.constData());
    return out;
}

QByteArray decodeBase64(QByteArrayView encoded)
{
    // fromBase64 skips characters outside the alphabet, which is what a broken or
    // line-wrapped body needs; it never fails.
    return QByteArray::fromBase64(encoded.toByteArray());
}

namespace {

// value.indexOf("=?", from) by memchr: most header values hold no encoded word at all, and Qt's
// substring search costs more than the rest of decoding them.
qsizetype encodedWordStart(QByteArrayView value, qsizetype from)
{
    const char *const data = value.data();
    const qsizetype n = value.size();
    while (from < n) {
        const void *hit = std::memchr(data + from, '=', size_t(n - from));
        if (!hit)
            return -1;
        const qsizetype at = static_cast<const char *>(hit) - data;
        if (at + 1 < n && data[at + 1] == '?')
            return at;
        from = at + 1;
    }
    return -1;
}

} // namespace

QString decodeHeader(QByteArrayView value)
{
    // Most values hold no encoded word: decoded whole and handed out, not appended to a string
    // built for the pieces. Nothing stays null, as it was.
    if (value.isEmpty())
        return {};
    if (encodedWordStart(value, 0) < 0)
        return decodeFallback(value);
    QString out;
    qsizetype pos = 0;
    bool lastWasEncoded = false;
    const qsizetype n = value.size();
    while (pos < n) {
        const qsizetype start = encodedWordStart(value, pos);
        if (start < 0) {
            out += decodeFallback(value.sliced(pos));
            break;
        }
        const qsizetype q1 = value.indexOf('?', start + 2);
        const qsizetype q2 = q1 < 0 ? -1 : value.indexOf('?', q1 + 1);
        const qsizetype end = q2 < 0 ? -1 : value.indexOf("?=", q2 + 1);
        if (q1 < 0 || q2 != q1 + 2 || end < 0) {
            out += decodeFallback(value.sliced(pos, start + 2 - pos));
            pos = start + 2;
            lastWasEncoded = false;
            continue;
        }
        const QByteArrayView between = value.sliced(pos, start - pos);
        // Whitespace between two adjacent encoded words is not part of the text (RFC 2047 6.2).
        if (!(lastWasEncoded && between.trimmed().isEmpty()))
            out += decodeFallback(between);
        QByteArray charset = value.sliced(start + 2, q1 - start - 2).toByteArray();
        if (const qsizetype star = charset.indexOf('*'); star >= 0)
            charset.truncate(star); // RFC 2231 language suffix
        const char encoding = char(value[q1 + 1] | 0x20);
        const QByteArrayView payload = value.sliced(q2 + 1, end - q2 - 1);
        QByteArray raw;
        if (encoding == 'b') {
            raw = decodeBase64(payload);
        } else {
            QByteArray underscored = payload.toByteArray();
            underscored.replace('_', ' ');
            raw = decodeQuotedPrintable(underscored);
        }
        out += decode(raw, charset);
        pos = end + 2;
        lastWasEncoded = true;
    }
    return out;
}

QString htmlEntity(QStringView name)
{
    // The named entities NDR bodies use; a renderer would know the 2,000 of HTML 5.
    static constexpr struct
    {
        QStringView name;
        char16_t text;
    } named[] = {{u"nbsp", u' '}, {u"lt", u'<'}, {u"gt", u'>'}, {u"amp", u'&'}, {u"quot", u'"'},
            {u"apos", u'\''}};
    for (const auto &entity : named) {
        if (name == entity.name)
            return QString(QChar(entity.text));
    }
    if (!name.startsWith(u'#'))
        return {};
    bool ok = false;
    const uint code = name.size() > 1 && (name[1] == u'x' || name[1] == u'X')
            ? name.sliced(2).toUInt(&ok, 16)
            : name.sliced(1).toUInt(&ok, 10);
    if (!ok || code == 0 || code >= 0x110000)
        return {};
    return QString::fromUcs4(reinterpret_cast<const char32_t *>(&code), 1);
}

QString htmlToText(QStringView html)
{
    // Written straight into a string as long as the HTML, which the text never outgrows: a tag
    // becomes one character at most, an entity at most two, and the rest is copied.
    QString out(html.size(), Qt::Uninitialized);
    char16_t *const begin = reinterpret_cast<char16_t *>(out.data());
    char16_t *o = begin;
    const auto put = [&](char16_t u) { *o++ = u; };
    const qsizetype n = html.size();
    qsizetype i = 0;
    auto startsWithTag = [&](qsizetype at, QLatin1StringView tag) {
        if (n - at < tag.size())
            return false;
        // ASCII by hand; Qt's case folding only for text that is not ASCII ("ſ" folds to "s").
        for (qsizetype k = 0; k < tag.size(); ++k) {
            const char16_t u = html[at + k].unicode();
            if (u >= 0x80)
                return html.sliced(at).startsWith(tag, Qt::CaseInsensitive);
            const char16_t lower = u >= u'A' && u <= u'Z' ? char16_t(u + 32) : u;
            if (lower != tag[k].unicode())
                return false;
        }
        return true;
    };
    while (i < n) {
        // Text between the characters that need a look is copied in one go. They all come
        // before '<' in the code table, and most text after it.
        qsizetype run = i;
#ifdef __SSE2__
        // Eight characters a step: an HTML part can be a hundred KiB of markup.
        while (n - run >= 8) {
            const __m128i v =
                    _mm_loadu_si128(reinterpret_cast<const __m128i *>(html.utf16() + run));
            const auto is = [&](char16_t u) {
                return _mm_cmpeq_epi16(v, _mm_set1_epi16(short(u)));
            };
            const __m128i special = _mm_or_si128(_mm_or_si128(is(u'<'), is(u'&')),
                    _mm_or_si128(_mm_or_si128(is(u'\r'), is(u'\n')), is(u'\t')));
            if (const unsigned hits = unsigned(_mm_movemask_epi8(special))) {
                run += qCountTrailingZeroBits(hits) / 2;
                break;
            }
            run += 8;
        }
#endif
        while (run < n) {
            const char16_t u = html[run].unicode();
            if (u <= u'<' && (u == u'<' || u == u'&' || u == u'\r' || u == u'\n' || u == u'\t'))
                break;
            ++run;
        }
        if (run > i) {
            std::memcpy(o, html.utf16() + i, size_t(run - i) * sizeof(char16_t));
            o += run - i;
            i = run;
            continue;
        }
        const QChar c = html[i];
        if (c == u'<') {
            const qsizetype close = html.indexOf(u'>', i);
            if (close < 0)
                break;
            // A tag is compared only where its second letter stands. A character past ASCII
            // may be one Qt's case folding takes to an ASCII letter ("ſ" to "s"): then every
            // tag is.
            const char16_t second = i + 1 < n ? html[i + 1].unicode() : u'\0';
            const char16_t key = second >= u'A' && second <= u'Z' ? char16_t(second + 32) : second;
            const auto tagHere = [&](QLatin1StringView tag) {
                return (second >= 0x80 || key == tag[1].unicode()) && startsWithTag(i, tag);
            };
            if (tagHere(QLatin1StringView("<style")) || tagHere(QLatin1StringView("<script"))) {
                const bool style = startsWithTag(i, QLatin1StringView("<style"));
                const qsizetype endTag =
                        html.indexOf(style ? u"</style" : u"</script", close, Qt::CaseInsensitive);
                i = endTag < 0 ? n : html.indexOf(u'>', endTag) + 1;
                if (i <= 0)
                    i = n;
                continue;
            }
            static const QLatin1StringView breaks[] = {QLatin1StringView("<br"),
                    QLatin1StringView("<p"), QLatin1StringView("</p"), QLatin1StringView("<div"),
                    QLatin1StringView("</div"), QLatin1StringView("<tr"), QLatin1StringView("<li"),
                    QLatin1StringView("</h"), QLatin1StringView("</table")};
            if (std::any_of(std::begin(breaks), std::end(breaks), tagHere))
                put(u'\n');
            if (tagHere(QLatin1StringView("<td")) || tagHere(QLatin1StringView("<th")))
                put(u' ');
            i = close + 1;
            continue;
        }
        if (c == u'&') {
            const qsizetype semi = html.indexOf(u';', i);
            if (semi > i && semi - i <= 10) {
                const QString decoded = TextDecoder::htmlEntity(html.sliced(i + 1, semi - i - 1));
                if (!decoded.isNull()) {
                    for (const QChar d : std::as_const(decoded))
                        put(d.unicode());
                    i = semi + 1;
                    continue;
                }
            }
        }
        if (c == u'\r' || c == u'\n' || c == u'\t')
            put(u' ');
        else
            put(c.unicode());
        ++i;
    }
    out.truncate(o - begin);
    return out;
}

} // namespace bd::TextDecoder
