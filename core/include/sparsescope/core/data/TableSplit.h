// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <vector>

namespace sparsescope::core {

/// Row indices of one train / validation / test partition of a table. Validation rows are
/// carved out of the training rows (for hyper-parameter searches); models that need no
/// validation train on trainAndValidation(). Every list is sorted.
struct TableSplit
{
    std::vector<std::size_t> train;
    std::vector<std::size_t> validation;
    std::vector<std::size_t> test;

    /// train ∪ validation, sorted: the rows final models and the scaler are fitted on.
    std::vector<std::size_t> trainAndValidation() const;

    /// A seeded shuffle split: round(testFraction·rows) test rows, then
    /// round(validationFraction·rest) validation rows; the same on every platform.
    static TableSplit random(std::size_t rows, double testFraction, double validationFraction,
                             std::uint64_t seed);
    /// A fixed test set (0-based rows, e.g. a published split); validation rows are a seeded
    /// fraction of the others. core::Error for rows out of range or listed twice.
    static TableSplit withTestRows(std::size_t rows, const std::vector<std::size_t> &testRows,
                                   double validationFraction, std::uint64_t seed);
    /// Seeded k-fold: the shuffled rows cut into `folds` parts of sizes differing by at most
    /// one; fold i tests on part i. Validation rows come out of each fold's training rows.
    static std::vector<TableSplit> kFold(std::size_t rows, int folds, std::uint64_t seed,
                                         double validationFraction = 0.0);
};

} // namespace sparsescope::core
