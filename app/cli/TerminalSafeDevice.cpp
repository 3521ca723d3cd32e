// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/TerminalSafeDevice.h"

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

} // namespace

TerminalSafeDevice::TerminalSafeDevice(FILE *stream)
    : m_stream(stream)
{
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
            qint64 end = i + 1;
            while (end < size && plain(uchar(data[end])))
                ++end;
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
    put(filter(data, size));
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
