// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringView>
#include <QtAlgorithms>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace bd {

// Calls `at` with the place of each `unit` in `text`, in order, until it returns true; whether
// it did. One pass, eight units a step: a text's every line end, or a diagnostic's every dot,
// found without a search call (QStringView::indexOf(), into the library) from each to the next.
template<typename At> bool forEachUnit(QStringView text, char16_t unit, At at)
{
    const char16_t *const units = text.utf16();
    const qsizetype size = text.size();
    qsizetype i = 0;
#ifdef __SSE2__
    const __m128i wanted = _mm_set1_epi16(short(unit));
    for (; i + 8 <= size; i += 8) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(units + i));
        // Two mask bits a unit; the lower one of each pair is kept.
        for (uint found = uint(_mm_movemask_epi8(_mm_cmpeq_epi16(v, wanted))) & 0x5555u; found;
                found &= found - 1) {
            if (at(i + qCountTrailingZeroBits(found) / 2))
                return true;
        }
    }
#endif
    for (; i < size; ++i) {
        if (units[i] == unit && at(i))
            return true;
    }
    return false;
}

} // namespace bd
