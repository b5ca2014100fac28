// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsescope/core/rln/RlnSummary.h"

#include <QAbstractTableModel>

#include <vector>

namespace sparsescope::widgets {

/// The tabular comparison table: one row per model with mean ± sd over its runs of the test
/// metric(s) (MSE and explained variance for regression, accuracy and AUC for classification),
/// first-layer edges exactly zero and input features remaining, sparsity the paper's way at
/// τ = 1e-3 (edges with |w| ≤ τ, noise inputs eliminated, real inputs kept), and a weighted
/// ensemble's blend weight. Display text is formatted;
/// Qt::UserRole gives the mean as a number (for sorting), Qt::UserRole + 1 the sd.
class ModelSummaryTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        ModelColumn,
        RunsColumn,
        FirstMetricColumn, ///< test MSE or accuracy
        SecondMetricColumn, ///< explained variance or AUC
        EdgesZeroColumn,
        FeaturesColumn,
        SmallEdgesColumn, ///< first-layer |w| ≤ 1e-3, % (the paper's way of counting)
        NoiseEliminatedColumn, ///< noise inputs with every |w| ≤ 1e-3, %
        RealKeptColumn, ///< real inputs with some |w| > 1e-3
        BlendWeightColumn, ///< weighted ensembles: the RLN weight chosen on out-of-fold predictions
        ColumnCount
    };

    explicit ModelSummaryTableModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    void setSummaries(std::vector<core::ModelSummary> summaries, core::TabularTask task);
    void clear();
    const std::vector<core::ModelSummary> &summaries() const { return m_summaries; }
    core::TabularTask task() const { return m_task; }

private:
    const core::MetricSummary *metric(const core::ModelSummary &summary, int column) const;
    /// The index of τ = 1e-3 in core::kSparsityThresholds.
    static constexpr std::size_t kPaperThreshold = 2;

    std::vector<core::ModelSummary> m_summaries;
    core::TabularTask m_task = core::TabularTask::Regression;
};

} // namespace sparsescope::widgets
