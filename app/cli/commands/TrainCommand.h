// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "commands/Command.h"

#include "sparsescope/core/training/TrainConfig.h"

#include <functional>
#include <utility>

namespace sparsescope::cli {

/// `train --config FILE.json --out DIR` with flags that override the config.
class TrainCommand : public Command
{
public:
    void setup(CLI::App &parent, GlobalOptions &global) override;
    int run(std::stop_token stop) override;

private:
    /// The model to start from for --init: checked against the architecture asked for by
    /// --model or the config (core::Error on a mismatch or a built-in name).
    std::string initModel(const std::string &model) const;

    std::string m_configPath;
    std::string m_out;
    std::string m_resume;
    std::string m_ssl;
    std::string m_init;
    std::string m_update;
    double m_threshold = 1e-4;
    bool m_freezeZeros = false;
    bool m_overwrite = false;
    CLI::Option *m_thresholdOption = nullptr;
    core::TrainConfig m_flags; ///< values of the override flags (used when given)
    /// Override flags and how each one sets its config field.
    std::vector<std::pair<CLI::Option *, std::function<void(core::TrainConfig &)>>> m_overrides;
};

} // namespace sparsescope::cli
