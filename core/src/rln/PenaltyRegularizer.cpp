// SPDX-License-Identifier: GPL-3.0-or-later
#include "rln/PenaltyRegularizer.h"

#include <cmath>
#include <cstdio>

namespace sparsescope::core {

PenaltyRegularizer::PenaltyRegularizer(int norm, double strength)
    : m_norm(norm)
    , m_strength(strength)
{ }

std::vector<RegularizerChoice> PenaltyRegularizer::choices(int norm,
                                                           const std::vector<double> &grid)
{
    std::vector<RegularizerChoice> out;
    for (double strength : grid)
        out.push_back({PenaltyRegularizer(norm, strength).describe(), [norm, strength] {
                           return std::make_unique<PenaltyRegularizer>(norm, strength);
                       }});
    return out;
}

void PenaltyRegularizer::attach(const std::vector<torch::Tensor> &weights)
{
    m_weights = weights;
}

torch::Tensor PenaltyRegularizer::penalty() const
{
    if (m_strength <= 0.0 || m_weights.empty())
        return {};
    torch::Tensor sum;
    for (const auto &w : m_weights) {
        auto term = m_norm == 1 ? w.abs().sum() : w.square().sum();
        sum = sum.defined() ? sum + term : term;
    }
    return sum * m_strength;
}

std::vector<float> PenaltyRegularizer::firstLogStrengths() const
{
    if (m_weights.empty() || m_strength <= 0.0)
        return {};
    return std::vector<float>(std::size_t(m_weights.front().numel()), float(std::log(m_strength)));
}

std::string PenaltyRegularizer::describe() const
{
    char text[64];
    std::snprintf(text, sizeof text, "%s=%g", m_norm == 1 ? "l1" : "l2", m_strength);
    return text;
}

} // namespace sparsescope::core
