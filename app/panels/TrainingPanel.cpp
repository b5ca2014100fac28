// SPDX-License-Identifier: GPL-3.0-or-later
#include "panels/TrainingPanel.h"

#include "controllers/TrainingController.h"

#include "panels/ThinCompareView.h"
#include "sparsescope/core/models/Model.h"
#include "sparsescope/core/models/ModelRegistry.h"
#include "sparsescope/widgets/DockArea.h"
#include "sparsescope/widgets/EpochTableModel.h"
#include "sparsescope/widgets/EtaFormatter.h"
#include "sparsescope/widgets/FigureExport.h"
#include "sparsescope/widgets/FilterGrid.h"
#include "sparsescope/widgets/GroupNormHistogram.h"
#include "sparsescope/widgets/StrengthEditor.h"
#include "sparsescope/widgets/StructureView.h"
#include "sparsescope/widgets/TrainingPlot.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardPaths>
#include <QStyle>
#include <QTableView>
#include <QTime>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <utility>

namespace sparsescope::app {

namespace {
constexpr int kProgressSteps = 1000;

/// The names people know, for the empty plot's invitation.
QString friendlyName(const QString &reference)
{
    if (reference == QLatin1String("lenet5"))
        return QStringLiteral("LeNet-5");
    if (reference == QLatin1String("lenet-300-100"))
        return QStringLiteral("LeNet-300-100");
    if (reference.startsWith(QLatin1String("fashion-mnist")))
        return QStringLiteral("Fashion-MNIST");
    if (reference.startsWith(QLatin1String("cifar10")))
        return QStringLiteral("CIFAR-10");
    return QFileInfo(reference).fileName().isEmpty() ? reference : QFileInfo(reference).fileName();
}

QString percent(double fraction)
{
    return QStringLiteral("%1\u00a0%").arg(fraction * 100.0, 0, 'f', 2);
}

QString epochCount(int count)
{
    return count == 1 ? TrainingPanel::tr("1 epoch") : TrainingPanel::tr("%1 epochs").arg(count);
}

QComboBox *makeSpecCombo(const QStringList &suggestions, const QString &objectName)
{
    auto *combo = new QComboBox;
    combo->setObjectName(objectName);
    combo->setEditable(true);
    combo->setInsertPolicy(QComboBox::NoInsert);
    combo->addItems(suggestions);
    combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    combo->setMinimumContentsLength(12);
    return combo;
}

/// Puts `text` into an editable combo, adding it to the list when it is new.
void selectText(QComboBox *combo, const QString &text)
{
    int index = combo->findText(text);
    if (index < 0) {
        combo->addItem(text);
        index = combo->count() - 1;
    }
    combo->setCurrentIndex(index);
    combo->setEditText(text);
}

QWidget *withBrowseButton(QWidget *field, const QString &toolTip, const QString &objectName,
                          std::function<void()> browse)
{
    auto *row = new QWidget;
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(field, 1);
    auto *button = new QToolButton;
    button->setObjectName(objectName);
    button->setText(QStringLiteral("…"));
    button->setToolTip(toolTip);
    QObject::connect(button, &QToolButton::clicked, button, std::move(browse));
    layout->addWidget(button);
    return row;
}
} // namespace

TrainingPanel::TrainingPanel(QWidget *parent)
    : QWidget(parent)
    , m_controller(new TrainingController(this))
    , m_errorReporter([this](const QString &title, const QString &message) {
        QMessageBox::critical(this, title, message);
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

    connect(m_controller, &TrainingController::updatesAvailable, this,
            &TrainingPanel::applyUpdates);
    connect(m_controller, &TrainingController::finished, this, &TrainingPanel::onFinished);
    connect(m_controller, &TrainingController::failed, this, &TrainingPanel::onFailed);

    setState(State::Idle);
    updatePlaceholder();
}

TrainingPanel::~TrainingPanel() = default;

QString TrainingPanel::modelToThin() const
{
    // The run just trained (or the chosen run folder) when it holds a model, else the form's
    // model (a run folder or a saved model chosen there).
    for (const QString &folder : {m_activeRunFolder, runFolder()})
        if (!folder.isEmpty()
            && QFileInfo::exists(QDir(folder).filePath(QStringLiteral("model.pt"))))
            return folder;
    return model();
}

void TrainingPanel::thinAndCompare()
{
    if (m_state != State::Idle)
        return;
    const QString reference = modelToThin();
    if (core::Model::isRegistryName(reference.toStdString())) {
        m_errorReporter(tr("Thin and compare"),
                        tr("%1 is an untrained architecture: train it first (Ctrl+R) or choose a "
                           "run folder.")
                            .arg(reference));
        return;
    }
    m_views->showView(QStringLiteral("thin"));
    appendLog(tr("thinning %1").arg(reference));
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
    const core::TrainConfig defaults;

    m_modelCombo = new QComboBox;
    m_modelCombo->setObjectName(QStringLiteral("modelCombo"));
    m_modelCombo->setEditable(true);
    m_modelCombo->setInsertPolicy(QComboBox::NoInsert);
    for (const core::ModelEntry &entry : core::ModelRegistry::entries()) {
        m_modelCombo->addItem(QString::fromStdString(entry.name));
        m_modelCombo->setItemData(m_modelCombo->count() - 1,
                                  QString::fromStdString(entry.description), Qt::ToolTipRole);
    }
    m_modelCombo->setToolTip(tr("A built-in architecture, a run folder or a TorchScript file"));
    selectText(m_modelCombo, QString::fromStdString(defaults.model));

    m_trainDataCombo
        = makeSpecCombo({QStringLiteral("fashion-mnist:train")}, QStringLiteral("trainDataCombo"));
    m_trainDataCombo->setToolTip(
        tr("Dataset spec: fashion-mnist:train, idx:IMAGES,LABELS, cifar10:DIR, folder:DIR"));
    selectText(m_trainDataCombo, QString::fromStdString(defaults.data));
    m_testDataCombo = makeSpecCombo({QStringLiteral("fashion-mnist:test"), QString()},
                                    QStringLiteral("testDataCombo"));
    m_testDataCombo->setToolTip(tr("Evaluated after every epoch; leave empty to skip"));
    selectText(m_testDataCombo, QString::fromStdString(defaults.testData));

    m_dataGroup = new QGroupBox(tr("Model and data"));
    auto *dataForm = new QFormLayout(m_dataGroup);
    dataForm->addRow(tr("&Model:"),
                     withBrowseButton(m_modelCombo, tr("Open a model file"),
                                      QStringLiteral("browseModelButton"),
                                      [this] { browseModel(); }));
    dataForm->addRow(tr("&Training data:"),
                     withBrowseButton(m_trainDataCombo, tr("Open a dataset file"),
                                      QStringLiteral("browseTrainDataButton"),
                                      [this] { browseTrainingData(); }));
    dataForm->addRow(tr("T&est data:"),
                     withBrowseButton(m_testDataCombo, tr("Open a dataset file"),
                                      QStringLiteral("browseTestDataButton"),
                                      [this] { browseTestData(); }));

    m_epochsSpin = new QSpinBox;
    m_epochsSpin->setObjectName(QStringLiteral("epochsSpin"));
    m_epochsSpin->setRange(1, 10000);
    m_epochsSpin->setValue(defaults.epochs);
    m_batchSizeSpin = new QSpinBox;
    m_batchSizeSpin->setObjectName(QStringLiteral("batchSizeSpin"));
    m_batchSizeSpin->setRange(1, 65536);
    m_batchSizeSpin->setValue(defaults.batchSize);
    m_learningRateSpin = new QDoubleSpinBox;
    m_learningRateSpin->setObjectName(QStringLiteral("learningRateSpin"));
    m_learningRateSpin->setDecimals(5);
    m_learningRateSpin->setRange(0.00001, 10.0);
    m_learningRateSpin->setSingleStep(0.001);
    m_learningRateSpin->setValue(defaults.learningRate);
    m_limitSpin = new QSpinBox;
    m_limitSpin->setObjectName(QStringLiteral("limitSpin"));
    m_limitSpin->setRange(0, 100'000'000);
    m_limitSpin->setSingleStep(1000);
    m_limitSpin->setSpecialValueText(tr("all"));
    m_limitSpin->setSuffix(tr(" samples"));
    m_limitSpin->setValue(static_cast<int>(defaults.limit));
    m_limitSpin->setToolTip(tr("Train on the first N samples only (0: all)"));

    m_trainingGroup = new QGroupBox(tr("Training"));
    auto *trainingForm = new QFormLayout(m_trainingGroup);
    trainingForm->addRow(tr("E&pochs:"), m_epochsSpin);
    trainingForm->addRow(tr("&Batch size:"), m_batchSizeSpin);
    trainingForm->addRow(tr("&Learning rate:"), m_learningRateSpin);
    trainingForm->addRow(tr("L&imit:"), m_limitSpin);

    m_runFolderEdit = new QLineEdit;
    m_runFolderEdit->setObjectName(QStringLiteral("runFolderEdit"));
    m_runFolderEdit->setToolTip(tr("run.json, metrics.csv, model.pt and checkpoints go here"));
    m_automaticRunFolder = defaultRunFolder();
    m_runFolderEdit->setText(m_automaticRunFolder);
    m_outputGroup = new QGroupBox(tr("Output"));
    auto *outputForm = new QFormLayout(m_outputGroup);
    outputForm->addRow(tr("&Run folder:"),
                       withBrowseButton(m_runFolderEdit, tr("Choose the run folder"),
                                        QStringLiteral("browseRunFolderButton"), [this] {
                                            const QString directory
                                                = QFileDialog::getExistingDirectory(
                                                    this, tr("Run folder"), runFolder());
                                            if (!directory.isEmpty())
                                                setRunFolder(directory);
                                        }));

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
    m_progressBar->setRange(0, kProgressSteps);
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
    layout->addWidget(m_dataGroup);
    layout->addWidget(m_trainingGroup);
    layout->addWidget(m_outputGroup);
    layout->addSpacing(4);
    layout->addLayout(buttons);
    layout->addWidget(m_progressBar);
    layout->addWidget(m_statusLabel);
    layout->addStretch(1);
    m_controls = controls;
    fitControlsToFont();

    for (QComboBox *combo : {m_modelCombo, m_trainDataCombo})
        connect(combo, &QComboBox::currentTextChanged, this, &TrainingPanel::updatePlaceholder);
    connect(m_modelCombo, &QComboBox::currentTextChanged, this, [this] {
        if (m_strengthEditor)
            refreshLayers();
    });
    connect(m_runFolderEdit, &QLineEdit::returnPressed, m_startAction, &QAction::trigger);
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
        if (m_controller->isRunning())
            m_controller->setStrengths(terms()); // all terms: the mailbox replaces them all
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
        QStringList layers;
        for (const auto &layer : core::Model::load(reference.toStdString()).structure().layers)
            layers << QString::fromStdString(layer.name);
        showLayers(layers);
        return;
    }
    if (!QFileInfo::exists(reference)) {
        showLayers({});
        return;
    }
    if (m_layerReader->isRunning()) {
        m_layersPending = reference;
        return;
    }
    m_layerReader->run(
        [file = reference.toStdString()](core::JobObserver &, std::stop_token) {
            QStringList layers;
            try {
                for (const auto &layer : core::Model::load(file).structure().layers)
                    layers << QString::fromStdString(layer.name);
            } catch (const std::exception &) {
                layers.clear(); // a file that does not load lists no layers; Start reports why
            }
            return layers;
        },
        [this, reference](const QStringList &layers) {
            if (reference == model())
                showLayers(layers);
        });
}

void TrainingPanel::showLayers(const QStringList &layers)
{
    if (layers != m_strengthEditor->layers())
        m_strengthEditor->setLayers(layers);
    Q_EMIT layersListed(layers);
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
    core::TrainConfig config = m_baseConfig;
    config.model = model().toStdString();
    config.data = trainingData().toStdString();
    config.testData = testData().toStdString();
    config.epochs = m_epochsSpin->value();
    config.batchSize = m_batchSizeSpin->value();
    config.learningRate = m_learningRateSpin->value();
    config.limit = static_cast<std::size_t>(m_limitSpin->value());
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
    if (m_state != State::Idle) {
        m_errorReporter(tr("Preset"),
                        tr("Stop the running training before loading %1.").arg(origin));
        return false;
    }
    m_baseConfig = config;
    m_baseConfig.sparsity.terms.clear();
    setModel(QString::fromStdString(config.model));
    setTrainingData(QString::fromStdString(config.data));
    setTestData(QString::fromStdString(config.testData));
    setEpochs(config.epochs);
    setBatchSize(config.batchSize);
    setLearningRate(config.learningRate);
    setLimit(static_cast<int>(config.limit));
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
    appendLog(line);
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
    appendLog(tr("config written to %1").arg(path));
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
    return m_modelCombo->currentText().trimmed();
}

void TrainingPanel::setModel(const QString &reference)
{
    selectText(m_modelCombo, reference);
}

QString TrainingPanel::trainingData() const
{
    return m_trainDataCombo->currentText().trimmed();
}

void TrainingPanel::setTrainingData(const QString &spec)
{
    selectText(m_trainDataCombo, spec);
}

QString TrainingPanel::testData() const
{
    return m_testDataCombo->currentText().trimmed();
}

void TrainingPanel::setTestData(const QString &spec)
{
    selectText(m_testDataCombo, spec);
}

void TrainingPanel::setEpochs(int epochs)
{
    m_epochsSpin->setValue(epochs);
}

void TrainingPanel::setBatchSize(int batchSize)
{
    m_batchSizeSpin->setValue(batchSize);
}

void TrainingPanel::setLearningRate(double learningRate)
{
    m_learningRateSpin->setValue(learningRate);
}

void TrainingPanel::setLimit(int limit)
{
    m_limitSpin->setValue(limit);
}

QString TrainingPanel::runFolder() const
{
    return m_runFolderEdit->text().trimmed();
}

void TrainingPanel::setRunFolder(const QString &directory)
{
    m_runFolderEdit->setText(directory);
}

bool TrainingPanel::isRunning() const
{
    return m_state != State::Idle;
}

bool TrainingPanel::isPaused() const
{
    return m_state == State::Paused;
}

void TrainingPanel::setErrorReporter(ErrorReporter reporter)
{
    m_errorReporter = std::move(reporter);
}

QString TrainingPanel::browseModel()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open model"), QFileInfo(model()).absolutePath(),
        tr("Models (*.pt *.pth *.ptl *.torchscript);;All files (*)"));
    if (!path.isEmpty())
        setModel(path);
    return path;
}

