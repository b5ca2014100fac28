// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsescope/core/jobs/Mailbox.h"
#include "sparsescope/core/jobs/PauseGate.h"
#include "sparsescope/core/sparsity/RegularizationTerm.h"
#include "sparsescope/core/training/TrainConfig.h"
#include "sparsescope/core/training/TrainResult.h"
#include "sparsescope/core/training/TrainingObserver.h"

#include <stop_token>
#include <string>
#include <vector>

namespace sparsescope::core {

/// Trains a model and writes a run folder (run.json, metrics.csv, model.pt, checkpoints/).
/// SGD with momentum and weight decay or Adam; none/step/cosine schedules; a checkpoint after
/// every epoch; resume from a run folder; a NaN/Inf loss stops the run and keeps the last good
/// checkpoint. Cancel through the stop token (checked every step), pause through pauseGate().
class Trainer
{
public:
    /// `runDirectory` may be empty: then nothing is written (tests, quick experiments).
    TrainResult run(const TrainConfig &config, const std::string &runDirectory,
                    TrainingObserver &observer, std::stop_token stop);

    /// A staged run (config.stages): each stage is a run folder `<runDirectory>/<i>-<name>`
    /// trained from the previous stage's model; `<runDirectory>/stages.json` lists them and
    /// `<runDirectory>/model.pt` is the last stage's model. Without stages, the same as run().
    /// The result holds every stage's epochs in order; it stops at the first stage that does
    /// not complete.
    TrainResult runStages(const TrainConfig &config, const std::string &runDirectory,
                          TrainingObserver &observer, std::stop_token stop);
    /// Thread-safe; the trainer waits at its next step while paused.
    PauseGate &pauseGate() { return m_pause; }
    /// Thread-safe: new regularization terms (all of them) for the running job, applied at its
    /// next step; BatchMetrics::appliedEdits counts the edits that took effect.
    Mailbox<std::vector<RegularizationTerm>> &strengthMailbox() { return m_strengths; }

private:
    PauseGate m_pause;
    Mailbox<std::vector<RegularizationTerm>> m_strengths;
};

} // namespace sparsescope::core
