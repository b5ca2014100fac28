// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/export/ModelExport.h"

#include "common/CsvText_p.h"
#include "export/ModelTracer.h"
#include "export/OnnxWriter.h"
#include "models/ModelImpl_p.h"
#include "sparsescope/core/Error.h"
#include "sparsescope/core/models/Model.h"

#include <onnx/checker.h>
#include <onnx/defs/schema.h>
#include <onnx/shape_inference/implementation.h>

#include <algorithm>
#include <fstream>
#include <unordered_set>

namespace sparsescope::core {

namespace {
std::vector<std::int64_t> inputShapeOf(const Model &model, const OnnxOptions &options)
{
    if (!options.inputShape.empty()) {
        if (options.inputShape.size() != 3
            || std::any_of(options.inputShape.begin(), options.inputShape.end(),
                           [](std::int64_t d) { return d <= 0; }))
            throw Error(model.architecture(), "cannot export: the input shape must be C H W > 0");
        return options.inputShape;
    }
    const auto &o = model.options();
    if (o.inChannels <= 0 || o.height <= 0 || o.width <= 0)
        throw Error(model.architecture(), "cannot export: the model's input size is unknown",
                    "give the input shape C H W");
    return {o.inChannels, o.height, o.width};
}

std::vector<std::string> dimensions(const ::onnx::ValueInfoProto &info)
{
    std::vector<std::string> out;
    for (const auto &dim : info.type().tensor_type().shape().dim())
        out.push_back(dim.has_dim_param() ? dim.dim_param() : std::to_string(dim.dim_value()));
    return out;
}
} // namespace

void exportOnnx(const Model &model, const std::string &path, const OnnxOptions &options)
{
    if (!model.isValid())
        throw Error(path, "cannot export: no model");
    const auto name = model.architecture();
    if (options.opset < kMinOnnxOpset || options.opset > kMaxOnnxOpset)
        throw Error(
            name,
            "cannot export: ONNX opset " + std::to_string(options.opset) + " is not supported",
            "use " + std::to_string(kMinOnnxOpset) + " to " + std::to_string(kMaxOnnxOpset));
    if (options.traceBatch < 1)
        throw Error(name, "cannot export: the trace batch size must be at least 1");
    const auto shape = inputShapeOf(model, options);

    // A copy is traced in eval mode, so the caller's model keeps its mode and its BatchNorm
    // statistics. The sample is a fixed ramp in [0, 1]: no random-number state is consumed.
    const auto copy = model.impl().clone();
    const std::int64_t batch = options.traceBatch;
    const auto sample = torch::linspace(0.0, 1.0, batch * shape[0] * shape[1] * shape[2])
                            .reshape({batch, shape[0], shape[1], shape[2]});
    const auto traced = ModelTracer::trace(*copy, sample, name);

    OnnxWriter writer(traced, options.opset, name);
    auto proto = writer.convert(shape);
    try {
        ::onnx::checker::check_model(proto);
    } catch (const std::exception &e) {
        throw Error(name,
                    "cannot export: the ONNX graph fails the ONNX checker (" + firstLineOf(e.what())
                        + ")");
    }

    std::string bytes;
    if (!proto.SerializeToString(&bytes))
        throw Error(path, "cannot serialise the ONNX model");
    writeTextFile(path, bytes); // atomically: the old file or the new one, never a torn one
}

OnnxFileInfo checkOnnx(const std::string &path)
{
    ::onnx::ModelProto proto;
    {
        std::ifstream in(path, std::ios::binary);
        if (!in)
            throw Error(path, "cannot open the ONNX file");
        if (!proto.ParseFromIstream(&in))
            throw Error(path, "not an ONNX model (protobuf parse failed)");
    }
    try {
        ::onnx::checker::check_model(proto);
        // Strict shape inference with type checks: an op fed the wrong types or ranks fails.
        ::onnx::shape_inference::InferShapes(proto, ::onnx::OpSchemaRegistry::Instance(),
                                             ::onnx::ShapeInferenceOptions(true, 1, false));
    } catch (const std::exception &e) {
        throw Error(path, "invalid ONNX model: " + firstLineOf(e.what()));
    }
    OnnxFileInfo info;
    info.irVersion = proto.ir_version();
    for (const auto &opset : proto.opset_import())
        if (opset.domain().empty() || opset.domain() == "ai.onnx")
            info.opset = opset.version();
    const auto &graph = proto.graph();
    std::unordered_set<std::string> initializers;
    for (const auto &tensor : graph.initializer()) {
        initializers.insert(tensor.name());
        if (tensor.data_type() == ::onnx::TensorProto_DataType_FLOAT) {
            std::int64_t elements = 1;
            for (const auto d : tensor.dims())
                elements *= d;
            info.floatParameters += elements;
        }
    }
    for (const auto &input : graph.input())
        if (!initializers.count(input.name())) {
            if (info.inputs.empty())
                info.inputDims = dimensions(input);
            info.inputs.push_back(input.name());
        }
    for (const auto &output : graph.output()) {
        if (info.outputs.empty())
            info.outputDims = dimensions(output);
        info.outputs.push_back(output.name());
    }
    for (const auto &node : graph.node())
        info.opTypes.push_back(node.op_type());
    return info;
}

void exportLibTorch(const Model &model, const std::string &path)
{
    if (!model.isValid())
        throw Error(path, "cannot export: no model");
    model.save(path);
}

} // namespace sparsescope::core
