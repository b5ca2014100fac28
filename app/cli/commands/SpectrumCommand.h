// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "commands/Command.h"

namespace sparsescope::cli {

/// `spectrum --data SPEC --out FILE.npy [--limit N]`: the mean amplitude spectrum
/// |fftshift(fft2(grey))| of a dataset, for power equalisation (float64 .npy, centred).
class SpectrumCommand : public Command
{
public:
    void setup(CLI::App &parent, GlobalOptions &global) override;
    int run(std::stop_token stop) override;

private:
    std::string m_data;
    std::string m_out;
    std::size_t m_limit = 0;
};

} // namespace sparsescope::cli
