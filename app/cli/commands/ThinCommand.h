// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "commands/Command.h"

namespace sparsescope::cli {

/// `thin --model M --out FILE`: writes the physically smaller model and, beside it,
/// FILE's stem + ".thinning.json" (what was removed, per layer).
class ThinCommand : public Command
{
public:
    void setup(CLI::App &parent, GlobalOptions &global) override;
    int run(std::stop_token stop) override;

private:
    std::string m_model;
    std::string m_out;
};

} // namespace sparsescope::cli
