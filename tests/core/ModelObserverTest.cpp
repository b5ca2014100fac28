// SPDX-License-Identifier: GPL-3.0-or-later
// A model as an observer (issue 6, item 3): the 1000 → 16 category mapping (sum of the 2018
// paper, mean of model-vs-human) checked by hand, stimulus folders, trials that read back.
#include "sparsescope/core/psychophysics/ModelObserver.h"
#include "Fixtures.h"
#include "sparsescope/core/Error.h"
#include "sparsescope/core/atlas/SeriesMeasure.h"
#include "sparsescope/core/data/Dataset.h"
#include "sparsescope/core/degradations/DegradedEvaluation.h"
#include "sparsescope/core/degradations/ImageFile.h"
#include "sparsescope/core/models/Model.h"
#include "sparsescope/core/psychophysics/ConditionSummary.h"
#include "sparsescope/core/psychophysics/ErrorConsistency.h"
#include "sparsescope/core/psychophysics/ImageNetCategories.h"
#include "sparsescope/core/psychophysics/StimulusFolder.h"
#include "sparsescope/core/psychophysics/TrialCsvReader.h"
#include "sparsescope/core/psychophysics/TrialCsvWriter.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>

using namespace sparsescope;
using core::CategoryAggregation;
using core::ImageNetCategories;
namespace fs = std::filesystem;

namespace {

/// 1000 logits, all 0 except knife's only class (499) at log 50: softmax 50/1049 for knife,
/// 1/1049 for each other class. Summed, dog's 109 classes win (109/1049); averaged, knife wins.
std::vector<float> knifeOrDogLogits()
{
    std::vector<float> logits(1000, 0.0f);
    logits[499] = static_cast<float>(std::log(50.0));
    return logits;
}

/// A TorchScript "ImageNet model" written by the test: logits = mean(x) * w + b, with b the
/// knife-or-dog logits and w[404] (airplane) = 20, so bright images are airplanes under both
/// rules and black images are dogs (sum) or knives (mean).
std::string writeBrightnessModel(const std::string &path, int outputs = 1000)
{
    torch::jit::Module module("BrightnessNet");
    auto w = torch::zeros({outputs});
    auto b = torch::zeros({outputs});
    if (outputs == 1000) {
        w[404] = 20.0;
        b[499] = std::log(50.0);
    }
    module.register_parameter("w", w, false);
    module.register_parameter("b", b, false);
    module.define(R"JIT(
def forward(self, x):
    m = torch.mean(x, [1, 2, 3])
    return torch.unsqueeze(m, 1) * self.w + self.b
)JIT");
    module.save(path);
    return path;
}

void writeGreyImage(const std::string &path, double value, int size = 8)
{
    fs::create_directories(fs::path(path).parent_path());
    core::ImageFile::write(path, core::FloatImage(size, size, 3, value));
}

} // namespace

TEST(ImageNetCategories, MapsTwoHundredSevenDisjointClasses)
{
    std::set<int> seen;
    std::size_t total = 0;
    for (int c = 0; c < ImageNetCategories::kCategories; ++c) {
        for (int index : ImageNetCategories::imageNetIndices(c)) {
            EXPECT_TRUE(seen.insert(index).second) << index;
            EXPECT_EQ(ImageNetCategories::categoryOf(index), c);
        }
        total += ImageNetCategories::imageNetIndices(c).size();
    }
    EXPECT_EQ(total, 207u);
    EXPECT_EQ(ImageNetCategories::imageNetIndices(ImageNetCategories::find("dog")).size(), 109u);
    EXPECT_EQ(ImageNetCategories::imageNetIndices(ImageNetCategories::find("bird")).size(), 49u);
    EXPECT_EQ(ImageNetCategories::categoryOf(404), ImageNetCategories::find("airplane"));
    EXPECT_EQ(ImageNetCategories::categoryOf(0), -1);
    EXPECT_EQ(ImageNetCategories::names().front(), "airplane");
    EXPECT_EQ(ImageNetCategories::names().back(), "truck");
    EXPECT_EQ(ImageNetCategories::sixteenClassOutputOrder().size(), 16u);
    EXPECT_THROW(ImageNetCategories::parseAggregation("max"), core::Error);
}

