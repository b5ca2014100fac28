// SPDX-License-Identifier: GPL-3.0-or-later
// Private: a fixed L1 or L2 penalty on a tabular network's regularised matrices.
#pragma once

#include "rln/NetworkRegularizer.h"

namespace sparsescope::core {

/// λ·Σ|w| (norm 1) or λ·Σw² (norm 2) added to the mean data loss, as Keras' kernel_regularizer
/// l1(λ) / l2(λ) (the authors' tutorial baselines).
class PenaltyRegularizer : public NetworkRegularizer
{
public:
    PenaltyRegularizer(int norm, double strength);
    /// One choice per strength of `grid`.
    static std::vector<RegularizerChoice> choices(int norm, const std::vector<double> &grid);
    void attach(const std::vector<torch::Tensor> &weights) override;
    torch::Tensor penalty() const override;
    std::vector<float> firstLogStrengths() const override;
    std::string describe() const override;

private:
    int m_norm;
    double m_strength;
    std::vector<torch::Tensor> m_weights;
};

} // namespace sparsescope::core
