// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "controllers/JobController.h"
#include "panels/TrainingPresenter.h"

#include "sparsescope/core/training/TrainConfig.h"
#include "sparsescope/core/training/TrainResult.h"

#include <QString>
#include <QWidget>

#include <functional>

class QAction;
class QComboBox;
class QGroupBox;
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTableView;

namespace sparsescope::widgets {
class DockArea;
class EpochTableModel;
class FilterGrid;
class GroupNormHistogram;
class StrengthEditor;
class StructureView;
class TrainingPlot;
} // namespace sparsescope::widgets

namespace sparsescope::app {

class ThinCompareView;
class TrainingForm;

/// Train a model: the form (TrainingForm: model, data specs, epochs, batch size, learning rate,
/// limit, run folder) with the strength editor, Start / Pause / Stop, progress with ETA, live
/// views, the epoch table and the log. The run's state machine is a TrainingPresenter; this
/// class lays the parts out, turns form and editor into a config and back, and holds the
/// actions.
class TrainingPanel : public QWidget
{
    Q_OBJECT

public:
    /// Shows an error to the user; the default is a QMessageBox::critical. Tests and the
    /// unattended demo install their own so that nothing blocks on a modal dialog.
    using ErrorReporter = std::function<void(const QString &title, const QString &message)>;

    explicit TrainingPanel(QWidget *parent = nullptr);
    ~TrainingPanel() override;

    /// The run the form describes (on top of the last applied config's other keys).
    core::TrainConfig config() const;
    /// Fills the form from a config (a preset): model, data, epochs, batch size, learning rate,
    /// limit, strengths (every other cell off) and update rule; its other keys (optimizer,
    /// weight decay, schedule, seed, …) are kept for the next Start, strength terms the editor
    /// has no column for too. Staged configs are refused (the CLI runs them). False (and an
    /// error reported) when refused.
    bool applyConfig(const core::TrainConfig &config, const QString &origin);
    /// Reads a config JSON (a file or an embedded ":/presets/…") and applies it.
    bool loadConfigFile(const QString &path);
    /// Parses `json` (errors name `origin`) and applies it.
    bool applyConfigJson(const QByteArray &json, const QString &origin);
    /// Writes config() as JSON (readable by `sparsescope-cli train --config`).
    bool saveConfigFile(const QString &path);
    /// The embedded presets (resources/presets), as ":/presets/NAME.json".
    static QStringList presets();

    QString model() const;
    void setModel(const QString &reference);
    QString trainingData() const;
    void setTrainingData(const QString &spec);
    QString testData() const;
    void setTestData(const QString &spec);
    void setEpochs(int epochs);
    void setBatchSize(int batchSize);
    void setLearningRate(double learningRate);
    /// Training samples to use; 0 means all.
    void setLimit(int limit);
    QString runFolder() const;
    void setRunFolder(const QString &directory);

    bool isRunning() const;
    bool isPaused() const;
    void setErrorReporter(ErrorReporter reporter);
    /// Asks a yes/no question (default: QMessageBox::question); true for yes. Start asks it
    /// before it replaces a run already in the run folder.
    using Confirmer = std::function<bool(const QString &title, const QString &question)>;
    void setConfirmer(Confirmer confirmer);

    QAction *startAction() const { return m_startAction; }
    QAction *pauseAction() const { return m_pauseAction; }
    QAction *stopAction() const { return m_stopAction; }
    QAction *thinAction() const { return m_thinAction; }
    ThinCompareView *thinView() const { return m_thinView; }
    /// What Thin and compare thins: the last run's folder, else the chosen run folder, else the
    /// form's model.
    QString modelToThin() const;
    widgets::TrainingPlot *plot() const { return m_plot; }
    widgets::StructureView *structureView() const { return m_structureView; }
    widgets::FilterGrid *filterGrid() const { return m_filterGrid; }
    widgets::GroupNormHistogram *normHistogram() const { return m_normHistogram; }
    /// Group-Lasso strengths per layer and group type; edits reach a running trainer at its next
    /// step (Trainer::strengthMailbox).
    widgets::StrengthEditor *strengthEditor() const { return m_strengthEditor; }
    /// Every regularization term of the run: the editor's and those it cannot show (depth,
    /// kernel, l1, … from a loaded config). What a live edit sends to the running trainer.
    std::vector<core::RegularizationTerm> terms() const;
    /// Lists the layers of the model in the form in the strength editor.
    void refreshLayers();
    /// What the strength editor shows for a model: its weight layers and group types.
    struct ModelRows
    {
        QStringList layers;
        QStringList groupTypes;
    };
    /// Loads `reference` (throws core::Error when it does not load).
    static ModelRows modelRows(const std::string &reference);
    void showLayers(const ModelRows &rows);
    /// Brings a view to the front (shown again when closed): "curves", "filters", "structure",
    /// "norms" or "thin".
    void showView(const QString &name);
    /// The dockable live views (tabbed, tiled, floated; layout saved by the main window).
    widgets::DockArea *views() const { return m_views; }
    widgets::EpochTableModel *epochModel() const { return m_epochModel; }

