// SPDX-License-Identifier: GPL-3.0-or-later
// A port-43 WHOIS answer from any server the referral chain leads to.
#include "owner/OwnerFacts.h"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const bd::WhoisReading r = bd::WhoisReading::read(text);
    if (r.referral && r.referral->host.isEmpty())
        __builtin_trap();
    return 0;
}
