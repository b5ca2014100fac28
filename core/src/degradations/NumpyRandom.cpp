// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/degradations/NumpyRandom.h"

#include "sparsescope/core/Error.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>

#include <immintrin.h>

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

__attribute__((target("avx512f,avx512dq,avx512vl,avx2"))) void
twistAndTemperAvx512(std::uint32_t *mt, std::uint32_t *out)
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

/// (The products and sums of toDoubles are exact: no FMA could change them.)
__attribute__((target("avx512f,avx512dq,avx512vl,avx2"))) void
toDoublesAvx512(const std::uint32_t *words, double *out, std::size_t pairs)
{
    toDoubles<true>(words, out, pairs);
}

bool hasAvx2()
{
    static const bool has = __builtin_cpu_supports("avx2");
    return has;
}

bool hasAvx512()
{
    // The *Avx512 functions are compiled for all three.
    static const bool has = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq")
        && __builtin_cpu_supports("avx512vl");
    return has;
}

/// fdlibm's __ieee754_log (Sun Microsystems, freely distributable) for positive normal x:
/// error below 1 ulp. Both of fdlibm's final formulas are computed and one is selected.
inline __attribute__((always_inline)) double fdlibmLog(double x)
{
    constexpr double ln2Hi = 6.93147180369123816490e-01;
    constexpr double ln2Lo = 1.90821492927058770002e-10;
    constexpr double lg1 = 6.666666666666735130e-01;
    constexpr double lg2 = 3.999999999940941908e-01;
    constexpr double lg3 = 2.857142874366239149e-01;
    constexpr double lg4 = 2.222219843214978396e-01;
    constexpr double lg5 = 1.818357216161805012e-01;
    constexpr double lg6 = 1.531383769920937332e-01;
    constexpr double lg7 = 1.479819860511658591e-01;
    const std::uint64_t bits = std::bit_cast<std::uint64_t>(x);
    std::int32_t hx = static_cast<std::int32_t>(bits >> 32);
    std::int32_t k = (hx >> 20) - 1023;
    hx &= 0x000fffff;
    const std::int32_t i0 = (hx + 0x95f64) & 0x100000;
    // x or x / 2 normalised into [sqrt(2) / 2, sqrt(2)).
    const std::uint64_t high = static_cast<std::uint32_t>(hx | (i0 ^ 0x3ff00000));
    const double m = std::bit_cast<double>((high << 32) | (bits & 0xffffffffULL));
    k += i0 >> 20;
    const double f = m - 1.0;
    const double s = f / (2.0 + f);
    const double dk = static_cast<double>(k);
    const double z = s * s;
    const std::int32_t i = hx - 0x6147a;
    const double w = z * z;
    const std::int32_t j = 0x6b851 - hx;
    const double t1 = w * (lg2 + w * (lg4 + w * lg6));
    const double t2 = z * (lg1 + w * (lg3 + w * (lg5 + w * lg7)));
    const double r = t2 + t1;
    const double hfsq = 0.5 * f * f;
    // (fdlibm's k == 0 branches are these formulas with dk = 0, exactly.)
    const double withHfsq = dk * ln2Hi - ((hfsq - (s * (hfsq + r) + dk * ln2Lo)) - f);
    const double without = dk * ln2Hi - ((s * (f - r) - dk * ln2Lo) - f);
    // Selected by a bit mask, not a branch, so that loops over this vectorise.
    const std::uint64_t mask = 0ULL - static_cast<std::uint64_t>((i | j) > 0);
    return std::bit_cast<double>((std::bit_cast<std::uint64_t>(withHfsq) & mask)
                                 | (std::bit_cast<std::uint64_t>(without) & ~mask));
}

/// Candidates for the polar method: x1 = 2u - 1, x2 = 2u' - 1 from consecutive uniforms; the
/// accepted ones (0 < r2 < 1) are packed to the front; returns their count.
inline __attribute__((always_inline)) std::size_t
polarCandidates(const double *u, std::size_t candidates, double *x1, double *x2, double *r2)
{
    std::size_t accepted = 0;
    for (std::size_t t = 0; t < candidates; ++t) {
        const double a = 2.0 * u[2 * t] - 1.0;
        const double b = 2.0 * u[2 * t + 1] - 1.0;
        const double r = a * a + b * b;
        x1[accepted] = a;
        x2[accepted] = b;
        r2[accepted] = r;
        accepted += (r < 1.0 && r != 0.0) ? 1 : 0;
    }
    return accepted;
}