TEST(ImageNetCategories, SumAndMeanByHand)
{
    const auto logits = knifeOrDogLogits();
    const int dog = ImageNetCategories::find("dog");
    const int knife = ImageNetCategories::find("knife");
    const int bird = ImageNetCategories::find("bird");
    const auto sums = ImageNetCategories::scores(logits.data(), CategoryAggregation::Sum);
    EXPECT_NEAR(sums[dog], 109.0 / 1049.0, 1e-6);
    EXPECT_NEAR(sums[knife], 50.0 / 1049.0, 1e-6);
    EXPECT_NEAR(sums[bird], 49.0 / 1049.0, 1e-6);
    const auto means = ImageNetCategories::scores(logits.data(), CategoryAggregation::Mean);
    EXPECT_NEAR(means[dog], 1.0 / 1049.0, 1e-8);
    EXPECT_NEAR(means[knife], 50.0 / 1049.0, 1e-6);
    EXPECT_EQ(ImageNetCategories::decide(logits.data(), CategoryAggregation::Sum), dog);
    EXPECT_EQ(ImageNetCategories::decide(logits.data(), CategoryAggregation::Mean), knife);
}

TEST(ImageNetCategories, EqualsTheReferenceIndexLists)
{
    const fs::path file
        = test::referenceDir() / "human-data" / "derived" / "16class_imagenet_indices.json";
    SPARSESCOPE_REQUIRE_REFERENCE(file, "model-vs-human's derived files");
    std::ifstream in(file);
    const auto j = nlohmann::json::parse(in);
    for (int c = 0; c < ImageNetCategories::kCategories; ++c) {
        const auto &name = ImageNetCategories::names()[c];
        auto expected = j.at("categories").at(name).get<std::vector<int>>();
        std::sort(expected.begin(), expected.end());
        EXPECT_EQ(ImageNetCategories::imageNetIndices(c), expected) << name;
    }
}

TEST(StimulusFolder, ParsesTwoThousandEighteenNamesAndFolders)
{
    const auto &categories = ImageNetCategories::names();
    core::Stimulus s;
    ASSERT_TRUE(core::StimulusFolder::parseName("0001_nse_dnn_0.35_knife_10_n03041632_8618.png",
                                                categories, s));
    EXPECT_EQ(s.experiment, "noise");
    EXPECT_EQ(s.condition, "0.35");
    EXPECT_EQ(s.category, "knife");
    EXPECT_FALSE(core::StimulusFolder::parseName("cat.png", categories, s));
    EXPECT_FALSE(core::StimulusFolder::parseName("0001_xyz_dnn_0_knife_1.png", categories, s));

    test::TempDir dir;
    const fs::path root = dir.path() / "my-stimuli";
    writeGreyImage((root / "0002_hp_s01_0.7_bear_40_n02132136_1.png").string(), 0.5);
    writeGreyImage((root / "0.5" / "airplane" / "a.png").string(), 0.5);
    writeGreyImage((root / "cat" / "b.jpg").string(), 0.5);
    const auto stimuli = core::StimulusFolder::scan(root.string(), categories);
    ASSERT_EQ(stimuli.size(), 3u);
    EXPECT_EQ(stimuli[0].experiment, "my-stimuli"); // 0.5/airplane/a.png (sorted by path)
    EXPECT_EQ(stimuli[0].condition, "0.5");
    EXPECT_EQ(stimuli[0].category, "airplane");
    EXPECT_EQ(stimuli[1].experiment, "highpass");
    EXPECT_EQ(stimuli[1].category, "bear");
    EXPECT_EQ(stimuli[2].condition, "0");
    EXPECT_EQ(stimuli[2].category, "cat");

    writeGreyImage((root / "misc" / "unknown.png").string(), 0.5);
    try {
        core::StimulusFolder::scan(root.string(), categories);
        FAIL() << "no error for a file without a category";
    } catch (const core::Error &e) {
        EXPECT_NE(e.file().find("unknown.png"), std::string::npos) << e.what();
    }
    EXPECT_THROW(core::StimulusFolder::scan((root / "absent").string(), categories), core::Error);
}

