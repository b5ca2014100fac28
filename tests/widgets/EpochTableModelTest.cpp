// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/widgets/EpochTableModel.h"

#include <gtest/gtest.h>

#include <QAbstractItemModelTester>

using sparsescope::core::EpochMetrics;
using sparsescope::widgets::EpochTableModel;

namespace {
EpochMetrics epoch(int number, double testAccuracy)
{
    EpochMetrics metrics;
    metrics.epoch = number;
    metrics.loss = 0.5 / number;
    metrics.trainAccuracy = 0.8;
    metrics.testAccuracy = testAccuracy;
    metrics.learningRate = 0.02;
    metrics.seconds = 12.34;
    return metrics;
}
} // namespace

TEST(EpochTableModel, AppendsFormattedRows)
{
    EpochTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    EXPECT_EQ(model.rowCount(), 0);
    EXPECT_EQ(model.columnCount(), EpochTableModel::ColumnCount);

    model.append(epoch(1, 0.8512));
    model.append(epoch(2, -1.0));
    ASSERT_EQ(model.rowCount(), 2);
    EXPECT_EQ(model.index(0, EpochTableModel::EpochColumn).data().toString(), QStringLiteral("1"));
    EXPECT_EQ(model.index(0, EpochTableModel::LossColumn).data().toString(),
              QStringLiteral("0.5000"));
    EXPECT_EQ(model.index(0, EpochTableModel::TestAccuracyColumn).data().toString(),
              QStringLiteral("85.12 %"));
    EXPECT_EQ(model.index(1, EpochTableModel::TestAccuracyColumn).data().toString(),
              QStringLiteral("—"));
    EXPECT_EQ(model.index(0, EpochTableModel::SecondsColumn).data().toString(),
              QStringLiteral("12.3"));
    EXPECT_DOUBLE_EQ(model.index(1, EpochTableModel::LossColumn).data(Qt::UserRole).toDouble(),
                     0.25);
    EXPECT_EQ(model.headerData(EpochTableModel::TrainAccuracyColumn, Qt::Horizontal).toString(),
              QStringLiteral("Train acc."));

    model.clear();
    EXPECT_EQ(model.rowCount(), 0);
    EXPECT_TRUE(model.epochs().empty());
}
