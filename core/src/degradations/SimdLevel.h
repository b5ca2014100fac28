// SPDX-License-Identifier: GPL-3.0-or-later
// Private: which vector instructions the degradations' hot loops may use (SimdKernels). Each
// such loop is compiled once per level (GCC target attributes on those functions, never for a
// whole file: inline functions of other headers must stay baseline code) and the level is picked
// at run time. Every level does the same IEEE operations in the same order (no contraction into
// FMAs, no reassociation), so all give the same bits; the tests run the lower levels on a capable
// CPU to check that.
#pragma once

namespace sparsescope::core {

class SimdLevel
{
public:
    enum Level { Baseline = 0, Avx2 = 1, Avx512 = 2 };

    /// What this CPU supports (AVX-512 needs F, DQ, VL and BW).
    static Level detected();
    /// detected(), capped by setCap().
    static Level active();
    /// Caps active() (tests; Avx512 lifts the cap). Thread-safe.
    static void setCap(Level cap);
};

} // namespace sparsescope::core
