// SPDX-License-Identifier: GPL-3.0-or-later
// Export at a chosen size and resolution: the default size every export uses, the PNG's pixels
// and dpi metadata, the vector formats' size, and the dialog that sets it.
#include "sparsescope/widgets/FigureExport.h"
#include "sparsescope/widgets/FigureSizeDialog.h"
#include "sparsescope/widgets/SeriesPlot.h"

#include <gtest/gtest.h>

#include <QCheckBox>
#include <QFile>
#include <QImage>
#include <QSpinBox>
#include <QTemporaryDir>

#include <cmath>

using namespace sparsescope;

namespace {
/// Restores the process-wide default size when a test ends.
struct DefaultSizeGuard
{
    widgets::FigureSize saved = widgets::FigureExport::defaultSize();
    ~DefaultSizeGuard() { widgets::FigureExport::setDefaultSize(saved); }
};
} // namespace

TEST(FigureExport, UsesTheChosenSizeAndResolution)
{
    DefaultSizeGuard guard;
    QTemporaryDir dir;
    widgets::SeriesPlot plot;
    plot.resize(600, 400);
    plot.setSeries(QStringLiteral("a"), {0.0, 1.0, 2.0}, {1.0, 3.0, 2.0});
    // Default: the plot's size at 192 dpi (twice the screen's pixels).
    ASSERT_TRUE(plot.exportFigure(dir.filePath(QStringLiteral("screen.png"))));
    EXPECT_EQ(QImage(dir.filePath(QStringLiteral("screen.png"))).size(), QSize(1200, 800));

    widgets::FigureExport::setDefaultSize({800, 500, 300});
    ASSERT_TRUE(plot.exportFigure(dir.filePath(QStringLiteral("print.png"))));
    const QImage png(dir.filePath(QStringLiteral("print.png")));
    EXPECT_EQ(png.size(), QSize(2500, 1563)) << "800 × 500 pt at 300 dpi";
    EXPECT_NEAR(png.dotsPerMeterX() * 0.0254, 300.0, 0.5) << "dpi in the PNG's metadata";
    ASSERT_TRUE(plot.exportFigure(dir.filePath(QStringLiteral("print.svg"))));
    QFile svg(dir.filePath(QStringLiteral("print.svg")));
    ASSERT_TRUE(svg.open(QIODevice::ReadOnly));
    EXPECT_TRUE(svg.readAll().contains("viewBox=\"0 0 800 500\""));
    // An explicit size still wins over the default.
    ASSERT_TRUE(plot.exportFigure(dir.filePath(QStringLiteral("given.png")), 400, 300));
    EXPECT_EQ(QImage(dir.filePath(QStringLiteral("given.png"))).size(), QSize(1250, 938));
    // Out-of-range values are clamped rather than producing absurd files.
    widgets::FigureExport::setDefaultSize({-5, 100, 1});
    EXPECT_EQ(widgets::FigureExport::defaultSize(), (widgets::FigureSize {0, 100, 48}));
}

TEST(FigureSizeDialog, EditsTheSizeAndShowsThePixels)
{
    widgets::FigureSizeDialog dialog;
    EXPECT_EQ(dialog.size(), widgets::FigureSize {}) << "as on screen, 192 dpi";
    dialog.setSize({1000, 600, 144});
    EXPECT_EQ(dialog.size(), (widgets::FigureSize {1000, 600, 144}));
    auto *onScreen = dialog.findChild<QCheckBox *>();
    ASSERT_NE(onScreen, nullptr);
    EXPECT_FALSE(onScreen->isChecked());
    onScreen->setChecked(true);
    EXPECT_EQ(dialog.size(), (widgets::FigureSize {0, 0, 144}));
    const auto spins = dialog.findChildren<QSpinBox *>();
    ASSERT_EQ(spins.size(), 3);
    EXPECT_FALSE(spins[0]->isEnabled()) << "width is off while 'as on screen'";
}
