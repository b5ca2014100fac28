// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/models/ModelOptions.h"

#include "common/JsonFields_p.h"
#include "sparsescope/core/Error.h"

#include <nlohmann/json.hpp>

#include <algorithm>

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
    if (!keptColumns.empty())
        j["kept_columns"] = keptColumns;
    if (!removedBlocks.empty())
        j["removed_blocks"] = removedBlocks;
    return json_fields::dump(j);
}

bool ModelOptions::blockRemoved(const std::string &block) const
{
    return std::find(removedBlocks.begin(), removedBlocks.end(), block) != removedBlocks.end();
}

ModelOptions ModelOptions::fromJson(const std::string &text)
{
    ModelOptions o;
    try {
        const auto j = json_fields::parse(text, "model options");
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
        o.keptColumns = j.value("kept_columns", o.keptColumns);
        o.removedBlocks = j.value("removed_blocks", o.removedBlocks);
    } catch (const nlohmann::json::exception &e) {
        throw Error("model options", std::string("malformed JSON: ") + e.what());
    }
    // One output is a regression network (issue 8's tabular models).
    if (o.inChannels <= 0 || o.height <= 0 || o.width <= 0 || o.numClasses < 1)
        throw Error("model options", "channels, height, width and outputs must be positive");
    return o;
}

} // namespace sparsescope::core
