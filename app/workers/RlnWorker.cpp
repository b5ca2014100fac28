// SPDX-License-Identifier: GPL-3.0-or-later
#include "workers/RlnWorker.h"

#include "workers/RlnBuffer.h"

#include <utility>

namespace sparsescope::app {

namespace {
/// Runs on the job's thread: copies plain values into the buffer and asks the GUI, through the
/// controller, to drain it (once until it has).
class BufferingRlnObserver final : public core::RlnObserver
{
public:
    BufferingRlnObserver(RlnBuffer &buffer, JobController &jobs, std::function<void()> notify,
                         std::atomic<bool> &posted)
        : m_buffer(buffer)
        , m_jobs(jobs)
        , m_notify(std::move(notify))
        , m_posted(posted)
    { }

    void onFeatures(const std::vector<std::string> &names) override
    {
        m_buffer.setFeatures(names);
        changed();
    }
    void onModelStarted(const std::string &model, std::uint64_t seed, int, int index,
                        int total) override
    {
        m_buffer.modelStarted(model, seed, index, total);
        changed();
    }
    void onEpoch(const core::RlnEpoch &epoch) override
    {
        m_buffer.appendEpoch(epoch);
        changed();
    }
    void onModelFinished(const core::ModelScore &score) override
    {
        m_buffer.appendScore(score);
        changed();
    }
    void onMessage(const std::string &message) override
    {
        m_buffer.appendMessage(message);
        changed();
    }

private:
    void changed()
    {
        if (!m_posted.exchange(true))
            m_jobs.post(m_notify);
    }

    RlnBuffer &m_buffer;
    JobController &m_jobs;
    std::function<void()> m_notify;
    std::atomic<bool> &m_posted;
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
    *m_updatePosted = false;
    return m_jobs->run([this, config, outDirectory](core::JobObserver &, std::stop_token stop) {
        auto notify = [this, posted = m_updatePosted] {
            *posted = false;
            Q_EMIT updatesAvailable();
        };
        BufferingRlnObserver observer(*m_buffer, *m_jobs, notify, *m_updatePosted);
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
