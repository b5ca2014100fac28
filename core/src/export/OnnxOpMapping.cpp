// SPDX-License-Identifier: GPL-3.0-or-later
#include "export/OnnxOpMapping.h"

#include "export/OnnxWriter.h"

#include <ATen/ATen.h>
#include <torch/csrc/jit/ir/constants.h>
#include <torch/csrc/jit/ir/ir.h>

#include <algorithm>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace sparsescope::core {

using torch::jit::Node;
using torch::jit::Value;
using Ints = std::vector<std::int64_t>;

namespace {

// ---- Reading a node's arguments (constants in a traced graph) ----------------------------------

/// The constant behind an argument: a prim::Constant, or a list of them.
std::optional<c10::IValue> constantValue(const Value *value)
{
    const Node *node = value->node();
    if (node->kind() == c10::prim::Constant)
        return torch::jit::toIValue(value);
    if (node->kind() != c10::prim::ListConstruct)
        return std::nullopt;
    Ints ints;
    std::vector<double> doubles;
    bool allInts = true, allDoubles = true;
    for (const Value *element : node->inputs()) {
        const auto constant = constantValue(element);
        if (!constant)
            return std::nullopt;
        allInts = allInts && constant->isInt();
        allDoubles = allDoubles && constant->isDouble();
        if (constant->isInt())
            ints.push_back(constant->toInt());
        if (constant->isDouble())
            doubles.push_back(constant->toDouble());
    }
    if (allInts)
        return c10::IValue(ints);
    if (allDoubles)
        return c10::IValue(doubles);
    return std::nullopt;
}

bool isNoneValue(const Value *value)
{
    const auto constant = constantValue(value);
    return constant && constant->isNone();
}

bool hasArgument(const Node *node, const char *name)
{
    const auto *schema = node->maybeSchema();
    return schema && schema->argumentIndexWithName(name).has_value();
}

const Value *argument(OnnxWriter &w, const Node *node, const char *name)
{
    const auto *schema = node->maybeSchema();
    if (!schema)
        w.refuse(node, "has no known schema");
    const auto index = schema->argumentIndexWithName(name);
    if (!index)
        w.refuse(node, std::string("has no argument '") + name + "' (an unsupported overload)");
    return node->input(static_cast<std::size_t>(*index));
}

c10::IValue constantArgument(OnnxWriter &w, const Node *node, const char *name)
{
    const auto value = constantValue(argument(w, node, name));
    if (!value)
        w.refuse(node, std::string("with argument '") + name + "' computed at run time");
    return *value;
}

/// An int list argument; a one-element list is repeated to `spatial` entries (PyTorch allows
/// "3" for "3×3").
Ints intsArgument(OnnxWriter &w, const Node *node, const char *name, std::size_t spatial = 0)
{
    const auto value = constantArgument(w, node, name);
    Ints out;
    if (value.isIntList())
        out = value.toIntVector();
    else if (value.isInt())
        out = {value.toInt()};
    else
        w.refuse(node, std::string("with a non-integer '") + name + "' argument");
    if (spatial && out.size() == 1)
        out.assign(spatial, out.front());
    if (spatial && !out.empty() && out.size() != spatial)
        w.refuse(node,
                 std::string("with ") + std::to_string(out.size()) + " '" + name
                     + "' entries (2-D only)");
    return out;
}

std::int64_t intArgument(OnnxWriter &w, const Node *node, const char *name)
{
    const auto value = constantArgument(w, node, name);
    if (!value.isInt())
        w.refuse(node, std::string("with a non-integer '") + name + "' argument");
    return value.toInt();
}

double doubleArgument(OnnxWriter &w, const Node *node, const char *name)
{
    const auto value = constantArgument(w, node, name);
    if (value.isDouble())
        return value.toDouble();
    if (value.isInt())
        return double(value.toInt());
    w.refuse(node, std::string("with a non-numeric '") + name + "' argument");
}

bool boolArgument(OnnxWriter &w, const Node *node, const char *name)
{
    const auto value = constantArgument(w, node, name);
    if (!value.isBool())
        w.refuse(node, std::string("with a non-boolean '") + name + "' argument");
    return value.toBool();
}

const std::vector<std::int64_t> &sizesOf(OnnxWriter &w, const Node *node, const Value *value,
                                         std::vector<std::int64_t> &storage)
{
    auto sizes = w.tracedSizes(value);
    if (!sizes)
        w.refuse(node, "reads a tensor whose shape the tracer did not record");
    storage = std::move(*sizes);
    return storage;
}

std::int64_t rankOf(OnnxWriter &w, const Node *node, const Value *value)
{
    Ints storage;
    return static_cast<std::int64_t>(sizesOf(w, node, value, storage).size());
}

std::int64_t normalizedDim(std::int64_t dim, std::int64_t rank)
{
    return dim < 0 ? dim + rank : dim;
}

/// "add_" → "add": in-place variants compute the same values (the tracer already points later
/// reads of the mutated tensor at the op's output).
std::string baseName(const Node *node)
{
    std::string name = node->kind().toUnqualString();
    if (name.size() > 1 && name.back() == '_' && name[name.size() - 2] != '_')
        name.pop_back();
    return name;
}

std::string floatScalar(OnnxWriter &w, double value, const std::string &hint)
{
    return w.addInitializer(at::scalar_tensor(value, at::kFloat), hint);
}

// ---- Elementwise
// ---------------------------------------------------------------------------------

/// add, sub (with alpha), mul, div: the input normalisation (x − mean) / std and residual sums.
void mapArithmetic(OnnxWriter &w, const Node *node)
{
    static const std::unordered_map<std::string, std::string> ops
        = {{"add", "Add"}, {"sub", "Sub"}, {"mul", "Mul"}, {"div", "Div"}};
    const auto op = ops.at(baseName(node));
    if (hasArgument(node, "rounding_mode") && !isNoneValue(argument(w, node, "rounding_mode")))
        w.refuse(node, "with a rounding mode");
    const double alpha = hasArgument(node, "alpha") ? doubleArgument(w, node, "alpha") : 1.0;
    const Value *other = argument(w, node, "other");
    std::string otherName;
    if (const auto constant = constantValue(other);
        constant && (constant->isDouble() || constant->isInt())) {
        otherName = floatScalar(w, constant->toScalar().toDouble() * alpha, "scalar");
    } else if (auto tensor = w.constantTensor(other); tensor && tensor->dim() > 1
               && tensor->size(0) == 1 && tensor->dim() <= rankOf(w, node, node->input(0))) {
        // Leading unit dimensions of a constant operand do nothing under broadcasting when the
        // other operand has at least its rank, so the mean/std buffers go out as C×1×1, not
        // 1×C×1×1: OpenCV 4.6 turns a constant operand into a per-channel Scale layer along
        // axis (input rank − constant rank), i.e. along the batch axis for 1×C×1×1.
        while (tensor->dim() > 1 && tensor->size(0) == 1)
            *tensor = tensor->squeeze(0);
        if (alpha != 1.0)
            *tensor = *tensor * alpha;
        otherName = w.addInitializer(*tensor, w.constantName(other));
    } else {
        otherName = w.input(other);
        if (alpha != 1.0) {
            const auto scaled = w.temporary("scaled");
            w.addNode("Mul", {otherName, floatScalar(w, alpha, "alpha")}, {scaled});
            otherName = scaled;
        }
    }
    w.addNode(op, {w.input(node->input(0)), otherName}, {w.output(node->output())});
}

void mapActivation(OnnxWriter &w, const Node *node)
{
    static const std::unordered_map<std::string, std::string> ops
        = {{"relu", "Relu"}, {"sigmoid", "Sigmoid"}, {"tanh", "Tanh"}};
    w.addNode(ops.at(baseName(node)), {w.input(node->input(0))}, {w.output(node->output())});
}

/// Ops that keep values: contiguous (the built-in conv nets run channels-last; a memory format
/// is a layout, not a value), detach, clone, dropout in eval mode.
void mapPassThrough(OnnxWriter &w, const Node *node)
{
    if (hasArgument(node, "train") && boolArgument(w, node, "train"))
        w.refuse(node, "in training mode");
    w.alias(node->output(), node->input(0));
}

// ---- Convolution and normalisation
// ---------------------------------------------------------------

/// _convolution, convolution, conv2d: 2-D, not transposed, fixed weight.
void mapConvolution(OnnxWriter &w, const Node *node)
{
    const Value *weightValue = argument(w, node, "weight");
    const auto weight = w.constantTensor(weightValue);
    if (!weight || weight->dim() != 4)
        w.refuse(node, "other than a 2-D convolution with a fixed weight");
    if (hasArgument(node, "transposed") && boolArgument(w, node, "transposed"))
        w.refuse(node, "transposed");
    const auto stride = intsArgument(w, node, "stride", 2);
    const auto padding = intsArgument(w, node, "padding", 2);
    const auto dilation = intsArgument(w, node, "dilation", 2);
    const auto groups = intArgument(w, node, "groups");
    std::vector<std::string> inputs = {w.input(node->input(0)), w.input(weightValue)};
    if (const Value *bias = argument(w, node, "bias"); !isNoneValue(bias))
        inputs.push_back(w.input(bias));
    auto &conv = w.addNode("Conv", inputs, {w.output(node->output())});
    setAttribute(conv, "kernel_shape", Ints {weight->size(2), weight->size(3)});
    setAttribute(conv, "strides", stride);
    setAttribute(conv, "pads", Ints {padding[0], padding[1], padding[0], padding[1]});
    setAttribute(conv, "dilations", dilation);
    setAttribute(conv, "group", groups);
}

/// batch_norm in eval mode: normalises with the running statistics.
void mapBatchNorm(OnnxWriter &w, const Node *node)
{
    if (boolArgument(w, node, "training"))
        w.refuse(node, "in training mode");
    const Value *mean = argument(w, node, "running_mean");
    const Value *var = argument(w, node, "running_var");
    const auto meanTensor = w.constantTensor(mean);
    if (!meanTensor || !w.constantTensor(var))
        w.refuse(node, "without running statistics");
    const auto channels = meanTensor->numel();
    auto affine = [&](const char *name, double fill) {
        const Value *value = argument(w, node, name);
        return isNoneValue(value) ? w.addInitializer(at::full({channels}, fill, at::kFloat), name)
                                  : w.input(value);
    };
    auto &bn = w.addNode("BatchNormalization",
                         {w.input(node->input(0)), affine("weight", 1.0), affine("bias", 0.0),
                          w.input(mean), w.input(var)},
                         {w.output(node->output())});
    setAttribute(bn, "epsilon", static_cast<float>(doubleArgument(w, node, "eps")));
}

// ---- Pooling
// -------------------------------------------------------------------------------------

/// With ceil_mode PyTorch drops a last window that would start in the right padding or beyond;
/// ONNX's output-size formula keeps it. Refuse the sizes where the two disagree.
void checkCeilModeWindows(OnnxWriter &w, const Node *node, const Ints &sizes, const Ints &kernel,
                          const Ints &stride, const Ints &padding, const Ints &dilation)
{
    for (std::size_t d = 0; d < 2; ++d) {
        const auto in = sizes[2 + d], span = dilation[d] * (kernel[d] - 1) + 1;
        const auto onnxOut = (in + 2 * padding[d] - span + stride[d] - 1) / stride[d] + 1;
        auto torchOut = onnxOut;
        if ((torchOut - 1) * stride[d] >= in + padding[d])
            --torchOut;
        if (torchOut != onnxOut)
            w.refuse(node,
                     "with ceil_mode on an input size where PyTorch and ONNX count different "
                     "windows");
    }
}

/// max_pool2d and avg_pool2d.
void mapPooling(OnnxWriter &w, const Node *node)
{
    const bool isMax = baseName(node) == "max_pool2d";
    const auto kernel = intsArgument(w, node, "kernel_size", 2);
    auto stride = intsArgument(w, node, "stride", 2);
    if (stride.empty())
        stride = kernel;
    const auto padding = intsArgument(w, node, "padding", 2);
    const auto dilation = isMax ? intsArgument(w, node, "dilation", 2) : Ints {1, 1};
    const bool ceil = boolArgument(w, node, "ceil_mode");
    Ints storage;
    const auto &sizes = sizesOf(w, node, node->input(0), storage);
    if (sizes.size() != 4)
        w.refuse(node, "on a tensor that is not N×C×H×W");
    if (ceil)
        checkCeilModeWindows(w, node, sizes, kernel, stride, padding, dilation);

    std::string x = w.input(node->input(0));
    Ints pads = {padding[0], padding[1], padding[0], padding[1]};
    if (!isMax) {
        if (!isNoneValue(argument(w, node, "divisor_override")))
            w.refuse(node, "with a divisor override");
        // PyTorch divides each window by its size clipped to the padded input when
        // count_include_pad is true (its default): padding counts, a ceil-mode overhang past
        // the padding does not. OpenCV 4.6 runs AveragePool with pads and count_include_pad=1
        // as if it were 0 (measured: ones 4×4, kernel 3, stride 2, pad 1, ceil mode gives all
        // 1, PyTorch 0.444 0.667 0.333 …), and ONNX leaves the ceil-mode divisor vague. With
        // pads = 0 and count_include_pad=0 every runtime divides by the elements inside the
        // input, which is PyTorch's divisor; so the padding becomes an explicit zero Pad that
        // AveragePool then counts as input. Exact, and the same values in OpenCV.
        if (boolArgument(w, node, "count_include_pad") && (padding[0] > 0 || padding[1] > 0)) {
            const auto padded = w.temporary("padded");
            w.addNode(
                "Pad",
                {x,
                 w.addInt64s({0, 0, padding[0], padding[1], 0, 0, padding[0], padding[1]}, "pads")},
                {padded});
            x = padded;
            pads = {0, 0, 0, 0};
        }
    }
    auto &pool = w.addNode(isMax ? "MaxPool" : "AveragePool", {x}, {w.output(node->output())});
    setAttribute(pool, "kernel_shape", kernel);
    setAttribute(pool, "strides", stride);
    setAttribute(pool, "pads", pads);
    setAttribute(pool, "ceil_mode", std::int64_t(ceil ? 1 : 0));
    if (isMax && (dilation[0] != 1 || dilation[1] != 1))
        setAttribute(pool, "dilations", dilation);
    if (!isMax)
        setAttribute(pool, "count_include_pad", std::int64_t(0));
}

/// adaptive_avg_pool2d to 1×1 (global average pooling).
void mapAdaptivePooling(OnnxWriter &w, const Node *node)
{
    const auto size = intsArgument(w, node, "output_size", 2);
    if (size != Ints {1, 1})
        w.refuse(node, "to an output size other than 1×1");
    w.addNode("GlobalAveragePool", {w.input(node->input(0))}, {w.output(node->output())});
}

// ---- Reductions
// ----------------------------------------------------------------------------------

/// mean over dimensions; over {2, 3} of N×C×H×W (ResNet's global pool) as GlobalAveragePool.
void mapMean(OnnxWriter &w, const Node *node)
{
    if (hasArgument(node, "dtype") && !isNoneValue(argument(w, node, "dtype")))
        w.refuse(node, "with a dtype");
    const auto rank = rankOf(w, node, node->input(0));
    auto dims = intsArgument(w, node, "dim");
    for (auto &d : dims)
        d = normalizedDim(d, rank);
    std::sort(dims.begin(), dims.end());
    const bool keepDim = boolArgument(w, node, "keepdim");
    const auto x = w.input(node->input(0));
    if (rank == 4 && dims == Ints {2, 3}) {
        if (keepDim) {
            w.addNode("GlobalAveragePool", {x}, {w.output(node->output())});
            return;
        }
        const auto pooled = w.temporary("pooled");
        w.addNode("GlobalAveragePool", {x}, {pooled});
        auto &flatten = w.addNode("Flatten", {pooled}, {w.output(node->output())});
        setAttribute(flatten, "axis", std::int64_t(1));
        return;
    }
    // Opsets 11–17 take the axes as an attribute (opset 18 moved them to an input).
    auto &reduce = w.addNode("ReduceMean", {x}, {w.output(node->output())});
    setAttribute(reduce, "axes", dims);
    setAttribute(reduce, "keepdims", std::int64_t(keepDim ? 1 : 0));
}

// ---- Shapes
// --------------------------------------------------------------------------------------

void mapFlatten(OnnxWriter &w, const Node *node)
{
    Ints storage;
    const auto &sizes = sizesOf(w, node, node->input(0), storage);
    const auto rank = static_cast<std::int64_t>(sizes.size());
    const auto start = normalizedDim(intArgument(w, node, "start_dim"), rank);
    const auto end = normalizedDim(intArgument(w, node, "end_dim"), rank);
    if (rank == 0)
        w.refuse(node, "of a scalar");
    if (start >= end) {
        w.alias(node->output(), node->input(0));
        return;
    }
    if (start == 1 && end == rank - 1) {
        auto &flatten = w.addNode("Flatten", {w.input(node->input(0))}, {w.output(node->output())});
        setAttribute(flatten, "axis", std::int64_t(1));
        return;
    }
    // Reshape: 0 keeps a leading dimension (the batch among them), −1 is the merged one.
    Ints shape(static_cast<std::size_t>(start), 0);
    shape.push_back(-1);
    for (auto d = end + 1; d < rank; ++d)
        shape.push_back(sizes[static_cast<std::size_t>(d)]);
    w.addNode("Reshape", {w.input(node->input(0)), w.addInt64s(shape, "shape")},
              {w.output(node->output())});
}

/// True for aten::size(t, 0), possibly through aten::Int / prim::NumToTensor.
bool isBatchSize(const Value *value)
{
    const Node *node = value->node();
    while ((node->kind() == c10::aten::Int || node->kind() == c10::prim::NumToTensor)
           && node->inputs().size() == 1)
        node = node->input(0)->node();
    if (node->kind() != c10::aten::size || node->inputs().size() != 2)
        return false;
    const auto dim = constantValue(node->input(1));
    return dim && dim->isInt() && dim->toInt() == 0;
}

/// view and reshape. Sizes read at run time (TorchScript's x.size(0)) are allowed for the batch
/// dimension. C++ code reads sizes as plain integers, which the tracer records as constants: a
/// leading constant equal to the traced batch size, on a tensor whose leading dimension is
/// that size, is taken as the batch dimension (the sample's batch size is chosen so that this
/// does not collide with real dimensions).
void mapReshape(OnnxWriter &w, const Node *node)
{
    const Value *sizeList = argument(w, node, hasArgument(node, "shape") ? "shape" : "size");
    Ints shape;
    if (const auto constant = constantValue(sizeList); constant && constant->isIntList()) {
        shape = constant->toIntVector();
    } else if (sizeList->node()->kind() == c10::prim::ListConstruct) {
        const auto elements = sizeList->node()->inputs();
        for (std::size_t i = 0; i < elements.size(); ++i) {
            const auto element = constantValue(elements[i]);
            if (element && element->isInt())
                shape.push_back(element->toInt());
            else if (i == 0 && isBatchSize(elements[i]))
                shape.push_back(0);
            else
                shape.push_back(-1);
        }
    } else {
        w.refuse(node, "with a shape computed at run time");
    }
    if (std::count(shape.begin(), shape.end(), -1) > 1)
        w.refuse(node, "with more than one dimension inferred or computed at run time");
    Ints storage;
    const auto &sizes = sizesOf(w, node, node->input(0), storage);
    if (!shape.empty() && !sizes.empty() && shape.front() == w.tracedBatch()
        && sizes.front() == w.tracedBatch())
        shape.front() = 0;
    w.addNode("Reshape", {w.input(node->input(0)), w.addInt64s(shape, "shape")},
              {w.output(node->output())});
}

/// constant_pad_nd: PyTorch lists (begin, end) pairs from the last dimension backwards.
void mapConstantPad(OnnxWriter &w, const Node *node)
{
    const auto rank = rankOf(w, node, node->input(0));
    const auto pad = intsArgument(w, node, "pad");
    if (pad.size() % 2 != 0 || std::int64_t(pad.size()) > 2 * rank)
        w.refuse(node, "with a malformed pad list");
    if (std::any_of(pad.begin(), pad.end(), [](std::int64_t p) { return p < 0; }))
        w.refuse(node, "with negative padding (cropping)");
    Ints pads(static_cast<std::size_t>(2 * rank), 0);
    for (std::size_t i = 0; i < pad.size() / 2; ++i) {
        const auto d = static_cast<std::size_t>(rank) - 1 - i;
        pads[d] = pad[2 * i];
        pads[d + static_cast<std::size_t>(rank)] = pad[2 * i + 1];
    }
    w.addNode("Pad",
              {w.input(node->input(0)), w.addInt64s(pads, "pads"),
               floatScalar(w, doubleArgument(w, node, "value"), "pad_value")},
              {w.output(node->output())});
}

// ---- Linear algebra
// ------------------------------------------------------------------------------

/// linear(x, W, b) = x·Wᵀ + b: Gemm for 2-D x, MatMul (+ Add) otherwise.
void mapLinear(OnnxWriter &w, const Node *node)
{
    const Value *weightValue = argument(w, node, "weight");
    const Value *bias = argument(w, node, "bias");
    const bool hasBias = !isNoneValue(bias);
    const auto x = w.input(node->input(0));
    if (rankOf(w, node, node->input(0)) == 2) {
        std::vector<std::string> inputs = {x, w.input(weightValue)};
        if (hasBias)
            inputs.push_back(w.input(bias));
        auto &gemm = w.addNode("Gemm", inputs, {w.output(node->output())});
        setAttribute(gemm, "transB", std::int64_t(1));
        return;
    }
    std::string transposed;
    if (const auto weight = w.constantTensor(weightValue)) {
        transposed = w.addInitializer(weight->t(), "weight.T");
    } else {
        transposed = w.temporary("weight.T");
        auto &t = w.addNode("Transpose", {w.input(weightValue)}, {transposed});
        setAttribute(t, "perm", Ints {1, 0});
    }
    if (!hasBias) {
        w.addNode("MatMul", {x, transposed}, {w.output(node->output())});
        return;
    }
    const auto product = w.temporary("product");
    w.addNode("MatMul", {x, transposed}, {product});
    w.addNode("Add", {product, w.input(bias)}, {w.output(node->output())});
}

/// addmm(bias, x, m, beta, alpha) = beta·bias + alpha·x·m; C++ nn::Linear traces as
/// addmm(bias, x, t(weight)). transB is always written: OpenCV 4.6 reads a Gemm without it as
/// transB=1 (ONNX's default is 0), so the weight is passed untransposed with transB=1.
void mapAddmm(OnnxWriter &w, const Node *node)
{
    const Value *mat2 = argument(w, node, "mat2");
    const bool transposedWeight = mat2->node()->kind() == c10::aten::t
        && w.constantTensor(mat2->node()->input(0)).has_value();
    auto &gemm = w.addNode("Gemm",
                           {w.input(argument(w, node, "mat1")),
                            w.input(transposedWeight ? mat2->node()->input(0) : mat2),
                            w.input(argument(w, node, "self"))},
                           {w.output(node->output())});
    setAttribute(gemm, "transB", std::int64_t(transposedWeight ? 1 : 0));
    setAttribute(gemm, "alpha", static_cast<float>(doubleArgument(w, node, "alpha")));
    setAttribute(gemm, "beta", static_cast<float>(doubleArgument(w, node, "beta")));
}

void mapMatMul(OnnxWriter &w, const Node *node)
{
    w.addNode("MatMul", {w.input(node->input(0)), w.input(node->input(1))},
              {w.output(node->output())});
}

/// t: of a parameter it is folded into an initializer where it is read (addmm's weight).
void mapTranspose(OnnxWriter &w, const Node *node)
{
    if (w.constantTensor(node->output()))
        return;
    if (rankOf(w, node, node->input(0)) < 2) {
        w.alias(node->output(), node->input(0));
        return;
    }
    auto &t = w.addNode("Transpose", {w.input(node->input(0))}, {w.output(node->output())});
    setAttribute(t, "perm", Ints {1, 0});
}

// ---- Indexing
// ------------------------------------------------------------------------------------

/// index_select with fixed indices: thinned models keep a subset of a layer's input channels or
/// features (TracedNet::selectInputs). The natural ONNX op is Gather, but OpenCV 4.6's importer
/// accepts Gather with a single index only (onnx_importer.cpp asserts indexMat.total() == 1).
/// So every run of consecutive indices becomes a Slice and the runs are concatenated: the same
/// values, no arithmetic, every runtime, and few nodes because thinning keeps long runs.
void mapIndexSelect(OnnxWriter &w, const Node *node)
{
    const auto index = w.constantTensor(argument(w, node, "index"));
    if (!index || index->dim() > 1)
        w.refuse(node, "with indices computed at run time");
    Ints storage;
    const auto &sizes = sizesOf(w, node, node->input(0), storage);
    const auto dim = normalizedDim(intArgument(w, node, "dim"), std::int64_t(sizes.size()));
    const auto indices = index->to(at::kLong).contiguous();
    const auto *data = indices.data_ptr<std::int64_t>();
    std::vector<std::pair<std::int64_t, std::int64_t>> runs; // [begin, end)
    for (std::int64_t i = 0; i < indices.numel(); ++i) {
        if (!runs.empty() && runs.back().second == data[i])
            ++runs.back().second;
        else
            runs.emplace_back(data[i], data[i] + 1);
    }
    if (runs.empty())
        w.refuse(node, "selecting nothing");
    if (runs.size() == 1 && runs.front().first == 0
        && runs.front().second == sizes[static_cast<std::size_t>(dim)]) {
        w.alias(node->output(), node->input(0));
        return;
    }
    const auto x = w.input(node->input(0));
    const auto axes = w.addInt64s({dim}, "axes");
    std::vector<std::string> parts;
    for (const auto &[begin, end] : runs) {
        parts.push_back(runs.size() == 1 ? w.output(node->output()) : w.temporary("kept"));
        w.addNode("Slice", {x, w.addInt64s({begin}, "starts"), w.addInt64s({end}, "ends"), axes},
                  {parts.back()});
    }
    if (runs.size() > 1) {
        auto &concat = w.addNode("Concat", parts, {w.output(node->output())});
        setAttribute(concat, "axis", dim);
    }
}

const std::unordered_map<std::string, OnnxOpMapper> &table()
{
    static const std::unordered_map<std::string, OnnxOpMapper> mappers = {
        {"aten::add", mapArithmetic},
        {"aten::add_", mapArithmetic},
        {"aten::sub", mapArithmetic},
        {"aten::sub_", mapArithmetic},
        {"aten::mul", mapArithmetic},
        {"aten::mul_", mapArithmetic},
        {"aten::div", mapArithmetic},
        {"aten::div_", mapArithmetic},
        {"aten::relu", mapActivation},
        {"aten::relu_", mapActivation},
        {"aten::sigmoid", mapActivation},
        {"aten::sigmoid_", mapActivation},
        {"aten::tanh", mapActivation},
        {"aten::tanh_", mapActivation},
        {"aten::contiguous", mapPassThrough},
        {"aten::detach", mapPassThrough},
        {"aten::clone", mapPassThrough},
        {"aten::dropout", mapPassThrough},
        {"aten::feature_dropout", mapPassThrough},
        {"aten::_convolution", mapConvolution},
        {"aten::convolution", mapConvolution},
        {"aten::conv2d", mapConvolution},
        {"aten::batch_norm", mapBatchNorm},
        {"aten::max_pool2d", mapPooling},
        {"aten::avg_pool2d", mapPooling},
        {"aten::adaptive_avg_pool2d", mapAdaptivePooling},
        {"aten::mean", mapMean},
        {"aten::flatten", mapFlatten},
        {"aten::view", mapReshape},
        {"aten::reshape", mapReshape},
        {"aten::constant_pad_nd", mapConstantPad},
        {"aten::linear", mapLinear},
        {"aten::addmm", mapAddmm},
        {"aten::matmul", mapMatMul},
        {"aten::mm", mapMatMul},
        {"aten::t", mapTranspose},
        {"aten::index_select", mapIndexSelect},
    };
    return mappers;
}

} // namespace

OnnxOpMapper OnnxOpMapping::find(c10::Symbol kind)
{
    const auto &mappers = table();
    const auto it = mappers.find(kind.toQualString());
    return it == mappers.end() ? nullptr : it->second;
}

bool OnnxOpMapping::isArgument(c10::Symbol kind)
{
    return kind == c10::prim::Constant || kind == c10::prim::ListConstruct
        || kind == c10::aten::size || kind == c10::prim::NumToTensor || kind == c10::aten::Int
        || kind == c10::aten::ScalarImplicit;
}

} // namespace sparsescope::core
