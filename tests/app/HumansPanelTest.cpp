// SPDX-License-Identifier: GPL-3.0-or-later
// The humans-versus-DNNs panel on a toy experiment the test writes (values computed by hand in
// the comments), on the released 2018 trials when ../shared/reference/human-data is present,
// a train × test matrix file, exports and bad input.
#include "panels/HumansPanel.h"
#include "MainWindow.h"

#include "Fixtures.h"
#include "HumanDataRepo.h"

#include "sparsescope/widgets/HeatmapPlot.h"
#include "sparsescope/widgets/SeriesPlot.h"

#include <gtest/gtest.h>

#include <QFileInfo>
#include <QImage>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <filesystem>
#include <memory>

using namespace sparsescope;
namespace fs = std::filesystem;

namespace {
const char *kHeader = "subj,session,trial,rt,object_response,category,condition,imagename\n";

std::string humanFile(const std::string &subject, const char *responses0, const char *responses05)
{
    // Images: condition 0 shows n001_1 cat, n001_2 cat, n002_1 dog, n002_2 dog; condition 0.5
    // shows n003_1 cat, n003_2 cat, n004_1 dog, n004_2 dog. Responses: c = cat, d = dog.
    static const char *categories[] = {"cat", "cat", "dog", "dog"};
    static const char *images0[] = {"n001_1", "n001_2", "n002_1", "n002_2"};
    static const char *images05[] = {"n003_1", "n003_2", "n004_1", "n004_2"};
    std::string text = kHeader;
    int trial = 1;
    for (int pass = 0; pass < 2; ++pass)
        for (int i = 0; i < 4; ++i) {
            const char r = (pass == 0 ? responses0 : responses05)[i];
            text += subject + ",1," + std::to_string(trial) + ",0.5," + (r == 'c' ? "cat" : "dog")
                + ',' + categories[i] + ',' + (pass == 0 ? "0" : "0.5") + ",000"
                + std::to_string(trial) + "_toy_" + (pass == 0 ? images0[i] : images05[i])
                + ".png\n";
            ++trial;
        }
    return text;
}

/// subject-01: 0 → c c d d (1.0), 0.5 → c d d c (0.5, correct 1 0 1 0)
/// subject-02: 0 → c c d c (0.75), 0.5 → c d d d (0.75, correct 1 0 1 1)
/// net (DNN): 0 → c c d d (1.0), 0.5 → c c c c (0.5)
/// Human mean: 0 → 0.875 (range 0.75 … 1), 0.5 → 0.625 (0.5 … 0.75).
/// κ(subject-01, subject-02) at 0.5: c_obs = 3/4, p = 0.5 and 0.75, c_exp = 0.5 → κ = 0.5.
/// Human confusion at 0.5 (pooled): cat shown → cat 2, dog 2 (50 %, 50 %); dog shown → dog 3,
/// cat 1 (75 %, 25 %).
void writeToy(const fs::path &root)
{
    const fs::path humans = root / "humans" / "toy-experiment";
    const fs::path tf = root / "TF" / "toy-experiment";
    fs::create_directories(humans);
    fs::create_directories(tf);
    test::writeBytes((humans / "toy-experiment_subject-01_session_1.csv").string(),
                     humanFile("subject-01", "ccdd", "cddc"));
    test::writeBytes((humans / "toy-experiment_subject-02_session_1.csv").string(),
                     humanFile("subject-02", "ccdc", "cddd"));
    test::writeBytes((tf / "toy-experiment_net_session_1.csv").string(),
                     humanFile("net", "ccdd", "cccc"));
}

class HumansPanelTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        writeToy(m_dir.path());
        m_window = std::make_unique<app::MainWindow>();
        m_window->show();
        m_window->showPanel(QStringLiteral("humans"));
        ASSERT_TRUE(QTest::qWaitForWindowExposed(m_window.get()));
        panel()->setErrorReporter(
            [this](const QString &, const QString &message) { m_errors << message; });
        panel()->setDataDirectories(QString::fromStdString(m_dir.path().string()));
        panel()->setDnnColumn(QStringLiteral("object_response"));
    }
    void TearDown() override { m_window.reset(); }
    app::HumansPanel *panel() const { return m_window->humansPanel(); }
    bool loadAndWait()
    {
        QSignalSpy consistency(panel(), &app::HumansPanel::consistencyShown);
        panel()->load();
        return consistency.wait(30000);
    }

    test::TempDir m_dir;
    std::unique_ptr<app::MainWindow> m_window;
    QStringList m_errors;
};

