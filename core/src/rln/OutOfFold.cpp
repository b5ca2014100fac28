// SPDX-License-Identifier: GPL-3.0-or-later
#include "rln/OutOfFold.h"

#include "sparsescope/core/Error.h"

#include <algorithm>
#include <numeric>
#include <random>

namespace sparsescope::core {

std::vector<int> OutOfFold::foldOf(std::size_t rows, int folds, std::uint64_t seed)
{
    std::vector<std::size_t> order(rows);
    std::iota(order.begin(), order.end(), std::size_t {0});
    // Its own stream: not the split's, the noise's or the initialisation's of the same seed.
    std::mt19937_64 random(seed * 0x9E3779B97F4A7C15ULL + 0xf01d);
    std::shuffle(order.begin(), order.end(), random);
    std::vector<int> fold(rows, 0);
    for (std::size_t k = 0; k < rows; ++k)
        fold[order[k]] = int(k % std::size_t(folds));
    return fold;
}

TabularArrays OutOfFold::select(const TabularArrays &data, const std::vector<std::size_t> &rows)
{
    TabularArrays out;
    out.rows = rows.size();
    out.columns = data.columns;
    out.x.reserve(rows.size() * data.columns);
    out.y.reserve(rows.size());
    for (std::size_t r : rows) {
        const auto first = data.x.begin() + std::ptrdiff_t(r * data.columns);
        out.x.insert(out.x.end(), first, first + std::ptrdiff_t(data.columns));
        out.y.push_back(data.y[r]);
    }
    return out;
}

std::optional<std::vector<float>> OutOfFold::predictions(const TabularArrays &rows, int outputs,
                                                         std::uint64_t seed,
                                                         const FitPredict &fitPredict, int folds)
{
    if (folds < 2 || rows.rows < std::size_t(folds))
        throw Error("",
                    "out-of-fold predictions need at least " + std::to_string(folds) + " rows, got "
                        + std::to_string(rows.rows));
    const std::vector<int> fold = foldOf(rows.rows, folds, seed);
    const std::size_t width = std::size_t(std::max(outputs, 1));
    std::vector<float> result(rows.rows * width, 0.0f);
    for (int f = 0; f < folds; ++f) {
        std::vector<std::size_t> in, out;
        for (std::size_t r = 0; r < rows.rows; ++r)
            (fold[r] == f ? out : in).push_back(r);
        auto predicted = fitPredict(select(rows, in), select(rows, out));
        if (!predicted)
            return std::nullopt;
        if (predicted->size() != out.size() * width)
            throw Error("",
                        "out-of-fold fit returned " + std::to_string(predicted->size())
                            + " predictions for " + std::to_string(out.size()) + " rows");
        for (std::size_t i = 0; i < out.size(); ++i)
            std::copy_n(predicted->begin() + std::ptrdiff_t(i * width), width,
                        result.begin() + std::ptrdiff_t(out[i] * width));
    }
    return result;
}

} // namespace sparsescope::core
