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
    const QByteArray chunk = m_device->read(chunkSize);
    if (chunk.isEmpty()) {
        m_eof = m_device->atEnd() || !m_device->waitForReadyRead(-1);
        if (m_eof)
            return false;
        return true;
    }
    m_buffer.append(chunk);
    return true;
}

qsizetype MboxReader::findSeparator(qsizetype from) const
{
    // A separator is "From " at the start of a line; CRLF mailboxes have "\r\nFrom ". Line by
    // line with memchr: a third of the cost of QByteArray::indexOf's substring search, on the
    // thread that feeds all the workers.
    const char *const begin = m_buffer.constData();
    const char *const end = begin + m_buffer.size();
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
        while (m_buffer.isEmpty() && fill()) { }
        if (m_buffer.isEmpty())
            return false;
        qsizetype lineEnd = m_buffer.indexOf('\n');
        while (lineEnd < 0 && fill())
            lineEnd = m_buffer.indexOf('\n');
        if (m_buffer.startsWith("From ")) {
            m_buffer.remove(0, lineEnd < 0 ? m_buffer.size() : lineEnd + 1);
            m_scanFrom = 0;
        }
        break;
    }

    bool skipping = false;
    for (;;) {
        const qsizetype sep = findSeparator(qMax<qsizetype>(0, m_scanFrom - 6));
        if (sep >= 0) {
            if (!skipping) {
                message = m_buffer.first(qMin(sep + 1, maxMessageSize));
                m_truncated = sep + 1 > maxMessageSize;
            }
            m_buffer.remove(0, sep + 1);
            m_scanFrom = 0;
            break;
        }
        if (m_buffer.size() > maxMessageSize) {
            if (!skipping) {
                message = m_buffer.first(maxMessageSize);
                skipping = true;
                m_truncated = true;
            }
            // Keep the tail in case a separator straddles the chunk boundary.
            m_buffer.remove(0, m_buffer.size() - 6);
        }
        m_scanFrom = m_buffer.size();
        if (!fill()) {
            if (!skipping) {
                message = m_buffer.first(qMin(m_buffer.size(), maxMessageSize));
                m_truncated = m_buffer.size() > maxMessageSize;
            }
            m_buffer.clear();
            m_scanFrom = 0;
            break;
        }
    }
    ++m_index;
    return true;
}

} // namespace bd
