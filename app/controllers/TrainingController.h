// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "controllers/JobController.h"
#include "workers/TrainingBuffer.h"

#include "sparsescope/core/training/TrainConfig.h"
#include "sparsescope/core/training/TrainResult.h"

#include <QObject>
#include <QString>

#include <memory>

namespace sparsescope::app {

class TrainingWorker;

/// Runs TrainingWorker as a job of its JobController and turns the worker's buffer into
/// GUI-thread signals: the buffer is drained with the controller's updates (a ~35 ms
/// single-shot timer), so the GUI redraws at most ~30 times a second however fast the trainer
/// reports.
class TrainingController : public QObject
{
    Q_OBJECT

public:
    /// How long pending updates may wait before the GUI draws them.
    static constexpr int kDrainIntervalMs = JobController::kDrainIntervalMs;

    explicit TrainingController(QObject *parent = nullptr);
    /// Stops a running job and waits for its thread: never terminates it.
    ~TrainingController() override;

    bool isRunning() const { return m_jobs->isRunning(); }

    /// Starts a run; ignored while one is running. Ends with finished() or failed().
    void start(const core::TrainConfig &config, const QString &runDirectory);
    void pause();
    void resume();
    /// Asks the trainer to stop at its next step; finished() follows with status Cancelled.
    void stop();
    /// New group-Lasso strengths (all terms) for the running trainer, applied at its next step.
    void setStrengths(const std::vector<core::RegularizationTerm> &terms);

Q_SIGNALS:
    void updatesAvailable(const sparsescope::app::TrainingUpdates &updates);
    /// Completed or cancelled; the remaining updates were delivered before.
    void finished(const sparsescope::core::TrainResult &result);
    /// The run could not go on; the message names the problem (and the file, for bad input).
    void failed(const QString &message);

private:
    void drain();
    void onFinished();
    void onFailed(const QString &message);

    std::shared_ptr<TrainingBuffer> m_buffer;
    std::unique_ptr<TrainingWorker> m_worker;
    JobController *m_jobs = nullptr;
};

} // namespace sparsescope::app
