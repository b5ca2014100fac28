// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/data/TableSplit.h"

#include "sparsescope/core/Error.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

namespace sparsescope::core {

namespace {

/// Fisher–Yates with a 64-bit Mersenne Twister and a modulo draw: the same order with every
/// standard library (std::shuffle's use of the engine is implementation-defined).
std::vector<std::size_t> shuffledRows(std::size_t rows, std::uint64_t seed)
{
    std::vector<std::size_t> order(rows);
    std::iota(order.begin(), order.end(), std::size_t(0));
    std::mt19937_64 engine(seed);
    for (std::size_t i = rows; i > 1; --i) {
        const std::size_t j = std::size_t(engine() % i);
        std::swap(order[i - 1], order[j]);
    }
    return order;
}

std::size_t fractionOf(std::size_t count, double fraction)
{
    if (fraction <= 0.0 || count < 2)
        return 0;
    const auto n = std::size_t(std::llround(fraction * double(count)));
    return std::clamp<std::size_t>(n, 1, count - 1);
}

/// Moves a seeded fraction of `train` into `validation`; both end sorted.
void carveValidation(TableSplit &split, double validationFraction, std::uint64_t seed)
{
    const std::size_t n = fractionOf(split.train.size(), validationFraction);
    if (n > 0) {
        const auto order = shuffledRows(split.train.size(), seed ^ 0x9e3779b97f4a7c15ULL);
        std::vector<char> chosen(split.train.size(), 0);
        for (std::size_t i = 0; i < n; ++i)
            chosen[order[i]] = 1;
        std::vector<std::size_t> kept;
        for (std::size_t i = 0; i < split.train.size(); ++i)
            (chosen[i] ? split.validation : kept).push_back(split.train[i]);
        split.train = std::move(kept);
    }
    std::sort(split.train.begin(), split.train.end());
    std::sort(split.validation.begin(), split.validation.end());
    std::sort(split.test.begin(), split.test.end());
}

void checkFraction(double fraction, const char *what)
{
    if (!(fraction >= 0.0 && fraction < 1.0))
        throw Error("", std::string(what) + " must be in [0, 1)");
}

} // namespace

std::vector<std::size_t> TableSplit::trainAndValidation() const
{
    std::vector<std::size_t> rows;
    rows.reserve(train.size() + validation.size());
    std::merge(train.begin(), train.end(), validation.begin(), validation.end(),
               std::back_inserter(rows));
    return rows;
}

TableSplit TableSplit::random(std::size_t rows, double testFraction, double validationFraction,
                              std::uint64_t seed)
{
    checkFraction(testFraction, "the test fraction");
    checkFraction(validationFraction, "the validation fraction");
    const auto order = shuffledRows(rows, seed);
    const std::size_t testCount = fractionOf(rows, testFraction);
    TableSplit split;
    split.test.assign(order.begin(), order.begin() + std::ptrdiff_t(testCount));
    split.train.assign(order.begin() + std::ptrdiff_t(testCount), order.end());
    carveValidation(split, validationFraction, seed);
    return split;
}

TableSplit TableSplit::withTestRows(std::size_t rows, const std::vector<std::size_t> &testRows,
                                    double validationFraction, std::uint64_t seed)
{
    checkFraction(validationFraction, "the validation fraction");
    std::vector<char> isTest(rows, 0);
    for (std::size_t r : testRows) {
        if (r >= rows)
            throw Error("",
                        "test row " + std::to_string(r) + " is out of range (the table has "
                            + std::to_string(rows) + " rows, counted from 0)");
        if (isTest[r])
            throw Error("", "test row " + std::to_string(r) + " is listed twice");
        isTest[r] = 1;
    }
    if (testRows.empty() || testRows.size() >= rows)
        throw Error("", "a fixed test set needs between 1 and rows − 1 rows");
    TableSplit split;
    for (std::size_t r = 0; r < rows; ++r)
        (isTest[r] ? split.test : split.train).push_back(r);
    carveValidation(split, validationFraction, seed);
    return split;
}

std::vector<TableSplit> TableSplit::kFold(std::size_t rows, int folds, std::uint64_t seed,
                                          double validationFraction)
{
    if (folds < 2 || std::size_t(folds) > rows)
        throw Error("",
                    "k-fold needs 2 ≤ folds ≤ rows (" + std::to_string(folds) + " folds, "
                        + std::to_string(rows) + " rows)");
    checkFraction(validationFraction, "the validation fraction");
    const auto order = shuffledRows(rows, seed);
    std::vector<TableSplit> splits(static_cast<std::size_t>(folds));
    const std::size_t base = rows / std::size_t(folds);
    const std::size_t extra = rows % std::size_t(folds);
    std::size_t begin = 0;
    for (std::size_t f = 0; f < std::size_t(folds); ++f) {
        const std::size_t size = base + (f < extra ? 1 : 0);
        for (std::size_t i = 0; i < rows; ++i)
            (i >= begin && i < begin + size ? splits[f].test : splits[f].train).push_back(order[i]);
        carveValidation(splits[f], validationFraction, seed + f + 1);
        begin += size;
    }
    return splits;
}

} // namespace sparsescope::core
