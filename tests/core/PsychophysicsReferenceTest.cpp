// SPDX-License-Identifier: GPL-3.0-or-later
// Psychophysics against the released data in ../shared/reference/human-data (never copied into
// the project; skipped with a message when absent):
// - the summary of every 2018 experiment equals the released per-condition accuracy tables
//   (raw-accuracies/TF/*_sums_TF.csv) for humans and the three DNNs to 1e-4;
// - the response entropies equal the tables of methods.md §4.8 (two decimals);
// - kappa, observed and expected consistency of model-vs-human human pairs equal an
//   independent computation here (a plain getline parser and std::map join), and the
//   human-human means over the 12 datasets equal the data README's reference values.
#include "Fixtures.h"
#include "sparsescope/core/psychophysics/ConditionOrder.h"
#include "sparsescope/core/psychophysics/ConditionSummary.h"
#include "sparsescope/core/psychophysics/ConsistencyTable.h"
#include "sparsescope/core/psychophysics/TrialCsvReader.h"
#include "sparsescope/core/psychophysics/TrialCsvWriter.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

using namespace sparsescope;
namespace fs = std::filesystem;

namespace {

const fs::path kHumanData = test::referenceDir() / "human-data";
const fs::path k2018 = kHumanData / "generalisation-humans-DNNs";
const fs::path kModelVsHuman = kHumanData / "model-vs-human" / "raw-data";
const fs::path kMethods = test::referenceDir() / "methods.md";

#define SKIP_WITHOUT(location)                                                                     \
    SPARSESCOPE_REQUIRE_REFERENCE(fs::path(location),                                              \
                                  "clone https://github.com/rgeirhos/generalisation-humans-DNNs")

std::vector<std::string> splitCsv(const std::string &line)
{
    std::vector<std::string> fields;
    std::stringstream stream(line);
    std::string field;
    while (std::getline(stream, field, ','))
        fields.push_back(
            field.size() >= 2 && field.front() == '"' ? field.substr(1, field.size() - 2) : field);
    return fields;
}

/// The summary rows of the whole 2018 data set, read once.
const std::vector<core::ConditionSummaryRow> &summary2018()
{
    static const std::vector<core::ConditionSummaryRow> rows
        = core::ConditionSummary::compute(core::TrialCsvReader::readDirectory(k2018.string()));
    return rows;
}

const core::ConditionSummaryRow *find(const std::string &experiment, const std::string &observer,
                                      const std::string &condition)
{
    for (const auto &row : summary2018())
        if (row.experiment == experiment && row.observer == observer && row.condition == condition)
            return &row;
    return nullptr;
}

/// The raw-data condition code of a label in the released accuracy tables.
std::string conditionCode(const std::string &experiment, const std::string &label,
                          const std::string &coherence)
{
    static const std::map<std::pair<std::string, std::string>, std::string> names = {
        {{"colour", "colour"}, "cr"},
        {{"colour", "greyscale"}, "bw"},
        {{"false-colour", "true"}, "true"},
        {{"false-colour", "opponent"}, "false"},
        {{"power-equalisation", "original"}, "0"},
        {{"power-equalisation", "equalised"}, "pow"},
    };
    if (const auto it = names.find({experiment, label}); it != names.end())
        return it->second;
    if (experiment == "eidolon") // condition k = reach 2^k
        return std::to_string(1 << std::stoi(label)) + "-" + coherence + "-10";
    return label;
}

/// Matches a released label with a raw-data code: equal, or equal as numbers (0 ↔ 0.00,
/// Inf ↔ inf).
bool sameCondition(const std::string &released, const std::string &code)
{
    double x = 0.0, y = 0.0;
    if (core::ConditionOrder::numericValue(released, x)
        && core::ConditionOrder::numericValue(code, y))
        return x == y;
    return released == code;
}

} // namespace

