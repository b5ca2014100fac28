// SPDX-License-Identifier: GPL-3.0-or-later
// Private: the torch side of core::Model, for core sources only.
#pragma once

#include "sparsescope/core/models/Model.h"

#include <torch/script.h>
#include <torch/torch.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace sparsescope::core {

/// A network behind core::Model: a built-in torch::nn::Module or a TorchScript module.
class ModelImpl
{
public:
    virtual ~ModelImpl() = default;

    /// Logits for a batch of inputs in [0, 1], N×C×H×W.
    virtual torch::Tensor forward(const torch::Tensor &input) = 0;
    virtual std::vector<torch::Tensor> parameters() const = 0;
    virtual std::vector<std::pair<std::string, torch::Tensor>> namedParameters() const = 0;
    virtual void setTraining(bool training) = 0;
    virtual void save(const std::string &path) const = 0;
    virtual std::shared_ptr<ModelImpl> clone() const = 0;
    virtual bool isTorchScript() const = 0;
    virtual std::string architecture() const = 0;
    virtual const ModelOptions &options() const = 0;
    virtual ModelStructure structure() const = 0;

    /// Wraps an implementation into the public handle.
    static Model wrap(std::shared_ptr<ModelImpl> impl) { return Model(std::move(impl)); }
};

/// Conv and linear weights found by parameter shape (4-D conv, 2-D linear), with their biases.
struct WeightLayer
{
    std::string name; ///< parameter path without ".weight"
    std::string kind; ///< "conv" or "linear"
    torch::Tensor weight;
    torch::Tensor bias; ///< undefined when the layer has none
};
std::vector<WeightLayer> weightLayers(const ModelImpl &model);

/// Evaluation shared by Model::evaluate and the Trainer (which passes its stop token).
Evaluation evaluateModel(ModelImpl &model, const Dataset &data, int batchSize, bool keepLogits,
                         const std::stop_token *stop = nullptr);

} // namespace sparsescope::core
