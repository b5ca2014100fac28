// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "commands/JobProgress.h"
#include "sparsescope/core/rln/RlnObserver.h"

#include <string>

namespace sparsescope::cli {

/// Progress of the `rln` command on stderr (JobProgress): a throttled line per training step
/// and one line per finished model.
class RlnProgress : public JobProgress<core::RlnObserver>
{
public:
    explicit RlnProgress(bool quiet);
    void onModelStarted(const std::string &model, std::uint64_t seed, int fold, int index,
                        int total) override;
    void onBatch(const core::BatchMetrics &metrics) override;
    void onModelFinished(const core::ModelScore &score) override;
};

} // namespace sparsescope::cli
