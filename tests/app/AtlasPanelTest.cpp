// SPDX-License-Identifier: GPL-3.0-or-later
// The atlas panel (issue 20.4): an atlas.csv shown in linked views — selecting a member in the
// table or by clicking a point selects it in every plot and shows its details — the Pareto
// front, Measure on a series through the worker (with its cache), export, bad input.
#include "panels/AtlasPanel.h"
#include "MainWindow.h"
#include "ModelTrust.h"

#include "Fixtures.h"
#include "ScriptModule.h"

#include "sparsescope/core/atlas/AtlasTable.h"
#include "sparsescope/core/training/Trainer.h"
#include "sparsescope/widgets/AtlasScatter.h"
#include "sparsescope/widgets/FilterGrid.h"
#include "sparsescope/widgets/StructureView.h"

#include <gtest/gtest.h>

#include <QItemSelectionModel>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTest>

#include <filesystem>
#include <memory>

using namespace sparsescope;
namespace fs = std::filesystem;

namespace {

/// Five members of two series: x = conv MACs kept, y = clean accuracy, adversarial, corruption.
core::AtlasTable fiveMembers()
{
    core::AtlasTable table;
    const struct
    {
        const char *series, *label, *strength;
        double sparsity, macs, clean, adv, corruption;
    } rows[] = {{"ssl", "s=0", "0", 0.0, 1000, 0.90, 0.30, 0.60},
                {"ssl", "s=1", "1", 0.5, 400, 0.89, 0.25, 0.55},
                {"ssl", "s=2", "2", 0.8, 200, 0.80, 0.20, 0.40},
                {"mag", "p=0.5", "0.5", 0.5, 1000, 0.88, 0.28, 0.58},
                {"mag", "p=0.9", "0.9", 0.9, 1000, 0.85, 0.22, 0.50}};
    for (const auto &r : rows) {
        core::AtlasRow row;
        row.series = r.series;
        row.label = r.label;
        row.member = std::string(r.series) + "/" + r.label;
        row.knobs = {{"strength", r.strength}, {"seed", "1"}};
        row.set("element_sparsity", r.sparsity);
        row.set("conv_macs_kept", r.macs);
        row.set("clean_accuracy", r.clean);
        row.set("adv:pgd-linf:0.1", r.adv);
        row.set("corruption_mean", r.corruption);
        row.set("corr:contrast:mean", r.corruption + 0.1);
        table.rows.push_back(row);
    }
    return table;
}

class AtlasPanelTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        m_window = std::make_unique<app::MainWindow>();
        m_window->show();
        m_window->showPanel(QStringLiteral("atlas"));
        ASSERT_TRUE(QTest::qWaitForWindowExposed(m_window.get()));
        panel()->setErrorReporter(
            [this](const QString &, const QString &message) { m_errors << message; });
    }
    app::AtlasPanel *panel() const { return m_window->atlasPanel(); }
    std::unique_ptr<app::MainWindow> m_window;
    QStringList m_errors;
};

} // namespace

