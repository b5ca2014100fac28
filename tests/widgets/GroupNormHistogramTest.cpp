// SPDX-License-Identifier: GPL-3.0-or-later
// The group-norm histogram of the training panel, fed with hand-made LayerStructure values:
// exact zeros counted apart, log bins, layer and group switching, exports.
#include "sparsescope/widgets/GroupNormHistogram.h"

#include <gtest/gtest.h>

#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QSignalSpy>
#include <QTemporaryDir>

#include <cmath>
#include <numeric>

using namespace sparsescope;
using Group = widgets::GroupNormHistogram::Group;

namespace {
std::vector<core::LayerStructure> twoLayers()
{
    core::LayerStructure conv;
    conv.name = "conv1";
    conv.kind = "conv";
    conv.rowNorms = {0.0f, 0.0f, 1.5e-3f, 1.7e-3f, 0.5f, 2.0f};
    conv.channelNorms = {0.0f, 0.25f};
    conv.columnNorms = {0.0f, 0.0f, 0.0f, 1e-2f};
    core::LayerStructure fc;
    fc.name = "fc1";
    fc.kind = "linear";
    fc.rowNorms = {1.0f, 1.0f, 1.0f};
    fc.channelNorms = {0.0f};
    fc.columnNorms = fc.channelNorms;
    return {conv, fc};
}

double total(const QVector<double> &counts)
{
    return std::accumulate(counts.cbegin(), counts.cend(), 0.0);
}
} // namespace

TEST(GroupNormHistogram, CountsExactZerosApartAndBinsTheRestByDecade)
{
    widgets::GroupNormHistogram plot;
    QSignalSpy layers(&plot, &widgets::GroupNormHistogram::layersChanged);
    EXPECT_TRUE(plot.norms().empty());
    plot.setStructure(twoLayers());
    ASSERT_EQ(layers.size(), 1);
    EXPECT_EQ(layers.first().first().toStringList(),
              (QStringList {QStringLiteral("conv1"), QStringLiteral("fc1")}));
    EXPECT_EQ(plot.currentLayer(), QStringLiteral("conv1")) << "the first layer by default";
    EXPECT_EQ(plot.group(), Group::Filters);
    EXPECT_EQ(plot.zeroCount(), 2);
    EXPECT_EQ(total(plot.binCounts()), 4.0) << "the four nonzero filters";
    ASSERT_EQ(plot.binEdges().size(), plot.binCounts().size());
    // 8 bins per decade from 10^(floor(8·log10 1.5e-3)/8) to 10^(ceil(8·log10 2)/8).
    EXPECT_NEAR(std::log10(plot.binEdges().first()), -23.0 / 8.0, 1e-9);
    EXPECT_EQ(plot.binCounts().size(), 23 + 3);
    // 1.5e-3 and 1.7e-3 share the first bin (10^-2.875 … 10^-2.75), 0.5 and 2 are apart.
    EXPECT_EQ(plot.binCounts().first(), 2.0);
    EXPECT_EQ(plot.binCounts().last(), 1.0);

    plot.setGroup(Group::Columns);
    EXPECT_EQ(plot.zeroCount(), 3);
    EXPECT_EQ(total(plot.binCounts()), 1.0);
    plot.setGroup(Group::Channels);
    EXPECT_EQ(plot.zeroCount(), 1);
    plot.setLayer(QStringLiteral("fc1"));
    EXPECT_EQ(plot.zeroCount(), 1) << "fc1's single input is zero";
    EXPECT_EQ(total(plot.binCounts()), 0.0);
    plot.setGroup(Group::Filters);
    EXPECT_EQ(plot.zeroCount(), 0);
    EXPECT_EQ(total(plot.binCounts()), 3.0) << "equal norms still get a bin";
    plot.setLayer(QStringLiteral("no-such-layer"));
    EXPECT_EQ(plot.currentLayer(), QStringLiteral("fc1"));

    // A new snapshot of the same model keeps the layer and does not re-announce the layers.
    auto next = twoLayers();
    next[1].rowNorms = {0.0f, 0.0f, 0.0f};
    plot.setStructure(next);
    EXPECT_EQ(layers.size(), 1);
    EXPECT_EQ(plot.currentLayer(), QStringLiteral("fc1"));
    EXPECT_EQ(plot.zeroCount(), 3) << "every filter gone";
    EXPECT_EQ(total(plot.binCounts()), 0.0);

    plot.clear();
    EXPECT_TRUE(plot.norms().empty());
    EXPECT_TRUE(plot.currentLayer().isEmpty());
    EXPECT_EQ(layers.size(), 2);
}

TEST(GroupNormHistogram, ExportsFiguresAndTheNorms)
{
    QTemporaryDir dir;
    widgets::GroupNormHistogram plot;
    plot.resize(600, 400);
    plot.setStructure(twoLayers());
    for (const char *name : {"n.png", "n.pdf", "n.svg"}) {
        const QString path = dir.filePath(QString::fromLatin1(name));
        ASSERT_TRUE(plot.exportFigure(path)) << name;
        EXPECT_GT(QFileInfo(path).size(), 500) << name;
    }
    EXPECT_FALSE(QImage(dir.filePath(QStringLiteral("n.png"))).isNull());
    QFile svg(dir.filePath(QStringLiteral("n.svg")));
    ASSERT_TRUE(svg.open(QIODevice::ReadOnly));
    EXPECT_TRUE(svg.readAll().contains("<svg"));
    ASSERT_TRUE(plot.exportCsv(dir.filePath(QStringLiteral("n.csv"))));
    QFile csv(dir.filePath(QStringLiteral("n.csv")));
    ASSERT_TRUE(csv.open(QIODevice::ReadOnly));
    const QStringList lines
        = QString::fromUtf8(csv.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    ASSERT_EQ(lines.size(), 7);
    EXPECT_EQ(lines[0], QStringLiteral("layer,group,index,norm"));
    EXPECT_EQ(lines[1], QStringLiteral("conv1,filter,0,0"));
    EXPECT_EQ(lines[6], QStringLiteral("conv1,filter,5,2"));
    EXPECT_FALSE(plot.exportCsv(QStringLiteral("/no/such/dir/n.csv")));
}
