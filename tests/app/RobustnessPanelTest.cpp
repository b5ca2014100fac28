// SPDX-License-Identifier: GPL-3.0-or-later
// The robustness panel on a real (tiny) trained model: curves through the Run button, the live
// example following the ε slider, a sweep summary, stop, and bad input.
#include "panels/RobustnessPanel.h"
#include "MainWindow.h"
#include "workers/AttackWorker.h"

#include "Fixtures.h"

#include "sparsescope/core/data/Dataset.h"
#include "sparsescope/core/models/Model.h"
#include "sparsescope/core/robustness/RobustnessSweep.h"
#include "sparsescope/core/training/Trainer.h"
#include "sparsescope/widgets/AdversarialView.h"
#include "sparsescope/widgets/SeriesPlot.h"

#include <gtest/gtest.h>

#include <QComboBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QTest>

#include <filesystem>
#include <memory>

using namespace sparsescope;

namespace {
class RobustnessPanelTest : public ::testing::Test
{
protected:
    static void SetUpTestSuite()
    {
        s_data = new test::SyntheticIdxData(300, 80, 4);
        core::TrainConfig config;
        config.model = "lenet-300-100";
        config.data = s_data->train;
        config.testData = "";
        config.epochs = 1;
        config.batchSize = 32;
        config.learningRate = 0.05;
        core::Trainer trainer;
        core::TrainingObserver observer;
        ASSERT_TRUE(trainer.run(config, s_data->dir.file("run"), observer, {}).ok());
    }
    static void TearDownTestSuite()
    {
        delete s_data;
        s_data = nullptr;
    }
    void SetUp() override
    {
        m_window = std::make_unique<app::MainWindow>();
        m_window->show();
        m_window->showPanel(QStringLiteral("robustness"));
        ASSERT_TRUE(QTest::qWaitForWindowExposed(m_window.get()));
        panel()->setErrorReporter(
            [this](const QString &, const QString &message) { m_errors << message; });
        panel()->setData(QString::fromStdString(s_data->test));
        panel()->setModels({QString::fromStdString(s_data->dir.file("run"))});
        panel()->setLimit(60);
        // The panel remembers its form between sessions; a test that left a bad ε list (or
        // another attack) must not decide the next one (ctest --repeat, -j).
        panel()->setAttack(QStringLiteral("fgsm"));
        panel()->setEpsilons(QStringLiteral("0, 0.02, 0.05, 0.1, 0.15, 0.2"));
    }
    void TearDown() override { m_window.reset(); }
    app::RobustnessPanel *panel() const { return m_window->robustnessPanel(); }
    QPushButton *button(const char *name) const
    {
        return panel()->findChild<QPushButton *>(QString::fromLatin1(name));
    }

    static test::SyntheticIdxData *s_data;
    std::unique_ptr<app::MainWindow> m_window;
    QStringList m_errors;
};
test::SyntheticIdxData *RobustnessPanelTest::s_data = nullptr;
} // namespace

TEST_F(RobustnessPanelTest, RunButtonDrawsOneFallingCurvePerModel)
{
    panel()->setModels({QString::fromStdString(s_data->dir.file("run")),
                        QString::fromStdString(s_data->dir.file("run/model.pt"))});
    panel()->setAttack(QStringLiteral("fgsm"));
    panel()->setEpsilons(QStringLiteral("0, 0.1, 0.3"));
    QSignalSpy finished(panel(), &app::RobustnessPanel::curvesFinished);
    QTest::mouseClick(button("runButton"), Qt::LeftButton);
    EXPECT_FALSE(button("runButton")->isEnabled());
    EXPECT_TRUE(button("stopButton")->isEnabled());
    ASSERT_TRUE(finished.wait(60000)) << m_errors.join(QLatin1Char('\n')).toStdString();
    EXPECT_FALSE(finished.front().front().toBool());
    EXPECT_TRUE(m_errors.isEmpty()) << m_errors.join(QLatin1Char('\n')).toStdString();
    ASSERT_EQ(panel()->curvePlot()->seriesCount(), 2);
    const auto accuracy = panel()->curvePlot()->seriesY(panel()->curvePlot()->seriesNames()[0]);
    ASSERT_EQ(accuracy.size(), 3);
    EXPECT_LT(accuracy[2], accuracy[0]);
    EXPECT_TRUE(button("runButton")->isEnabled());
}

