// SPDX-License-Identifier: GPL-3.0-or-later
// DNS answers as they arrive from the network (compression loops, lengths past the end, ...).
#include "dns/DnsMessage.h"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const auto message = bd::DnsMessage::parse(
            QByteArrayView(reinterpret_cast<const char *>(data), qsizetype(size)));
    if (message) {
        for (const bd::DnsRecord &r : message->answers) {
            if (r.name.size() > 255 * 4)
                __builtin_trap();
        }
    }
    return 0;
}