TEST(ModelObserver, ImageNetModelOverStimuliSumVersusMeanAndReadBack)
{
    test::TempDir dir;
    const auto model = core::Model::load(writeBrightnessModel(dir.file("net.pt")));
    const fs::path stimuli = dir.path() / "stimuli";
    writeGreyImage((stimuli / "0001_nse_dnn_0.00_airplane_10_n02690373_1.png").string(), 1.0);
    writeGreyImage((stimuli / "0002_nse_dnn_0.35_knife_10_n03041632_2.png").string(), 0.0);
    writeGreyImage((stimuli / "0003_nse_dnn_0.00_airplane_10_n02690373_3.png").string(), 1.0);
    writeGreyImage((stimuli / "0004_nse_dnn_0.35_knife_10_n03041632_4.png").string(), 0.0);

    core::ObserveOptions options;
    options.observer = "brightnet";
    options.inputSize = 16;
    options.batchSize = 3; // two batches
    const auto sum = core::ModelObserver::observeStimuli(model, stimuli.string(), options);
    options.aggregation = CategoryAggregation::Mean;
    const auto mean = core::ModelObserver::observeStimuli(model, stimuli.string(), options);
    ASSERT_EQ(sum.size(), 4u);
    ASSERT_EQ(mean.size(), 4u);
    const std::vector<std::string> sumAnswers = {"airplane", "dog", "airplane", "dog"};
    const std::vector<std::string> meanAnswers = {"airplane", "knife", "airplane", "knife"};
    for (std::size_t i = 0; i < 4; ++i) {
        EXPECT_EQ(sum.labelNames().view(sum.responses()[i]), sumAnswers[i]);
        EXPECT_EQ(mean.labelNames().view(mean.responses()[i]), meanAnswers[i]);
    }

    // Written in the 2018 format and read back: the same trials, a DNN observer.
    const auto files = core::TrialCsvWriter::writeExperimentFolders(sum, dir.file("trials"));
    ASSERT_EQ(files.size(), 1u);
    EXPECT_NE(files[0].find("noise-experiment_brightnet_session_1.csv"), std::string::npos);
    const auto back = core::TrialCsvReader::readDirectory(dir.file("trials"));
    ASSERT_EQ(back.size(), 4u);
    for (std::size_t i = 0; i < 4; ++i) {
        EXPECT_EQ(back.kinds()[i], core::ObserverKind::Dnn);
        EXPECT_EQ(back.trials()[i], static_cast<std::int32_t>(i + 1));
        EXPECT_TRUE(std::isnan(back.rts()[i]));
        EXPECT_EQ(back.labelNames().view(back.responses()[i]), sumAnswers[i]);
        EXPECT_EQ(back.imageNames().view(back.images()[i]), sum.imageNames().view(sum.images()[i]));
    }
    int brightnetRows = 0;
    for (const auto &row : core::ConditionSummary::compute(back)) {
        if (row.observer != "brightnet")
            continue;
        ++brightnetRows;
        if (row.condition == "0.00") {
            EXPECT_DOUBLE_EQ(row.accuracy, 1.0);
        } else {
            EXPECT_EQ(row.condition, "0.35");
            EXPECT_DOUBLE_EQ(row.accuracy, 0.0);
        }
    }
    EXPECT_EQ(brightnetRows, 2) << "both conditions of the model observer";
}

TEST(ModelObserver, RefusesModelsWithoutImageNetOutputs)
{
    test::TempDir dir;
    const auto model = core::Model::load(writeBrightnessModel(dir.file("net10.pt"), 10));
    writeGreyImage((dir.path() / "s" / "0001_nse_dnn_0.00_cat_1_n1_1.png").string(), 0.5);
    EXPECT_THROW(core::ModelObserver::observeStimuli(model, dir.file("s"), {}), core::Error);
}

TEST(ModelObserver, DatasetModelOverDegradationsMatchesDegradedEvaluation)
{
    test::SyntheticIdxData data(8, 12, 4);
    const auto test = core::Dataset::fromSpec(data.test);
    const auto model = core::Model::loadFor("lenet5", test);
    core::ObserveOptions options;
    options.observer = "lenet5";
    options.degradations = {"contrast", "rotation"};
    options.threads = 2;
    const auto trials = core::ModelObserver::observeDegradations(model, test, options);
    ASSERT_EQ(trials.size(), 12u * (8 + 4));

    // Each condition's accuracy is the model's accuracy on the same degraded images.
    const auto rows = core::ConditionSummary::compute(trials);
    for (const std::string type : {"contrast", "rotation"}) {
        core::DegradedEvaluation::Config config;
        config.type = type;
        config.threads = 2;
        for (const auto &point : core::DegradedEvaluation::run(model, test, config)) {
            bool found = false;
            for (const auto &row : rows)
                if (row.observer == "lenet5" && row.experiment == type
                    && row.condition == point.label) {
                    found = true;
                    EXPECT_EQ(row.n, 12);
                    EXPECT_NEAR(row.accuracy, point.accuracy(), 1e-12) << type << point.label;
                }
            EXPECT_TRUE(found) << type << " " << point.label;
        }
    }

    // Round trip through the 2018 CSV format.
    test::TempDir out;
    const auto files = core::TrialCsvWriter::writeExperimentFolders(trials, out.path().string());
    EXPECT_EQ(files.size(), 2u);
    const auto back = core::TrialCsvReader::readDirectory(out.path().string());
    ASSERT_EQ(back.size(), trials.size());
    EXPECT_EQ(back.experimentNames().size(), 2u);
    std::size_t same = 0;
    for (std::size_t i = 0; i < back.size(); ++i)
        same += back.correct(i);
    std::size_t expected = 0;
    for (std::size_t i = 0; i < trials.size(); ++i)
        expected += trials.correct(i);
    EXPECT_EQ(same, expected);

    // Bad requests: levels for two types, a colour-only type on grey images.
    options.levels = {0.5};
    EXPECT_THROW(core::ModelObserver::observeDegradations(model, test, options), core::Error);
    options.levels.clear();
    options.degradations = {"opponent-colour"};
    EXPECT_THROW(core::ModelObserver::observeDegradations(model, test, options), core::Error);
}

