// SPDX-License-Identifier: GPL-3.0-or-later
#include "controllers/TrainingController.h"

#include "workers/TrainingWorker.h"

namespace sparsescope::app {

TrainingController::TrainingController(QObject *parent)
    : QObject(parent)
    , m_buffer(std::make_shared<TrainingBuffer>())
{
    m_thread.setObjectName(QStringLiteral("training"));
    m_worker = new TrainingWorker(m_buffer);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &TrainingWorker::dataAvailable, this, [this] {
        if (!m_drainTimer.isActive())
            m_drainTimer.start();
    });
    connect(m_worker, &TrainingWorker::finished, this, &TrainingController::onWorkerFinished);
    connect(m_worker, &TrainingWorker::failed, this, &TrainingController::onWorkerFailed);

    m_drainTimer.setSingleShot(true);
    m_drainTimer.setInterval(kDrainIntervalMs);
    connect(&m_drainTimer, &QTimer::timeout, this, &TrainingController::drain);
    m_thread.start();
}

TrainingController::~TrainingController()
{
    m_worker->requestStop();
    m_thread.quit();
    m_thread.wait();
}

void TrainingController::start(const core::TrainConfig &config, const QString &runDirectory)
{
    if (m_running)
        return;
    m_running = true;
    // Leftovers of an earlier run must not show up in this one.
    m_buffer->take();
    m_buffer->takeResult();
    m_worker->start(config, runDirectory.toStdString());
}

void TrainingController::pause()
{
    if (m_running)
        m_worker->pause();
}

void TrainingController::resume()
{
    m_worker->resume();
}

void TrainingController::stop()
{
    if (m_running)
        m_worker->requestStop();
}

void TrainingController::setStrengths(const std::vector<core::RegularizationTerm> &terms)
{
    if (m_running)
        m_worker->postStrengths(terms);
}

void TrainingController::drain()
{
    TrainingUpdates updates = m_buffer->take();
    if (!updates.empty())
        Q_EMIT updatesAvailable(updates);
}

void TrainingController::onWorkerFinished()
{
    m_drainTimer.stop();
    drain();
    m_running = false;
    core::TrainResult result = m_buffer->takeResult().value_or(core::TrainResult {});
    if (result.status == core::TrainStatus::Failed)
        Q_EMIT failed(QString::fromStdString(result.message));
    else
        Q_EMIT finished(result);
}

void TrainingController::onWorkerFailed(const QString &message)
{
    m_drainTimer.stop();
    drain();
    m_running = false;
    Q_EMIT failed(message);
}

} // namespace sparsescope::app
