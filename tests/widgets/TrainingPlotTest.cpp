// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/widgets/TrainingPlot.h"

#include <gtest/gtest.h>

#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QTemporaryDir>
#include <QTest>
#include <QWheelEvent>

#include <algorithm>

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
    EXPECT_EQ(plot.graph(3)->dataCount(), 3);
    // The view follows the data: the last epoch is visible, accuracy is in percent.
    EXPECT_GE(plot.xAxis->range().upper, 3.0);
    EXPECT_LE(plot.xAxis->range().upper, 3.2);
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
    EXPECT_EQ(plot.graph(3)->dataCount(), 1);
    EXPECT_EQ(plot.graph(4)->dataCount(), 0);
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

TEST(TrainingPlot, XAxisSpansExpectedEpochs)
{
    TrainingPlot plot;
    plot.setExpectedEpochs(5);
    plot.appendBatch(0.5, 2.0);
    plot.appendEpoch(1, 0.5, 0.4);
    EXPECT_NEAR(plot.xAxis->range().upper, 5.0, 0.2);
    plot.appendBatch(6.0, 1.0); // a resumed run may go beyond the plan
    EXPECT_NEAR(plot.xAxis->range().upper, 6.0, 0.2);
}

TEST(TrainingPlot, UserZoomStopsFollowingUntilReset)
{
    TrainingPlot plot;
    plot.resize(600, 400);
    plot.appendBatch(0.5, 2.0);
    plot.xAxis->setRange(0.1, 0.2);
    EXPECT_TRUE(plot.followsData());
    // A wheel turn over the axes counts as zooming.
    QWheelEvent wheel(QPointF(300, 200), plot.mapToGlobal(QPointF(300, 200)), QPoint(),
                      QPoint(0, 120), Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    QCoreApplication::sendEvent(&plot, &wheel);
    EXPECT_FALSE(plot.followsData());
    plot.appendBatch(1.0, 1.5);
    EXPECT_LT(plot.xAxis->range().upper, 1.0);
    plot.resetView();
    EXPECT_TRUE(plot.followsData());
    EXPECT_NEAR(plot.xAxis->range().upper, 1.0, 0.05);
}

TEST(TrainingPlot, BatchAccuracyIsSmoothedInPercent)
{
    TrainingPlot plot;
    plot.appendBatch(0.1, 2.0, 0.5);
    plot.appendBatch(0.2, 1.9, 1.0);
    plot.appendBatch(0.3, 1.8); // accuracy unknown: nothing drawn for it
    QCPGraph *accuracy = plot.graph(2);
    ASSERT_EQ(accuracy->dataCount(), 2);
    EXPECT_DOUBLE_EQ(accuracy->data()->at(0)->value, 50.0);
    EXPECT_GT(accuracy->data()->at(1)->value, 50.0);
    EXPECT_LT(accuracy->data()->at(1)->value, 100.0);
    // The accuracy axis reaches below the lowest value drawn.
    EXPECT_LE(plot.yAxis2->range().lower, 45.0);
}

TEST(TrainingPlot, LegendWrapsInsteadOfCuttingNames)
{
    TrainingPlot plot;
    const int entries = plot.legend->itemCount();
    ASSERT_EQ(entries, 5);
    plot.resize(1600, 400);
    plot.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&plot));
    EXPECT_EQ(plot.legend->columnCount(), entries) << "one row when it fits";
    EXPECT_EQ(plot.legend->rowCount(), 1);
    plot.resize(360, 400);
    QCoreApplication::processEvents();
    EXPECT_LT(plot.legend->columnCount(), entries);
    EXPECT_GT(plot.legend->rowCount(), 1);
    // Every entry gets at least its own width: nothing is cut off.
    plot.replot();
    int widest = 0;
    int shown = 0;
    for (int i = 0; i < plot.legend->itemCount(); ++i) // cells, some empty after wrapping
        if (const QCPAbstractLegendItem *entry = plot.legend->item(i)) {
            widest = std::max(widest, entry->minimumOuterSizeHint().width());
            ++shown;
        }
    EXPECT_EQ(shown, entries);
    EXPECT_LE(plot.legend->columnCount() * widest, plot.width() + widest)
        << "columns are as wide as their own widest entry, so a narrow one may share the width";
    plot.resize(520, 400);
    QCoreApplication::processEvents();
    plot.replot();
    EXPECT_GE(plot.legend->columnCount(), 2) << "two columns fit in 520 px";
}
