// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsescope/core/rln/RlnConfig.h"
#include "sparsescope/core/rln/RlnEvents.h"

#include <QElapsedTimer>
#include <QString>
#include <QStringList>
#include <QWidget>

#include <functional>
#include <map>
#include <memory>
#include <vector>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableView;

namespace sparsescope::widgets {
class DockArea;
class HeatmapPlot;
class ModelSummaryTableModel;
class RankedBarPlot;
class SeriesPlot;
} // namespace sparsescope::widgets

namespace sparsescope::app {

class RlnBuffer;
class RlnWorker;
struct RlnUpdates;

/// Regularization Learning Networks on a tabular CSV against gradient-boosted trees (issue 8):
/// the table, its target and added noise features, the models and seeds, RLN's Θ, ν and norm
/// (edits reach a running RLN network at its next step). Live views of the first layer while
/// networks train — the per-weight log-strength and |w| heatmaps (hidden units × inputs), edges
/// and features remaining per epoch, feature importance (Σ|w| per input, the real features
/// highlighted among noise) — then predicted against true values and the comparison table
/// (mean ± sd per model). The job runs on a worker thread with progress, ETA, Pause and Stop;
/// every figure exports as PNG/PDF/SVG and every table as CSV.
class RlnPanel : public QWidget
{
    Q_OBJECT

public:
    /// The panel's remembered settings (QSettings group "rln/"); also what a workspace
    /// file holds of this panel.
    void saveSettings() const;
    void restoreSettings();

    using ErrorReporter = std::function<void(const QString &title, const QString &message)>;

    explicit RlnPanel(QWidget *parent = nullptr);
    ~RlnPanel() override;

    void setCsv(const QString &path);
    QString csv() const;
    void setTarget(const QString &column);
    void setSkipRows(int rows);
    void setNoiseFeatures(int count);
    void setSeeds(int seeds);
    void setEpochs(int epochs);
    void setModels(const QStringList &models);
    QStringList models() const;
    /// On (the default): RLN searches core::RlnConfig::defaultRlnGrid() on the validation rows;
    /// off: it uses the form's Θ and ν.
    void setSearchRln(bool search);
    bool searchRln() const;
    /// The paired statistics and per-seed choices under the results table.
    QString pairedText() const;
    /// Θ, ν and the norm; sent to the running RLN network when a job runs.
    void setRlnSettings(const core::RlnSettings &settings);
    core::RlnSettings rlnSettings() const;
    /// Empty: nothing is written (results stay exportable from the panel).
    void setOutputFolder(const QString &path);
    void setErrorReporter(ErrorReporter reporter);
    /// Fills the form with Boston housing + 1000 noise features (the authors' tutorial) when
    /// Debian's python3-sklearn data file is installed; false otherwise.
    bool useBostonExample();

    /// The job the form describes; throws core::Error on an invalid form.
    core::RlnConfig config() const;
    /// Starts the job; false (and an error) when the form is invalid or a job runs.
    bool run();
    void stop();
    void setPaused(bool paused);
    bool isRunning() const { return m_running; }
    /// Writes every figure (PNG, PDF, SVG) and table (CSV) into `directory`; false when a file
    /// could not be written.
    bool exportAll(const QString &directory);
    /// "strengths", "magnitudes", "sparsity", "importance", "predictions" or "results".
    void showView(const QString &name);

    widgets::HeatmapPlot *strengthPlot() const { return m_strengthPlot; }
    widgets::HeatmapPlot *magnitudePlot() const { return m_magnitudePlot; }
    widgets::SeriesPlot *sparsityPlot() const { return m_sparsityPlot; }
    widgets::RankedBarPlot *importancePlot() const { return m_importancePlot; }
    widgets::SeriesPlot *predictionPlot() const { return m_predictionPlot; }
    widgets::ModelSummaryTableModel *summaryModel() const { return m_summaryModel; }
    const std::vector<core::ModelScore> &scores() const { return m_scores; }
    /// How many settings edits were sent to a running job.
    int settingsPosted() const { return m_settingsPosted; }

Q_SIGNALS:
    void started();
    void finished(bool cancelled);
    void failed(const QString &message);
    /// Live views were redrawn from new data.
    void updated();
    void progressChanged(int percent, const QString &text);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void buildUi();
    QWidget *buildForm();
    void drain();
    void apply(const RlnUpdates &updates);
    void showEpoch(const core::RlnEpoch &epoch);
    void onFinished();
    void onFailed(const QString &message);
    void setRunning(bool running);
    void postSettingsIfRunning();
    void refreshSummary();

    std::shared_ptr<RlnBuffer> m_buffer;
    RlnWorker *m_worker = nullptr;
    QElapsedTimer m_clock;
    bool m_running = false;
    bool m_paused = false;
    int m_settingsPosted = 0;
    ErrorReporter m_reportError;

    QLineEdit *m_csvEdit = nullptr;
    QLineEdit *m_targetEdit = nullptr;
    QSpinBox *m_skipRowsSpin = nullptr;
    QComboBox *m_taskCombo = nullptr;
    QSpinBox *m_noiseSpin = nullptr;
    QSpinBox *m_seedsSpin = nullptr;
    QSpinBox *m_epochsSpin = nullptr;
    std::map<QString, QCheckBox *> m_modelChecks;
    QDoubleSpinBox *m_thetaSpin = nullptr;
    QDoubleSpinBox *m_nuSpin = nullptr;
    QComboBox *m_normCombo = nullptr;
    QCheckBox *m_keepZerosCheck = nullptr;
    QCheckBox *m_searchCheck = nullptr; ///< search Θ, ν (the default grid) instead of fixing them
    QLabel *m_pairedLabel = nullptr; ///< paired statistics and the per-seed choices
    QLineEdit *m_outEdit = nullptr;
    QPushButton *m_runButton = nullptr;
    QPushButton *m_pauseButton = nullptr;
    QPushButton *m_stopButton = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_etaLabel = nullptr;
    QLabel *m_epochLabel = nullptr;
    QPlainTextEdit *m_log = nullptr;

    widgets::DockArea *m_views = nullptr;
    widgets::HeatmapPlot *m_strengthPlot = nullptr;
    widgets::HeatmapPlot *m_magnitudePlot = nullptr;
    widgets::SeriesPlot *m_sparsityPlot = nullptr;
    widgets::RankedBarPlot *m_importancePlot = nullptr;
    widgets::SeriesPlot *m_predictionPlot = nullptr;
    widgets::ModelSummaryTableModel *m_summaryModel = nullptr;
    QTableView *m_summaryView = nullptr;

    QStringList m_featureNames;
    core::TabularTask m_task = core::TabularTask::Regression;
    std::vector<core::ModelScore> m_scores;
    /// Per "model seed" curve: epochs, edges and features remaining (fractions).
    struct Curve
    {
        QVector<double> epochs, edges, features;
    };
    std::map<QString, Curve> m_curves;
};

} // namespace sparsescope::app