double cell(const widgets::HeatmapPlot *plot, const QString &row, const QString &column)
{
    // The tooltip text carries the value; the matrix itself is private to the plot.
    for (int r = 0; r < plot->rows(); ++r)
        for (int c = 0; c < plot->columns(); ++c) {
            const QString text = plot->describeCell(r, c);
            if (text.startsWith(row + QStringLiteral(" · ") + column + QLatin1Char('\n')))
                return text.section(QStringLiteral(" = "), -1).toDouble();
        }
    return std::nan("");
}
} // namespace

TEST_F(HumansPanelTest, CurvesConfusionAndKappaMatchTheHandComputation)
{
    ASSERT_TRUE(loadAndWait()) << m_errors.join('\n').toStdString();
    EXPECT_TRUE(m_errors.isEmpty()) << m_errors.join('\n').toStdString();
    EXPECT_EQ(panel()->experiments(), QStringList {QStringLiteral("toy")});
    EXPECT_EQ(panel()->conditions(), (QStringList {QStringLiteral("0"), QStringLiteral("0.5")}));
    EXPECT_EQ(panel()->dnns(), QStringList {QStringLiteral("net")});

    const QVector<double> mean = panel()->accuracyPlot()->seriesY(QStringLiteral("humans (mean)"));
    ASSERT_EQ(mean.size(), 2);
    EXPECT_DOUBLE_EQ(mean[0], 0.875);
    EXPECT_DOUBLE_EQ(mean[1], 0.625);
    EXPECT_EQ(panel()->accuracyPlot()->seriesY(QStringLiteral("humans (range over subjects)")),
              (QVector<double> {0.75, 0.5}));
    EXPECT_EQ(panel()->accuracyPlot()->seriesY(QStringLiteral("humans (max)")),
              (QVector<double> {1.0, 0.75}));
    EXPECT_EQ(panel()->accuracyPlot()->seriesY(QStringLiteral("net")),
              (QVector<double> {1.0, 0.5}));
    // The net answers only "cat" at 0.5: its response entropy there is 0 bits.
    EXPECT_DOUBLE_EQ(panel()->entropyPlot()->seriesY(QStringLiteral("net"))[1], 0.0);

    panel()->setCondition(QStringLiteral("0.5"));
    const widgets::HeatmapPlot *humans = panel()->humanConfusionPlot();
    ASSERT_TRUE(humans->hasMatrix());
    EXPECT_DOUBLE_EQ(cell(humans, QStringLiteral("cat"), QStringLiteral("cat")), 50.0);
    EXPECT_DOUBLE_EQ(cell(humans, QStringLiteral("dog"), QStringLiteral("dog")), 75.0);
    EXPECT_DOUBLE_EQ(cell(humans, QStringLiteral("cat"), QStringLiteral("dog")), 25.0);
    EXPECT_DOUBLE_EQ(
        cell(panel()->dnnConfusionPlot(), QStringLiteral("cat"), QStringLiteral("dog")), 100.0);
    const widgets::HeatmapPlot *kappa = panel()->kappaPlot();
    ASSERT_TRUE(kappa->hasMatrix());
    EXPECT_NEAR(cell(kappa, QStringLiteral("subject-01"), QStringLiteral("subject-02")), 0.5, 1e-6);
    EXPECT_NEAR(cell(kappa, QStringLiteral("subject-02"), QStringLiteral("subject-01")), 0.5, 1e-6);
}

