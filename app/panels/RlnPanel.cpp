// SPDX-License-Identifier: GPL-3.0-or-later
#include "panels/RlnPanel.h"

#include "workers/RlnBuffer.h"
#include "workers/RlnWorker.h"

#include "sparsescope/core/Error.h"
#include "sparsescope/core/rln/RlnBenchmark.h"
#include "sparsescope/core/rln/RlnSummary.h"
#include "sparsescope/core/rln/TabularModelRegistry.h"
#include "sparsescope/widgets/DockArea.h"
#include "sparsescope/widgets/EtaFormatter.h"
#include "sparsescope/widgets/HeatmapPlot.h"
#include "sparsescope/widgets/ModelSummaryTableModel.h"
#include "sparsescope/widgets/RankedBarPlot.h"
#include "sparsescope/widgets/SeriesPlot.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QTextStream>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <string_view>

namespace sparsescope::app {

namespace {
const QString kRlnSettingsGroup = QStringLiteral("rln/");
const QString kBostonCsv = QStringLiteral(
    "/usr/lib/python3/dist-packages/sklearn/datasets/data/boston_house_prices.csv");

// The names CsvTable::withNoiseFeatures gives the added columns.
const QRegularExpression kNoiseName(QStringLiteral("^noise\\d+$"));

bool isTableFile(const QString &path)
{
    const QString lower = path.toLower();
    return lower.endsWith(QLatin1String(".csv")) || lower.endsWith(QLatin1String(".csv.gz"))
        || lower.endsWith(QLatin1String(".tsv")) || lower.endsWith(QLatin1String(".txt"));
}

bool writeText(const QString &path, const std::string &text)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return false;
    const QByteArray bytes = QByteArray::fromStdString(text);
    return file.write(bytes) == bytes.size();
}

/// Whether an epoch comes from an auxiliary fit ("rln search", "rln out-of-fold"): only the
/// final fits draw sparsity curves.
bool isSearch(const std::string &model)
{
    auto endsWith = [&model](std::string_view suffix) {
        return model.size() > suffix.size()
            && model.compare(model.size() - suffix.size(), suffix.size(), suffix) == 0;
    };
    return endsWith(" search") || endsWith(" out-of-fold");
}
} // namespace

RlnPanel::RlnPanel(QWidget *parent)
    : QWidget(parent)
    , m_buffer(std::make_shared<RlnBuffer>())
    , m_worker(new RlnWorker(m_buffer, this))
    , m_reportError([this](const QString &title, const QString &message) {
        QMessageBox::critical(this, title, message);
    })
{
    setObjectName(QStringLiteral("rlnPanel"));
    setAcceptDrops(true);
    buildUi();
    // The house rule for live views: the job only appends to the buffer; the GUI drains it when
    // told, at most once per JobController drain (~35 ms).
    connect(m_worker, &RlnWorker::updatesAvailable, this, &RlnPanel::drain);
    connect(m_worker, &RlnWorker::finished, this, &RlnPanel::onFinished);
    connect(m_worker, &RlnWorker::failed, this, &RlnPanel::onFailed);
    restoreSettings();
}

RlnPanel::~RlnPanel()
{
    saveSettings();
}