QString TrainingPanel::browseTrainingData()
{
    const QString spec = chooseDatasetSpec(tr("Open training data"));
    if (!spec.isEmpty())
        setTrainingData(spec);
    return spec;
}

QString TrainingPanel::browseTestData()
{
    const QString spec = chooseDatasetSpec(tr("Open test data"));
    if (!spec.isEmpty())
        setTestData(spec);
    return spec;
}

QString TrainingPanel::chooseDatasetSpec(const QString &title)
{
    const QString path = QFileDialog::getOpenFileName(
        this, title, QString(), tr("Datasets (*-ubyte *-ubyte.gz *.bin);;All files (*)"));
    return path.isEmpty() ? QString() : datasetSpecForFile(path);
}

QString TrainingPanel::datasetSpecForFile(const QString &path)
{
    const QFileInfo info(path);
    if (info.isDir())
        return QStringLiteral("folder:") + path;
    const QString name = info.fileName();
    if (name.contains(QLatin1String("idx3-ubyte"))) {
        QString labels = name;
        labels.replace(QLatin1String("idx3-ubyte"), QLatin1String("idx1-ubyte"));
        labels.replace(QLatin1String("images"), QLatin1String("labels"));
        return QStringLiteral("idx:%1,%2").arg(path, info.dir().filePath(labels));
    }
    static const QRegularExpression cifarTrain(QStringLiteral("^data_batch_\\d+\\.bin$"));
    if (cifarTrain.match(name).hasMatch())
        return QStringLiteral("cifar10:") + info.absolutePath();
    if (name == QLatin1String("test_batch.bin"))
        return QStringLiteral("cifar10:%1:test").arg(info.absolutePath());
    return path;
}

