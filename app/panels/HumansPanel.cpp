// SPDX-License-Identifier: GPL-3.0-or-later
#include "panels/HumansPanel.h"

#include "sparsescope/core/psychophysics/ConditionOrder.h"
#include "sparsescope/core/psychophysics/ConfusionMatrix.h"
#include "sparsescope/core/psychophysics/HumanData.h"
#include "sparsescope/core/psychophysics/ResponseCounts.h"
#include "sparsescope/widgets/DockArea.h"
#include "sparsescope/widgets/FigureExport.h"
#include "sparsescope/widgets/HeatmapPlot.h"
#include "sparsescope/widgets/SeriesPlot.h"

#include <QComboBox>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>

namespace sparsescope::app {

namespace {
const QString kHumansSettingsGroup = QStringLiteral("humans/");
} // namespace

HumansPanel::HumansPanel(QWidget *parent)
    : QWidget(parent)
    , m_jobs(new JobController(QStringLiteral("humans"), this))
    , m_reportError([this](const QString &title, const QString &message) {
        QMessageBox::critical(this, title, message);
    })
{
    setObjectName(QStringLiteral("humansPanel"));
    setAcceptDrops(true);
    buildUi();
    connect(m_jobs, &JobController::message, this,
            [this](const QString &text) { m_statusLabel->setText(text); });
    connect(m_jobs, &JobController::progress, this, [this](qint64 done, qint64 total) {
        m_progress->setRange(0, total > 0 ? int(total) : 0);
        m_progress->setValue(int(done));
    });
    connect(m_jobs, &JobController::failed, this, [this](const QString &message) {
        m_consistencyPending = false;
        m_loadPending = false;
        m_progress->hide();
        m_cancelButton->hide();
        m_fetchButton->setEnabled(true);
        m_loadButton->setEnabled(true);
        m_statusLabel->setText(tr("failed"));
        m_reportError(tr("Humans versus DNNs"), message);
        Q_EMIT failed(message);
    });
    connect(m_jobs, &JobController::finished, this, [this] {
        m_progress->hide();
        m_cancelButton->hide();
        m_fetchButton->setEnabled(true);
        if (m_loadPending) {
            m_loadPending = false;
            load();
        } else if (m_consistencyPending) {
            requestConsistency();
        }
    });
    restoreSettings();
    findFetchedData();
}

HumansPanel::~HumansPanel()
{
    saveSettings();
}

void HumansPanel::buildUi()
{
    m_dataEdit = new QLineEdit;
    m_dataEdit->setObjectName(QStringLiteral("humansDataEdit"));
    m_dataEdit->setPlaceholderText(
        tr("a clone of github.com/rgeirhos/generalisation-humans-DNNs (or its raw-data folder); "
           "more folders after ';'"));
    auto *browse = new QToolButton;
    browse->setText(QStringLiteral("…"));
    browse->setToolTip(tr("Add a trial folder"));
    connect(browse, &QToolButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Trial folder"));
        if (dir.isEmpty())
            return;
        const QString current = m_dataEdit->text().trimmed();
        m_dataEdit->setText(current.isEmpty() ? dir : current + QLatin1Char(';') + dir);
    });
    m_columnCombo = new QComboBox;
    m_columnCombo->setObjectName(QStringLiteral("dnnColumnCombo"));
    m_columnCombo->addItem(tr("DNN: softmax sums (2018 paper)"),
                           QStringLiteral("object_response_sums"));
    m_columnCombo->addItem(tr("DNN: top mapped class"), QStringLiteral("object_response"));
    m_loadButton = new QPushButton(tr("&Load"));
    m_loadButton->setObjectName(QStringLiteral("loadButton"));
    connect(m_loadButton, &QPushButton::clicked, this, &HumansPanel::load);
    auto *dataRow = new QHBoxLayout;
    dataRow->addWidget(new QLabel(tr("Trials:")));
    dataRow->addWidget(m_dataEdit, 1);
    dataRow->addWidget(browse);
    dataRow->addWidget(m_columnCombo);
    dataRow->addWidget(m_loadButton);

