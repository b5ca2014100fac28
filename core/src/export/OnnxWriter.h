// SPDX-License-Identifier: GPL-3.0-or-later
// Private: turns a traced graph into an ONNX ModelProto (the op mappings live in OnnxOpMapping).
#pragma once

#include "export/ModelTracer.h"

#include <onnx/onnx_pb.h>

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace sparsescope::core {

/// Builds the ONNX graph. The op mappers (OnnxOpMapping.cpp) call back into it: input() names
/// the ONNX value behind a traced value (emitting an initializer the first time a parameter or a
/// constant tensor is used), output() names a node output, addNode() appends a node.
class OnnxWriter
{
public:
    OnnxWriter(const TracedGraph &traced, int opset, std::string modelName);

    /// Maps every node and returns the model: input "input" N×C×H×W, output "logits" N×K,
    /// `inputShape` = C, H, W. Throws core::Error for ops without a mapping.
    ::onnx::ModelProto convert(const std::vector<std::int64_t> &inputShape);

    int opset() const { return m_opset; }
    const std::string &modelName() const { return m_modelName; }

    /// The ONNX name of a tensor value that a node reads.
    std::string input(const torch::jit::Value *value);
    /// The ONNX name under which `value` (a node output) is produced.
    std::string output(const torch::jit::Value *value);
    /// `value` is `source` (ops that do not change values, e.g. contiguous): no node.
    void alias(const torch::jit::Value *value, const torch::jit::Value *source);

    ::onnx::NodeProto &addNode(const std::string &opType, const std::vector<std::string> &inputs,
                               const std::vector<std::string> &outputs);
    /// A fresh intermediate value name.
    std::string temporary(const std::string &hint);
    /// Initializers; `hint` becomes the name (made unique).
    std::string addInitializer(const at::Tensor &tensor, const std::string &hint);
    std::string addInt64s(const std::vector<std::int64_t> &values, const std::string &hint);

    /// The module path of a parameter or buffer ("conv1.weight", "fc.weight.T" for its
    /// transpose), or "const".
    std::string constantName(const torch::jit::Value *value) const;
    /// The tensor behind a parameter, buffer or constant value; nullopt for computed values.
    std::optional<at::Tensor> constantTensor(const torch::jit::Value *value) const;
    /// The shape `value` had in the traced run (dimension 0 of activations is the sample's
    /// batch size, not a property of the model); nullopt when the tracer did not record it.
    std::optional<std::vector<std::int64_t>> tracedSizes(const torch::jit::Value *value) const;
    /// The batch size of the traced sample.
    std::int64_t tracedBatch() const;

    /// Throws core::Error: "cannot export: op aten::foo <why>".
    [[noreturn]] void refuse(const torch::jit::Node *node, const std::string &why) const;

private:
    std::string uniqueName(const std::string &base);

    const TracedGraph &m_traced;
    int m_opset;
    std::string m_modelName;
    ::onnx::GraphProto *m_graph = nullptr;
    std::unordered_map<const torch::jit::Value *, std::string> m_names;
    std::unordered_set<std::string> m_used;
    int m_nodeCount = 0;
};

/// Attribute setters for NodeProto.
void setAttribute(::onnx::NodeProto &node, const std::string &name, std::int64_t value);
void setAttribute(::onnx::NodeProto &node, const std::string &name, float value);
void setAttribute(::onnx::NodeProto &node, const std::string &name,
                  const std::vector<std::int64_t> &values);

} // namespace sparsescope::core
