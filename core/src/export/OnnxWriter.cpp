// SPDX-License-Identifier: GPL-3.0-or-later
#include "export/OnnxWriter.h"

#include "export/OnnxOpMapping.h"
#include "sparsescope/core/Error.h"
#include "sparsescope/core/Version.h"

#include <ATen/ATen.h>
#include <torch/csrc/jit/ir/constants.h>

#include <cctype>

namespace sparsescope::core {

using torch::jit::Node;
using torch::jit::Value;

namespace {
/// The IR version that goes with an opset (onnx/helper.py VERSION_TABLE): older runtimes
/// reject files that claim a newer IR than they know.
std::int64_t irVersionFor(int opset)
{
    if (opset <= 11)
        return 6;
    if (opset <= 14)
        return 7;
    return 8;
}

std::int32_t onnxType(const at::Tensor &tensor)
{
    switch (tensor.scalar_type()) {
    case at::kFloat:
        return ::onnx::TensorProto_DataType_FLOAT;
    case at::kDouble:
        return ::onnx::TensorProto_DataType_DOUBLE;
    case at::kLong:
        return ::onnx::TensorProto_DataType_INT64;
    case at::kInt:
        return ::onnx::TensorProto_DataType_INT32;
    case at::kBool:
        return ::onnx::TensorProto_DataType_BOOL;
    default:
        return ::onnx::TensorProto_DataType_UNDEFINED;
    }
}

void setTensorType(::onnx::ValueInfoProto &info, const std::string &batch,
                   const std::vector<std::int64_t> &sizes)
{
    auto *type = info.mutable_type()->mutable_tensor_type();
    type->set_elem_type(::onnx::TensorProto_DataType_FLOAT);
    auto *shape = type->mutable_shape();
    shape->add_dim()->set_dim_param(batch);
    for (const auto size : sizes)
        shape->add_dim()->set_dim_value(size);
}

/// ONNX names are free-form, but readable ones help in Netron and in error messages.
std::string readable(std::string name)
{
    for (auto &c : name)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '_')
            c = '_';
    return name.empty() ? std::string("t") : name;
}
} // namespace

OnnxWriter::OnnxWriter(const TracedGraph &traced, int opset, std::string modelName)
    : m_traced(traced)
    , m_opset(opset)
    , m_modelName(std::move(modelName))
{ }

::onnx::ModelProto OnnxWriter::convert(const std::vector<std::int64_t> &inputShape)
{
    ::onnx::ModelProto model;
    model.set_ir_version(irVersionFor(m_opset));
    model.set_producer_name("SparseScope");
    model.set_producer_version(kVersion);
    model.set_doc_string(m_modelName);
    auto *opsetId = model.add_opset_import();
    opsetId->set_domain("");
    opsetId->set_version(m_opset);
    m_graph = model.mutable_graph();
    m_graph->set_name("sparsescope");

    const auto &graph = *m_traced.graph;
    setTensorType(*m_graph->add_input(), "N", inputShape);
    m_graph->mutable_input(0)->set_name("input");
    m_names[graph.inputs()[0]] = "input";
    m_used.insert({"input", "logits"});

    if (graph.outputs().size() != 1)
        throw Error(m_modelName, "cannot export: forward() must return one tensor of logits");
    for (const Node *node : graph.nodes()) {
        if (OnnxOpMapping::isArgument(node->kind()))
            continue;
        const auto mapper = OnnxOpMapping::find(node->kind());
        if (!mapper)
            throw Error(m_modelName,
                        std::string("cannot export: op ") + node->kind().toQualString()
                            + " has no ONNX mapping",
                        "the exporter maps the ops of the built-in architectures");
        mapper(*this, node);
    }

    const Value *result = graph.outputs()[0];
    const auto &sample = m_traced.sampleOutput;
    if (sample.dim() != 2)
        throw Error(m_modelName,
                    "cannot export: forward() returns a " + std::to_string(sample.dim())
                        + "-D tensor, not N×classes logits");
    const std::string produced = input(result);
    if (produced != "logits")
        addNode("Identity", {produced}, {"logits"});
    auto *out = m_graph->add_output();
    out->set_name("logits");
    setTensorType(*out, "N", {sample.size(1)});
    return model;
}

std::string OnnxWriter::uniqueName(const std::string &base)
{
    std::string name = readable(base);
    for (int i = 1; !m_used.insert(name).second; ++i)
        name = readable(base) + "_" + std::to_string(i);
    return name;
}

std::string OnnxWriter::input(const Value *value)
{
    if (auto it = m_names.find(value); it != m_names.end())
        return it->second;
    if (const auto tensor = constantTensor(value)) {
        const auto name = addInitializer(*tensor, constantName(value));
        m_names[value] = name;
        return name;
    }
    refuse(value->node(),
           "computes a value that the exported graph cannot carry (a size read at run time?)");
}