TEST(ModelObserver, ApplicableDegradationsAndNames)
{
    const auto grey = core::ModelObserver::applicableDegradations(1);
    for (const auto &name : grey) {
        EXPECT_NE(name, "opponent-colour");
        EXPECT_NE(name, "greyscale");
        EXPECT_FALSE(name.starts_with("eidolon"));
    }
    EXPECT_EQ(grey.size(), 8u);
    EXPECT_EQ(core::ModelObserver::applicableDegradations(3, true).size(), 13u);
    EXPECT_EQ(core::ModelObserver::observerName("lenet5"), "lenet5");
    EXPECT_EQ(core::ModelObserver::observerName("/runs/ssl-0.01/model.pt"), "ssl-0.01");
    EXPECT_EQ(core::ModelObserver::observerName("/x/thinned.pt"), "thinned");
    EXPECT_EQ(core::ModelObserver::observerName("/x/subject-01.pt"), "dnn-subject-01");
}

// Issue 20.1: the atlas' humans measure — an ImageNet model observes the stimuli, its trials are
// paired by image with the humans' and compared per experiment.
TEST(ModelObserver, AtlasHumansMeasureComparesWithTheHumansPerExperiment)
{
    test::TempDir dir;
    writeBrightnessModel(dir.file("net.pt"));
    const fs::path stimuli = dir.path() / "stimuli";
    // Bright airplanes (answered right), dark knives (answered "dog": wrong).
    const char *names[] = {"0.00_airplane_10_n02690373_1.png", "0.35_knife_10_n03041632_2.png",
                           "0.00_airplane_10_n02690373_3.png", "0.35_knife_10_n03041632_4.png"};
    for (int i = 0; i < 4; ++i)
        writeGreyImage(
            (stimuli / ("000" + std::to_string(i + 1) + "_nse_dnn_" + names[i])).string(),
            i % 2 == 0 ? 1.0 : 0.0);
    // One subject, right on the first three images, wrong on the last.
    core::TrialTable humans;
    const char *answers[] = {"airplane", "knife", "airplane", "cat"};
    const char *categories[] = {"airplane", "knife", "airplane", "knife"};
    for (int i = 0; i < 4; ++i)
        humans.append({"noise", "subject-01", core::ObserverKind::Human, 1, i + 1, 0.8, answers[i],
                       categories[i], i % 2 == 0 ? "0.00" : "0.35",
                       "000" + std::to_string(i + 1) + "_nse_s01_" + names[i]});
    core::TrialCsvWriter::writeExperimentFolders(humans, dir.file("humans"));
    test::writeBytes(dir.file("series.json"),
                     R"({"name": "s", "members": [{"label": "bright", "path": "net.pt"}]})");

    core::MeasureSettings settings;
    settings.measures = {"humans"};
    settings.stimuli = (dir.path() / "stimuli").string();
    settings.humans = dir.file("humans");
    settings.bootstrap = 200;
    const auto table
        = core::SeriesMeasure::run(core::Series::fromFile(dir.file("series.json")), settings);
    ASSERT_EQ(table.rows.size(), 1u);
    const auto &row = table.rows[0];
    EXPECT_EQ(row.value("humans:noise:trials"), 4.0);
    EXPECT_DOUBLE_EQ(row.value("humans:noise:accuracy_difference"), 0.5 - 0.75);
    const double kappa = core::ErrorConsistency::fromCorrectness({true, false, true, false},
                                                                 {true, true, true, false})
                             .kappa;
    EXPECT_DOUBLE_EQ(row.value("humans:noise:kappa"), kappa);
    EXPECT_LE(row.value("humans:noise:kappa_low"), kappa);
    EXPECT_GE(row.value("humans:noise:kappa_high"), kappa);
    EXPECT_TRUE(fs::is_directory(dir.path() / "net.measures")) << "cached beside the model file";

    // A member that cannot observe the 16 categories (a 10-class model): a note, not an error.
    test::writeBytes(dir.file("series10.json"),
                     R"({"name": "s", "members": [{"label": "ten", "path": "ten.pt"}]})");
    writeBrightnessModel(dir.file("ten.pt"), 10);
    const auto ten
        = core::SeriesMeasure::run(core::Series::fromFile(dir.file("series10.json")), settings);
    ASSERT_EQ(ten.rows.size(), 1u);
    ASSERT_FALSE(ten.rows[0].notes.empty());
    EXPECT_NE(ten.rows[0].notes[0].find("humans: skipped"), std::string::npos)
        << ten.rows[0].notes[0];
}
