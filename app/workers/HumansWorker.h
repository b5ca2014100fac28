// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsescope/core/jobs/JobObserver.h"
#include "sparsescope/core/psychophysics/ConditionSummary.h"
#include "sparsescope/core/psychophysics/ConsistencyTable.h"
#include "sparsescope/core/psychophysics/TrialTable.h"

#include <QString>
#include <QStringList>

#include <memory>
#include <stop_token>
#include <string>
#include <vector>

namespace sparsescope::app {

/// A loaded set of trials with its per-condition summary, shared read-only with the GUI.
struct HumansData
{
    core::TrialTable table;
    std::vector<core::ConditionSummaryRow> summary;
    std::vector<std::string> experiments;
    double seconds = 0.0;
};

/// One experiment's consistency rows (every observer pair, every condition).
struct ConsistencyData
{
    std::string experiment;
    std::vector<core::ConsistencyRow> rows;
};

/// The Humans panel's jobs (run through JobController): loading trial folders and computing
/// an experiment's consistency table. Results are shared immutable data.
class HumansWorker
{
public:
    /// Reads `directories` (a clone of the 2018 repository or its raw-data folder, folders that
    /// `observe` wrote, …) with the DNN response column `dnnColumn` and summarises them;
    /// core::Error when nothing is found.
    static std::shared_ptr<const HumansData> load(const QStringList &directories,
                                                  const QString &dnnColumn,
                                                  core::JobObserver &observer,
                                                  std::stop_token stop);
    /// The consistency table of one experiment of the loaded data.
    static std::shared_ptr<const ConsistencyData>
    computeConsistency(const std::shared_ptr<const HumansData> &data,
                       const std::string &experiment);
};

} // namespace sparsescope::app
