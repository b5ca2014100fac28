// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/models/ModelOptions.h"

#include "sparsescope/core/Error.h"

#include <nlohmann/json.hpp>

namespace sparsescope::core {

std::string ModelOptions::toJson() const
{
    nlohmann::json j = {{"in_channels", inChannels},
                        {"height", height},
                        {"width", width},
                        {"num_classes", numClasses},
                        {"batch_norm", batchNorm},
                        {"hidden", hidden},
                        {"mean", mean},
                        {"std", std}};
    if (!widths.empty())
        j["widths"] = widths;
    if (!keptInputs.empty())
        j["kept_inputs"] = keptInputs;
    return j.dump();
}

ModelOptions ModelOptions::fromJson(const std::string &json)
{
    ModelOptions o;
    try {
        const auto j = nlohmann::json::parse(json);
        o.inChannels = j.value("in_channels", o.inChannels);
        o.height = j.value("height", o.height);
        o.width = j.value("width", o.width);
        o.numClasses = j.value("num_classes", o.numClasses);
        o.batchNorm = j.value("batch_norm", o.batchNorm);
        o.hidden = j.value("hidden", o.hidden);
        o.mean = j.value("mean", o.mean);
        o.std = j.value("std", o.std);
        o.widths = j.value("widths", o.widths);
        o.keptInputs = j.value("kept_inputs", o.keptInputs);
    } catch (const nlohmann::json::exception &e) {
        throw Error("model options", std::string("malformed JSON: ") + e.what());
    }
    if (o.inChannels <= 0 || o.height <= 0 || o.width <= 0 || o.numClasses <= 1)
        throw Error("model options", "channels, height, width must be positive and classes > 1");
    return o;
}

} // namespace sparsescope::core
