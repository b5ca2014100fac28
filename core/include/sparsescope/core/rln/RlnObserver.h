// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsescope/core/jobs/JobObserver.h"
#include "sparsescope/core/rln/RlnEvents.h"
#include "sparsescope/core/training/TrainingEvents.h"

#include <string>
#include <vector>

namespace sparsescope::core {

/// Receives plain values from a running RlnBenchmark, on its thread. Implementations must be
/// quick (append to a buffer); the default implementations ignore everything.
class RlnObserver : public JobObserver
{
public:
    /// Once the table is read: every feature's name (noise features included).
    virtual void onFeatures(const std::vector<std::string> &) { }
    /// A model starts on one seed (and fold); `index` counts from 1 to `total`.
    virtual void onModelStarted(const std::string & /*model*/, std::uint64_t /*seed*/, int /*fold*/,
                                int /*index*/, int /*total*/)
    { }
    /// After every optimisation step of a network.
    virtual void onBatch(const BatchMetrics &) { }
    /// After every epoch of a network.
    virtual void onEpoch(const RlnEpoch &) { }
    virtual void onModelFinished(const ModelScore &) { }
};

} // namespace sparsescope::core
