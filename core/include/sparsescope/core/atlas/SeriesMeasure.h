// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsescope/core/atlas/AtlasTable.h"
#include "sparsescope/core/atlas/Series.h"
#include "sparsescope/core/jobs/JobObserver.h"

#include <cstdint>
#include <stop_token>
#include <string>
#include <vector>

namespace sparsescope::core {

/// What `measure` computes for every member of a series (issue 20.1).
struct MeasureSettings
{
    /// structure, latency, clean, adversarial, corruption, humans (SeriesMeasure::measureNames).
    std::vector<std::string> measures {"structure", "clean"};
    /// Test data spec; empty: each member's own test data (train.json or run.json), else
    /// fashion-mnist:test.
    std::string data;
    std::size_t limit = 0; ///< the first N test images (0: all), as `eval --limit`
    std::uint64_t seed = 1; ///< attacks' random starts, degradations' noise, the bootstrap
    std::vector<double> epsilons {0.03, 0.1}; ///< FGSM and PGD-ℓ∞ budgets (inputs in [0, 1])
    std::size_t attackLimit = 500; ///< attacked images (at most `limit` when that is set)
    std::vector<std::string> degradations; ///< empty: every type that applies to the data
    int latencyRepeats = 10;
    std::string stimuli; ///< humans: a 16-class stimulus folder (ImageNet models only)
    std::string humans; ///< humans: the trial data (a clone of the 2018 repository)
    int bootstrap = 1000; ///< resamples of the κ interval
    /// The member each member's corruption error is relative to; empty: per series, its member
    /// with the lowest element sparsity (the dense one).
    std::string reference;

    void validate(const std::string &origin) const;
};

/// Receives each member's row as soon as it is measured.
class MeasureObserver : public JobObserver
{
public:
    // onProgress: measures done (members × measures).
    virtual void onRow(const AtlasRow &row) { (void)row; }
};

/// Measures a series: per member and measure the cached result when there is one
/// (MeasureCache), else the measurement, stored. A stop ends it after the measure in progress
/// (whose partial result is neither cached nor reported); the rows finished so far are returned.
class SeriesMeasure
{
public:
    static const std::vector<std::string> &measureNames();
    static AtlasTable run(const Series &series, const MeasureSettings &settings,
                          MeasureObserver &observer = quietObserver<MeasureObserver>(),
                          std::stop_token stop = {});
    /// The levels of a degradation for images `size` pixels wide: the paper's levels, those in
    /// pixels (blur σ, Eidolon reach) scaled by size/224 (the paper's images were 224 × 224);
    /// a scaled level below the type's minimum is left out.
    static std::vector<double> scaledLevels(const std::string &degradation, int size);
    /// Adds corruption_ce (Hendrycks & Dietterich 2019: per type Σ errors over levels relative
    /// to the reference member's, then the mean over types) to every row that has corruption
    /// accuracies, against `reference` or each series' lowest-sparsity member.
    static void addRelativeCorruptionError(AtlasTable &table, const std::string &reference);
    /// The dense member of `series` in `table`: its member with the lowest element sparsity (a row
    /// without a measured sparsity only when none has one); nullptr when the series has no row.
    static const AtlasRow *denseMember(const AtlasTable &table, const std::string &series);
};

} // namespace sparsescope::core
