// SPDX-License-Identifier: GPL-3.0-or-later
#include "workers/TrainingBuffer.h"

#include <utility>

namespace sparsescope::app {

bool TrainingBuffer::appendBatch(const core::BatchMetrics &batch)
{
    std::lock_guard lock(m_mutex);
    const bool wasEmpty = m_pending.empty();
    m_pending.batches.push_back(batch);
    return wasEmpty;
}

bool TrainingBuffer::appendEpoch(const core::EpochMetrics &epoch)
{
    std::lock_guard lock(m_mutex);
    const bool wasEmpty = m_pending.empty();
    m_pending.epochs.push_back(epoch);
    return wasEmpty;
}

bool TrainingBuffer::appendMessage(std::string message)
{
    std::lock_guard lock(m_mutex);
    const bool wasEmpty = m_pending.empty();
    m_pending.messages.push_back(std::move(message));
    return wasEmpty;
}

bool TrainingBuffer::setStructure(std::vector<core::LayerStructure> structure)
{
    std::lock_guard lock(m_mutex);
    const bool wasEmpty = m_pending.empty();
    m_pending.structure = std::move(structure);
    return wasEmpty;
}

bool TrainingBuffer::setFilters(core::FilterImages filters)
{
    std::lock_guard lock(m_mutex);
    const bool wasEmpty = m_pending.empty();
    m_pending.filters = std::move(filters);
    return wasEmpty;
}

TrainingUpdates TrainingBuffer::take()
{
    TrainingUpdates updates;
    {
        std::lock_guard lock(m_mutex);
        std::swap(updates, m_pending);
    }
    return updates;
}

void TrainingBuffer::setResult(core::TrainResult result)
{
    std::lock_guard lock(m_mutex);
    m_result = std::move(result);
}

std::optional<core::TrainResult> TrainingBuffer::takeResult()
{
    std::lock_guard lock(m_mutex);
    std::optional<core::TrainResult> result;
    result.swap(m_result);
    return result;
}

} // namespace sparsescope::app
