// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsescope/core/degradations/DegradationRegistry.h"
#include "sparsescope/core/jobs/JobObserver.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <stop_token>
#include <string>
#include <vector>

namespace sparsescope::core {

class Dataset;
class Model;

/// Accuracy of a model at one degradation level: one point of a psychometric curve.
struct LevelAccuracy
{
    double level = 0.0;
    std::string label; ///< the level label (raw-data label for the paper's levels)
    std::size_t correct = 0;
    std::size_t count = 0;
    double loss = 0.0; ///< mean cross-entropy
    double accuracy() const { return count ? double(correct) / double(count) : 0.0; }
};

/// A model evaluated on a dataset degraded at a list of levels (all cores for degrading; the
/// model's evaluation uses LibTorch's threads). Results do not depend on the thread count.
class DegradedEvaluation
{
public:
    struct Config
    {
        std::string type;
        std::vector<double> levels; ///< empty: the paper's levels of the type
        std::uint32_t seed = 0; ///< base seed; image i uses DegradationBatch::imageSeed(seed, i)
        std::shared_ptr<const AmplitudeSpectrum> spectrum;
        int threads = 0;
        int batchSize = 256;
    };

    /// Progress: levels done of all levels.
    static std::vector<LevelAccuracy> run(const Model &model, const Dataset &data,
                                          const Config &config,
                                          JobObserver &observer = quietObserver(),
                                          std::stop_token stop = {});
};

} // namespace sparsescope::core
