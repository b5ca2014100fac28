// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/ModelImpl_p.h"
#include "models/TracedNet.h"

namespace sparsescope::core {

/// A registered architecture. Saved as a LibTorch archive with a "sparsescope_meta" entry
/// (architecture and options as JSON) beside the parameters and buffers.
class BuiltinModel : public ModelImpl
{
public:
    BuiltinModel(std::string architecture, const ModelOptions &options);
    /// Loads an archive written by save(); `meta` is its "sparsescope_meta" JSON.
    static std::shared_ptr<BuiltinModel> fromArchive(torch::serialize::InputArchive &archive,
                                                     const std::string &meta,
                                                     const std::string &path);
    static constexpr const char *kMetaKey = "sparsescope_meta";

    torch::Tensor forward(const torch::Tensor &input) override { return m_net->forward(input); }
    std::vector<torch::Tensor> parameters() const override { return m_net->parameters(); }
    std::vector<std::pair<std::string, torch::Tensor>> namedParameters() const override;
    void setTraining(bool training) override { m_net->train(training); }
    void save(const std::string &path) const override;
    std::shared_ptr<ModelImpl> clone() const override;
    bool isTorchScript() const override { return false; }
    std::string architecture() const override { return m_architecture; }
    const ModelOptions &options() const override { return m_net->options(); }
    ModelStructure structure() const override;

    TracedNet &net() const { return *m_net; }

private:
    std::string m_architecture;
    std::shared_ptr<TracedNet> m_net;
};

} // namespace sparsescope::core