    m_experimentCombo = new QComboBox;
    m_experimentCombo->setObjectName(QStringLiteral("experimentCombo"));
    m_experimentCombo->setMinimumContentsLength(16);
    m_conditionCombo = new QComboBox;
    m_conditionCombo->setObjectName(QStringLiteral("conditionCombo"));
    m_conditionCombo->setToolTip(tr("Condition of the confusion matrices and the κ matrix"));
    m_dnnCombo = new QComboBox;
    m_dnnCombo->setObjectName(QStringLiteral("dnnCombo"));
    m_dnnCombo->setMinimumContentsLength(14);
    m_dnnCombo->setToolTip(tr("The DNN whose confusion matrix is shown beside the humans'"));
    connect(m_experimentCombo, &QComboBox::currentIndexChanged, this, &HumansPanel::showExperiment);
    connect(m_conditionCombo, &QComboBox::currentIndexChanged, this, [this] {
        showConfusion();
        showKappa();
    });
    connect(m_dnnCombo, &QComboBox::currentIndexChanged, this, &HumansPanel::showConfusion);
    auto *matrixButton = new QPushButton(tr("Open train × test &matrix…"));
    matrixButton->setObjectName(QStringLiteral("openMatrixButton"));
    connect(matrixButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Train × test matrix"), QString(), tr("CSV (*.csv);;All files (*)"));
        if (!path.isEmpty())
            openMatrix(path);
    });
    auto *exportButton = new QPushButton(tr("E&xport all…"));
    exportButton->setObjectName(QStringLiteral("exportAllButton"));
    connect(exportButton, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Export all into"));
        if (!dir.isEmpty() && !exportAll(dir))
            m_reportError(tr("Export"), tr("%1: some files could not be written").arg(dir));
    });
    m_statusLabel = new QLabel(tr("No trials loaded."));
    m_statusLabel->setObjectName(QStringLiteral("humansStatus"));
    auto *pickRow = new QHBoxLayout;
    auto *experimentLabel = new QLabel(tr("&Experiment:"));
    experimentLabel->setBuddy(m_experimentCombo);
    pickRow->addWidget(experimentLabel);
    pickRow->addWidget(m_experimentCombo);
    pickRow->addWidget(new QLabel(tr("Condition:")));
    pickRow->addWidget(m_conditionCombo);
    pickRow->addWidget(new QLabel(tr("DNN:")));
    pickRow->addWidget(m_dnnCombo);
    pickRow->addStretch(1);
    pickRow->addWidget(matrixButton);
    pickRow->addWidget(exportButton);

    m_accuracyPlot = new widgets::SeriesPlot;
    m_accuracyPlot->setObjectName(QStringLiteral("accuracyPlot"));
    m_accuracyPlot->setTitle(tr("Accuracy against condition"));
    m_accuracyPlot->setAxisLabels(tr("condition"), tr("accuracy"));
    m_accuracyPlot->setPlaceholderText(
        tr("No trials yet: press “Get the 2018 data…” above (the released trials of Geirhos et "
           "al. 2018, CC BY 4.0), or choose or drop a folder of trials."));
    m_entropyPlot = new widgets::SeriesPlot;
    m_entropyPlot->setObjectName(QStringLiteral("entropyPlot"));
    m_entropyPlot->setTitle(tr("Response-distribution entropy against condition"));
    m_entropyPlot->setAxisLabels(tr("condition"), tr("entropy, bits"));
    m_entropyPlot->setPlaceholderText(tr("Load trials to see the response entropy."));
    const auto confusionPlot = [](const QString &name, const QString &title) {
        auto *plot = new widgets::HeatmapPlot;
        plot->setObjectName(name);
        plot->setTitle(title);
        plot->setAxisLabels(tr("presented category"), tr("response"));
        plot->setNamedTicks(true);
        plot->setCellLabels(true, 0);
        plot->setPlaceholderText(tr("Pick an experiment and a condition."));
        return plot;
    };
    m_humanConfusion = confusionPlot(QStringLiteral("humanConfusion"), tr("humans, % of column"));
    m_dnnConfusion = confusionPlot(QStringLiteral("dnnConfusion"), tr("DNN, % of column"));
    auto *confusion = new QSplitter(Qt::Horizontal);
    confusion->addWidget(m_humanConfusion);
    confusion->addWidget(m_dnnConfusion);
    m_kappaPlot = new widgets::HeatmapPlot;
    m_kappaPlot->setObjectName(QStringLiteral("kappaPlot"));
    m_kappaPlot->setTitle(tr("error consistency κ"));
    m_kappaPlot->setAxisLabels(tr("observer"), tr("observer"));
    m_kappaPlot->setNamedTicks(true);
    m_kappaPlot->setCellLabels(true, 2);
    m_kappaPlot->setPlaceholderText(tr("κ among the observers who saw the same images."));
    m_matrixPlot = new widgets::HeatmapPlot;
    m_matrixPlot->setObjectName(QStringLiteral("matrixPlot"));
    m_matrixPlot->setTitle(tr("test accuracy"));
    m_matrixPlot->setAxisLabels(tr("tested on"), tr("trained on"));
    m_matrixPlot->setNamedTicks(true);
    m_matrixPlot->setCellLabels(true, 2);
    m_matrixPlot->setPlaceholderText(
        tr("Open the matrix.csv of `sparsescope-cli distortion-matrix`."));
    m_matrixLabel = new QLabel;
    auto *matrixPage = new QWidget;
    auto *matrixLayout = new QVBoxLayout(matrixPage);
    matrixLayout->setContentsMargins(0, 0, 0, 0);
    matrixLayout->addWidget(m_matrixLabel);
    matrixLayout->addWidget(m_matrixPlot, 1);

    m_views = new widgets::DockArea(QStringLiteral("humansViews"));
    m_views->addView(QStringLiteral("accuracy"), tr("Accuracy"), m_accuracyPlot);
    m_views->addView(QStringLiteral("entropy"), tr("Entropy"), m_entropyPlot);
    m_views->addView(QStringLiteral("confusion"), tr("Confusion"), confusion);
    m_views->addView(QStringLiteral("consistency"), tr("Consistency κ"), m_kappaPlot);
    m_views->addView(QStringLiteral("matrix"), tr("Train × test"), matrixPage);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(dataRow);
    layout->addLayout(buildFetchRow());
    layout->addLayout(pickRow);
    layout->addWidget(m_statusLabel);
    layout->addWidget(m_views, 1);
}

