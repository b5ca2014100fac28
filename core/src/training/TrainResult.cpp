// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/training/TrainResult.h"

namespace sparsescope::core {

std::string toString(TrainStatus status)
{
    switch (status) {
    case TrainStatus::Completed:
        return "completed";
    case TrainStatus::Cancelled:
        return "cancelled";
    case TrainStatus::Failed:
        return "failed";
    }
    return "unknown";
}

} // namespace sparsescope::core
