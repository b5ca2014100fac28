// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/widgets/ModelSummaryTableModel.h"

#include <cmath>
#include <utility>

namespace sparsescope::widgets {

namespace {
QString meanAndSd(const core::MetricSummary &m, int decimals, double scale = 1.0)
{
    if (m.count == 0 || !std::isfinite(m.mean))
        return QStringLiteral("–");
    const QString mean = QString::number(m.mean * scale, 'f', decimals);
    if (!std::isfinite(m.sd))
        return mean;
    return QStringLiteral("%1 ± %2").arg(mean, QString::number(m.sd * scale, 'f', decimals));
}
} // namespace

ModelSummaryTableModel::ModelSummaryTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

int ModelSummaryTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_summaries.size());
}

int ModelSummaryTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const core::MetricSummary *ModelSummaryTableModel::metric(const core::ModelSummary &summary,
                                                          int column) const
{
    const bool regression = m_task == core::TabularTask::Regression;
    switch (column) {
    case FirstMetricColumn:
        return regression ? &summary.testMse : &summary.testAccuracy;
    case SecondMetricColumn:
        return regression ? &summary.testExplainedVariance : &summary.testAuc;
    case EdgesZeroColumn:
        return &summary.edgesZeroFraction;
    case FeaturesColumn:
        return &summary.featuresRemaining;
    case SmallEdgesColumn:
        return summary.smallEdgesFraction.size() > kPaperThreshold
            ? &summary.smallEdgesFraction[kPaperThreshold]
            : nullptr;
    case NoiseEliminatedColumn:
        return summary.noiseEliminatedFraction.size() > kPaperThreshold
            ? &summary.noiseEliminatedFraction[kPaperThreshold]
            : nullptr;
    case RealKeptColumn:
        return summary.realKept.size() > kPaperThreshold ? &summary.realKept[kPaperThreshold]
                                                         : nullptr;
    case BlendWeightColumn:
        return &summary.blendWeight;
    default:
        return nullptr;
    }
}

QVariant ModelSummaryTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= ColumnCount)
        return {};
    const core::ModelSummary &s = m_summaries[std::size_t(index.row())];
    const core::MetricSummary *m = metric(s, index.column());
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case ModelColumn:
            return QString::fromStdString(s.model);
        case RunsColumn:
            return s.runs;
        case FirstMetricColumn:
            return m_task == core::TabularTask::Regression ? meanAndSd(*m, 2)
                                                           : meanAndSd(*m, 2, 100.0);
        case SecondMetricColumn:
            return meanAndSd(*m, 3);
        case EdgesZeroColumn:
            return meanAndSd(*m, 1, 100.0);
        case FeaturesColumn:
            return meanAndSd(*m, 1);
        case SmallEdgesColumn:
        case NoiseEliminatedColumn:
            return m ? meanAndSd(*m, 1, 100.0) : QStringLiteral("–");
        case RealKeptColumn:
            return m ? QStringLiteral("%1 of %2").arg(meanAndSd(*m, 1)).arg(s.realFeatures)
                     : QStringLiteral("–");
        case BlendWeightColumn:
            return meanAndSd(*m, 2);
        default:
            return {};
        }
    }
    if (role == Qt::UserRole) {
        if (index.column() == ModelColumn)
            return QString::fromStdString(s.model);
        if (index.column() == RunsColumn)
            return s.runs;
        return m ? QVariant(m->mean) : QVariant();
    }
    if (role == Qt::UserRole + 1)
        return m ? QVariant(m->sd) : QVariant();
    if (role == Qt::TextAlignmentRole && index.column() != ModelColumn)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant ModelSummaryTableModel::headerData(int section, Qt::Orientation orientation,
                                            int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return {};
    const bool regression = m_task == core::TabularTask::Regression;
    if (role == Qt::ToolTipRole && section == EdgesZeroColumn)
        return tr("First-layer weights that are exactly zero (networks)");
    if (role == Qt::ToolTipRole && section == FeaturesColumn)
        return tr("Inputs with a non-zero first-layer weight (networks) or split on (trees)");
    if (role == Qt::ToolTipRole && section == SmallEdgesColumn)
        return tr("First-layer weights with |w| ≤ 1e-3: the paper's way of counting (the "
                  "authors' arithmetic never leaves exact zeros)");
    if (role == Qt::ToolTipRole && section == NoiseEliminatedColumn)
        return tr("Added noise inputs whose every first-layer weight has |w| ≤ 1e-3");
    if (role == Qt::ToolTipRole && section == RealKeptColumn)
        return tr("The table's own inputs with some first-layer weight |w| > 1e-3");
    if (role == Qt::ToolTipRole && section == BlendWeightColumn)
        return tr("Weighted ensemble: the weight of RLN (1 − w on the trees), chosen on 5-fold "
                  "out-of-fold predictions of the training rows (one-standard-error rule); mean "
                  "over seeds");
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ModelColumn:
        return tr("Model");
    case RunsColumn:
        return tr("Runs");
    case FirstMetricColumn:
        return regression ? tr("Test MSE") : tr("Test accuracy, %");
    case SecondMetricColumn:
        return regression ? tr("Explained variance") : tr("Test AUC");
    case EdgesZeroColumn:
        return tr("Edges zero, %");
    case FeaturesColumn:
        return tr("Features used");
    case SmallEdgesColumn:
        return tr("|w| ≤ 1e-3, %");
    case NoiseEliminatedColumn:
        return tr("Noise out, %");
    case RealKeptColumn:
        return tr("Real kept");
    case BlendWeightColumn:
        return tr("Blend w");
    default:
        return {};
    }
}

void ModelSummaryTableModel::setSummaries(std::vector<core::ModelSummary> summaries,
                                          core::TabularTask task)
{
    beginResetModel();
    m_summaries = std::move(summaries);
    m_task = task;
    endResetModel();
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
}

void ModelSummaryTableModel::clear()
{
    beginResetModel();
    m_summaries.clear();
    endResetModel();
}

} // namespace sparsescope::widgets
