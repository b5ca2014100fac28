// SPDX-License-Identifier: GPL-3.0-or-later
#include "workers/RlnBuffer.h"

#include <utility>

namespace sparsescope::app {

bool RlnBuffer::setFeatures(std::vector<std::string> names)
{
    std::lock_guard lock(m_mutex);
    const bool wasEmpty = m_pending.empty();
    m_pending.features = std::move(names);
    return wasEmpty;
}

bool RlnBuffer::modelStarted(const std::string &model, std::uint64_t seed, int index, int total)
{
    std::lock_guard lock(m_mutex);
    const bool wasEmpty = m_pending.empty();
    m_progress = RlnProgress {model, seed, index, total, 0.0};
    m_pending.progress = m_progress;
    return wasEmpty;
}

bool RlnBuffer::appendEpoch(const core::RlnEpoch &epoch)
{
    std::lock_guard lock(m_mutex);
    const bool wasEmpty = m_pending.empty();
    core::RlnEpoch scalars = epoch;
    scalars.logStrengths.clear();
    scalars.weightMagnitudes.clear();
    scalars.featureImportance.clear();
    m_pending.epochs.push_back(std::move(scalars));
    if (!epoch.logStrengths.empty())
        m_pending.latestStrengths.reset();
    else if (m_pending.latest && !m_pending.latest->logStrengths.empty())
        m_pending.latestStrengths = std::move(m_pending.latest);
    m_pending.latest = epoch;
    // The strength searches train several networks per model: their epochs count as progress
    // of the model too, but only the final fit reaches the end.
    if (epoch.epochs > 0)
        m_progress.modelFraction = double(epoch.epoch) / double(epoch.epochs);
    m_pending.progress = m_progress;
    return wasEmpty;
}

bool RlnBuffer::appendScore(const core::ModelScore &score)
{
    std::lock_guard lock(m_mutex);
    const bool wasEmpty = m_pending.empty();
    m_pending.scores.push_back(score);
    m_progress.modelFraction = 1.0;
    m_pending.progress = m_progress;
    return wasEmpty;
}

bool RlnBuffer::appendMessage(std::string message)
{
    std::lock_guard lock(m_mutex);
    const bool wasEmpty = m_pending.empty();
    m_pending.messages.push_back(std::move(message));
    return wasEmpty;
}

RlnUpdates RlnBuffer::take()
{
    std::lock_guard lock(m_mutex);
    RlnUpdates out;
    std::swap(out, m_pending);
    return out;
}

void RlnBuffer::setResult(core::RlnResult result)
{
    std::lock_guard lock(m_mutex);
    m_result = std::move(result);
}

std::optional<core::RlnResult> RlnBuffer::takeResult()
{
    std::lock_guard lock(m_mutex);
    std::optional<core::RlnResult> out;
    out.swap(m_result);
    return out;
}

} // namespace sparsescope::app