QLayout *HumansPanel::buildFetchRow()
{
    m_fetchButton = new QPushButton(tr("&Get the 2018 data…"));
    m_fetchButton->setObjectName(QStringLiteral("fetchButton"));
    m_fetchButton->setToolTip(
        tr("Download the released trials of Geirhos et al. (2018) from "
           "github.com/rgeirhos/generalisation-humans-DNNs (a shallow git clone, CC BY 4.0) "
           "into your data folder"));
    connect(m_fetchButton, &QPushButton::clicked, this, &HumansPanel::askAndFetch);
    m_progress = new QProgressBar;
    m_progress->setObjectName(QStringLiteral("humansProgress"));
    m_progress->hide();
    m_cancelButton = new QPushButton(tr("Cancel"));
    m_cancelButton->setObjectName(QStringLiteral("cancelButton"));
    m_cancelButton->hide();
    connect(m_cancelButton, &QPushButton::clicked, this, &HumansPanel::cancelJob);
    m_attributionLabel = new QLabel;
    m_attributionLabel->setObjectName(QStringLiteral("attributionLabel"));
    m_attributionLabel->setWordWrap(true);
    m_attributionLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_attributionLabel->hide();
    auto *row = new QHBoxLayout;
    row->addWidget(m_fetchButton);
    row->addWidget(m_progress, 1);
    row->addWidget(m_cancelButton);
    row->addWidget(m_attributionLabel, 3);
    return row;
}

