// SPDX-License-Identifier: GPL-3.0-or-later
#include "panels/TrainingPanel.h"

#include "ModelTrust.h"

#include "panels/ThinCompareView.h"
#include "panels/TrainingForm.h"
#include "sparsescope/core/models/Model.h"
#include "sparsescope/core/models/ModelRegistry.h"
#include "sparsescope/core/training/RunFolder.h"
#include "sparsescope/widgets/DockArea.h"
#include "sparsescope/widgets/EpochTableModel.h"
#include "sparsescope/widgets/FigureExport.h"
#include "sparsescope/widgets/FilterGrid.h"
#include "sparsescope/widgets/GroupNormHistogram.h"
#include "sparsescope/widgets/StrengthEditor.h"
#include "sparsescope/widgets/StructureView.h"
#include "sparsescope/widgets/TrainingPlot.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QEvent>
#include <QFile>
#include <QFileInfo>
#include <QFontDatabase>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QSplitter>
#include <QStyle>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <utility>

namespace sparsescope::app {

namespace {

/// The names people know, for the empty plot's invitation.
QString friendlyName(const QString &reference)
{
    if (const core::ModelEntry *entry = core::ModelRegistry::find(reference.toStdString()))
        return QString::fromStdString(entry->shownName());
    if (reference.startsWith(QLatin1String("fashion-mnist")))
        return QStringLiteral("Fashion-MNIST");
    if (reference.startsWith(QLatin1String("cifar10")))
        return QStringLiteral("CIFAR-10");
    return QFileInfo(reference).fileName().isEmpty() ? reference : QFileInfo(reference).fileName();
}

} // namespace

TrainingPanel::TrainingPanel(QWidget *parent)
    : QWidget(parent)
    , m_errorReporter([this](const QString &title, const QString &message) {
        QMessageBox::critical(this, title, message);
    })
    , m_confirmer([this](const QString &title, const QString &question) {
        return QMessageBox::question(this, title, question) == QMessageBox::Yes;
    })
{
    setObjectName(QStringLiteral("trainingPanel"));
    m_layerReader = new JobController(QStringLiteral("layers"), this);
    connect(m_layerReader, &JobController::finished, this, [this] {
        if (!std::exchange(m_layersPending, QString()).isEmpty())
            refreshLayers(); // the model field changed while a file was read
    });
    createActions();
    buildForm();
    refreshLayers();

    m_presenter
        = new TrainingPresenter({m_plot, m_structureView, m_filterGrid, m_normHistogram,
                                 m_epochModel, m_epochView, m_log, m_progressBar, m_statusLabel},
                                this);
    connect(m_presenter, &TrainingPresenter::stateChanged, this, &TrainingPanel::showState);
    connect(
        m_presenter, &TrainingPresenter::errorOccurred, this,
        [this](const QString &title, const QString &message) { m_errorReporter(title, message); });
    // Before the panel's own runFinished: listeners see the fresh run folder.
    connect(m_presenter, &TrainingPresenter::runFinished, this, [this](core::TrainStatus status) {
        if (status != core::TrainStatus::Failed && m_plot->isEmpty())
            updatePlaceholder();
        m_form->renewAutomaticRunFolder();
    });
    connect(m_presenter, &TrainingPresenter::runStarted, this, &TrainingPanel::runStarted);
    connect(m_presenter, &TrainingPresenter::progressChanged, this,
            &TrainingPanel::progressChanged);
    connect(m_presenter, &TrainingPresenter::epochFinished, this, &TrainingPanel::epochFinished);
    connect(m_presenter, &TrainingPresenter::runFinished, this, &TrainingPanel::runFinished);
    connect(m_presenter, &TrainingPresenter::statusMessage, this, &TrainingPanel::statusMessage);

    showState(TrainingPresenter::State::Idle);
    updatePlaceholder();
}

TrainingPanel::~TrainingPanel() = default;

QString TrainingPanel::modelToThin() const
{
    // The run just trained (or the chosen run folder) when it holds a model, else the form's
    // model (a run folder or a saved model chosen there).
    for (const QString &folder : {m_presenter->activeRunFolder(), runFolder()})
        if (!folder.isEmpty()
            && QFileInfo::exists(QDir(folder).filePath(QStringLiteral("model.pt"))))
            return folder;
    return model();
}

void TrainingPanel::thinAndCompare()
{
    if (isRunning())
        return;
    const QString reference = modelToThin();
    if (core::Model::isRegistryName(reference.toStdString())) {
        m_errorReporter(tr("Thin and compare"),
                        tr("%1 is an untrained architecture: train it first (Ctrl+R) or choose a "
                           "run folder.")
                            .arg(reference));
        return;
    }
    if (!ModelTrust::confirm(reference, m_confirmer))
        return;
    m_views->showView(QStringLiteral("thin"));
    m_presenter->appendLog(tr("thinning %1").arg(reference));
    m_thinView->compare(reference, testData());
}

void TrainingPanel::createActions()
{
    m_startAction = new QAction(style()->standardIcon(QStyle::SP_MediaPlay), tr("&Start"), this);
    m_startAction->setObjectName(QStringLiteral("actionStart"));
    m_startAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_startAction->setToolTip(tr("Start training (Ctrl+R)"));
    connect(m_startAction, &QAction::triggered, this, &TrainingPanel::start);

    m_pauseAction = new QAction(style()->standardIcon(QStyle::SP_MediaPause), tr("&Pause"), this);
    m_pauseAction->setObjectName(QStringLiteral("actionPause"));
    m_pauseAction->setShortcuts({QKeySequence(Qt::Key_Space), QKeySequence(Qt::CTRL | Qt::Key_P)});
    m_pauseAction->setToolTip(tr("Pause or resume (Space, Ctrl+P)"));
    connect(m_pauseAction, &QAction::triggered, this, &TrainingPanel::togglePause);

    m_stopAction = new QAction(style()->standardIcon(QStyle::SP_MediaStop), tr("S&top"), this);
    m_stopAction->setObjectName(QStringLiteral("actionStop"));
    m_stopAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Period));
    m_stopAction->setToolTip(tr("Stop after the current step (Ctrl+.)"));
    connect(m_stopAction, &QAction::triggered, this, &TrainingPanel::stop);

    m_thinAction = new QAction(tr("&Thin and compare"), this);
    m_thinAction->setObjectName(QStringLiteral("actionThin"));
    m_thinAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    m_thinAction->setToolTip(tr("Cut the zero structures out of the trained model and compare "
                                "size, speed and accuracy (Ctrl+T)"));
    connect(m_thinAction, &QAction::triggered, this, &TrainingPanel::thinAndCompare);

    // The shortcuts work anywhere in the window, also when the actions are in no menu.
    addActions({m_startAction, m_pauseAction, m_stopAction, m_thinAction});
}