    /// Asks for a model file (run folder model.pt, LibTorch archive or TorchScript) and selects
    /// it; returns the path or an empty string when cancelled.
    QString browseModel();
    /// Every figure of the panel into `directory` (created): curves, filters, structure and
    /// group norms as PNG, PDF and SVG; their data (epochs.csv, filters.csv, structure.csv,
    /// norms.csv), the thin-and-compare table when there is one, and the form as config.json.
    /// False when a file could not be written.
    bool exportAll(const QString &directory);
    /// Asks for a dataset file and puts its spec into the training (or test) data field;
    /// returns the spec or an empty string when cancelled.
    QString browseTrainingData();
    QString browseTestData();

    /// The dataset spec for a chosen file: IDX images (labels found beside them) become
    /// `idx:IMAGES,LABELS`, CIFAR-10 batch files `cifar10:DIR[:test]`, anything else stays a path.
    static QString datasetSpecForFile(const QString &path);
    /// A fresh timestamped folder under QStandardPaths::AppLocalDataLocation/runs.
    static QString defaultRunFolder();

public Q_SLOTS:
    void start();
    void togglePause();
    void stop();
    /// Thins modelToThin() and shows the before/after comparison (the "thin" view).
    void thinAndCompare();

Q_SIGNALS:
    void runStarted(const QString &runFolder);
    /// `fraction` in [0, 1]; the text reads "epoch 2/5 · 43 % · ETA 0:35".
    void progressChanged(double fraction, const QString &text);
    void epochFinished(int epoch);
    void runFinished(sparsescope::core::TrainStatus status, const QString &summary);
    void statusMessage(const QString &message);
    /// The strength editor lists the layers of the model field's model (a file's are read on a
    /// worker thread).
    void layersListed(const QStringList &layers);

protected:
    /// Presentation mode's larger font widens the form column with it.
    void changeEvent(QEvent *event) override;

private:
    void buildForm();
    void fitControlsToFont();
    QWidget *buildControls();
    QWidget *buildResults();
    QWidget *buildNormView();
    void createActions();
    void showState(TrainingPresenter::State state);
    void updatePlaceholder();

    core::TrainConfig m_baseConfig;
    std::vector<core::RegularizationTerm> m_extraTerms;
    TrainingForm *m_form = nullptr;
    TrainingPresenter *m_presenter = nullptr;
    JobController *m_layerReader = nullptr; ///< a model file's layer names, off the GUI thread
    QString m_untrustedNoted; ///< the TorchScript file the log last said needs consent
    QString m_layersPending; ///< a model asked for while the reader was busy
    ErrorReporter m_errorReporter;
    Confirmer m_confirmer;

    QWidget *m_controls = nullptr; ///< the form column left of the views
    QPushButton *m_startButton = nullptr;
    QPushButton *m_pauseButton = nullptr;
    QPushButton *m_stopButton = nullptr;
    QProgressBar *m_progressBar = nullptr;
    QLabel *m_statusLabel = nullptr;
    QAction *m_startAction = nullptr;
    QAction *m_pauseAction = nullptr;
    QAction *m_stopAction = nullptr;
    QAction *m_thinAction = nullptr;
    ThinCompareView *m_thinView = nullptr;
    widgets::TrainingPlot *m_plot = nullptr;
    widgets::StructureView *m_structureView = nullptr;
    widgets::FilterGrid *m_filterGrid = nullptr;
    widgets::GroupNormHistogram *m_normHistogram = nullptr;
    widgets::StrengthEditor *m_strengthEditor = nullptr;
    QComboBox *m_updateCombo = nullptr;
    widgets::DockArea *m_views = nullptr;
    widgets::EpochTableModel *m_epochModel = nullptr;
    QTableView *m_epochView = nullptr;
    QPlainTextEdit *m_log = nullptr;
};

} // namespace sparsescope::app
