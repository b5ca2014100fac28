// SPDX-License-Identifier: GPL-3.0-or-later
#include "commands/ExportCommand.h"

#include "sparsescope/core/Error.h"
#include "sparsescope/core/export/ModelExport.h"
#include "sparsescope/core/models/Model.h"

#include <cstdio>

namespace sparsescope::cli {

void ExportCommand::setup(CLI::App &parent, GlobalOptions &global)
{
    m_global = &global;
    m_app = parent.add_subcommand("export",
                                  "Write a model as ONNX (checked, runs in OpenCV DNN and other "
                                  "runtimes) or as a LibTorch archive");
    m_app->add_option("--model", m_model, "registry name, run folder, archive or TorchScript")
        ->required();
    m_app->add_option("--format", m_format, "onnx or libtorch")
        ->required()
        ->check(CLI::IsMember({"onnx", "libtorch"}));
    m_app->add_option("--out", m_out, "file to write")->required();
    m_app->add_option("--opset", m_opset, "ONNX opset (default 13)")
        ->check(CLI::Range(core::kMinOnnxOpset, core::kMaxOnnxOpset));
    m_app
        ->add_option("--input", m_input,
                     "input C H W: builds a built-in name for it; required for TorchScript")
        ->expected(3)
        ->check(CLI::PositiveNumber);
    m_app->add_option("--classes", m_classes, "classes for built-in names (default 10)")
        ->check(CLI::Range(2, 100000));
}

int ExportCommand::run(std::stop_token)
{
    core::ModelOptions options;
    if (m_input.size() == 3) {
        options.inChannels = m_input[0];
        options.height = m_input[1];
        options.width = m_input[2];
    }
    options.numClasses = m_classes;
    const auto model = core::Model::load(m_model, options);
    if (m_format == "libtorch") {
        core::exportLibTorch(model, m_out);
        std::printf("wrote %s (LibTorch %s)\n", m_out.c_str(),
                    model.isTorchScript() ? "TorchScript" : "archive");
        return 0;
    }
    core::OnnxOptions onnx;
    onnx.opset = m_opset;
    onnx.inputShape.assign(m_input.begin(), m_input.end());
    core::exportOnnx(model, m_out, onnx);
    const auto info = core::checkOnnx(m_out);
    auto join = [](const std::vector<std::string> &dims) {
        std::string text;
        for (const auto &d : dims)
            text += (text.empty() ? "" : "x") + d;
        return text;
    };
    std::printf("wrote %s (ONNX opset %lld, %zu nodes, %lld parameters, input %s, output %s)\n",
                m_out.c_str(), static_cast<long long>(info.opset), info.opTypes.size(),
                static_cast<long long>(info.floatParameters), join(info.inputDims).c_str(),
                join(info.outputDims).c_str());
    return 0;
}

} // namespace sparsescope::cli
