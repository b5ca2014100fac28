// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsescope/core/jobs/Mailbox.h"
#include "sparsescope/core/jobs/PauseGate.h"
#include "sparsescope/core/rln/RlnConfig.h"
#include "sparsescope/core/rln/RlnEvents.h"
#include "sparsescope/core/rln/RlnObserver.h"

#include <stop_token>
#include <string>
#include <vector>

namespace sparsescope::core {

/// The tabular comparison job (issue 8): reads the CSV table, appends the noise features, and
/// for every seed (and fold) splits, standardises on the training rows and trains each model of
/// the config (TabularModelRegistry) — RLN, L1 / L2 networks with a searched strength, the
/// plain network, gradient-boosted trees, the RLN + GBT ensemble — scoring them on the test
/// rows. With an output folder it writes results.csv and summary.csv (rewritten after each
/// model, so a cancelled run keeps what finished), config.json, and one run folder per model
/// and seed (run.json, predictions.csv; networks add metrics.csv, structure.csv, rln.csv,
/// model.pt; trees model.json). Cancel through the stop token, checked every step.
class RlnBenchmark
{
public:
    /// `outDirectory` may be empty: then nothing is written.
    RlnResult run(const RlnConfig &config, const std::string &outDirectory, RlnObserver &observer,
                  std::stop_token stop);

    /// Thread-safe; the job waits at its next step while paused.
    PauseGate &pauseGate() { return m_pause; }
    /// Thread-safe: new Θ, ν (and norm) for the running RLN network, applied at its next step.
    Mailbox<RlnSettings> &rlnMailbox() { return m_rlnSettings; }

    /// The results.csv header for a task.
    static std::string resultsHeader(TabularTask task);
    /// results.csv: the header and one row per score.
    static std::string resultsCsv(const std::vector<ModelScore> &scores, TabularTask task);

private:
    PauseGate m_pause;
    Mailbox<RlnSettings> m_rlnSettings;
};

} // namespace sparsescope::core
