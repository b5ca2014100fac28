// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsescope/core/robustness/AttackReport.h"
#include "sparsescope/core/robustness/RobustnessSweep.h"

#include <QElapsedTimer>
#include <QString>
#include <QStringList>
#include <QTimer>
#include <QWidget>

#include <functional>
#include <vector>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSlider;
class QSpinBox;

namespace sparsescope::widgets {
class DockArea;
class AdversarialView;
class SeriesPlot;
} // namespace sparsescope::widgets

namespace sparsescope::app {

class AttackWorker;

/// Attack models: choose models (or open a finished sweep), an attack and its budgets; an ε
/// slider with a live view of the original, the amplified perturbation and the adversarial image;
/// accuracy-against-ε curves per model; robustness against sparsity from a sweep's summary.csv.
/// Attacks run on worker threads with progress, ETA and Stop; figures and data export from the
/// plots' context menus.
class RobustnessPanel : public QWidget
{
    Q_OBJECT

public:
    /// The panel's remembered settings (QSettings group "robustness/"); also what a workspace
    /// file holds of this panel.
    void saveSettings() const;
    void restoreSettings();

    using ErrorReporter = std::function<void(const QString &title, const QString &message)>;

    explicit RobustnessPanel(QWidget *parent = nullptr);
    ~RobustnessPanel() override;

    /// Models compared in the curves (the first one drives the live view).
    void setModels(const QStringList &references);
    QStringList models() const;
    /// Where the newest run is looked for when the models field is empty (default: the folder
    /// the training panel's runs go to); the panel then offers it with one button.
    void setRunsRoot(const QString &folder);
    /// The run folder the panel offers ("" when it offers none).
    QString offeredRun() const;
    void setData(const QString &spec);
    void setAttack(const QString &name);
    QString attack() const;
    /// Comma-separated budgets for the curves.
    void setEpsilons(const QString &list);
    void setLimit(int samples);
    /// The live view's ε (slider position).
    void setExampleEpsilon(double epsilon);
    void setExampleIndex(int index);
    void setErrorReporter(ErrorReporter reporter);
    /// Asks before a TorchScript file's first load (ModelTrust); a Yes/No dialog by default.
    using Confirmer = std::function<bool(const QString &title, const QString &question)>;
    void setConfirmer(Confirmer confirmer);

    /// Starts the accuracy-against-ε curves; false (and an error) when the form is invalid.
    bool runCurves();
    void stop();
    bool isRunning() const { return m_running; }
    /// Reads a sweep's summary.csv and adds it to the robustness-against-sparsity plot (a sweep
    /// from the same folder replaces the earlier one).
    bool openSweep(const QString &path);
    void clearSweeps();

    widgets::SeriesPlot *curvePlot() const { return m_curvePlot; }
    /// Both plots into `directory` (created) as PNG, PDF, SVG and CSV; false when a file could
    /// not be written.
    bool exportAll(const QString &directory);
    widgets::SeriesPlot *sparsityPlot() const { return m_sparsityPlot; }
    widgets::AdversarialView *exampleView() const { return m_exampleView; }
    /// "curves" or "sparsity".
    void showPlot(const QString &name);

Q_SIGNALS:
    void curvesFinished(bool cancelled);
    void exampleShown();
    void failed(const QString &message);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void buildUi();
    void updateOffer();
    void requestExample();
    void onProgress(qint64 done, qint64 total);
    void onCurve(const QString &model, const QVector<double> &eps, const QVector<double> &accuracy,
                 double clean);
    void onFinished(bool cancelled);
    void onFailed(const QString &message);
    void drawSweep();
    void updateSliderLabel();

    QLineEdit *m_modelsEdit = nullptr;
    QPushButton *m_offerButton = nullptr; ///< "Use the newest run: …"
    QString m_runsRoot;
    QString m_offeredRun;
    QLineEdit *m_dataEdit = nullptr;
    QComboBox *m_attackCombo = nullptr;
    QLineEdit *m_epsilonEdit = nullptr;
    QSpinBox *m_stepsSpin = nullptr;
    QSpinBox *m_limitSpin = nullptr;
    QPushButton *m_runButton = nullptr;
    QPushButton *m_stopButton = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_etaLabel = nullptr;
    QSpinBox *m_indexSpin = nullptr;
    QSlider *m_epsilonSlider = nullptr;
    QLabel *m_epsilonLabel = nullptr;
    widgets::AdversarialView *m_exampleView = nullptr;
    widgets::DockArea *m_plots = nullptr;
    widgets::SeriesPlot *m_curvePlot = nullptr;
    widgets::SeriesPlot *m_sparsityPlot = nullptr;
    QComboBox *m_sweepMetric = nullptr;
    QLabel *m_sweepLabel = nullptr;

    AttackWorker *m_curveWorker = nullptr;
    AttackWorker *m_exampleWorker = nullptr;
    QTimer m_exampleTimer;
    QElapsedTimer m_clock;
    bool m_running = false;
    ErrorReporter m_reportError;
    Confirmer m_confirmer;
    /// Opened sweeps: a label (the sweep's folder name) and its rows.
    std::vector<std::pair<QString, std::vector<core::SweepRow>>> m_sweeps;
};

} // namespace sparsescope::app
