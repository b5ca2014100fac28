// SPDX-License-Identifier: GPL-3.0-or-later
#include "workers/DegradationWorker.h"

#include "sparsescope/core/degradations/AmplitudeSpectrum.h"
#include "sparsescope/core/degradations/ImageFile.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <exception>

namespace sparsescope::app {

DegradationWorker::DegradationWorker(QObject *parent)
    : QObject(parent)
    , m_jobs(new JobController(QStringLiteral("degradations"), this))
{
    connect(m_jobs, &JobController::finished, this, &DegradationWorker::startPending);
    connect(m_jobs, &JobController::failed, this, &DegradationWorker::startPending);
}

DegradationWorker::~DegradationWorker()
{
    delete m_jobs; // its job posts through this object: join it first
}

void DegradationWorker::requestRender(const DegradationRequest &request)
{
    m_pending = request;
    if (m_jobs->isRunning())
        m_jobs->stop(); // the newest request starts when the running render has stopped
    else
        startPending();
}

void DegradationWorker::startPending()
{
    if (!m_pending || m_jobs->isRunning())
        return;
    DegradationRequest request = std::move(*m_pending);
    m_pending.reset();
    if (!request.image)
        return;
    m_jobs->run(
        [this, request](core::JobObserver &, std::stop_token stop) { render(request, stop); });
}

QImage DegradationWorker::toQImage(const core::FloatImage &image)
{
    const std::vector<std::uint8_t> bytes = core::ImageFile::toBytes(image);
    const bool grey = image.channels == 1;
    QImage out(image.width, image.height, grey ? QImage::Format_Grayscale8 : QImage::Format_RGB888);
    const int rowBytes = image.width * image.channels;
    for (int r = 0; r < image.height; ++r)
        std::copy_n(bytes.data() + std::size_t(r) * rowBytes, rowBytes, out.scanLine(r));
    return out;
}

QImage DegradationWorker::amplitudeImage(const core::FloatImage &image)
{
    const core::AmplitudeSpectrum spectrum = core::AmplitudeSpectrum::ofImage(image);
    core::FloatImage shown(spectrum.height(), spectrum.width(), 1);
    double peak = 0.0;
    for (std::size_t i = 0; i < shown.values.size(); ++i) {
        shown.values[i] = std::log1p(spectrum.values()[i]);
        peak = std::max(peak, shown.values[i]);
    }
    if (peak > 0.0)
        for (double &v : shown.values)
            v /= peak;
    return toQImage(shown);
}

void DegradationWorker::render(const DegradationRequest &request, std::stop_token stop)
{
    core::DegradationSettings settings;
    settings.level = request.level;
    settings.seed = request.seed;
    settings.spectrum = request.spectrum;
    try {
        const auto start = std::chrono::steady_clock::now();
        const core::FloatImage degraded
            = core::DegradationRegistry::apply(request.type, *request.image, settings);
        const double ms
            = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                  .count();
        const QImage image = toQImage(degraded);
        const QImage spectrum = request.amplitudeSpectrum ? amplitudeImage(degraded) : QImage();
        m_jobs->post([this, id = request.id, image, spectrum, ms] {
            Q_EMIT rendered(id, image, spectrum, ms);
        });
    } catch (const std::exception &error) {
        m_jobs->post([this, id = request.id, message = QString::fromStdString(error.what())] {
            Q_EMIT failed(id, message);
        });
    }
    if (!request.grid)
        return;
    const auto &entries = core::DegradationRegistry::entries();
    for (std::size_t i = 0; i < entries.size(); ++i) {
        if (stop.stop_requested())
            return; // a newer request waits: drop the rest of this grid
        const core::DegradationInfo &info = entries[i];
        const int n = int(info.levels.size());
        const double level = n == 0 ? info.minimum
                                    : info.levels[std::size_t(std::clamp(
                                        int(std::lround(request.rank * (n - 1))), 0, n - 1))];
        core::DegradationSettings tile = settings;
        tile.level = level;
        tile.seed = info.random ? request.seed : info.defaultSeed;
        try {
            const core::FloatImage out
                = core::DegradationRegistry::apply(info.name, *request.image, tile);
            m_jobs->post([this, id = request.id, index = int(i),
                          type = QString::fromStdString(info.name), level, image = toQImage(out)] {
                Q_EMIT tileRendered(id, index, type, level, image, QString());
            });
        } catch (const std::exception &error) {
            m_jobs->post([this, id = request.id, index = int(i), level,
                          note = QString::fromStdString(info.name) + QStringLiteral(": ")
                              + QString::fromStdString(error.what())] {
                Q_EMIT tileRendered(id, index, QString(), level, QImage(), note);
            });
        }
    }
}

} // namespace sparsescope::app