void HumansPanel::askAndFetch()
{
    const QString destination
        = QString::fromStdString(core::HumanData::defaultDestination().string());
    const auto answer = QMessageBox::question(
        this, tr("Get the 2018 data"),
        tr("<p>Download the released trials of “Generalisation in humans and deep neural "
           "networks” (Geirhos et al., NeurIPS 2018): a shallow git clone of "
           "github.com/rgeirhos/generalisation-humans-DNNs into</p><p><tt>%1</tt></p>"
           "<p>The data are licensed CC BY 4.0: cite the paper when you use them. Needs git "
           "and a network connection.</p>")
            .arg(destination.toHtmlEscaped()),
        QMessageBox::Ok | QMessageBox::Cancel, QMessageBox::Ok);
    if (answer == QMessageBox::Ok)
        fetchHumanData();
}

bool HumansPanel::fetchHumanData(const QString &source, const QString &destination)
{
    m_loadOnShow = false; // what arrives is loaded when it is there
    core::HumanDataFetchOptions options;
    if (!source.isEmpty())
        options.url = source.toStdString();
    options.destination = destination.toStdString();
    const bool started = m_jobs->run(
        [options](core::JobObserver &observer, std::stop_token stop) {
            return core::HumanData::fetch(options, observer, stop);
        },
        [this](std::optional<core::HumanDataInventory> inventory) {
            if (!inventory) {
                m_statusLabel->setText(tr("Download cancelled; nothing was kept."));
                Q_EMIT fetched(false);
                return;
            }
            const QString root = QString::fromStdString(inventory->root.string());
            m_statusLabel->setText(tr("%1 human trials in %2 experiments arrived in %3")
                                       .arg(inventory->humanTrials)
                                       .arg(inventory->experiments.size())
                                       .arg(QDir::toNativeSeparators(root)));
            showAttribution(QString::fromStdString(inventory->licence));
            m_dataEdit->setText(root);
            m_loadPending = true;
            Q_EMIT fetched(true);
        });
    if (!started) {
        m_statusLabel->setText(tr("Busy: get the data when the running job is done"));
        return false;
    }
    m_fetchButton->setEnabled(false);
    m_progress->setRange(0, 0);
    m_progress->show();
    m_cancelButton->show();
    return true;
}

void HumansPanel::cancelJob()
{
    m_jobs->stop();
}

QString HumansPanel::attributionText() const
{
    return m_attributionLabel->isHidden() ? QString() : m_attributionLabel->text();
}

void HumansPanel::showAttribution(const QString &licence)
{
    QString text = QString::fromUtf8(core::HumanData::attribution());
    if (!licence.isEmpty())
        text += tr(" (LICENSE.txt: %1)").arg(licence);
    m_attributionLabel->setText(text);
    m_attributionLabel->show();
}

void HumansPanel::findFetchedData()
{
    if (!m_dataEdit->text().trimmed().isEmpty())
        return;
    const auto root = core::HumanData::defaultDestination();
    std::error_code error;
    if (!std::filesystem::is_directory(root / "raw-data" / "humans", error))
        return;
    m_dataEdit->setText(QString::fromStdString(root.string()));
    showAttribution({});
    m_loadOnShow = true;
}

void HumansPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_loadOnShow && !isLoaded() && !m_jobs->isRunning()) {
        m_loadOnShow = false;
        load();
    }
}

void HumansPanel::setDataDirectories(const QString &directories)
{
    m_loadOnShow = false; // a choice replaces the fetched data found at start
    m_dataEdit->setText(directories);
}

void HumansPanel::setDnnColumn(const QString &column)
{
    const int index = m_columnCombo->findData(column);
    if (index >= 0)
        m_columnCombo->setCurrentIndex(index);
}

void HumansPanel::setErrorReporter(ErrorReporter reporter)
{
    m_reportError = std::move(reporter);
}