bool TrainingPanel::exportAll(const QString &directory)
{
    if (!QDir().mkpath(directory))
        return false;
    const QDir dir(directory);
    bool ok = true;
    const auto figure = [&](auto *view, const QString &stem) {
        ok = widgets::FigureExport::saveFormats(
                 dir.filePath(stem),
                 [view](const QString &path) { return view->exportFigure(path); })
            && ok;
    };
    figure(m_plot, QStringLiteral("curves"));
    figure(m_filterGrid, QStringLiteral("filters"));
    figure(m_structureView, QStringLiteral("structure"));
    figure(m_normHistogram, QStringLiteral("norms"));
    ok = m_epochModel->exportCsv(dir.filePath(QStringLiteral("epochs.csv"))) && ok;
    ok = m_filterGrid->exportCsv(dir.filePath(QStringLiteral("filters.csv"))) && ok;
    ok = m_structureView->exportCsv(dir.filePath(QStringLiteral("structure.csv"))) && ok;
    ok = m_normHistogram->exportCsv(dir.filePath(QStringLiteral("norms.csv"))) && ok;
    if (m_thinView->result())
        ok = m_thinView->exportCsv(dir.filePath(QStringLiteral("thin-compare.csv"))) && ok;
    ok = saveConfigFile(dir.filePath(QStringLiteral("config.json"))) && ok;
    return ok;
}

void TrainingPanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        fitControlsToFont();
}

void TrainingPanel::fitControlsToFont()
{
    if (!m_controls)
        return;
    // 300–460 px at the application's font; wider in proportion when the font grows.
    const double base = QApplication::font().pointSizeF();
    const double scale = base > 0.0 ? std::max(1.0, font().pointSizeF() / base) : 1.0;
    m_controls->setMinimumWidth(int(300 * scale));
    m_controls->setMaximumWidth(int(460 * scale));
}

