// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsescope/core/atlas/KappaBootstrap.h"

#include <cstdint>
#include <string>
#include <vector>

namespace sparsescope::core {

class TrialTable;

/// A model against the humans of one experiment, on the images both saw.
struct HumanComparisonRow
{
    std::string experiment;
    std::size_t trials = 0; ///< human trials paired with a model trial on the same image
    double modelAccuracy = 0.0; ///< over those pairs
    double humanAccuracy = 0.0;
    double accuracyDifference = 0.0; ///< model − humans
    double kappa = 0.0; ///< error consistency over the pairs (ErrorConsistency)
    Interval kappaInterval; ///< bootstrap 95 %, resampling the pairs (KappaBootstrap)
};

/// How human-like a model's errors are (Geirhos et al. 2018, 2020): every human trial of an
/// experiment is paired with the model's trial on the same image (matched by
/// TrialTable::shortImageId, as model-vs-human does), pooling the subjects.
class HumanComparison
{
public:
    /// One row per experiment of `model` (its DNN trials) that has paired human trials in
    /// `humans` (experiments matched by name), in the model table's experiment order.
    static std::vector<HumanComparisonRow> compare(const TrialTable &model,
                                                   const TrialTable &humans, int resamples = 1000,
                                                   std::uint64_t seed = 1);
};

} // namespace sparsescope::core
