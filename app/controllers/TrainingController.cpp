// SPDX-License-Identifier: GPL-3.0-or-later
#include "controllers/TrainingController.h"

#include "workers/TrainingWorker.h"

namespace sparsescope::app {

TrainingController::TrainingController(QObject *parent)
    : QObject(parent)
    , m_buffer(std::make_shared<TrainingBuffer>())
    , m_worker(std::make_unique<TrainingWorker>(m_buffer))
    , m_jobs(new JobController(QStringLiteral("training"), this))
{
    connect(m_jobs, &JobController::finished, this, &TrainingController::onFinished);
    connect(m_jobs, &JobController::failed, this, &TrainingController::onFailed);
}

TrainingController::~TrainingController()
{
    delete m_jobs; // stops the run and joins its thread while the worker still exists
}

void TrainingController::start(const core::TrainConfig &config, const QString &runDirectory)
{
    if (m_jobs->isRunning())
        return;
    // Leftovers of an earlier run must not show up in this one.
    m_buffer->take();
    m_buffer->takeResult();
    m_jobs->run([this, config, directory = runDirectory.toStdString()](core::JobObserver &,
                                                                       std::stop_token stop) {
        // Called when the buffer was empty: one drain per batch of pending data.
        const auto notify = [this] {
            m_jobs->post([this] { drain(); });
        };
        m_worker->run(config, directory, notify, stop);
    });
}

void TrainingController::pause()
{
    if (m_jobs->isRunning())
        m_worker->pause();
}

void TrainingController::resume()
{
    m_worker->resume();
}

void TrainingController::stop()
{
    if (m_jobs->isRunning())
        m_jobs->stop(); // a paused run wakes up too: the pause gate waits on the stop token
}

void TrainingController::setStrengths(const std::vector<core::RegularizationTerm> &terms)
{
    if (m_jobs->isRunning())
        m_worker->postStrengths(terms);
}

void TrainingController::drain()
{
    TrainingUpdates updates = m_buffer->take();
    if (!updates.empty())
        Q_EMIT updatesAvailable(updates);
}

void TrainingController::onFinished()
{
    drain();
    core::TrainResult result = m_buffer->takeResult().value_or(core::TrainResult {});
    if (result.status == core::TrainStatus::Failed)
        Q_EMIT failed(QString::fromStdString(result.message));
    else
        Q_EMIT finished(result);
}

void TrainingController::onFailed(const QString &message)
{
    drain();
    Q_EMIT failed(message);
}

} // namespace sparsescope::app
