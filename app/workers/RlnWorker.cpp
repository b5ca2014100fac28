// SPDX-License-Identifier: GPL-3.0-or-later
#include "workers/RlnWorker.h"

#include "workers/RlnBuffer.h"

#include <exception>
#include <utility>

namespace sparsescope::app {

namespace {
/// Runs on the job's thread: copies plain values into the buffer, nothing else.
class BufferingRlnObserver final : public core::RlnObserver
{
public:
    explicit BufferingRlnObserver(RlnBuffer &buffer)
        : m_buffer(buffer)
    { }

    void onFeatures(const std::vector<std::string> &names) override { m_buffer.setFeatures(names); }
    void onModelStarted(const std::string &model, std::uint64_t seed, int, int index,
                        int total) override
    {
        m_buffer.modelStarted(model, seed, index, total);
    }
    void onEpoch(const core::RlnEpoch &epoch) override { m_buffer.appendEpoch(epoch); }
    void onModelFinished(const core::ModelScore &score) override { m_buffer.appendScore(score); }
    void onMessage(const std::string &message) override { m_buffer.appendMessage(message); }

private:
    RlnBuffer &m_buffer;
};
} // namespace

RlnWorker::RlnWorker(std::shared_ptr<RlnBuffer> buffer, QObject *parent)
    : QObject(parent)
    , m_buffer(std::move(buffer))
{ }

void RlnWorker::start(const core::RlnConfig &config, const std::string &outDirectory)
{
    std::stop_token token;
    {
        std::lock_guard lock(m_stopMutex);
        m_stopSource = std::stop_source();
        token = m_stopSource.get_token();
    }
    m_benchmark.pauseGate().resume();
    QMetaObject::invokeMethod(
        this, [this, config, outDirectory, token] { run(config, outDirectory, token); },
        Qt::QueuedConnection);
}

void RlnWorker::requestStop()
{
    std::lock_guard lock(m_stopMutex);
    m_stopSource.request_stop();
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

void RlnWorker::run(const core::RlnConfig &config, const std::string &outDirectory,
                    std::stop_token stop)
{
    try {
        BufferingRlnObserver observer(*m_buffer);
        m_buffer->setResult(m_benchmark.run(config, outDirectory, observer, std::move(stop)));
        Q_EMIT finished();
    } catch (const std::exception &error) {
        Q_EMIT failed(QString::fromStdString(error.what()));
    } catch (...) {
        Q_EMIT failed(tr("unknown error in the tabular comparison"));
    }
}

} // namespace sparsescope::app
