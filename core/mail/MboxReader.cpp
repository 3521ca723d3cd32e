// SPDX-License-Identifier: GPL-3.0-or-later
#include "mail/MboxReader.h"

#include "util/Cpu.h"

#include <QIODevice>
#include <QtAlgorithms>

#include <cstring>

namespace bd {
namespace {

#ifdef BD_AVX2_PATHS
// A byte set for each of the 32 places from `at` that holds 'F' after a line break.
__attribute__((target("avx2"))) inline __m256i fromLineStarts(
        const char *at, __m256i lineBreak, __m256i f)
{
    const __m256i before = _mm256_loadu_si256(reinterpret_cast<const __m256i *>(at - 1));
    const __m256i here = _mm256_loadu_si256(reinterpret_cast<const __m256i *>(at));
    return _mm256_and_si256(_mm256_cmpeq_epi8(before, lineBreak), _mm256_cmpeq_epi8(here, f));
}

// The first 'F' at or after `p` that starts "From " after a line break, found 128 places a
// step with AVX2: memchr stopped at every 'F' of the text, some thirty times a message, on the
// thread that feeds all the workers. `p` is left where fewer than 128 whole places remain;
// null when none was found before. The byte before `p` is readable.
__attribute__((target("avx2"))) const char *findFromLineAvx2(const char *&p, const char *end)
{
    const __m256i lineBreak = _mm256_set1_epi8('\n');
    const __m256i f = _mm256_set1_epi8('F');
    // Every place of a step has the four bytes of "rom " after it.
    for (; end - p >= 128 + 4; p += 128) {
        const __m256i a = fromLineStarts(p, lineBreak, f);
        const __m256i b = fromLineStarts(p + 32, lineBreak, f);
        const __m256i c = fromLineStarts(p + 64, lineBreak, f);
        const __m256i d = fromLineStarts(p + 96, lineBreak, f);
        const __m256i any = _mm256_or_si256(_mm256_or_si256(a, b), _mm256_or_si256(c, d));
        if (_mm256_testz_si256(any, any))
            continue;
        const __m256i steps[] = {a, b, c, d};
        for (qsizetype k = 0; k < 4; ++k) {
            for (unsigned hits = unsigned(_mm256_movemask_epi8(steps[k])); hits != 0;
                    hits &= hits - 1) {
                const char *const candidate = p + 32 * k + qCountTrailingZeroBits(hits);
                if (std::memcmp(candidate, "From ", 5) == 0)
                    return candidate;
            }
        }
    }
    return nullptr;
}

#endif

} // namespace

MboxReader::MboxReader(QIODevice *device)
    : m_device(device)
{
}

bool MboxReader::isMbox(QByteArrayView head)
{
    return head.startsWith("From ");
}

bool MboxReader::fill()
{
    if (m_eof)
        return false;
    // What is left is at most a message begun, usually a few KiB: moved to the front, so the
    // buffer holds what is pending plus one chunk and is not reallocated once it is that big.
    const qsizetype kept = m_buffer.size() - m_start;
    if (!m_buffer.isDetached()) {
        // Messages handed out still share it: what is pending goes to another buffer, and
        // theirs stays theirs until the last of them is read.
        QByteArray next = spareBuffer(kept + chunkSize);
        std::memcpy(next.data(), m_buffer.constData() + m_start, size_t(kept));
        if (m_buffer.capacity() <= 2 * chunkSize)
            m_spares.push_back(std::move(m_buffer));
        m_buffer = std::move(next);
        m_start = 0;
    } else if (m_start > 0) {
        std::memmove(m_buffer.data(), m_buffer.constData() + m_start, size_t(kept));
        m_start = 0;
    }
    m_buffer.resize(kept + chunkSize);
    const qsizetype got = m_device->read(m_buffer.data() + kept, chunkSize);
    m_buffer.resize(kept + qMax<qsizetype>(got, 0));
    if (got <= 0) {
        m_eof = m_device->atEnd() || !m_device->waitForReadyRead(-1);
        if (m_eof)
            return false;
        return true;
    }
    return true;
}

QByteArray MboxReader::spareBuffer(qsizetype size)
{
    // A buffer whose messages have all been read is written into again. A new one each time
    // cost more than the copies sharing saves: its pages are faulted in afresh, about 3,500
    // faults more on a 28 MB mailbox.
    for (auto it = m_spares.begin(); it != m_spares.end(); ++it) {
        if (it->isDetached() && it->capacity() >= size) {
            QByteArray spare = std::move(*it);
            m_spares.erase(it);
            spare.resize(size);
            return spare;
        }
    }
    // The oldest is let go, not waited for: its messages free it when they are read.
    if (m_spares.size() >= maxSpares)
        m_spares.pop_front();
    return QByteArray(size, Qt::Uninitialized);
}

QByteArray MboxReader::take(qsizetype size)
{
    const QByteArrayView bytes = pending().first(size);
    if (m_buffer.capacity() > 2 * chunkSize)
        return bytes.toByteArray(); // not to hold a buffer grown for a huge message
    // A QByteArray may stand for part of another one's block, which its reference count keeps
    // alive and which is copied before anyone writes to it while shared.
    QByteArray::DataPointer slice = m_buffer.data_ptr(); // counts a reference
    slice.setBegin(const_cast<char *>(bytes.data()));
    slice.size = bytes.size();
    return QByteArray(std::move(slice));
}

qsizetype MboxReader::findSeparator(qsizetype from) const
{
    // A separator is "From " at the start of a line; CRLF mailboxes have "\r\nFrom ". Searched
    // by its 'F', which is rarer than line ends: memchr is called a fifth as often as line by
    // line, on the thread that feeds all the workers. The line end before it is what is found.
    const QByteArrayView buffer = pending();
    const char *const begin = buffer.data();
    const char *const end = begin + buffer.size();
    const char *p = begin + from + 1;
#ifdef BD_AVX2_PATHS
    if (Cpu::avx2()) {
        if (const char *f = findFromLineAvx2(p, end))
            return f - 1 - begin;
    }
#endif
    while (p < end) {
        const char *f = static_cast<const char *>(std::memchr(p, 'F', size_t(end - p)));
        if (!f || end - f < 5)
            break;
        if (f[-1] == '\n' && std::memcmp(f, "From ", 5) == 0)
            return f - 1 - begin;
        p = f + 1;
    }
    return -1;
}

bool MboxReader::next(QByteArray &message)
{
    m_truncated = false;
    // Drop the leading "From " line of the message we are about to return.
    for (;;) {
        while (pending().isEmpty() && fill()) { }
        if (pending().isEmpty())
            return false;
        qsizetype lineEnd = pending().indexOf('\n');
        while (lineEnd < 0 && fill())
            lineEnd = pending().indexOf('\n');
        if (pending().startsWith("From ")) {
            consume(lineEnd < 0 ? pending().size() : lineEnd + 1);
            m_scanFrom = 0;
        }
        break;
    }

    bool skipping = false;
    for (;;) {
        const qsizetype sep = findSeparator(qMax<qsizetype>(0, m_scanFrom - 6));
        if (sep >= 0) {
            if (!skipping) {
                message = take(qMin(sep + 1, maxMessageSize));
                m_truncated = sep + 1 > maxMessageSize;
            }
            consume(sep + 1);
            m_scanFrom = 0;
            break;
        }
        if (pending().size() > maxMessageSize) {
            if (!skipping) {
                message = take(maxMessageSize);
                skipping = true;
                m_truncated = true;
            }
            // Keep the tail in case a separator straddles the chunk boundary.
            consume(pending().size() - 6);
        }
        m_scanFrom = pending().size();
        if (!fill()) {
            if (!skipping) {
                message = take(qMin(pending().size(), maxMessageSize));
                m_truncated = pending().size() > maxMessageSize;
            }
            m_buffer.clear();
            m_start = 0;
            m_scanFrom = 0;
            break;
        }
    }
    ++m_index;
    return true;
}

} // namespace bd