TEST_F(AtlasPanelTest, LinkedSelectionAcrossTableAndEveryPlot)
{
    test::TempDir dir;
    fiveMembers().writeFile(dir.file("atlas.csv"));
    ASSERT_TRUE(panel()->open(QString::fromStdString(dir.file("atlas.csv"))));
    EXPECT_EQ(m_window->currentPanel(), QStringLiteral("atlas"));
    ASSERT_EQ(panel()->table().rows.size(), 5u);
    auto *main = panel()->mainPlot();
    EXPECT_EQ(main->pointCount(), 5);
    // Default axes: conv MACs kept against clean accuracy; its Pareto front: s=2, s=1, s=0.
    EXPECT_EQ(main->xAxis->label(), QStringLiteral("conv_macs_kept"));
    EXPECT_EQ(main->yAxis->label(), QStringLiteral("clean_accuracy"));
    EXPECT_EQ(main->front(), (QVector<int> {2, 1, 0}));
    const auto multiples = panel()->smallMultiples();
    ASSERT_EQ(multiples.size(), 4);
    EXPECT_EQ(multiples[1]->yAxis->label(), QStringLiteral("adv:pgd-linf:0.1"));
    EXPECT_EQ(multiples[2]->yAxis->label(), QStringLiteral("corruption_mean"));
    EXPECT_EQ(multiples[3]->pointCount(), 0) << "no κ measured";

    // Select in the table (sorted by clean accuracy first: the view order differs from the rows).
    QTableView *table = panel()->tableView();
    table->sortByColumn(3, Qt::AscendingOrder);
    const auto *proxy = qobject_cast<const QSortFilterProxyModel *>(table->model());
    ASSERT_NE(proxy, nullptr);
    int viewRow = -1;
    for (int r = 0; r < proxy->rowCount(); ++r)
        if (proxy->index(r, 0).data().toString() == QStringLiteral("mag/p=0.9"))
            viewRow = r;
    ASSERT_GE(viewRow, 0);
    table->selectionModel()->setCurrentIndex(
        proxy->index(viewRow, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    EXPECT_EQ(panel()->selectedMember(), 4);
    EXPECT_EQ(main->selected(), 4);
    for (auto *plot : multiples)
        EXPECT_EQ(plot->selected(), 4);
    EXPECT_TRUE(panel()->detailsText().contains(QStringLiteral("mag/p=0.9")));
    EXPECT_TRUE(panel()->detailsText().contains(QStringLiteral("(dense 0.88)")))
        << panel()->detailsText().toStdString();

    // Click a point in a small multiple: the table follows.
    QTest::qWait(50); // laid out, axes placed
    multiples[2]->replot();
    const QPoint at = multiples[2]->pixelOf(2).toPoint();
    QTest::mouseClick(multiples[2], Qt::LeftButton, {}, at);
    EXPECT_EQ(panel()->selectedMember(), 2);
    EXPECT_EQ(main->selected(), 2);
    const QModelIndex current = proxy->mapToSource(table->selectionModel()->currentIndex());
    EXPECT_EQ(current.row(), 2);

    // Other axes: the selection stays.
    panel()->setAxes(QStringLiteral("element_sparsity"), QStringLiteral("corruption_mean"));
    EXPECT_EQ(main->yAxis->label(), QStringLiteral("corruption_mean"));
    EXPECT_EQ(main->selected(), 2);

    // Export: five figures in three formats and atlas.csv.
    ASSERT_TRUE(panel()->exportAll(QString::fromStdString(dir.file("out"))));
    for (const char *name : {"atlas.png", "atlas-clean.pdf", "atlas-corruption.svg", "atlas.csv"})
        EXPECT_TRUE(fs::exists(dir.path() / "out" / name)) << name;
    EXPECT_TRUE(m_errors.isEmpty()) << m_errors.join(QLatin1Char('\n')).toStdString();
}

TEST_F(AtlasPanelTest, MeasuresASeriesOnTheWorkerThenFromTheCache)
{
    test::SyntheticIdxData data(128, 64);
    test::TempDir dir;
    for (int seed : {1, 2}) {
        core::TrainConfig config;
        config.data = data.train;
        config.testData = data.test;
        config.epochs = 1;
        config.seed = std::uint64_t(seed);
        config.pruneSparsity = seed == 2 ? 0.6 : 0.0;
        config.sparsity.freezeZeros = seed == 2;
        core::TrainingObserver observer;
        ASSERT_TRUE(core::Trainer()
                        .run(config, dir.file("runs/m" + std::to_string(seed)), observer, {})
                        .ok());
    }
    ASSERT_TRUE(panel()->open(QString::fromStdString(dir.file("runs"))));
    EXPECT_TRUE(panel()->table().rows.empty()) << "not measured yet";
    panel()->setMeasures(QStringLiteral("structure,clean"));
    panel()->setLimit(0);
    QSignalSpy measured(panel(), &app::AtlasPanel::measured);
    ASSERT_TRUE(panel()->measure());
    ASSERT_TRUE(measured.wait(60000));
    EXPECT_FALSE(measured.first().first().toBool()) << "not cancelled";
    ASSERT_EQ(panel()->table().rows.size(), 2u);
    EXPECT_NEAR(panel()->table().rows[1].value("element_sparsity"), 0.6, 0.01);
    EXPECT_TRUE(fs::exists(dir.path() / "runs/atlas.csv"));
    EXPECT_EQ(panel()->mainPlot()->pointCount(), 2);
    // Selecting a member loads its model on a worker: filters and zero groups.
    QSignalSpy shown(panel(), &app::AtlasPanel::memberModelShown);
    panel()->selectMember(1);
    ASSERT_TRUE(shown.wait(30000));
    EXPECT_TRUE(shown.first().first().toBool());
    EXPECT_EQ(panel()->filterGrid()->filters().count, 20) << "LeNet-5's conv1 (Caffe: 20 filters)";
    ASSERT_FALSE(panel()->structureView()->structure().empty());
    std::int64_t zeros = 0, weights = 0;
    for (const auto &layer : panel()->structureView()->structure()) {
        zeros += layer.zeroParameters;
        weights += layer.parameters;
    }
    EXPECT_NEAR(double(zeros) / double(weights), 0.6, 0.01) << "the pruned member's weights";
    // Opened again: the atlas.csv beside the series shows at once.
    ASSERT_TRUE(panel()->open(QString::fromStdString(dir.file("runs"))));
    EXPECT_EQ(panel()->table().rows.size(), 2u);
    EXPECT_TRUE(m_errors.isEmpty()) << m_errors.join(QLatin1Char('\n')).toStdString();
}

TEST_F(AtlasPanelTest, BadInputIsADialogNotACrash)
{
    test::TempDir dir;
    EXPECT_FALSE(panel()->open(QString::fromStdString(dir.file("absent"))));
    ASSERT_EQ(m_errors.size(), 1);
    EXPECT_TRUE(m_errors[0].contains(QStringLiteral("absent")));
    test::writeBytes(dir.file("bad.csv"), "member,series\n1,2\n");
    EXPECT_FALSE(panel()->open(QString::fromStdString(dir.file("bad.csv"))));
    ASSERT_EQ(m_errors.size(), 2);
    EXPECT_TRUE(m_errors[1].contains(QStringLiteral("bad.csv")));
    EXPECT_FALSE(panel()->open(dir.path().string().c_str())) << "a folder without runs";
    EXPECT_FALSE(panel()->measure()) << "nothing open";
}

TEST_F(AtlasPanelTest, AsksBeforeMeasuringAModelWithCode)
{
    test::TempDir dir;
    test::writeScriptModule(dir.file("scripted.pt"), 10);
    test::writeBytes(dir.file("series.json"),
                     R"({"name": "s", "members": [{"label": "user", "path": "scripted.pt"}]})");
    app::ModelTrust::forgetAll();
    QStringList questions;
    panel()->setConfirmer([&questions](const QString &, const QString &question) {
        questions << question;
        return false;
    });
    ASSERT_TRUE(panel()->open(QString::fromStdString(dir.file("series.json"))));
    EXPECT_FALSE(panel()->measure());
    ASSERT_EQ(questions.size(), 1);
    EXPECT_TRUE(questions[0].contains(QStringLiteral("scripted.pt")));
    EXPECT_FALSE(panel()->isRunning());
    EXPECT_FALSE(fs::exists(dir.path() / "scripted.measures")) << "nothing was loaded";
}
