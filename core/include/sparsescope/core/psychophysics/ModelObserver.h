// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsescope/core/jobs/JobObserver.h"
#include "sparsescope/core/psychophysics/ImageNetCategories.h"
#include "sparsescope/core/psychophysics/TrialTable.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stop_token>
#include <string>
#include <vector>

namespace sparsescope::core {

class AmplitudeSpectrum;
class Dataset;
class Model;

/// How a model observes: the trial fields it writes and what it is shown.
struct ObserveOptions
{
    std::string observer; ///< the trials' `subj`; empty: observerName(model reference)
    std::size_t limit
        = 0; ///< the first N stimuli (stimulus folders; datasets are cut by the caller)
    int batchSize = 64;
    int threads = 0; ///< image loading and degrading (0: all cores)

    // Stimulus folders (ImageNet models).
    CategoryAggregation aggregation = CategoryAggregation::Sum;
    int inputSize = 224; ///< shorter side resized to this, then a centre crop (0: as stored)
    std::string experiment; ///< for files without a 2018 name; empty: the folder's name

    // Datasets (a model of the dataset's classes, e.g. Fashion-MNIST).
    std::vector<std::string> degradations; ///< registry names; empty: applicableDegradations()
    std::vector<double> levels; ///< one degradation only; empty: the paper's levels
    std::optional<std::uint32_t> seed; ///< base seed; unset: each type's reference seed
    /// For power-equalisation; null: the mean spectrum of the observed images.
    std::shared_ptr<const AmplitudeSpectrum> spectrum;
};

/// A network as an observer of the 2018 psychophysics (Geirhos et al.): it answers every
/// stimulus and the answers become DNN trials (observer kind dnn, rt NaN, session 1) in the
/// 2018 trial format, so TrialCsvWriter writes them and every human-data tool reads them back.
class ModelObserver
{
public:
    /// An ImageNet model over a stimulus folder (see StimulusFolder): a 1000-class output is
    /// mapped to the 16 categories by `options.aggregation` (ImageNetCategories); a 16-class
    /// output is taken in the order of the 2018 authors' 16-class ResNet-50s. The model gets
    /// RGB inputs in [0, 1] (a TorchScript model normalises itself).
    static TrialTable observeStimuli(const Model &model, const std::string &directory,
                                     const ObserveOptions &options,
                                     JobObserver &progress = quietObserver(),
                                     std::stop_token stop = {});

    /// A model of `data`'s classes over `data` degraded by each type at each level (per-image
    /// seeds, DegradationBatch::degradedSet): one experiment per type (its registry name), one
    /// condition per level (its raw-data label), responses and categories by class name.
    static TrialTable observeDegradations(const Model &model, const Dataset &data,
                                          const ObserveOptions &options,
                                          JobObserver &progress = quietObserver(),
                                          std::stop_token stop = {});

    /// The degradations "all" means for images with `channels` channels: colour-only types
    /// and greyscale (the identity on grey images) are left out for grey data, and the Eidolons
    /// (about half a second per image) unless `includeSlow`.
    static std::vector<std::string> applicableDegradations(int channels, bool includeSlow = false);

    /// An observer name for a model reference: a registry name as it is, a run folder's name,
    /// a file's stem (the run folder's name for `<run>/model.pt`); characters the trial CSV
    /// cannot hold become '-', and a name starting with "subject-" (which readers take for a
    /// human) gets the prefix "dnn-".
    static std::string observerName(const std::string &modelReference);

    /// True when `data` names an existing folder rather than a dataset spec.
    static bool isStimulusFolder(const std::string &data);
};

} // namespace sparsescope::core
