// SPDX-License-Identifier: GPL-3.0-or-later
// CSV tables, seeded splits, k-fold and standardisation (issue 8, item 1).
#include "sparsescope/core/data/CsvTable.h"
#include "Fixtures.h"
#include "sparsescope/core/Error.h"
#include "sparsescope/core/data/TableScaler.h"
#include "sparsescope/core/data/TableSplit.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numeric>
#include <set>

using namespace sparsescope;
using core::CsvOptions;
using core::CsvTable;

namespace {

CsvOptions withTarget(const std::string &target)
{
    CsvOptions options;
    options.target = target;
    return options;
}

/// The core::Error message of parsing `text`, or "" when it parses.
std::string parseError(const std::string &text, const CsvOptions &options)
{
    try {
        CsvTable::parse(text, "fixture.csv", options);
    } catch (const core::Error &e) {
        return e.what();
    }
    return {};
}

} // namespace

TEST(CsvTable, QuotedFieldsHoldDelimitersQuotesAndLineBreaks)
{
    const std::string text = "\"x,1\",\"x \"\"2\"\"\",colour,target\r\n"
                             "\"1.5\",2,\"red, dark\",3\r\n"
                             "4,\"5\",\"blue\nsky\",6\r\n"
                             "7,8,\"red, dark\",9\r\n";
    CsvOptions options = withTarget("target");
    options.oneHot = true;
    const auto table = CsvTable::parse(text, "fixture.csv", options);
    ASSERT_EQ(table.rows(), 3u);
    const std::vector<std::string> names {"x,1", "x \"2\"", "colour=blue\nsky", "colour=red, dark"};
    EXPECT_EQ(table.featureNames(), names);
    EXPECT_FLOAT_EQ(table.value(0, 0), 1.5f);
    EXPECT_FLOAT_EQ(table.value(1, 1), 5.0f);
    EXPECT_FLOAT_EQ(table.value(0, 3), 1.0f);
    EXPECT_FLOAT_EQ(table.value(1, 2), 1.0f);
    EXPECT_FLOAT_EQ(table.value(1, 3), 0.0f);
    EXPECT_EQ(table.targets(), (std::vector<float> {3, 6, 9}));
    EXPECT_EQ(table.task(), core::TabularTask::Regression);
    // The record after the quoted line break starts on physical line 5.
    EXPECT_EQ(table.lineNumbers(), (std::vector<int> {2, 3, 5}));
}

TEST(CsvTable, NonNumericColumnIsAnErrorWithoutOneHot)
{
    const std::string text = "a,colour,y\n1,red,2\n3,blue,4\n";
    const auto message = parseError(text, withTarget("y"));
    EXPECT_NE(message.find("fixture.csv"), std::string::npos) << message;
    EXPECT_NE(message.find("line 2"), std::string::npos) << message;
    EXPECT_NE(message.find("colour"), std::string::npos) << message;
    EXPECT_NE(message.find("--one-hot"), std::string::npos) << message;
}

TEST(CsvTable, MissingValuesAreAnErrorOrImputedFromTheTrainingRows)
{
    const std::string text = "a,b,y\n1,10,0\n,20,1\n3,NA,2\n100,40,3\n";
    const auto message = parseError(text, withTarget("y"));
    EXPECT_NE(message.find("line 3"), std::string::npos) << message;
    EXPECT_NE(message.find("missing value in column 'a'"), std::string::npos) << message;

    CsvOptions options = withTarget("y");
    options.missing = core::MissingValues::MeanImpute;
    const auto table = CsvTable::parse(text, "fixture.csv", options);
    EXPECT_EQ(table.missingCount(), 2u);
    EXPECT_TRUE(std::isnan(table.value(1, 0)));
    EXPECT_TRUE(std::isnan(table.value(2, 1)));
    // Fitted on rows 0-2: the mean of a ignores the NaN and the test row 3.
    const auto scaler = core::TableScaler::fit(table, {0, 1, 2});
    EXPECT_DOUBLE_EQ(scaler.mean()[0], 2.0);
    EXPECT_DOUBLE_EQ(scaler.mean()[1], 15.0);
    const auto x = scaler.transform(table, {1, 2, 3});
    EXPECT_FLOAT_EQ(x[0], 0.0f); // imputed a: the training mean
    EXPECT_FLOAT_EQ(x[3], 0.0f); // imputed b
    EXPECT_FLOAT_EQ(x[4], float((100.0 - 2.0) / 1.0)); // a: mean 2, population sd 1
}

TEST(CsvTable, MissingTargetIsAlwaysAnError)
{
    CsvOptions options = withTarget("y");
    options.missing = core::MissingValues::MeanImpute;
    const auto message = parseError("a,y\n1,2\n3,\n", options);
    EXPECT_NE(message.find("line 3"), std::string::npos) << message;
    EXPECT_NE(message.find("target"), std::string::npos) << message;
}

