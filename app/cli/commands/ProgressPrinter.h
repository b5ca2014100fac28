// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "commands/JobProgress.h"
#include "sparsescope/core/training/TrainingObserver.h"

namespace sparsescope::cli {

/// Training's progress on stderr (JobProgress): the step line with loss, learning rate,
/// elapsed time and ETA, and one line per epoch.
class ProgressPrinter : public JobProgress<core::TrainingObserver>
{
public:
    explicit ProgressPrinter(bool quiet);
    void onBatch(const core::BatchMetrics &metrics) override;
    void onEpochEnd(const core::EpochMetrics &metrics) override;
};

} // namespace sparsescope::cli
