// SPDX-License-Identifier: GPL-3.0-or-later
// Psychophysics core on small fixtures written here: reading (plain, .gz, CRLF, capital
// Session, the sums column), malformed rows, the writer's round trip, and every metric against
// a hand computation (values in the comments).
#include "Fixtures.h"
#include "sparsescope/core/Error.h"
#include "sparsescope/core/psychophysics/ConditionOrder.h"
#include "sparsescope/core/psychophysics/ConditionSummary.h"
#include "sparsescope/core/psychophysics/ConfusionMatrix.h"
#include "sparsescope/core/psychophysics/ConsistencyTable.h"
#include "sparsescope/core/psychophysics/ErrorConsistency.h"
#include "sparsescope/core/psychophysics/ErrorPatternDistance.h"
#include "sparsescope/core/psychophysics/ResponseCounts.h"
#include "sparsescope/core/psychophysics/StringPool.h"
#include "sparsescope/core/psychophysics/TrialCsvReader.h"
#include "sparsescope/core/psychophysics/TrialCsvWriter.h"

#include <gtest/gtest.h>

#include <zlib.h>

#include <cmath>
#include <filesystem>
#include <string>

using namespace sparsescope;
namespace fs = std::filesystem;

namespace {

constexpr double kExactTolerance = 1e-12;

const char *kHeader2018 = "subj,session,trial,rt,object_response,category,condition,imagename\n";
const char *kHeaderTf = "subj,session,trial,rt,object_response,category,condition,imagename,"
                        "entropy_1000,object_response_sums\n";

/// The toy experiment (condition a is the hand-computed one):
/// subject-01 a: cat→cat ✓, cat→dog ✗, dog→na ✗, dog→dog ✓; b: cat→cat ✓, dog→cat ✗
/// subject-02 a: cat→cat ✓, cat→cat ✓, dog→dog ✓, dog→cat ✗; b: cat→bird ✗, dog→dog ✓
/// net (DNN, TF format; response plain | sums):
///   session 1 a: cat: cat|dog, dog: dog|dog
///   session 2 a: cat: cat|cat, dog: cat|cat, dog: dog|dog, dog: dog|dog
void writeToyExperiment(const fs::path &root)
{
    const fs::path humans = root / "humans" / "toy-experiment";
    const fs::path tf = root / "TF" / "toy-experiment";
    fs::create_directories(humans);
    fs::create_directories(tf);
    test::writeBytes((humans / "toy-experiment_subject-01_session_1.csv").string(),
                     std::string(kHeader2018)
                         + "subject-01,1,1,0.5,cat,cat,a,0001_toy_s01_a_cat_10_n001_1.png\n"
                           "subject-01,1,2,0.6,dog,cat,a,0002_toy_s01_a_cat_10_n001_2.png\n"
                           "subject-01,1,3,NaN,na,dog,a,0003_toy_s01_a_dog_10_n002_1.png\n"
                           "subject-01,1,4,0.7,dog,dog,a,0004_toy_s01_a_dog_10_n002_2.png\n"
                           "subject-01,1,5,0.8,cat,cat,b,0005_toy_s01_b_cat_10_n001_3.png\n"
                           "subject-01,1,6,0.9,cat,dog,b,0006_toy_s01_b_dog_10_n002_3.png\n");
    // CRLF line endings and a capital "Session", as model-vs-human writes it.
    test::writeBytes((humans / "toy-experiment_subject-02_session_1.csv").string(),
                     "subj,Session,trial,rt,object_response,category,condition,imagename\r\n"
                     "subject-02,1,1,0.5,cat,cat,a,0001_toy_s02_a_cat_10_n001_1.png\r\n"
                     "subject-02,1,2,0.5,cat,cat,a,0002_toy_s02_a_cat_10_n001_2.png\r\n"
                     "subject-02,1,3,0.5,dog,dog,a,0003_toy_s02_a_dog_10_n002_1.png\r\n"
                     "subject-02,1,4,0.5,cat,dog,a,0004_toy_s02_a_dog_10_n002_2.png\r\n"
                     "subject-02,1,5,0.5,bird,cat,b,0005_toy_s02_b_cat_10_n001_3.png\r\n"
                     "subject-02,1,6,0.5,dog,dog,b,0006_toy_s02_b_dog_10_n002_3.png\r\n");
    // Upstream keeps byte copies of the human files in TF/: they must not be read twice.
    fs::copy_file(humans / "toy-experiment_subject-01_session_1.csv",
                  tf / "toy-experiment_subject-01_session_1.csv");
    test::writeBytes((tf / "toy-experiment_net_session_1.csv").string(),
                     std::string(kHeaderTf)
                         + "net,1,1,NaN,cat,cat,a,0001_toy_dnn_a_cat_10_n001_9.png,1.0,dog\n"
                           "net,1,2,NaN,dog,dog,a,0002_toy_dnn_a_dog_10_n002_9.png,1.0,dog\n");
    const std::string session2 = std::string(kHeaderTf)
        + "net,2,1,NaN,cat,cat,a,0001_toy_dnn_a_cat_10_n001_8.png,1.0,cat\n"
          "net,2,2,NaN,cat,dog,a,0002_toy_dnn_a_dog_10_n002_8.png,1.0,cat\n"
          "net,2,3,NaN,dog,dog,a,0003_toy_dnn_a_dog_10_n002_7.png,1.0,dog\n"
          "net,2,4,NaN,dog,dog,a,0004_toy_dnn_a_dog_10_n002_6.png,1.0,dog\n";
    gzFile gz = gzopen((tf / "toy-experiment_net_session_2.csv.gz").string().c_str(), "wb");
    ASSERT_NE(gz, nullptr);
    gzwrite(gz, session2.data(), static_cast<unsigned>(session2.size()));
    gzclose(gz);
}

const core::ConditionSummaryRow *findRow(const std::vector<core::ConditionSummaryRow> &rows,
                                         const std::string &observer, const std::string &condition)
{
    for (const auto &row : rows)
        if (row.observer == observer && row.condition == condition)
            return &row;
    return nullptr;
}

double entropy(std::initializer_list<double> p)
{
    double h = 0.0;
    for (double x : p)
        h -= x * std::log2(x);
    return h;
}

/// Runs `f`, expects a core::Error whose text contains every needle.
template<typename F>
void expectTrialError(F f, std::initializer_list<std::string> needles)
{
    try {
        f();
        ADD_FAILURE() << "no core::Error thrown";
    } catch (const core::Error &e) {
        for (const auto &needle : needles)
            EXPECT_NE(std::string(e.what()).find(needle), std::string::npos)
                << "'" << needle << "' not in: " << e.what();
    }
}

} // namespace

