// SPDX-License-Identifier: GPL-3.0-or-later
#include "workers/RlnWorker.h"

#include "workers/RlnBuffer.h"

#include <utility>

namespace sparsescope::app {

namespace {
/// Runs on the job's thread: copies plain values into the buffer and asks the GUI, through the
/// controller, to drain it when it was empty.
class BufferingRlnObserver final : public core::RlnObserver
{
public:
    BufferingRlnObserver(RlnBuffer &buffer, std::function<void()> notify)
        : m_buffer(buffer)
        , m_notify(std::move(notify))
    { }

    void onFeatures(const std::vector<std::string> &names) override
    {
        changed(m_buffer.setFeatures(names));
    }
    void onModelStarted(const std::string &model, std::uint64_t seed, int, int index,
                        int total) override
    {
        changed(m_buffer.modelStarted(model, seed, index, total));
    }
    void onEpoch(const core::RlnEpoch &epoch) override { changed(m_buffer.appendEpoch(epoch)); }
    void onModelFinished(const core::ModelScore &score) override
    {
        changed(m_buffer.appendScore(score));
    }
    void onMessage(const std::string &message) override
    {
        changed(m_buffer.appendMessage(message));
    }

private:
    /// One notification per batch of pending data: when the buffer was empty.
    void changed(bool wasEmpty)
    {
        if (wasEmpty)
            m_notify();
    }

    RlnBuffer &m_buffer;
    std::function<void()> m_notify;
};
} // namespace

RlnWorker::RlnWorker(std::shared_ptr<RlnBuffer> buffer, QObject *parent)
    : QObject(parent)
    , m_buffer(std::move(buffer))
    , m_jobs(new JobController(QStringLiteral("rln"), this))
{
    connect(m_jobs, &JobController::finished, this, &RlnWorker::finished);
    connect(m_jobs, &JobController::failed, this, &RlnWorker::failed);
}

RlnWorker::~RlnWorker()
{
    requestStop();
    delete m_jobs; // the job uses this object's benchmark: join it first
}

bool RlnWorker::start(const core::RlnConfig &config, const std::string &outDirectory)
{
    if (m_jobs->isRunning())
        return false;
    m_benchmark.pauseGate().resume();
    return m_jobs->run([this, config, outDirectory](core::JobObserver &, std::stop_token stop) {
        BufferingRlnObserver observer(
            *m_buffer, [this] { m_jobs->post([this] { Q_EMIT updatesAvailable(); }); });
        m_buffer->setResult(m_benchmark.run(config, outDirectory, observer, std::move(stop)));
    });
}

void RlnWorker::requestStop()
{
    m_jobs->stop();
    // A paused job must wake up to see the stop.
    m_benchmark.pauseGate().resume();
}

void RlnWorker::pause()
{
    m_benchmark.pauseGate().pause();
}

void RlnWorker::resume()
{
    m_benchmark.pauseGate().resume();
}

void RlnWorker::postSettings(const core::RlnSettings &settings)
{
    m_benchmark.rlnMailbox().post(settings);
}

} // namespace sparsescope::app
