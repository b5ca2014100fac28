// SPDX-License-Identifier: GPL-3.0-or-later
#include "panels/AtlasPanel.h"

#include "ModelTrust.h"
#include "controllers/JobController.h"
#include "sparsescope/core/Error.h"
#include "sparsescope/core/atlas/ParetoFront.h"
#include "sparsescope/core/atlas/SeriesMeasure.h"
#include "sparsescope/core/models/Model.h"
#include "sparsescope/core/models/ModelSnapshot.h"
#include "sparsescope/widgets/AtlasScatter.h"
#include "sparsescope/widgets/EtaFormatter.h"
#include "sparsescope/widgets/FigureExport.h"
#include "sparsescope/widgets/FilterGrid.h"
#include "sparsescope/widgets/StructureView.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

namespace sparsescope::app {

namespace {

const QString kAtlasSettingsGroup = QStringLiteral("atlas/");
const QString kDefaultX = QStringLiteral("conv_macs_kept");
const QString kDefaultY = QStringLiteral("clean_accuracy");

/// SeriesMeasure reports through the controller's observer.
class ForwardingMeasureObserver : public core::MeasureObserver
{
public:
    explicit ForwardingMeasureObserver(core::JobObserver &inner)
        : m_inner(inner)
    { }
    void onMessage(const std::string &message) override { m_inner.onMessage(message); }
    void onProgress(std::size_t done, std::size_t total) override
    {
        m_inner.onProgress(done, total);
    }

private:
    core::JobObserver &m_inner;
};

/// The atlas.csv a series' measure writes (beside a series file, inside a folder).
QString atlasPathFor(const QString &series)
{
    const QFileInfo info(series);
    if (info.isDir())
        return QDir(series).filePath(QStringLiteral("atlas.csv"));
    return info.dir().filePath(QStringLiteral("atlas.csv"));
}

/// atlas.csv read through QFile, so a shipped one (":/atlas/…", the lesson's) opens too.
core::AtlasTable readAtlas(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw core::Error(path.toStdString(),
                          "cannot be read: " + file.errorString().toStdString());
    return core::AtlasTable::fromCsv(file.readAll().toStdString(), path.toStdString());
}

} // namespace

AtlasPanel::AtlasPanel(QWidget *parent)
    : QWidget(parent)
    , m_jobs(new JobController(QStringLiteral("atlas"), this))
    , m_loader(new JobController(QStringLiteral("atlas-model"), this))
    , m_reportError([this](const QString &title, const QString &message) {
        QMessageBox::critical(this, title, message);
    })
    , m_confirmer([this](const QString &title, const QString &question) {
        return QMessageBox::question(this, title, question) == QMessageBox::Yes;
    })
{
    setObjectName(QStringLiteral("atlasPanel"));
    buildUi();
    connect(m_jobs, &JobController::message, this,
            [this](const QString &text) { m_statusLabel->setText(text); });
    connect(m_jobs, &JobController::progress, this, [this](qint64 done, qint64 total) {
        m_progress->setRange(0, total > 0 ? int(total) : 0);
        m_progress->setValue(int(done));
        if (total > 0 && done > 0) {
            const double elapsed = double(m_clock.elapsed()) / 1000.0;
            const double eta = elapsed * double(total - done) / double(done);
            m_progress->setFormat(
                tr("%v of %m measures — %1 left").arg(widgets::EtaFormatter::duration(eta)));
        }
    });
    connect(m_jobs, &JobController::failed, this, [this](const QString &message) {
        m_progress->hide();
        m_stopButton->hide();
        m_measureButton->setEnabled(true);
        m_statusLabel->setText(tr("failed"));
        m_reportError(tr("Atlas"), message);
        Q_EMIT failed(message);
    });
    connect(m_jobs, &JobController::finished, this, [this](core::JobStatus status) {
        m_progress->hide();
        m_stopButton->hide();
        m_measureButton->setEnabled(true);
        Q_EMIT measured(status == core::JobStatus::Cancelled);
    });
    connect(m_loader, &JobController::failed, this, [this](const QString &message) {
        m_modelNote->setText(tr("Model not shown: %1").arg(message));
        m_shownModel.clear();
        Q_EMIT memberModelShown(false);
        loadMemberModel(); // a newer selection waiting
    });
    connect(m_loader, &JobController::finished, this, [this] { loadMemberModel(); });
    restoreSettings();
}

AtlasPanel::~AtlasPanel()
{
    saveSettings();
}

QWidget *AtlasPanel::buildControls()
{
    auto *controls = new QWidget;
    auto *row = new QHBoxLayout(controls);
    row->setContentsMargins(0, 0, 0, 0);
    m_pathEdit = new QLineEdit;
    m_pathEdit->setObjectName(QStringLiteral("atlasPathEdit"));
    m_pathEdit->setPlaceholderText(tr("a sweep folder, a series file, runs, or an atlas.csv"));
    connect(m_pathEdit, &QLineEdit::returnPressed, this, [this] { open(m_pathEdit->text()); });
    auto *openButton = new QPushButton(tr("Open…"));
    openButton->setObjectName(QStringLiteral("atlasOpenButton"));
    connect(openButton, &QPushButton::clicked, this, [this] {
        const QString folder = QFileDialog::getExistingDirectory(
            this, tr("Open a sweep folder or a folder of runs"), m_pathEdit->text());
        if (!folder.isEmpty())
            open(folder);
    });
    m_measuresEdit = new QLineEdit(QStringLiteral("structure,clean,corruption"));
    m_measuresEdit->setObjectName(QStringLiteral("atlasMeasuresEdit"));
    m_measuresEdit->setToolTip(
        tr("structure, latency, clean, adversarial, corruption, humans (comma-separated)"));
    m_limitSpin = new QSpinBox;
    m_limitSpin->setRange(0, 1000000);
    m_limitSpin->setValue(1000);
    m_limitSpin->setSpecialValueText(tr("all"));
    m_limitSpin->setToolTip(tr("The first N test images"));
    m_measureButton = new QPushButton(tr("&Measure"));
    m_measureButton->setObjectName(QStringLiteral("atlasMeasureButton"));
    connect(m_measureButton, &QPushButton::clicked, this, [this] { measure(); });
    m_stopButton = new QPushButton(tr("Stop"));
    m_stopButton->hide();
    connect(m_stopButton, &QPushButton::clicked, this, &AtlasPanel::stop);
    m_progress = new QProgressBar;
    m_progress->hide();
    row->addWidget(new QLabel(tr("Series:")));
    row->addWidget(m_pathEdit, 3);
    row->addWidget(openButton);
    row->addWidget(new QLabel(tr("Measures:")));
    row->addWidget(m_measuresEdit, 2);
    row->addWidget(new QLabel(tr("Images:")));
    row->addWidget(m_limitSpin);
    row->addWidget(m_measureButton);
    row->addWidget(m_stopButton);
    row->addWidget(m_progress, 1);
    return controls;
}

void AtlasPanel::buildUi()
{
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(buildControls());
    auto *axes = new QHBoxLayout;
    m_xCombo = new QComboBox;
    m_xCombo->setObjectName(QStringLiteral("atlasXCombo"));
    m_yCombo = new QComboBox;
    m_yCombo->setObjectName(QStringLiteral("atlasYCombo"));
    m_logX = new QCheckBox(tr("log x"));
    for (QComboBox *combo : {m_xCombo, m_yCombo})
        connect(combo, &QComboBox::currentTextChanged, this, [this] { refreshPlots(); });
    connect(m_logX, &QCheckBox::toggled, this, [this] { refreshPlots(); });
    m_statusLabel = new QLabel;
    m_statusLabel->setObjectName(QStringLiteral("atlasStatus"));
    axes->addWidget(new QLabel(tr("x:")));
    axes->addWidget(m_xCombo, 1);
    axes->addWidget(new QLabel(tr("y:")));
    axes->addWidget(m_yCombo, 1);
    axes->addWidget(m_logX);
    axes->addWidget(m_statusLabel, 2);
    layout->addLayout(axes);

    auto *split = new QSplitter(Qt::Vertical);
    auto *plots = new QSplitter(Qt::Horizontal);
    m_main = new widgets::AtlasScatter;
    m_main->setObjectName(QStringLiteral("atlasMainPlot"));
    m_main->setTitle(QStringLiteral("atlas"));
    m_main->setPlaceholderText(tr("Open a sweep folder, a series file or an atlas.csv,\n"
                                  "then Measure (results already measured load at once)"));
    plots->addWidget(m_main);
    auto *grid = new QWidget;
    auto *gridLayout = new QGridLayout(grid);
    gridLayout->setContentsMargins(0, 0, 0, 0);
    for (int i = 0; i < 4; ++i) {
        auto *plot = new widgets::AtlasScatter;
        plot->setObjectName(QStringLiteral("atlasMultiple%1").arg(i));
        plot->legend->setVisible(false);
        m_multiples.push_back(plot);
        gridLayout->addWidget(plot, i / 2, i % 2);
    }
    plots->addWidget(grid);
    plots->setStretchFactor(0, 1);
    plots->setStretchFactor(1, 1);
    plots->setSizes({560, 740}); // the main scatter about as wide as the small multiples
    for (widgets::AtlasScatter *plot : QVector<widgets::AtlasScatter *> {m_main} + m_multiples)
        connect(plot, &widgets::AtlasScatter::memberClicked, this, &AtlasPanel::selectMember);
    split->addWidget(plots);

    auto *bottom = new QSplitter(Qt::Horizontal);
    m_model = new QStandardItemModel(this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(Qt::UserRole);
    m_tableView = new QTableView;
    m_tableView->setObjectName(QStringLiteral("atlasTable"));
    m_tableView->setModel(m_proxy);
    // Members in series order until a header is clicked (Qt would sort by column 0 descending).
    m_tableView->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    m_tableView->setSortingEnabled(true);
    m_tableView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tableView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tableView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tableView->verticalHeader()->hide();
    connect(m_tableView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (m_syncing || !current.isValid())
                    return;
                selectMember(m_proxy->mapToSource(current).row());
            });
    m_details = new QLabel;
    m_details->setObjectName(QStringLiteral("atlasDetails"));
    m_details->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_details->setWordWrap(true);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setMinimumWidth(260);
    auto *member = new QSplitter(Qt::Vertical);
    member->addWidget(m_details);
    m_modelNote = new QLabel;
    m_modelNote->setWordWrap(true);
    member->addWidget(m_modelNote);
    m_filters = new widgets::FilterGrid;
    m_filters->setObjectName(QStringLiteral("atlasFilters"));
    m_structure = new widgets::StructureView;
    m_structure->setObjectName(QStringLiteral("atlasStructure"));
    m_filters->setPlaceholderText(
        tr("The selected member's first conv layer: its filters, zero ones greyed out."));
    m_structure->setPlaceholderText(
        tr("The selected member's kept and removed filters, channels and filter-shape columns "
           "per layer."));
    member->addWidget(m_filters);
    member->addWidget(m_structure);
    bottom->addWidget(m_tableView);
    bottom->addWidget(member);
    bottom->setStretchFactor(0, 3);
    bottom->setStretchFactor(1, 1);
    split->addWidget(bottom);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    layout->addWidget(split, 1);
}

bool AtlasPanel::open(const QString &path)
{
    const QFileInfo info(path);
    if (path.isEmpty() || !info.exists()) {
        m_reportError(tr("Atlas"), tr("%1: no such folder or file").arg(path));
        return false;
    }
    try {
        const bool isCsv
            = info.isFile() && path.endsWith(QStringLiteral(".csv"), Qt::CaseInsensitive);
        const QString atlas = isCsv ? path : atlasPathFor(path);
        if (!isCsv) // a series: it must be readable now, not when Measure is pressed
            core::Series::load(path.toStdString());
        core::AtlasTable table;
        const bool measuredBefore = QFileInfo::exists(atlas);
        if (measuredBefore)
            table = readAtlas(atlas);
        m_path = path;
        m_pathEdit->setText(path);
        if (measuredBefore) {
            setTable(table);
            m_statusLabel->setText(tr("%1 members from %2").arg(m_table.rows.size()).arg(atlas));
        } else {
            setTable({});
            m_statusLabel->setText(tr("Not measured yet: press Measure"));
        }
        m_measureButton->setEnabled(!isCsv);
    } catch (const core::Error &e) {
        m_reportError(tr("Atlas"), QString::fromStdString(e.what()));
        return false;
    }
    return true;
}

QString AtlasPanel::path() const
{
    return m_path;
}

bool AtlasPanel::measure()
{
    if (m_path.isEmpty() || m_jobs->isRunning())
        return false;
    core::MeasureSettings settings;
    for (const QString &item : m_measuresEdit->text().split(QLatin1Char(','), Qt::SkipEmptyParts))
        settings.measures.push_back(item.trimmed().toStdString());
    if (settings.measures.empty())
        settings.measures = {"structure", "clean"};
    settings.limit = std::size_t(m_limitSpin->value());
    core::Series series;
    try {
        settings.validate("Measures");
        series = core::Series::load(m_path.toStdString());
    } catch (const core::Error &e) {
        m_reportError(tr("Atlas"), QString::fromStdString(e.what()));
        return false;
    }
    // Models are code (issue 19.8): a member's TorchScript file runs only once allowed.
    for (const auto &member : series.members)
        if (!ModelTrust::confirm(QString::fromStdString(core::Series::modelFile(member)),
                                 m_confirmer)) {
            m_statusLabel->setText(tr("Not measured: %1 was not allowed to run")
                                       .arg(QString::fromStdString(member.id())));
            return false;
        }
    const std::string out = atlasPathFor(m_path).toStdString();
    const bool started = m_jobs->run(
        [series, settings, out](core::JobObserver &observer, std::stop_token stop) {
            ForwardingMeasureObserver forward(observer);
            auto table = core::SeriesMeasure::run(series, settings, forward, stop);
            if (!table.rows.empty())
                table.writeFile(out);
            return table;
        },
        [this](core::AtlasTable table) {
            setTable(table);
            m_statusLabel->setText(tr("%1 members measured").arg(table.rows.size()));
        });
    if (!started)
        return false;
    m_clock.start();
    m_measureButton->setEnabled(false);
    m_progress->setRange(0, 0);
    m_progress->setFormat(tr("%v of %m measures"));
    m_progress->show();
    m_stopButton->show();
    return true;
}

void AtlasPanel::stop()
{
    m_jobs->stop();
}

bool AtlasPanel::isRunning() const
{
    return m_jobs->isRunning();
}

void AtlasPanel::setMeasures(const QString &list)
{
    m_measuresEdit->setText(list);
}

void AtlasPanel::setLimit(int images)
{
    m_limitSpin->setValue(images);
}

QStringList AtlasPanel::columns() const
{
    QStringList out;
    for (const auto &column : m_table.valueColumns())
        out << QString::fromStdString(column);
    return out;
}

QString AtlasPanel::firstColumn(const QString &prefix) const
{
    for (const QString &column : columns())
        if (column.startsWith(prefix))
            return column;
    return {};
}

void AtlasPanel::setTable(const core::AtlasTable &table)
{
    m_table = table;
    m_selected = -1;
    const QString x = m_xCombo->currentText().isEmpty() ? kDefaultX : m_xCombo->currentText();
    const QString y = m_yCombo->currentText().isEmpty() ? kDefaultY : m_yCombo->currentText();
    m_syncing = true;
    for (QComboBox *combo : {m_xCombo, m_yCombo}) {
        combo->clear();
        combo->addItems(columns());
    }
    m_syncing = false;
    setAxes(x, y);
    refreshTable();
    showDetails();
    m_pendingModel.clear();
    loadMemberModel();
}

bool AtlasPanel::selectMemberNamed(const QString &member)
{
    const std::string name = member.toStdString();
    const auto found
        = std::find_if(m_table.rows.begin(), m_table.rows.end(),
                       [&name](const core::AtlasRow &row) { return row.member == name; });
    if (found == m_table.rows.end())
        return false;
    selectMember(int(found - m_table.rows.begin()));
    return true;
}

QString AtlasPanel::xColumn() const
{
    return m_xCombo->currentText();
}

QString AtlasPanel::yColumn() const
{
    return m_yCombo->currentText();
}

void AtlasPanel::setAxes(const QString &x, const QString &y)
{
    m_syncing = true;
    if (m_xCombo->findText(x) >= 0)
        m_xCombo->setCurrentText(x);
    if (m_yCombo->findText(y) >= 0)
        m_yCombo->setCurrentText(y);
    m_syncing = false;
    refreshPlots();
}

void AtlasPanel::refreshPlots()
{
    if (m_syncing)
        return;
    // Colour by series (in order of appearance), shape by the first knob that is not the seed.
    QStringList seriesNames;
    for (const auto &row : m_table.rows)
        if (!seriesNames.contains(QString::fromStdString(row.series)))
            seriesNames << QString::fromStdString(row.series);
    std::string shapeKnob;
    for (const auto &knob : m_table.knobNames())
        if (knob != "seed") {
            shapeKnob = knob;
            break;
        }
    std::map<double, int> shapeOf;
    std::vector<double> knobValue(m_table.rows.size(), 0.0);
    for (std::size_t r = 0; r < m_table.rows.size(); ++r)
        for (const auto &[name, value] : m_table.rows[r].knobs)
            if (name == shapeKnob) {
                knobValue[r] = std::atof(value.c_str());
                shapeOf.emplace(knobValue[r], 0);
            }
    int next = 0;
    for (auto &[value, shape] : shapeOf)
        shape = next++;
    const QString x = m_xCombo->currentText();
    const auto draw = [&](widgets::AtlasScatter *plot, const QString &y, const QString &title) {
        QVector<widgets::AtlasPoint> points;
        std::vector<double> xs, ys;
        for (std::size_t r = 0; r < m_table.rows.size(); ++r) {
            const auto &row = m_table.rows[r];
            widgets::AtlasPoint p;
            p.x = x.isEmpty() ? std::nan("") : row.value(x.toStdString());
            p.y = y.isEmpty() ? std::nan("") : row.value(y.toStdString());
            p.series = int(seriesNames.indexOf(QString::fromStdString(row.series)));
            p.shape = shapeKnob.empty() ? 0 : shapeOf[knobValue[r]];
            p.label = QString::fromStdString(row.member);
            points.push_back(p);
            xs.push_back(m_logX->isChecked() && p.x <= 0 ? std::nan("") : p.x);
            ys.push_back(p.y);
        }
        QVector<int> front;
        for (std::size_t index : core::ParetoFront::compute(xs, ys))
            front.push_back(int(index));
        plot->setLogarithmicX(m_logX->isChecked());
        plot->setAxisLabels(x, y.isEmpty() ? title : y);
        plot->setTitle(title);
        plot->setPoints(points, seriesNames, front);
        plot->setPlaceholderText(
            m_table.rows.empty() || y.isEmpty()
                ? (m_table.rows.empty() ? QString() : tr("%1: not measured").arg(title))
                : QString());
        plot->setSelected(m_selected);
    };
    draw(m_main, m_yCombo->currentText(), QStringLiteral("atlas"));
    const QStringList all = columns();
    QString kappa;
    for (const QString &column : all)
        if (column.startsWith(QStringLiteral("humans:"))
            && column.endsWith(QStringLiteral(":kappa"))) {
            kappa = column;
            break;
        }
    QString adversarial = firstColumn(QStringLiteral("adv:pgd-linf:"));
    if (adversarial.isEmpty())
        adversarial = firstColumn(QStringLiteral("adv:fgsm:"));
    const QString corruption = all.contains(QStringLiteral("corruption_mean"))
        ? QStringLiteral("corruption_mean")
        : QString();
    const QString clean = all.contains(kDefaultY) ? kDefaultY : QString();
    draw(m_multiples[0], clean, QStringLiteral("clean accuracy"));
    draw(m_multiples[1], adversarial, QStringLiteral("adversarial accuracy"));
    draw(m_multiples[2], corruption, QStringLiteral("corruption accuracy"));
    draw(m_multiples[3], kappa, QStringLiteral("error consistency"));
}

void AtlasPanel::refreshTable()
{
    m_model->clear();
    QStringList headers {tr("member")};
    const auto valueColumns = m_table.valueColumns();
    for (const auto &column : valueColumns)
        headers << QString::fromStdString(column);
    m_model->setHorizontalHeaderLabels(headers);
    for (const auto &row : m_table.rows) {
        QList<QStandardItem *> items;
        auto *member = new QStandardItem(QString::fromStdString(row.member));
        member->setData(QString::fromStdString(row.member), Qt::UserRole);
        items << member;
        for (const auto &column : valueColumns) {
            const double value = row.value(column);
            auto *item = new QStandardItem(std::isnan(value) ? QStringLiteral("–")
                                                             : QString::number(value, 'g', 5));
            item->setData(std::isnan(value) ? -std::numeric_limits<double>::infinity() : value,
                          Qt::UserRole);
            items << item;
        }
        m_model->appendRow(items);
    }
    m_tableView->resizeColumnToContents(0);
}

void AtlasPanel::selectMember(int index)
{
    m_selected = index >= 0 && index < int(m_table.rows.size()) ? index : -1;
    m_main->setSelected(m_selected);
    for (widgets::AtlasScatter *plot : m_multiples)
        plot->setSelected(m_selected);
    m_syncing = true;
    if (m_selected >= 0) {
        const QModelIndex row = m_proxy->mapFromSource(m_model->index(m_selected, 0));
        m_tableView->selectionModel()->setCurrentIndex(
            row, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        m_tableView->scrollTo(row);
    } else {
        m_tableView->clearSelection();
    }
    m_syncing = false;
    showDetails();
    m_pendingModel = m_selected >= 0
        ? QString::fromStdString(m_table.rows[std::size_t(m_selected)].path)
        : QString();
    loadMemberModel();
}

void AtlasPanel::loadMemberModel()
{
    if (m_loader->isRunning() || m_pendingModel == m_shownModel)
        return;
    const QString path = m_pendingModel;
    if (path.isEmpty() || !QFileInfo::exists(path)) {
        m_shownModel = path;
        m_filters->setFilters({});
        m_structure->setStructure({});
        // A shipped atlas (the lesson's) or one whose sweep folder moved has no model here.
        m_modelNote->setText(path.isEmpty() ? QString()
                                            : tr("Its model file is not on this machine."));
        m_modelNote->setToolTip(path);
        return;
    }
    m_shownModel = path;
    m_modelNote->setText(tr("loading %1…").arg(QFileInfo(path).fileName()));
    m_modelNote->setToolTip(path);
    m_loader->run(
        [reference = path.toStdString()](core::JobObserver &, std::stop_token) {
            // A file with TorchScript code is not run from a selection (issue 19.8).
            const auto model = core::Model::loadWithoutCode(reference);
            return std::make_pair(core::ModelSnapshot::filters(model),
                                  core::ModelSnapshot::structure(model));
        },
        [this, path](std::pair<core::FilterImages, std::vector<core::LayerStructure>> shown) {
            m_filters->setFilters(shown.first);
            m_structure->setStructure(shown.second);
            m_modelNote->setText(tr("%1: first conv layer's filters and zero groups")
                                     .arg(QFileInfo(path).fileName()));
            Q_EMIT memberModelShown(true);
        });
}

void AtlasPanel::showDetails()
{
    m_details->setText(detailsText());
}

QString AtlasPanel::detailsText() const
{
    if (m_selected < 0)
        return m_table.rows.empty() ? QString()
                                    : tr("Select a member (in a plot or the table) to see it "
                                         "against its series' dense member.");
    const auto &row = m_table.rows[std::size_t(m_selected)];
    const core::AtlasRow *dense = core::SeriesMeasure::denseMember(m_table, row.series);
    QString text
        = QStringLiteral("<b>%1</b><br>").arg(QString::fromStdString(row.member).toHtmlEscaped());
    for (const auto &[name, value] : row.knobs)
        text += QStringLiteral("%1 = %2<br>")
                    .arg(QString::fromStdString(name), QString::fromStdString(value));
    const auto line = [&](const std::string &column, const QString &label) {
        const double value = row.value(column);
        if (std::isnan(value))
            return;
        text += QStringLiteral("%1: %2").arg(label, QString::number(value, 'g', 4));
        if (dense && dense != &row && !std::isnan(dense->value(column)))
            text += QStringLiteral(" <span style='color:gray'>(dense %1)</span>")
                        .arg(QString::number(dense->value(column), 'g', 4));
        text += QStringLiteral("<br>");
    };
    line("element_sparsity", tr("element sparsity"));
    line("conv_macs_kept", tr("conv MACs kept"));
    line("clean_accuracy", tr("clean accuracy"));
    line("corruption_mean", tr("corruption accuracy"));
    line("corruption_ce", tr("corruption error (rel.)"));
    bool header = false;
    for (const auto &[column, value] : row.values) {
        if (column.rfind("corr:", 0) != 0 || column.size() < 5
            || column.compare(column.size() - 5, 5, ":mean") != 0)
            continue;
        if (!header) {
            text += tr("<br><b>per degradation</b> (mean over levels)<br>");
            header = true;
        }
        line(column, QString::fromStdString(column.substr(5, column.size() - 10)));
    }
    for (const auto &note : row.notes)
        text += QStringLiteral("<br><i>%1</i>").arg(QString::fromStdString(note).toHtmlEscaped());
    return text;
}

bool AtlasPanel::exportAll(const QString &directory)
{
    if (!QDir().mkpath(directory))
        return false;
    bool ok = true;
    const QDir out(directory);
    const QStringList names {QStringLiteral("atlas"), QStringLiteral("atlas-clean"),
                             QStringLiteral("atlas-adversarial"),
                             QStringLiteral("atlas-corruption"), QStringLiteral("atlas-kappa")};
    const QVector<widgets::AtlasScatter *> plots
        = QVector<widgets::AtlasScatter *> {m_main} + m_multiples;
    for (int i = 0; i < plots.size(); ++i)
        ok &= widgets::FigureExport::saveFormats(out.filePath(names[i]), [&](const QString &path) {
            return plots[i]->exportFigure(path);
        });
    try {
        m_table.writeFile(out.filePath(QStringLiteral("atlas.csv")).toStdString());
    } catch (const core::Error &) {
        ok = false;
    }
    return ok;
}

void AtlasPanel::setConfirmer(Confirmer confirmer)
{
    m_confirmer = std::move(confirmer);
}

void AtlasPanel::setErrorReporter(ErrorReporter reporter)
{
    m_reportError = std::move(reporter);
}

void AtlasPanel::saveSettings() const
{
    QSettings settings;
    settings.setValue(kAtlasSettingsGroup + QStringLiteral("path"), m_path);
    settings.setValue(kAtlasSettingsGroup + QStringLiteral("measures"), m_measuresEdit->text());
    settings.setValue(kAtlasSettingsGroup + QStringLiteral("limit"), m_limitSpin->value());
    settings.setValue(kAtlasSettingsGroup + QStringLiteral("x"), m_xCombo->currentText());
    settings.setValue(kAtlasSettingsGroup + QStringLiteral("y"), m_yCombo->currentText());
    settings.setValue(kAtlasSettingsGroup + QStringLiteral("logX"), m_logX->isChecked());
}

void AtlasPanel::restoreSettings()
{
    QSettings settings;
    const QString measures
        = settings.value(kAtlasSettingsGroup + QStringLiteral("measures")).toString();
    if (!measures.isEmpty())
        m_measuresEdit->setText(measures);
    m_limitSpin->setValue(
        settings.value(kAtlasSettingsGroup + QStringLiteral("limit"), 1000).toInt());
    m_logX->setChecked(
        settings.value(kAtlasSettingsGroup + QStringLiteral("logX"), false).toBool());
    // The last series is offered, not opened: its folder may be gone.
    m_pathEdit->setText(settings.value(kAtlasSettingsGroup + QStringLiteral("path")).toString());
}

} // namespace sparsescope::app
