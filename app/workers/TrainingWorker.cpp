// SPDX-License-Identifier: GPL-3.0-or-later
#include "workers/TrainingWorker.h"

#include "workers/TrainingBuffer.h"

#include "sparsescope/core/training/TrainingObserver.h"

#include <exception>
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

TrainingWorker::TrainingWorker(std::shared_ptr<TrainingBuffer> buffer, QObject *parent)
    : QObject(parent)
    , m_buffer(std::move(buffer))
{ }

void TrainingWorker::start(const core::TrainConfig &config, const std::string &runDirectory)
{
    std::stop_token token;
    {
        // A fresh source per run; replacing it here (not on the worker thread) means a stop
        // requested right after start() can never be lost.
        std::lock_guard lock(m_stopMutex);
        m_stopSource = std::stop_source();
        token = m_stopSource.get_token();
    }
    m_trainer.pauseGate().resume();
    QMetaObject::invokeMethod(
        this, [this, config, runDirectory, token] { run(config, runDirectory, token); },
        Qt::QueuedConnection);
}

void TrainingWorker::requestStop()
{
    std::lock_guard lock(m_stopMutex);
    m_stopSource.request_stop();
}

void TrainingWorker::pause()
{
    m_trainer.pauseGate().pause();
}

void TrainingWorker::postStrengths(const std::vector<core::RegularizationTerm> &terms)
{
    m_trainer.strengthMailbox().post(terms);
}

void TrainingWorker::resume()
{
    m_trainer.pauseGate().resume();
}

void TrainingWorker::run(const core::TrainConfig &config, const std::string &runDirectory,
                         std::stop_token stop)
{
    try {
        BufferingObserver observer(*m_buffer, [this] { Q_EMIT dataAvailable(); });
        m_buffer->setResult(m_trainer.run(config, runDirectory, observer, std::move(stop)));
        Q_EMIT finished();
    } catch (const std::exception &error) {
        Q_EMIT failed(QString::fromStdString(error.what()));
    } catch (...) {
        Q_EMIT failed(tr("unknown error while training"));
    }
}

} // namespace sparsescope::app