void HumansPanel::load()
{
    const QStringList directories = m_dataEdit->text().split(QLatin1Char(';'), Qt::SkipEmptyParts);
    if (directories.isEmpty()) {
        m_reportError(tr("Humans versus DNNs"),
                      tr("Choose a trial folder: a clone of github.com/rgeirhos/"
                         "generalisation-humans-DNNs (README: human data)."));
        return;
    }
    saveSettings();
    m_loadButton->setEnabled(false);
    m_statusLabel->setText(tr("Loading…"));
    const QString column = m_columnCombo->currentData().toString();
    const bool started = m_jobs->run(
        [directories, column](core::JobObserver &observer, std::stop_token stop) {
            return HumansWorker::load(directories, column, observer, stop);
        },
        [this](std::shared_ptr<const HumansData> data) {
            if (data)
                onLoaded(std::move(data));
            else
                m_loadButton->setEnabled(true);
        });
    if (!started) {
        m_loadButton->setEnabled(true);
        m_statusLabel->setText(tr("Busy with the consistency table: load again when it is done"));
        return;
    }
    m_progress->setRange(0, 0);
    m_progress->show();
    m_cancelButton->show();
}

void HumansPanel::onLoaded(std::shared_ptr<const HumansData> data)
{
    m_data = std::move(data);
    m_consistency.reset();
    m_loadButton->setEnabled(true);
    std::size_t humans = 0;
    for (std::size_t i = 0; i < m_data->table.size(); ++i)
        humans += m_data->table.kinds()[i] == core::ObserverKind::Human;
    m_statusLabel->setText(tr("%1 trials (%2 human, %3 DNN) in %4 experiments, read in %5 s")
                               .arg(m_data->table.size())
                               .arg(humans)
                               .arg(m_data->table.size() - humans)
                               .arg(m_data->experiments.size())
                               .arg(m_data->seconds, 0, 'f', 2));
    const QString previous = m_experimentCombo->currentText();
    {
        const QSignalBlocker block(m_experimentCombo);
        m_experimentCombo->clear();
        for (const std::string &e : m_data->experiments)
            m_experimentCombo->addItem(QString::fromStdString(e));
        const int index = m_experimentCombo->findText(previous);
        m_experimentCombo->setCurrentIndex(index >= 0 ? index : 0);
    }
    showExperiment();
    Q_EMIT loaded();
}

QStringList HumansPanel::experiments() const
{
    QStringList names;
    for (int i = 0; i < m_experimentCombo->count(); ++i)
        names << m_experimentCombo->itemText(i);
    return names;
}

void HumansPanel::setExperiment(const QString &experiment)
{
    const int index = m_experimentCombo->findText(experiment);
    if (index >= 0)
        m_experimentCombo->setCurrentIndex(index);
}

QString HumansPanel::experiment() const
{
    return m_experimentCombo->currentText();
}

QStringList HumansPanel::conditions() const
{
    return m_conditions;
}

void HumansPanel::setCondition(const QString &condition)
{
    const int index = m_conditionCombo->findText(condition);
    if (index >= 0)
        m_conditionCombo->setCurrentIndex(index);
}

QStringList HumansPanel::dnns() const
{
    QStringList names;
    for (int i = 0; i < m_dnnCombo->count(); ++i)
        names << m_dnnCombo->itemText(i);
    return names;
}

void HumansPanel::setDnn(const QString &observer)
{
    const int index = m_dnnCombo->findText(observer);
    if (index >= 0)
        m_dnnCombo->setCurrentIndex(index);
}