/// polarCandidates with AVX-512: eight candidates at a time, the accepted ones packed by
/// vcompresspd (the same arithmetic, so the same values). x1, x2, r2 need 8 values of slack.
__attribute__((target("avx512f"))) std::size_t
polarCandidatesAvx512(const double *u, std::size_t candidates, double *x1, double *x2, double *r2)
{
    const __m512i evens = _mm512_setr_epi64(0, 2, 4, 6, 8, 10, 12, 14);
    const __m512i odds = _mm512_setr_epi64(1, 3, 5, 7, 9, 11, 13, 15);
    const __m512d two = _mm512_set1_pd(2.0);
    const __m512d one = _mm512_set1_pd(1.0);
    const __m512d zero = _mm512_setzero_pd();
    std::size_t accepted = 0;
    std::size_t t = 0;
    for (; t + 8 <= candidates; t += 8) {
        const __m512d lo = _mm512_loadu_pd(u + 2 * t);
        const __m512d hi = _mm512_loadu_pd(u + 2 * t + 8);
        const __m512d a
            = _mm512_sub_pd(_mm512_mul_pd(two, _mm512_permutex2var_pd(lo, evens, hi)), one);
        const __m512d b
            = _mm512_sub_pd(_mm512_mul_pd(two, _mm512_permutex2var_pd(lo, odds, hi)), one);
        const __m512d r = _mm512_add_pd(_mm512_mul_pd(a, a), _mm512_mul_pd(b, b));
        const __mmask8 keep
            = _mm512_cmp_pd_mask(r, one, _CMP_LT_OQ) & _mm512_cmp_pd_mask(r, zero, _CMP_NEQ_OQ);
        // Packed in registers, then stored whole (the arrays have 8 values of slack):
        // vcompresspd to memory is microcoded and slow on Zen 4.
        _mm512_storeu_pd(x1 + accepted, _mm512_maskz_compress_pd(keep, a));
        _mm512_storeu_pd(x2 + accepted, _mm512_maskz_compress_pd(keep, b));
        _mm512_storeu_pd(r2 + accepted, _mm512_maskz_compress_pd(keep, r));
        accepted += static_cast<std::size_t>(__builtin_popcount(keep));
    }
    return accepted
        + polarCandidates(u + 2 * t, candidates - t, x1 + accepted, x2 + accepted, r2 + accepted);
}

/// How many of polarCandidates' candidates are accepted (a loop that vectorises).
inline std::size_t polarAccepted(const double *u, std::size_t candidates)
{
    std::size_t accepted = 0;
    for (std::size_t t = 0; t < candidates; ++t) {
        const double a = 2.0 * u[2 * t] - 1.0;
        const double b = 2.0 * u[2 * t + 1] - 1.0;
        const double r = a * a + b * b;
        accepted += (r < 1.0 && r != 0.0) ? 1 : 0;
    }
    return accepted;
}

/// f = sqrt(-2 log(r2) / r2); out[2q] = f x2, out[2q + 1] = f x1 (numpy returns f x2 and
/// caches f x1). Returns the largest |value|. The logarithms first (a loop that vectorises),
/// then the square roots with SSE2/AVX intrinsics (std::sqrt's errno path keeps the compiler
/// from vectorising it; the result is the same correctly rounded root).
inline __attribute__((always_inline)) void polarFactors(double *r2, std::size_t pairs)
{
    for (std::size_t q = 0; q < pairs; ++q)
        r2[q] = -2.0 * fdlibmLog(r2[q]) / r2[q];
}

/// From `begin` on: f = sqrt(ff[q]), the two values, their largest |value| (with `peak`).
double polarTail(const double *x1, const double *x2, const double *ff, std::size_t begin,
                 std::size_t pairs, double *out, double peak)
{
    for (std::size_t q = begin; q < pairs; ++q) {
        const double f = _mm_cvtsd_f64(_mm_sqrt_sd(_mm_setzero_pd(), _mm_set_sd(ff[q])));
        const double a = f * x2[q];
        const double b = f * x1[q];
        out[2 * q] = a;
        out[2 * q + 1] = b;
        peak = std::max(peak, std::max(std::abs(a), std::abs(b)));
    }
    return peak;
}

/// The logarithms 8 at a time where the CPU has AVX-512 (the same operations, so the same
/// values).
__attribute__((target("avx512f,avx512dq,avx512vl,avx2"))) void polarFactorsAvx512(double *r2,
                                                                                  std::size_t pairs)
{
    polarFactors(r2, pairs);
}

