// SPDX-License-Identifier: GPL-3.0-or-later
#include "rln/FirstLayerSparsity.h"

#include "sparsescope/core/Error.h"

#include <algorithm>
#include <cmath>

namespace sparsescope::core {

std::vector<SmallWeights> FirstLayerSparsity::count(const std::vector<float> &weights, int units,
                                                    int inputs, int realFeatures)
{
    if (units < 0 || inputs < 0 || weights.size() != std::size_t(units) * std::size_t(inputs))
        throw Error("",
                    "first-layer weights do not match " + std::to_string(units) + " × "
                        + std::to_string(inputs));
    realFeatures = std::clamp(realFeatures, 0, inputs);
    // The largest outgoing magnitude of every input decides at which τ it is eliminated.
    std::vector<float> largest(std::size_t(inputs), 0.0f);
    for (int u = 0; u < units; ++u)
        for (int i = 0; i < inputs; ++i) {
            const float m
                = std::abs(weights[std::size_t(u) * std::size_t(inputs) + std::size_t(i)]);
            largest[std::size_t(i)] = std::max(largest[std::size_t(i)], m);
        }
    std::vector<SmallWeights> out;
    for (double tau : kSparsityThresholds) {
        SmallWeights s;
        s.tau = tau;
        for (float w : weights)
            s.edges += double(std::abs(w)) <= tau ? 1 : 0;
        for (int i = 0; i < inputs; ++i) {
            const bool eliminated = double(largest[std::size_t(i)]) <= tau;
            if (i < realFeatures)
                s.realKept += eliminated ? 0 : 1;
            else
                s.noiseEliminated += eliminated ? 1 : 0;
        }
        out.push_back(s);
    }
    return out;
}

} // namespace sparsescope::core
