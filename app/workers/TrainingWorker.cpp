// SPDX-License-Identifier: GPL-3.0-or-later
#include "workers/TrainingWorker.h"

#include "workers/TrainingBuffer.h"

#include "sparsescope/core/training/TrainingObserver.h"

#include <functional>
#include <utility>

namespace sparsescope::app {

namespace {
/// Runs on the trainer's thread: appends plain values and pokes the GUI when the buffer was empty.
class BufferingObserver final : public core::TrainingObserver
{
public:
    BufferingObserver(TrainingBuffer &buffer, std::function<void()> notify)
        : m_buffer(buffer)
        , m_notify(std::move(notify))
    { }

    void onBatch(const core::BatchMetrics &batch) override
    {
        if (m_buffer.appendBatch(batch))
            m_notify();
    }
    void onEpochEnd(const core::EpochMetrics &epoch) override
    {
        if (m_buffer.appendEpoch(epoch))
            m_notify();
    }
    void onStructure(const std::vector<core::LayerStructure> &structure) override
    {
        if (m_buffer.setStructure(structure))
            m_notify();
    }
    void onFilters(const core::FilterImages &filters) override
    {
        if (m_buffer.setFilters(filters))
            m_notify();
    }
    void onMessage(const std::string &message) override
    {
        if (m_buffer.appendMessage(message))
            m_notify();
    }
    /// The filter grid, structure view and norm histograms: ten updates a second.
    double snapshotInterval() const override { return 0.1; }

private:
    TrainingBuffer &m_buffer;
    std::function<void()> m_notify;
};
} // namespace

TrainingWorker::TrainingWorker(std::shared_ptr<TrainingBuffer> buffer)
    : m_buffer(std::move(buffer))
{ }

void TrainingWorker::run(const core::TrainConfig &config, const std::string &runDirectory,
                         const std::function<void()> &notify, std::stop_token stop)
{
    m_trainer.pauseGate().resume();
    BufferingObserver observer(*m_buffer, notify);
    m_buffer->setResult(m_trainer.run(config, runDirectory, observer, std::move(stop)));
}

void TrainingWorker::pause()
{
    m_trainer.pauseGate().pause();
}

void TrainingWorker::resume()
{
    m_trainer.pauseGate().resume();
}

void TrainingWorker::postStrengths(const std::vector<core::RegularizationTerm> &terms)
{
    m_trainer.strengthMailbox().post(terms);
}

} // namespace sparsescope::app
