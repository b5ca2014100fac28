// SPDX-License-Identifier: GPL-3.0-or-later
#include "export/ModelTracer.h"

#include "models/BuiltinModel.h"
#include "sparsescope/core/Error.h"

#include <torch/csrc/jit/frontend/tracer.h>

#include <unordered_set>

namespace sparsescope::core {

namespace {
/// Parameters, then buffers (built-in models; a TorchScript module's buffers become constants),
/// each tensor once.
std::vector<NamedTensor> namedTensors(const ModelImpl &model)
{
    std::vector<NamedTensor> out;
    std::unordered_set<const void *> seen;
    auto add = [&](const std::string &name, const torch::Tensor &tensor) {
        if (tensor.defined() && seen.insert(tensor.unsafeGetTensorImpl()).second)
            out.push_back({name, tensor});
    };
    for (const auto &[name, tensor] : model.namedParameters())
        add(name, tensor);
    if (const auto *builtin = dynamic_cast<const BuiltinModel *>(&model))
        for (const auto &item : builtin->net().named_buffers())
            add(item.key(), item.value());
    return out;
}
} // namespace

std::string firstLineOf(const std::string &text)
{
    return text.substr(0, text.find('\n'));
}

TracedGraph ModelTracer::trace(ModelImpl &model, const torch::Tensor &sample,
                               const std::string &modelName)
{
    torch::NoGradGuard noGrad;
    model.setTraining(false);
    const auto tensors = namedTensors(model);
    torch::jit::Stack inputs;
    inputs.emplace_back(sample);
    for (const auto &t : tensors)
        inputs.emplace_back(t.tensor);

    TracedGraph traced;
    try {
        auto [state, outputs] = torch::jit::tracer::trace(
            std::move(inputs),
            [&model](torch::jit::Stack stack) -> torch::jit::Stack {
                return {model.forward(stack.front().toTensor())};
            },
            [](const torch::autograd::Variable &) { return std::string(); });
        traced.graph = state->graph;
        if (outputs.size() != 1 || !outputs.front().isTensor())
            throw Error(modelName, "cannot export: forward() must return one tensor of logits");
        traced.sampleOutput = outputs.front().toTensor();
    } catch (const c10::Error &e) {
        throw Error(modelName,
                    "cannot export: tracing the forward pass failed ("
                        + firstLineOf(e.what_without_backtrace()) + ")");
    }
    const auto graphInputs = traced.graph->inputs();
    if (graphInputs.size() != tensors.size() + 1)
        throw Error(modelName, "cannot export: the traced graph has unexpected inputs");
    for (std::size_t i = 0; i < tensors.size(); ++i)
        traced.tensors.emplace(graphInputs[i + 1], tensors[i]);
    return traced;
}

} // namespace sparsescope::core
