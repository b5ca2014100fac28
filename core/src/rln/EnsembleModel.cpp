// SPDX-License-Identifier: GPL-3.0-or-later
#include "rln/EnsembleModel.h"

#include "sparsescope/core/Error.h"

#include <nlohmann/json.hpp>

namespace sparsescope::core {

EnsembleModel::EnsembleModel(std::vector<std::string> members)
    : m_members(std::move(members))
{ }

std::optional<ModelOutput> EnsembleModel::fit(ModelContext &context)
{
    ModelOutput output;
    std::string settings;
    for (const auto &name : m_members) {
        const ModelOutput *member = context.member(name);
        if (!member)
            return std::nullopt;
        if (output.testPredictions.empty())
            output.testPredictions.assign(member->testPredictions.size(), 0.0f);
        if (member->testPredictions.size() != output.testPredictions.size())
            throw Error("", "ensemble member " + name + " predicts a different shape");
        for (std::size_t i = 0; i < output.testPredictions.size(); ++i)
            output.testPredictions[i] += member->testPredictions[i];
        settings += (settings.empty() ? "" : "+") + name;
    }
    const float n = float(m_members.size());
    for (float &p : output.testPredictions)
        p /= n;
    output.settings = "mean of " + settings;
    output.detailsJson = nlohmann::json({{"members", m_members}}).dump();
    return output;
}

} // namespace sparsescope::core
