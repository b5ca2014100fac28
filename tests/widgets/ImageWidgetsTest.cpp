// SPDX-License-Identifier: GPL-3.0-or-later
// The level slider of the degradations panel and the image tile.
#include "sparsescope/widgets/ImageView.h"
#include "sparsescope/widgets/LevelSlider.h"

#include <gtest/gtest.h>

#include <QSignalSpy>

using namespace sparsescope;

TEST(LevelSlider, ContinuousLinearAndLogarithmicRangesAndDiscreteMarks)
{
    widgets::LevelSlider slider;
    slider.setRange(0.0, 0.9);
    slider.setMarks({0.0, 0.35, 0.9},
                    {QStringLiteral("0"), QStringLiteral("0.35"), QStringLiteral("0.9")});
    QSignalSpy changed(&slider, &widgets::LevelSlider::levelChanged);
    slider.setLevel(0.45);
    EXPECT_NEAR(slider.level(), 0.45, 0.001);
    EXPECT_EQ(changed.count(), 1);
    slider.setValue(slider.maximum());
    EXPECT_DOUBLE_EQ(slider.level(), 0.9);

    // Contrast: 0.01 … 1 on a log scale; the middle of the groove is 0.1.
    slider.setRange(0.01, 1.0, true);
    slider.setValue((slider.minimum() + slider.maximum()) / 2);
    EXPECT_NEAR(slider.level(), 0.1, 1e-9);
    EXPECT_NEAR(slider.fraction(0.1), 0.5, 1e-12);

    // Rotation: only the marks.
    slider.setMarks({0, 90, 180, 270}, {});
    slider.setDiscrete(true);
    EXPECT_EQ(slider.maximum(), 3);
    slider.setLevel(100.0);
    EXPECT_DOUBLE_EQ(slider.level(), 90.0) << "the nearest mark";
    slider.setValue(3);
    EXPECT_DOUBLE_EQ(slider.level(), 270.0);
}

TEST(ImageView, KeepsImageAndCaption)
{
    widgets::ImageView view;
    EXPECT_TRUE(view.image().isNull());
    QImage image(4, 3, QImage::Format_Grayscale8);
    image.fill(100);
    view.setImage(image);
    view.setCaption(QStringLiteral("contrast · 0.10"));
    view.resize(120, 140);
    const QImage shot = view.grab().toImage();
    EXPECT_FALSE(shot.isNull());
    EXPECT_EQ(view.image().size(), QSize(4, 3));
    EXPECT_EQ(view.caption(), QStringLiteral("contrast · 0.10"));
    view.clear();
    EXPECT_TRUE(view.image().isNull());
}