QString TrainingPanel::defaultRunFolder()
{
    const QDir runs(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation)
                    + QStringLiteral("/runs"));
    const QString stamp = QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    QString candidate = runs.filePath(stamp);
    for (int suffix = 2; QFileInfo::exists(candidate); ++suffix)
        candidate = runs.filePath(QStringLiteral("%1-%2").arg(stamp).arg(suffix));
    return candidate;
}

void TrainingPanel::start()
{
    if (m_state != State::Idle)
        return;
    const core::TrainConfig config = this->config();
    if (config.data.empty() || config.model.empty()) {
        m_errorReporter(tr("Cannot start training"), tr("Choose a model and training data first."));
        return;
    }
    if (runFolder().isEmpty())
        renewAutomaticRunFolder();
    m_activeRunFolder = runFolder();
    m_epochsPlanned = config.epochs;

    m_plot->clear();
    m_structureView->clear();
    m_filterGrid->clear();
    m_normHistogram->clear();
    m_plot->setExpectedEpochs(config.epochs);
    m_plot->setPlaceholderText(tr("Loading %1 …").arg(trainingData()));
    m_epochModel->clear();
    appendLog(tr("Starting %1 on %2, %3 → %4")
                  .arg(model(), trainingData(), epochCount(config.epochs), m_activeRunFolder));
    setState(State::Running);
    m_progressBar->setValue(0);
    m_progressBar->setFormat(tr("starting…"));
    m_statusLabel->setText(tr("Training…"));
    m_controller->start(config, m_activeRunFolder);
    Q_EMIT runStarted(m_activeRunFolder);
    Q_EMIT progressChanged(0.0, tr("starting…"));
}