TEST(PsychophysicsStringPool, InternsDenseIdsAndFindsThemAgain)
{
    core::StringPool pool;
    EXPECT_EQ(pool.find("x"), -1);
    std::vector<std::string> words;
    for (int i = 0; i < 5000; ++i)
        words.push_back("image_" + std::to_string(i * 7919 % 100003));
    for (int i = 0; i < 5000; ++i)
        EXPECT_EQ(pool.intern(words[static_cast<std::size_t>(i)]), i);
    for (int i = 4999; i >= 0; --i) {
        EXPECT_EQ(pool.intern(words[static_cast<std::size_t>(i)]), i);
        EXPECT_EQ(pool.find(words[static_cast<std::size_t>(i)]), i);
        EXPECT_EQ(pool.view(i), words[static_cast<std::size_t>(i)]);
    }
    EXPECT_EQ(pool.size(), 5000);
    EXPECT_EQ(pool.find("image_"), -1);
    EXPECT_EQ(pool.intern(""), 5000);
    EXPECT_EQ(pool.find(""), 5000);
}

TEST(PsychophysicsTrialTable, ShortImageIdAndNaIsLabelZero)
{
    EXPECT_EQ(core::TrialTable::shortImageId("0001_cl_s01_cr_oven_40_n04111531_14126.png"),
              "n04111531_14126.png");
    EXPECT_EQ(core::TrialTable::shortImageId("a_b"), "a_b");
    EXPECT_EQ(core::TrialTable::shortImageId("plain.png"), "plain.png");
    core::TrialTable table;
    EXPECT_EQ(table.labelNames().find("na"), core::TrialTable::kNoResponse);
}

