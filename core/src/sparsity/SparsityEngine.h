// SPDX-License-Identifier: GPL-3.0-or-later
// Private: applies a SparsityConfig to a model around every optimizer step.
#pragma once

#include "models/ModelImpl_p.h"
#include "sparsescope/core/sparsity/SparsityConfig.h"
#include "sparsity/Regularizer.h"

#include <memory>
#include <vector>

namespace sparsescope::core {

/// Binds regularization terms to a model's weight layers and applies them: before the step
/// (authors' subgradients, frozen-gradient masks) and after it (hard zeroing below the
/// threshold, proximal group soft-thresholding, frozen-weight masks).
class SparsityEngine
{
public:
    SparsityEngine(ModelImpl &model, const SparsityConfig &config);

    /// Replaces the terms (a live edit from the mailbox); takes effect at the next step.
    void setTerms(const std::vector<RegularizationTerm> &terms);
    const std::vector<RegularizationTerm> &terms() const { return m_config.terms; }
    bool active() const { return !m_config.empty(); }

    /// After loss.backward(), before optimizer.step().
    void beforeStep();
    /// After optimizer.step(), with the learning rate of that step.
    void afterStep(double learningRate);
    /// Σ λ·R(w) over all terms.
    double penalty() const;

    /// The block a layer belongs to for depth groups ("layer1.0" for "layer1.0.conv2"), or the
    /// layer name itself.
    static std::string blockKey(const std::string &layerName);

private:
    struct Bound
    {
        std::shared_ptr<Regularizer> regularizer;
        std::vector<std::vector<torch::Tensor>> units;
        std::vector<double> lambdas; ///< per unit (column scaling differs per layer)
    };
    void bind();

    ModelImpl &m_model;
    SparsityConfig m_config;
    std::vector<WeightLayer> m_layers;
    std::vector<Bound> m_bound;
    std::vector<torch::Tensor> m_parameters;
    std::vector<std::pair<torch::Tensor, torch::Tensor>> m_frozen; ///< weight, mask
};

} // namespace sparsescope::core
