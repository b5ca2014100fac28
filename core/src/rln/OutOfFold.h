// SPDX-License-Identifier: GPL-3.0-or-later
// Private: out-of-fold predictions, what a weighted ensemble chooses its weight on.
#pragma once

#include "rln/TabularModel.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

namespace sparsescope::core {

/// K-fold out-of-fold predictions over a set of rows: every row is predicted once, by a fit
/// on the rows of the other folds. Rows are shuffled with a seed and dealt into `folds` folds
/// (row k of the permutation into fold k mod folds), so the folds depend only on the seed and
/// the row count.
class OutOfFold
{
public:
    /// Fits on `train` and returns the predictions for `heldOut` (heldOut rows × outputs);
    /// nullopt when stopped.
    using FitPredict = std::function<std::optional<std::vector<float>>(
        const TabularArrays &train, const TabularArrays &heldOut)>;

    static constexpr int kFolds = 5;

    /// rows.rows × outputs predictions in row order; nullopt when fitPredict was stopped.
    /// Needs rows.rows ≥ folds ≥ 2.
    static std::optional<std::vector<float>> predictions(const TabularArrays &rows, int outputs,
                                                         std::uint64_t seed,
                                                         const FitPredict &fitPredict,
                                                         int folds = kFolds);

    /// The fold (0 … folds − 1) of every row.
    static std::vector<int> foldOf(std::size_t rows, int folds, std::uint64_t seed);

    /// The given rows of `data`, in the given order.
    static TabularArrays select(const TabularArrays &data, const std::vector<std::size_t> &rows);
};

} // namespace sparsescope::core
