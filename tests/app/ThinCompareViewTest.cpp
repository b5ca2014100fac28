// SPDX-License-Identifier: GPL-3.0-or-later
// Thin and compare on a real model with whole rows and columns at zero (a magnitude-pruned
// LeNet-300-100): the worker thins it, measures both versions and evaluates both on data the
// test writes; the table, the CSV, the saved thinned model and the error paths.
#include "panels/ThinCompareView.h"
#include "panels/TrainingPanel.h"

#include "Fixtures.h"

#include "sparsescope/core/data/Dataset.h"
#include "sparsescope/core/models/Model.h"
#include "sparsescope/core/robustness/MagnitudePruner.h"

#include <gtest/gtest.h>

#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTableWidget>

using namespace sparsescope;

namespace {
class ThinCompareViewTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        core::ModelOptions options;
        options.numClasses = 10;
        const core::Model dense = core::Model::create("lenet-300-100", options, 3);
        // 99 % of the weights at zero by magnitude: most of fc1's 784 inputs and many of its
        // 300 rows lose every weight, so thinning removes whole rows and columns.
        core::MagnitudePruner::prune(dense, 0.99).save(m_dir.file("pruned.pt"));
        const core::ImageSet images = test::syntheticImages(48, 10);
        test::writeIdx(images, m_dir.file("images.idx"), m_dir.file("labels.idx"));
        m_data = QString::fromStdString("idx:" + m_dir.file("images.idx") + ","
                                        + m_dir.file("labels.idx"));
        m_view.setErrorReporter(
            [this](const QString &, const QString &message) { m_errors << message; });
        m_view.setRepeats(3);
    }

    test::TempDir m_dir;
    QString m_data;
    app::ThinCompareView m_view;
    QStringList m_errors;
};
} // namespace

TEST_F(ThinCompareViewTest, ThinsMeasuresAndEvaluatesBothVersions)
{
    QSignalSpy compared(&m_view, &app::ThinCompareView::compared);
    m_view.compare(QString::fromStdString(m_dir.file("pruned.pt")), m_data);
    EXPECT_TRUE(m_view.isBusy());
    ASSERT_TRUE(compared.wait(60000)) << m_errors.join('\n').toStdString();
    EXPECT_FALSE(m_view.isBusy());
    const auto result = m_view.result();
    ASSERT_TRUE(result);
    EXPECT_LT(result->thin.parameters, result->dense.parameters / 2);
    EXPECT_LT(result->thin.macs, result->dense.macs / 2);
    EXPECT_GT(result->elementSparsity, 0.98);
    for (double ms : {result->dense.latency1Ms, result->thin.latency1Ms, result->dense.latency64Ms,
                      result->thin.latency64Ms})
        EXPECT_GT(ms, 0.0);
    // Thinning removes only exact zeros: the two versions answer alike.
    EXPECT_EQ(result->evaluated, 48U);
    // The dense accuracy, directly: the same model on the same 48 samples.
    const core::Dataset data = core::Dataset::fromSpec(m_data.toStdString());
    ASSERT_EQ(data.size(), 48U);
    EXPECT_DOUBLE_EQ(result->dense.accuracy,
                     core::Model::load(m_dir.file("pruned.pt")).evaluate(data).accuracy());
    EXPECT_DOUBLE_EQ(result->thin.accuracy, result->dense.accuracy);
    EXPECT_TRUE(result->dense.architecture.contains(QStringLiteral("fc1")));
    EXPECT_NE(result->dense.architecture, result->thin.architecture);

    QTableWidget *table = m_view.table();
    ASSERT_EQ(table->rowCount(), 6);
    EXPECT_EQ(table->item(0, 0)->text(), QStringLiteral("Parameters"));
    EXPECT_EQ(table->item(0, 2)->data(Qt::UserRole).toDouble(), double(result->thin.parameters));

    ASSERT_TRUE(m_view.exportCsv(QString::fromStdString(m_dir.file("thin.csv"))));
    QFile csv(QString::fromStdString(m_dir.file("thin.csv")));
    ASSERT_TRUE(csv.open(QIODevice::ReadOnly));
    const QStringList lines
        = QString::fromUtf8(csv.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    ASSERT_EQ(lines.size(), 7);
    EXPECT_EQ(lines[0], QStringLiteral("quantity,trained,thinned,ratio"));
    EXPECT_TRUE(lines[1].startsWith(QStringLiteral("\"Parameters\",%1,%2,")
                                        .arg(result->dense.parameters)
                                        .arg(result->thin.parameters)))
        << lines[1].toStdString();

    // The thinned model is saved and loads back with the thinned size.
    const QString saved = QString::fromStdString(m_dir.file("thin.pt"));
    ASSERT_TRUE(m_view.saveThinned(saved)) << m_errors.join('\n').toStdString();
    EXPECT_EQ(core::Model::load(saved.toStdString()).parameterCount(), result->thin.parameters);
    const QString onnx = QString::fromStdString(m_dir.file("thin.onnx"));
    ASSERT_TRUE(m_view.saveThinned(onnx)) << m_errors.join('\n').toStdString();
    EXPECT_GT(QFileInfo(onnx).size(), 1000);
    EXPECT_TRUE(m_errors.isEmpty());
}

TEST_F(ThinCompareViewTest, AMissingModelIsReportedNamingTheFile)
{
    QSignalSpy failed(&m_view, &app::ThinCompareView::failed);
    EXPECT_FALSE(m_view.saveThinned(QString::fromStdString(m_dir.file("x.pt"))))
        << "nothing thinned yet";
    m_view.compare(QStringLiteral("/no/such/model.pt"), m_data);
    ASSERT_TRUE(failed.wait(30000));
    EXPECT_FALSE(m_view.isBusy());
    ASSERT_EQ(m_errors.size(), 2);
    EXPECT_TRUE(m_errors[1].contains(QStringLiteral("/no/such/model.pt")))
        << m_errors[1].toStdString();
}

TEST(TrainingPanelThin, AnUntrainedArchitectureIsRefusedAndARunFolderIsThinned)
{
    app::TrainingPanel panel;
    QStringList errors;
    panel.setErrorReporter([&](const QString &, const QString &message) { errors << message; });
    panel.setModel(QStringLiteral("lenet5"));
    panel.setRunFolder(QString());
    EXPECT_EQ(panel.modelToThin(), QStringLiteral("lenet5"));
    panel.thinAndCompare();
    ASSERT_EQ(errors.size(), 1);
    EXPECT_TRUE(errors[0].contains(QStringLiteral("untrained")));
    EXPECT_FALSE(panel.thinView()->isBusy());

    // A run folder with a model.pt is what gets thinned.
    test::TempDir dir;
    std::filesystem::create_directories(dir.file("run"));
    core::Model::create("lenet5", {}, 1).save(dir.file("run/model.pt"));
    panel.setRunFolder(QString::fromStdString(dir.file("run")));
    EXPECT_EQ(panel.modelToThin(), QString::fromStdString(dir.file("run")));
    QSignalSpy compared(panel.thinView(), &app::ThinCompareView::compared);
    panel.thinView()->setRepeats(3);
    panel.thinAndCompare();
    ASSERT_TRUE(compared.wait(60000)) << errors.join('\n').toStdString();
    EXPECT_EQ(errors.size(), 1);
    // Nothing is zero in a fresh model: thinning keeps every parameter.
    EXPECT_EQ(panel.thinView()->result()->thin.parameters,
              panel.thinView()->result()->dense.parameters);
}
