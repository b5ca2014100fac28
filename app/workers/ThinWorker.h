// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsescope/core/jobs/JobObserver.h"
#include "sparsescope/core/models/Model.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <memory>
#include <stop_token>

namespace sparsescope::app {

/// One side of the before/after table: the model as trained (zeros in place) or thinned.
struct ThinSide
{
    std::int64_t parameters = 0;
    std::int64_t macs = 0; ///< per sample, known layers
    double latency1Ms = 0.0; ///< whole forward, median, batch 1
    double latency64Ms = 0.0; ///< batch 64
    double accuracy = -1.0; ///< on the test data; −1 when none was given
    QString architecture; ///< ModelStructure::toText()
};

/// The result of "thin and compare".
struct ThinComparison
{
    QString model;
    ThinSide dense;
    ThinSide thin;
    /// Conv layers at batch 64: the same zeros scattered (CSR kernel) instead of removed.
    double convDense64Ms = 0.0;
    double convThin64Ms = 0.0;
    double convSparse64Ms = 0.0;
    double elementSparsity = 0.0;
    std::size_t evaluated = 0; ///< test samples
    QStringList removedBlocks;
    QString thinningJson;
    core::Model thinned; ///< to save or export
    double seconds = 0.0;
};

/// "Thin and compare" as a job (run through JobController by the ThinCompareView): thins a
/// model (core::Thinner), measures both versions (core::LatencyBench, batches 1 and 64) and
/// evaluates both on test data.
class ThinWorker
{
public:
    /// `model`: a run folder, a saved model or a built-in name; `testData`: a dataset spec or
    /// empty (no accuracy); `limit`: test samples at most (0: all); `repeats`: timed runs per
    /// latency. nullptr when stopped; core::Error on bad input.
    static std::shared_ptr<const ThinComparison> compare(const QString &model,
                                                         const QString &testData, int limit,
                                                         int repeats, core::JobObserver &observer,
                                                         std::stop_token stop);
};

} // namespace sparsescope::app
