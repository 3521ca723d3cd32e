// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/TerminalSafeDevice.h"

#include <cstring>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace bd {
namespace {

const char hexDigits[] = "0123456789abcdef";

void appendEscaped(QByteArray &out, const char *prefix, uchar c)
{
    out += prefix;
    out += hexDigits[c >> 4];
    out += hexDigits[c & 0xf];
}

// A byte the filter passes on unchanged whatever comes before or after it.
bool plain(uchar c)
{
    return c >= 0x20 ? c != 0xc2 : c == '\n' || c == '\t';
}

// The end of the run of plain bytes from `from`. Sixteen (or eight) bytes a step while none of
// them is below 0x20 or is 0xC2 (the output is nearly all such bytes); a newline or tab stops
// only that step.
qint64 plainRunEnd(const char *data, qint64 from, qint64 size)
{
    constexpr quint64 ones = 0x0101010101010101ULL;
    constexpr quint64 highs = 0x8080808080808080ULL;
    qint64 i = from;
    for (;;) {
#ifdef __SSE2__
        while (i + 16 <= size) {
            const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(data + i));
            const __m128i atLeastSpace = _mm_cmpeq_epi8(_mm_max_epu8(v, _mm_set1_epi8(0x20)), v);
            const __m128i lead = _mm_cmpeq_epi8(v, _mm_set1_epi8(char(0xc2)));
            if (_mm_movemask_epi8(_mm_andnot_si128(lead, atLeastSpace)) != 0xffff)
                break;
            i += 16;
        }
#endif
        while (i + 8 <= size) {
            quint64 word = 0;
            std::memcpy(&word, data + i, sizeof word);
            const quint64 c2 = word ^ (ones * 0xc2);
            if (((word - ones * 0x20) & ~word & highs) | ((c2 - ones) & ~c2 & highs))
                break;
            i += 8;
        }
        const qint64 stop = qMin(i + 8, size);
        while (i < stop && plain(uchar(data[i])))
            ++i;
        if (i < stop || i == size)
            return i;
    }
}

} // namespace

TerminalSafeDevice::TerminalSafeDevice(FILE *stream)
    : m_stream(stream)
{
    // Every write is flushed at once anyway: through the stream's buffer, a batch larger than
    // it took two system calls (the whole blocks, then the rest copied in and flushed).
    if (m_stream)
        std::setvbuf(m_stream, nullptr, _IONBF, 0);
    open(QIODevice::WriteOnly | QIODevice::Unbuffered);
}

TerminalSafeDevice::~TerminalSafeDevice()
{
    if (m_pending)
        put(filter(nullptr, 0));
    if (m_stream)
        std::fflush(m_stream);
}

QByteArray TerminalSafeDevice::visible(const QByteArray &utf8)
{
    TerminalSafeDevice d(nullptr);
    QByteArray out = d.filter(utf8.constData(), utf8.size());
    out += d.filter(nullptr, 0);
    d.m_pending = 0;
    return out;
}

QByteArray TerminalSafeDevice::filter(const char *data, qint64 size)
{
    QByteArray out;
    out.reserve(size + 8);
    const bool flushing = data == nullptr;
    char pending = m_pending;
    m_pending = 0;
    for (qint64 i = -1; i < size; ++i) {
        // Plain runs are copied whole: a JSON document of 100 MB is nearly all plain bytes.
        if (i >= 0 && plain(uchar(data[i]))) {
            const qint64 end = plainRunEnd(data, i + 1, size);
            out.append(data + i, end - i);
            i = end - 1;
            continue;
        }
        // Position -1 replays the byte held back from the previous chunk.
        const uchar c = i < 0 ? uchar(pending) : uchar(data[i]);
        if (i < 0 && !pending)
            continue;
        const bool last = i + 1 >= size;
        if (c == '\r') {
            if (last && !flushing) {
                m_pending = '\r';
                continue;
            }
            if (!last && data[i + 1] == '\n')
                continue;
            appendEscaped(out, "\\x", c);
        } else if (c == 0xc2) {
            if (last && !flushing) {
                m_pending = char(0xc2);
                continue;
            }
            const uchar next = last ? 0 : uchar(data[i + 1]);
            if (next >= 0x80 && next <= 0x9f) {
                appendEscaped(out, "\\u00", next);
                ++i;
            } else {
                out += char(c);
            }
        } else if (c < 0x20 && c != '\n' && c != '\t') {
            appendEscaped(out, "\\x", c);
        } else {
            out += char(c);
        }
    }
    return out;
}

void TerminalSafeDevice::put(const QByteArray &bytes)
{
    if (m_stream && !bytes.isEmpty())
        std::fwrite(bytes.constData(), 1, size_t(bytes.size()), m_stream);
}

qint64 TerminalSafeDevice::writeData(const char *data, qint64 size)
{
    // Plain through and through (nearly every JSON batch): written as it is, without a copy.
    if (!m_pending && plainRunEnd(data, 0, size) == size) {
        if (m_stream && size > 0)
            std::fwrite(data, 1, size_t(size), m_stream);
    } else {
        put(filter(data, size));
    }
    if (m_stream)
        std::fflush(m_stream);
    return size;
}

void TerminalSafeDevice::writeRaw(const QByteArray &bytes)
{
    if (m_pending)
        put(filter(nullptr, 0));
    put(bytes);
    if (m_stream)
        std::fflush(m_stream);
}

} // namespace bd
