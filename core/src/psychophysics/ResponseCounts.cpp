// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/psychophysics/ResponseCounts.h"

#include "sparsescope/core/Error.h"
#include "sparsescope/core/psychophysics/ConditionOrder.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <unordered_map>

namespace sparsescope::core {

namespace {

constexpr std::int32_t kMaxId = 0xFFFF;

std::uint64_t packKey(std::int32_t experiment, std::int32_t observer, std::int32_t session,
                      std::int32_t condition)
{
    return (static_cast<std::uint64_t>(experiment) << 48)
        | (static_cast<std::uint64_t>(observer) << 32)
        | (static_cast<std::uint64_t>(static_cast<std::uint32_t>(session) & 0xFFFFu) << 16)
        | static_cast<std::uint64_t>(condition);
}

} // namespace

ResponseCounts ResponseCounts::count(const TrialTable &table, Grouping grouping,
                                     std::int32_t experiment)
{
    if (table.experimentNames().size() > kMaxId || table.observerNames().size() > kMaxId
        || table.conditionNames().size() > kMaxId)
        throw Error({}, "more than 65535 experiments, observers or conditions in one table");
    ResponseCounts result;
    result.m_labels = table.labelNames().size();
    const auto labels = static_cast<std::size_t>(result.m_labels);
    const std::size_t cells = labels * labels;

    std::unordered_map<std::uint64_t, std::uint32_t> index;
    std::vector<ResponseUnit> units;
    std::vector<std::int32_t> counts;
    std::uint64_t lastKey = std::numeric_limits<std::uint64_t>::max();
    std::size_t lastUnit = 0;
    const auto &experiments = table.experiments();
    const auto &observers = table.observers();
    const auto &kinds = table.kinds();
    const auto &sessions = table.sessions();
    const auto &conditions = table.conditions();
    const auto &categories = table.categories();
    const auto &responses = table.responses();
    for (std::size_t i = 0; i < table.size(); ++i) {
        if (experiment >= 0 && experiments[i] != experiment)
            continue;
        const bool perSession = grouping == Grouping::PaperUnits && kinds[i] == ObserverKind::Dnn;
        const std::int32_t session = perSession ? sessions[i] : -1;
        if (perSession && (session < 0 || session >= kMaxId))
            throw Error({}, "session number " + std::to_string(session) + " out of range");
        const std::uint64_t key = packKey(experiments[i], observers[i], session, conditions[i]);
        if (key != lastKey) {
            const auto [it, inserted]
                = index.try_emplace(key, static_cast<std::uint32_t>(units.size()));
            if (inserted) {
                units.push_back({experiments[i], observers[i], kinds[i], session, conditions[i]});
                counts.resize(counts.size() + cells, 0);
            }
            lastKey = key;
            lastUnit = it->second;
        }
        ++counts[lastUnit * cells + static_cast<std::size_t>(categories[i]) * labels
                 + static_cast<std::size_t>(responses[i])];
    }

    // Sort the units for stable, readable output.
    std::vector<std::size_t> order(units.size());
    std::iota(order.begin(), order.end(), std::size_t {0});
    const auto &experimentNames = table.experimentNames();
    const auto &observerNames = table.observerNames();
    const auto &conditionNames = table.conditionNames();
    std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
        const ResponseUnit &a = units[x];
        const ResponseUnit &b = units[y];
        if (a.experiment != b.experiment)
            return experimentNames.view(a.experiment) < experimentNames.view(b.experiment);
        if (a.kind != b.kind)
            return a.kind == ObserverKind::Human;
        if (a.observer != b.observer)
            return observerNames.view(a.observer) < observerNames.view(b.observer);
        if (a.session != b.session)
            return a.session < b.session;
        return ConditionOrder::less(conditionNames.view(a.condition),
                                    conditionNames.view(b.condition));
    });
    result.m_units.reserve(units.size());
    result.m_counts.resize(counts.size());
    for (std::size_t k = 0; k < order.size(); ++k) {
        result.m_units.push_back(units[order[k]]);
        std::copy_n(counts.begin() + static_cast<std::ptrdiff_t>(order[k] * cells), cells,
                    result.m_counts.begin() + static_cast<std::ptrdiff_t>(k * cells));
    }
    return result;
}

std::int64_t ResponseCounts::trials(std::size_t u) const
{
    const std::size_t cells
        = static_cast<std::size_t>(m_labels) * static_cast<std::size_t>(m_labels);
    const auto begin = m_counts.begin() + static_cast<std::ptrdiff_t>(u * cells);
    return std::accumulate(begin, begin + static_cast<std::ptrdiff_t>(cells), std::int64_t {0});
}

std::int64_t ResponseCounts::correct(std::size_t u) const
{
    std::int64_t sum = 0;
    // Label 0 is "na", never a presented category.
    for (std::int32_t k = 1; k < m_labels; ++k)
        sum += count(u, k, k);
    return sum;
}

double ResponseCounts::accuracy(std::size_t u) const
{
    const std::int64_t n = trials(u);
    return n == 0 ? std::numeric_limits<double>::quiet_NaN()
                  : static_cast<double>(correct(u)) / static_cast<double>(n);
}

std::vector<std::int64_t> ResponseCounts::responseTotals(std::size_t u) const
{
    std::vector<std::int64_t> totals(static_cast<std::size_t>(m_labels), 0);
    for (std::int32_t k = 0; k < m_labels; ++k)
        for (std::int32_t r = 0; r < m_labels; ++r)
            totals[static_cast<std::size_t>(r)] += count(u, k, r);
    return totals;
}

std::vector<std::int64_t> ResponseCounts::categoryTotals(std::size_t u) const
{
    std::vector<std::int64_t> totals(static_cast<std::size_t>(m_labels), 0);
    for (std::int32_t k = 0; k < m_labels; ++k)
        for (std::int32_t r = 0; r < m_labels; ++r)
            totals[static_cast<std::size_t>(k)] += count(u, k, r);
    return totals;
}

double ResponseCounts::responseEntropy(std::size_t u) const
{
    const auto totals = responseTotals(u);
    const std::int64_t answered
        = std::accumulate(totals.begin() + 1, totals.end(), std::int64_t {0});
    if (answered == 0)
        return std::numeric_limits<double>::quiet_NaN();
    double entropy = 0.0;
    for (std::size_t r = 1; r < totals.size(); ++r) {
        if (totals[r] == 0)
            continue;
        const double p = static_cast<double>(totals[r]) / static_cast<double>(answered);
        entropy -= p * std::log2(p);
    }
    return entropy;
}

double ResponseCounts::responseEntropyModelVsHuman(std::size_t u) const
{
    const auto totals = responseTotals(u);
    const auto presented = categoryTotals(u);
    const std::int64_t n = trials(u);
    if (n == 0)
        return std::numeric_limits<double>::quiet_NaN();
    double entropy = 0.0;
    for (std::size_t k = 1; k < totals.size(); ++k) {
        if (presented[k] == 0)
            continue;
        const double p = static_cast<double>(totals[k]) / static_cast<double>(n);
        if (p > 1e-5)
            entropy -= p * std::log2(p);
    }
    return entropy;
}

} // namespace sparsescope::core
