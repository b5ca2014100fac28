// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "controllers/JobController.h"
#include "workers/HumansWorker.h"

#include <QString>
#include <QStringList>
#include <QWidget>

#include <functional>
#include <memory>
#include <vector>

class QComboBox;
class QLabel;
class QLayout;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace sparsescope::core {
class ResponseCounts;
}

namespace sparsescope::widgets {
class DockArea;
class HeatmapPlot;
class SeriesPlot;
} // namespace sparsescope::widgets

namespace sparsescope::app {

/// Humans versus DNNs (issue 6): the released psychophysics trials of Geirhos et al. (2018)
/// and any observer folders written by `sparsescope-cli observe`. Per experiment: accuracy
/// against condition (the human mean with the range over subjects as a band, one line per DNN),
/// response entropy against condition, confusion matrices of humans and a chosen DNN side by
/// side at a chosen condition, the error-consistency κ among observers, and a train × test
/// accuracy matrix (matrix.csv of `distortion-matrix`). Loading and the consistency tables run
/// on a worker thread; every figure exports as PNG/PDF/SVG and every table as CSV.
class HumansPanel : public QWidget
{
    Q_OBJECT

public:
    /// The panel's remembered settings (QSettings group "humans/"); also what a workspace
    /// file holds of this panel.
    void saveSettings() const;
    void restoreSettings();

    using ErrorReporter = std::function<void(const QString &title, const QString &message)>;

    explicit HumansPanel(QWidget *parent = nullptr);
    ~HumansPanel() override;

    /// Trial folders, separated by ';'.
    void setDataDirectories(const QString &directories);
    /// "object_response_sums" (the 2018 paper) or "object_response".
    void setDnnColumn(const QString &column);
    void setErrorReporter(ErrorReporter reporter);
    /// Loads the folders (asynchronously; loaded() or failed() follows).
    void load();
    bool isLoaded() const { return m_data != nullptr; }
    QStringList experiments() const;
    void setExperiment(const QString &experiment);
    QString experiment() const;
    QStringList conditions() const;
    void setCondition(const QString &condition);
    /// Observers of the current experiment that are not humans.
    QStringList dnns() const;
    void setDnn(const QString &observer);
    /// Reads a train × test matrix: first row `train,<test 1>,…`, then `<train>,<accuracy>,…`.
    bool openMatrix(const QString &path);
    /// Every figure (PNG, PDF, SVG) and table (CSV) into `directory`.
    bool exportAll(const QString &directory);
    /// "accuracy", "entropy", "confusion", "consistency" or "matrix".
    void showView(const QString &name);

    /// "Get the 2018 data…" without the question: a shallow clone of `source` (default: the
    /// upstream repository) into `destination` (default: core::HumanData::defaultDestination()),
    /// checked, then loaded; fetched() or failed() follows. False while another job runs.
    bool fetchHumanData(const QString &source = {}, const QString &destination = {});
    /// "Get the 2018 data…": asks (where to, the licence), then fetchHumanData().
    void askAndFetch();
    /// Stops the running job (a download, a load, a consistency table).
    void cancelJob();
    /// The attribution line shown once the 2018 data is in use (empty before).
    QString attributionText() const;

    widgets::SeriesPlot *accuracyPlot() const { return m_accuracyPlot; }
    widgets::SeriesPlot *entropyPlot() const { return m_entropyPlot; }
    widgets::HeatmapPlot *humanConfusionPlot() const { return m_humanConfusion; }
    widgets::HeatmapPlot *dnnConfusionPlot() const { return m_dnnConfusion; }
    widgets::HeatmapPlot *kappaPlot() const { return m_kappaPlot; }
    widgets::HeatmapPlot *matrixPlot() const { return m_matrixPlot; }

Q_SIGNALS:
    void loaded();
    /// A fetch ended: true when the data arrived (loading follows), false when cancelled.
    void fetched(bool arrived);
    void consistencyShown();
    void failed(const QString &message);

protected:
    void showEvent(QShowEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void buildUi();
    QLayout *buildFetchRow();
    /// Fills the trial field with the fetched data's folder when it is empty and that folder
    /// holds the data (cheap: no file is read); the first show then loads it.
    void findFetchedData();
    void showAttribution(const QString &licence);
    void onLoaded(std::shared_ptr<const HumansData> data);
    void onConsistency(std::shared_ptr<const ConsistencyData> data);
    void showExperiment();
    void showCurves();
    void showConfusion();
    void showKappa();

    void requestConsistency();

    JobController *m_jobs = nullptr;
    bool m_consistencyPending = false; ///< asked while another job ran
    bool m_loadPending = false; ///< load once the running job (a fetch) finished
    bool m_loadOnShow = false; ///< the field holds fetched data found at start
    ErrorReporter m_reportError;
    std::shared_ptr<const HumansData> m_data;
    std::shared_ptr<const ConsistencyData> m_consistency;
    std::shared_ptr<const core::ResponseCounts> m_counts; ///< of the current experiment
    QStringList m_conditions; ///< of the current experiment, in ConditionOrder

    QLineEdit *m_dataEdit = nullptr;
    QComboBox *m_columnCombo = nullptr;
    QPushButton *m_loadButton = nullptr;
    QPushButton *m_fetchButton = nullptr;
    QPushButton *m_cancelButton = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_attributionLabel = nullptr;
    QComboBox *m_experimentCombo = nullptr;
    QComboBox *m_conditionCombo = nullptr;
    QComboBox *m_dnnCombo = nullptr;
    QLabel *m_statusLabel = nullptr;
    widgets::DockArea *m_views = nullptr;
    widgets::SeriesPlot *m_accuracyPlot = nullptr;
    widgets::SeriesPlot *m_entropyPlot = nullptr;
    widgets::HeatmapPlot *m_humanConfusion = nullptr;
    widgets::HeatmapPlot *m_dnnConfusion = nullptr;
    widgets::HeatmapPlot *m_kappaPlot = nullptr;
    widgets::HeatmapPlot *m_matrixPlot = nullptr;
    QLabel *m_matrixLabel = nullptr;
};

} // namespace sparsescope::app