TEST(CsvTable, BadRowsNameTheFileAndTheLine)
{
    test::TempDir dir;
    const auto path = dir.file("bad.csv");
    test::writeBytes(path, "count line\na,b,y\n1,2,3\n4,5\n");
    CsvOptions options = withTarget("y");
    options.skipRows = 1;
    try {
        CsvTable::read(path, options);
        FAIL() << "no error";
    } catch (const core::Error &e) {
        EXPECT_EQ(e.file(), path);
        EXPECT_NE(e.problem().find("line 4"), std::string::npos) << e.what();
        EXPECT_NE(e.problem().find("expected 3 fields, found 2"), std::string::npos) << e.what();
    }
    EXPECT_NE(parseError("a,y\n\"1,2\n", withTarget("y")).find("line 2: unterminated"),
              std::string::npos);
    EXPECT_NE(parseError("a,y\n\"1\"x,2\n", withTarget("y")).find("line 2"), std::string::npos);
    EXPECT_NE(parseError("a,y\n1,2\n", withTarget("z")).find("no column named 'z'"),
              std::string::npos);
    EXPECT_NE(parseError("a,y\n1,x\n2,3\n",
                         [] {
                             CsvOptions o = withTarget("y");
                             o.autoTask = false;
                             return o;
                         }())
                  .find("line 2: target 'y' is not a number"),
              std::string::npos);
    try {
        CsvTable::read(dir.file("absent.csv"), options);
        FAIL() << "no error";
    } catch (const core::Error &e) {
        EXPECT_EQ(e.file(), dir.file("absent.csv"));
    }
}

TEST(CsvTable, SkipRowsNoHeaderDelimiterAndClassLabels)
{
    // scikit-learn's layout: a count line, then rows without a header; ';' as the delimiter.
    const std::string text = "4;2;no;yes\n0.5;1;no\n1.5;2;yes\n2.5;3;yes\n3.5;4;no\n";
    CsvOptions options;
    options.skipRows = 1;
    options.header = false;
    options.delimiter = ';';
    options.target = "2";
    const auto table = CsvTable::parse(text, "fixture.csv", options);
    EXPECT_EQ(table.task(), core::TabularTask::Classification);
    EXPECT_EQ(table.classNames(), (std::vector<std::string> {"no", "yes"}));
    EXPECT_EQ(table.targets(), (std::vector<float> {0, 1, 1, 0}));
    EXPECT_EQ(table.featureNames(), (std::vector<std::string> {"0", "1"}));
    // Numeric labels sort numerically and "1" equals "1.0".
    CsvOptions numeric = withTarget("y");
    numeric.autoTask = false;
    numeric.task = core::TabularTask::Classification;
    const auto classes = CsvTable::parse("a,y\n1,10\n2,9\n3,1.0\n4,1\n", "f.csv", numeric);
    EXPECT_EQ(classes.classNames(), (std::vector<std::string> {"1.0", "9", "10"}));
    EXPECT_EQ(classes.targets(), (std::vector<float> {2, 1, 0, 0}));
}

TEST(CsvTable, NoiseFeaturesAreSeededStandardNormal)
{
    const auto table = CsvTable::parse("a,y\n1,2\n3,4\n", "f.csv", withTarget("y"));
    const auto a = table.withNoiseFeatures(3, 7);
    const auto b = table.withNoiseFeatures(3, 7);
    const auto c = table.withNoiseFeatures(3, 8);
    EXPECT_EQ(a.features(), 4u);
    EXPECT_EQ(a.featureNames().back(), "noise3");
    EXPECT_EQ(a.values(), b.values());
    EXPECT_NE(a.values(), c.values());
    EXPECT_FLOAT_EQ(a.value(1, 0), 3.0f);
    EXPECT_EQ(table.withNoiseFeatures(0, 1).values(), table.values());
    std::string rows = "a,y\n";
    for (int i = 0; i < 4000; ++i)
        rows += "0,0\n";
    const auto big = CsvTable::parse(rows, "f.csv", withTarget("y")).withNoiseFeatures(1, 3);
    double sum = 0, squares = 0;
    for (std::size_t r = 0; r < big.rows(); ++r) {
        sum += big.value(r, 1);
        squares += double(big.value(r, 1)) * big.value(r, 1);
    }
    const double mean = sum / double(big.rows());
    EXPECT_NEAR(mean, 0.0, 0.06);
    EXPECT_NEAR(std::sqrt(squares / double(big.rows()) - mean * mean), 1.0, 0.05);
}