TEST(PsychophysicsConditionOrder, NumbersByValueThenNaturalOrder)
{
    using core::ConditionOrder;
    EXPECT_TRUE(ConditionOrder::less("0.00", "0.03"));
    EXPECT_TRUE(ConditionOrder::less("3", "inf"));
    EXPECT_TRUE(ConditionOrder::less("0.55", "1"));
    EXPECT_TRUE(ConditionOrder::less("90", "pow"));
    EXPECT_TRUE(ConditionOrder::less("c05", "c100"));
    EXPECT_TRUE(ConditionOrder::less("2-0-10", "16-0-10"));
    EXPECT_FALSE(ConditionOrder::less("c100", "c05"));
    EXPECT_FALSE(ConditionOrder::less("a", "a"));
    EXPECT_TRUE(ConditionOrder::less("0.1", "0.10") != ConditionOrder::less("0.10", "0.1"));
}

TEST(PsychophysicsReader, ReadsThe2018LayoutWithGzipCrlfAndTheSumsColumn)
{
    test::TempDir dir;
    writeToyExperiment(dir.path());
    const auto table = core::TrialCsvReader::readDirectory(dir.path().string());
    // 6 + 6 human trials (the TF copy of subject-01 skipped) + 2 + 4 DNN trials.
    ASSERT_EQ(table.size(), 18u);
    EXPECT_EQ(table.experimentNames().size(), 1);
    EXPECT_EQ(table.experimentNames().view(0), "toy");
    std::size_t humans = 0, na = 0, nanRt = 0;
    for (std::size_t i = 0; i < table.size(); ++i) {
        humans += table.kinds()[i] == core::ObserverKind::Human;
        na += table.responses()[i] == core::TrialTable::kNoResponse;
        nanRt += std::isnan(table.rts()[i]);
    }
    EXPECT_EQ(humans, 12u);
    EXPECT_EQ(na, 1u);
    EXPECT_EQ(nanRt, 1u + 6u);
    // DNN decisions from object_response_sums by default: net session 1 trial 1 answered dog.
    const auto net = table.observerNames().find("net");
    ASSERT_GE(net, 0);
    for (std::size_t i = 0; i < table.size(); ++i)
        if (table.observers()[i] == net && table.sessions()[i] == 1 && table.trials()[i] == 1) {
            EXPECT_EQ(table.labelNames().view(table.responses()[i]), "dog");
        }
    core::TrialReadOptions plain;
    plain.dnnResponseColumn = "object_response";
    const auto plainTable = core::TrialCsvReader::readDirectory(dir.path().string(), plain);
    for (std::size_t i = 0; i < plainTable.size(); ++i)
        if (plainTable.observers()[i] == plainTable.observerNames().find("net")
            && plainTable.sessions()[i] == 1 && plainTable.trials()[i] == 1) {
            EXPECT_EQ(plainTable.labelNames().view(plainTable.responses()[i]), "cat");
        }
    // Same image seen by subject-01 and -02 under different file names: one short id.
    EXPECT_EQ(core::TrialTable::shortImageId(table.imageNames().view(table.images()[0])),
              "n001_1.png");
    EXPECT_EQ(table.imageNames().size(), 18);
}

