// SPDX-License-Identifier: GPL-3.0-or-later
#include "util/Regex.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace bd {

bool surrogateFree(QStringView text)
{
    const char16_t *p = text.utf16();
    const qsizetype n = text.size();
    qsizetype i = 0;
#ifdef __SSE2__
    // Eight code units a step: this runs before every match, so it must cost far less than
    // the check it saves.
    const __m128i mask = _mm_set1_epi16(short(0xf800));
    const __m128i surrogate = _mm_set1_epi16(short(0xd800));
    for (; i + 32 <= n; i += 32) {
        __m128i any = _mm_setzero_si128();
        for (int k = 0; k < 32; k += 8) {
            const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p + i + k));
            any = _mm_or_si128(any, _mm_cmpeq_epi16(_mm_and_si128(v, mask), surrogate));
        }
        if (_mm_movemask_epi8(any))
            return false;
    }
#endif
    for (; i < n; ++i) {
        if ((p[i] & 0xf800) == 0xd800)
            return false;
    }
    return true;
}

} // namespace bd
