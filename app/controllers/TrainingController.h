// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "workers/TrainingBuffer.h"

#include "sparsescope/core/training/TrainConfig.h"
#include "sparsescope/core/training/TrainResult.h"

#include <QObject>
#include <QString>
#include <QThread>
#include <QTimer>

#include <memory>

namespace sparsescope::app {

class TrainingWorker;

/// Owns the training thread and its TrainingWorker (Qt's Controller/Worker pattern) and turns the
/// worker's buffer into GUI-thread signals: updates are drained on a single-shot timer, so the
/// GUI redraws at most ~30 times a second however fast the trainer reports.
class TrainingController : public QObject
{
    Q_OBJECT

public:
    /// How long pending updates may wait before the GUI draws them.
    static constexpr int kDrainIntervalMs = 35;

    explicit TrainingController(QObject *parent = nullptr);
    /// Stops a running job and waits for its thread: never terminates it.
    ~TrainingController() override;

    bool isRunning() const { return m_running; }

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
    void onWorkerFinished();
    void onWorkerFailed(const QString &message);

    std::shared_ptr<TrainingBuffer> m_buffer;
    QThread m_thread;
    TrainingWorker *m_worker = nullptr;
    QTimer m_drainTimer;
    bool m_running = false;
};

} // namespace sparsescope::app
