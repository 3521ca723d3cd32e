// SPDX-License-Identifier: GPL-3.0-or-later
#include "util/JsonDocument.h"

#include "AppInfo.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtEndian>

#include <algorithm>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace bd::JsonDocument {

QJsonObject envelope(const QJsonObject &body)
{
    QJsonObject doc = body;
    doc.insert(u"schema", AppInfo::jsonSchema);
    doc.insert(u"tool", QStringLiteral("bounce-doctor"));
    doc.insert(u"version", QString::fromLatin1(AppInfo::version));
    return doc;
}

QByteArray serialize(const QJsonObject &document)
{
    return QJsonDocument(document).toJson(QJsonDocument::Indented);
}

QJsonValue orNull(const QString &s)
{
    return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}

char *writeString(char *o, QStringView s)
{
    static constexpr char hex[] = "0123456789abcdef";
    *o++ = '"';
    const char16_t *p = s.utf16();
    const char16_t *const begin = p;
    const char16_t *const end = p + s.size();
    // Four units on one 64-bit word: a lane of 0x80 or more, below 0x20, or equal to 0x22 or
    // 0x5c is one that is not written as its own byte.
    constexpr quint64 lanes = 0x0001000100010001ULL;
    constexpr quint64 highs = lanes * 0x8000;
    const auto plain4 = [](quint64 w) {
        const quint64 quote = w ^ (lanes * u'"');
        const quint64 slash = w ^ (lanes * u'\\');
        return !((w & (lanes * 0xff80)) || ((w - lanes * 0x20) & ~w & highs)
                || ((quote - lanes) & ~quote & highs) || ((slash - lanes) & ~slash & highs));
    };
    const auto put4 = [](char *at, quint64 w) {
        at[0] = char(w);
        at[1] = char(w >> 16);
        at[2] = char(w >> 32);
        at[3] = char(w >> 48);
    };
#ifdef __SSE2__
    // Sixteen units packed to sixteen bytes with unsigned saturation: a unit of 0x100 to 0x7fff
    // becomes 0xff, one of 0x8000 or more 0 (read as signed), so one signed byte compare below
    // 0x20 finds the control characters and all that is not ASCII.
    const auto pack = [](const char16_t *first, const char16_t *second) {
        return _mm_packus_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i *>(first)),
                _mm_loadu_si128(reinterpret_cast<const __m128i *>(second)));
    };
    const auto stops = [](__m128i bytes) {
        return _mm_movemask_epi8(_mm_or_si128(_mm_cmplt_epi8(bytes, _mm_set1_epi8(0x20)),
                _mm_or_si128(_mm_cmpeq_epi8(bytes, _mm_set1_epi8('"')),
                        _mm_cmpeq_epi8(bytes, _mm_set1_epi8('\\')))));
    };
#endif
    // The last units of a string (most strings are short: an action, a status, a host) are
    // taken in one step that reaches back over units already written: when every unit of the
    // step is written as its own byte, so were those, and storing them again changes nothing.
    bool tailTried = false;
    while (p != end) {
#ifdef __SSE2__
        // Diagnostics and explanations are long runs of plain ASCII.
        while (end - p >= 16) {
            const __m128i bytes = pack(p, p + 8);
            if (stops(bytes))
                break;
            _mm_storeu_si128(reinterpret_cast<__m128i *>(o), bytes);
            o += 16;
            p += 16;
        }
        if (!tailTried && p != end && end - p < 16 && end - begin >= 8) {
            tailTried = true;
            const char16_t *const from = std::max(begin, end - 16);
            const __m128i bytes = pack(from, end - 8);
            if (!stops(bytes)) {
                char *const at = o - (p - from);
                _mm_storel_epi64(reinterpret_cast<__m128i *>(at), bytes);
                _mm_storel_epi64(reinterpret_cast<__m128i *>(at + (end - 8 - from)),
                        _mm_unpackhi_epi64(bytes, bytes));
                o += end - p;
                break;
            }
        }
#endif
        // Four units a step while they are plain (with SSE2 only what is left under sixteen).
        while (end - p >= 4) {
            const quint64 w = qFromLittleEndian<quint64>(p);
            if (!plain4(w))
                break;
            put4(o, w);
            o += 4;
            p += 4;
        }
        if (!tailTried && p != end && end - p < 4 && end - begin >= 4) {
            tailTried = true;
            const quint64 w = qFromLittleEndian<quint64>(end - 4);
            if (plain4(w)) {
                put4(o - (p - (end - 4)), w);
                o += end - p;
                break;
            }
        }
        if (p == end)
            break;
        const char16_t u = *p++;
        if (u >= 0x20 && u < 0x80) {
            if (u == u'"' || u == u'\\')
                *o++ = '\\';
            *o++ = char(u);
        } else if (u < 0x80) {
            *o++ = '\\';
            switch (u) {
            case 0x8:
                *o++ = 'b';
                break;
            case 0xc:
                *o++ = 'f';
                break;
            case 0xa:
                *o++ = 'n';
                break;
            case 0xd:
                *o++ = 'r';
                break;
            case 0x9:
                *o++ = 't';
                break;
            default:
                *o++ = 'u';
                *o++ = '0';
                *o++ = '0';
                *o++ = hex[u >> 4];
                *o++ = hex[u & 0xf];
            }
        } else if (u < 0x800) {
            *o++ = char(0xc0 | (u >> 6));
            *o++ = char(0x80 | (u & 0x3f));
        } else if (!QChar::isSurrogate(u)) {
            *o++ = char(0xe0 | (u >> 12));
            *o++ = char(0x80 | ((u >> 6) & 0x3f));
            *o++ = char(0x80 | (u & 0x3f));
        } else if (QChar::isHighSurrogate(u) && p != end && QChar::isLowSurrogate(*p)) {
            const char32_t c = QChar::surrogateToUcs4(u, *p++);
            *o++ = char(0xf0 | (c >> 18));
            *o++ = char(0x80 | ((c >> 12) & 0x3f));
            *o++ = char(0x80 | ((c >> 6) & 0x3f));
            *o++ = char(0x80 | (c & 0x3f));
        } else {
            *o++ = '\\';
            *o++ = 'u';
            *o++ = hex[(u >> 12) & 0xf];
            *o++ = hex[(u >> 8) & 0xf];
            *o++ = hex[(u >> 4) & 0xf];
            *o++ = hex[u & 0xf];
        }
    }
    *o++ = '"';
    return o;
}

QStringList strings(const QJsonValue &array)
{
    QStringList out;
    for (const QJsonValue &v : array.toArray())
        out << v.toString();
    return out;
}

} // namespace bd::JsonDocument