void TrainingPanel::togglePause()
{
    if (m_state == State::Running) {
        m_controller->pause();
        setState(State::Paused);
        m_progressBar->setFormat(m_progressBar->format() + tr(" · paused"));
        appendLog(tr("Paused."));
        Q_EMIT progressChanged(double(m_progressBar->value()) / kProgressSteps,
                               m_progressBar->format());
    } else if (m_state == State::Paused) {
        m_controller->resume();
        setState(State::Running);
        appendLog(tr("Resumed."));
    }
}

void TrainingPanel::stop()
{
    if (m_state != State::Running && m_state != State::Paused)
        return;
    m_controller->stop();
    setState(State::Stopping);
    m_statusLabel->setText(tr("Stopping…"));
    appendLog(tr("Stopping…"));
}

void TrainingPanel::setState(State state)
{
    m_state = state;
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
    for (QGroupBox *group : {m_dataGroup, m_trainingGroup, m_outputGroup})
        group->setEnabled(idle);
}

void TrainingPanel::applyUpdates(const TrainingUpdates &updates)
{
    // Kinds are kept apart in the buffer; this order matches the trainer's in the usual cases
    // ("loading …" arrives alone before the first batch, "completed" after the last epoch).
    for (const core::BatchMetrics &batch : updates.batches) {
        const int perEpoch = std::max(1, batch.batchesPerEpoch);
        m_plot->appendBatch(batch.epoch - 1 + double(batch.batch) / perEpoch, batch.loss,
                            batch.accuracy);
    }
    if (!updates.batches.empty() && m_state != State::Stopping) {
        const core::BatchMetrics &last = updates.batches.back();
        const int perEpoch = std::max(1, last.batchesPerEpoch);
        const int epochs = std::max(1, last.epochs);
        const double fraction
            = ((last.epoch - 1) * double(perEpoch) + last.batch) / (double(epochs) * perEpoch);
        QString text
            = widgets::EtaFormatter::progress(last.epoch, epochs, fraction, last.etaSeconds);
        if (m_state == State::Paused)
            text += tr(" · paused");
        m_progressBar->setValue(static_cast<int>(fraction * kProgressSteps));
        m_progressBar->setFormat(text);
        Q_EMIT progressChanged(fraction, text);
    }
    if (updates.structure) {
        m_structureView->setStructure(*updates.structure);
        m_normHistogram->setStructure(*updates.structure);
    }
    if (updates.filters)
        m_filterGrid->setFilters(*updates.filters);
    for (const core::EpochMetrics &epoch : updates.epochs) {
        m_epochModel->append(epoch);
        m_plot->appendEpoch(epoch.epoch, epoch.trainAccuracy, epoch.testAccuracy);
        QString line = tr("epoch %1/%2: loss %3 · train %4")
                           .arg(epoch.epoch)
                           .arg(m_epochsPlanned)
                           .arg(epoch.loss, 0, 'f', 4)
                           .arg(percent(epoch.trainAccuracy));
        if (epoch.testAccuracy >= 0.0)
            line += tr(" · test %1").arg(percent(epoch.testAccuracy));
        line += tr(" · %1 s").arg(epoch.seconds, 0, 'f', 1);
        appendLog(line);
        m_epochView->scrollToBottom();
        Q_EMIT epochFinished(epoch.epoch);
    }
    for (const std::string &message : updates.messages)
        appendLog(QString::fromStdString(message));
}