void TrainingPanel::buildForm()
{
    auto *splitter = new QSplitter(Qt::Horizontal);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(buildControls());
    splitter->addWidget(buildResults());
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(splitter);
}

QWidget *TrainingPanel::buildControls()
{
    m_form = new TrainingForm;
    m_form->setObjectName(QStringLiteral("trainingForm"));

    m_startButton = new QPushButton(m_startAction->icon(), m_startAction->text());
    m_startButton->setObjectName(QStringLiteral("startButton"));
    m_startButton->setToolTip(m_startAction->toolTip());
    m_startButton->setDefault(true);
    connect(m_startButton, &QPushButton::clicked, m_startAction, &QAction::trigger);
    m_pauseButton = new QPushButton(m_pauseAction->icon(), m_pauseAction->text());
    m_pauseButton->setObjectName(QStringLiteral("pauseButton"));
    m_pauseButton->setToolTip(m_pauseAction->toolTip());
    connect(m_pauseButton, &QPushButton::clicked, m_pauseAction, &QAction::trigger);
    m_stopButton = new QPushButton(m_stopAction->icon(), m_stopAction->text());
    m_stopButton->setObjectName(QStringLiteral("stopButton"));
    m_stopButton->setToolTip(m_stopAction->toolTip());
    connect(m_stopButton, &QPushButton::clicked, m_stopAction, &QAction::trigger);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_startButton);
    buttons->addWidget(m_pauseButton);
    buttons->addWidget(m_stopButton);

    m_progressBar = new QProgressBar;
    m_progressBar->setObjectName(QStringLiteral("progressBar"));
    m_progressBar->setRange(0, TrainingPresenter::kProgressSteps);
    m_progressBar->setValue(0);
    m_progressBar->setTextVisible(true);
    m_progressBar->setFormat(tr("idle"));
    m_progressBar->setAlignment(Qt::AlignCenter);
    m_statusLabel = new QLabel(tr("Ready."));
    m_statusLabel->setObjectName(QStringLiteral("statusLabel"));
    m_statusLabel->setWordWrap(true);
    m_statusLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *controls = new QWidget;
    auto *layout = new QVBoxLayout(controls);
    layout->setContentsMargins(0, 0, 6, 0);
    layout->addWidget(m_form);
    layout->addSpacing(4);
    layout->addLayout(buttons);
    layout->addWidget(m_progressBar);
    layout->addWidget(m_statusLabel);
    layout->addStretch(1);
    m_controls = controls;
    fitControlsToFont();

    connect(m_form, &TrainingForm::modelChanged, this, &TrainingPanel::updatePlaceholder);
    connect(m_form, &TrainingForm::trainingDataChanged, this, &TrainingPanel::updatePlaceholder);
    connect(m_form, &TrainingForm::modelChanged, this, [this] {
        if (m_strengthEditor)
            refreshLayers();
    });
    connect(m_form, &TrainingForm::runFolderEntered, m_startAction, &QAction::trigger);
    return controls;
}

QWidget *TrainingPanel::buildNormView()
{
    m_normHistogram = new widgets::GroupNormHistogram;
    m_normHistogram->setObjectName(QStringLiteral("normHistogram"));
    auto *layerCombo = new QComboBox;
    layerCombo->setObjectName(QStringLiteral("normLayerCombo"));
    layerCombo->setToolTip(tr("The layer whose group norms are shown"));
    auto *groupCombo = new QComboBox;
    groupCombo->setObjectName(QStringLiteral("normGroupCombo"));
    using Group = widgets::GroupNormHistogram::Group;
    for (Group group : {Group::Filters, Group::Channels, Group::Columns})
        groupCombo->addItem(widgets::GroupNormHistogram::groupName(group), int(group));
    connect(m_normHistogram, &widgets::GroupNormHistogram::layersChanged, layerCombo,
            [this, layerCombo](const QStringList &names) {
                const QSignalBlocker block(layerCombo);
                layerCombo->clear();
                layerCombo->addItems(names);
                layerCombo->setCurrentText(m_normHistogram->currentLayer());
            });
    connect(layerCombo, &QComboBox::currentTextChanged, m_normHistogram,
            &widgets::GroupNormHistogram::setLayer);
    connect(groupCombo, &QComboBox::currentIndexChanged, this, [this, groupCombo] {
        m_normHistogram->setGroup(static_cast<Group>(groupCombo->currentData().toInt()));
    });
    auto *view = new QWidget;
    auto *layout = new QVBoxLayout(view);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *row = new QHBoxLayout;
    row->addWidget(new QLabel(tr("Layer:")));
    row->addWidget(layerCombo, 1);
    row->addWidget(new QLabel(tr("Groups:")));
    row->addWidget(groupCombo, 1);
    layout->addLayout(row);
    layout->addWidget(m_normHistogram, 1);
    return view;
}