QWidget *RlnPanel::buildForm()
{
    auto *box = new QGroupBox(tr("Table and models"));
    auto *form = new QFormLayout(box);
    m_csvEdit = new QLineEdit;
    m_csvEdit->setObjectName(QStringLiteral("csvEdit"));
    m_csvEdit->setPlaceholderText(tr("a CSV file (drop one here)"));
    auto *browse = new QToolButton;
    browse->setText(QStringLiteral("…"));
    browse->setToolTip(tr("Choose a CSV table"));
    connect(browse, &QToolButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Open table"), QFileInfo(csv()).absolutePath(),
            tr("Tables (*.csv *.csv.gz *.tsv *.txt);;All files (*)"));
        if (!path.isEmpty())
            setCsv(path);
    });
    auto *csvRow = new QHBoxLayout;
    csvRow->addWidget(m_csvEdit, 1);
    csvRow->addWidget(browse);
    // A layout has no focus to give: the label's mnemonic goes to the line edit.
    auto *csvLabel = new QLabel(tr("&CSV:"));
    csvLabel->setBuddy(m_csvEdit);
    form->addRow(csvLabel, csvRow);
    m_targetEdit = new QLineEdit;
    m_targetEdit->setObjectName(QStringLiteral("targetEdit"));
    m_targetEdit->setPlaceholderText(tr("last column"));
    form->addRow(tr("&Target:"), m_targetEdit);
    m_skipRowsSpin = new QSpinBox;
    m_skipRowsSpin->setObjectName(QStringLiteral("skipRowsSpin"));
    m_skipRowsSpin->setRange(0, 1000);
    m_skipRowsSpin->setToolTip(tr("Lines before the header (Boston's file starts with a count "
                                  "line: 1)"));
    form->addRow(tr("S&kip lines:"), m_skipRowsSpin);
    m_taskCombo = new QComboBox;
    m_taskCombo->setObjectName(QStringLiteral("taskCombo"));
    m_taskCombo->addItem(tr("auto (from the target)"), QStringLiteral("auto"));
    m_taskCombo->addItem(tr("regression"), QStringLiteral("regression"));
    m_taskCombo->addItem(tr("classification"), QStringLiteral("classification"));
    form->addRow(tr("T&ask:"), m_taskCombo);
    m_noiseSpin = new QSpinBox;
    m_noiseSpin->setObjectName(QStringLiteral("noiseSpin"));
    m_noiseSpin->setRange(0, 100000);
    m_noiseSpin->setToolTip(tr("Pure N(0, 1) noise features added to the table (the authors' "
                               "tutorial adds 1000)"));
    form->addRow(tr("&Noise features:"), m_noiseSpin);
    m_seedsSpin = new QSpinBox;
    m_seedsSpin->setObjectName(QStringLiteral("seedsSpin"));
    m_seedsSpin->setRange(1, 100);
    m_seedsSpin->setValue(1);
    form->addRow(tr("S&eeds:"), m_seedsSpin);
    m_epochsSpin = new QSpinBox;
    m_epochsSpin->setObjectName(QStringLiteral("epochsSpin"));
    m_epochsSpin->setRange(1, 100000);
    m_epochsSpin->setValue(core::NetworkSettings {}.epochs);
    form->addRow(tr("E&pochs:"), m_epochsSpin);
    auto *models = new QGridLayout;
    int i = 0;
    for (const auto &entry : core::TabularModelRegistry::entries()) {
        const QString name = QString::fromStdString(entry.name);
        auto *check = new QCheckBox(name);
        check->setObjectName(QStringLiteral("model_") + name);
        check->setToolTip(QString::fromStdString(entry.description));
        check->setChecked(true);
        m_modelChecks[name] = check;
        models->addWidget(check, i / 3, i % 3);
        ++i;
    }
    form->addRow(tr("Models:"), models);

    m_thetaSpin = new QDoubleSpinBox;
    m_thetaSpin->setObjectName(QStringLiteral("thetaSpin"));
    m_thetaSpin->setRange(-30.0, 5.0);
    m_thetaSpin->setSingleStep(0.5);
    m_thetaSpin->setDecimals(2);
    m_thetaSpin->setToolTip(tr("Θ: the mean of the natural-log strengths (authors' default −7.5; "
                               "the tutorial's best on Boston + noise: −10)"));
    m_nuSpin = new QDoubleSpinBox;
    m_nuSpin->setObjectName(QStringLiteral("nuSpin"));
    m_nuSpin->setRange(1.0, 1e10);
    m_nuSpin->setDecimals(0);
    m_nuSpin->setSingleStep(1e5);
    m_nuSpin->setToolTip(tr("ν: the learning rate of the log-strengths (authors: 10⁴ … 10⁶)"));
    m_normCombo = new QComboBox;
    m_normCombo->setObjectName(QStringLiteral("normCombo"));
    m_normCombo->addItem(QStringLiteral("L1"), 1);
    m_normCombo->addItem(QStringLiteral("L2"), 2);
    const core::RlnSettings defaults;
    m_thetaSpin->setValue(defaults.theta);
    m_nuSpin->setValue(defaults.nu);
    auto *rlnRow = new QHBoxLayout;
    rlnRow->addWidget(new QLabel(QStringLiteral("Θ")));
    rlnRow->addWidget(m_thetaSpin);
    rlnRow->addWidget(new QLabel(QStringLiteral("ν")));
    rlnRow->addWidget(m_nuSpin, 1);
    rlnRow->addWidget(m_normCombo);
    form->addRow(tr("RLN:"), rlnRow);
    m_searchCheck = new QCheckBox(tr("&search Θ, ν on the validation rows"));
    m_searchCheck->setObjectName(QStringLiteral("searchCheck"));
    m_searchCheck->setChecked(true);
    m_searchCheck->setToolTip(
        tr("Try Θ ∈ {−12, −10, −8} × ν ∈ {10⁵, 10⁶, 10⁷} (holds the authors' tutorial settings) on "
           "the validation rows and keep the best per seed; off: use the Θ and ν above"));
    connect(m_searchCheck, &QCheckBox::toggled, this, [this](bool search) {
        m_thetaSpin->setEnabled(!search);
        m_nuSpin->setEnabled(!search);
    });
    m_thetaSpin->setEnabled(false);
    m_nuSpin->setEnabled(false);
    form->addRow(QString(), m_searchCheck);
    m_keepZerosCheck = new QCheckBox(tr("keep zeroed weights at zero"));
    m_keepZerosCheck->setObjectName(QStringLiteral("keepZerosCheck"));
    m_keepZerosCheck->setToolTip(
        tr("A deviation from the authors' code: a weight the cap sets to exactly 0 stays 0 (with "
           "the authors' rule the next optimizer step revives about half of them)"));
    form->addRow(QString(), m_keepZerosCheck);
    connect(m_keepZerosCheck, &QCheckBox::toggled, this, &RlnPanel::postSettingsIfRunning);
    connect(m_thetaSpin, &QDoubleSpinBox::valueChanged, this, &RlnPanel::postSettingsIfRunning);
    connect(m_nuSpin, &QDoubleSpinBox::valueChanged, this, &RlnPanel::postSettingsIfRunning);
    connect(m_normCombo, &QComboBox::currentIndexChanged, this, &RlnPanel::postSettingsIfRunning);

    m_outEdit = new QLineEdit;
    m_outEdit->setObjectName(QStringLiteral("outEdit"));
    m_outEdit->setPlaceholderText(tr("not written (export from the panel)"));
    m_outEdit->setToolTip(tr("Output folder: results.csv, summary.csv and a run folder per model "
                             "and seed"));
    form->addRow(tr("&Output:"), m_outEdit);
    auto *boston = new QPushButton(tr("Boston + 1000 noise features"));
    boston->setObjectName(QStringLiteral("bostonButton"));
    boston->setToolTip(tr("The authors' tutorial setting (needs Debian's python3-sklearn)"));
    boston->setEnabled(QFileInfo::exists(kBostonCsv));
    connect(boston, &QPushButton::clicked, this, &RlnPanel::useBostonExample);
    form->addRow(QString(), boston);
    return box;
}

