// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsescope/core/psychophysics/TrialTable.h"

#include <string>
#include <string_view>
#include <vector>

namespace sparsescope::core {

/// What to read and how DNN decisions are taken.
struct TrialReadOptions
{
    /// The column DNN decisions come from when a file has it. The 2018 paper used
    /// "object_response_sums" (softmax summed over each category's ImageNet classes); the other
    /// choice is "object_response" (the single highest mapped class). Files without the column
    /// (human files, fine-tuned nets, model-vs-human, our own runs) use object_response.
    std::string dnnResponseColumn = "object_response_sums";
    /// Experiments to read (folder names with or without "-experiment"); empty: all.
    std::vector<std::string> experiments;
};

/// Reads psychophysics trial CSVs: the raw data of Geirhos et al. 2018
/// (github.com/rgeirhos/generalisation-humans-DNNs, `raw-data/humans` and `raw-data/TF`, plain
/// or .gz) and of model-vs-human (`raw-data/<dataset>/`, capital `Session`). Columns are found
/// by header name (case-insensitive): subj, session, trial, rt, object_response, category,
/// condition, imagename, and optionally object_response_sums. `na` is kept as the response
/// "na"; an observer whose name starts with "subject-" is human, any other a DNN. A malformed
/// row throws core::Error naming the file and the line; no row is ever dropped.
class TrialCsvReader
{
public:
    /// Appends the trials of one file (.csv or .csv.gz) to `table` under `experiment`.
    static void readFile(const std::string &path, std::string_view experiment, TrialTable &table,
                         const TrialReadOptions &options = {});

    /// Reads a data directory: a clone of the 2018 repository or its `raw-data` folder (humans
    /// from `humans/<exp>-experiment/`, pretrained DNNs from `TF/<exp>-experiment/`, the
    /// duplicate human files upstream keeps in TF/ skipped; fine-tuning/ is not read), a folder
    /// of experiment folders (model-vs-human's `raw-data`, or what TrialCsvWriter writes), or one
    /// experiment folder of CSVs. Files are read in sorted order.
    static TrialTable readDirectory(const std::string &directory,
                                    const TrialReadOptions &options = {});

    /// The experiment name of a folder: its name without a trailing "-experiment".
    static std::string experimentName(std::string_view folderName);
};

} // namespace sparsescope::core
