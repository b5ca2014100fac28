// SPDX-License-Identifier: GPL-3.0-or-later
// numpy's legacy RandomState reproduced in C++. Expected values: numpy 1.24 output
// (np.random.RandomState(seed).<method>), and the MT19937 first outputs quoted in the golden
// set's README.
#include "sparsescope/core/Error.h"
#include "sparsescope/core/degradations/NumpyRandom.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

using namespace sparsescope;

TEST(DegradationRandom, SameStreamAsStdMt19937)
{
    // README of the golden set: first output 1608637542 for seed 42, 2357136044 for seed 0.
    EXPECT_EQ(core::NumpyRandom(42).nextUInt32(), 1608637542u);
    EXPECT_EQ(core::NumpyRandom(0).nextUInt32(), 2357136044u);
    for (std::uint32_t seed : {0u, 1u, 42u, 4294967295u}) {
        core::NumpyRandom ours(seed);
        std::mt19937 reference(seed);
        for (int i = 0; i < 5000; ++i)
            ASSERT_EQ(ours.nextUInt32(), reference()) << "seed " << seed << " draw " << i;
    }
}

TEST(DegradationRandom, RandomSampleAndUniformMatchNumpy)
{
    core::NumpyRandom a(42);
    EXPECT_EQ(a.randomSample(), 0.3745401188473625);
    EXPECT_EQ(a.randomSample(), 0.9507143064099162);
    EXPECT_EQ(a.randomSample(), 0.7319939418114051);
    core::NumpyRandom b(42);
    EXPECT_EQ(b.uniform(-0.35, 0.35), -0.08782191680684626);
    EXPECT_EQ(b.uniform(-0.35, 0.35), 0.3155000144869413);
    EXPECT_EQ(b.uniform(-0.35, 0.35), 0.16239575926798355);
    core::NumpyRandom c(123);
    double last = 0.0;
    for (int i = 0; i < 1000; ++i)
        last = c.randomSample();
    EXPECT_EQ(last, 0.2948947090182449); // RandomState(123).random_sample(1000)[999]
}

TEST(DegradationRandom, LegacyNormalMatchesNumpy)
{
    core::NumpyRandom a(0);
    const double expected[] = {1.764052345967664, 0.4001572083672233, 0.9787379841057392,
                               2.240893199201458, 1.8675579901499675, -0.977277879876411};
    for (double e : expected)
        EXPECT_EQ(a.normal(), e);
    core::NumpyRandom b(0);
    EXPECT_EQ(b.normal(2.0, 3.0), 7.292157037902992);
    EXPECT_EQ(b.normal(2.0, 3.0), 3.20047162510167);
    EXPECT_EQ(b.normal(2.0, 3.0), 4.9362139523172175);
    core::NumpyRandom c(0);
    double last = 0.0;
    for (int i = 0; i < 1001; ++i)
        last = c.normal();
    EXPECT_EQ(last, 0.555962679709798); // RandomState(0).normal(size=1001)[1000]
}

TEST(DegradationRandom, ReseedingDropsTheCachedNormal)
{
    core::NumpyRandom a(0);
    a.normal(); // caches the second value of the pair
    a.seed(0);
    EXPECT_EQ(a.normal(), 1.764052345967664);
}

TEST(DegradationRandom, LegacyRandintMatchesNumpy)
{
    // RandomState(7): randint(0, 10, size=8), then randint(-5, 1000000, size=4), then
    // randint(0, 2**40, size=3) from the same generator.
    core::NumpyRandom r(7);
    for (std::int64_t e : {4, 9, 6, 3, 3, 7, 7, 9})
        EXPECT_EQ(r.randint(0, 10), e);
    for (std::int64_t e : {712073, 854546, 618051, 315732})
        EXPECT_EQ(r.randint(-5, 1000000), e);
    for (std::int64_t e : {474247592490LL, 936371205000LL, 719526270950LL})
        EXPECT_EQ(r.randint(0, std::int64_t(1) << 40), e);
    EXPECT_EQ(core::NumpyRandom(0).randint(0, std::int64_t(1) << 31), 209652396);
    EXPECT_EQ(core::NumpyRandom(3).randint(5, 6), 5);
    EXPECT_THROW(core::NumpyRandom(3).randint(5, 5), core::Error);
}

TEST(DegradationRandom, BulkNormalsFollowTheSameStream)
{
    // fillNormals draws the same candidates as normal() (its logarithm may differ in the last
    // bit), and it and skipNormals leave the stream, and the cached value, where n normal()
    // calls would: odd lengths end with a cached value, and a cached value starts the next call.
    for (std::size_t n : {std::size_t(1), std::size_t(7), std::size_t(2048), std::size_t(5001)}) {
        core::NumpyRandom one(3);
        core::NumpyRandom bulk(3);
        core::NumpyRandom skipped(3);
        one.normal(); // a cached value at the start
        bulk.normal();
        skipped.normal();
        std::vector<double> values(n);
        const double peak = bulk.fillNormals(values.data(), n);
        skipped.skipNormals(n);
        double largest = 0.0;
        for (std::size_t i = 0; i < n; ++i) {
            const double expected = one.normal();
            ASSERT_NEAR(values[i], expected, 1e-15 * std::abs(expected)) << n << " " << i;
            largest = std::max(largest, std::abs(values[i]));
        }
        EXPECT_EQ(peak, largest);
        const double next = one.normal();
        EXPECT_NEAR(bulk.normal(), next, 1e-15 * std::abs(next)) << n;
        EXPECT_NEAR(skipped.normal(), next, 1e-15 * std::abs(next)) << n;
        EXPECT_EQ(bulk.nextUInt32(), one.nextUInt32());
    }
}
