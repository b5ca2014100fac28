// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsescope/core/data/ImageSet.h"
#include "sparsescope/core/degradations/DegradationRegistry.h"
#include "sparsescope/core/degradations/FloatImage.h"
#include "sparsescope/core/jobs/JobObserver.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <stop_token>
#include <string>
#include <vector>

namespace sparsescope::core {

class Dataset;

/// One written image of a degraded set (a row of manifest.csv).
struct ManifestRow
{
    std::string file; ///< relative to the output folder
    std::string source; ///< "<dataset spec>#<index in the dataset>"
    std::string type;
    std::string level; ///< the level label (raw-data label for the paper's levels)
    std::uint32_t seed = 0;
};

/// What degrade-set does: a type, levels, the base seed and where to write.
struct DegradeSetConfig
{
    std::string type;
    std::vector<double> levels; ///< empty: the paper's levels of the type
    std::uint32_t seed = 0; ///< base seed; image i uses imageSeed(seed, i)
    std::shared_ptr<const AmplitudeSpectrum> spectrum; ///< for power-equalisation
    std::string outputDirectory;
    int threads = 0; ///< 0: all cores
};

/// Degrading whole datasets: every image gets its own random stream (seed + index), images are
/// spread over threads, and results land in per-image slots, so the output does not depend on
/// the thread count.
class DegradationBatch
{
public:
    /// The seed of image `index` for base seed `base`: base + index (mod 2^32). Reproduce one
    /// image with `sparsescope-cli degrade --seed <that seed>`.
    static std::uint32_t imageSeed(std::uint32_t base, std::size_t index);

    /// Sample `position` of `data` as a FloatImage (byte / 255.0, H × W × C).
    static FloatImage sample(const Dataset &data, std::size_t position);

    /// `image` converted to height × width × channels (grey replicated to RGB, resized with
    /// area interpolation when the degradation changed the size, e.g. Eidolon's 256 pixels).
    static FloatImage fitTo(const FloatImage &image, int height, int width, int channels);

    /// Every image of `data` degraded at `settings.level`, with per-image seeds from
    /// `settings.seed`, as an 8-bit labelled set of the dataset's size and channel count
    /// (truncated to 8 bit as the reference saves stimuli).
    static ImageSet degradedSet(const Dataset &data, const std::string &type,
                                const DegradationSettings &settings, int threads = 0,
                                std::stop_token stop = {});

    /// Writes OUT/<level label>/<class name>/<index>.png for every image and level, plus
    /// OUT/manifest.csv (file,source,type,level,seed). Each level folder reads back with the
    /// dataset spec `folder:OUT/<level label>`. Progress: levels done of all levels.
    static std::vector<ManifestRow> writeSet(const Dataset &data, const DegradeSetConfig &config,
                                             JobObserver &observer = quietObserver(),
                                             std::stop_token stop = {});
};

} // namespace sparsescope::core
