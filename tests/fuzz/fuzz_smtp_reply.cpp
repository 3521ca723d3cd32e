// SPDX-License-Identifier: GPL-3.0-or-later
// What an SMTP server sends, line by line, as the relay test reads it: any bytes, any length.
#include "relay/SmtpReply.h"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    bd::SmtpReplyReader reader;
    for (const QByteArray &line : input.split('\n')) {
        QByteArray l = line;
        if (l.endsWith('\r'))
            l.chop(1);
        const auto status = reader.feed(l);
        if (status == bd::SmtpReplyReader::Status::Complete) {
            const bd::SmtpReply r = reader.take();
            if (r.code < 200 || r.code > 599 || r.lines.size() > bd::SmtpReplyReader::maxLines)
                __builtin_trap();
            (void)r.authMechanisms();
            (void)r.ehloKeywords();
            (void)r.text();
        } else if (status == bd::SmtpReplyReader::Status::Error) {
            reader = {};
        }
    }
    return 0;
}