void RlnPanel::buildUi()
{
    QWidget *form = buildForm();
    m_runButton = new QPushButton(tr("&Run"));
    m_runButton->setObjectName(QStringLiteral("runButton"));
    m_runButton->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_runButton->setToolTip(tr("Train and compare the chosen models (Ctrl+R)"));
    m_pauseButton = new QPushButton(tr("P&ause"));
    m_pauseButton->setObjectName(QStringLiteral("pauseButton"));
    m_pauseButton->setCheckable(true);
    m_pauseButton->setEnabled(false);
    m_stopButton = new QPushButton(tr("Sto&p"));
    m_stopButton->setObjectName(QStringLiteral("stopButton"));
    m_stopButton->setEnabled(false);
    connect(m_runButton, &QPushButton::clicked, this, &RlnPanel::run);
    connect(m_pauseButton, &QPushButton::toggled, this, &RlnPanel::setPaused);
    connect(m_stopButton, &QPushButton::clicked, this, &RlnPanel::stop);
    auto *exportButton = new QPushButton(tr("E&xport all…"));
    exportButton->setObjectName(QStringLiteral("exportAllButton"));
    exportButton->setToolTip(tr("Every figure as PNG, PDF and SVG and every table as CSV"));
    connect(exportButton, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Export all into"));
        if (!dir.isEmpty() && !exportAll(dir))
            m_reportError(tr("Export"), tr("%1: some files could not be written").arg(dir));
    });
    m_progress = new QProgressBar;
    m_progress->setObjectName(QStringLiteral("rlnProgress"));
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_progress->setTextVisible(false);
    m_etaLabel = new QLabel;
    m_etaLabel->setObjectName(QStringLiteral("etaLabel"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_runButton);
    buttons->addWidget(m_pauseButton);
    buttons->addWidget(m_stopButton);
    buttons->addWidget(exportButton);
    auto *progressRow = new QHBoxLayout;
    progressRow->addWidget(m_progress, 1);
    progressRow->addWidget(m_etaLabel);
    m_log = new QPlainTextEdit;
    m_log->setObjectName(QStringLiteral("rlnLog"));
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(2000);
    m_log->setPlaceholderText(tr("Messages of the running job appear here."));

    auto *left = new QWidget;
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(form);
    leftLayout->addLayout(buttons);
    leftLayout->addLayout(progressRow);
    leftLayout->addWidget(m_log, 1);

    m_epochLabel = new QLabel(tr("No network trained yet."));
    m_epochLabel->setObjectName(QStringLiteral("epochLabel"));
    m_strengthPlot = new widgets::HeatmapPlot;
    m_strengthPlot->setObjectName(QStringLiteral("strengthPlot"));
    m_strengthPlot->setTitle(tr("log-strength Λ"));
    m_strengthPlot->setAxisLabels(tr("input feature"), tr("hidden unit"));
    m_strengthPlot->setPlaceholderText(
        tr("Per-weight log-strengths of the first layer appear while RLN trains."));
    m_magnitudePlot = new widgets::HeatmapPlot;
    m_magnitudePlot->setObjectName(QStringLiteral("magnitudePlot"));
    m_magnitudePlot->setTitle(QStringLiteral("|w|"));
    m_magnitudePlot->setLogarithmic(true);
    m_magnitudePlot->setAxisLabels(tr("input feature"), tr("hidden unit"));
    m_magnitudePlot->setPlaceholderText(
        tr("First-layer weight magnitudes appear while a network trains (grey: exactly zero)."));
    m_sparsityPlot = new widgets::SeriesPlot;
    m_sparsityPlot->setObjectName(QStringLiteral("sparsityPlot"));
    m_sparsityPlot->setTitle(tr("First-layer edges and input features remaining"));
    m_sparsityPlot->setAxisLabels(tr("epoch"), tr("remaining, fraction"));
    m_sparsityPlot->setPlaceholderText(tr("Edges and features remaining per epoch."));
    m_importancePlot = new widgets::RankedBarPlot;
    m_importancePlot->setObjectName(QStringLiteral("importancePlot"));
    m_importancePlot->setTitle(tr("Feature importance (Σ|w| over the first layer)"));
    m_importancePlot->setValueLabel(tr("Σ |w| per input"));
    m_importancePlot->setPlaceholderText(
        tr("The most important inputs of the running network; real features in orange."));
    m_predictionPlot = new widgets::SeriesPlot;
    m_predictionPlot->setObjectName(QStringLiteral("predictionPlot"));
    m_predictionPlot->setTitle(tr("Predicted against true (test rows)"));
    m_predictionPlot->setAxisLabels(tr("true"), tr("predicted"));
    m_predictionPlot->setPlaceholderText(tr("Test predictions appear as each model finishes."));
    m_summaryModel = new widgets::ModelSummaryTableModel(this);
    m_summaryView = new QTableView;
    m_summaryView->setObjectName(QStringLiteral("summaryView"));
    m_summaryView->setModel(m_summaryModel);
    m_summaryView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_summaryView->horizontalHeader()->setStretchLastSection(true);
    m_summaryView->verticalHeader()->hide();
    m_pairedLabel = new QLabel;
    m_pairedLabel->setObjectName(QStringLiteral("pairedLabel"));
    m_pairedLabel->setWordWrap(true);
    m_pairedLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_pairedLabel->setText(tr("Paired comparisons by seed (RLN − L1, ensemble − the better of "
                              "RLN and GBT) appear when the models have finished."));
    auto *results = new QWidget;
    auto *resultsLayout = new QVBoxLayout(results);
    resultsLayout->setContentsMargins(0, 0, 0, 0);
    resultsLayout->addWidget(m_summaryView, 1);
    resultsLayout->addWidget(m_pairedLabel);

    m_views = new widgets::DockArea(QStringLiteral("rlnViews"));
    m_views->addView(QStringLiteral("strengths"), tr("Strengths"), m_strengthPlot);
    m_views->addView(QStringLiteral("magnitudes"), tr("|w|"), m_magnitudePlot);
    m_views->addView(QStringLiteral("sparsity"), tr("Sparsity"), m_sparsityPlot);
    m_views->addView(QStringLiteral("importance"), tr("Importance"), m_importancePlot);
    m_views->addView(QStringLiteral("predictions"), tr("Predicted vs true"), m_predictionPlot);
    m_views->addView(QStringLiteral("results"), tr("Results"), results);
    auto *right = new QWidget;
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_epochLabel);
    rightLayout->addWidget(m_views, 1);

    auto *splitter = new QSplitter(Qt::Horizontal);
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter);
}

