// SPDX-License-Identifier: GPL-3.0-or-later
// SweepConfig::fromJson (robustness-sweep --config). Only core::Error may come out; an accepted
// config is valid and survives toJson → fromJson unchanged.
#include "FuzzInput.h"
#include "sparsescope/core/Error.h"
#include "sparsescope/core/robustness/RobustnessSweep.h"

#include <stdexcept>

SPARSESCOPE_FUZZ_TARGET(sweepConfig)
{
    core::SweepConfig config;
    try {
        config = core::SweepConfig::fromJson(std::string(fuzz::asText(data, size)), "fuzz");
    } catch (const core::Error &) {
        return 0;
    }
    // Accepted: nothing below may throw.
    config.validate("accepted");
    const std::string json = config.toJson();
    if (core::SweepConfig::fromJson(json, "round trip").toJson() != json)
        throw std::logic_error("a sweep config does not survive toJson and fromJson");
    return 0;
}