TEST(PsychophysicsReader, SelectsExperimentsAndNamesTheAvailableOnes)
{
    test::TempDir dir;
    writeToyExperiment(dir.path());
    core::TrialReadOptions options;
    options.experiments = {"toy-experiment"};
    EXPECT_EQ(core::TrialCsvReader::readDirectory(dir.path().string(), options).size(), 18u);
    options.experiments = {"noise"};
    expectTrialError([&] { core::TrialCsvReader::readDirectory(dir.path().string(), options); },
                     {"no such experiment", "toy"});
    test::TempDir empty;
    expectTrialError([&] { core::TrialCsvReader::readDirectory(empty.path().string()); },
                     {"no trial CSV files", "generalisation-humans-DNNs"});
}

TEST(PsychophysicsReader, MalformedRowsNameTheFileAndLine)
{
    test::TempDir dir;
    struct Case
    {
        std::string body;
        std::string needle;
    };
    const std::vector<Case> cases = {
        {"subject-01,1,1,0.5,cat,cat,a\n", "expected 8 fields, found 7"},
        {"subject-01,1,1,0.5,cat,cat,a,x.png,extra\n", "expected 8 fields, found 9"},
        {"subject-01,one,1,0.5,cat,cat,a,x.png\n", "session 'one' is not an integer"},
        {"subject-01,1,2.5,0.5,cat,cat,a,x.png\n", "trial '2.5' is not an integer"},
        {"subject-01,1,1,fast,cat,cat,a,x.png\n", "rt 'fast' is not a number"},
        {"subject-01,1,1,0.5,,cat,a,x.png\n", "empty object_response"},
        {"subject-01,1,1,0.5,cat,na,a,x.png\n", "category 'na'"},
        {"subject-01,1,1,0.5,cat,cat,,x.png\n", "empty condition"},
        {"subject-01,1,1,0.5,cat,cat,a,\n", "empty imagename"},
        {"\nsubject-01,1,1,0.5,cat,cat,a,x.png\n", "empty line"},
    };
    for (std::size_t c = 0; c < cases.size(); ++c) {
        const std::string path = dir.file("bad" + std::to_string(c) + ".csv");
        // One good row first: the bad one is on line 3.
        test::writeBytes(path,
                         std::string(kHeader2018) + "subject-01,1,1,0.5,cat,cat,a,ok.png\n"
                             + cases[c].body);
        core::TrialTable table;
        expectTrialError([&] { core::TrialCsvReader::readFile(path, "x", table); },
                         {path, "line 3", cases[c].needle});
    }
    const std::string header = dir.file("header.csv");
    test::writeBytes(header, "subj,session,trial,rt,category,condition,imagename\n");
    core::TrialTable table;
    expectTrialError([&] { core::TrialCsvReader::readFile(header, "x", table); },
                     {header, "line 1", "object_response"});
    const std::string corrupt = dir.file("corrupt.csv.gz");
    test::writeBytes(corrupt, std::string("\x1f\x8b\x08\x00garbage-not-deflate", 23));
    expectTrialError([&] { core::TrialCsvReader::readFile(corrupt, "x", table); },
                     {corrupt, "gzip"});
    // The last row may lack its newline; no row is dropped.
    const std::string noNewline = dir.file("last.csv");
    test::writeBytes(noNewline, std::string(kHeader2018) + "subject-01,1,1,0.5,cat,cat,a,x.png");
    core::TrialTable last;
    core::TrialCsvReader::readFile(noNewline, "x", last);
    EXPECT_EQ(last.size(), 1u);
    // The trial budget is checked before the table grows (issue 19.2): 17 Mi lines.
    const std::string huge = dir.file("huge.csv");
    test::writeBytes(huge, std::string(kHeader2018) + std::string(std::size_t(17) << 20, '\n'));
    core::TrialTable budget;
    expectTrialError([&] { core::TrialCsvReader::readFile(huge, "x", budget); },
                     {huge, "more than the 16777216 trials"});
    EXPECT_EQ(budget.size(), 0u);
}