void TrainingPanel::onFinished(const core::TrainResult &result)
{
    setState(State::Idle);
    const std::vector<core::EpochMetrics> &epochs
        = result.epochs.empty() ? m_epochModel->epochs() : result.epochs;
    QString summary;
    if (result.status == core::TrainStatus::Completed) {
        summary = tr("Finished %1 in %2")
                      .arg(epochCount(static_cast<int>(epochs.size())),
                           widgets::EtaFormatter::duration(result.seconds));
        if (!epochs.empty() && epochs.back().testAccuracy >= 0.0)
            summary += tr(" — test accuracy %1").arg(percent(epochs.back().testAccuracy));
        else if (!epochs.empty())
            summary += tr(" — train accuracy %1").arg(percent(epochs.back().trainAccuracy));
        m_progressBar->setValue(kProgressSteps);
        m_progressBar->setFormat(tr("done · %1").arg(epochCount(static_cast<int>(epochs.size()))));
    } else {
        summary = tr("Stopped after %1").arg(epochCount(m_epochModel->rowCount()));
        if (!result.message.empty())
            summary += QStringLiteral(" (%1)").arg(QString::fromStdString(result.message));
        m_progressBar->setFormat(tr("stopped"));
    }
    m_statusLabel->setText(summary);
    appendLog(summary + tr(". Run folder: %1").arg(m_activeRunFolder));
    if (m_plot->isEmpty())
        updatePlaceholder();
    renewAutomaticRunFolder();
    Q_EMIT progressChanged(double(m_progressBar->value()) / kProgressSteps,
                           m_progressBar->format());
    Q_EMIT statusMessage(summary);
    Q_EMIT runFinished(result.status, summary);
}

