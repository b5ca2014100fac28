// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace sparsescope::core {

/// After every optimisation step.
struct BatchMetrics
{
    int epoch = 0; ///< 1-based
    int batch = 0; ///< 1-based within the epoch
    int batchesPerEpoch = 0;
    int epochs = 0;
    double loss = 0.0;
    double accuracy = 0.0; ///< of this batch
    double learningRate = 0.0;
    double elapsedSeconds = 0.0; ///< since the run started (this process)
    double etaSeconds = 0.0; ///< estimate for the rest of the run
    double penalty = 0.0; ///< Σ λ·R(w) of the sparsity terms (0 without them)
    unsigned long long appliedEdits = 0; ///< strength edits from the mailbox applied so far
};

/// After every epoch; one row of metrics.csv.
struct EpochMetrics
{
    int epoch = 0;
    double loss = 0.0; ///< mean training loss of the epoch
    double trainAccuracy = 0.0; ///< running accuracy over the epoch's batches
    double testAccuracy = -1.0; ///< -1 when there is no test set
    double testLoss = -1.0;
    double learningRate = 0.0;
    double seconds = 0.0; ///< wall time of the epoch (training + evaluation)
    double sparsity = 0.0; ///< fraction of exactly-zero weights over conv and linear layers
    double macs = 0.0; ///< remaining MACs per sample (kept rows × kept columns per layer)
    double denseMacs = 0.0; ///< MACs per sample of the dense layers
};

/// One weight layer's state, cheap enough to send every few steps.
struct LayerStructure
{
    std::string name;
    std::string kind; ///< "conv" or "linear"
    std::vector<std::int64_t> shape;
    std::int64_t parameters = 0;
    std::int64_t zeroParameters = 0; ///< exactly zero
    std::int64_t rows = 0; ///< filters / output neurons
    std::int64_t zeroRows = 0; ///< all-zero filters / output neurons
    std::int64_t columns = 0; ///< filter-shape columns / input neurons
    std::int64_t zeroColumns = 0;
    std::int64_t channels = 0; ///< input channels (conv) / input neurons (linear)
    std::int64_t zeroChannels = 0;
    std::int64_t kernels = 0; ///< 2-D kernels (conv only)
    std::int64_t zeroKernels = 0;
    double macs = -1; ///< remaining MACs per sample; -1 when the output size is unknown
    double denseMacs = -1;
    std::vector<float> rowNorms; ///< L2 norm of every filter / output neuron
    std::vector<float> channelNorms; ///< L2 norm of every input channel (conv) / input neuron
    std::vector<float> columnNorms; ///< L2 norm of every filter-shape column (C·kh·kw) / input
};

/// The filters of one conv layer as greyscale images (the first input channel of each filter,
/// or the mean over channels), each scaled to [0, 1] over the whole layer.
struct FilterImages
{
    std::string layer;
    int count = 0;
    int height = 0;
    int width = 0;
    std::vector<float> pixels; ///< count × height × width
    std::vector<float> norms; ///< L2 norm of each whole filter
};

} // namespace sparsescope::core
