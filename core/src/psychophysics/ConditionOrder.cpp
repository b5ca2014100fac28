// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/psychophysics/ConditionOrder.h"

#include <charconv>
#include <cstddef>
#include <limits>

namespace sparsescope::core {

bool ConditionOrder::numericValue(std::string_view label, double &value)
{
    if (label == "inf" || label == "Inf" || label == "INF") {
        value = std::numeric_limits<double>::infinity();
        return true;
    }
    if (label.empty())
        return false;
    const auto result = std::from_chars(label.data(), label.data() + label.size(), value);
    return result.ec == std::errc() && result.ptr == label.data() + label.size() && value == value;
}

namespace {

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

/// -1, 0, 1: natural comparison, digit runs by value.
int naturalCompare(std::string_view a, std::string_view b)
{
    std::size_t i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        if (isDigit(a[i]) && isDigit(b[j])) {
            std::size_t endA = i, endB = j;
            while (endA < a.size() && isDigit(a[endA]))
                ++endA;
            while (endB < b.size() && isDigit(b[endB]))
                ++endB;
            // Compare by value: skip leading zeros, then by length, then digit by digit.
            std::size_t startA = i, startB = j;
            while (startA + 1 < endA && a[startA] == '0')
                ++startA;
            while (startB + 1 < endB && b[startB] == '0')
                ++startB;
            if (endA - startA != endB - startB)
                return endA - startA < endB - startB ? -1 : 1;
            const int digits
                = a.substr(startA, endA - startA).compare(b.substr(startB, endB - startB));
            if (digits != 0)
                return digits < 0 ? -1 : 1;
            i = endA;
            j = endB;
            continue;
        }
        if (a[i] != b[j])
            return a[i] < b[j] ? -1 : 1;
        ++i;
        ++j;
    }
    if (i < a.size() || j < b.size())
        return i < a.size() ? 1 : -1;
    return 0;
}

} // namespace

bool ConditionOrder::less(std::string_view a, std::string_view b)
{
    double x = 0.0, y = 0.0;
    const bool numericA = numericValue(a, x);
    const bool numericB = numericValue(b, y);
    if (numericA != numericB)
        return numericA;
    if (numericA && x != y)
        return x < y;
    const int natural = naturalCompare(a, b);
    if (natural != 0)
        return natural < 0;
    return a < b;
}

} // namespace sparsescope::core