__attribute__((target("avx2"))) double polarValuesAvx2(const double *x1, const double *x2,
                                                       double *r2, std::size_t pairs, double *out)
{
    if (hasAvx512())
        polarFactorsAvx512(r2, pairs);
    else
        polarFactors(r2, pairs);
    const __m256d sign = _mm256_set1_pd(-0.0);
    __m256d peaks = _mm256_setzero_pd();
    std::size_t q = 0;
    for (; q + 4 <= pairs; q += 4) {
        const __m256d f = _mm256_sqrt_pd(_mm256_loadu_pd(r2 + q));
        const __m256d a = _mm256_mul_pd(f, _mm256_loadu_pd(x2 + q)); // out[2q]
        const __m256d b = _mm256_mul_pd(f, _mm256_loadu_pd(x1 + q)); // out[2q + 1]
        const __m256d lo = _mm256_unpacklo_pd(a, b); // a0 b0 a2 b2
        const __m256d hi = _mm256_unpackhi_pd(a, b); // a1 b1 a3 b3
        _mm256_storeu_pd(out + 2 * q, _mm256_permute2f128_pd(lo, hi, 0x20));
        _mm256_storeu_pd(out + 2 * q + 4, _mm256_permute2f128_pd(lo, hi, 0x31));
        peaks = _mm256_max_pd(peaks, _mm256_andnot_pd(sign, a));
        peaks = _mm256_max_pd(peaks, _mm256_andnot_pd(sign, b));
    }
    alignas(32) double lanes[4];
    _mm256_store_pd(lanes, peaks);
    const double peak = std::max(std::max(lanes[0], lanes[1]), std::max(lanes[2], lanes[3]));
    return polarTail(x1, x2, r2, q, pairs, out, peak);
}

/// f = sqrt(-2 log(r2) / r2); out[2q] = f x2, out[2q + 1] = f x1 (numpy returns f x2 and
/// caches f x1); returns the largest |value|. The logarithms first (a loop that vectorises),
/// then the square roots with SSE2/AVX intrinsics (std::sqrt's errno path keeps the compiler
/// from vectorising it; the root is the same, correctly rounded).
double polarValues(const double *x1, const double *x2, double *r2, std::size_t pairs, double *out)
{
    if (hasAvx2())
        return polarValuesAvx2(x1, x2, r2, pairs, out);
    polarFactors(r2, pairs);
    return polarTail(x1, x2, r2, 0, pairs, out, 0.0);
}

} // namespace

double NumpyRandom::fillNormals(double *out, std::size_t n)
{
    double peak = 0.0;
    std::size_t done = 0;
    if (n > 0 && m_hasCachedNormal) {
        out[done++] = normal();
        peak = std::abs(out[0]);
    }
    // Batches of at most the pairs still needed, so that no candidate is drawn too many.
    constexpr std::size_t kBatch = 1024;
    double u[2 * kBatch];
    double x1[kBatch + 8];
    double x2[kBatch + 8];
    double r2[kBatch + 8];
    while (n - done >= 2) {
        const std::size_t candidates = std::min((n - done) / 2, kBatch);
        fillRandomSample(u, 2 * candidates);
        const std::size_t pairs = hasAvx512() ? polarCandidatesAvx512(u, candidates, x1, x2, r2)
                                              : polarCandidates(u, candidates, x1, x2, r2);
        peak = std::max(peak, polarValues(x1, x2, r2, pairs, out + done));
        done += 2 * pairs;
    }
    if (done < n) {
        out[done] = normal(); // leaves the pair's other value cached, as numpy does
        peak = std::max(peak, std::abs(out[done]));
    }
    return peak;
}

void NumpyRandom::skipNormals(std::size_t n)
{
    std::size_t done = 0;
    if (n > 0 && m_hasCachedNormal) {
        m_hasCachedNormal = false;
        ++done;
    }
    constexpr std::size_t kBatch = 1024;
    double u[2 * kBatch];
    while (n - done >= 2) {
        const std::size_t candidates = std::min((n - done) / 2, kBatch);
        fillRandomSample(u, 2 * candidates);
        done += 2 * polarAccepted(u, candidates);
    }
    if (done < n)
        normal();
}

void NumpyRandom::refill()
{
    // The same integer operations either way; AVX2 and AVX-512 only widen the vectors (twice
    // as fast with AVX-512 as with AVX2 on Zen 4).
    if (hasAvx512())
        twistAndTemperAvx512(m_state.data(), m_output.data());
    else if (hasAvx2())
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
        if (hasAvx512())
            toDoublesAvx512(words, out + done, pairs);
        else if (hasAvx2())
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
