// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsescope/core/psychophysics/TrialTable.h"

#include <string>
#include <vector>

namespace sparsescope::core {

/// Writes trials in the 2018 raw-data format that TrialCsvReader reads:
/// `subj,session,trial,rt,object_response,category,condition,imagename`, LF line endings, no
/// quoting, rt in the shortest form that reads back to the same double (`NaN` when missing).
class TrialCsvWriter
{
public:
    /// Writes the given rows of `table` (all rows when `rows` is empty) to `path`; a path ending
    /// in `.gz` is gzip-compressed.
    static void write(const TrialTable &table, const std::string &path,
                      const std::vector<std::size_t> &rows = {});

    /// Writes one file per experiment, observer and session, in the upstream layout:
    /// `directory/<exp>-experiment/<exp>-experiment_<observer>_session_<S>.csv`. Returns the
    /// files written, sorted.
    static std::vector<std::string> writeExperimentFolders(const TrialTable &table,
                                                           const std::string &directory);
};

} // namespace sparsescope::core
