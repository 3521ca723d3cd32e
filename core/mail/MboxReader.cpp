// SPDX-License-Identifier: GPL-3.0-or-later
#include "mail/MboxReader.h"

#include <QIODevice>

#include <cstring>

namespace bd {

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
    if (m_start > 0) {
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

qsizetype MboxReader::findSeparator(qsizetype from) const
{
    // A separator is "From " at the start of a line; CRLF mailboxes have "\r\nFrom ". Line by
    // line with memchr: a third of the cost of QByteArray::indexOf's substring search, on the
    // thread that feeds all the workers.
    const QByteArrayView buffer = pending();
    const char *const begin = buffer.data();
    const char *const end = begin + buffer.size();
    for (const char *p = begin + from; p < end;) {
        const char *nl = static_cast<const char *>(std::memchr(p, '\n', size_t(end - p)));
        if (!nl)
            break;
        if (end - nl >= 6 && std::memcmp(nl + 1, "From ", 5) == 0)
            return nl - begin;
        p = nl + 1;
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
                message = pending().first(qMin(sep + 1, maxMessageSize)).toByteArray();
                m_truncated = sep + 1 > maxMessageSize;
            }
            consume(sep + 1);
            m_scanFrom = 0;
            break;
        }
        if (pending().size() > maxMessageSize) {
            if (!skipping) {
                message = pending().first(maxMessageSize).toByteArray();
                skipping = true;
                m_truncated = true;
            }
            // Keep the tail in case a separator straddles the chunk boundary.
            consume(pending().size() - 6);
        }
        m_scanFrom = pending().size();
        if (!fill()) {
            if (!skipping) {
                message = pending().first(qMin(pending().size(), maxMessageSize)).toByteArray();
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
