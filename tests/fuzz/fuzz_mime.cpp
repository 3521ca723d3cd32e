// SPDX-License-Identifier: GPL-3.0-or-later
// MIME structure, transfer encodings, charsets and RFC 2047 words.
#include "mail/MimeParser.h"
#include "util/TextDecoder.h"

#include <cstdint>

namespace {

void walk(const bd::MimePart &part, int depth)
{
    if (depth > bd::MimeParser::maxDepth + 1)
        __builtin_trap();
    (void)part.text();
    (void)part.decodedHeader("subject");
    for (const bd::MimePart &child : part.children)
        walk(child, depth + 1);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    walk(bd::MimeParser::parse(bytes), 0);
    (void)bd::TextDecoder::decodeHeader(bytes);
    (void)bd::TextDecoder::decodeQuotedPrintable(bytes);
    (void)bd::TextDecoder::decode(bytes, bytes.left(12));
    return 0;
}