void RlnPanel::setCsv(const QString &path)
{
    m_csvEdit->setText(path);
}

QString RlnPanel::csv() const
{
    return m_csvEdit->text().trimmed();
}

void RlnPanel::setTarget(const QString &column)
{
    m_targetEdit->setText(column);
}

void RlnPanel::setSkipRows(int rows)
{
    m_skipRowsSpin->setValue(rows);
}

void RlnPanel::setNoiseFeatures(int count)
{
    m_noiseSpin->setValue(count);
}

void RlnPanel::setSeeds(int seeds)
{
    m_seedsSpin->setValue(seeds);
}

void RlnPanel::setEpochs(int epochs)
{
    m_epochsSpin->setValue(epochs);
}

void RlnPanel::setModels(const QStringList &models)
{
    for (auto &[name, check] : m_modelChecks)
        check->setChecked(models.contains(name));
}

QStringList RlnPanel::models() const
{
    QStringList names;
    // The registry's order (ensemble after its members).
    for (const auto &entry : core::TabularModelRegistry::entries()) {
        const QString name = QString::fromStdString(entry.name);
        if (auto it = m_modelChecks.find(name);
            it != m_modelChecks.end() && it->second->isChecked())
            names << name;
    }
    return names;
}

void RlnPanel::setRlnSettings(const core::RlnSettings &settings)
{
    m_thetaSpin->setValue(settings.theta);
    m_nuSpin->setValue(settings.nu);
    m_normCombo->setCurrentIndex(settings.norm == 2 ? 1 : 0);
    m_keepZerosCheck->setChecked(settings.keepZeros);
}