TEST(PsychophysicsReference, SummaryEqualsTheReleasedAccuracyTables)
{
    SKIP_WITHOUT(k2018);
    const std::vector<std::pair<std::string, std::string>> tables
        = {{"colour", ""},       {"contrast", ""},         {"contrast-png", ""},
           {"false-colour", ""}, {"highpass", ""},         {"lowpass", ""},
           {"noise", ""},        {"phase-scrambling", ""}, {"power-equalisation", ""},
           {"rotation", ""},     {"eidolon", "0"},         {"eidolon", "3"},
           {"eidolon", "10"}};
    int compared = 0;
    double worst = 0.0;
    std::set<std::string> experiments;
    for (const auto &[experiment, coherence] : tables) {
        const std::string name = experiment + "_accuracies"
            + (coherence.empty() ? "" : "_coh_" + coherence) + "_sums_TF.csv";
        std::ifstream in(k2018 / "raw-accuracies" / "TF" / name);
        ASSERT_TRUE(in) << name;
        std::string line;
        std::getline(in, line);
        const auto header = splitCsv(line);
        ASSERT_EQ(
            header,
            (std::vector<std::string> {"condition", "humans", "googlenet", "vgg19", "resnet152"}))
            << name;
        int rowsInFile = 0;
        while (std::getline(in, line)) {
            if (line.empty())
                continue;
            const auto fields = splitCsv(line);
            ASSERT_EQ(fields.size(), 5u) << name << ": " << line;
            const std::string code = conditionCode(experiment, fields[0], coherence);
            // Find the summary's condition spelled as in the raw data.
            for (std::size_t column = 1; column < 5; ++column) {
                const core::ConditionSummaryRow *row = nullptr;
                for (const auto &candidate : summary2018())
                    if (candidate.experiment == experiment && candidate.observer == header[column]
                        && sameCondition(code, candidate.condition))
                        row = &candidate;
                ASSERT_NE(row, nullptr) << name << " " << fields[0] << " " << header[column];
                const double released = std::stod(fields[column]);
                EXPECT_NEAR(row->accuracy, released, 1e-4)
                    << name << " " << fields[0] << " " << header[column];
                worst = std::max(worst, std::abs(row->accuracy - released));
                ++compared;
            }
            ++rowsInFile;
        }
        EXPECT_GE(rowsInFile, 2) << name;
        experiments.insert(experiment);
    }
    EXPECT_EQ(experiments.size(), 11u);
    // 2 + 8 + 8 + 2 + 8 + 8 + 8 + 7 + 2 + 4 + 3 × 8 conditions × 4 observers.
    EXPECT_EQ(compared, 81 * 4);
    std::printf("[ compared ] %d released accuracies, max |difference| %.3g\n", compared, worst);
}

TEST(PsychophysicsReference, EntropyEqualsTheTablesOfMethodsSection4_8)
{
    SKIP_WITHOUT(k2018);
    SKIP_WITHOUT(kMethods);
    std::ifstream in(kMethods);
    std::string line;
    bool inSection = false;
    std::string experiment;
    int compared = 0;
    double worst = 0.0;
    const std::vector<std::string> observers = {"humans", "googlenet", "vgg19", "resnet152"};
    while (std::getline(in, line)) {
        if (line.rfind("## 4.8", 0) == 0) {
            inSection = true;
            continue;
        }
        if (!inSection)
            continue;
        if (line.rfind("## ", 0) == 0)
            break;
        if (line.rfind("#### ", 0) == 0) {
            experiment = line.substr(5);
            continue;
        }
        if (line.rfind("| ", 0) != 0 || line.find("---") != std::string::npos
            || line.find("condition") != std::string::npos)
            continue;
        std::vector<std::string> cells;
        std::stringstream stream(line.substr(1));
        std::string cell;
        while (std::getline(stream, cell, '|')) {
            const auto begin = cell.find_first_not_of(' ');
            const auto end = cell.find_last_not_of(' ');
            if (begin != std::string::npos)
                cells.push_back(cell.substr(begin, end - begin + 1));
        }
        ASSERT_EQ(cells.size(), 5u) << line;
        for (std::size_t k = 0; k < 4; ++k) {
            const auto *row = find(experiment, observers[k], cells[0]);
            ASSERT_NE(row, nullptr) << experiment << " " << cells[0] << " " << observers[k];
            const double table = std::stod(cells[k + 1]);
            // Two decimals in the table: rounding error at most 0.005.
            EXPECT_NEAR(row->entropy, table, 0.005 + 1e-9)
                << experiment << " " << cells[0] << " " << observers[k];
            worst = std::max(worst, std::abs(row->entropy - table));
            ++compared;
        }
    }
    // 2+8+8+8+24+2+8+8+7+2+4 conditions, 4 observers each.
    EXPECT_EQ(compared, 81 * 4);
    std::printf("[ compared ] %d entropies of methods.md 4.8, max |difference| %.4f\n", compared,
                worst);
}