TEST_F(HumansPanelTest, MatrixFileExportAndBadInput)
{
    ASSERT_TRUE(loadAndWait());
    const std::string matrix = m_dir.file("matrix.csv");
    test::writeBytes(matrix,
                     "train,clean,uniform-noise,salt-and-pepper\n"
                     "clean,0.91,0.32,0.20\n"
                     "uniform-noise,0.88,0.84,0.41\n");
    ASSERT_TRUE(panel()->openMatrix(QString::fromStdString(matrix)));
    EXPECT_EQ(panel()->matrixPlot()->rows(), 2);
    EXPECT_EQ(panel()->matrixPlot()->columns(), 3);
    EXPECT_NEAR(cell(panel()->matrixPlot(), QStringLiteral("uniform-noise"),
                     QStringLiteral("uniform-noise")),
                0.84, 1e-6);

    QTemporaryDir out;
    ASSERT_TRUE(panel()->exportAll(out.path()));
    for (const char *stem :
         {"accuracy", "entropy", "confusion-humans", "confusion-dnn", "kappa", "train-test-matrix"})
        for (const char *suffix : {".png", ".pdf", ".svg", ".csv"})
            EXPECT_TRUE(QFileInfo(out.filePath(QString::fromLatin1(stem) + suffix)).size() > 20)
                << stem << suffix;
    EXPECT_FALSE(QImage(out.filePath(QStringLiteral("accuracy.png"))).isNull());
    EXPECT_GT(QFileInfo(out.filePath(QStringLiteral("summary.csv"))).size(), 50);
    EXPECT_GT(QFileInfo(out.filePath(QStringLiteral("consistency.csv"))).size(), 50);

    // A malformed matrix names the file and the line.
    test::writeBytes(m_dir.file("bad.csv"), "train,a,b\nclean,0.5\n");
    EXPECT_FALSE(panel()->openMatrix(QString::fromStdString(m_dir.file("bad.csv"))));
    ASSERT_EQ(m_errors.size(), 1);
    EXPECT_TRUE(m_errors.first().contains(QStringLiteral("bad.csv: line 2")))
        << m_errors.first().toStdString();
    m_errors.clear();
    // A folder without trials: an error naming it, not a crash.
    test::TempDir empty;
    panel()->setDataDirectories(QString::fromStdString(empty.path().string()));
    QSignalSpy failed(panel(), &app::HumansPanel::failed);
    panel()->load();
    ASSERT_TRUE(failed.wait(10000));
    ASSERT_EQ(m_errors.size(), 1);
    EXPECT_TRUE(m_errors.first().contains(QString::fromStdString(empty.path().string())))
        << m_errors.first().toStdString();
}

TEST_F(HumansPanelTest, ReleasedTrialsGiveThePapersNoiseCurve)
{
    const fs::path data = test::referenceDir() / "human-data" / "generalisation-humans-DNNs";
    SPARSESCOPE_REQUIRE_REFERENCE(data, "the released-trials check needs the 2018 data");
    panel()->setDataDirectories(QString::fromStdString(data.string()));
    panel()->setDnnColumn(QStringLiteral("object_response_sums"));
    ASSERT_TRUE(loadAndWait()) << m_errors.join('\n').toStdString();
    ASSERT_TRUE(panel()->experiments().contains(QStringLiteral("noise")));
    QSignalSpy consistency(panel(), &app::HumansPanel::consistencyShown);
    panel()->setExperiment(QStringLiteral("noise"));
    ASSERT_TRUE(consistency.wait(60000));
    // The released raw-accuracies/TF/noise_accuracies_sums_TF.csv: humans at uniform noise
    // 0.35 reach 0.45625.
    const QStringList conditions = panel()->conditions();
    const int index = int(conditions.indexOf(QStringLiteral("0.35")));
    ASSERT_GE(index, 0) << conditions.join(',').toStdString();
    const QVector<double> mean = panel()->accuracyPlot()->seriesY(QStringLiteral("humans (mean)"));
    ASSERT_GT(mean.size(), index);
    EXPECT_NEAR(mean[index], 0.45625, 1e-9);
    for (const char *dnn : {"resnet152", "vgg19", "googlenet"})
        EXPECT_TRUE(panel()->dnns().contains(QString::fromLatin1(dnn))) << dnn;
    EXPECT_TRUE(panel()->kappaPlot()->hasMatrix());
}

namespace {

/// SPARSESCOPE_DATA_DIR pointed at `folder` for one test, restored after.
class DataDirectory
{
public:
    explicit DataDirectory(const fs::path &folder)
        : m_saved(qgetenv("SPARSESCOPE_DATA_DIR"))
    {
        qputenv("SPARSESCOPE_DATA_DIR", QByteArray::fromStdString(folder.string()));
    }
    ~DataDirectory() { qputenv("SPARSESCOPE_DATA_DIR", m_saved); }

private:
    QByteArray m_saved;
};

} // namespace