core::RlnSettings RlnPanel::rlnSettings() const
{
    core::RlnSettings s;
    s.theta = m_thetaSpin->value();
    s.nu = m_nuSpin->value();
    s.norm = m_normCombo->currentData().toInt();
    s.keepZeros = m_keepZerosCheck->isChecked();
    return s;
}

void RlnPanel::setSearchRln(bool search)
{
    m_searchCheck->setChecked(search);
}

bool RlnPanel::searchRln() const
{
    return m_searchCheck->isChecked();
}

QString RlnPanel::pairedText() const
{
    return m_pairedLabel->text();
}

void RlnPanel::setOutputFolder(const QString &path)
{
    m_outEdit->setText(path);
}

void RlnPanel::setErrorReporter(ErrorReporter reporter)
{
    m_reportError = std::move(reporter);
}

bool RlnPanel::useBostonExample()
{
    if (!QFileInfo::exists(kBostonCsv))
        return false;
    setCsv(kBostonCsv);
    setTarget(QStringLiteral("MEDV"));
    setSkipRows(1);
    m_taskCombo->setCurrentIndex(1);
    setNoiseFeatures(1000);
    setRlnSettings({-10.0, 1e6, 1});
    return true;
}

core::RlnConfig RlnPanel::config() const
{
    core::RlnConfig c;
    c.csv = csv().toStdString();
    if (c.csv.empty())
        throw core::Error("", "choose a CSV table first (or drop one on the panel)");
    c.csvOptions.target = m_targetEdit->text().trimmed().toStdString();
    c.csvOptions.skipRows = m_skipRowsSpin->value();
    const QString task = m_taskCombo->currentData().toString();
    c.csvOptions.autoTask = task == QLatin1String("auto");
    c.csvOptions.task = task == QLatin1String("classification") ? core::TabularTask::Classification
                                                                : core::TabularTask::Regression;
    c.noiseFeatures = m_noiseSpin->value();
    c.seeds = m_seedsSpin->value();
    c.models.clear();
    for (const QString &name : models())
        c.models.push_back(name.toStdString());
    if (c.models.empty())
        throw core::Error("", "choose at least one model");
    c.rln = rlnSettings();
    if (m_searchCheck->isChecked()) {
        c.rlnGrid = core::RlnConfig::defaultRlnGrid();
        for (auto &s : c.rlnGrid) {
            s.norm = c.rln.norm;
            s.keepZeros = c.rln.keepZeros;
        }
    } else {
        c.rlnGrid.clear();
    }
    c.network.epochs = m_epochsSpin->value();
    c.threads = 0;
    c.validate("RLN panel");
    return c;
}

bool RlnPanel::run()
{
    if (m_running)
        return false;
    core::RlnConfig c;
    try {
        c = config();
    } catch (const std::exception &e) {
        m_reportError(tr("Tabular comparison"), QString::fromStdString(e.what()));
        return false;
    }
    const QString out = m_outEdit->text().trimmed();
    if (!out.isEmpty() && !QDir().mkpath(out)) {
        m_reportError(tr("Tabular comparison"), tr("%1: cannot create the folder").arg(out));
        return false;
    }
    saveSettings();
    m_buffer->take();
    m_scores.clear();
    m_curves.clear();
    m_featureNames.clear();
    m_sparsityPlot->clearSeries();
    m_predictionPlot->clearSeries();
    m_strengthPlot->clearMatrix();
    m_magnitudePlot->clearMatrix();
    m_importancePlot->setValues({}, {});
    m_summaryModel->clear();
    m_log->clear();
    m_progress->setValue(0);
    m_epochLabel->setText(tr("Starting…"));
    m_task = c.csvOptions.task;
    m_clock.start();
    setRunning(true);
    m_worker->start(c, out.toStdString());
    Q_EMIT started();
    return true;
}

void RlnPanel::stop()
{
    if (m_running)
        m_worker->requestStop();
}

void RlnPanel::setPaused(bool paused)
{
    if (!m_running || paused == m_paused)
        return;
    m_paused = paused;
    if (paused)
        m_worker->pause();
    else
        m_worker->resume();
    m_pauseButton->setChecked(paused);
    m_pauseButton->setText(paused ? tr("Res&ume") : tr("P&ause"));
}

void RlnPanel::setRunning(bool running)
{
    m_running = running;
    m_paused = false;
    m_runButton->setEnabled(!running);
    m_pauseButton->setEnabled(running);
    m_pauseButton->setChecked(false);
    m_pauseButton->setText(tr("P&ause"));
    m_stopButton->setEnabled(running);
    for (QWidget *w : std::initializer_list<QWidget *> {m_csvEdit, m_targetEdit, m_skipRowsSpin,
                                                        m_taskCombo, m_noiseSpin, m_seedsSpin,
                                                        m_epochsSpin, m_outEdit, m_searchCheck})
        w->setEnabled(!running);
    for (auto &[name, check] : m_modelChecks)
        check->setEnabled(!running);
}

