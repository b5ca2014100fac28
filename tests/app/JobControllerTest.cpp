// SPDX-License-Identifier: GPL-3.0-or-later
// The GUI side of the job contract: one thread, coalesced updates drained on the GUI thread,
// results delivered after every update, stop, failures, and a clean shutdown mid-job.
#include "controllers/JobController.h"

#include "sparsescope/core/Error.h"

#include <QCoreApplication>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

using namespace sparsescope;
using app::JobController;

namespace {
/// Runs the event loop until `done` or 10 s.
template<class Predicate>
bool waitFor(Predicate done)
{
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!done() && std::chrono::steady_clock::now() < deadline)
        QTest::qWait(5);
    return done();
}
} // namespace

TEST(JobController, DeliversMessagesInOrderTheLatestProgressAndThenTheResult)
{
    JobController jobs(QStringLiteral("test"));
    QStringList messages;
    std::vector<qint64> progress;
    std::vector<int> posted;
    int result = 0;
    bool resultBeforeFinished = false;
    bool finished = false;
    QObject::connect(&jobs, &JobController::message,
                     [&](const QString &text) { messages << text; });
    QObject::connect(&jobs, &JobController::progress, [&](qint64 done, qint64 total) {
        EXPECT_EQ(total, 1000);
        progress.push_back(done);
    });
    QObject::connect(&jobs, &JobController::finished, [&](core::JobStatus status) {
        EXPECT_EQ(status, core::JobStatus::Completed);
        resultBeforeFinished = result == 42;
        finished = true;
    });
    const Qt::HANDLE gui = QThread::currentThreadId();
    Qt::HANDLE jobThread = nullptr;
    ASSERT_TRUE(jobs.run(
        [&](core::JobObserver &observer, std::stop_token) {
            jobThread = QThread::currentThreadId();
            for (int i = 1; i <= 1000; ++i) {
                observer.onProgress(std::size_t(i), 1000);
                if (i % 100 == 0) {
                    observer.onMessage("step " + std::to_string(i));
                    jobs.post([&posted, i] { posted.push_back(i); });
                }
            }
            return 42;
        },
        [&](int value) {
            EXPECT_EQ(QThread::currentThreadId(), gui);
            result = value;
        }));
    EXPECT_TRUE(jobs.isRunning());
    EXPECT_FALSE(jobs.run([](core::JobObserver &, std::stop_token) {})) << "one job at a time";
    ASSERT_TRUE(waitFor([&] { return finished; }));
    EXPECT_NE(jobThread, gui);
    EXPECT_TRUE(resultBeforeFinished);
    ASSERT_EQ(messages.size(), 10);
    EXPECT_EQ(messages.front(), QStringLiteral("step 100"));
    EXPECT_EQ(messages.back(), QStringLiteral("step 1000"));
    EXPECT_EQ(posted, (std::vector<int> {100, 200, 300, 400, 500, 600, 700, 800, 900, 1000}));
    // Coalesced: far fewer deliveries than reports, never backwards, ending at the total.
    ASSERT_FALSE(progress.empty());
    EXPECT_LT(progress.size(), 1000u);
    EXPECT_TRUE(std::is_sorted(progress.begin(), progress.end()));
    EXPECT_EQ(progress.back(), 1000);
    EXPECT_FALSE(jobs.isRunning());
}

TEST(JobController, StopCancelsAndAThrowingJobFailsWithItsMessage)
{
    JobController jobs(QStringLiteral("test"));
    std::optional<core::JobStatus> status;
    QString failure;
    QObject::connect(&jobs, &JobController::finished, [&](core::JobStatus s) { status = s; });
    QObject::connect(&jobs, &JobController::failed, [&](const QString &m) { failure = m; });
    std::atomic<bool> started {false};
    bool doneCalled = false;
    ASSERT_TRUE(jobs.run(
        [&](core::JobObserver &, std::stop_token stop) {
            started = true;
            while (!stop.stop_requested())
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
        },
        [&] { doneCalled = true; }));
    ASSERT_TRUE(waitFor([&] { return started.load(); }));
    jobs.stop();
    EXPECT_TRUE(jobs.stopRequested());
    ASSERT_TRUE(waitFor([&] { return status.has_value(); }));
    EXPECT_EQ(*status, core::JobStatus::Cancelled);
    EXPECT_TRUE(doneCalled);

    // The next job gets a fresh stop token; its exception becomes failed(), `done` is skipped.
    status.reset();
    doneCalled = false;
    ASSERT_TRUE(jobs.run(
        [](core::JobObserver &, std::stop_token stop) -> int {
            EXPECT_FALSE(stop.stop_requested());
            throw core::Error("/data/broken.csv", "line 3 has 2 fields, expected 5");
        },
        [&](int) { doneCalled = true; }));
    ASSERT_TRUE(waitFor([&] { return !failure.isEmpty(); }));
    EXPECT_TRUE(failure.contains(QStringLiteral("/data/broken.csv"))) << failure.toStdString();
    EXPECT_FALSE(status.has_value());
    EXPECT_FALSE(doneCalled);
    EXPECT_FALSE(jobs.isRunning());
}

TEST(JobController, DestroyingItMidJobStopsTheJobAndJoinsItsThread)
{
    std::atomic<bool> started {false}, sawStop {false};
    {
        JobController jobs(QStringLiteral("test"));
        ASSERT_TRUE(jobs.run([&](core::JobObserver &observer, std::stop_token stop) {
            started = true;
            while (!stop.stop_requested())
                observer.onProgress(1, 2); // keeps waking a GUI that is going away
            sawStop = true;
        }));
        ASSERT_TRUE(waitFor([&] { return started.load(); }));
    }
    EXPECT_TRUE(sawStop) << "the destructor waited for the job to see its stop token";
    QCoreApplication::processEvents(); // queued wake-ups for the dead controller are dropped
}