TEST(TableSplit, KFoldPartitionsTheRows)
{
    const std::size_t rows = 23;
    const auto folds = core::TableSplit::kFold(rows, 5, 11, 0.25);
    ASSERT_EQ(folds.size(), 5u);
    std::vector<int> timesTested(rows, 0);
    std::vector<std::size_t> sizes;
    for (const auto &f : folds) {
        sizes.push_back(f.test.size());
        for (auto r : f.test)
            ++timesTested[r];
        // Within a fold: train, validation and test are disjoint and cover every row.
        std::multiset<std::size_t> all(f.train.begin(), f.train.end());
        all.insert(f.validation.begin(), f.validation.end());
        all.insert(f.test.begin(), f.test.end());
        EXPECT_EQ(all.size(), rows);
        EXPECT_EQ(std::set<std::size_t>(all.begin(), all.end()).size(), rows);
        EXPECT_FALSE(f.validation.empty());
        EXPECT_TRUE(std::is_sorted(f.train.begin(), f.train.end()));
        EXPECT_EQ(f.trainAndValidation().size(), rows - f.test.size());
    }
    for (int t : timesTested)
        EXPECT_EQ(t, 1);
    std::sort(sizes.begin(), sizes.end());
    EXPECT_EQ(sizes, (std::vector<std::size_t> {4, 4, 5, 5, 5}));
    // Seeded: the same seed gives the same folds, another seed others.
    EXPECT_EQ(core::TableSplit::kFold(rows, 5, 11, 0.25)[2].test, folds[2].test);
    EXPECT_NE(core::TableSplit::kFold(rows, 5, 12, 0.25)[2].test, folds[2].test);
    EXPECT_THROW(core::TableSplit::kFold(rows, 1, 1), core::Error);
}

TEST(TableSplit, RandomSplitSizesAndSeeds)
{
    const auto split = core::TableSplit::random(100, 0.2, 0.25, 5);
    EXPECT_EQ(split.test.size(), 20u);
    EXPECT_EQ(split.validation.size(), 20u);
    EXPECT_EQ(split.train.size(), 60u);
    EXPECT_EQ(core::TableSplit::random(100, 0.2, 0.25, 5).test, split.test);
    EXPECT_NE(core::TableSplit::random(100, 0.2, 0.25, 6).test, split.test);
}

TEST(TableSplit, FixedTestRows)
{
    const auto split = core::TableSplit::withTestRows(10, {7, 2, 9}, 0.3, 1);
    EXPECT_EQ(split.test, (std::vector<std::size_t> {2, 7, 9}));
    EXPECT_EQ(split.validation.size(), 2u); // round(0.3 · 7)
    EXPECT_EQ(split.train.size() + split.validation.size(), 7u);
    EXPECT_EQ(core::TableSplit::withTestRows(10, {7, 2, 9}, 0.3, 2).test, split.test);
    EXPECT_THROW(core::TableSplit::withTestRows(10, {10}, 0.0, 1), core::Error);
    EXPECT_THROW(core::TableSplit::withTestRows(10, {3, 3}, 0.0, 1), core::Error);
    EXPECT_THROW(core::TableSplit::withTestRows(10, {}, 0.0, 1), core::Error);
}

TEST(TableScaler, StandardisationUsesTheTrainingRowsOnly)
{
    // Rows 0-3 train; row 4 (test) is far away and must not move the fit.
    const auto table = CsvTable::parse("a,b,y\n1,5,0\n2,5,0\n3,5,0\n4,5,0\n1000,-7,0\n", "f.csv",
                                       withTarget("y"));
    const auto scaler = core::TableScaler::fit(table, {0, 1, 2, 3});
    EXPECT_DOUBLE_EQ(scaler.mean()[0], 2.5);
    EXPECT_DOUBLE_EQ(scaler.scale()[0], std::sqrt(1.25)); // population sd
    EXPECT_DOUBLE_EQ(scaler.scale()[1], 1.0); // constant column
    const auto train = scaler.transform(table, {0, 1, 2, 3});
    double sum = 0, squares = 0;
    for (int r = 0; r < 4; ++r) {
        sum += train[std::size_t(r) * 2];
        squares += double(train[std::size_t(r) * 2]) * train[std::size_t(r) * 2];
    }
    EXPECT_NEAR(sum / 4, 0.0, 1e-6);
    EXPECT_NEAR(squares / 4, 1.0, 1e-6);
    const auto test = scaler.transform(table, {4});
    EXPECT_FLOAT_EQ(test[0], float((1000 - 2.5) / std::sqrt(1.25)));
    EXPECT_FLOAT_EQ(test[1], -12.0f);
}

// Issue 19.2: fields and lines longer than any table needs are refused with their line.
TEST(CsvTable, FieldAndLineBudgets)
{
    const std::string longField = "a,y\n1,2\n" + std::string((1u << 20) + 1, '7') + ",3\n";
    const std::string fieldError = parseError(longField, {});
    EXPECT_NE(fieldError.find("fixture.csv: line 3: a field of 1048577 bytes"), std::string::npos)
        << fieldError;
    std::string wide = "a,y\n";
    for (int i = 0; i < 17; ++i)
        wide += std::string(1u << 20, '1') + ",";
    wide += "2\n";
    const std::string lineError = parseError(wide, {});
    EXPECT_NE(lineError.find("line 2: a line of"), std::string::npos) << lineError;
    EXPECT_NE(lineError.find("at most 16 MiB"), std::string::npos) << lineError;
    // Just under the field budget parses (and fails later only for what it is).
    const std::string fits = "a,y\n" + std::string((1u << 20) - 1, '0') + "7,3\n4,5\n";
    EXPECT_EQ(parseError(fits, {}), "");
}