std::string OnnxWriter::output(const Value *value)
{
    std::string name = value == m_traced.graph->outputs()[0]
        ? std::string("logits")
        : uniqueName(value->node()->kind().toUnqualString() + std::string("_out"));
    m_names[value] = name;
    return name;
}

void OnnxWriter::alias(const Value *value, const Value *source)
{
    m_names[value] = input(source);
}

::onnx::NodeProto &OnnxWriter::addNode(const std::string &opType,
                                       const std::vector<std::string> &inputs,
                                       const std::vector<std::string> &outputs)
{
    auto *node = m_graph->add_node();
    node->set_op_type(opType);
    node->set_name(opType + "_" + std::to_string(m_nodeCount++));
    for (const auto &name : inputs)
        node->add_input(name);
    for (const auto &name : outputs)
        node->add_output(name);
    return *node;
}

std::string OnnxWriter::temporary(const std::string &hint)
{
    return uniqueName(hint);
}

std::string OnnxWriter::addInitializer(const at::Tensor &tensor, const std::string &hint)
{
    const auto type = onnxType(tensor);
    if (type == ::onnx::TensorProto_DataType_UNDEFINED)
        throw Error(m_modelName,
                    std::string("cannot export: a tensor of type ")
                        + c10::toString(tensor.scalar_type()) + " has no ONNX mapping");
    // contiguous() in the default format: channels-last weights are written NCHW, as ONNX wants.
    const auto data = tensor.detach().cpu().contiguous();
    auto *proto = m_graph->add_initializer();
    const auto name = uniqueName(hint);
    proto->set_name(name);
    proto->set_data_type(type);
    for (const auto size : data.sizes())
        proto->add_dims(size);
    proto->set_raw_data(data.data_ptr(), std::size_t(data.numel()) * data.element_size());
    return name;
}

std::string OnnxWriter::addInt64s(const std::vector<std::int64_t> &values, const std::string &hint)
{
    return addInitializer(
        at::tensor(at::ArrayRef<std::int64_t>(values), at::TensorOptions().dtype(at::kLong)), hint);
}

std::string OnnxWriter::constantName(const Value *value) const
{
    if (auto it = m_traced.tensors.find(value); it != m_traced.tensors.end())
        return it->second.name;
    const Node *node = value->node();
    if (node->kind() == c10::aten::t && node->inputs().size() == 1)
        if (auto it = m_traced.tensors.find(node->input(0)); it != m_traced.tensors.end())
            return it->second.name + ".T";
    return "const";
}

std::optional<at::Tensor> OnnxWriter::constantTensor(const Value *value) const
{
    if (auto it = m_traced.tensors.find(value); it != m_traced.tensors.end())
        return it->second.tensor;
    const Node *node = value->node();
    if (node->kind() == c10::prim::Constant) {
        const auto constant = torch::jit::toIValue(value);
        if (constant && constant->isTensor())
            return constant->toTensor();
        return std::nullopt;
    }
    // Transposed weights (addmm's mat2 = t(weight)) are folded into an initializer.
    if (node->kind() == c10::aten::t && node->inputs().size() == 1)
        if (const auto source = constantTensor(node->input(0)); source && source->dim() <= 2)
            return source->t();
    return std::nullopt;
}

std::optional<std::vector<std::int64_t>> OnnxWriter::tracedSizes(const Value *value) const
{
    const auto type = value->type()->cast<c10::TensorType>();
    if (!type)
        return std::nullopt;
    auto sizes = type->sizes().concrete_sizes();
    if (!sizes)
        return std::nullopt;
    return *sizes;
}

std::int64_t OnnxWriter::tracedBatch() const
{
    const auto sizes = tracedSizes(m_traced.graph->inputs()[0]);
    return sizes && !sizes->empty() ? sizes->front() : -1;
}

void OnnxWriter::refuse(const Node *node, const std::string &why) const
{
    throw Error(m_modelName,
                std::string("cannot export: op ") + node->kind().toQualString() + " " + why);
}

void setAttribute(::onnx::NodeProto &node, const std::string &name, std::int64_t value)
{
    auto *attribute = node.add_attribute();
    attribute->set_name(name);
    attribute->set_type(::onnx::AttributeProto_AttributeType_INT);
    attribute->set_i(value);
}

void setAttribute(::onnx::NodeProto &node, const std::string &name, float value)
{
    auto *attribute = node.add_attribute();
    attribute->set_name(name);
    attribute->set_type(::onnx::AttributeProto_AttributeType_FLOAT);
    attribute->set_f(value);
}

void setAttribute(::onnx::NodeProto &node, const std::string &name,
                  const std::vector<std::int64_t> &values)
{
    auto *attribute = node.add_attribute();
    attribute->set_name(name);
    attribute->set_type(::onnx::AttributeProto_AttributeType_INTS);
    for (const auto v : values)
        attribute->add_ints(v);
}

} // namespace sparsescope::core
