// SPDX-License-Identifier: GPL-3.0-or-later
// The degradations panel: the rendered image equals the core's result for the chosen type,
// level and seed (also after a burst of slider moves), the grid of all types, saving and
// exporting, and bad input.
#include "panels/DegradationPanel.h"
#include "MainWindow.h"
#include "workers/DegradationWorker.h"

#include "Fixtures.h"

#include "sparsescope/core/degradations/DegradationRegistry.h"
#include "sparsescope/core/degradations/ImageFile.h"
#include "sparsescope/widgets/ImageView.h"
#include "sparsescope/widgets/LevelSlider.h"

#include <gtest/gtest.h>

#include <QDropEvent>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QMimeData>
#include <QSignalSpy>
#include <QTest>
#include <QUrl>

#include <filesystem>
#include <memory>

using namespace sparsescope;

namespace {
/// A 40 × 32 colour gradient with a bright square (a real file the panel reads).
QString writeColourImage(const test::TempDir &dir, const char *name, bool grey = false)
{
    QImage image(40, 32, grey ? QImage::Format_Grayscale8 : QImage::Format_RGB888);
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            const bool square = x > 10 && x < 20 && y > 8 && y < 18;
            image.setPixelColor(x, y,
                                square ? QColor(250, 240, 30) : QColor(x * 6, y * 7, 255 - x * 5));
        }
    const QString path = QString::fromStdString(dir.file(name));
    EXPECT_TRUE(image.save(path));
    return path;
}

QImage expected(const QString &path, const std::string &type, double level, std::uint32_t seed)
{
    core::DegradationSettings settings;
    settings.level = level;
    settings.seed = seed;
    return app::DegradationWorker::toQImage(core::DegradationRegistry::apply(
        type, core::ImageFile::read(path.toStdString()), settings));
}

class DegradationPanelTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        m_window = std::make_unique<app::MainWindow>();
        m_window->show();
        m_window->showPanel(QStringLiteral("degradations"));
        ASSERT_TRUE(QTest::qWaitForWindowExposed(m_window.get()));
        panel()->setErrorReporter(
            [this](const QString &, const QString &message) { m_errors << message; });
        panel()->setGridVisible(false);
        view("originalView")->setZoom(widgets::ImageView::Zoom::Fit); // a remembered 1:1
    }
    widgets::ImageView *view(const char *name) const
    {
        return panel()->findChild<widgets::ImageView *>(QString::fromLatin1(name));
    }
    void TearDown() override { m_window.reset(); }
    app::DegradationPanel *panel() const { return m_window->degradationPanel(); }

    test::TempDir m_dir;
    std::unique_ptr<app::MainWindow> m_window;
    QStringList m_errors;
};
} // namespace

TEST_F(DegradationPanelTest, RendersWhatTheCoreComputesAfterABurstOfSliderMoves)
{
    const QString path = writeColourImage(m_dir, "colour.png");
    panel()->setType(QStringLiteral("uniform-noise"));
    ASSERT_TRUE(panel()->openImage(path));
    panel()->setSeed(7);
    // A dragged slider: many positions in a row; the view must end at the last one.
    auto *slider = panel()->findChild<widgets::LevelSlider *>(QStringLiteral("levelSlider"));
    ASSERT_NE(slider, nullptr);
    for (int position = 0; position <= 1000; position += 50)
        slider->setValue(position);
    const double last = panel()->level();
    EXPECT_NEAR(last, 0.9, 1e-9) << "the slider spans the paper's levels 0 … 0.9";
    QSignalSpy rendered(panel(), &app::DegradationPanel::rendered);
    const QImage want = expected(path, "uniform-noise", last, 7);
    ASSERT_TRUE(QTest::qWaitFor([&] { return panel()->degradedImage() == want; }, 10000))
        << "the final image is the core's uniform-noise at w = 0.9, seed 7";
    EXPECT_GE(rendered.count(), 1);
    EXPECT_TRUE(m_errors.isEmpty());

    panel()->setType(QStringLiteral("contrast"));
    panel()->setLevel(0.1);
    const QImage contrast = expected(path, "contrast", 0.1, 0);
    ASSERT_TRUE(QTest::qWaitFor([&] { return panel()->degradedImage() == contrast; }, 10000));
    EXPECT_EQ(contrast.format(), QImage::Format_Grayscale8) << "contrast gives a grey image";
}

