// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>

#include <deque>

class QIODevice;

namespace bd {

// Splits an mbox stream into messages without holding more than one message (plus one read
// chunk) in memory, so a multi-gigabyte mailbox costs what its largest message costs.
class MboxReader
{
public:
    static constexpr qsizetype chunkSize = 1 << 20;
    static constexpr qsizetype maxMessageSize = 32 << 20;

    explicit MboxReader(QIODevice *device);

    // The next message (its "From " line removed), or false at the end. A message larger than
    // maxMessageSize is cut there and `wasTruncated()` says so.
    bool next(QByteArray &message);
    bool wasTruncated() const { return m_truncated; }
    qsizetype index() const { return m_index; } // 1-based number of the last message

    // True when `head` (the first bytes of a file) is an mbox.
    static bool isMbox(QByteArrayView head);

private:
    bool fill();
    // The first `size` pending bytes as a message. It shares the buffer, not a copy of it: the
    // buffer is read into anew once the messages share it.
    QByteArray take(qsizetype size);
    // A buffer of `size` bytes to read on into: a spare no message shares any more, or a new one.
    QByteArray spareBuffer(qsizetype size);
    qsizetype findSeparator(qsizetype from) const;
    QByteArrayView pending() const { return QByteArrayView(m_buffer).sliced(m_start); }
    void consume(qsizetype size) { m_start += size; }

    QIODevice *m_device;
    // Read straight into, and handed out of, one buffer: the bytes before m_start are gone,
    // and are dropped only when the next chunk is read in, so a message costs no copy and a
    // chunk none besides read(2)'s. Offsets below count from m_start.
    QByteArray m_buffer;
    // Earlier buffers, still shared by messages not yet read or free to be read into again.
    static constexpr size_t maxSpares = 4;
    std::deque<QByteArray> m_spares;
    qsizetype m_start = 0;
    qsizetype m_scanFrom = 0;
    qsizetype m_index = 0;
    bool m_eof = false;
    bool m_truncated = false;
};

} // namespace bd
