// SPDX-License-Identifier: GPL-3.0-or-later
// Loads every trial of the 2018 data (82,880 human + 260,160 DNN) and computes every accuracy,
// entropy and confusion table; prints the times. bench/psychophysics_pandas.py runs this and
// the same work in pandas, and prints the ratio.
#include "sparsescope/core/psychophysics/ConditionSummary.h"
#include "sparsescope/core/psychophysics/ConfusionMatrix.h"
#include "sparsescope/core/psychophysics/ResponseCounts.h"
#include "sparsescope/core/psychophysics/TrialCsvReader.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <tuple>
#include <vector>

using namespace sparsescope;

namespace {

double seconds(std::chrono::steady_clock::time_point from)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - from).count();
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

} // namespace

int main(int argc, char **argv)
{
    CLI::App app {"Psychophysics load + tables benchmark (2018 data)"};
    std::string data;
    int repeats = 5;
    app.add_option("--data", data, "clone of generalisation-humans-DNNs or its raw-data folder")
        ->required();
    app.add_option("--repeats", repeats, "rounds (the median is printed)");
    CLI11_PARSE(app, argc, argv);

    std::vector<double> loads, tables, totals;
    std::size_t trials = 0, summaryRows = 0, confusionTables = 0;
    double accuracySum = 0.0, entropySum = 0.0;
    for (int round = 0; round < repeats; ++round) {
        const auto start = std::chrono::steady_clock::now();
        const auto table = core::TrialCsvReader::readDirectory(data);
        const double load = seconds(start);

        const auto tablesStart = std::chrono::steady_clock::now();
        const auto counts
            = core::ResponseCounts::count(table, core::ResponseCounts::Grouping::PaperUnits);
        const auto rows = core::ConditionSummary::compute(table, counts);
        // Confusion matrices per experiment and condition: all humans pooled, each subject, each
        // DNN (its sessions pooled).
        std::map<std::tuple<std::int32_t, std::int32_t, std::int32_t>, std::vector<std::size_t>>
            groups; // (experiment, condition, observer or -1 for the pooled humans)
        for (std::size_t u = 0; u < counts.unitCount(); ++u) {
            const auto &unit = counts.unit(u);
            groups[{unit.experiment, unit.condition, unit.observer}].push_back(u);
            if (unit.kind == core::ObserverKind::Human)
                groups[{unit.experiment, unit.condition, -1}].push_back(u);
        }
        std::size_t confusions = 0;
        double diagonal = 0.0;
        for (const auto &[key, units] : groups) {
            const auto matrix = core::ConfusionMatrix::pool(counts, units, table.labelNames());
            diagonal += matrix.percent(0, 0);
            ++confusions;
        }
        const double tablesTime = seconds(tablesStart);
        loads.push_back(load);
        tables.push_back(tablesTime);
        totals.push_back(load + tablesTime);

        trials = table.size();
        summaryRows = rows.size();
        confusionTables = confusions;
        accuracySum = entropySum = 0.0;
        for (const auto &row : rows) {
            accuracySum += row.accuracy;
            entropySum += row.entropy;
        }
        if (diagonal < 0)
            std::printf("impossible\n"); // keeps the matrices observable
    }
    std::printf("trials=%zu summary_rows=%zu confusion_tables=%zu accuracy_sum=%.6f "
                "entropy_sum=%.6f\n",
                trials, summaryRows, confusionTables, accuracySum, entropySum);
    std::printf("cpp_load_seconds=%.4f cpp_tables_seconds=%.4f cpp_total_seconds=%.4f "
                "(median of %d; min total %.4f)\n",
                median(loads), median(tables), median(totals), repeats,
                *std::min_element(totals.begin(), totals.end()));
    return 0;
}