QWidget *TrainingPanel::buildResults()
{
    m_plot = new widgets::TrainingPlot;
    m_structureView = new widgets::StructureView;
    m_filterGrid = new widgets::FilterGrid;
    auto *structureScroll = new QScrollArea;
    structureScroll->setWidget(m_structureView);
    structureScroll->setWidgetResizable(true);
    // Dockable views: tabbed by default; each can be split beside another, floated onto a second
    // screen (a projector) or closed, and the layout is remembered (MainWindow's settings).
    m_views = new widgets::DockArea(QStringLiteral("liveViews"));
    m_views->addView(QStringLiteral("curves"), tr("Curves"), m_plot);
    m_views->addView(QStringLiteral("filters"), tr("Filters"), m_filterGrid);
    m_views->addView(QStringLiteral("structure"), tr("Structure"), structureScroll);
    m_views->addView(QStringLiteral("norms"), tr("Group norms"), buildNormView());
    m_thinView = new ThinCompareView;
    m_thinView->setObjectName(QStringLiteral("thinView"));
    m_thinView->setErrorReporter(
        [this](const QString &title, const QString &message) { m_errorReporter(title, message); });
    m_views->addView(QStringLiteral("thin"), tr("Thin and compare"), m_thinView);

    m_epochModel = new widgets::EpochTableModel(this);
    m_epochView = new QTableView;
    m_epochView->setObjectName(QStringLiteral("epochTable"));
    m_epochView->setModel(m_epochModel);
    m_epochView->verticalHeader()->hide();
    m_epochView->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_epochView->setAlternatingRowColors(true);
    m_epochView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_epochView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    auto *epochGroup = new QGroupBox(tr("Epochs"));
    auto *epochLayout = new QVBoxLayout(epochGroup);
    epochLayout->setContentsMargins(4, 4, 4, 4);
    epochLayout->addWidget(m_epochView);

    m_log = new QPlainTextEdit;
    m_log->setObjectName(QStringLiteral("logView"));
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(5000);
    m_log->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_log->setPlaceholderText(tr("Messages from the trainer appear here."));
    auto *logGroup = new QGroupBox(tr("Log"));
    auto *logLayout = new QVBoxLayout(logGroup);
    logLayout->setContentsMargins(4, 4, 4, 4);
    logLayout->addWidget(m_log);

    auto *bottom = new QSplitter(Qt::Horizontal);
    bottom->setChildrenCollapsible(false);
    bottom->addWidget(epochGroup);
    bottom->addWidget(logGroup);
    bottom->setStretchFactor(0, 1);
    bottom->setStretchFactor(1, 1);

    auto *sparsityGroup = new QGroupBox(tr("Structured sparsity: group-Lasso strengths"));
    sparsityGroup->setObjectName(QStringLiteral("sparsityGroup"));
    auto *sparsityLayout = new QVBoxLayout(sparsityGroup);
    sparsityLayout->setContentsMargins(4, 4, 4, 4);
    auto *updateRow = new QHBoxLayout;
    m_updateCombo = new QComboBox;
    m_updateCombo->setObjectName(QStringLiteral("updateCombo"));
    m_updateCombo->addItems({QStringLiteral("proximal"), QStringLiteral("authors")});
    m_updateCombo->setToolTip(tr("proximal: group soft-thresholding after each step (groups reach "
                                 "zero at once); authors: subgradient, then |w| < 1e-4 set to 0"));
    m_strengthEditor = new widgets::StrengthEditor;
    m_strengthEditor->setObjectName(QStringLiteral("strengthEditor"));
    auto *undo = new QPushButton(tr("Undo"));
    undo->setObjectName(QStringLiteral("undoStrengthButton"));
    auto *redo = new QPushButton(tr("Redo"));
    redo->setObjectName(QStringLiteral("redoStrengthButton"));
    connect(undo, &QPushButton::clicked, m_strengthEditor->undoAction(), &QAction::trigger);
    connect(redo, &QPushButton::clicked, m_strengthEditor->redoAction(), &QAction::trigger);
    connect(m_strengthEditor->undoAction(), &QAction::enabledChanged, undo, &QWidget::setEnabled);
    connect(m_strengthEditor->redoAction(), &QAction::enabledChanged, redo, &QWidget::setEnabled);
    undo->setEnabled(false);
    redo->setEnabled(false);
    updateRow->addWidget(new QLabel(tr("Update:")));
    updateRow->addWidget(m_updateCombo);
    updateRow->addStretch(1);
    updateRow->addWidget(undo);
    updateRow->addWidget(redo);
    auto *editorScroll = new QScrollArea;
    editorScroll->setWidget(m_strengthEditor);
    editorScroll->setWidgetResizable(true);
    editorScroll->setFrameShape(QFrame::NoFrame);
    sparsityLayout->addLayout(updateRow);
    sparsityLayout->addWidget(editorScroll, 1);
    // While a run goes on, every edit (and undo/redo) is posted to the trainer's mailbox; the
    // log shows "new strengths applied at epoch E, batch B" when the trainer took it.
    connect(m_strengthEditor, &widgets::StrengthEditor::termsChanged, this, [this] {
        if (m_presenter)
            m_presenter->setStrengths(terms()); // all terms: the mailbox replaces them all
    });

    auto *results = new QSplitter(Qt::Vertical);
    results->setChildrenCollapsible(false);
    results->addWidget(m_views);
    results->addWidget(sparsityGroup);
    results->addWidget(bottom);
    results->setStretchFactor(0, 3);
    results->setStretchFactor(1, 1);
    results->setStretchFactor(2, 1);
    results->setSizes({520, 170, 200});
    return results;
}

