// SPDX-License-Identifier: GPL-3.0-or-later
#include "panels/TrainingPresenter.h"

#include "controllers/TrainingController.h"

#include "sparsescope/widgets/EpochTableModel.h"
#include "sparsescope/widgets/EtaFormatter.h"
#include "sparsescope/widgets/FilterGrid.h"
#include "sparsescope/widgets/GroupNormHistogram.h"
#include "sparsescope/widgets/StructureView.h"
#include "sparsescope/widgets/TrainingPlot.h"

#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QTableView>
#include <QTime>

#include <algorithm>

namespace sparsescope::app {

TrainingPresenter::TrainingPresenter(const TrainingViews &views, QObject *parent)
    : QObject(parent)
    , m_views(views)
    , m_controller(new TrainingController(this))
{
    connect(m_controller, &TrainingController::updatesAvailable, this,
            &TrainingPresenter::applyUpdates);
    connect(m_controller, &TrainingController::finished, this, &TrainingPresenter::onFinished);
    connect(m_controller, &TrainingController::failed, this, &TrainingPresenter::onFailed);
}

QString TrainingPresenter::epochCount(int count)
{
    return count == 1 ? tr("1 epoch") : tr("%1 epochs").arg(count);
}

QString TrainingPresenter::percent(double fraction)
{
    return QStringLiteral("%1\u00a0%").arg(fraction * 100.0, 0, 'f', 2);
}

void TrainingPresenter::start(const core::TrainConfig &config, const QString &runFolder)
{
    if (m_state != State::Idle)
        return;
    m_activeRunFolder = runFolder;
    m_epochsPlanned = config.epochs;
    const QString model = QString::fromStdString(config.model);
    const QString data = QString::fromStdString(config.data);

    m_views.plot->clear();
    m_views.structure->clear();
    m_views.filters->clear();
    m_views.norms->clear();
    m_views.plot->setExpectedEpochs(config.epochs);
    m_views.plot->setPlaceholderText(tr("Loading %1 …").arg(data));
    m_views.epochs->clear();
    appendLog(tr("Starting %1 on %2, %3 → %4")
                  .arg(model, data, epochCount(config.epochs), m_activeRunFolder));
    setState(State::Running);
    m_views.progress->setValue(0);
    m_views.progress->setFormat(tr("starting…"));
    m_views.status->setText(tr("Training…"));
    m_controller->start(config, m_activeRunFolder);
    Q_EMIT runStarted(m_activeRunFolder);
    Q_EMIT progressChanged(0.0, tr("starting…"));
}

void TrainingPresenter::togglePause()
{
    if (m_state == State::Running) {
        m_controller->pause();
        setState(State::Paused);
        m_views.progress->setFormat(m_views.progress->format() + tr(" · paused"));
        appendLog(tr("Paused."));
        emitProgress();
    } else if (m_state == State::Paused) {
        m_controller->resume();
        setState(State::Running);
        appendLog(tr("Resumed."));
    }
}

void TrainingPresenter::stop()
{
    if (m_state != State::Running && m_state != State::Paused)
        return;
    m_controller->stop();
    setState(State::Stopping);
    m_views.status->setText(tr("Stopping…"));
    appendLog(tr("Stopping…"));
}

void TrainingPresenter::setStrengths(const std::vector<core::RegularizationTerm> &terms)
{
    if (m_controller->isRunning())
        m_controller->setStrengths(terms); // all terms: the mailbox replaces them all
}

void TrainingPresenter::appendLog(const QString &line)
{
    m_views.log->appendPlainText(QStringLiteral("%1  %2").arg(
        QTime::currentTime().toString(QStringLiteral("HH:mm:ss")), line));
}

void TrainingPresenter::setState(State state)
{
    m_state = state;
    Q_EMIT stateChanged(state);
}

void TrainingPresenter::emitProgress()
{
    Q_EMIT progressChanged(double(m_views.progress->value()) / kProgressSteps,
                           m_views.progress->format());
}

void TrainingPresenter::applyUpdates(const TrainingUpdates &updates)
{
    // Kinds are kept apart in the buffer; this order matches the trainer's in the usual cases
    // ("loading …" arrives alone before the first batch, "completed" after the last epoch).
    for (const core::BatchMetrics &batch : updates.batches) {
        const int perEpoch = std::max(1, batch.batchesPerEpoch);
        m_views.plot->appendBatch(batch.epoch - 1 + double(batch.batch) / perEpoch, batch.loss,
                                  batch.accuracy);
    }
    if (!updates.batches.empty() && m_state != State::Stopping) {
        const core::BatchMetrics &last = updates.batches.back();
        const int perEpoch = std::max(1, last.batchesPerEpoch);
        const int epochs = std::max(1, last.epochs);
        const double fraction
            = ((last.epoch - 1) * double(perEpoch) + last.batch) / (double(epochs) * perEpoch);
        QString text
            = widgets::EtaFormatter::progress(last.epoch, epochs, fraction, last.etaSeconds);
        if (m_state == State::Paused)
            text += tr(" · paused");
        m_views.progress->setValue(static_cast<int>(fraction * kProgressSteps));
        m_views.progress->setFormat(text);
        Q_EMIT progressChanged(fraction, text);
    }
    if (updates.structure) {
        m_views.structure->setStructure(*updates.structure);
        m_views.norms->setStructure(*updates.structure);
    }
    if (updates.filters)
        m_views.filters->setFilters(*updates.filters);
    for (const core::EpochMetrics &epoch : updates.epochs) {
        m_views.epochs->append(epoch);
        m_views.plot->appendEpoch(epoch.epoch, epoch.trainAccuracy, epoch.testAccuracy);
        QString line = tr("epoch %1/%2: loss %3 · train %4")
                           .arg(epoch.epoch)
                           .arg(m_epochsPlanned)
                           .arg(epoch.loss, 0, 'f', 4)
                           .arg(percent(epoch.trainAccuracy));
        if (epoch.testAccuracy >= 0.0)
            line += tr(" · test %1").arg(percent(epoch.testAccuracy));
        line += tr(" · %1 s").arg(epoch.seconds, 0, 'f', 1);
        appendLog(line);
        m_views.epochView->scrollToBottom();
        Q_EMIT epochFinished(epoch.epoch);
    }
    for (const std::string &message : updates.messages)
        appendLog(QString::fromStdString(message));
}

void TrainingPresenter::onFinished(const core::TrainResult &result)
{
    setState(State::Idle);
    const std::vector<core::EpochMetrics> &epochs
        = result.epochs.empty() ? m_views.epochs->epochs() : result.epochs;
    QString summary;
    if (result.status == core::TrainStatus::Completed) {
        summary = tr("Finished %1 in %2")
                      .arg(epochCount(static_cast<int>(epochs.size())),
                           widgets::EtaFormatter::duration(result.seconds));
        if (!epochs.empty() && epochs.back().testAccuracy >= 0.0)
            summary += tr(" — test accuracy %1").arg(percent(epochs.back().testAccuracy));
        else if (!epochs.empty())
            summary += tr(" — train accuracy %1").arg(percent(epochs.back().trainAccuracy));
        m_views.progress->setValue(kProgressSteps);
        m_views.progress->setFormat(
            tr("done · %1").arg(epochCount(static_cast<int>(epochs.size()))));
    } else {
        summary = tr("Stopped after %1").arg(epochCount(m_views.epochs->rowCount()));
        if (!result.message.empty())
            summary += QStringLiteral(" (%1)").arg(QString::fromStdString(result.message));
        m_views.progress->setFormat(tr("stopped"));
    }
    m_views.status->setText(summary);
    appendLog(summary + tr(". Run folder: %1").arg(m_activeRunFolder));
    emitProgress();
    Q_EMIT statusMessage(summary);
    Q_EMIT runFinished(result.status, summary);
}

void TrainingPresenter::onFailed(const QString &message)
{
    setState(State::Idle);
    const QString summary = tr("Training failed: %1").arg(message);
    m_views.status->setText(summary);
    m_views.progress->setFormat(tr("failed"));
    appendLog(summary);
    if (m_views.plot->isEmpty())
        m_views.plot->setPlaceholderText(tr("Training failed — see the log below."));
    emitProgress();
    Q_EMIT statusMessage(summary);
    // Report before announcing the end: with the default modal dialog the user reads the
    // problem first.
    Q_EMIT errorOccurred(tr("Training failed"), message);
    Q_EMIT runFinished(core::TrainStatus::Failed, summary);
}

} // namespace sparsescope::app
