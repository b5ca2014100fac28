// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsescope/core/degradations/FloatImage.h"

#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <vector>

namespace sparsescope::core {

class AmplitudeSpectrum;

/// A registered image degradation of Geirhos et al. (2018): stable name, its severity parameter,
/// the levels the paper used (with the condition labels of the released trial data) and the range
/// a level may take.
struct DegradationInfo
{
    std::string name; ///< e.g. "uniform-noise"
    std::string parameter; ///< what the level means, e.g. "noise width w"
    std::string description;
    std::vector<double> levels; ///< the paper's levels, in the paper's order
    std::vector<std::string> labels; ///< the raw-data label of each level ("bw", "inf", "pow", ...)
    double minimum = 0.0; ///< smallest allowed level
    double maximum = 1.0; ///< largest allowed level (may be +infinity)
    bool continuous = true; ///< any level in [minimum, maximum]; otherwise only `levels`
    bool colourOnly = false; ///< refuses greyscale input
    bool random = false; ///< the result depends on the seed
    bool needsSpectrum = false; ///< needs DegradationSettings::spectrum
    bool identityOnGrey = false; ///< changes nothing in a greyscale image (greyscale itself)
    bool slow = false; ///< seconds per image (Eidolons): sweeps leave it out unless asked
    int minimumSize = 1; ///< smallest height and width it accepts
    /// The distortion matrix's default test level for 28-pixel images (see
    /// DistortionMatrixConfig::defaultTestLevel); NaN: the middle paper level.
    double matrixTestLevel = std::numeric_limits<double>::quiet_NaN();
    std::uint32_t defaultSeed
        = 0; ///< the seed of the reference stimuli (42 for the noises, else 0)
};

/// What one application of a degradation needs besides the image.
struct DegradationSettings
{
    double level = 0.0;
    std::uint32_t seed = 0;
    /// The mean amplitude spectrum power equalisation imposes (same size as the image).
    std::shared_ptr<const AmplitudeSpectrum> spectrum;
};

/// The table of degradations, looked up by stable name; the CLI, GUI and tests list from it.
class DegradationRegistry
{
public:
    static const std::vector<DegradationInfo> &entries();
    /// nullptr when unknown.
    static const DegradationInfo *find(const std::string &name);
    /// Throws core::Error naming the known types when `name` is unknown.
    static const DegradationInfo &info(const std::string &name);

    /// Applies degradation `name` to `input` (1 or 3 channels, values in [0, 1], any size).
    /// Returns grey results as one channel, colour results as three. Throws core::Error for an
    /// unknown type, a level out of range, an empty or malformed image, greyscale input to a
    /// colour-only type or a missing spectrum. The pixel values are not scanned (that pass would
    /// cost as much as the element-wise degradations themselves): images from ImageFile and
    /// Dataset are in [0, 1]; call checkValues() for images from elsewhere.
    static FloatImage apply(const std::string &name, const FloatImage &input,
                            const DegradationSettings &settings);
    /// Throws core::Error unless every value of `image` lies in [0, 1] (NaN does not).
    static void checkValues(const FloatImage &image);

    /// Parses a level: a raw-data label of the type ("bw", "inf", "pow", "false", ...) or a
    /// number; checks the range. Throws core::Error with the allowed range.
    static double parseLevel(const DegradationInfo &info, const std::string &text);
    /// Throws core::Error unless `level` is allowed for `info`.
    static void checkLevel(const DegradationInfo &info, double level);
    /// The raw-data label when `level` is one of the paper's levels, else the number ("%g").
    static std::string levelLabel(const DegradationInfo &info, double level);
};

} // namespace sparsescope::core