TEST_F(RobustnessPanelTest, LiveExampleFollowsTheEpsilonSlider)
{
    panel()->setAttack(QStringLiteral("fgsm"));
    QSignalSpy shown(panel(), &app::RobustnessPanel::exampleShown);
    auto *slider = panel()->findChild<QSlider *>(QStringLiteral("epsilonSlider"));
    ASSERT_NE(slider, nullptr);
    slider->setValue(0);
    ASSERT_TRUE(shown.wait(20000)) << m_errors.join(QLatin1Char('\n')).toStdString();
    while (shown.wait(300)) { } // requests made while setting up may still arrive
    EXPECT_TRUE(panel()->exampleView()->hasExample());
    EXPECT_TRUE(panel()->exampleView()->captions()[1].contains(QStringLiteral("no perturbation")));
    shown.clear();
    slider->setValue(40); // ε = 0.2
    ASSERT_TRUE(shown.wait(20000));
    EXPECT_TRUE(panel()->exampleView()->captions()[1].contains(QStringLiteral("0.200")))
        << panel()->exampleView()->captions()[1].toStdString();
}

TEST_F(RobustnessPanelTest, OpensASweepSummaryAndRefusesAMalformedOne)
{
    std::vector<core::SweepRow> rows;
    for (double sparsity : {0.0, 0.5, 0.9}) {
        core::SweepRow row;
        row.member = "m";
        row.series = "magnitude";
        row.sparsity = sparsity;
        row.cleanAccuracy = 0.9;
        row.summary.attack = "fgsm";
        row.summary.epsilon = 0.1;
        row.summary.count = 100;
        row.summary.adversarialCorrect = std::size_t(20 + 10 * sparsity);
        rows.push_back(row);
        row.summary.attack = "deepfool";
        row.summary.epsilon = std::nan("");
        row.summary.meanRho2 = 0.1 + sparsity / 10;
        rows.push_back(row);
    }
    const std::string path = s_data->dir.file("summary.csv");
    core::RobustnessSweep::writeCsv(rows, path);
    ASSERT_TRUE(panel()->openSweep(QString::fromStdString(path)));
    ASSERT_EQ(panel()->sparsityPlot()->seriesCount(), 1); // fgsm accuracy
    EXPECT_EQ(panel()->sparsityPlot()->seriesY(panel()->sparsityPlot()->seriesNames()[0]).size(),
              3);
    auto *metric = panel()->findChild<QComboBox *>(QStringLiteral("sweepMetric"));
    metric->setCurrentIndex(1); // mean ρ₂
    ASSERT_EQ(panel()->sparsityPlot()->seriesCount(), 1);
    EXPECT_NEAR(panel()->sparsityPlot()->seriesY(panel()->sparsityPlot()->seriesNames()[0])[2],
                0.19, 1e-6);
    // A second sweep (another folder) adds its series, prefixed with the folder names.
    std::filesystem::create_directories(s_data->dir.file("other"));
    core::RobustnessSweep::writeCsv(rows, s_data->dir.file("other/summary.csv"));
    ASSERT_TRUE(panel()->openSweep(QString::fromStdString(s_data->dir.file("other/summary.csv"))));
    EXPECT_EQ(panel()->sparsityPlot()->seriesCount(), 2);
    EXPECT_TRUE(panel()->sparsityPlot()->seriesNames()[1].startsWith(QStringLiteral("other: ")));
    panel()->clearSweeps();
    EXPECT_EQ(panel()->sparsityPlot()->seriesCount(), 0);
    test::writeBytes(s_data->dir.file("bad.csv"), "hello\n");
    EXPECT_FALSE(panel()->openSweep(QString::fromStdString(s_data->dir.file("bad.csv"))));
    ASSERT_EQ(m_errors.size(), 1);
    EXPECT_TRUE(m_errors[0].contains(QStringLiteral("bad.csv")));
}

TEST_F(RobustnessPanelTest, BadInputReportsAnErrorAndReenablesRun)
{
    panel()->setModels({QStringLiteral("/no/such/model.pt")});
    QSignalSpy failed(panel(), &app::RobustnessPanel::failed);
    EXPECT_TRUE(panel()->runCurves());
    ASSERT_TRUE(failed.wait(20000));
    ASSERT_FALSE(m_errors.isEmpty());
    EXPECT_TRUE(m_errors.last().contains(QStringLiteral("/no/such/model.pt")));
    EXPECT_TRUE(button("runButton")->isEnabled());
    panel()->setEpsilons(QStringLiteral("0.1, x"));
    EXPECT_FALSE(panel()->runCurves());
    EXPECT_TRUE(m_errors.last().contains(QStringLiteral("x")));
}

