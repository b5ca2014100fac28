// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/widgets/StructureView.h"
#include "sparsescope/widgets/FilterGrid.h"

#include <gtest/gtest.h>

#include <QImage>

using namespace sparsescope;

namespace {
core::LayerStructure layer(const std::string &name, std::int64_t rows, std::int64_t zeroRows)
{
    core::LayerStructure l;
    l.name = name;
    l.kind = "conv";
    l.rows = rows;
    l.zeroRows = zeroRows;
    l.channels = 16;
    l.zeroChannels = zeroRows == rows ? 16 : 2;
    l.columns = 144;
    l.zeroColumns = zeroRows == rows ? 144 : 40;
    l.parameters = rows * 144;
    return l;
}

/// Number of pixels of `image` that differ from its top-left pixel (the background).
int paintedPixels(const QImage &image)
{
    const QRgb background = image.pixel(0, 0);
    int count = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            count += image.pixel(x, y) != background;
    return count;
}
} // namespace

TEST(StructureView, ShowsLayersAndStrikesOutResidualBlocksWhoseBranchIsZero)
{
    widgets::StructureView view;
    view.resize(600, 320);
    const QImage empty = view.grab().toImage();
    EXPECT_GT(paintedPixels(empty), 0); // the empty-state text

    view.setStructure({layer("conv1", 16, 0), layer("layer1.0.conv1", 16, 3),
                       layer("layer1.0.conv2", 16, 0), layer("layer1.1.conv1", 16, 16),
                       layer("layer1.1.conv2", 16, 16), layer("layer1.2.conv1", 16, 16),
                       layer("layer1.2.conv2", 16, 4)});
    EXPECT_EQ(view.blocks(), (QStringList {"layer1.0", "layer1.1", "layer1.2"}));
    EXPECT_EQ(view.removedBlocks(), QStringList {"layer1.1"});
    const QImage drawn = view.grab().toImage();
    EXPECT_GT(paintedPixels(drawn), paintedPixels(empty) * 3);
    EXPECT_GT(view.sizeHint().height(), 7 * 20);

    // A later snapshot replaces the earlier one.
    view.setStructure({layer("conv1", 20, 5)});
    EXPECT_TRUE(view.blocks().isEmpty());
    view.clear();
    EXPECT_TRUE(view.structure().empty());
}

TEST(FilterGrid, FadesFiltersByNormAndCollapsesZeroFilters)
{
    widgets::FilterGrid grid;
    grid.resize(300, 240);
    const QImage empty = grid.grab().toImage();

    core::FilterImages f;
    f.layer = "conv1";
    f.count = 4;
    f.height = 5;
    f.width = 5;
    f.pixels.assign(4 * 25, 0.0f);
    for (int i = 0; i < 4 * 25; i += 2)
        f.pixels[std::size_t(i)] = 1.0f;
    f.norms = {2.0f, 0.5f, 0.0f, 2.0f};
    grid.setFilters(f);
    EXPECT_EQ(grid.zeroFilterCount(), 1);
    EXPECT_DOUBLE_EQ(grid.opacity(0), 1.0);
    EXPECT_GT(grid.opacity(1), 0.0);
    EXPECT_LT(grid.opacity(1), grid.opacity(0));
    EXPECT_DOUBLE_EQ(grid.opacity(2), 0.0);
    EXPECT_DOUBLE_EQ(grid.opacity(7), 0.0);
    const QImage drawn = grid.grab().toImage();
    EXPECT_NE(drawn, empty);
    EXPECT_GT(paintedPixels(drawn), 1000);

    // Malformed input (too few pixels) falls back to the empty state instead of reading past.
    f.pixels.resize(10);
    grid.setFilters(f);
    EXPECT_EQ(grid.grab().toImage(), empty);
}