void TrainingPanel::refreshLayers()
{
    // For every edit of the model field: a built-in name is built here (cheap); a file that
    // exists is read on a worker thread, the newest asked-for file when the reader is busy;
    // a half-typed path lists no layers.
    const QString reference = model();
    if (core::Model::isRegistryName(reference.toStdString())) {
        showLayers(modelRows(reference.toStdString()));
        return;
    }
    if (!QFileInfo::exists(reference)) {
        showLayers({});
        return;
    }
    // Models are code (issue 19.8): a TorchScript file with code is not loaded for its layers
    // until the user allows it (at Start); files without code are read without running any.
    if (!ModelTrust::isTrusted(reference)) {
        showLayers({});
        if (m_untrustedNoted != reference)
            m_presenter->appendLog(tr("%1 is a TorchScript file with code: its layers are listed "
                                      "once you allow it (Start asks).")
                                       .arg(QFileInfo(reference).fileName()));
        m_untrustedNoted = reference;
        return;
    }
    if (m_layerReader->isRunning()) {
        m_layersPending = reference;
        return;
    }
    m_layerReader->run(
        [file = reference.toStdString()](core::JobObserver &, std::stop_token) {
            try {
                return modelRows(file);
            } catch (const std::exception &) {
                return ModelRows {}; // a file that does not load lists no layers; Start says why
            }
        },
        [this, reference](const ModelRows &rows) {
            if (reference == model())
                showLayers(rows);
        });
}

TrainingPanel::ModelRows TrainingPanel::modelRows(const std::string &reference)
{
    // Code only when the file is one the user allowed (refreshLayers checks that first; this
    // runs on the reader's thread, so the second look at the file costs the GUI nothing).
    const core::Model loaded = ModelTrust::isTrusted(QString::fromStdString(reference))
        ? core::Model::load(reference)
        : core::Model::loadWithoutCode(reference);
    ModelRows rows;
    for (const auto &layer : loaded.structure().layers)
        rows.layers << QString::fromStdString(layer.name);
    // A TorchScript module may have any group: every column. A built-in architecture (also
    // from a run folder or archive): the group types its registry entry lists.
    rows.groupTypes = widgets::StrengthEditor::allGroupTypes();
    if (const core::ModelEntry *entry = core::ModelRegistry::find(loaded.architecture());
        entry && !loaded.isTorchScript()) {
        rows.groupTypes.clear();
        for (const std::string &type : entry->groupTypes)
            rows.groupTypes << QString::fromStdString(type);
    }
    return rows;
}

