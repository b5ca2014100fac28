// SPDX-License-Identifier: GPL-3.0-or-later
#include "controllers/JobController.h"

#include <QMetaObject>

#include <atomic>
#include <exception>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

namespace sparsescope::app {

/// What a job reported since the last drain; the job's observer. Thread-safe.
class JobController::Buffer : public core::JobObserver
{
public:
    explicit Buffer(std::function<void()> wake)
        : m_wake(std::move(wake))
    { }

    void onMessage(const std::string &text) override
    {
        push([&] { m_events.push_back(Event {QString::fromStdString(text), {}}); });
    }
    void onProgress(std::size_t done, std::size_t total) override
    {
        push([&] { m_progress = std::pair {qint64(done), qint64(total)}; });
    }
    void post(std::function<void()> work)
    {
        push([&] { m_events.push_back(Event {{}, std::move(work)}); });
    }
    /// The job start() hands to the thread, with its stop token: through this mutex, so that
    /// the hand-over is one ThreadSanitizer sees (a functor queued through Qt's event loop is
    /// handed over by uninstrumented Qt code, and TSan then reports the capture's write and
    /// read as a race).
    void setPending(Job job, std::stop_token token)
    {
        std::lock_guard lock(m_mutex);
        m_pending = std::move(job);
        m_pendingToken = std::move(token);
    }
    std::pair<Job, std::stop_token> takePending()
    {
        std::lock_guard lock(m_mutex);
        return {std::exchange(m_pending, {}), std::exchange(m_pendingToken, {})};
    }
    void finish(Completion completion, std::optional<QString> error)
    {
        push([&] {
            m_completion = std::move(completion);
            m_error = std::move(error);
        });
    }

    struct Event
    {
        QString message; ///< when work is empty
        std::function<void()> work;
    };
    struct Taken
    {
        std::vector<Event> events;
        std::optional<std::pair<qint64, qint64>> progress;
        Completion completion; ///< set when the job returned
        std::optional<QString> error; ///< set when it threw
        bool ended() const { return completion || error; }
    };
    Taken take()
    {
        std::lock_guard lock(m_mutex);
        m_woken = false;
        Taken taken {std::move(m_events), m_progress, std::move(m_completion), std::move(m_error)};
        m_events.clear();
        m_progress.reset();
        m_completion = {};
        m_error.reset();
        return taken;
    }

private:
    template<class Change>
    void push(Change change)
    {
        bool wake = false;
        {
            std::lock_guard lock(m_mutex);
            change();
            wake = !m_woken;
            m_woken = true;
        }
        if (wake)
            m_wake(); // once per drain: the GUI's event queue never floods
    }

    std::function<void()> m_wake;
    std::mutex m_mutex;
    std::vector<Event> m_events;
    std::optional<std::pair<qint64, qint64>> m_progress;
    Completion m_completion;
    std::optional<QString> m_error;
    bool m_woken = false;
    Job m_pending;
    std::stop_token m_pendingToken;
};

namespace {

/// Lives in the job thread and runs what it is woken for: woken by name, with a queued call
/// that carries no data (the job itself travels through the buffer's mutex).
class Executor : public QObject
{
    Q_OBJECT

public:
    explicit Executor(std::function<void()> run)
        : m_run(std::move(run))
    { }

public Q_SLOTS:
    void runPending() { m_run(); }

private:
    const std::function<void()> m_run;
};

} // namespace

JobController::JobController(const QString &name, QObject *parent)
    : QObject(parent)
    , m_buffer(std::make_shared<Buffer>([this] { wake(); }))
{
    m_thread.setObjectName(name);
    m_executor = new Executor([buffer = m_buffer] { runPending(*buffer); });
    m_executor->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_executor, &QObject::deleteLater);
    m_drainTimer.setSingleShot(true);
    m_drainTimer.setInterval(kDrainIntervalMs);
    connect(&m_drainTimer, &QTimer::timeout, this, &JobController::drain);
    m_thread.start();
}

JobController::~JobController()
{
    m_stop.request_stop();
    m_thread.quit();
    m_thread.wait();
}

void JobController::wake()
{
    // From any thread: start the drain timer on the GUI thread (by name: see Buffer::setPending).
    QMetaObject::invokeMethod(this, "startDrainTimer", Qt::QueuedConnection);
}

void JobController::startDrainTimer()
{
    if (!m_drainTimer.isActive())
        m_drainTimer.start();
}

bool JobController::start(Job job)
{
    if (m_running)
        return false;
    m_running = true;
    m_stop = std::stop_source();
    m_buffer->take(); // leftovers of an earlier job must not show up in this one
    m_buffer->setPending(std::move(job), m_stop.get_token());
    QMetaObject::invokeMethod(m_executor, "runPending", Qt::QueuedConnection);
    return true;
}

void JobController::runPending(Buffer &buffer)
{
    auto [job, token] = buffer.takePending();
    if (!job)
        return;
    try {
        buffer.finish(job(buffer, token), std::nullopt);
    } catch (const std::exception &error) {
        // LibTorch's messages carry a backtrace after the first lines: keep the message.
        QString message = QString::fromUtf8(error.what());
        if (const auto cut = message.indexOf(QStringLiteral("\nException raised from")); cut > 0)
            message.truncate(cut);
        buffer.finish({}, message.trimmed());
    } catch (...) {
        buffer.finish({}, QStringLiteral("internal error: unknown exception"));
    }
}

void JobController::stop()
{
    if (m_running)
        m_stop.request_stop();
}

bool JobController::stopRequested() const
{
    return m_running && m_stop.stop_requested();
}

void JobController::post(std::function<void()> guiWork)
{
    m_buffer->post(std::move(guiWork));
}

core::JobObserver &JobController::observer()
{
    return *m_buffer;
}

void JobController::drain()
{
    Buffer::Taken taken = m_buffer->take();
    for (auto &event : taken.events) {
        if (event.work)
            event.work();
        else
            Q_EMIT message(event.message);
    }
    if (taken.progress)
        Q_EMIT progress(taken.progress->first, taken.progress->second);
    if (!taken.ended())
        return;
    m_running = false;
    if (taken.error) {
        Q_EMIT failed(*taken.error);
        return;
    }
    const bool cancelled = m_stop.stop_requested();
    if (taken.completion)
        taken.completion();
    Q_EMIT finished(cancelled ? core::JobStatus::Cancelled : core::JobStatus::Completed);
}

} // namespace sparsescope::app

#include "JobController.moc"