void HumansPanel::showExperiment()
{
    if (!m_data)
        return;
    const std::string experiment = m_experimentCombo->currentText().toStdString();
    std::set<std::string, bool (*)(const std::string &, const std::string &)> conditions(
        [](const std::string &a, const std::string &b) {
            return core::ConditionOrder::less(a, b);
        });
    QStringList dnns;
    for (const auto &row : m_data->summary)
        if (row.experiment == experiment) {
            conditions.insert(row.condition);
            const QString observer = QString::fromStdString(row.observer);
            if (row.kind == core::ObserverKind::Dnn && !dnns.contains(observer))
                dnns << observer;
        }
    m_conditions.clear();
    for (const std::string &c : conditions)
        m_conditions << QString::fromStdString(c);
    const std::int32_t id = m_data->table.experimentNames().find(experiment);
    m_counts = id >= 0 ? std::make_shared<const core::ResponseCounts>(core::ResponseCounts::count(
                   m_data->table, core::ResponseCounts::Grouping::PaperUnits, id))
                       : nullptr;
    {
        const QSignalBlocker blockConditions(m_conditionCombo);
        const QSignalBlocker blockDnns(m_dnnCombo);
        const QString previousCondition = m_conditionCombo->currentText();
        const QString previousDnn = m_dnnCombo->currentText();
        m_conditionCombo->clear();
        m_conditionCombo->addItems(m_conditions);
        // The most degraded condition shows the interesting errors; keep a user's choice.
        const int condition = m_conditionCombo->findText(previousCondition);
        m_conditionCombo->setCurrentIndex(condition >= 0 ? condition
                                                         : int(m_conditions.size()) / 2);
        m_dnnCombo->clear();
        m_dnnCombo->addItems(dnns);
        const int dnn = m_dnnCombo->findText(previousDnn);
        m_dnnCombo->setCurrentIndex(dnn >= 0 ? dnn : 0);
    }
    showCurves();
    showConfusion();
    m_consistency.reset();
    m_kappaPlot->clearMatrix();
    m_kappaPlot->setPlaceholderText(tr("Computing the consistency of every observer pair…"));
    if (id >= 0)
        requestConsistency();
}

void HumansPanel::requestConsistency()
{
    m_consistencyPending = false;
    if (!m_data || m_experimentCombo->currentText().isEmpty())
        return;
    const std::string experiment = m_experimentCombo->currentText().toStdString();
    const bool started = m_jobs->run(
        [data = m_data, experiment](core::JobObserver &, std::stop_token) {
            return HumansWorker::computeConsistency(data, experiment);
        },
        [this](std::shared_ptr<const ConsistencyData> data) { onConsistency(std::move(data)); });
    // One job at a time: asked again when the running one ends.
    m_consistencyPending = !started;
}

void HumansPanel::showCurves()
{
    m_accuracyPlot->clearSeries();
    m_entropyPlot->clearSeries();
    if (!m_data)
        return;
    const std::string experiment = m_experimentCombo->currentText().toStdString();
    struct Series
    {
        QVector<double> x, accuracy, entropy, low, high;
    };
    std::map<QString, Series> series;
    QStringList order;
    for (const auto &row : m_data->summary) {
        if (row.experiment != experiment)
            continue;
        // Individual subjects are summarised by the band around the human mean.
        if (row.kind == core::ObserverKind::Human
            && row.observer != core::ConditionSummary::kHumansName)
            continue;
        const QString name = row.observer == core::ConditionSummary::kHumansName
            ? tr("humans (mean)")
            : QString::fromStdString(row.observer);
        if (!order.contains(name))
            order << name;
        Series &s = series[name];
        s.x << double(m_conditions.indexOf(QString::fromStdString(row.condition)));
        s.accuracy << row.accuracy;
        s.entropy << row.entropy;
        s.low << row.accuracyMin;
        s.high << row.accuracyMax;
    }
    // Humans first, then the DNNs in the order they appear.
    std::stable_sort(order.begin(), order.end(), [](const QString &a, const QString &b) {
        return a.startsWith(QLatin1String("humans")) && !b.startsWith(QLatin1String("humans"));
    });
    m_accuracyPlot->setCategoryTicks(m_conditions);
    m_entropyPlot->setCategoryTicks(m_conditions);
    for (const QString &name : order) {
        const Series &s = series[name];
        m_accuracyPlot->setSeries(name, s.x, s.accuracy);
        m_entropyPlot->setSeries(name, s.x, s.entropy);
        if (name.startsWith(QLatin1String("humans"))) {
            m_accuracyPlot->setSeries(tr("humans (range over subjects)"), s.x, s.low,
                                      widgets::SeriesPlot::Style::Line);
            m_accuracyPlot->setSeries(tr("humans (max)"), s.x, s.high,
                                      widgets::SeriesPlot::Style::Line);
            if (QCPGraph *max = m_accuracyPlot->graph(m_accuracyPlot->graphCount() - 1))
                max->removeFromLegend();
        }
    }
}

