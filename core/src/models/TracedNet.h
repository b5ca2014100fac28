// SPDX-License-Identifier: GPL-3.0-or-later
// Private: the base of the built-in architectures.
#pragma once

#include "sparsescope/core/models/ModelOptions.h"

#include <torch/torch.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace sparsescope::core {

/// What one weight layer did during a traced forward pass.
struct TraceRecord
{
    std::string name;
    std::string kind;
    torch::Tensor weight;
    torch::Tensor bias;
    std::vector<std::int64_t> outputShape; ///< per sample
    std::int64_t macs = 0; ///< per sample
    std::vector<std::int64_t> inputShape; ///< per sample, as the layer's kernel sees it
    std::int64_t stride = 1; ///< convs
    std::int64_t padding = 0; ///< convs
    double seconds = 0; ///< wall time of the layer in this traced pass
};
using Trace = std::vector<TraceRecord>;

/// Runs a layer and, when `trace` is set, records its shapes and MACs.
torch::Tensor tracedConv(Trace *trace, const std::string &name, torch::nn::Conv2d &conv,
                         const torch::Tensor &x);
torch::Tensor tracedLinear(Trace *trace, const std::string &name, torch::nn::Linear &linear,
                           const torch::Tensor &x);

/// A built-in network: normalises its input in [0, 1] with per-channel mean/std buffers, then
/// runs `body()`. Layer calls go through tracedConv/tracedLinear so structure() can describe it.
class TracedNet : public torch::nn::Module
{
public:
    explicit TracedNet(const ModelOptions &options);
    torch::Tensor forward(const torch::Tensor &input);
    /// Runs one sample-sized zero input and returns what every weight layer did.
    Trace traceLayers();
    /// Runs `input` (eval mode, no grad) and returns every weight layer's record with its time.
    Trace timeLayers(const torch::Tensor &input);
    const ModelOptions &options() const { return m_options; }
    /// Stores conv weights channels-last (NHWC) and feeds inputs that way: oneDNN's convolutions
    /// run ≈30 % faster on LeNet-size layers here than with NCHW. Values are unchanged.
    void useChannelsLast();

protected:
    virtual torch::Tensor body(const torch::Tensor &x, Trace *trace) = 0;
    /// Thinned models: keeps only the input channels (dim 1) / features that `layer` keeps.
    torch::Tensor selectInputs(const std::string &layer, const torch::Tensor &x) const;
    /// The number of inputs `layer` keeps, or `fallback` when it keeps all.
    std::int64_t inputCount(const std::string &layer, std::int64_t fallback) const;
    /// Flattened feature size after `features` on one input of the configured shape.
    std::int64_t featureSize(const std::function<torch::Tensor(const torch::Tensor &)> &features);

    ModelOptions m_options;

private:
    bool m_channelsLast = false;
    std::map<std::string, torch::Tensor> m_keptInputs;
    torch::Tensor m_mean;
    torch::Tensor m_std;
};

} // namespace sparsescope::core