void RlnPanel::postSettingsIfRunning()
{
    if (!m_running)
        return;
    if (m_searchCheck->isChecked()) {
        // Every candidate of the search has its own Θ and ν: a live edit would overwrite them.
        m_log->appendPlainText(tr("live edits reach RLN only when Θ and ν are fixed (search off)"));
        return;
    }
    const core::RlnSettings s = rlnSettings();
    m_worker->postSettings(s);
    ++m_settingsPosted;
    m_log->appendPlainText(tr("Θ = %1, ν = %2, L%3%4 sent to the running RLN network")
                               .arg(s.theta)
                               .arg(s.nu, 0, 'g', 3)
                               .arg(s.norm)
                               .arg(s.keepZeros ? tr(", keeping zeros") : QString()));
}

void RlnPanel::drain()
{
    const RlnUpdates updates = m_buffer->take();
    if (!updates.empty())
        apply(updates);
}

void RlnPanel::apply(const RlnUpdates &updates)
{
    if (updates.features) {
        m_featureNames.clear();
        QStringList real;
        for (const std::string &name : *updates.features) {
            const QString n = QString::fromStdString(name);
            m_featureNames << n;
            if (!kNoiseName.match(n).hasMatch())
                real << n;
        }
        m_strengthPlot->setColumnNames(m_featureNames);
        m_magnitudePlot->setColumnNames(m_featureNames);
        m_importancePlot->setHighlighted(real.size() < m_featureNames.size() ? real
                                                                             : QStringList());
    }
    for (const std::string &message : updates.messages)
        m_log->appendPlainText(QString::fromStdString(message));
    bool curvesChanged = false;
    for (const core::RlnEpoch &e : updates.epochs) {
        if (isSearch(e.model) || e.edgesTotal <= 0)
            continue;
        Curve &curve
            = m_curves[QStringLiteral("%1 s%2").arg(QString::fromStdString(e.model)).arg(e.seed)];
        curve.epochs << e.epoch;
        curve.edges << double(e.edgesRemaining) / double(e.edgesTotal);
        curve.features << (e.featuresTotal > 0 ? double(e.featuresRemaining) / e.featuresTotal
                                               : std::nan(""));
        curvesChanged = true;
    }
    if (curvesChanged)
        for (const auto &[name, curve] : m_curves) {
            m_sparsityPlot->setSeries(name + tr(" edges"), curve.epochs, curve.edges);
            m_sparsityPlot->setSeries(name + tr(" features"), curve.epochs, curve.features);
        }
    if (updates.latestStrengths)
        showEpoch(*updates.latestStrengths);
    if (updates.latest)
        showEpoch(*updates.latest);
    for (const core::ModelScore &score : updates.scores) {
        m_scores.push_back(score);
        m_task = score.task;
        if (score.task == core::TabularTask::Regression && !score.testTargets.empty()) {
            QVector<double> truth, predicted;
            for (std::size_t i = 0; i < score.testTargets.size(); ++i) {
                truth << score.testTargets[i];
                predicted << (i < score.testPredictions.size() ? score.testPredictions[i]
                                                               : std::nan(""));
            }
            // One scatter per model (its latest seed), plus the y = x reference.
            m_predictionPlot->setSeries(QString::fromStdString(score.model), truth, predicted,
                                        widgets::SeriesPlot::Style::Markers);
            const auto [low, high] = std::minmax_element(truth.cbegin(), truth.cend());
            m_predictionPlot->setSeries(tr("y = x"), {*low, *high}, {*low, *high},
                                        widgets::SeriesPlot::Style::Line);
        }
    }
    if (!updates.scores.empty())
        refreshSummary();
    if (updates.progress) {
        const double fraction = std::clamp(updates.progress->overall(), 0.0, 1.0);
        m_progress->setValue(static_cast<int>(std::lround(fraction * 1000.0)));
        const double elapsed = m_clock.elapsed() / 1000.0;
        const double eta = fraction > 0.01 ? elapsed * (1.0 - fraction) / fraction : -1.0;
        const QString text = tr("%1 seed %2 · model %3/%4 · %5 %")
                                 .arg(QString::fromStdString(updates.progress->model))
                                 .arg(updates.progress->seed)
                                 .arg(updates.progress->index)
                                 .arg(updates.progress->total)
                                 .arg(std::lround(fraction * 100.0))
            + (eta >= 0.0 ? tr(" · ETA %1").arg(widgets::EtaFormatter::duration(eta)) : QString());
        m_etaLabel->setText(text);
        Q_EMIT progressChanged(static_cast<int>(std::lround(fraction * 100.0)), text);
    }
    Q_EMIT updated();
}

