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
{ }

void DegradationWorker::requestRender(const DegradationRequest &request)
{
    std::lock_guard lock(m_mutex);
    m_pending = request;
    m_newest = request.id;
    if (m_scheduled)
        return; // the queued call will take the newest request
    m_scheduled = true;
    QMetaObject::invokeMethod(this, &DegradationWorker::renderPending, Qt::QueuedConnection);
}

bool DegradationWorker::superseded(quint64 id)
{
    std::lock_guard lock(m_mutex);
    return m_newest != id;
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

void DegradationWorker::renderPending()
{
    DegradationRequest request;
    {
        std::lock_guard lock(m_mutex);
        m_scheduled = false;
        if (!m_pending)
            return;
        request = std::move(*m_pending);
        m_pending.reset();
    }
    if (!request.image)
        return;
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
        Q_EMIT rendered(request.id, toQImage(degraded),
                        request.amplitudeSpectrum ? amplitudeImage(degraded) : QImage(), ms);
    } catch (const std::exception &error) {
        Q_EMIT failed(request.id, QString::fromStdString(error.what()));
    }
    if (!request.grid)
        return;
    const auto &entries = core::DegradationRegistry::entries();
    for (std::size_t i = 0; i < entries.size(); ++i) {
        if (superseded(request.id))
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
            Q_EMIT tileRendered(request.id, int(i), QString::fromStdString(info.name), level,
                                toQImage(out), QString());
        } catch (const std::exception &error) {
            Q_EMIT tileRendered(request.id, int(i), QString(), level, QImage(),
                                QString::fromStdString(info.name) + QStringLiteral(": ")
                                    + QString::fromStdString(error.what()));
        }
    }
}

} // namespace sparsescope::app
