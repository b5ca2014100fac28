// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/psychophysics/ConditionSummary.h"

#include "common/CsvText_p.h"
#include "sparsescope/core/Error.h"
#include "sparsescope/core/psychophysics/ConditionOrder.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <memory>

namespace sparsescope::core {

namespace {

/// Running mean and range over units; NaN units (no trials, or only "na" for entropy) skipped.
struct Mean
{
    double sum = 0.0;
    int count = 0;
    double min = std::numeric_limits<double>::infinity();
    double max = -std::numeric_limits<double>::infinity();
    void add(double value)
    {
        if (std::isnan(value))
            return;
        sum += value;
        ++count;
        min = std::min(min, value);
        max = std::max(max, value);
    }
    double value() const
    {
        return count == 0 ? std::numeric_limits<double>::quiet_NaN() : sum / count;
    }
};

struct Accumulator
{
    ConditionSummaryRow row;
    Mean accuracy, entropy;
    int units = 0;
    void finish()
    {
        row.accuracy = accuracy.value();
        row.accuracyMin = accuracy.count ? accuracy.min : std::numeric_limits<double>::quiet_NaN();
        row.accuracyMax = accuracy.count ? accuracy.max : std::numeric_limits<double>::quiet_NaN();
        row.entropy = entropy.value();
        row.units = units;
    }
};

} // namespace

std::vector<ConditionSummaryRow> ConditionSummary::compute(const TrialTable &table)
{
    return compute(table, ResponseCounts::count(table, ResponseCounts::Grouping::PaperUnits));
}

std::vector<ConditionSummaryRow> ConditionSummary::compute(const TrialTable &table,
                                                           const ResponseCounts &counts)
{
    std::vector<ConditionSummaryRow> rows;
    // Units arrive sorted by experiment, kind, observer, session, condition; an observer's
    // sessions in one condition are not contiguous, so accumulate by (observer, condition).
    std::int32_t currentExperiment = -1;
    std::vector<Accumulator> observerRows; // this experiment, in order
    std::map<std::pair<std::int32_t, std::int32_t>, std::size_t> observerIndex; // (obs, cond)
    const auto flush = [&]() {
        for (auto &accumulator : observerRows) {
            accumulator.finish();
            rows.push_back(accumulator.row);
        }
        observerRows.clear();
        observerIndex.clear();
    };
    for (std::size_t u = 0; u < counts.unitCount(); ++u) {
        const ResponseUnit &unit = counts.unit(u);
        if (unit.experiment != currentExperiment) {
            flush();
            currentExperiment = unit.experiment;
        }
        const auto [it, inserted]
            = observerIndex.try_emplace({unit.observer, unit.condition}, observerRows.size());
        if (inserted) {
            Accumulator accumulator;
            accumulator.row.experiment = table.experimentNames().string(unit.experiment);
            accumulator.row.observer = table.observerNames().string(unit.observer);
            accumulator.row.kind = unit.kind;
            accumulator.row.condition = table.conditionNames().string(unit.condition);
            observerRows.push_back(std::move(accumulator));
        }
        Accumulator &accumulator = observerRows[it->second];
        accumulator.row.n += counts.trials(u);
        accumulator.accuracy.add(counts.accuracy(u));
        accumulator.entropy.add(counts.responseEntropy(u));
        ++accumulator.units;
    }
    flush();

    // Second pass for the humans rows: needs each subject's finished value.
    std::vector<ConditionSummaryRow> result;
    result.reserve(rows.size() * 2);
    std::size_t begin = 0;
    while (begin < rows.size()) {
        std::size_t end = begin;
        while (end < rows.size() && rows[end].experiment == rows[begin].experiment)
            ++end;
        std::map<std::string, Accumulator, bool (*)(const std::string &, const std::string &)>
            means([](const std::string &a, const std::string &b) {
                return ConditionOrder::less(a, b);
            });
        for (std::size_t i = begin; i < end; ++i) {
            result.push_back(rows[i]);
            if (rows[i].kind != ObserverKind::Human)
                continue;
            Accumulator &accumulator = means[rows[i].condition];
            accumulator.row.experiment = rows[i].experiment;
            accumulator.row.observer = std::string(kHumansName);
            accumulator.row.kind = ObserverKind::Human;
            accumulator.row.condition = rows[i].condition;
            accumulator.row.n += rows[i].n;
            accumulator.accuracy.add(rows[i].accuracy);
            accumulator.entropy.add(rows[i].entropy);
            ++accumulator.units;
        }
        for (auto &[condition, accumulator] : means) {
            accumulator.finish();
            result.push_back(accumulator.row);
        }
        begin = end;
    }
    return result;
}

void ConditionSummary::writeCsv(const std::vector<ConditionSummaryRow> &rows,
                                const std::string &path)
{
    std::string text = "experiment,observer,kind,condition,n,accuracy,entropy\n";
    for (const auto &row : rows) {
        text += row.experiment + "," + row.observer + "," + std::string(observerKindName(row.kind))
            + "," + row.condition + "," + std::to_string(row.n) + ","
            + formatCsvNumber(row.accuracy) + "," + formatCsvNumber(row.entropy) + "\n";
    }
    writeTextFile(path, text);
}

} // namespace sparsescope::core