void RlnPanel::showEpoch(const core::RlnEpoch &e)
{
    m_epochLabel->setText(tr("%1 · seed %2 · epoch %3/%4 · edges %5 of %6 · features %7 of %8")
                              .arg(QString::fromStdString(e.model))
                              .arg(e.seed)
                              .arg(e.epoch)
                              .arg(e.epochs)
                              .arg(e.edgesRemaining)
                              .arg(e.edgesTotal)
                              .arg(e.featuresRemaining)
                              .arg(e.featuresTotal));
    const int cells = e.units * e.inputs;
    // A network without learned strengths (plain, L1) leaves the last RLN picture in place.
    if (cells > 0 && e.logStrengths.size() == std::size_t(cells)) {
        m_strengthPlot->setMatrix(e.units, e.inputs,
                                  QVector<float>(e.logStrengths.begin(), e.logStrengths.end()));
        m_strengthPlot->setTitle(tr("log-strength Λ · %1 seed %2 epoch %3")
                                     .arg(QString::fromStdString(e.model))
                                     .arg(e.seed)
                                     .arg(e.epoch));
    }
    if (cells > 0 && e.weightMagnitudes.size() == std::size_t(cells))
        m_magnitudePlot->setMatrix(
            e.units, e.inputs,
            QVector<float>(e.weightMagnitudes.begin(), e.weightMagnitudes.end()));
    if (!e.featureImportance.empty()) {
        QStringList names = m_featureNames;
        while (names.size() < qsizetype(e.featureImportance.size()))
            names << QStringLiteral("input %1").arg(names.size());
        names = names.mid(0, qsizetype(e.featureImportance.size()));
        m_importancePlot->setValues(
            names, QVector<double>(e.featureImportance.begin(), e.featureImportance.end()));
    }
}

void RlnPanel::refreshSummary()
{
    m_summaryModel->setSummaries(core::RlnSummary::summarize(m_scores), m_task);
    const std::string paired = core::RlnSummary::pairedText(core::RlnSummary::paired(m_scores));
    const std::string choices = core::RlnSummary::choicesText(m_scores);
    QString text;
    if (!paired.empty())
        text += tr("Paired by seed:") + QLatin1Char('\n') + QString::fromStdString(paired);
    if (!choices.empty())
        text += (text.isEmpty() ? QString() : QStringLiteral("\n")) + tr("Chosen per seed:")
            + QLatin1Char('\n') + QString::fromStdString(choices);
    m_pairedLabel->setText(text.trimmed());
}

void RlnPanel::onFinished()
{
    drain();
    const std::optional<core::RlnResult> result = m_buffer->takeResult();
    const bool cancelled = result && result->status == core::RlnStatus::Cancelled;
    if (result && !result->scores.empty()) {
        // The result is the authority: it holds every score, also those of a stopped run.
        m_scores = result->scores;
        m_task = result->task;
        refreshSummary();
    }
    setRunning(false);
    m_progress->setValue(cancelled ? m_progress->value() : 1000);
    const QString text = cancelled ? tr("stopped · %1 models finished").arg(m_scores.size())
                                   : tr("done · %1 models in %2")
                                         .arg(m_scores.size())
                                         .arg(widgets::EtaFormatter::duration(
                                             result ? result->seconds : m_clock.elapsed() / 1e3));
    m_etaLabel->setText(text);
    m_log->appendPlainText(text);
    if (!m_scores.empty())
        m_views->showView(QStringLiteral("results"));
    Q_EMIT finished(cancelled);
}

void RlnPanel::onFailed(const QString &message)
{
    drain();
    setRunning(false);
    m_etaLabel->setText(tr("failed"));
    m_log->appendPlainText(message);
    m_reportError(tr("Tabular comparison"), message);
    Q_EMIT failed(message);
}

bool RlnPanel::exportAll(const QString &directory)
{
    if (!QDir().mkpath(directory))
        return false;
    const QDir dir(directory);
    bool ok = true;
    for (const QString &suffix :
         {QStringLiteral("png"), QStringLiteral("pdf"), QStringLiteral("svg")}) {
        ok = m_strengthPlot->exportFigure(dir.filePath(QStringLiteral("strengths.") + suffix))
            && ok;
        ok = m_magnitudePlot->exportFigure(dir.filePath(QStringLiteral("magnitudes.") + suffix))
            && ok;
        ok = m_sparsityPlot->exportFigure(dir.filePath(QStringLiteral("sparsity.") + suffix)) && ok;
        ok = m_importancePlot->exportFigure(dir.filePath(QStringLiteral("importance.") + suffix))
            && ok;
        ok = m_predictionPlot->exportFigure(dir.filePath(QStringLiteral("predictions.") + suffix))
            && ok;
    }
    ok = m_strengthPlot->exportCsv(dir.filePath(QStringLiteral("strengths.csv"))) && ok;
    ok = m_magnitudePlot->exportCsv(dir.filePath(QStringLiteral("magnitudes.csv"))) && ok;
    ok = m_sparsityPlot->exportCsv(dir.filePath(QStringLiteral("sparsity.csv"))) && ok;
    ok = m_importancePlot->exportCsv(dir.filePath(QStringLiteral("importance.csv"))) && ok;
    ok = m_predictionPlot->exportCsv(dir.filePath(QStringLiteral("predictions.csv"))) && ok;
    ok = writeText(dir.filePath(QStringLiteral("results.csv")),
                   core::RlnBenchmark::resultsCsv(m_scores, m_task))
        && ok;
    ok = writeText(dir.filePath(QStringLiteral("summary.csv")),
                   core::RlnSummary::toCsv(core::RlnSummary::summarize(m_scores), m_task))
        && ok;
    ok = writeText(dir.filePath(QStringLiteral("paired.csv")),
                   core::RlnSummary::pairedCsv(core::RlnSummary::paired(m_scores)))
        && ok;
    return ok;
}

