// SPDX-License-Identifier: GPL-3.0-or-later
#include "rln/RlnRegularizer.h"

#include <cstdio>

namespace sparsescope::core {

RlnRegularizer::RlnRegularizer(const RlnSettings &settings)
    : m_settings(settings)
{ }

std::vector<RegularizerChoice> RlnRegularizer::choices(const RlnConfig &config)
{
    std::vector<RegularizerChoice> out;
    const auto grid
        = config.rlnGrid.empty() ? std::vector<RlnSettings> {config.rln} : config.rlnGrid;
    for (const auto &settings : grid) {
        RlnRegularizer probe(settings);
        out.push_back({probe.describe(), [settings] {
                           return std::make_unique<RlnRegularizer>(settings);
                       }});
    }
    return out;
}

void RlnRegularizer::attach(const std::vector<torch::Tensor> &weights)
{
    m_weights.clear();
    m_updates.clear();
    for (const auto &w : weights) {
        // The update writes through the parameter's own storage: never a new tensor.
        TORCH_CHECK(w.is_contiguous() && w.scalar_type() == torch::kFloat32 && w.device().is_cpu(),
                    "RLN needs contiguous float32 CPU weights");
        m_weights.push_back(w);
        m_updates.emplace_back(w.data_ptr<float>(), std::size_t(w.numel()), m_settings);
    }
}

void RlnRegularizer::afterStep()
{
    torch::NoGradGuard noGrad;
    for (std::size_t i = 0; i < m_weights.size(); ++i)
        m_updates[i].apply(m_weights[i].data_ptr<float>());
}

std::vector<float> RlnRegularizer::firstLogStrengths() const
{
    if (m_updates.empty())
        return {};
    const auto &lambda = m_updates.front().logStrengths();
    return {lambda.begin(), lambda.end()};
}

std::string RlnRegularizer::describe() const
{
    char text[96];
    std::snprintf(text, sizeof text, "theta=%g nu=%g norm=%d%s", m_settings.theta, m_settings.nu,
                  m_settings.norm, m_settings.keepZeros ? " keep-zeros" : "");
    return text;
}

void RlnRegularizer::setSettings(const RlnSettings &settings)
{
    m_settings = settings;
    for (auto &update : m_updates)
        update.setSettings(settings);
}

} // namespace sparsescope::core
