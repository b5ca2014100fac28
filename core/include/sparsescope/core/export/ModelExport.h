// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace sparsescope::core {

class Model;

/// How exportOnnx writes a model.
struct OnnxOptions
{
    /// ONNX operator set of the default domain; 11 to 17 are supported.
    int opset = 13;
    /// Input C, H, W. Empty: the model's options (built-in models); a TorchScript model, whose
    /// input size is unknown, needs it.
    std::vector<std::int64_t> inputShape;
    /// Batch size of the sample the model is traced on. The exported batch dimension is
    /// dynamic ("N") whatever this is; C++ code records sizes as constants, and a leading
    /// reshape size equal to this is taken as the batch dimension.
    int traceBatch = 3;
};

/// The opsets exportOnnx accepts.
constexpr int kMinOnnxOpset = 11;
constexpr int kMaxOnnxOpset = 17;

/// Writes `model` as ONNX: one input "input" (N×C×H×W float in [0, 1], N dynamic), one output
/// "logits" (N×classes); parameters and buffers become initializers. The model's forward pass
/// is traced in eval mode on a copy (the model itself is not touched) and every traced op is
/// mapped to ONNX operators; an op without a mapping is refused with core::Error naming the op
/// and the model. The written model passes onnx::checker::check_model.
void exportOnnx(const Model &model, const std::string &path, const OnnxOptions &options = {});

/// What an ONNX file declares, as read back by checkOnnx.
struct OnnxFileInfo
{
    std::int64_t irVersion = 0;
    std::int64_t opset = 0; ///< of the default domain
    std::vector<std::string> inputs; ///< graph inputs that are not initializers
    std::vector<std::string> outputs;
    /// Dimensions of the first input and output: a number, or the name of a dynamic dimension.
    std::vector<std::string> inputDims;
    std::vector<std::string> outputDims;
    std::vector<std::string> opTypes; ///< of every node, in graph order
    std::int64_t floatParameters = 0; ///< elements of the float initializers
};

/// Reads an ONNX file and validates it with onnx::checker::check_model and strict shape
/// inference (types checked). Throws core::Error naming the file when either fails.
OnnxFileInfo checkOnnx(const std::string &path);

/// Writes `model` in the format Model::save writes (a LibTorch archive for built-ins,
/// TorchScript for TorchScript models), which Model::load reads back. Throws core::Error when
/// the file cannot be written.
void exportLibTorch(const Model &model, const std::string &path);

} // namespace sparsescope::core
