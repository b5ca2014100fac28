// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/models/ModelStructure.h"

#include "common/JsonFields_p.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <sstream>

namespace sparsescope::core {

namespace {
std::string shapeText(const std::vector<std::int64_t> &shape)
{
    std::string text;
    for (std::size_t i = 0; i < shape.size(); ++i) {
        if (i)
            text += 'x';
        text += std::to_string(shape[i]);
    }
    return text.empty() ? "-" : text;
}
} // namespace

std::string ModelStructure::toText() const
{
    std::ostringstream out;
    char line[256];
    std::snprintf(line, sizeof line, "%-24s %-7s %-16s %-12s %12s %14s\n", "layer", "kind",
                  "weight", "output", "params", "MACs");
    out << "model " << architecture << ", input " << shapeText(inputShape) << "\n" << line;
    for (const auto &l : layers) {
        std::snprintf(line, sizeof line, "%-24s %-7s %-16s %-12s %12lld %14s\n", l.name.c_str(),
                      l.kind.c_str(), shapeText(l.weightShape).c_str(),
                      shapeText(l.outputShape).c_str(), static_cast<long long>(l.parameters),
                      l.macs < 0 ? "?" : std::to_string(l.macs).c_str());
        out << line;
    }
    std::snprintf(line, sizeof line, "%-62s %12lld %14lld\n", "total",
                  static_cast<long long>(totalParameters), static_cast<long long>(totalMacs));
    out << line;
    return out.str();
}

std::string ModelStructure::toJson() const
{
    nlohmann::json layersJson = nlohmann::json::array();
    for (const auto &l : layers)
        layersJson.push_back({{"name", l.name},
                              {"kind", l.kind},
                              {"weight_shape", l.weightShape},
                              {"output_shape", l.outputShape},
                              {"parameters", l.parameters},
                              {"nonzero_parameters", l.nonzeroParameters},
                              {"macs", l.macs}});
    nlohmann::json j = {{"architecture", architecture},
                        {"input_shape", inputShape},
                        {"layers", layersJson},
                        {"total_parameters", totalParameters},
                        {"total_macs", totalMacs}};
    return json_fields::dump(j, 2);
}

} // namespace sparsescope::core
