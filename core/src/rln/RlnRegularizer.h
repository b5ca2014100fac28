// SPDX-License-Identifier: GPL-3.0-or-later
// Private: Regularization Learning on the regularised matrices of a tabular network.
#pragma once

#include "rln/NetworkRegularizer.h"
#include "rln/RlnUpdate.h"
#include "sparsescope/core/rln/RlnConfig.h"

#include <vector>

namespace sparsescope::core {

/// One RlnUpdate per regularised matrix (each with its own Λ and mean Θ, as one Keras callback
/// per layer); the parameters are modified in place under a NoGradGuard.
class RlnRegularizer : public NetworkRegularizer
{
public:
    explicit RlnRegularizer(const RlnSettings &settings);
    /// config.rlnGrid, or config.rln alone.
    static std::vector<RegularizerChoice> choices(const RlnConfig &config);
    void attach(const std::vector<torch::Tensor> &weights) override;
    void afterStep() override;
    std::vector<float> firstLogStrengths() const override;
    std::string describe() const override;
    /// Live edits: applies to every matrix from the next step on.
    void setSettings(const RlnSettings &settings);
    const std::vector<RlnUpdate> &updates() const { return m_updates; }

private:
    RlnSettings m_settings;
    std::vector<torch::Tensor> m_weights;
    std::vector<RlnUpdate> m_updates;
};

} // namespace sparsescope::core
