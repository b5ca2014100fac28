// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "commands/Command.h"

#include <vector>

namespace sparsescope::cli {

/// `export --model M --format onnx|libtorch --out FILE [--opset N] [--input C H W]`: writes the
/// model as ONNX (checked with onnx::checker) or as the LibTorch archive Model::save writes.
class ExportCommand : public Command
{
public:
    void setup(CLI::App &parent, GlobalOptions &global) override;
    int run(std::stop_token stop) override;

private:
    std::string m_model;
    std::string m_format;
    std::string m_out;
    int m_opset = 13;
    std::vector<int> m_input;
    int m_classes = 10;
};

} // namespace sparsescope::cli