TEST(PsychophysicsReference, CountsOfThe2018Data)
{
    SKIP_WITHOUT(k2018);
    const auto table = core::TrialCsvReader::readDirectory(k2018.string());
    std::size_t humans = 0, na = 0;
    for (std::size_t i = 0; i < table.size(); ++i) {
        humans += table.kinds()[i] == core::ObserverKind::Human;
        na += table.kinds()[i] == core::ObserverKind::Human
            && table.responses()[i] == core::TrialTable::kNoResponse;
    }
    EXPECT_EQ(humans, 82880u);
    EXPECT_EQ(table.size() - humans, 260160u);
    EXPECT_GT(na, 0u);
    // Writing a human file read back gives the upstream bytes.
    const fs::path source = k2018 / "raw-data" / "humans" / "noise-experiment"
        / "noise-experiment_subject-01_session_1.csv";
    core::TrialTable one;
    core::TrialCsvReader::readFile(source.string(), "noise", one);
    const fs::path copy = fs::temp_directory_path() / "sparsescope-psychophysics-roundtrip.csv";
    core::TrialCsvWriter::write(one, copy.string());
    std::ifstream a(source, std::ios::binary), b(copy, std::ios::binary);
    const std::string original((std::istreambuf_iterator<char>(a)), {});
    const std::string written((std::istreambuf_iterator<char>(b)), {});
    EXPECT_EQ(written, original);
    fs::remove(copy);
}

namespace {

/// An independent κ: reads two model-vs-human CSVs with getline, joins them on the short image
/// id per condition with std::map, and applies the README's formulas.
struct IndependentConsistency
{
    double observed, expected, kappa;
    int n;
};

std::map<std::string, std::map<std::string, bool>> correctByCondition(const fs::path &file)
{
    std::map<std::string, std::map<std::string, bool>> result; // condition -> image id -> correct
    std::ifstream in(file);
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) {
        const auto f = splitCsv(line);
        const std::string &image = f.at(7);
        const auto last = image.rfind('_');
        const auto id = image.substr(image.rfind('_', last - 1) + 1);
        result[f.at(6)][id] = f.at(4) == f.at(5);
    }
    return result;
}

IndependentConsistency independent(const std::map<std::string, bool> &a,
                                   const std::map<std::string, bool> &b)
{
    int n = 0, agree = 0, rightA = 0, rightB = 0;
    for (const auto &[id, correct] : a) {
        const auto it = b.find(id);
        if (it == b.end())
            continue;
        ++n;
        agree += correct == it->second;
        rightA += correct;
        rightB += it->second;
    }
    const double p1 = double(rightA) / n, p2 = double(rightB) / n, observed = double(agree) / n;
    const double expected = p1 * p2 + (1 - p1) * (1 - p2);
    return {observed, expected, observed == 1.0 ? 1.0 : (observed - expected) / (1 - expected), n};
}

} // namespace

