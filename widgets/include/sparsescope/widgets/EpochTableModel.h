// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsescope/core/training/TrainingEvents.h"

#include <QAbstractTableModel>

#include <vector>

namespace sparsescope::widgets {

/// One row per finished epoch (the rows of metrics.csv): epoch, loss, train and test accuracy,
/// learning rate and seconds. Display text is formatted; Qt::UserRole gives the raw number.
class EpochTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        EpochColumn,
        LossColumn,
        TrainAccuracyColumn,
        TestAccuracyColumn,
        LearningRateColumn,
        SecondsColumn,
        ColumnCount
    };

    explicit EpochTableModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    void append(const core::EpochMetrics &epoch);
    void setEpochs(std::vector<core::EpochMetrics> epochs);
    void clear();
    const std::vector<core::EpochMetrics> &epochs() const { return m_epochs; }
    /// The rows with metrics.csv's columns (epoch, loss, train_accuracy, test_accuracy,
    /// test_loss, lr, seconds, sparsity, macs, dense_macs). False when it cannot be written.
    bool exportCsv(const QString &path) const;

private:
    std::vector<core::EpochMetrics> m_epochs;
};

} // namespace sparsescope::widgets