TEST_F(DegradationPanelTest, GridShowsEveryTypeAndExplainsColourOnlyOnGreyInput)
{
    const QString grey = writeColourImage(m_dir, "grey.png", true);
    QSignalSpy grid(panel(), &app::DegradationPanel::gridRendered);
    panel()->setType(QStringLiteral("low-pass"));
    panel()->setGridVisible(true);
    ASSERT_TRUE(panel()->openImage(grey));
    ASSERT_TRUE(grid.wait(60000)) << "13 tiles, the three Eidolons included";
    const QStringList captions = panel()->gridCaptions();
    ASSERT_EQ(captions.size(), int(core::DegradationRegistry::entries().size()));
    EXPECT_TRUE(captions.contains(QStringLiteral("opponent-colour")))
        << "the colour-only type names itself and shows why it is empty";
    for (const QString &caption : captions)
        if (caption != QStringLiteral("opponent-colour")) {
            EXPECT_TRUE(caption.contains(QStringLiteral(" · "))) << caption.toStdString();
        }
    EXPECT_TRUE(m_errors.isEmpty()) << "a failing tile is no error dialog";

    QSignalSpy exported(panel(), &app::DegradationPanel::gridRendered);
    for (const char *name : {"grid.png", "grid.pdf", "grid.svg"}) {
        const QString out = QString::fromStdString(m_dir.file(name));
        ASSERT_TRUE(panel()->exportGrid(out)) << name;
        EXPECT_GT(QFileInfo(out).size(), 500) << name;
    }
    EXPECT_FALSE(QImage(QString::fromStdString(m_dir.file("grid.png"))).isNull());
    QFile pdf(QString::fromStdString(m_dir.file("grid.pdf")));
    ASSERT_TRUE(pdf.open(QIODevice::ReadOnly));
    EXPECT_TRUE(pdf.read(5).startsWith("%PDF"));
}

TEST_F(DegradationPanelTest, SavesTheReferencesEightBitPngAndFloatTiff)
{
    const QString path = writeColourImage(m_dir, "colour.png");
    ASSERT_TRUE(panel()->openImage(path));
    panel()->setType(QStringLiteral("low-pass"));
    panel()->setLevel(3.0);
    const std::string png = m_dir.file("out.png");
    const std::string tiff = m_dir.file("out.tiff");
    ASSERT_TRUE(panel()->saveDegraded(QString::fromStdString(png)));
    ASSERT_TRUE(panel()->saveDegraded(QString::fromStdString(tiff)));
    core::DegradationSettings settings;
    settings.level = 3.0;
    const core::FloatImage want = core::DegradationRegistry::apply(
        "low-pass", core::ImageFile::read(path.toStdString()), settings);
    const core::FloatImage floats = core::ImageFile::readFloat(tiff);
    ASSERT_EQ(floats.values.size(), want.values.size());
    for (std::size_t i = 0; i < want.values.size(); ++i)
        ASSERT_NEAR(floats.values[i], want.values[i], 1e-7) << i;
    EXPECT_EQ(core::ImageFile::toBytes(core::ImageFile::read(png)), core::ImageFile::toBytes(want));
}