TEST(PsychophysicsReference, KappaOfModelVsHumanHumanPairsEqualsAnIndependentComputation)
{
    SKIP_WITHOUT(kModelVsHuman);
    // model-vs-human's EXCLUDE_CONDITIONS (data README §6.2), as raw-data spellings match them
    // numerically or case-insensitively.
    const std::map<std::string, std::vector<std::string>> excluded = {
        {"colour", {"cr"}},
        {"contrast", {"c100", "c03", "c01"}},
        {"high-pass", {"inf", "0.55", "0.45", "0.4"}},
        {"low-pass", {"0", "15", "40"}},
        {"phase-scrambling", {"0", "150", "180"}},
        {"power-equalisation", {"0"}},
        {"false-colour", {"True"}},
        {"rotation", {"0"}},
        {"eidolonI", {"1-10-10", "64-10-10", "128-10-10"}},
        {"eidolonII", {"1-3-10", "32-3-10", "64-3-10", "128-3-10"}},
        {"eidolonIII", {"1-0-10", "16-0-10", "32-0-10", "64-0-10", "128-0-10"}},
        {"uniform-noise", {"0.0", "0.6", "0.9"}},
    };
    const auto isExcluded = [&](const std::string &dataset, const std::string &condition) {
        for (const auto &label : excluded.at(dataset)) {
            std::string a = label, b = condition;
            for (auto &c : a)
                c = static_cast<char>(std::tolower(c));
            for (auto &c : b)
                c = static_cast<char>(std::tolower(c));
            if (sameCondition(a, b))
                return true;
        }
        return false;
    };
    const auto table = core::TrialCsvReader::readDirectory(kModelVsHuman.string());
    double kappaSum = 0.0, observedSum = 0.0, differenceSum = 0.0;
    int datasets = 0, checkedPairs = 0;
    for (const auto &[dataset, unused] : excluded) {
        const auto experiment = table.experimentNames().find(dataset);
        ASSERT_GE(experiment, 0) << dataset;
        const auto rows = core::ConsistencyTable::compute(table, experiment);
        std::map<std::string, std::map<std::string, std::map<std::string, bool>>> files;
        for (int s = 1; s <= 4; ++s) {
            const std::string subject = "subject-0" + std::to_string(s);
            files[subject] = correctByCondition(kModelVsHuman / dataset
                                                / (dataset + "_" + subject + "_session_1.csv"));
        }
        double kappa = 0.0, observed = 0.0, difference = 0.0;
        int used = 0;
        ASSERT_EQ(rows.size() % 6, 0u) << dataset; // 6 pairs of 4 subjects per condition
        for (const auto &row : rows) {
            const auto check = independent(files.at(row.observerA).at(row.condition),
                                           files.at(row.observerB).at(row.condition));
            EXPECT_EQ(row.consistency.n, check.n);
            EXPECT_NEAR(row.consistency.observed, check.observed, 1e-12);
            EXPECT_NEAR(row.consistency.expected, check.expected, 1e-12);
            EXPECT_NEAR(row.consistency.kappa, check.kappa, 1e-12);
            ++checkedPairs;
            if (isExcluded(dataset, row.condition))
                continue;
            kappa += row.consistency.kappa;
            observed += row.consistency.observed;
            difference += row.consistency.accuracyDifference;
            ++used;
        }
        ASSERT_GT(used, 0) << dataset;
        kappaSum += kappa / used;
        observedSum += observed / used;
        differenceSum += difference / used;
        ++datasets;
    }
    EXPECT_EQ(datasets, 12);
    // Data README §6.2 (human-human, exclusions applied, mean over the 12 datasets).
    std::printf("[ compared ] %d pair x condition rows; means: kappa %.4f c_obs %.4f "
                "accuracy difference %.5f\n",
                checkedPairs, kappaSum / datasets, observedSum / datasets,
                differenceSum / datasets);
    EXPECT_NEAR(kappaSum / datasets, 0.445, 0.0005);
    EXPECT_NEAR(observedSum / datasets, 0.807, 0.0005);
    EXPECT_NEAR(differenceSum / datasets, 0.0049, 0.00005);
}

TEST(PsychophysicsReference, KappaOfOneHandCheckedPair)
{
    SKIP_WITHOUT(kModelVsHuman);
    // colour, greyscale (bw), subject-01 vs subject-02, checked by hand with awk, sort and join
    // on the two files: 640 shared images, 585 and 567 right, 574 agreements. So
    // c_obs = 574/640, c_exp = (585·567 + 55·73)/640² = 335710/409600 and
    // kappa = (574·640 − 335710)/(409600 − 335710) = 31650/73890 = 0.428339…
    core::TrialReadOptions options;
    options.experiments = {"colour"};
    const auto table = core::TrialCsvReader::readDirectory(kModelVsHuman.string(), options);
    const auto rows = core::ConsistencyTable::compute(table, 0);
    const core::ConsistencyRow *pair = nullptr;
    for (const auto &row : rows)
        if (row.condition == "bw" && row.observerA == "subject-01" && row.observerB == "subject-02")
            pair = &row;
    ASSERT_NE(pair, nullptr);
    const auto &c = pair->consistency;
    std::printf("[ pair     ] n %lld p1 %.6f p2 %.6f c_obs %.6f c_exp %.6f kappa %.6f\n",
                static_cast<long long>(c.n), c.accuracyA, c.accuracyB, c.observed, c.expected,
                c.kappa);
    EXPECT_EQ(c.n, 640);
    EXPECT_NEAR(c.accuracyA, 585.0 / 640, 1e-12);
    EXPECT_NEAR(c.accuracyB, 567.0 / 640, 1e-12);
    EXPECT_NEAR(c.observed, 574.0 / 640, 1e-12);
    EXPECT_NEAR(c.expected, 335710.0 / 409600, 1e-12);
    EXPECT_NEAR(c.kappa, 31650.0 / 73890, 1e-12);
    EXPECT_NEAR(c.accuracyDifference, (18.0 / 640) * (18.0 / 640), 1e-12);
}
