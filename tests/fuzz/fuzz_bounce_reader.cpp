// SPDX-License-Identifier: GPL-3.0-or-later
// Whole messages and pastes through the reader and the classifier.
#include "bounce/BounceReader.h"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const bd::BounceReader reader;
    const bd::MessageReport report = reader.read(bd::MailItem {QStringLiteral("fuzz"),
            QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)), false});
    (void)report.toJson();
    return 0;
}
