// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/widgets/SeriesPlot.h"
#include "sparsescope/widgets/AdversarialView.h"

#include <gtest/gtest.h>

#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QTemporaryDir>

#include <cmath>

using namespace sparsescope;

TEST(SeriesPlot, SetsReplacesAndRemovesSeriesAndSkipsMissingPoints)
{
    widgets::SeriesPlot plot;
    plot.setAxisLabels(QStringLiteral("ε"), QStringLiteral("accuracy"));
    plot.setSeries(QStringLiteral("a"), {0.0, 0.1, 0.2}, {0.9, 0.5, 0.1});
    plot.setSeries(QStringLiteral("b"), {0.0, 0.1, 0.2}, {0.8, std::nan(""), 0.3});
    EXPECT_EQ(plot.seriesCount(), 2);
    EXPECT_EQ(plot.seriesY(QStringLiteral("b")), (QVector<double> {0.8, 0.3}));
    plot.setSeries(QStringLiteral("a"), {0.0, 0.3}, {0.7, 0.2});
    EXPECT_EQ(plot.seriesCount(), 2) << "same name replaces";
    EXPECT_EQ(plot.seriesY(QStringLiteral("a")), (QVector<double> {0.7, 0.2}));
    // The axes cover the data.
    EXPECT_LE(plot.xAxis->range().lower, 0.0);
    EXPECT_GE(plot.xAxis->range().upper, 0.3);
    EXPECT_GE(plot.yAxis->range().upper, 0.8);
    plot.removeSeries(QStringLiteral("a"));
    EXPECT_EQ(plot.seriesNames(), QStringList {QStringLiteral("b")});
    plot.clearSeries();
    EXPECT_EQ(plot.seriesCount(), 0);
}

TEST(SeriesPlot, ExportsFiguresAndCsv)
{
    QTemporaryDir dir;
    widgets::SeriesPlot plot;
    plot.setAxisLabels(QStringLiteral("sparsity, %"), QStringLiteral("accuracy"));
    plot.setSeries(QStringLiteral("fgsm ε=0.1"), {0.0, 50.0, 90.0}, {0.1, 0.2, 0.15});
    for (const char *name : {"f.png", "f.pdf", "f.svg"}) {
        const QString path = dir.filePath(QString::fromLatin1(name));
        EXPECT_TRUE(plot.exportFigure(path)) << name;
        EXPECT_GT(QFileInfo(path).size(), 500) << name;
    }
    EXPECT_FALSE(plot.exportFigure(dir.filePath(QStringLiteral("f.bmpx"))));
    const QString csv = dir.filePath(QStringLiteral("f.csv"));
    ASSERT_TRUE(plot.exportCsv(csv));
    QFile file(csv);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QStringList lines
        = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    ASSERT_EQ(lines.size(), 4);
    EXPECT_EQ(lines[0], QStringLiteral("series,\"sparsity, %\",accuracy"));
    EXPECT_EQ(lines[2], QStringLiteral("fgsm ε=0.1,50,0.2"));
    EXPECT_FALSE(plot.exportCsv(QStringLiteral("/no/such/dir/f.csv")));
}

TEST(AdversarialView, ShowsTheThreeImagesWithPredictionsAndAmplification)
{
    core::AdversarialExample e;
    e.channels = 1;
    e.height = 2;
    e.width = 2;
    e.original = {0.2f, 0.4f, 0.6f, 0.8f};
    e.adversarial = {0.25f, 0.4f, 0.5f, 0.8f};
    e.label = 0;
    e.predClean = 0;
    e.predAdv = 1;
    e.probabilitiesClean = {0.9f, 0.1f};
    e.probabilitiesAdv = {0.3f, 0.7f};
    widgets::AdversarialView view;
    EXPECT_FALSE(view.hasExample());
    view.setExample(e, {QStringLiteral("shirt"), QStringLiteral("coat")});
    ASSERT_TRUE(view.hasExample());
    const QStringList captions = view.captions();
    ASSERT_EQ(captions.size(), 3);
    EXPECT_TRUE(captions[0].contains(QStringLiteral("shirt"))) << captions[0].toStdString();
    EXPECT_TRUE(captions[0].contains(QStringLiteral("90.0"))) << captions[0].toStdString();
    EXPECT_TRUE(captions[2].contains(QStringLiteral("coat"))) << captions[2].toStdString();
    EXPECT_TRUE(captions[1].contains(QStringLiteral("0.100"))) << "largest change ‖r‖∞";
    // The largest change (0.1) maps to ±0.5 around mid-grey.
    EXPECT_NEAR(view.amplification(), 5.0, 1e-4);
    view.resize(600, 240);
    const QImage image = view.render();
    EXPECT_FALSE(image.isNull());
    // Inconsistent sizes clear the view instead of reading out of bounds.
    e.adversarial.pop_back();
    view.setExample(e, {});
    EXPECT_FALSE(view.hasExample());
}