void TrainingPanel::showLayers(const ModelRows &rows)
{
    if (!rows.layers.isEmpty())
        m_strengthEditor->setGroupTypes(rows.groupTypes);
    if (rows.layers != m_strengthEditor->layers())
        m_strengthEditor->setLayers(rows.layers);
    Q_EMIT layersListed(rows.layers);
}

void TrainingPanel::showView(const QString &name)
{
    m_views->showView(name);
}

std::vector<core::RegularizationTerm> TrainingPanel::terms() const
{
    std::vector<core::RegularizationTerm> all = m_strengthEditor->terms();
    all.insert(all.end(), m_extraTerms.begin(), m_extraTerms.end());
    return all;
}

core::TrainConfig TrainingPanel::config() const
{
    core::TrainConfig config = m_form->fill(m_baseConfig);
    config.sparsity.terms = terms();
    config.sparsity.update = m_updateCombo->currentText().toStdString();
    return config;
}

bool TrainingPanel::applyConfig(const core::TrainConfig &config, const QString &origin)
{
    if (!config.stages.empty()) {
        m_errorReporter(tr("Preset"),
                        tr("%1: a staged run (%2 stages); run it with `sparsescope-cli train "
                           "--config %1`")
                            .arg(origin)
                            .arg(config.stages.size()));
        return false;
    }
    if (isRunning()) {
        m_errorReporter(tr("Preset"),
                        tr("Stop the running training before loading %1.").arg(origin));
        return false;
    }
    m_baseConfig = config;
    m_baseConfig.sparsity.terms.clear();
    m_form->showConfig(config);
    refreshLayers();
    m_extraTerms = m_strengthEditor->applyTerms(config.sparsity.terms, true);
    if (const int index = m_updateCombo->findText(QString::fromStdString(config.sparsity.update));
        index >= 0)
        m_updateCombo->setCurrentIndex(index);
    QString line = tr("preset %1: %2 on %3, %4 epochs, lr %5, %6 strength term(s)")
                       .arg(QFileInfo(origin).fileName(), model(), trainingData())
                       .arg(config.epochs)
                       .arg(config.learningRate)
                       .arg(config.sparsity.terms.size());
    if (!m_extraTerms.empty()) {
        QStringList extra;
        for (const auto &term : m_extraTerms)
            extra << QStringLiteral("%1 %2=%3")
                         .arg(QString::fromStdString(term.layers),
                              QString::fromStdString(term.type))
                         .arg(term.strength);
        line += tr("; kept, not shown in the editor: %1").arg(extra.join(QStringLiteral(", ")));
    }
    m_presenter->appendLog(line);
    return true;
}

bool TrainingPanel::loadConfigFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        m_errorReporter(tr("Preset"), tr("%1: cannot be read").arg(path));
        return false;
    }
    return applyConfigJson(file.readAll(), path);
}

bool TrainingPanel::applyConfigJson(const QByteArray &json, const QString &origin)
{
    try {
        return applyConfig(core::TrainConfig::fromJson(json.toStdString(), origin.toStdString()),
                           origin);
    } catch (const std::exception &error) {
        m_errorReporter(tr("Preset"), QString::fromUtf8(error.what()));
        return false;
    }
}

bool TrainingPanel::saveConfigFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)
        || file.write(QByteArray::fromStdString(config().toJson())) < 0) {
        m_errorReporter(tr("Save config"), tr("%1: cannot be written").arg(path));
        return false;
    }
    m_presenter->appendLog(tr("config written to %1").arg(path));
    return true;
}

QStringList TrainingPanel::presets()
{
    QStringList paths;
    const QDir dir(QStringLiteral(":/presets"));
    for (const QString &name : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name))
        paths << dir.filePath(name);
    return paths;
}

QString TrainingPanel::model() const
{
    return m_form->model();
}

void TrainingPanel::setModel(const QString &reference)
{
    m_form->setModel(reference);
}

QString TrainingPanel::trainingData() const
{
    return m_form->trainingData();
}

void TrainingPanel::setTrainingData(const QString &spec)
{
    m_form->setTrainingData(spec);
}

QString TrainingPanel::testData() const
{
    return m_form->testData();
}

void TrainingPanel::setTestData(const QString &spec)
{
    m_form->setTestData(spec);
}

