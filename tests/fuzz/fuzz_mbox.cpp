// SPDX-License-Identifier: GPL-3.0-or-later
// The mbox splitter: every byte sequence ends in messages that cover the input, never a hang.
#include "mail/MboxReader.h"

#include <QBuffer>

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::ReadOnly);
    bd::MboxReader reader(&buffer);
    QByteArray message;
    qsizetype total = 0;
    int count = 0;
    while (reader.next(message)) {
        total += message.size();
        if (++count > int(size) + 1)
            __builtin_trap(); // more messages than bytes: the splitter is looping
    }
    if (total > qsizetype(size))
        __builtin_trap();
    return 0;
}
