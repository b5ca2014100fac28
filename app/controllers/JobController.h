// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsescope/core/jobs/JobObserver.h"

#include <QObject>
#include <QString>
#include <QThread>
#include <QTimer>

#include <functional>
#include <memory>
#include <stop_token>
#include <type_traits>
#include <utility>

namespace sparsescope::app {

/// The GUI side of the job contract (core/jobs/JobObserver.h), for every panel: one worker
/// thread, one job at a time, a stop source, and a coalescing buffer that the GUI thread
/// drains on a single-shot ~35 ms timer — messages in order, the latest progress only, and
/// job-specific events the job post()s — so the GUI redraws at most ~30 times a second however
/// fast a job reports. Destroying the controller (closing the window) stops the running job
/// and waits for its thread; it never terminates one.
///
///     m_jobs->run([config](core::JobObserver &observer, std::stop_token stop) {
///                     return core::RobustnessSweep::run(config, out, observer, stop);
///                 },
///                 [this](std::vector<core::SweepRow> rows) { showRows(rows); });
///
/// `work` runs on the controller's thread and returns a value (or nothing); `done` gets it on
/// the GUI thread after every update was delivered, then finished() follows. An exception from
/// `work` becomes failed(message) and `done` is not called.
class JobController : public QObject
{
    Q_OBJECT

public:
    /// How long pending updates may wait before the GUI draws them.
    static constexpr int kDrainIntervalMs = 35;

    explicit JobController(const QString &name, QObject *parent = nullptr);
    ~JobController() override;

    bool isRunning() const { return m_running; }

    /// Starts a job; false, and nothing runs, while another is running.
    template<class Work, class Done>
    bool run(Work work, Done done);
    template<class Work>
    bool run(Work work)
    {
        return run(std::move(work), [](auto &&...) {});
    }

    /// Asks the running job to stop at its next step (its stop token); finished() then says
    /// Cancelled — also when the job had just completed before it saw the stop, so the result
    /// given to `done` is the authority on what the job did.
    void stop();
    /// True once stop() was called for the running job.
    bool stopRequested() const;

    /// From the job's thread: `guiWork` runs on the GUI thread at the next drain, in order with
    /// messages and progress (job-specific events: a sweep's row, an attack's summary).
    void post(std::function<void()> guiWork);

    /// The observer a job gets, for jobs that wrap it in their own observer type.
    core::JobObserver &observer();

Q_SIGNALS:
    void message(const QString &text);
    void progress(qint64 done, qint64 total);
    /// Completed or Cancelled; every update of the job was delivered before.
    void finished(sparsescope::core::JobStatus status);
    /// The job threw: its message (naming the file, for bad input).
    void failed(const QString &message);

private Q_SLOTS:
    /// Woken by name from any thread (wake()).
    void startDrainTimer();

private:
    class Buffer;
    using Completion = std::function<void()>;
    using Job = std::function<Completion(core::JobObserver &, std::stop_token)>;
    /// Runs `job` on the thread; the completion it returns runs on the GUI thread.
    bool start(Job job);
    /// On the thread: runs the job start() left in the buffer.
    static void runPending(Buffer &buffer);
    void drain();
    void wake();

    std::shared_ptr<Buffer> m_buffer;
    QThread m_thread;
    QObject *m_executor = nullptr; ///< lives in m_thread
    QTimer m_drainTimer;
    std::stop_source m_stop;
    bool m_running = false;
};

template<class Work, class Done>
bool JobController::run(Work work, Done done)
{
    using Result = std::invoke_result_t<Work &, core::JobObserver &, std::stop_token>;
    return start([work = std::move(work), done = std::move(done)](
                     core::JobObserver &observer, std::stop_token stop) mutable -> Completion {
        if constexpr (std::is_void_v<Result>) {
            work(observer, stop);
            return [done]() mutable {
                done();
            };
        } else {
            auto result = std::make_shared<Result>(work(observer, stop));
            return [done, result]() mutable {
                done(std::move(*result));
            };
        }
    });
}

} // namespace sparsescope::app
