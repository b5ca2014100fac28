// SPDX-License-Identifier: GPL-3.0-or-later
#include "panels/TrainingForm.h"

#include "sparsescope/core/models/ModelRegistry.h"

#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QRegularExpression>
#include <QSpinBox>
#include <QStandardPaths>
#include <QToolButton>
#include <QVBoxLayout>

#include <functional>

namespace sparsescope::app {

namespace {
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

TrainingForm::TrainingForm(QWidget *parent)
    : QWidget(parent)
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

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_dataGroup);
    layout->addWidget(m_trainingGroup);
    layout->addWidget(m_outputGroup);

    connect(m_modelCombo, &QComboBox::currentTextChanged, this,
            [this] { Q_EMIT modelChanged(model()); });
    connect(m_trainDataCombo, &QComboBox::currentTextChanged, this,
            [this] { Q_EMIT trainingDataChanged(trainingData()); });
    connect(m_runFolderEdit, &QLineEdit::returnPressed, this, &TrainingForm::runFolderEntered);
}

core::TrainConfig TrainingForm::fill(core::TrainConfig base) const
{
    base.model = model().toStdString();
    base.data = trainingData().toStdString();
    base.testData = testData().toStdString();
    base.epochs = m_epochsSpin->value();
    base.batchSize = m_batchSizeSpin->value();
    base.learningRate = m_learningRateSpin->value();
    base.limit = static_cast<std::size_t>(m_limitSpin->value());
    return base;
}

void TrainingForm::showConfig(const core::TrainConfig &config)
{
    setModel(QString::fromStdString(config.model));
    setTrainingData(QString::fromStdString(config.data));
    setTestData(QString::fromStdString(config.testData));
    setEpochs(config.epochs);
    setBatchSize(config.batchSize);
    setLearningRate(config.learningRate);
    setLimit(static_cast<int>(config.limit));
}

QString TrainingForm::model() const
{
    return m_modelCombo->currentText().trimmed();
}

void TrainingForm::setModel(const QString &reference)
{
    selectText(m_modelCombo, reference);
}

QString TrainingForm::trainingData() const
{
    return m_trainDataCombo->currentText().trimmed();
}

void TrainingForm::setTrainingData(const QString &spec)
{
    selectText(m_trainDataCombo, spec);
}

QString TrainingForm::testData() const
{
    return m_testDataCombo->currentText().trimmed();
}

void TrainingForm::setTestData(const QString &spec)
{
    selectText(m_testDataCombo, spec);
}

int TrainingForm::epochs() const
{
    return m_epochsSpin->value();
}

void TrainingForm::setEpochs(int epochs)
{
    m_epochsSpin->setValue(epochs);
}

void TrainingForm::setBatchSize(int batchSize)
{
    m_batchSizeSpin->setValue(batchSize);
}

void TrainingForm::setLearningRate(double learningRate)
{
    m_learningRateSpin->setValue(learningRate);
}

void TrainingForm::setLimit(int limit)
{
    m_limitSpin->setValue(limit);
}

QString TrainingForm::runFolder() const
{
    return m_runFolderEdit->text().trimmed();
}

void TrainingForm::setRunFolder(const QString &directory)
{
    m_runFolderEdit->setText(directory);
}

void TrainingForm::renewAutomaticRunFolder()
{
    if (runFolder().isEmpty() || runFolder() == m_automaticRunFolder) {
        m_automaticRunFolder = defaultRunFolder();
        m_runFolderEdit->setText(m_automaticRunFolder);
    }
}

void TrainingForm::setEditable(bool editable)
{
    for (QGroupBox *group : {m_dataGroup, m_trainingGroup, m_outputGroup})
        group->setEnabled(editable);
}

QString TrainingForm::browseModel()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open model"), QFileInfo(model()).absolutePath(),
        tr("Models (*.pt *.pth *.ptl *.torchscript);;All files (*)"));
    if (!path.isEmpty())
        setModel(path);
    return path;
}

QString TrainingForm::browseTrainingData()
{
    const QString spec = chooseDatasetSpec(tr("Open training data"));
    if (!spec.isEmpty())
        setTrainingData(spec);
    return spec;
}

QString TrainingForm::browseTestData()
{
    const QString spec = chooseDatasetSpec(tr("Open test data"));
    if (!spec.isEmpty())
        setTestData(spec);
    return spec;
}

QString TrainingForm::chooseDatasetSpec(const QString &title)
{
    const QString path = QFileDialog::getOpenFileName(
        this, title, QString(), tr("Datasets (*-ubyte *-ubyte.gz *.bin);;All files (*)"));
    return path.isEmpty() ? QString() : datasetSpecForFile(path);
}

QString TrainingForm::datasetSpecForFile(const QString &path)
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

QString TrainingForm::runsRoot()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation)
        + QStringLiteral("/runs");
}

QString TrainingForm::defaultRunFolder()
{
    const QDir runs(runsRoot());
    const QString stamp = QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    QString candidate = runs.filePath(stamp);
    for (int suffix = 2; QFileInfo::exists(candidate); ++suffix)
        candidate = runs.filePath(QStringLiteral("%1-%2").arg(stamp).arg(suffix));
    return candidate;
}

} // namespace sparsescope::app
