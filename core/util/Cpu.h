// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The build targets plain x86-64; the few loops written for AVX2 are chosen at run time.
#if defined(__GNUC__) && defined(__x86_64__)
#include <immintrin.h>
#define BD_AVX2_PATHS 1
#endif

namespace bd::Cpu {

// Whether the AVX2 loops run: the processor has AVX2 and the environment variable BD_NO_AVX2
// is not set. That variable lets the tests check the plain loops on a processor with AVX2, as
// they run on one without it.
bool avx2();

} // namespace bd::Cpu