void TrainingPanel::onFailed(const QString &message)
{
    setState(State::Idle);
    const QString summary = tr("Training failed: %1").arg(message);
    m_statusLabel->setText(summary);
    m_progressBar->setFormat(tr("failed"));
    appendLog(summary);
    if (m_plot->isEmpty())
        m_plot->setPlaceholderText(tr("Training failed — see the log below."));
    renewAutomaticRunFolder();
    Q_EMIT progressChanged(double(m_progressBar->value()) / kProgressSteps,
                           m_progressBar->format());
    Q_EMIT statusMessage(summary);
    // Report before announcing the end: with the default modal dialog the user reads the
    // problem first.
    m_errorReporter(tr("Training failed"), message);
    Q_EMIT runFinished(core::TrainStatus::Failed, summary);
}

void TrainingPanel::appendLog(const QString &line)
{
    m_log->appendPlainText(QStringLiteral("%1  %2").arg(
        QTime::currentTime().toString(QStringLiteral("HH:mm:ss")), line));
}

void TrainingPanel::updatePlaceholder()
{
    if (m_state != State::Idle || !m_plot->isEmpty())
        return;
    m_plot->setPlaceholderText(tr("Press Start to train %1 on %2")
                                   .arg(friendlyName(model()), friendlyName(trainingData())));
}

void TrainingPanel::renewAutomaticRunFolder()
{
    if (runFolder().isEmpty() || runFolder() == m_automaticRunFolder) {
        m_automaticRunFolder = defaultRunFolder();
        m_runFolderEdit->setText(m_automaticRunFolder);
    }
}

} // namespace sparsescope::app
