// SPDX-License-Identifier: GPL-3.0-or-later
#include "util/Cpu.h"

#include <QtGlobal>

namespace bd::Cpu {

bool avx2()
{
    static const bool on = [] {
        if (qEnvironmentVariableIsSet("BD_NO_AVX2"))
            return false;
#ifdef BD_AVX2_PATHS
        __builtin_cpu_init(); // in case this runs before the library's own constructor
        return bool(__builtin_cpu_supports("avx2"));
#else
        return false;
#endif
    }();
    return on;
}

} // namespace bd::Cpu
