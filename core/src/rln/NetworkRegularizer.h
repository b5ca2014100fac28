// SPDX-License-Identifier: GPL-3.0-or-later
// Private: how a tabular network's weights are regularised (RLN, L1, L2, none).
#pragma once

#include "sparsescope/core/rln/RlnConfig.h"

#include <torch/torch.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace sparsescope::core {

/// A regulariser of some of a network's weight matrices: a penalty added to the data loss
/// (L1 / L2), or a step after each optimizer step (RLN), or both.
class NetworkRegularizer
{
public:
    virtual ~NetworkRegularizer() = default;
    /// The weight matrices to regularise, first layer first (called once before training).
    virtual void attach(const std::vector<torch::Tensor> &weights) = 0;
    /// Added to the data loss before backward; undefined for none.
    virtual torch::Tensor penalty() const { return {}; }
    /// Right after every optimizer step.
    virtual void afterStep() { }
    /// The first matrix's per-weight log-strengths, in its layout; empty for none.
    virtual std::vector<float> firstLogStrengths() const = 0;
    /// "l1=0.1", "theta=-7.5 nu=6e+05 norm=1", …
    virtual std::string describe() const = 0;
};

/// One candidate regulariser of a network model: a label for run.json and a factory (an empty
/// factory means no regularisation).
struct RegularizerChoice
{
    std::string label;
    std::function<std::unique_ptr<NetworkRegularizer>()> create;
};

/// The candidates a network model searches, from the config (one candidate: no search).
using RegularizerChoices = std::function<std::vector<RegularizerChoice>(const RlnConfig &)>;

} // namespace sparsescope::core
