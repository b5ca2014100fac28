// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsescope/core/sparsity/RegularizationTerm.h"
#include "sparsescope/core/training/TrainConfig.h"
#include "sparsescope/core/training/TrainResult.h"

#include <QObject>
#include <QString>

#include <vector>

class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QTableView;

namespace sparsescope::widgets {
class EpochTableModel;
class FilterGrid;
class GroupNormHistogram;
class StructureView;
class TrainingPlot;
} // namespace sparsescope::widgets

namespace sparsescope::app {

class TrainingController;
struct TrainingUpdates;

/// The widgets a training run writes to (owned by the panel).
struct TrainingViews
{
    widgets::TrainingPlot *plot = nullptr;
    widgets::StructureView *structure = nullptr;
    widgets::FilterGrid *filters = nullptr;
    widgets::GroupNormHistogram *norms = nullptr;
    widgets::EpochTableModel *epochs = nullptr;
    QTableView *epochView = nullptr;
    QPlainTextEdit *log = nullptr;
    QProgressBar *progress = nullptr;
    QLabel *status = nullptr;
};

/// A training run's state machine — Idle → Running ⇄ Paused → Stopping → Idle — over one
/// TrainingController: clears the views at Start, feeds them the trainer's coalesced updates
/// (curves, structure, filters, group norms, epoch table, progress with ETA, log) and writes the
/// summary at the end.
class TrainingPresenter : public QObject
{
    Q_OBJECT

public:
    enum class State { Idle, Running, Paused, Stopping };
    /// Progress bar range: 0 … kProgressSteps.
    static constexpr int kProgressSteps = 1000;

    TrainingPresenter(const TrainingViews &views, QObject *parent = nullptr);

    State state() const { return m_state; }
    /// The run folder of the current or last run.
    QString activeRunFolder() const { return m_activeRunFolder; }

    /// Starts `config` into `runFolder` (Idle only).
    void start(const core::TrainConfig &config, const QString &runFolder);
    void togglePause();
    void stop();
    /// Sends every term to the running trainer (applied at its next step); nothing when idle.
    void setStrengths(const std::vector<core::RegularizationTerm> &terms);
    void appendLog(const QString &line);

    static QString epochCount(int count);
    static QString percent(double fraction);

Q_SIGNALS:
    void stateChanged(sparsescope::app::TrainingPresenter::State state);
    void runStarted(const QString &runFolder);
    void progressChanged(double fraction, const QString &text);
    void epochFinished(int epoch);
    /// Emitted after the views, the status line and the log have the summary.
    void runFinished(sparsescope::core::TrainStatus status, const QString &summary);
    void statusMessage(const QString &message);
    /// A failed run: reported before runFinished, so that a modal dialog is read first.
    void errorOccurred(const QString &title, const QString &message);

private:
    void setState(State state);
    void applyUpdates(const TrainingUpdates &updates);
    void onFinished(const core::TrainResult &result);
    void onFailed(const QString &message);
    void emitProgress();

    TrainingViews m_views;
    TrainingController *m_controller = nullptr;
    State m_state = State::Idle;
    int m_epochsPlanned = 0;
    QString m_activeRunFolder;
};

} // namespace sparsescope::app