TEST_F(RobustnessPanelTest, StopEndsARunEarly)
{
    panel()->setAttack(QStringLiteral("pgd-linf"));
    panel()->setEpsilons(QStringLiteral("0.05, 0.1, 0.2, 0.3"));
    panel()->setLimit(80);
    QSignalSpy finished(panel(), &app::RobustnessPanel::curvesFinished);
    ASSERT_TRUE(panel()->runCurves());
    panel()->stop();
    ASSERT_TRUE(finished.wait(30000));
    EXPECT_TRUE(finished.front().front().toBool()) << "reported as cancelled";
    EXPECT_TRUE(button("runButton")->isEnabled());
}

TEST_F(RobustnessPanelTest, AttackWorkerReloadsAModelFileThatChangedOnDisk)
{
    namespace fs = std::filesystem;
    const std::string file = s_data->dir.file("changing.pt");
    core::Model::load(s_data->dir.file("run")).save(file);
    app::AttackWorker worker(QStringLiteral("test"));
    std::vector<std::vector<float>> seen;
    QObject::connect(&worker, &app::AttackWorker::exampleReady,
                     [&](const core::AdversarialExample &example, const QStringList &) {
                         seen.push_back(example.probabilitiesClean);
                     });
    app::ExampleRequest request;
    request.model = QString::fromStdString(file);
    request.data = QString::fromStdString(s_data->test);
    request.attack = QStringLiteral("fgsm");
    request.settings.epsilon = 0.1;
    auto ask = [&](std::size_t expected) {
        worker.requestExample(request);
        return QTest::qWaitFor([&] { return seen.size() == expected; }, 10000);
    };
    ASSERT_TRUE(ask(1));
    ASSERT_TRUE(ask(2));
    EXPECT_EQ(seen[0], seen[1]) << "the same file: the cached model";

    // Another (untrained) model written over the file: the next example uses it.
    const core::Dataset data = core::Dataset::fromSpec(s_data->test);
    core::ModelOptions options;
    options.numClasses = data.numClasses();
    options.inChannels = data.channels();
    options.height = data.height();
    options.width = data.width();
    core::Model::create("lenet-300-100", options).save(file);
    fs::last_write_time(file, fs::last_write_time(file) + std::chrono::seconds(5));
    ASSERT_TRUE(ask(3));
    EXPECT_NE(seen[1], seen[2]) << "the file changed on disk: loaded again";
}

// First run (issue 22): with no models chosen, the panel offers the newest run of the runs
// folder with one button, and loads nothing until it is pressed.
TEST(RobustnessPanelFirstShow, OffersTheNewestRunAndLoadsNothingUnasked)
{
    namespace fs = std::filesystem;
    test::TempDir dir;
    app::MainWindow window;
    auto *panel = window.robustnessPanel();
    panel->setModels({});
    panel->setRunsRoot(QString::fromStdString(dir.file("runs")));
    QSignalSpy example(panel, &app::RobustnessPanel::exampleShown);
    window.show();
    window.showPanel(QStringLiteral("robustness"));
    auto *offer = panel->findChild<QPushButton *>(QStringLiteral("offerRunButton"));
    ASSERT_NE(offer, nullptr);
    EXPECT_FALSE(offer->isVisible()) << "no runs yet: nothing to offer";

    fs::create_directories(dir.path() / "runs" / "20261207-101010");
    test::writeBytes(dir.file("runs/20261207-101010/run.json"), "{}");
    panel->setRunsRoot(QString::fromStdString(dir.file("runs")));
    ASSERT_TRUE(offer->isVisible());
    EXPECT_TRUE(offer->text().contains(QStringLiteral("20261207-101010")));
    EXPECT_TRUE(panel->models().isEmpty());
    QTest::qWait(800);
    EXPECT_EQ(example.count(), 0) << "an offered model is not loaded";
    offer->click();
    ASSERT_EQ(panel->models().size(), 1);
    EXPECT_TRUE(panel->models().first().endsWith(QStringLiteral("runs/20261207-101010")));
    EXPECT_FALSE(offer->isVisible());
}
