// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/ModelImpl_p.h"

namespace sparsescope::core {

/// A user's TorchScript module (torch.jit.script / trace output). It receives inputs in [0, 1]
/// and must do its own normalisation. Conv and linear weights are found by parameter shape.
class ScriptModel : public ModelImpl
{
public:
    ScriptModel(torch::jit::Module module, std::string path);

    torch::Tensor forward(const torch::Tensor &input) override;
    std::vector<torch::Tensor> parameters() const override;
    std::vector<std::pair<std::string, torch::Tensor>> namedParameters() const override;
    void setTraining(bool training) override { m_module.train(training); }
    void save(const std::string &path) const override;
    std::shared_ptr<ModelImpl> clone() const override;
    bool isTorchScript() const override { return true; }
    std::string architecture() const override { return "torchscript:" + m_path; }
    const ModelOptions &options() const override { return m_options; }
    ModelStructure structure() const override;

private:
    mutable torch::jit::Module m_module;
    std::string m_path;
    ModelOptions m_options;
};

} // namespace sparsescope::core
