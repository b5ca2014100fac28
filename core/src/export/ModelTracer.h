// SPDX-License-Identifier: GPL-3.0-or-later
// Private: records a model's forward pass as a TorchScript graph for the exporters.
#pragma once

#include <ATen/core/Tensor.h>
#include <torch/csrc/jit/ir/ir.h>

#include <memory>
#include <string>
#include <unordered_map>

namespace sparsescope::core {

class ModelImpl;

/// A parameter or buffer the traced graph reads, by its module path ("conv1.weight").
struct NamedTensor
{
    std::string name;
    at::Tensor tensor;
};

/// The graph of one traced forward pass. Graph input 0 is the model input; every other graph
/// input is a parameter or buffer listed in `tensors`. Tensors the forward pass reads that are
/// neither (the index lists of thinned models) are prim::Constant nodes in the graph.
struct TracedGraph
{
    std::shared_ptr<torch::jit::Graph> graph;
    std::unordered_map<const torch::jit::Value *, NamedTensor> tensors;
    at::Tensor sampleOutput; ///< the model's output on the sample batch
};

/// Traces ModelImpl::forward with torch::jit::tracer, which works for built-in nn::Modules and
/// TorchScript modules alike. Parameters and buffers are passed to the tracer as inputs so that
/// they keep their names (the tracer refuses to turn a tensor that requires grad into a
/// constant).
class ModelTracer
{
public:
    /// `model` is switched to eval mode and stays so: trace a copy when the caller's mode matters.
    /// Throws core::Error (naming `modelName`) when the forward pass fails on `sample`.
    static TracedGraph trace(ModelImpl &model, const at::Tensor &sample,
                             const std::string &modelName);
};

/// The first line of an error message (LibTorch and ONNX append backtraces and details).
std::string firstLineOf(const std::string &text);

} // namespace sparsescope::core