// "Get the 2018 data…" (issue 22) from a local repository the test makes, never the network:
// the clone arrives, loads by itself with the CC BY 4.0 attribution shown, and a new window
// finds it in the data folder without being told.
TEST(HumansPanelFetch, GetsTheDataLoadsItAndTheNextWindowFindsIt)
{
    test::TempDir dir;
    const test::HumanDataRepo repo(dir.path() / "upstream");
    const DataDirectory data(dir.path() / "data");
    QStringList errors;
    {
        app::MainWindow window;
        window.show();
        window.showPanel(QStringLiteral("humans"));
        auto *panel = window.humansPanel();
        panel->setErrorReporter([&](const QString &, const QString &m) { errors << m; });
        EXPECT_FALSE(panel->isLoaded());
        EXPECT_TRUE(panel->attributionText().isEmpty());
        QSignalSpy fetched(panel, &app::HumansPanel::fetched);
        QSignalSpy loaded(panel, &app::HumansPanel::loaded);
        ASSERT_TRUE(panel->fetchHumanData(QString::fromStdString(repo.url)));
        ASSERT_TRUE(loaded.wait(30000)) << errors.join('\n').toStdString();
        ASSERT_EQ(fetched.size(), 1);
        EXPECT_TRUE(fetched.first().first().toBool());
        EXPECT_EQ(panel->experiments(),
                  (QStringList {QStringLiteral("noise"), QStringLiteral("rotation")}));
        EXPECT_TRUE(panel->attributionText().contains(QStringLiteral("CC BY 4.0")));
        EXPECT_TRUE(panel->attributionText().contains(QStringLiteral("Attribution 4.0")));
        EXPECT_TRUE(fs::is_directory(dir.path() / "data" / "generalisation-humans-DNNs"));
        EXPECT_FALSE(panel->accuracyPlot()->seriesY(QStringLiteral("humans (mean)")).isEmpty());
    }
    QSettings().clear(); // a first start: nothing remembered, the data folder alone
    app::MainWindow window;
    auto *panel = window.humansPanel();
    panel->setErrorReporter([&](const QString &, const QString &m) { errors << m; });
    QSignalSpy loaded(panel, &app::HumansPanel::loaded);
    window.show();
    window.showPanel(QStringLiteral("humans"));
    ASSERT_TRUE(loaded.wait(30000)) << errors.join('\n').toStdString();
    EXPECT_EQ(panel->experiments().size(), 2);
    EXPECT_FALSE(panel->attributionText().isEmpty());
    EXPECT_TRUE(errors.isEmpty()) << errors.join('\n').toStdString();

    // Told what to load before it is shown (a workspace, --humans-data), it loads nothing else.
    QSettings().clear();
    app::MainWindow told;
    told.humansPanel()->setDataDirectories(QString::fromStdString(dir.file("elsewhere")));
    QSignalSpy toldLoaded(told.humansPanel(), &app::HumansPanel::loaded);
    told.show();
    told.showPanel(QStringLiteral("humans"));
    QTest::qWait(500);
    EXPECT_EQ(toldLoaded.count(), 0);
    EXPECT_FALSE(told.humansPanel()->isLoaded());
}

TEST(HumansPanelFetch, CancelKeepsNothingAndABadSourceIsAnErrorDialog)
{
    test::TempDir dir;
    const test::HumanDataRepo repo(dir.path() / "upstream");
    const DataDirectory data(dir.path() / "data");
    app::MainWindow window;
    window.show();
    window.showPanel(QStringLiteral("humans"));
    auto *panel = window.humansPanel();
    QStringList errors;
    panel->setErrorReporter([&](const QString &, const QString &m) { errors << m; });
    QSignalSpy fetched(panel, &app::HumansPanel::fetched);
    ASSERT_TRUE(panel->fetchHumanData(QString::fromStdString(repo.url)));
    panel->cancelJob();
    ASSERT_TRUE(fetched.wait(30000));
    EXPECT_FALSE(fetched.first().first().toBool());
    EXPECT_FALSE(fs::exists(dir.path() / "data" / "generalisation-humans-DNNs"));
    EXPECT_FALSE(panel->isLoaded());

    QSignalSpy failed(panel, &app::HumansPanel::failed);
    ASSERT_TRUE(panel->fetchHumanData(
        QString::fromStdString("file://" + (dir.path() / "missing").string())));
    ASSERT_TRUE(failed.wait(30000));
    ASSERT_EQ(errors.size(), 1);
    EXPECT_TRUE(errors.first().contains(QStringLiteral("git clone failed")))
        << errors.first().toStdString();
    // The panel stays usable: the real repository arrives after the failure.
    QSignalSpy loaded(panel, &app::HumansPanel::loaded);
    ASSERT_TRUE(panel->fetchHumanData(QString::fromStdString(repo.url)));
    ASSERT_TRUE(loaded.wait(30000));
}