void HumansPanel::showConfusion()
{
    m_humanConfusion->clearMatrix();
    m_dnnConfusion->clearMatrix();
    if (!m_data || !m_counts || m_conditionCombo->currentIndex() < 0)
        return;
    const core::TrialTable &table = m_data->table;
    const std::int32_t condition
        = table.conditionNames().find(m_conditionCombo->currentText().toStdString());
    const std::int32_t dnn = table.observerNames().find(m_dnnCombo->currentText().toStdString());
    std::vector<std::size_t> humanUnits, dnnUnits;
    for (std::size_t u = 0; u < m_counts->unitCount(); ++u) {
        const core::ResponseUnit &unit = m_counts->unit(u);
        if (unit.condition != condition)
            continue;
        if (unit.kind == core::ObserverKind::Human)
            humanUnits.push_back(u);
        else if (unit.observer == dnn)
            dnnUnits.push_back(u);
    }
    const auto show = [&](widgets::HeatmapPlot *plot, const std::vector<std::size_t> &units,
                          const QString &title) {
        if (units.empty())
            return;
        const core::ConfusionMatrix m
            = core::ConfusionMatrix::pool(*m_counts, units, table.labelNames());
        QVector<float> values;
        for (std::size_t r = 0; r < m.rowCount(); ++r)
            for (std::size_t c = 0; c < m.columnCount(); ++c)
                values << float(m.percent(r, c));
        QStringList rows, columns;
        for (const std::string &name : m.rowNames())
            rows << QString::fromStdString(name);
        for (const std::string &name : m.columnNames())
            columns << QString::fromStdString(name);
        plot->setTitle(title);
        plot->setRowNames(rows);
        plot->setColumnNames(columns);
        plot->setMatrix(int(m.rowCount()), int(m.columnCount()), values);
    };
    show(m_humanConfusion, humanUnits, tr("humans, % of column"));
    show(m_dnnConfusion, dnnUnits, tr("%1, % of column").arg(m_dnnCombo->currentText()));
}

void HumansPanel::onConsistency(std::shared_ptr<const ConsistencyData> data)
{
    if (data->experiment != m_experimentCombo->currentText().toStdString())
        return; // an answer for an experiment the user has left
    m_consistency = std::move(data);
    showKappa();
    Q_EMIT consistencyShown();
}

void HumansPanel::showKappa()
{
    m_kappaPlot->clearMatrix();
    if (!m_consistency)
        return;
    const std::string condition = m_conditionCombo->currentText().toStdString();
    QStringList observers;
    for (const auto &row : m_consistency->rows)
        if (row.condition == condition)
            for (const std::string *name : {&row.observerA, &row.observerB})
                if (!observers.contains(QString::fromStdString(*name)))
                    observers << QString::fromStdString(*name);
    const int n = int(observers.size());
    if (n == 0) {
        m_kappaPlot->setPlaceholderText(tr("No two observers saw the same images here."));
        return;
    }
    QVector<float> values(qsizetype(n) * n, std::nanf(""));
    for (int i = 0; i < n; ++i)
        values[qsizetype(i) * n + i] = 1.0f;
    for (const auto &row : m_consistency->rows) {
        if (row.condition != condition || row.consistency.n == 0)
            continue;
        const int a = int(observers.indexOf(QString::fromStdString(row.observerA)));
        const int b = int(observers.indexOf(QString::fromStdString(row.observerB)));
        values[qsizetype(a) * n + b] = float(row.consistency.kappa);
        values[qsizetype(b) * n + a] = float(row.consistency.kappa);
    }
    m_kappaPlot->setRowNames(observers);
    m_kappaPlot->setColumnNames(observers);
    m_kappaPlot->setMatrix(n, n, values);
}

