// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsescope/core/atlas/AtlasTable.h"

#include <QElapsedTimer>
#include <QString>
#include <QStringList>
#include <QVector>
#include <QWidget>

#include <functional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QSpinBox;
class QStandardItemModel;
class QTableView;

namespace sparsescope::widgets {
class AtlasScatter;
class FilterGrid;
class StructureView;
} // namespace sparsescope::widgets

namespace sparsescope::app {

class JobController;

/// The trade-off atlas (issue 20): a series — a sweep folder, a series file, a folder of run
/// folders or an atlas.csv — measured side by side. "Measure" runs `measure` on a worker
/// (progress, ETA, Stop; cached results arrive at once). Views, all linked: a scatter of any two
/// measures (default conv MACs after thinning against clean accuracy), small multiples of the
/// x measure against clean, adversarial and corruption accuracy and κ, Pareto fronts marked,
/// members coloured by series and shaped by knob; selecting a member in any view or the table
/// selects it everywhere and shows its details (knobs, measures, per-degradation accuracy against
/// its series' dense member). Export: every figure and atlas.csv.
class AtlasPanel : public QWidget
{
    Q_OBJECT
public:
    using ErrorReporter = std::function<void(const QString &title, const QString &message)>;
    explicit AtlasPanel(QWidget *parent = nullptr);
    ~AtlasPanel() override;

    /// A series (folder or file) to measure, or an atlas.csv to show; an atlas.csv beside a
    /// series is shown at once. False (and an error) when it cannot be read.
    bool open(const QString &path);
    QString path() const;
    /// Runs measure over the open series with the panel's measures and limit.
    bool measure();
    void stop();
    bool isRunning() const;
    void setMeasures(const QString &list);
    void setLimit(int images);
    /// Shows `table` (what measure returned or atlas.csv held).
    void setTable(const core::AtlasTable &table);
    const core::AtlasTable &table() const { return m_table; }
    /// The numeric columns a scatter can show.
    QStringList columns() const;
    /// Columns unknown to the table are ignored (the axis keeps its column).
    void setAxes(const QString &x, const QString &y);
    QString xColumn() const;
    QString yColumn() const;
    /// Selects member `index` (row of the table) in every view; −1 clears.
    void selectMember(int index);
    int selectedMember() const { return m_selected; }
    /// Selects the member "<series>/<label>"; false (selection kept) when the table has none.
    bool selectMemberNamed(const QString &member);
    QString detailsText() const;
    /// The selected member's filters and structure, loaded from its model on a worker.
    widgets::FilterGrid *filterGrid() const { return m_filters; }
    widgets::StructureView *structureView() const { return m_structure; }
    /// The member whose model the filter grid and structure view show ("" while none).
    QString shownModel() const { return m_shownModel; }
    widgets::AtlasScatter *mainPlot() const { return m_main; }
    /// The small multiples: clean, adversarial, corruption accuracy and κ against the x measure.
    QVector<widgets::AtlasScatter *> smallMultiples() const { return m_multiples; }
    QTableView *tableView() const { return m_tableView; }
    /// Every figure (PNG, PDF, SVG) and atlas.csv into `directory`; false when one failed.
    bool exportAll(const QString &directory);
    void setErrorReporter(ErrorReporter reporter);
    /// Asks before measuring a member whose model file holds TorchScript code (ModelTrust); a
    /// Yes/No dialog by default.
    using Confirmer = std::function<bool(const QString &title, const QString &question)>;
    void setConfirmer(Confirmer confirmer);
    void saveSettings() const;
    void restoreSettings();

Q_SIGNALS:
    void measured(bool cancelled);
    /// The selected member's model was loaded into the filter grid and structure view (or not:
    /// `ok` false, e.g. a TorchScript file with code, which is never loaded without asking).
    void memberModelShown(bool ok);
    void failed(const QString &message);

private:
    void buildUi();
    QWidget *buildControls();
    void refreshPlots();
    void refreshTable();
    void showDetails();
    void loadMemberModel();
    /// The first column starting with `prefix` ("" when none).
    QString firstColumn(const QString &prefix) const;

    core::AtlasTable m_table;
    QString m_path;
    int m_selected = -1;
    bool m_syncing = false;
    JobController *m_jobs = nullptr;
    JobController *m_loader = nullptr;
    QString m_shownModel;
    QString m_pendingModel;
    ErrorReporter m_reportError;
    Confirmer m_confirmer;
    QElapsedTimer m_clock;
    QLineEdit *m_pathEdit = nullptr;
    QLineEdit *m_measuresEdit = nullptr;
    QSpinBox *m_limitSpin = nullptr;
    QPushButton *m_measureButton = nullptr;
    QPushButton *m_stopButton = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_statusLabel = nullptr;
    QComboBox *m_xCombo = nullptr;
    QComboBox *m_yCombo = nullptr;
    QCheckBox *m_logX = nullptr;
    widgets::AtlasScatter *m_main = nullptr;
    QVector<widgets::AtlasScatter *> m_multiples;
    QStandardItemModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QTableView *m_tableView = nullptr;
    QLabel *m_details = nullptr;
    QLabel *m_modelNote = nullptr;
    widgets::FilterGrid *m_filters = nullptr;
    widgets::StructureView *m_structure = nullptr;
};

} // namespace sparsescope::app
