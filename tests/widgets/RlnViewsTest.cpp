// SPDX-License-Identifier: GPL-3.0-or-later
// The views of the RLN panel: the first-layer heatmaps, the ranked importance bars and the
// comparison table model, fed with hand-made values.
#include "sparsescope/widgets/HeatmapPlot.h"
#include "sparsescope/widgets/ModelSummaryTableModel.h"
#include "sparsescope/widgets/RankedBarPlot.h"

#include <gtest/gtest.h>

#include <QAbstractItemModelTester>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QTemporaryDir>

#include <cmath>

using namespace sparsescope;

namespace {
QStringList readLines(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}
} // namespace

TEST(HeatmapPlot, ShowsTheMatrixCountsZerosAndUsesLogColours)
{
    widgets::HeatmapPlot plot;
    EXPECT_FALSE(plot.hasMatrix());
    // 2 units × 3 inputs; one exact zero.
    plot.setMatrix(2, 3, {1e-3f, 1e-1f, 0.0f, 1.0f, 1e-2f, 1e-4f});
    ASSERT_TRUE(plot.hasMatrix());
    EXPECT_EQ(plot.rows(), 2);
    EXPECT_EQ(plot.columns(), 3);
    EXPECT_EQ(plot.zeroCount(), 1);
    EXPECT_DOUBLE_EQ(plot.colourRange().lower, 0.0) << "linear: the zero is the minimum";
    EXPECT_NEAR(plot.colourRange().upper, 1.0, 1e-6);
    plot.setLogarithmic(true);
    // log10 of the non-zero values: −4 … 0; the zero is left out of the range.
    EXPECT_NEAR(plot.colourRange().lower, -4.0, 1e-5);
    EXPECT_NEAR(plot.colourRange().upper, 0.0, 1e-6);
    plot.setLogarithmic(false);
    EXPECT_NEAR(plot.colourRange().lower, 0.0, 1e-9) << "back to linear";
    EXPECT_NEAR(plot.colourRange().upper, 1.0, 1e-6);
    plot.setTitle(QStringLiteral("|w|"));
    plot.setColumnNames({QStringLiteral("CRIM"), QStringLiteral("ZN")});
    EXPECT_TRUE(plot.describeCell(1, 1).contains(QStringLiteral("ZN")));
    EXPECT_TRUE(plot.describeCell(1, 1).contains(QStringLiteral("0.01")));
    EXPECT_TRUE(plot.describeCell(0, 2).contains(QStringLiteral("input 2")))
        << "columns without a name";
    EXPECT_TRUE(plot.describeCell(2, 0).isEmpty()) << "outside the matrix";
    // A size mismatch clears rather than reading out of bounds.
    plot.setMatrix(3, 3, {1.0f, 2.0f});
    EXPECT_FALSE(plot.hasMatrix());
}

TEST(HeatmapPlot, ExportsFiguresAndTheMatrix)
{
    QTemporaryDir dir;
    widgets::HeatmapPlot plot;
    plot.resize(600, 400);
    plot.setTitle(QStringLiteral("log-strength"));
    plot.setColumnNames({QStringLiteral("a"), QStringLiteral("b,c")});
    plot.setMatrix(2, 2, {-10.0f, -9.5f, -11.0f, -10.5f});
    for (const char *name : {"h.png", "h.pdf", "h.svg"}) {
        const QString path = dir.filePath(QString::fromLatin1(name));
        ASSERT_TRUE(plot.exportFigure(path)) << name;
        EXPECT_GT(QFileInfo(path).size(), 500) << name;
    }
    EXPECT_EQ(QImage(dir.filePath(QStringLiteral("h.png"))).width(), 1200);
    QFile pdf(dir.filePath(QStringLiteral("h.pdf")));
    ASSERT_TRUE(pdf.open(QIODevice::ReadOnly));
    EXPECT_TRUE(pdf.read(5).startsWith("%PDF"));
    ASSERT_TRUE(plot.exportCsv(dir.filePath(QStringLiteral("h.csv"))));
    const QStringList lines = readLines(dir.filePath(QStringLiteral("h.csv")));
    ASSERT_EQ(lines.size(), 5);
    EXPECT_EQ(lines[0], QStringLiteral("row,column,column_name,value"));
    EXPECT_EQ(lines[2], QStringLiteral("0,1,\"b,c\",-9.5"));
    EXPECT_EQ(lines[3], QStringLiteral("1,0,a,-11"));
    EXPECT_FALSE(plot.exportCsv(QStringLiteral("/no/such/dir/h.csv")));
}

