// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsescope/core/psychophysics/ConditionSummary.h"
#include "sparsescope/core/psychophysics/ConsistencyTable.h"
#include "sparsescope/core/psychophysics/TrialTable.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>
#include <string>
#include <vector>

namespace sparsescope::app {

/// A loaded set of trials with its per-condition summary, shared read-only with the GUI.
struct HumansData
{
    core::TrialTable table;
    std::vector<core::ConditionSummaryRow> summary;
    std::vector<std::string> experiments;
    double seconds = 0.0;
};

/// One experiment's consistency rows (every observer pair, every condition).
struct ConsistencyData
{
    std::string experiment;
    std::vector<core::ConsistencyRow> rows;
};

/// Loads trial folders and computes tables on the thread it was moved to (the HumansPanel owns
/// the thread). Calls are queued; results come back as shared immutable data.
class HumansWorker : public QObject
{
    Q_OBJECT

public:
    explicit HumansWorker(QObject *parent = nullptr);

    /// From any thread: reads `directories` (a clone of the 2018 repository or its raw-data
    /// folder, folders that `observe` wrote, …) with the DNN response column `dnnColumn` and
    /// summarises them. Ends with loaded() or failed().
    void load(const QStringList &directories, const QString &dnnColumn);
    /// From any thread: the consistency table of one experiment of the loaded data.
    void computeConsistency(std::shared_ptr<const HumansData> data, const QString &experiment);

Q_SIGNALS:
    void loaded(std::shared_ptr<const sparsescope::app::HumansData> data);
    void consistencyReady(std::shared_ptr<const sparsescope::app::ConsistencyData> data);
    void failed(const QString &message);
};

} // namespace sparsescope::app

Q_DECLARE_METATYPE(std::shared_ptr<const sparsescope::app::HumansData>)
Q_DECLARE_METATYPE(std::shared_ptr<const sparsescope::app::ConsistencyData>)
