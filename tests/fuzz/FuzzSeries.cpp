// SPDX-License-Identifier: GPL-3.0-or-later
// Series::fromJson (measure --series FILE). Only core::Error may come out; an accepted series
// survives toJson → fromJson unchanged.
#include "FuzzInput.h"
#include "sparsescope/core/Error.h"
#include "sparsescope/core/atlas/Series.h"

#include <stdexcept>

SPARSESCOPE_FUZZ_TARGET(series)
{
    const std::string base = "/nonexistent/series";
    core::Series series;
    try {
        series = core::Series::fromJson(std::string(fuzz::asText(data, size)), "fuzz", base);
    } catch (const core::Error &) {
        return 0;
    }
    const std::string json = series.toJson(base);
    if (core::Series::fromJson(json, "round trip", base).toJson(base) != json)
        throw std::logic_error("a series does not survive toJson and fromJson");
    return 0;
}