TEST(PsychophysicsWriter, RoundTripsPlainAndGzipAndTheFolderLayout)
{
    test::TempDir dir;
    writeToyExperiment(dir.path() / "in");
    const auto table = core::TrialCsvReader::readDirectory((dir.path() / "in").string());
    // A file written from a file read back is byte-identical (LF, rt in shortest form).
    const std::string source = (dir.path() / "in" / "humans" / "toy-experiment"
                                / "toy-experiment_subject-01_session_1.csv")
                                   .string();
    core::TrialTable one;
    core::TrialCsvReader::readFile(source, "toy", one);
    core::TrialCsvWriter::write(one, dir.file("copy.csv"));
    EXPECT_EQ(test::readBytes(dir.file("copy.csv")), test::readBytes(source));
    core::TrialCsvWriter::write(one, dir.file("copy.csv.gz"));
    core::TrialTable back;
    core::TrialCsvReader::readFile(dir.file("copy.csv.gz"), "toy", back);
    ASSERT_EQ(back.size(), one.size());
    for (std::size_t i = 0; i < one.size(); ++i) {
        EXPECT_EQ(back.responses()[i], one.responses()[i]);
        EXPECT_EQ(back.imageNames().view(back.images()[i]), one.imageNames().view(one.images()[i]));
        EXPECT_TRUE(back.rts()[i] == one.rts()[i]
                    || (std::isnan(back.rts()[i]) && std::isnan(one.rts()[i])));
    }
    // The folder layout reads back to the same summary.
    const auto files = core::TrialCsvWriter::writeExperimentFolders(table, dir.file("out"));
    EXPECT_EQ(files.size(), 4u); // subject-01, subject-02, net session 1 and 2
    EXPECT_TRUE(
        fs::exists(dir.path() / "out" / "toy-experiment" / "toy-experiment_net_session_2.csv"));
    const auto reread = core::TrialCsvReader::readDirectory(dir.file("out"));
    ASSERT_EQ(reread.size(), table.size());
    const auto a = core::ConditionSummary::compute(table);
    const auto b = core::ConditionSummary::compute(reread);
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        EXPECT_EQ(a[i].observer, b[i].observer);
        EXPECT_EQ(a[i].condition, b[i].condition);
        EXPECT_EQ(a[i].n, b[i].n);
        EXPECT_DOUBLE_EQ(a[i].accuracy, b[i].accuracy);
    }
}

TEST(PsychophysicsMetrics, AccuracyAndEntropyPerObserverAndTheHumanMean)
{
    test::TempDir dir;
    writeToyExperiment(dir.path());
    const auto table = core::TrialCsvReader::readDirectory(dir.path().string());
    const auto rows = core::ConditionSummary::compute(table);

    const auto *s1 = findRow(rows, "subject-01", "a");
    ASSERT_NE(s1, nullptr);
    EXPECT_EQ(s1->n, 4);
    EXPECT_NEAR(s1->accuracy, 0.5, kExactTolerance); // 2 of 4, "na" wrong
    // Responses cat 1, dog 2 ("na" left out): H(1/3, 2/3) = 0.918295834 bits.
    EXPECT_NEAR(s1->entropy, entropy({1.0 / 3, 2.0 / 3}), kExactTolerance);
    EXPECT_NEAR(s1->entropy, 0.918295834, 1e-9);
    const auto *s2 = findRow(rows, "subject-02", "a");
    ASSERT_NE(s2, nullptr);
    EXPECT_NEAR(s2->accuracy, 0.75, kExactTolerance);
    EXPECT_NEAR(s2->entropy, 0.811278124, 1e-9); // cat 3, dog 1
    const auto *humans = findRow(rows, "humans", "a");
    ASSERT_NE(humans, nullptr);
    EXPECT_EQ(humans->n, 8);
    EXPECT_EQ(humans->units, 2);
    EXPECT_NEAR(humans->accuracy, 0.625, kExactTolerance);
    EXPECT_NEAR(humans->entropy, (0.918295834 + 0.811278124) / 2, 1e-9);
    EXPECT_NEAR(humans->accuracyMin, 0.5, kExactTolerance);
    EXPECT_NEAR(humans->accuracyMax, 0.75, kExactTolerance);
    // subject-02 in b answered "bird", never presented: a response label all the same.
    const auto *s2b = findRow(rows, "subject-02", "b");
    ASSERT_NE(s2b, nullptr);
    EXPECT_NEAR(s2b->accuracy, 0.5, kExactTolerance);
    EXPECT_NEAR(s2b->entropy, 1.0, kExactTolerance);

    // DNN: the mean over sessions, not the pooled fraction. Sums: session 1 1/2, session 2
    // 3/4 -> 0.625 (pooled would be 4/6); entropy: session 1 all dog 0, session 2 cat 2 dog 2
    // 1 -> 0.5.
    const auto *net = findRow(rows, "net", "a");
    ASSERT_NE(net, nullptr);
    EXPECT_EQ(net->kind, core::ObserverKind::Dnn);
    EXPECT_EQ(net->n, 6);
    EXPECT_EQ(net->units, 2);
    EXPECT_NEAR(net->accuracy, 0.625, kExactTolerance);
    EXPECT_NEAR(net->entropy, 0.5, kExactTolerance);
    core::TrialReadOptions plain;
    plain.dnnResponseColumn = "object_response";
    const auto plainRows = core::ConditionSummary::compute(
        core::TrialCsvReader::readDirectory(dir.path().string(), plain));
    const auto *netPlain = findRow(plainRows, "net", "a");
    ASSERT_NE(netPlain, nullptr);
    EXPECT_NEAR(netPlain->accuracy, (1.0 + 0.75) / 2, kExactTolerance);
    EXPECT_NEAR(netPlain->entropy, 1.0, kExactTolerance);
    // No humans row for a DNN-only condition, and rows of one experiment: humans first.
    EXPECT_EQ(rows.front().observer, "subject-01");
    EXPECT_EQ(rows.back().observer, "humans");
    EXPECT_EQ(rows.back().condition, "b");
}

