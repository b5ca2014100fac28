// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/psychophysics/ConsistencyTable.h"

#include "common/CsvText_p.h"
#include "sparsescope/core/Error.h"
#include "sparsescope/core/psychophysics/ErrorPatternDistance.h"
#include "sparsescope/core/psychophysics/ResponseCounts.h"
#include "sparsescope/core/psychophysics/StringPool.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>

namespace sparsescope::core {

std::vector<ConsistencyRow> ConsistencyTable::compute(const TrialTable &table,
                                                      std::int32_t experiment)
{
    const auto counts
        = ResponseCounts::count(table, ResponseCounts::Grouping::Observers, experiment);
    // Unit of each (observer, condition), and its trials as (image key, correct).
    std::map<std::pair<std::int32_t, std::int32_t>, std::size_t> unitOf;
    for (std::size_t u = 0; u < counts.unitCount(); ++u)
        unitOf[{counts.unit(u).observer, counts.unit(u).condition}] = u;
    // Images are matched on their short id (model-vs-human's get_short_imagename), interned
    // here per distinct image name.
    StringPool keys;
    std::vector<std::int32_t> keyOfImage(static_cast<std::size_t>(table.imageNames().size()), -1);
    std::vector<ErrorConsistency::Trials> trials(counts.unitCount());
    for (std::size_t i = 0; i < table.size(); ++i) {
        if (table.experiments()[i] != experiment)
            continue;
        const std::size_t u = unitOf.at({table.observers()[i], table.conditions()[i]});
        std::int32_t &key = keyOfImage[static_cast<std::size_t>(table.images()[i])];
        if (key < 0)
            key = keys.intern(TrialTable::shortImageId(table.imageNames().view(table.images()[i])));
        trials[u].emplace_back(key, table.correct(i));
    }

    // Units grouped by condition, in the units' order (sorted by observer, then condition).
    std::vector<std::int32_t> conditionOrder;
    std::map<std::int32_t, std::vector<std::size_t>> byCondition;
    for (std::size_t u = 0; u < counts.unitCount(); ++u) {
        auto &units = byCondition[counts.unit(u).condition];
        if (units.empty())
            conditionOrder.push_back(counts.unit(u).condition);
        units.push_back(u);
    }
    // The first observer lists the conditions in ConditionOrder; others may add more.
    std::vector<ConsistencyRow> rows;
    for (const std::int32_t condition : conditionOrder) {
        const auto &units = byCondition[condition];
        std::vector<std::int32_t> categories;
        for (const std::size_t u : units) {
            const auto totals = counts.categoryTotals(u);
            for (std::size_t k = 1; k < totals.size(); ++k)
                if (totals[k] > 0)
                    categories.push_back(static_cast<std::int32_t>(k));
        }
        std::sort(categories.begin(), categories.end());
        categories.erase(std::unique(categories.begin(), categories.end()), categories.end());
        std::vector<std::vector<double>> patterns;
        for (const std::size_t u : units)
            patterns.push_back(ErrorPatternDistance::errorDistribution(counts, u, categories));
        for (std::size_t x = 0; x < units.size(); ++x) {
            for (std::size_t y = x + 1; y < units.size(); ++y) {
                const ResponseUnit &a = counts.unit(units[x]);
                const ResponseUnit &b = counts.unit(units[y]);
                ConsistencyRow row;
                row.experiment = table.experimentNames().string(experiment);
                row.condition = table.conditionNames().string(condition);
                row.observerA = table.observerNames().string(a.observer);
                row.observerB = table.observerNames().string(b.observer);
                row.kindA = a.kind;
                row.kindB = b.kind;
                row.consistency = ErrorConsistency::compute(trials[units[x]], trials[units[y]]);
                row.errorPatternDistance = ErrorPatternDistance::distance(patterns[x], patterns[y]);
                rows.push_back(std::move(row));
            }
        }
    }
    return rows;
}

void ConsistencyTable::writeCsv(const std::vector<ConsistencyRow> &rows, const std::string &path)
{
    std::string text = "experiment,condition,observer_a,kind_a,observer_b,kind_b,n,accuracy_a,"
                       "accuracy_b,observed,expected,kappa,accuracy_difference,"
                       "error_pattern_distance\n";
    for (const auto &row : rows) {
        const auto &c = row.consistency;
        text += row.experiment + "," + row.condition + "," + row.observerA + ","
            + std::string(observerKindName(row.kindA)) + "," + row.observerB + ","
            + std::string(observerKindName(row.kindB)) + "," + std::to_string(c.n) + ","
            + formatCsvNumber(c.accuracyA) + "," + formatCsvNumber(c.accuracyB) + ","
            + formatCsvNumber(c.observed) + "," + formatCsvNumber(c.expected) + ","
            + formatCsvNumber(c.kappa) + "," + formatCsvNumber(c.accuracyDifference) + ","
            + formatCsvNumber(row.errorPatternDistance) + "\n";
    }
    writeTextFile(path, text);
}

} // namespace sparsescope::core
