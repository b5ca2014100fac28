// SPDX-License-Identifier: GPL-3.0-or-later
// TrainConfig::fromJson (train --config, run.json, stages included). Only core::Error may come
// out; an accepted config (and each of its stages) must survive toJson → fromJson unchanged, and so
// must each stage.
#include "FuzzInput.h"
#include "sparsescope/core/Error.h"
#include "sparsescope/core/training/TrainConfig.h"

#include <stdexcept>

SPARSESCOPE_FUZZ_TARGET(trainConfig)
{
    core::TrainConfig config;
    try {
        config = core::TrainConfig::fromJson(std::string(fuzz::asText(data, size)), "fuzz");
    } catch (const core::Error &) {
        return 0;
    }
    // Accepted: nothing below may throw.
    const std::string json = config.toJson();
    if (core::TrainConfig::fromJson(json, "round trip").toJson() != json)
        throw std::logic_error("a config does not survive toJson and fromJson");
    for (std::size_t i = 0; i < config.stages.size(); ++i)
        config.stageConfig(i, "previous-stage").validate("stage");
    return 0;
}
