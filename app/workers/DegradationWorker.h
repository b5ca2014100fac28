// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "controllers/JobController.h"

#include "sparsescope/core/degradations/DegradationRegistry.h"
#include "sparsescope/core/degradations/FloatImage.h"

#include <QImage>
#include <QObject>
#include <QString>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace sparsescope::app {

/// What the degradation panel wants drawn: one image at one type and level, and optionally the
/// grid of every type at the same relative severity (`rank` 0 … 1 through each type's levels).
struct DegradationRequest
{
    std::shared_ptr<const core::FloatImage> image;
    std::string type;
    double level = 0.0;
    std::uint32_t seed = 0;
    std::shared_ptr<const core::AmplitudeSpectrum> spectrum;
    bool grid = false;
    double rank = 0.0;
    bool amplitudeSpectrum = false;
    quint64 id = 0;
};

/// Renders degradations as jobs of its JobController (it lives on the GUI thread; its signals
/// come there). requestRender() may be called at any rate (a dragged slider): the newest request
/// replaces one that has not started, and a running render is stopped at its next tile, so the
/// view follows the slider without a queue building up.
class DegradationWorker : public QObject
{
    Q_OBJECT

public:
    explicit DegradationWorker(QObject *parent = nullptr);
    /// Stops a running render and joins its thread before anything else goes.
    ~DegradationWorker() override;

    void requestRender(const DegradationRequest &request);
    /// The controller the renders run on.
    JobController &jobs() { return *m_jobs; }

    /// 8-bit view of a FloatImage, truncated as the reference saves stimuli (grey or RGB).
    static QImage toQImage(const core::FloatImage &image);
    /// log(1 + |fftshift(fft2(grey))|) scaled to 0 … 255, for the spectrum view.
    static QImage amplitudeImage(const core::FloatImage &image);

Q_SIGNALS:
    /// The main image degraded (and its amplitude spectrum when asked), with the time it took.
    void rendered(quint64 id, const QImage &degraded, const QImage &spectrum, double milliseconds);
    /// One tile of the grid; `type` is empty for a failed tile whose reason is in `note`.
    void tileRendered(quint64 id, int index, const QString &type, double level, const QImage &image,
                      const QString &note);
    void failed(quint64 id, const QString &message);

private:
    void startPending();
    /// On the job's thread; results are posted to the GUI thread.
    void render(const DegradationRequest &request, std::stop_token stop);

    JobController *m_jobs = nullptr;
    std::optional<DegradationRequest> m_pending;
};

} // namespace sparsescope::app
