// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/psychophysics/ErrorConsistency.h"

#include <algorithm>
#include <limits>
#include <stdexcept>

namespace sparsescope::core {

ErrorConsistencyResult ErrorConsistency::fromCorrectness(const std::vector<bool> &a,
                                                         const std::vector<bool> &b)
{
    if (a.size() != b.size())
        throw std::invalid_argument("ErrorConsistency: correctness vectors differ in length");
    ErrorConsistencyResult result;
    result.n = static_cast<std::int64_t>(a.size());
    if (a.empty()) {
        const double nan = std::numeric_limits<double>::quiet_NaN();
        result.accuracyA = result.accuracyB = result.observed = result.expected = result.kappa
            = result.accuracyDifference = nan;
        return result;
    }
    std::int64_t rightA = 0, rightB = 0, agree = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        rightA += a[i];
        rightB += b[i];
        agree += a[i] == b[i];
    }
    const auto n = static_cast<double>(a.size());
    const double p1 = static_cast<double>(rightA) / n;
    const double p2 = static_cast<double>(rightB) / n;
    result.accuracyA = p1;
    result.accuracyB = p2;
    result.observed = static_cast<double>(agree) / n;
    result.expected = p1 * p2 + (1.0 - p1) * (1.0 - p2);
    // model-vs-human: kappa := 1 when the observers agree on every trial (c_exp may be 1 too).
    result.kappa = agree == static_cast<std::int64_t>(a.size())
        ? 1.0
        : (result.observed - result.expected) / (1.0 - result.expected);
    result.accuracyDifference = (p1 - p2) * (p1 - p2);
    return result;
}

ErrorConsistencyResult ErrorConsistency::compute(Trials a, Trials b)
{
    // Stable: repeated keys pair up in order of appearance.
    const auto byKey = [](const auto &x, const auto &y) {
        return x.first < y.first;
    };
    std::stable_sort(a.begin(), a.end(), byKey);
    std::stable_sort(b.begin(), b.end(), byKey);
    std::vector<bool> matchedA, matchedB;
    std::size_t i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        if (a[i].first < b[j].first) {
            ++i;
        } else if (b[j].first < a[i].first) {
            ++j;
        } else {
            matchedA.push_back(a[i].second);
            matchedB.push_back(b[j].second);
            ++i;
            ++j;
        }
    }
    return fromCorrectness(matchedA, matchedB);
}

} // namespace sparsescope::core
