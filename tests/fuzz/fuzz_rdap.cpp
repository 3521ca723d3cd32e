// SPDX-License-Identifier: GPL-3.0-or-later
// An RDAP answer from whichever server the bootstrap or a redirect led to, read as a network
// record and as an entity fetched by its link.
#include "owner/RdapReading.h"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body =
            QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    const bd::RdapReading network = bd::RdapReading::readNetwork(body);
    for (const bd::RdapEntityLink &link : network.entityLinks) {
        if (!link.url.isValid() || link.url.isRelative())
            __builtin_trap(); // the lookup would fetch it
    }
    const bd::RdapReading entity = bd::RdapReading::readEntity(body, {QStringLiteral("abuse")});
    for (const bd::OwnerContact &c : entity.facts.contacts) {
        if (!c.email.contains(u'@'))
            __builtin_trap();
    }
    return 0;
}