TEST_F(DegradationPanelTest, BadInputNamesTheFileAndDropsOpenImages)
{
    EXPECT_FALSE(panel()->openImage(QStringLiteral("/no/such/picture.png")));
    ASSERT_EQ(m_errors.size(), 1);
    EXPECT_TRUE(m_errors.first().contains(QStringLiteral("/no/such/picture.png")));
    test::writeBytes(m_dir.file("broken.png"), "not a png at all");
    EXPECT_FALSE(panel()->openImage(QString::fromStdString(m_dir.file("broken.png"))));
    ASSERT_EQ(m_errors.size(), 2);
    EXPECT_TRUE(m_errors.last().contains(QStringLiteral("broken.png")));
    EXPECT_FALSE(panel()->hasImage());

    const QString path = writeColourImage(m_dir, "dropped.png");
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(path)});
    QDragEnterEvent enter(QPoint(5, 5), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(panel(), &enter);
    EXPECT_TRUE(enter.isAccepted());
    QDropEvent drop(QPointF(5, 5), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(panel(), &drop);
    EXPECT_TRUE(panel()->hasImage());
    EXPECT_EQ(m_errors.size(), 2);
}

TEST_F(DegradationPanelTest, PairShowsActualPixelsTogetherAndRemembersIt)
{
    const QString path = writeColourImage(m_dir, "colour.png");
    panel()->setType(QStringLiteral("contrast"));
    ASSERT_TRUE(panel()->openImage(path));
    ASSERT_TRUE(QTest::qWaitFor([&] { return !view("degradedView")->image().isNull(); }, 10000));
    widgets::ImageView *original = view("originalView");
    widgets::ImageView *degraded = view("degradedView");
    ASSERT_TRUE(original && degraded && view("spectrumView"));
    EXPECT_NE(original->imageRect().size(), QSize(40, 32)) << "fitted to the view at first";

    QTest::mouseDClick(degraded, Qt::LeftButton, {}, degraded->rect().center());
    for (const char *name : {"originalView", "degradedView", "spectrumView"})
        EXPECT_EQ(view(name)->zoom(), widgets::ImageView::Zoom::ActualPixels) << name;
    EXPECT_EQ(original->imageRect().size(), QSize(40, 32));
    EXPECT_EQ(degraded->imageRect().size(), QSize(40, 32));

    // A new window (the next start) shows the pair at actual pixels again.
    m_window.reset();
    auto window = std::make_unique<app::MainWindow>();
    auto *again = window->degradationPanel()->findChild<widgets::ImageView *>(
        QStringLiteral("degradedView"));
    ASSERT_NE(again, nullptr);
    EXPECT_EQ(again->zoom(), widgets::ImageView::Zoom::ActualPixels);
    again->setZoom(widgets::ImageView::Zoom::Fit);
}

TEST_F(DegradationPanelTest, DatasetSamplesLoadOffTheGuiThreadAndBadOnesAreReported)
{
    const test::SyntheticIdxData data(40, 20);
    const QString spec = QString::fromStdString(data.test);
    QSignalSpy shown(panel(), &app::DegradationPanel::sampleShown);
    QSignalSpy failed(panel(), &app::DegradationPanel::sampleFailed);
    // Returns at once; the sample arrives with a signal, the dataset read on a worker thread.
    ASSERT_TRUE(panel()->openDatasetSample(spec, 3));
    ASSERT_TRUE(shown.wait(10000));
    EXPECT_TRUE(panel()->hasImage());
    EXPECT_TRUE(view("originalView")->caption().contains(QStringLiteral("#3")))
        << view("originalView")->caption().toStdString();

    // The next sample of the same dataset comes from the kept dataset.
    ASSERT_TRUE(panel()->openDatasetSample(spec, 4));
    ASSERT_TRUE(shown.wait(10000));
    EXPECT_TRUE(view("originalView")->caption().contains(QStringLiteral("#4")));

    // A sample that does not exist and a dataset that does not: an error naming it.
    ASSERT_TRUE(panel()->openDatasetSample(spec, 999));
    ASSERT_TRUE(failed.wait(10000));
    EXPECT_TRUE(failed.last().at(0).toString().contains(QStringLiteral("999")));
    ASSERT_TRUE(panel()->openDatasetSample(QStringLiteral("idx:/no/such/images,/no/labels,10"), 0));
    ASSERT_TRUE(failed.wait(10000));
    ASSERT_EQ(m_errors.size(), 2);
    EXPECT_TRUE(m_errors.last().contains(QStringLiteral("/no/such/images")))
        << m_errors.last().toStdString();
    EXPECT_EQ(shown.count(), 2);
}

// First run (issue 22): the panel shows the embedded default, fashion-mnist:test #0, as soon as
// it is first shown, without a press of Show; without the dataset it says so in the view and
// opens no dialog.
TEST(DegradationPanelFirstShow, ShowsTheEmbeddedDefaultAtOnce)
{
    app::MainWindow window;
    auto *panel = window.degradationPanel();
    QStringList errors;
    panel->setErrorReporter([&](const QString &, const QString &m) { errors << m; });
    QSignalSpy shown(panel, &app::DegradationPanel::sampleShown);
    QSignalSpy failed(panel, &app::DegradationPanel::sampleFailed);
    window.show();
    window.showPanel(QStringLiteral("degradations"));
    ASSERT_TRUE(QTest::qWaitFor([&] { return shown.count() + failed.count() > 0; }, 30000));
    const bool installed
        = std::filesystem::exists("/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz");
    if (installed) {
        ASSERT_EQ(shown.count(), 1);
        EXPECT_TRUE(panel->hasImage());
        auto *original = panel->findChild<widgets::ImageView *>(QStringLiteral("originalView"));
        EXPECT_TRUE(original->caption().startsWith(QStringLiteral("fashion-mnist:test #0")))
            << original->caption().toStdString();
    } else {
        EXPECT_EQ(failed.count(), 1);
    }
    EXPECT_TRUE(errors.isEmpty()) << errors.join('\n').toStdString();
}

// A choice made while the default sample loads wins over it.
TEST(DegradationPanelFirstShow, AnImageOpenedMeanwhileIsNotReplaced)
{
    test::TempDir dir;
    const std::string path = dir.file("own.png");
    QImage own(20, 10, QImage::Format_Grayscale8);
    own.fill(128);
    ASSERT_TRUE(own.save(QString::fromStdString(path)));
    app::MainWindow window;
    auto *panel = window.degradationPanel();
    window.show();
    window.showPanel(QStringLiteral("degradations"));
    ASSERT_TRUE(panel->openImage(QString::fromStdString(path)));
    QTest::qWait(1500); // the default sample arrives (or fails) meanwhile
    auto *original = panel->findChild<widgets::ImageView *>(QStringLiteral("originalView"));
    EXPECT_EQ(original->caption(), QStringLiteral("original · 20 × 10"));
}
