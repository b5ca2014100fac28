// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "commands/Command.h"

#include <string>

namespace sparsescope::cli {

/// `distortion-matrix --config F --out DIR`: train one network per distortion (plus a clean
/// baseline), test each on every distortion, print the train × test accuracy matrix and write
/// matrix.csv, matrix-long.csv and the run folders into DIR.
class DistortionMatrixCommand : public Command
{
public:
    void setup(CLI::App &parent, GlobalOptions &global) override;
    int run(std::stop_token stop) override;

private:
    std::string m_config;
    std::string m_out;
    bool m_quiet = false;
};

} // namespace sparsescope::cli
