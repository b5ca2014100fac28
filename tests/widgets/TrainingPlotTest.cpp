// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/widgets/TrainingPlot.h"

#include <gtest/gtest.h>

#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QTemporaryDir>

using sparsescope::widgets::TrainingPlot;

namespace {
void fill(TrainingPlot &plot, int epochs, int batchesPerEpoch)
{
    for (int epoch = 1; epoch <= epochs; ++epoch) {
        for (int batch = 1; batch <= batchesPerEpoch; ++batch)
            plot.appendBatch(epoch - 1 + double(batch) / batchesPerEpoch,
                             2.3 / (1.0 + 0.05 * ((epoch - 1) * batchesPerEpoch + batch)));
        plot.appendEpoch(epoch, 0.6 + 0.05 * epoch, 0.55 + 0.05 * epoch);
    }
}
} // namespace

TEST(TrainingPlot, AppendsAndClears)
{
    TrainingPlot plot;
    plot.setPlaceholderText(QStringLiteral("Press Start"));
    EXPECT_TRUE(plot.isEmpty());
    EXPECT_EQ(plot.placeholderText(), QStringLiteral("Press Start"));

    fill(plot, 3, 20);
    EXPECT_FALSE(plot.isEmpty());
    EXPECT_EQ(plot.batchCount(), 60);
    EXPECT_EQ(plot.epochCount(), 3);
    EXPECT_EQ(plot.graph(0)->dataCount(), 60);
    EXPECT_EQ(plot.graph(2)->dataCount(), 3);
    // The view follows the data: the last epoch is visible, accuracy is in percent.
    EXPECT_GE(plot.xAxis->range().upper, 3.0);
    EXPECT_LE(plot.yAxis2->range().lower, 65.0);
    EXPECT_DOUBLE_EQ(plot.yAxis2->range().upper, 100.0);

    plot.clear();
    EXPECT_TRUE(plot.isEmpty());
    EXPECT_EQ(plot.graph(0)->dataCount(), 0);
}

TEST(TrainingPlot, NoTestAccuracyIsNotDrawn)
{
    TrainingPlot plot;
    plot.appendEpoch(1, 0.7, -1.0);
    EXPECT_EQ(plot.graph(2)->dataCount(), 1);
    EXPECT_EQ(plot.graph(3)->dataCount(), 0);
}

TEST(TrainingPlot, ExportsPngSvgPdf)
{
    QTemporaryDir directory;
    ASSERT_TRUE(directory.isValid());
    TrainingPlot plot;
    plot.resize(800, 450);
    fill(plot, 2, 50);

    for (const char *name : {"curves.png", "curves.svg", "curves.pdf", "CURVES.PNG"}) {
        const QString path = directory.filePath(QString::fromLatin1(name));
        ASSERT_TRUE(plot.exportFigure(path)) << name;
        const QFileInfo info(path);
        EXPECT_TRUE(info.exists()) << name;
        EXPECT_GT(info.size(), 500) << name;
    }
    QImage image(directory.filePath(QStringLiteral("curves.png")));
    ASSERT_FALSE(image.isNull());
    EXPECT_EQ(image.width(), 1600); // exported at twice the widget size
    QFile svg(directory.filePath(QStringLiteral("curves.svg")));
    ASSERT_TRUE(svg.open(QIODevice::ReadOnly));
    EXPECT_TRUE(svg.readAll().contains("<svg"));
    QFile pdf(directory.filePath(QStringLiteral("curves.pdf")));
    ASSERT_TRUE(pdf.open(QIODevice::ReadOnly));
    EXPECT_TRUE(pdf.read(5).startsWith("%PDF"));
}

TEST(TrainingPlot, ExportRejectsUnknownSuffix)
{
    QTemporaryDir directory;
    TrainingPlot plot;
    EXPECT_FALSE(plot.exportFigure(directory.filePath(QStringLiteral("curves.xyz"))));
    EXPECT_FALSE(QFileInfo::exists(directory.filePath(QStringLiteral("curves.xyz"))));
}

TEST(TrainingPlot, ExportWithoutLayoutUsesFallbackSize)
{
    QTemporaryDir directory;
    TrainingPlot plot;
    fill(plot, 1, 10);
    const QString path = directory.filePath(QStringLiteral("never-shown.png"));
    ASSERT_TRUE(plot.exportFigure(path, 640, 360));
    EXPECT_EQ(QImage(path).width(), 1280);
}
