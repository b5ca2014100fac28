// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsescope/core/models/Model.h"

#include <cstdint>
#include <string>
#include <vector>

namespace sparsescope::core {

/// One weight layer's cost in three forms, at one batch size.
struct LayerLatency
{
    std::string name;
    std::string kind; ///< "conv" or "linear"
    std::int64_t parameters = 0; ///< dense weights (+ bias)
    std::int64_t thinParameters = 0; ///< in the thinned model; 0 when the layer was removed
    std::int64_t nonzeros = 0; ///< non-zero weights of the given (masked) model
    std::int64_t macs = 0; ///< per sample, dense
    std::int64_t thinMacs = 0;
    double denseMs = 0; ///< median, the given model's layer
    double thinMs = 0; ///< median, the thinned model's layer (0 when removed)
    double sparseMs = 0; ///< median, CSR kernel at the same element sparsity, scattered
};

struct LatencyReport
{
    std::string architecture;
    int batch = 1;
    int repeats = 0;
    int threads = 1;
    double elementSparsity = 0; ///< of the weight layers of the given model
    std::vector<LayerLatency> layers;
    double modelDenseMs = 0; ///< whole forward, median
    double modelThinMs = 0;

    /// Sums over the conv layers (or every weight layer when `kind` is empty).
    LayerLatency total(const std::string &kind) const;
    std::string toText() const;
    /// CSV rows (with a header when `header`): batch,layer,kind,parameters,...
    std::string toCsv(bool header) const;
};

struct LatencyOptions
{
    std::vector<int> batches {1, 64};
    int repeats = 20; ///< timed runs per measurement; the median counts
    int warmup = 3;
    std::uint64_t seed = 1;
};

/// Latency of a trained model with zero groups (the masked model, as training leaves it)
/// against its thinned form (Thinner) and against a non-structured model of the same element
/// sparsity per layer — weights pruned by magnitude from a random draw, so the zeros are scattered
/// — run with a CSR sparse × dense kernel after lowering (im2col), the way off-the-shelf sparse
/// libraries run it. Per layer: the dense and thinned layers are timed inside their models'
/// forward passes; the CSR layer alone on an input of the layer's shape. Eval mode, no grad.
class LatencyBench
{
public:
    static std::vector<LatencyReport> run(const Model &model, const LatencyOptions &options);
};

} // namespace sparsescope::core