void RlnPanel::showView(const QString &name)
{
    m_views->showView(name);
}

void RlnPanel::dragEnterEvent(QDragEnterEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (!m_running && urls.size() == 1 && urls.first().isLocalFile()
        && isTableFile(urls.first().toLocalFile()))
        event->acceptProposedAction();
}

void RlnPanel::dropEvent(QDropEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.size() == 1 && urls.first().isLocalFile()) {
        setCsv(urls.first().toLocalFile());
        event->acceptProposedAction();
    }
}

void RlnPanel::restoreSettings()
{
    QSettings settings;
    m_csvEdit->setText(settings.value(kRlnSettingsGroup + QStringLiteral("csv")).toString());
    m_targetEdit->setText(settings.value(kRlnSettingsGroup + QStringLiteral("target")).toString());
    m_skipRowsSpin->setValue(
        settings.value(kRlnSettingsGroup + QStringLiteral("skipRows"), 0).toInt());
    m_taskCombo->setCurrentIndex(
        std::clamp(settings.value(kRlnSettingsGroup + QStringLiteral("task"), 0).toInt(), 0, 2));
    m_noiseSpin->setValue(settings.value(kRlnSettingsGroup + QStringLiteral("noise"), 0).toInt());
    m_seedsSpin->setValue(settings.value(kRlnSettingsGroup + QStringLiteral("seeds"), 1).toInt());
    m_epochsSpin->setValue(
        settings
            .value(kRlnSettingsGroup + QStringLiteral("epochs"), core::NetworkSettings {}.epochs)
            .toInt());
    const core::RlnSettings defaults;
    m_thetaSpin->setValue(
        settings.value(kRlnSettingsGroup + QStringLiteral("theta"), defaults.theta).toDouble());
    m_nuSpin->setValue(
        settings.value(kRlnSettingsGroup + QStringLiteral("nu"), defaults.nu).toDouble());
    m_normCombo->setCurrentIndex(
        settings.value(kRlnSettingsGroup + QStringLiteral("norm"), 1).toInt() == 2 ? 1 : 0);
    m_keepZerosCheck->setChecked(
        settings.value(kRlnSettingsGroup + QStringLiteral("keepZeros"), false).toBool());
    m_searchCheck->setChecked(
        settings.value(kRlnSettingsGroup + QStringLiteral("search"), true).toBool());
    m_outEdit->setText(settings.value(kRlnSettingsGroup + QStringLiteral("out")).toString());
    if (settings.contains(kRlnSettingsGroup + QStringLiteral("models")))
        setModels(settings.value(kRlnSettingsGroup + QStringLiteral("models")).toStringList());
}

void RlnPanel::saveSettings() const
{
    QSettings settings;
    settings.setValue(kRlnSettingsGroup + QStringLiteral("csv"), csv());
    settings.setValue(kRlnSettingsGroup + QStringLiteral("target"), m_targetEdit->text());
    settings.setValue(kRlnSettingsGroup + QStringLiteral("skipRows"), m_skipRowsSpin->value());
    settings.setValue(kRlnSettingsGroup + QStringLiteral("task"), m_taskCombo->currentIndex());
    settings.setValue(kRlnSettingsGroup + QStringLiteral("noise"), m_noiseSpin->value());
    settings.setValue(kRlnSettingsGroup + QStringLiteral("seeds"), m_seedsSpin->value());
    settings.setValue(kRlnSettingsGroup + QStringLiteral("epochs"), m_epochsSpin->value());
    settings.setValue(kRlnSettingsGroup + QStringLiteral("theta"), m_thetaSpin->value());
    settings.setValue(kRlnSettingsGroup + QStringLiteral("nu"), m_nuSpin->value());
    settings.setValue(kRlnSettingsGroup + QStringLiteral("norm"), m_normCombo->currentData());
    settings.setValue(kRlnSettingsGroup + QStringLiteral("keepZeros"),
                      m_keepZerosCheck->isChecked());
    settings.setValue(kRlnSettingsGroup + QStringLiteral("search"), m_searchCheck->isChecked());
    settings.setValue(kRlnSettingsGroup + QStringLiteral("out"), m_outEdit->text());
    settings.setValue(kRlnSettingsGroup + QStringLiteral("models"), models());
}

} // namespace sparsescope::app