bool HumansPanel::openMatrix(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        m_reportError(tr("Train × test matrix"), tr("%1: cannot read the file").arg(path));
        return false;
    }
    const QStringList lines
        = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QStringList columns;
    QStringList rows;
    QVector<float> values;
    for (int i = 0; i < lines.size(); ++i) {
        const QStringList fields = lines[i].trimmed().split(QLatin1Char(','));
        if (i == 0) {
            columns = fields.mid(1);
            continue;
        }
        if (fields.size() != columns.size() + 1) {
            m_reportError(tr("Train × test matrix"),
                          tr("%1: line %2: %3 fields, the header has %4")
                              .arg(path)
                              .arg(i + 1)
                              .arg(fields.size())
                              .arg(columns.size() + 1));
            return false;
        }
        rows << fields[0];
        for (int c = 1; c < fields.size(); ++c) {
            bool ok = false;
            const double v = fields[c].toDouble(&ok);
            if (!ok && !fields[c].trimmed().isEmpty()) {
                m_reportError(
                    tr("Train × test matrix"),
                    tr("%1: line %2: '%3' is not a number").arg(path).arg(i + 1).arg(fields[c]));
                return false;
            }
            values << (ok ? float(v) : std::nanf(""));
        }
    }
    if (rows.isEmpty() || columns.isEmpty()) {
        m_reportError(tr("Train × test matrix"), tr("%1: no matrix in the file").arg(path));
        return false;
    }
    m_matrixPlot->setRowNames(rows);
    m_matrixPlot->setColumnNames(columns);
    m_matrixPlot->setMatrix(int(rows.size()), int(columns.size()), values);
    m_matrixLabel->setText(QDir::toNativeSeparators(path));
    return true;
}

bool HumansPanel::exportAll(const QString &directory)
{
    if (!QDir().mkpath(directory))
        return false;
    const QDir dir(directory);
    bool ok = true;
    const auto figure = [&](auto *plot, const QString &stem) {
        ok = widgets::FigureExport::saveFormats(
                 dir.filePath(stem),
                 [plot](const QString &path) { return plot->exportFigure(path); })
            && ok;
        ok = plot->exportCsv(dir.filePath(stem + QStringLiteral(".csv"))) && ok;
    };
    figure(m_accuracyPlot, QStringLiteral("accuracy"));
    figure(m_entropyPlot, QStringLiteral("entropy"));
    figure(m_humanConfusion, QStringLiteral("confusion-humans"));
    figure(m_dnnConfusion, QStringLiteral("confusion-dnn"));
    figure(m_kappaPlot, QStringLiteral("kappa"));
    figure(m_matrixPlot, QStringLiteral("train-test-matrix"));
    try {
        if (m_data)
            core::ConditionSummary::writeCsv(
                m_data->summary, dir.filePath(QStringLiteral("summary.csv")).toStdString());
        if (m_consistency)
            core::ConsistencyTable::writeCsv(
                m_consistency->rows, dir.filePath(QStringLiteral("consistency.csv")).toStdString());
    } catch (const std::exception &) {
        ok = false;
    }
    return ok;
}

void HumansPanel::showView(const QString &name)
{
    m_views->showView(name);
}

void HumansPanel::dragEnterEvent(QDragEnterEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (!urls.isEmpty() && std::all_of(urls.begin(), urls.end(), [](const QUrl &url) {
            return url.isLocalFile() && QFileInfo(url.toLocalFile()).isDir();
        }))
        event->acceptProposedAction();
}

void HumansPanel::dropEvent(QDropEvent *event)
{
    QStringList directories;
    for (const QUrl &url : event->mimeData()->urls())
        if (url.isLocalFile())
            directories << url.toLocalFile();
    if (directories.isEmpty())
        return;
    m_dataEdit->setText(directories.join(QLatin1Char(';')));
    event->acceptProposedAction();
    load();
}

void HumansPanel::restoreSettings()
{
    QSettings settings;
    m_dataEdit->setText(settings.value(kHumansSettingsGroup + QStringLiteral("data")).toString());
    setDnnColumn(settings.value(kHumansSettingsGroup + QStringLiteral("dnnColumn")).toString());
}

void HumansPanel::saveSettings() const
{
    QSettings settings;
    settings.setValue(kHumansSettingsGroup + QStringLiteral("data"), m_dataEdit->text());
    settings.setValue(kHumansSettingsGroup + QStringLiteral("dnnColumn"),
                      m_columnCombo->currentData().toString());
}

} // namespace sparsescope::app
