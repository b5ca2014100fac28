// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace sparsescope::core {

/// numpy's legacy `RandomState(seed)` in C++: the same MT19937 stream and the same formulas for
/// random_sample/uniform, the polar Box–Muller normal() with its cached value, and the masked
/// rejection sampling of randint(), so that a seed reproduces the reference's noise bit-exactly
/// (methods.md §4.4.4).
class NumpyRandom
{
public:
    /// Like `np.random.RandomState(seed)` / `np.random.seed(seed)` (0 ≤ seed < 2^32).
    explicit NumpyRandom(std::uint32_t seed = 0);

    /// Reseeds and drops the cached normal value, as np.random.seed does.
    void seed(std::uint32_t seed);
    /// One raw 32-bit MT19937 output (the same stream as std::mt19937(seed)).
    std::uint32_t nextUInt32()
    {
        if (m_index >= kStateSize)
            refill();
        return m_output[m_index++];
    }
    /// `random_sample()`: a double in [0, 1) from two 32-bit outputs (genrand_res53).
    double randomSample()
    {
        const std::uint32_t a = nextUInt32() >> 5;
        const std::uint32_t b = nextUInt32() >> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }
    /// `random_sample(size=n)`: n doubles in the same order as n randomSample() calls, faster.
    void fillRandomSample(double *out, std::size_t n);
    /// `uniform(low, high)`: low + (high - low) * random_sample().
    double uniform(double low, double high) { return low + (high - low) * randomSample(); }
    /// Legacy `normal()` / `standard_normal()`: polar Box–Muller, one value cached.
    double normal();
    /// `n` consecutive normal() values into `out`, consuming the stream exactly as n normal()
    /// calls do (the same candidates accepted, the same value cached when n ends a pair
    /// early), but in batches that vectorise. The logarithm is fdlibm's (< 1 ulp; libm's, which
    /// numpy calls, is within 0.52 ulp), so a value may differ from normal()'s in its last bit.
    /// Returns the largest |value| written (0 for n = 0).
    double fillNormals(double *out, std::size_t n);
    /// Advances the stream as `n` normal() calls would, without computing the values.
    void skipNormals(std::size_t n);
    /// `normal(loc, scale)` = loc + scale * normal().
    double normal(double loc, double scale) { return loc + scale * normal(); }
    /// Legacy `randint(low, high)` (default int64 dtype): low + a masked rejection sample of
    /// [0, high - low - 1]. Requires low < high.
    std::int64_t randint(std::int64_t low, std::int64_t high);

private:
    static constexpr std::size_t kStateSize = 624;
    /// Twists the state and tempers all 624 outputs at once (vectorisable, unlike drawing one
    /// tempered word per call).
    void refill();

    std::array<std::uint32_t, kStateSize> m_state {};
    std::array<std::uint32_t, kStateSize> m_output {};
    std::size_t m_index = kStateSize;
    bool m_hasCachedNormal = false;
    double m_cachedNormal = 0.0;
};

} // namespace sparsescope::core