TEST(RankedBarPlot, RanksShowsTheTopAndHighlights)
{
    widgets::RankedBarPlot plot;
    plot.setShownCount(3);
    plot.setHighlighted({QStringLiteral("LSTAT")});
    plot.setValues({QStringLiteral("noise1"), QStringLiteral("LSTAT"), QStringLiteral("noise2"),
                    QStringLiteral("RM"), QStringLiteral("noise3")},
                   {0.1, 2.0, 0.3, 1.5, 0.3});
    EXPECT_EQ(
        plot.shownNames(),
        (QStringList {QStringLiteral("LSTAT"), QStringLiteral("RM"), QStringLiteral("noise2")}))
        << "largest first; ties keep the input order";
    EXPECT_EQ(plot.shownValues(), (QVector<double> {2.0, 1.5, 0.3}));
    QTemporaryDir dir;
    ASSERT_TRUE(plot.exportCsv(dir.filePath(QStringLiteral("r.csv"))));
    const QStringList lines = readLines(dir.filePath(QStringLiteral("r.csv")));
    ASSERT_EQ(lines.size(), 6) << "the CSV holds every value, not only the shown ones";
    EXPECT_EQ(lines[1], QStringLiteral("1,LSTAT,2"));
    EXPECT_EQ(lines[5], QStringLiteral("5,noise1,0.1"));
    ASSERT_TRUE(plot.exportFigure(dir.filePath(QStringLiteral("r.svg"))));
    QFile svg(dir.filePath(QStringLiteral("r.svg")));
    ASSERT_TRUE(svg.open(QIODevice::ReadOnly));
    EXPECT_TRUE(svg.readAll().contains("<svg"));
    plot.setValues({}, {});
    EXPECT_TRUE(plot.shownNames().isEmpty());
}

TEST(ModelSummaryTableModel, FormatsMeanAndSdPerModelAndPassesTheModelTester)
{
    widgets::ModelSummaryTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    core::ModelSummary rln;
    rln.model = "rln";
    rln.runs = 2;
    rln.testMse = {25.0, 2.25, 2};
    rln.testExplainedVariance = {0.7, 0.05, 2};
    rln.edgesZeroFraction = {0.9, 0.01, 2};
    rln.featuresRemaining = {20.0, 1.0, 2};
    core::ModelSummary gbt;
    gbt.model = "gbt";
    gbt.runs = 1;
    gbt.testMse = {15.8, std::nan(""), 1};
    model.setSummaries({rln, gbt}, core::TabularTask::Regression);
    ASSERT_EQ(model.rowCount(), 2);
    using M = widgets::ModelSummaryTableModel;
    EXPECT_EQ(model.data(model.index(0, M::ModelColumn)).toString(), QStringLiteral("rln"));
    EXPECT_EQ(model.data(model.index(0, M::FirstMetricColumn)).toString(),
              QStringLiteral("25.00 ± 2.25"));
    EXPECT_EQ(model.data(model.index(0, M::EdgesZeroColumn)).toString(),
              QStringLiteral("90.0 ± 1.0"));
    EXPECT_EQ(model.data(model.index(1, M::FirstMetricColumn)).toString(), QStringLiteral("15.80"))
        << "one run: no sd";
    EXPECT_EQ(model.data(model.index(1, M::EdgesZeroColumn)).toString(), QStringLiteral("–"));
    EXPECT_DOUBLE_EQ(model.data(model.index(0, M::FirstMetricColumn), Qt::UserRole).toDouble(),
                     25.0);
    EXPECT_EQ(model.headerData(M::FirstMetricColumn, Qt::Horizontal).toString(),
              QStringLiteral("Test MSE"));
    core::ModelSummary classifier;
    classifier.model = "rln";
    classifier.runs = 1;
    classifier.testAccuracy = {0.875, std::nan(""), 1};
    model.setSummaries({classifier}, core::TabularTask::Classification);
    EXPECT_EQ(model.headerData(M::FirstMetricColumn, Qt::Horizontal).toString(),
              QStringLiteral("Test accuracy, %"));
    EXPECT_EQ(model.data(model.index(0, M::FirstMetricColumn)).toString(), QStringLiteral("87.50"));
    model.clear();
    EXPECT_EQ(model.rowCount(), 0);
}