TEST(PsychophysicsMetrics, ModelVsHumanEntropyKeepsNaInTheDenominator)
{
    test::TempDir dir;
    writeToyExperiment(dir.path());
    const auto table = core::TrialCsvReader::readDirectory(dir.path().string());
    const auto counts
        = core::ResponseCounts::count(table, core::ResponseCounts::Grouping::PaperUnits);
    const auto subject = table.observerNames().find("subject-01");
    const auto a = table.conditionNames().find("a");
    bool found = false;
    for (std::size_t u = 0; u < counts.unitCount(); ++u) {
        if (counts.unit(u).observer != subject || counts.unit(u).condition != a)
            continue;
        found = true;
        // p(cat) = 1/4, p(dog) = 2/4 over all four trials: 0.5 + 0.5 = 1 bit.
        EXPECT_NEAR(counts.responseEntropyModelVsHuman(u), 1.0, kExactTolerance);
        EXPECT_NEAR(counts.responseEntropy(u), 0.918295834, 1e-9);
        EXPECT_EQ(counts.trials(u), 4);
        EXPECT_EQ(counts.correct(u), 2);
    }
    EXPECT_TRUE(found);
}

TEST(PsychophysicsMetrics, ConfusionMatrixPooledOverHumansWithTheNaRow)
{
    test::TempDir dir;
    writeToyExperiment(dir.path());
    const auto table = core::TrialCsvReader::readDirectory(dir.path().string());
    const auto counts
        = core::ResponseCounts::count(table, core::ResponseCounts::Grouping::PaperUnits);
    const auto a = table.conditionNames().find("a");
    std::vector<std::size_t> humans;
    for (std::size_t u = 0; u < counts.unitCount(); ++u)
        if (counts.unit(u).condition == a && counts.unit(u).kind == core::ObserverKind::Human)
            humans.push_back(u);
    ASSERT_EQ(humans.size(), 2u);
    const auto matrix = core::ConfusionMatrix::pool(counts, humans, table.labelNames());
    ASSERT_EQ(matrix.columnNames(), (std::vector<std::string> {"cat", "dog"}));
    ASSERT_EQ(matrix.rowNames(), (std::vector<std::string> {"cat", "dog", "na"}));
    // Presented cat: answered cat 3, dog 1, na 0 -> 75 / 25 / 0 %.
    // Presented dog: answered cat 1, dog 2, na 1 -> 25 / 50 / 25 %.
    EXPECT_EQ(matrix.count(0, 0), 3);
    EXPECT_EQ(matrix.count(1, 0), 1);
    EXPECT_EQ(matrix.count(2, 0), 0);
    EXPECT_EQ(matrix.count(0, 1), 1);
    EXPECT_EQ(matrix.count(1, 1), 2);
    EXPECT_EQ(matrix.count(2, 1), 1);
    EXPECT_EQ(matrix.columnTotal(0), 4);
    EXPECT_EQ(matrix.columnTotal(1), 4);
    EXPECT_NEAR(matrix.percent(0, 0), 75.0, kExactTolerance);
    EXPECT_NEAR(matrix.percent(2, 1), 25.0, kExactTolerance);
    for (std::size_t c = 0; c < matrix.columnCount(); ++c) {
        double sum = 0.0;
        for (std::size_t r = 0; r < matrix.rowCount(); ++r)
            sum += matrix.percent(r, c);
        EXPECT_NEAR(sum, 100.0, 1e-9);
    }
    // Condition b: subject-02 answered "bird", never presented: a row, not a column.
    const auto b = table.conditionNames().find("b");
    std::vector<std::size_t> humansB;
    for (std::size_t u = 0; u < counts.unitCount(); ++u)
        if (counts.unit(u).condition == b && counts.unit(u).kind == core::ObserverKind::Human)
            humansB.push_back(u);
    const auto matrixB = core::ConfusionMatrix::pool(counts, humansB, table.labelNames());
    EXPECT_EQ(matrixB.columnNames(), (std::vector<std::string> {"cat", "dog"}));
    EXPECT_EQ(matrixB.rowNames(), (std::vector<std::string> {"bird", "cat", "dog", "na"}));
}

