// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/atlas/ParetoFront.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace sparsescope::core {

std::vector<std::size_t> ParetoFront::compute(const std::vector<double> &cost,
                                              const std::vector<double> &value)
{
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < std::min(cost.size(), value.size()); ++i)
        if (!std::isnan(cost[i]) && !std::isnan(value[i]))
            order.push_back(i);
    // By cost, best value first among equal costs: a point is on the front when its value beats
    // every value of a strictly cheaper point, and equals the best of its own cost.
    std::stable_sort(order.begin(), order.end(), [&](std::size_t i, std::size_t j) {
        return cost[i] != cost[j] ? cost[i] < cost[j] : value[i] > value[j];
    });
    std::vector<std::size_t> front;
    double bestCheaper = -std::numeric_limits<double>::infinity();
    for (std::size_t k = 0; k < order.size();) {
        std::size_t end = k;
        while (end < order.size() && cost[order[end]] == cost[order[k]])
            ++end;
        const double bestHere = value[order[k]];
        if (bestHere > bestCheaper)
            for (std::size_t m = k; m < end && value[order[m]] == bestHere; ++m)
                front.push_back(order[m]);
        bestCheaper = std::max(bestCheaper, bestHere);
        k = end;
    }
    return front;
}

} // namespace sparsescope::core
