// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsescope/core/training/TrainingEvents.h"

#include <string>
#include <vector>

namespace sparsescope::core {

/// The unit of work on disk: run.json, metrics.csv, model.pt, checkpoints/ (architecture.md).
class RunFolder
{
public:
    explicit RunFolder(std::string directory);

    const std::string &directory() const { return m_directory; }
    std::string runJsonPath() const;
    std::string metricsPath() const;
    std::string modelPath() const;
    std::string checkpointsDirectory() const;
    /// checkpoints/epoch-NNN.pt: the model after epoch `epoch`.
    std::string checkpointPath(int epoch) const;
    /// checkpoints/epoch-NNN+BBBBBB.pt: the model `batches` steps into the epoch after `epochs`
    /// (TrainConfig::checkpointEvery).
    std::string stepCheckpointPath(int epochs, int batches) const;
    /// The trainer state that goes with a checkpoint: epoch-NNN[+BBBBBB].state.pt.
    static std::string statePathFor(const std::string &checkpoint);
    /// The furthest complete checkpoint — epoch or step, whose model and trainer state both
    /// exist (a kill between the two files leaves the one before) — or empty when there is none.
    std::string lastCheckpoint() const;
    /// Deletes the step checkpoints (and their states) other than `keep`: after a newer step
    /// checkpoint or the epoch's end. The state goes first, so a model never looks complete.
    void removeStepCheckpoints(const std::string &keep = {}) const;

    /// True when the folder has a run.json.
    static bool isRunFolder(const std::string &directory);
    /// The file that makes `directory` hold a run's work — run.json, stages.json (a staged
    /// run) or model.pt — or "" when it holds none (missing or empty folders, other files).
    static std::string workIn(const std::string &directory);
    /// Deletes what a run writes: run.json, metrics.csv, structure.csv, model.pt, stages.json,
    /// checkpoints/, and the stage folders stages.json lists (direct children only). Other files
    /// and folders stay.
    /// Returns how many entries went; throws core::Error when one cannot be deleted.
    static int clear(const std::string &directory);

    /// Creates the folder and checkpoints/ (no error when they exist).
    void create() const;
    /// metrics.csv with a header and one row per epoch (rewritten whole: cheap, always valid).
    void writeMetrics(const std::vector<EpochMetrics> &epochs) const;
    /// Reads metrics.csv back (for resume and the GUI); throws core::Error on malformed rows.
    std::vector<EpochMetrics> readMetrics() const;
    std::string structurePath() const;
    /// Appends one epoch's per-layer group counts to structure.csv
    /// (epoch, layer, group_type, total, zero; group types filter, channel, shape, kernel,
    /// depth, element). Rows of `epoch` and later epochs already there are replaced.
    void appendStructure(int epoch, const std::vector<LayerStructure> &layers) const;
    /// Writes run.json atomically (write to a temporary file, then rename).
    void writeRunJson(const std::string &json) const;
    std::string readRunJson() const;

    static std::string metricsHeader();

private:
    std::string m_directory;
};

} // namespace sparsescope::core
