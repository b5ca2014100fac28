// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/degradations/NumpyRandom.h"

#include "sparsescope/core/Error.h"

#include <algorithm>
#include <cmath>

namespace sparsescope::core {

NumpyRandom::NumpyRandom(std::uint32_t seed)
{
    this->seed(seed);
}

void NumpyRandom::seed(std::uint32_t seed)
{
    // numpy seeds MT19937 with the reference init_genrand(seed) (as std::mt19937 does).
    m_state[0] = seed;
    for (std::uint32_t i = 1; i < kStateSize; ++i)
        m_state[i] = 1812433253U * (m_state[i - 1] ^ (m_state[i - 1] >> 30)) + i;
    m_index = kStateSize;
    m_hasCachedNormal = false;
    m_cachedNormal = 0.0;
}

namespace {

/// MT19937's twist of the whole state, then the tempering of all 624 words.
template<bool Avx2>
inline __attribute__((always_inline)) void twistAndTemper(std::uint32_t *mt, std::uint32_t *out)
{
    constexpr std::size_t n = 624;
    constexpr std::size_t m = 397;
    constexpr std::uint32_t upper = 0x80000000U;
    constexpr std::uint32_t lower = 0x7fffffffU;
    constexpr std::uint32_t matrix = 0x9908b0dfU;
    std::size_t i = 0;
    for (; i < n - m; ++i) {
        const std::uint32_t y = (mt[i] & upper) | (mt[i + 1] & lower);
        mt[i] = mt[i + m] ^ (y >> 1) ^ ((0U - (y & 1U)) & matrix);
    }
    for (; i < n - 1; ++i) {
        const std::uint32_t y = (mt[i] & upper) | (mt[i + 1] & lower);
        mt[i] = mt[i + m - n] ^ (y >> 1) ^ ((0U - (y & 1U)) & matrix);
    }
    const std::uint32_t y = (mt[n - 1] & upper) | (mt[0] & lower);
    mt[n - 1] = mt[m - 1] ^ (y >> 1) ^ ((0U - (y & 1U)) & matrix);
    for (std::size_t k = 0; k < n; ++k) {
        std::uint32_t z = mt[k];
        z ^= z >> 11;
        z ^= (z << 7) & 0x9d2c5680U;
        z ^= (z << 15) & 0xefc60000U;
        z ^= z >> 18;
        out[k] = z;
    }
}

__attribute__((target("avx2"))) void twistAndTemperAvx2(std::uint32_t *mt, std::uint32_t *out)
{
    twistAndTemper<true>(mt, out);
}

/// genrand_res53 of `pairs` consecutive pairs of words.
template<bool Avx2>
inline __attribute__((always_inline)) void toDoubles(const std::uint32_t *words, double *out,
                                                     std::size_t pairs)
{
    for (std::size_t k = 0; k < pairs; ++k) {
        const std::uint32_t a = words[2 * k] >> 5;
        const std::uint32_t b = words[2 * k + 1] >> 6;
        out[k] = (a * 67108864.0 + b) / 9007199254740992.0;
    }
}

__attribute__((target("avx2"))) void toDoublesAvx2(const std::uint32_t *words, double *out,
                                                   std::size_t pairs)
{
    toDoubles<true>(words, out, pairs);
}

bool hasAvx2()
{
    static const bool has = __builtin_cpu_supports("avx2");
    return has;
}

} // namespace

void NumpyRandom::refill()
{
    // The same integer operations either way; AVX2 only widens the vectors.
    if (hasAvx2())
        twistAndTemperAvx2(m_state.data(), m_output.data());
    else
        twistAndTemper<false>(m_state.data(), m_output.data());
    m_index = 0;
}

void NumpyRandom::fillRandomSample(double *out, std::size_t n)
{
    std::size_t done = 0;
    while (done < n) {
        if (m_index + 2 > kStateSize) {
            // A pair that spans a refill (or an empty buffer): the one-at-a-time path.
            out[done++] = randomSample();
            continue;
        }
        // Whole pairs from the tempered buffer: a plain loop the compiler vectorises.
        const std::size_t pairs = std::min(n - done, (kStateSize - m_index) / 2);
        const std::uint32_t *words = m_output.data() + m_index;
        if (hasAvx2())
            toDoublesAvx2(words, out + done, pairs);
        else
            toDoubles<false>(words, out + done, pairs);
        m_index += 2 * pairs;
        done += pairs;
    }
}

double NumpyRandom::normal()
{
    // numpy's legacy_gauss (randomkit): polar method, returns f*x2 and caches f*x1.
    if (m_hasCachedNormal) {
        m_hasCachedNormal = false;
        return m_cachedNormal;
    }
    double x1 = 0.0;
    double x2 = 0.0;
    double r2 = 0.0;
    do {
        x1 = 2.0 * randomSample() - 1.0;
        x2 = 2.0 * randomSample() - 1.0;
        r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1.0 || r2 == 0.0);
    const double f = std::sqrt(-2.0 * std::log(r2) / r2);
    m_cachedNormal = f * x1;
    m_hasCachedNormal = true;
    return f * x2;
}

std::int64_t NumpyRandom::randint(std::int64_t low, std::int64_t high)
{
    if (high <= low)
        throw Error({}, "randint needs low < high");
    // numpy: random_bounded_uint64_fill(off = low, rng = high - low - 1, use_masked = true).
    const std::uint64_t range
        = static_cast<std::uint64_t>(high) - static_cast<std::uint64_t>(low) - 1;
    if (range == 0)
        return low;
    std::uint64_t mask = range;
    mask |= mask >> 1;
    mask |= mask >> 2;
    mask |= mask >> 4;
    mask |= mask >> 8;
    mask |= mask >> 16;
    mask |= mask >> 32;
    std::uint64_t value = 0;
    if (range <= 0xFFFFFFFFULL) {
        if (range == 0xFFFFFFFFULL) {
            value = nextUInt32();
        } else {
            do {
                value = nextUInt32() & static_cast<std::uint32_t>(mask);
            } while (value > range);
        }
    } else {
        // next_uint64 of MT19937: the first 32-bit output is the high word.
        auto next64 = [this] {
            const std::uint64_t high32 = nextUInt32();
            return (high32 << 32) | nextUInt32();
        };
        if (range == 0xFFFFFFFFFFFFFFFFULL) {
            value = next64();
        } else {
            do {
                value = next64() & mask;
            } while (value > range);
        }
    }
    return static_cast<std::int64_t>(static_cast<std::uint64_t>(low) + value);
}

} // namespace sparsescope::core
