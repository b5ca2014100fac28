// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsescope/core/sparsity/RegularizationTerm.h"

#include <string>
#include <vector>

namespace sparsescope::core {

/// Structured Sparsity Learning settings of a training run (Wen et al. 2016; methods.md §1).
struct SparsityConfig
{
    std::vector<RegularizationTerm> terms;
    /// "authors": subgradient λ·w/‖w_g‖ added to the gradient, then every |w| < threshold set to
    /// 0 after each step (the released Caffe code). "proximal": group soft-thresholding after
    /// each step.
    std::string update = "authors";
    double threshold = 1e-4;
    /// Multiply shape (column) strengths by √(column length / 128), as the authors' AlexNet
    /// configuration does (methods.md §1.4).
    bool scaleColumns = false;
    /// Stage 3 of the pipeline: keep every weight that is zero at the start at zero (masks on
    /// weights, gradients and momentum) while fine-tuning.
    bool freezeZeros = false;

    bool empty() const { return terms.empty() && !freezeZeros; }

    /// Parses the CLI flag "filter=1e-3,channel=2e-3" (every layer gets the strength).
    static std::vector<RegularizationTerm> parseFlag(const std::string &flag);
    /// Throws core::Error naming `origin` for unknown types, negative strengths, bad modes.
    void validate(const std::string &origin) const;
};

} // namespace sparsescope::core
