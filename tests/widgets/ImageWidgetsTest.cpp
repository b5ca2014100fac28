// SPDX-License-Identifier: GPL-3.0-or-later
// The level slider of the degradations panel and the image tile (fit or actual pixels).
#include "sparsescope/widgets/ImageView.h"
#include "sparsescope/widgets/LevelSlider.h"

#include <gtest/gtest.h>

#include <QSignalSpy>
#include <QTest>

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

TEST(ImageView, FitsOrShowsActualPixelsAndSwitchesOnDoubleClickWhenAllowed)
{
    widgets::ImageView view;
    QImage image(50, 40, QImage::Format_Grayscale8);
    image.fill(30);
    view.setImage(image);
    view.setCaption(QStringLiteral("original"));
    view.resize(300, 300);
    view.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&view));
    // Fit: enlarged to the view's width, aspect kept.
    EXPECT_EQ(view.imageRect().width(), 296);
    EXPECT_EQ(view.imageRect().height(), 296 * 40 / 50);
    EXPECT_EQ(view.minimumSizeHint(), QSize(60, 70));

    // Not switchable (grid tiles): a double-click changes nothing.
    QSignalSpy spy(&view, &widgets::ImageView::zoomChanged);
    QTest::mouseDClick(&view, Qt::LeftButton);
    EXPECT_EQ(view.zoom(), widgets::ImageView::Zoom::Fit);
    EXPECT_EQ(spy.count(), 0);

    view.setZoomSwitchable(true);
    QTest::mouseDClick(&view, Qt::LeftButton);
    EXPECT_EQ(view.zoom(), widgets::ImageView::Zoom::ActualPixels);
    ASSERT_EQ(spy.count(), 1);
    EXPECT_EQ(view.imageRect().size(), QSize(50, 40)) << "one image pixel per screen pixel";
    const int caption = view.fontMetrics().height() + 4;
    EXPECT_EQ(view.minimumSizeHint(), QSize(54, 44 + caption)) << "asks the layout for room";
    EXPECT_EQ(view.caption(), QStringLiteral("original")) << "the 1:1 mark is only drawn";
    // A large image asks for at most 512 x 512 and shows its middle.
    view.setImage(QImage(2000, 1000, QImage::Format_Grayscale8));
    EXPECT_EQ(view.minimumSizeHint(), QSize(516, 516 + caption));
    EXPECT_EQ(view.imageRect().center(), QRect(2, 2, 296, 296 - caption).center());

    QTest::mouseDClick(&view, Qt::LeftButton);
    EXPECT_EQ(view.zoom(), widgets::ImageView::Zoom::Fit);
    EXPECT_EQ(spy.count(), 2);
    view.setZoom(widgets::ImageView::Zoom::Fit);
    EXPECT_EQ(spy.count(), 2) << "no signal without a change";
}