void TrainingPanel::setEpochs(int epochs)
{
    m_form->setEpochs(epochs);
}

void TrainingPanel::setBatchSize(int batchSize)
{
    m_form->setBatchSize(batchSize);
}

void TrainingPanel::setLearningRate(double learningRate)
{
    m_form->setLearningRate(learningRate);
}

void TrainingPanel::setLimit(int limit)
{
    m_form->setLimit(limit);
}

QString TrainingPanel::runFolder() const
{
    return m_form->runFolder();
}

void TrainingPanel::setRunFolder(const QString &directory)
{
    m_form->setRunFolder(directory);
}

bool TrainingPanel::isRunning() const
{
    return m_presenter->state() != TrainingPresenter::State::Idle;
}

bool TrainingPanel::isPaused() const
{
    return m_presenter->state() == TrainingPresenter::State::Paused;
}

void TrainingPanel::setErrorReporter(ErrorReporter reporter)
{
    m_errorReporter = std::move(reporter);
}

void TrainingPanel::setConfirmer(Confirmer confirmer)
{
    m_confirmer = std::move(confirmer);
}

QString TrainingPanel::browseModel()
{
    return m_form->browseModel();
}

QString TrainingPanel::browseTrainingData()
{
    return m_form->browseTrainingData();
}

QString TrainingPanel::browseTestData()
{
    return m_form->browseTestData();
}

QString TrainingPanel::datasetSpecForFile(const QString &path)
{
    return TrainingForm::datasetSpecForFile(path);
}

QString TrainingPanel::defaultRunFolder()
{
    return TrainingForm::defaultRunFolder();
}

void TrainingPanel::start()
{
    if (isRunning())
        return;
    const core::TrainConfig config = this->config();
    if (config.data.empty() || config.model.empty()) {
        m_errorReporter(tr("Cannot start training"), tr("Choose a model and training data first."));
        return;
    }
    if (runFolder().isEmpty())
        m_form->renewAutomaticRunFolder();
    // Never replace a run without asking: its model, run.json and metrics would be lost and
    // structure.csv would mix both runs.
    const std::string folder = runFolder().toStdString();
    if (const std::string work = core::RunFolder::workIn(folder); !work.empty()) {
        if (!m_confirmer(tr("Replace the run?"),
                         tr("%1 already holds a run (%2). Replace it? Its model, checkpoints and "
                            "metrics are deleted; other files stay.")
                             .arg(runFolder(), QString::fromStdString(work))))
            return;
        try {
            core::RunFolder::clear(folder);
        } catch (const std::exception &error) {
            m_errorReporter(tr("Cannot start training"), QString::fromUtf8(error.what()));
            return;
        }
    }
    if (!ModelTrust::confirm(QString::fromStdString(config.model), m_confirmer))
        return;
    refreshLayers(); // an allowed TorchScript file now lists its layers
    m_presenter->start(config, runFolder());
}

void TrainingPanel::togglePause()
{
    m_presenter->togglePause();
}

void TrainingPanel::stop()
{
    m_presenter->stop();
}

void TrainingPanel::showState(TrainingPresenter::State state)
{
    using State = TrainingPresenter::State;
    const bool idle = state == State::Idle;
    const bool active = state == State::Running || state == State::Paused;
    m_startAction->setEnabled(idle);
    m_pauseAction->setEnabled(active);
    m_stopAction->setEnabled(active);
    m_thinAction->setEnabled(idle);
    const bool paused = state == State::Paused;
    m_pauseAction->setText(paused ? tr("&Resume") : tr("&Pause"));
    m_pauseAction->setIcon(
        style()->standardIcon(paused ? QStyle::SP_MediaPlay : QStyle::SP_MediaPause));

    m_startButton->setEnabled(m_startAction->isEnabled());
    m_pauseButton->setEnabled(m_pauseAction->isEnabled());
    m_pauseButton->setText(m_pauseAction->text());
    m_pauseButton->setIcon(m_pauseAction->icon());
    m_stopButton->setEnabled(m_stopAction->isEnabled());
    m_form->setEditable(idle);
}

void TrainingPanel::updatePlaceholder()
{
    if (isRunning() || !m_plot->isEmpty())
        return;
    m_plot->setPlaceholderText(tr("Press Start to train %1 on %2")
                                   .arg(friendlyName(model()), friendlyName(trainingData())));
}

} // namespace sparsescope::app
