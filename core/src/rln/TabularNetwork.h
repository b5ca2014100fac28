// SPDX-License-Identifier: GPL-3.0-or-later
// Private: the multilayer perceptron of the tabular comparison and its training loop.
#pragma once

#include "rln/NetworkRegularizer.h"
#include "rln/TabularModel.h"
#include "sparsescope/core/models/Model.h"
#include "sparsescope/core/training/TrainingEvents.h"

#include <functional>
#include <stop_token>
#include <vector>

namespace sparsescope::core {

/// Callbacks of TabularNetwork::train.
struct NetworkHooks
{
    std::stop_token stop;
    PauseGate *pause = nullptr;
    std::function<void()> beforeStep; ///< live edits (mailboxes)
    std::function<void(const BatchMetrics &)> onBatch;
    std::function<void(int epoch, double trainLoss, double heldOutLoss)> onEpoch;
};

/// The built-in "mlp" model (so run folders load everywhere) over D standardised inputs
/// (shape 1×1×D), hidden widths from NetworkSettings, Glorot-normal weights and zero biases
/// (Keras' Dense defaults in the authors' tutorial); trained with RMSprop (ρ = 0.9, ε = 1e-7;
/// or NetworkSettings::optimizer) on MSE (regression) or cross-entropy (classification),
/// shuffled mini-batches per epoch.
class TabularNetwork
{
public:
    TabularNetwork(int inputs, int outputs, const NetworkSettings &settings, std::uint64_t seed);

    /// The tutorial's geometric widths round(D^((depth−k)/depth)), or settings.hidden.
    static std::vector<int> hiddenWidths(int inputs, const NetworkSettings &settings);

    /// The weight matrices of the first linear layer, or of all of them.
    std::vector<torch::Tensor> weights(RegularizedLayers layers) const;

    /// Trains for settings.epochs epochs; `heldOut` (may be null) is scored after each epoch.
    /// False when stopped.
    bool train(const TabularArrays &data, const TabularArrays *heldOut, TabularTask task,
               const NetworkSettings &settings, std::uint64_t seed, NetworkRegularizer *regularizer,
               const NetworkHooks &hooks);

    /// rows × outputs: predicted values, or class probabilities.
    std::vector<float> predict(const TabularArrays &data, TabularTask task) const;
    /// Mean data loss (MSE or cross-entropy) on `data`.
    double loss(const TabularArrays &data, TabularTask task) const;

    /// The first linear layer's weights, units × inputs, row-major.
    std::vector<float> firstLayer() const;
    int inputs() const { return m_inputs; }
    int units() const;
    Model &model() { return m_model; }

private:
    int m_inputs;
    Model m_model;
};

} // namespace sparsescope::core
