// SPDX-License-Identifier: GPL-3.0-or-later
#include "rln/RlnUpdate.h"

#include "sparsescope/core/Error.h"

#include <cmath>

namespace sparsescope::core {

RlnUpdate::RlnUpdate(const float *weights, std::size_t count, const RlnSettings &settings)
    : m_settings(settings)
    , m_logStrengths(count, settings.theta)
    , m_reference(weights, weights + count)
    , m_previousStep(count, 0.0)
    , m_zeroed(count, false)
{
    if (settings.norm != 1 && settings.norm != 2)
        throw Error("", "RLN norm must be 1 or 2, not " + std::to_string(settings.norm));
}

double RlnUpdate::meanLogStrength() const
{
    double sum = 0.0;
    for (double l : m_logStrengths)
        sum += l;
    return m_logStrengths.empty() ? 0.0 : sum / double(m_logStrengths.size());
}

void RlnUpdate::apply(float *weights)
{
    const std::size_t n = m_logStrengths.size();
    const bool l1 = m_settings.norm == 1;
    double shift = 0.0;
    if (m_hasPrevious) {
        // Step 3: a gradient step on the counterfactual loss, then the projection mean(Λ) = Θ
        // (the shift is added in the loop below).
        const double nu = m_settings.nu;
        double sum = 0.0;
        for (std::size_t i = 0; i < n; ++i) {
            const double dw = double(weights[i]) - m_reference[i];
            m_logStrengths[i] -= nu * dw * m_previousStep[i];
            sum += m_logStrengths[i];
        }
        shift = m_settings.theta - sum / double(n);
    }
    for (std::size_t i = 0; i < n; ++i) {
        m_logStrengths[i] += shift;
        const double w = weights[i];
        double step = 0.0;
        double next = w;
        if (m_settings.keepZeros && m_zeroed[i]) {
            next = 0.0; // undo the optimizer's step: the weight stays removed
        } else if (w != 0.0) { // D = 0 where w = 0 (both norms): no step and no cap there
            const double d = l1 ? (w > 0.0 ? 1.0 : -1.0) : 2.0 * w;
            // Step 4, the cap Λ ≤ log|w / D|, tested as exp(Λ) ≥ |w / D| (|w| for L1, 1/2 for
            // L2) so that the logarithm is only taken where the cap binds; the cap keeps the
            // shrinkage from crossing zero, and there the weight becomes exactly 0.
            const double shrink = std::exp(m_logStrengths[i]);
            const double limit = l1 ? std::abs(w) : 0.5;
            if (shrink >= limit) {
                m_logStrengths[i] = std::log(limit);
                step = w;
                next = 0.0;
                m_zeroed[i] = true;
            } else {
                step = d * shrink;
                next = w - step;
            }
        }
        weights[i] = float(next);
        m_reference[i] = next;
        m_previousStep[i] = step;
    }
    m_hasPrevious = true;
}

} // namespace sparsescope::core