TEST(PsychophysicsMetrics, ErrorConsistencyKappaOnSharedImages)
{
    // A: 1 1 0 1 0 1 (p1 = 4/6); B: 1 0 0 1 0 0 (p2 = 2/6) on images 1..6; B also saw 7.
    // c_obs = 4/6; c_exp = (2/3)(1/3) + (1/3)(2/3) = 4/9; kappa = (2/3 - 4/9)/(5/9) = 0.4;
    // accuracy difference (p1 - p2)^2 = 1/9.
    core::ErrorConsistency::Trials a
        = {{6, true}, {1, true}, {2, true}, {3, false}, {4, true}, {5, false}};
    core::ErrorConsistency::Trials b
        = {{3, false}, {1, true}, {7, false}, {2, false}, {5, false}, {4, true}, {6, false}};
    const auto r = core::ErrorConsistency::compute(a, b);
    EXPECT_EQ(r.n, 6);
    EXPECT_NEAR(r.accuracyA, 4.0 / 6, kExactTolerance);
    EXPECT_NEAR(r.accuracyB, 2.0 / 6, kExactTolerance);
    EXPECT_NEAR(r.observed, 4.0 / 6, kExactTolerance);
    EXPECT_NEAR(r.expected, 4.0 / 9, kExactTolerance);
    EXPECT_NEAR(r.kappa, 0.4, kExactTolerance);
    EXPECT_NEAR(r.accuracyDifference, 1.0 / 9, kExactTolerance);
    // Perfect agreement: kappa := 1 even when c_exp = 1 (both always right).
    const auto same = core::ErrorConsistency::fromCorrectness({true, true}, {true, true});
    EXPECT_EQ(same.kappa, 1.0);
    EXPECT_EQ(same.expected, 1.0);
    // Nothing shared: NaN, n = 0.
    const auto none = core::ErrorConsistency::compute({{1, true}}, {{2, true}});
    EXPECT_EQ(none.n, 0);
    EXPECT_TRUE(std::isnan(none.kappa));
}

