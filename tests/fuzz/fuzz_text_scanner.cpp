// SPDX-License-Identifier: GPL-3.0-or-later
// Pasted text: the prose scanner and the classifier on whatever a user might paste.
#include "bounce/BounceClassifier.h"
#include "bounce/BounceTextScanner.h"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const bd::BounceClassifier classifier;
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    for (const bd::TextFinding &f : bd::BounceTextScanner::scan(text)) {
        bd::RecipientReport r;
        r.diagnostic = f.diagnostic;
        r.remoteIp = f.remoteIp;
        classifier.classify(r);
    }
    (void)classifier.findMentions(text);
    return 0;
}
