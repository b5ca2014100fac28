// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsescope/core/training/TrainingEvents.h"

#include <string>
#include <vector>

namespace sparsescope::core {

/// How a training run ended.
enum class TrainStatus { Completed, Cancelled, Failed };

struct TrainResult
{
    TrainStatus status = TrainStatus::Completed;
    std::string message; ///< why it failed or was cancelled
    std::vector<EpochMetrics> epochs; ///< all epochs of the run folder, resumed ones included
    std::string runDirectory;
    double seconds = 0.0;

    bool ok() const { return status == TrainStatus::Completed; }
};

std::string toString(TrainStatus status);

} // namespace sparsescope::core