TEST(PsychophysicsMetrics, ErrorPatternDistanceAndTheConsistencyTable)
{
    test::TempDir dir;
    writeToyExperiment(dir.path());
    const auto table = core::TrialCsvReader::readDirectory(dir.path().string());
    const auto rows = core::ConsistencyTable::compute(table, 0);
    // Condition a: subject-01, subject-02, net -> 3 pairs; condition b: the two subjects.
    ASSERT_EQ(rows.size(), 4u);
    const core::ConsistencyRow *humans = nullptr, *humanNet = nullptr;
    for (const auto &row : rows) {
        if (row.condition != "a")
            continue;
        if (row.observerA == "subject-01" && row.observerB == "subject-02")
            humans = &row;
        if (row.observerA == "subject-01" && row.observerB == "net")
            humanNet = &row;
    }
    ASSERT_NE(humans, nullptr);
    ASSERT_NE(humanNet, nullptr);
    // Error rates over answered trials: subject-01 cat 1/2, dog 0/1 -> P = (1, 0);
    // subject-02 cat 0/2, dog 1/2 -> Q = (0, 1); L2 = 2.
    EXPECT_NEAR(humans->errorPatternDistance, 2.0, kExactTolerance);
    // net (sessions pooled, sums): cat 1/2, dog 1/4 -> (2/3, 1/3); vs (1, 0): 2/9.
    EXPECT_NEAR(humanNet->errorPatternDistance, 2.0 / 9, kExactTolerance);
    // Shared images of the two subjects in a: n001_1, n001_2, n002_1, n002_2;
    // correct s01 1 0 0 1, s02 1 1 1 0 -> c_obs = 1/4, p1 = 1/2, p2 = 3/4,
    // c_exp = 3/8 + 1/8 = 1/2, kappa = (1/4 - 1/2)/(1/2) = -0.5.
    EXPECT_EQ(humans->consistency.n, 4);
    EXPECT_NEAR(humans->consistency.observed, 0.25, kExactTolerance);
    EXPECT_NEAR(humans->consistency.expected, 0.5, kExactTolerance);
    EXPECT_NEAR(humans->consistency.kappa, -0.5, kExactTolerance);
    EXPECT_NEAR(humans->consistency.accuracyDifference, 0.0625, kExactTolerance);
    // The net saw other images: nothing to match.
    EXPECT_EQ(humanNet->consistency.n, 0);
    EXPECT_TRUE(std::isnan(humanNet->consistency.kappa));
    // P and Q by hand through the public helper.
    const auto p = std::vector<double> {1.0, 0.0};
    EXPECT_NEAR(core::ErrorPatternDistance::distance(p, {2.0 / 3, 1.0 / 3}), 2.0 / 9,
                kExactTolerance);
    EXPECT_TRUE(std::isnan(core::ErrorPatternDistance::distance(p, {1.0})));
}

TEST(PsychophysicsReader, AnErrorInAPrefetchedFileNamesThatFile)
{
    test::TempDir dir;
    writeToyExperiment(dir.path());
    // Files are read ahead on a second thread; an error there still names the file, and the
    // reader stops cleanly.
    const fs::path bad
        = dir.path() / "TF" / "toy-experiment" / "toy-experiment_zz_session_1.csv.gz";
    test::writeBytes(bad.string(), std::string("\x1f\x8b\x08\x00broken-deflate-stream", 25));
    expectTrialError([&] { core::TrialCsvReader::readDirectory(dir.path().string()); },
                     {bad.string(), "gzip"});
    fs::remove(bad);
    const fs::path badRow
        = dir.path() / "humans" / "toy-experiment" / "toy-experiment_subject-09_session_1.csv";
    test::writeBytes(badRow.string(), std::string(kHeader2018) + "subject-09,1,1,0.5,cat,cat\n");
    expectTrialError([&] { core::TrialCsvReader::readDirectory(dir.path().string()); },
                     {badRow.string(), "line 2", "found 6"});
}
