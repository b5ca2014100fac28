// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsescope/core/training/TrainConfig.h"

#include <QString>
#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QGroupBox;
class QLineEdit;
class QSpinBox;

namespace sparsescope::app {

/// The training form: model, training and test data (each with a browse button), epochs, batch
/// size, learning rate, limit and run folder. Reads into and shows a core::TrainConfig; the
/// strengths and the update rule are the panel's (its strength editor).
class TrainingForm : public QWidget
{
    Q_OBJECT

public:
    explicit TrainingForm(QWidget *parent = nullptr);

    /// `base` with the form's fields: model, data, test data, epochs, batch size, learning rate,
    /// limit.
    core::TrainConfig fill(core::TrainConfig base) const;
    /// Shows those fields of `config`.
    void showConfig(const core::TrainConfig &config);

    QString model() const;
    void setModel(const QString &reference);
    QString trainingData() const;
    void setTrainingData(const QString &spec);
    QString testData() const;
    void setTestData(const QString &spec);
    int epochs() const;
    void setEpochs(int epochs);
    void setBatchSize(int batchSize);
    void setLearningRate(double learningRate);
    /// Training samples to use; 0 means all.
    void setLimit(int limit);
    QString runFolder() const;
    void setRunFolder(const QString &directory);
    /// Puts a fresh defaultRunFolder() into the field unless the user typed or chose their own.
    void renewAutomaticRunFolder();
    /// Off while a run goes on.
    void setEditable(bool editable);

    /// Asks for a model file (run folder model.pt, LibTorch archive or TorchScript) and selects
    /// it; returns the path or an empty string when cancelled.
    QString browseModel();
    /// Asks for a dataset file and puts its spec into the training (or test) data field;
    /// returns the spec or an empty string when cancelled.
    QString browseTrainingData();
    QString browseTestData();

    /// The dataset spec for a chosen file: IDX images (labels found beside them) become
    /// `idx:IMAGES,LABELS`, CIFAR-10 batch files `cifar10:DIR[:test]`, anything else stays a path.
    static QString datasetSpecForFile(const QString &path);
    /// A fresh timestamped folder under QStandardPaths::AppLocalDataLocation/runs.
    static QString defaultRunFolder();
    /// The folder new runs go to: the parent of every defaultRunFolder().
    static QString runsRoot();

Q_SIGNALS:
    void modelChanged(const QString &reference);
    void trainingDataChanged(const QString &spec);
    /// Return pressed in the run folder field.
    void runFolderEntered();

private:
    QString chooseDatasetSpec(const QString &title);

    QString m_automaticRunFolder;
    QGroupBox *m_dataGroup = nullptr;
    QGroupBox *m_trainingGroup = nullptr;
    QGroupBox *m_outputGroup = nullptr;
    QComboBox *m_modelCombo = nullptr;
    QComboBox *m_trainDataCombo = nullptr;
    QComboBox *m_testDataCombo = nullptr;
    QSpinBox *m_epochsSpin = nullptr;
    QSpinBox *m_batchSizeSpin = nullptr;
    QDoubleSpinBox *m_learningRateSpin = nullptr;
    QSpinBox *m_limitSpin = nullptr;
    QLineEdit *m_runFolderEdit = nullptr;
};

} // namespace sparsescope::app
