// SPDX-License-Identifier: GPL-3.0-or-later
// Private: the table from traced TorchScript ops to ONNX nodes.
#pragma once

#include <ATen/core/symbol.h>

namespace torch::jit {
struct Node;
} // namespace torch::jit

namespace sparsescope::core {

class OnnxWriter;

/// Maps one traced node (its inputs already named by the writer) to ONNX nodes.
using OnnxOpMapper = void (*)(OnnxWriter &writer, const torch::jit::Node *node);

/// One function per op family (elementwise, convolution, normalisation, pooling, reductions,
/// shapes, linear algebra, indexing, padding), one table line per op name: a new op is a
/// function plus a line in OnnxOpMapping.cpp.
class OnnxOpMapping
{
public:
    /// The mapper of `kind` ("aten::relu"), or nullptr when it has none.
    static OnnxOpMapper find(c10::Symbol kind);
    /// Nodes that compute arguments rather than tensors (constants, lists, sizes): the mappers
    /// read them where they are used.
    static bool isArgument(c10::Symbol kind);
};

} // namespace sparsescope::core
