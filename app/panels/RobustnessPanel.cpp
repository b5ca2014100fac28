// SPDX-License-Identifier: GPL-3.0-or-later
#include "panels/RobustnessPanel.h"

#include "ModelTrust.h"
#include "WorkspaceTree.h"
#include "panels/TrainingForm.h"

#include "AppInfo.h"
#include "workers/AttackWorker.h"

#include "sparsescope/core/robustness/AttackRegistry.h"
#include "sparsescope/widgets/AdversarialView.h"
#include "sparsescope/widgets/DockArea.h"
#include "sparsescope/widgets/EtaFormatter.h"
#include "sparsescope/widgets/FigureExport.h"
#include "sparsescope/widgets/SeriesPlot.h"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSlider>
#include <QSpinBox>
#include <QSplitter>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

namespace sparsescope::app {

namespace {
// The live view's ε slider: 0 … 0.5 in steps of 0.005 (ℓ∞); ℓ2 attacks read it ×10.
constexpr int kSliderSteps = 100;
constexpr double kSliderStep = 0.005;

const QString kRobustnessSettingsGroup = QStringLiteral("robustness/");

QString fileName(const QString &reference)
{
    const QString trimmed = reference.endsWith(QLatin1Char('/')) ? reference.chopped(1) : reference;
    return trimmed.section(QLatin1Char('/'), -1);
}
} // namespace

RobustnessPanel::RobustnessPanel(QWidget *parent)
    : QWidget(parent)
    , m_curveWorker(new AttackWorker(QStringLiteral("attack-curves"), this))
    , m_exampleWorker(new AttackWorker(QStringLiteral("attack-example"), this))
    , m_reportError([this](const QString &title, const QString &message) {
        QMessageBox::critical(this, title, message);
    })
    , m_confirmer([this](const QString &title, const QString &question) {
        return QMessageBox::question(this, title, question) == QMessageBox::Yes;
    })
{
    setObjectName(QStringLiteral("robustnessPanel"));
    m_runsRoot = TrainingForm::runsRoot();
    buildUi();

    connect(m_curveWorker, &AttackWorker::progress, this, &RobustnessPanel::onProgress);
    connect(m_curveWorker, &AttackWorker::curveReady, this, &RobustnessPanel::onCurve);
    connect(m_curveWorker, &AttackWorker::curvesFinished, this, &RobustnessPanel::onFinished);
    connect(m_curveWorker, &AttackWorker::failed, this, &RobustnessPanel::onFailed);
    connect(m_exampleWorker, &AttackWorker::exampleReady, this,
            [this](const core::AdversarialExample &example, const QStringList &names) {
                m_exampleView->setExample(example, names);
                Q_EMIT exampleShown();
            });
    connect(m_exampleWorker, &AttackWorker::failed, this, [this](const QString &message) {
        m_exampleView->clear();
        Q_EMIT failed(message);
    });

    // Slider moves are coalesced: the worker sees at most one request per 60 ms.
    m_exampleTimer.setSingleShot(true);
    m_exampleTimer.setInterval(60);
    connect(&m_exampleTimer, &QTimer::timeout, this, &RobustnessPanel::requestExample);
    restoreSettings();
}

RobustnessPanel::~RobustnessPanel()
{
    saveSettings();
}

void RobustnessPanel::buildUi()
{
    auto *form = new QFormLayout;
    m_modelsEdit = new QLineEdit;
    m_modelsEdit->setObjectName(QStringLiteral("modelsEdit"));
    m_modelsEdit->setPlaceholderText(tr("run folders or model files, separated by ;"));
    m_modelsEdit->setToolTip(tr("Models to compare (run folders, .pt archives, TorchScript); the "
                                "first one drives the live view."));
    auto *addModel = new QToolButton;
    addModel->setText(QStringLiteral("…"));
    addModel->setToolTip(tr("Add a model file"));
    connect(addModel, &QToolButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Add model"), QString(),
                                                          tr("Models (*.pt *.pth);;All files (*)"));
        if (!path.isEmpty())
            setModels(models() << path);
    });
    m_offerButton = new QPushButton;
    m_offerButton->setObjectName(QStringLiteral("offerRunButton"));
    m_offerButton->setToolTip(tr("Compare the newest run of the training panel (your own run "
                                 "folder); the live view then loads its model"));
    m_offerButton->hide();
    connect(m_offerButton, &QPushButton::clicked, this, [this] {
        if (!m_offeredRun.isEmpty())
            setModels({m_offeredRun});
        updateOffer();
    });
    auto *modelsRow = new QHBoxLayout;
    modelsRow->addWidget(m_modelsEdit, 1);
    modelsRow->addWidget(addModel);
    modelsRow->addWidget(m_offerButton);
    form->addRow(tr("Models:"), modelsRow);
    m_dataEdit = new QLineEdit(QStringLiteral("fashion-mnist:test"));
    m_dataEdit->setObjectName(QStringLiteral("dataEdit"));
    form->addRow(tr("&Data:"), m_dataEdit);
    m_attackCombo = new QComboBox;
    m_attackCombo->setObjectName(QStringLiteral("attackCombo"));
    for (const auto &info : core::AttackRegistry::list())
        m_attackCombo->addItem(QString::fromStdString(info.name),
                               QString::fromStdString(info.norm));
    for (int i = 0; i < m_attackCombo->count(); ++i)
        m_attackCombo->setItemData(
            i, QString::fromStdString(core::AttackRegistry::list()[std::size_t(i)].description),
            Qt::ToolTipRole);
    form->addRow(tr("&Attack:"), m_attackCombo);
    m_epsilonEdit = new QLineEdit(QStringLiteral("0, 0.02, 0.05, 0.1, 0.15, 0.2"));
    m_epsilonEdit->setObjectName(QStringLiteral("epsilonEdit"));
    m_epsilonEdit->setToolTip(tr("Budgets of the accuracy curve (inputs in [0, 1])"));
    form->addRow(tr("&ε values:"), m_epsilonEdit);
    m_stepsSpin = new QSpinBox;
    m_stepsSpin->setObjectName(QStringLiteral("stepsSpin"));
    m_stepsSpin->setRange(0, 10000);
    m_stepsSpin->setSpecialValueText(tr("default"));
    form->addRow(tr("&Steps:"), m_stepsSpin);
    m_limitSpin = new QSpinBox;
    m_limitSpin->setObjectName(QStringLiteral("limitSpin"));
    m_limitSpin->setRange(1, 100000);
    m_limitSpin->setValue(500);
    form->addRow(tr("Sa&mples:"), m_limitSpin);

    m_runButton = new QPushButton(tr("&Run curves"));
    m_runButton->setObjectName(QStringLiteral("runButton"));
    m_runButton->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_stopButton = new QPushButton(tr("Sto&p"));
    m_stopButton->setObjectName(QStringLiteral("stopButton"));
    m_stopButton->setEnabled(false);
    connect(m_runButton, &QPushButton::clicked, this, &RobustnessPanel::runCurves);
    connect(m_stopButton, &QPushButton::clicked, this, &RobustnessPanel::stop);
    m_progress = new QProgressBar;
    m_progress->setObjectName(QStringLiteral("attackProgress"));
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_etaLabel = new QLabel;
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_runButton);
    buttons->addWidget(m_stopButton);
    buttons->addWidget(m_progress, 1);
    buttons->addWidget(m_etaLabel);

    auto *liveBox = new QGroupBox(tr("Live example"));
    auto *liveLayout = new QVBoxLayout(liveBox);
    auto *liveControls = new QHBoxLayout;
    m_indexSpin = new QSpinBox;
    m_indexSpin->setObjectName(QStringLiteral("indexSpin"));
    m_indexSpin->setRange(0, 1000000);
    m_indexSpin->setPrefix(tr("sample "));
    m_epsilonSlider = new QSlider(Qt::Horizontal);
    m_epsilonSlider->setObjectName(QStringLiteral("epsilonSlider"));
    m_epsilonSlider->setRange(0, kSliderSteps);
    m_epsilonSlider->setValue(20);
    m_epsilonLabel = new QLabel;
    m_epsilonLabel->setMinimumWidth(90);
    auto *saveImages = new QPushButton(tr("Save image…"));
    connect(saveImages, &QPushButton::clicked, this, [this] {
        if (!m_exampleView->hasExample())
            return;
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Save example"), QStringLiteral("adversarial.png"), tr("PNG image (*.png)"));
        if (!path.isEmpty() && !m_exampleView->render().save(path))
            m_reportError(tr("Save example"), tr("%1: cannot write the file").arg(path));
    });
    liveControls->addWidget(m_indexSpin);
    liveControls->addWidget(new QLabel(tr("ε")));
    liveControls->addWidget(m_epsilonSlider, 1);
    liveControls->addWidget(m_epsilonLabel);
    liveControls->addWidget(saveImages);
    m_exampleView = new widgets::AdversarialView;
    m_exampleView->setObjectName(QStringLiteral("adversarialView"));
    liveLayout->addLayout(liveControls);
    liveLayout->addWidget(m_exampleView, 1);
    connect(m_epsilonSlider, &QSlider::valueChanged, this, [this] {
        updateSliderLabel();
        m_exampleTimer.start();
    });
    connect(m_indexSpin, &QSpinBox::valueChanged, this, [this] { m_exampleTimer.start(); });
    connect(m_attackCombo, &QComboBox::currentIndexChanged, this, [this] {
        updateSliderLabel();
        m_exampleTimer.start();
    });
    connect(m_modelsEdit, &QLineEdit::editingFinished, this, [this] {
        m_exampleTimer.start();
        updateOffer();
    });
    connect(m_dataEdit, &QLineEdit::editingFinished, this, [this] { m_exampleTimer.start(); });

    m_curvePlot = new widgets::SeriesPlot;
    m_curvePlot->setObjectName(QStringLiteral("curvePlot"));
    m_curvePlot->setAxisLabels(tr("ε"), tr("adversarial accuracy"));
    m_curvePlot->setTitle(tr("Accuracy against ε"));
    m_curvePlot->setPlaceholderText(
        tr("Choose models (or use the newest run), then Run curves (Ctrl+R)"));
    m_sparsityPlot = new widgets::SeriesPlot;
    m_sparsityPlot->setObjectName(QStringLiteral("sparsityPlot"));
    m_sparsityPlot->setAxisLabels(tr("weight sparsity (%)"), tr("adversarial accuracy"));
    m_sparsityPlot->setTitle(tr("Robustness against sparsity"));
    m_sparsityPlot->setPlaceholderText(
        tr("Open a sweep's summary.csv (sparsescope-cli robustness-sweep)"));
    auto *sparsityPage = new QWidget;
    auto *sparsityLayout = new QVBoxLayout(sparsityPage);
    auto *sweepControls = new QHBoxLayout;
    auto *openSweepButton = new QPushButton(tr("Open sweep…"));
    openSweepButton->setObjectName(QStringLiteral("openSweepButton"));
    connect(openSweepButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open sweep summary"), QString(),
                                                          tr("Sweep summary (summary.csv *.csv)"));
        if (!path.isEmpty())
            openSweep(path);
    });
    m_sweepMetric = new QComboBox;
    m_sweepMetric->setObjectName(QStringLiteral("sweepMetric"));
    m_sweepMetric->addItem(tr("adversarial accuracy (ℓ∞ attacks)"), QStringLiteral("accuracy"));
    m_sweepMetric->addItem(tr("mean ρ₂ (DeepFool, C&W)"), QStringLiteral("rho"));
    m_sweepMetric->addItem(tr("clean accuracy"), QStringLiteral("clean"));
    connect(m_sweepMetric, &QComboBox::currentIndexChanged, this, &RobustnessPanel::drawSweep);
    m_sweepLabel = new QLabel;
    auto *clearSweepsButton = new QPushButton(tr("Clear"));
    clearSweepsButton->setObjectName(QStringLiteral("clearSweepsButton"));
    connect(clearSweepsButton, &QPushButton::clicked, this, &RobustnessPanel::clearSweeps);
    sweepControls->addWidget(openSweepButton);
    sweepControls->addWidget(clearSweepsButton);
    sweepControls->addWidget(m_sweepMetric);
    sweepControls->addWidget(m_sweepLabel, 1);
    sparsityLayout->addLayout(sweepControls);
    sparsityLayout->addWidget(m_sparsityPlot, 1);
    m_plots = new widgets::DockArea(QStringLiteral("robustnessPlots"));
    m_plots->addView(QStringLiteral("curve"), tr("Accuracy vs ε"), m_curvePlot);
    m_plots->addView(QStringLiteral("sparsity"), tr("Robustness vs sparsity"), sparsityPage);

    auto *left = new QWidget;
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->addLayout(form);
    leftLayout->addLayout(buttons);
    leftLayout->addWidget(liveBox, 1);
    auto *splitter = new QSplitter(Qt::Horizontal);
    splitter->addWidget(left);
    splitter->addWidget(m_plots);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);
    updateSliderLabel();
}

void RobustnessPanel::setModels(const QStringList &references)
{
    m_modelsEdit->setText(references.join(QStringLiteral("; ")));
    m_exampleTimer.start();
    updateOffer();
}

void RobustnessPanel::setRunsRoot(const QString &folder)
{
    m_runsRoot = folder;
    updateOffer();
}

QString RobustnessPanel::offeredRun() const
{
    return m_offeredRun;
}

void RobustnessPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    updateOffer();
}

void RobustnessPanel::updateOffer()
{
    // Offered, never loaded: a model runs only when the user picks it (issue 19.8).
    m_offeredRun.clear();
    if (models().isEmpty()) {
        const QFileInfoList runs = WorkspaceTree::recentRuns(m_runsRoot, 1);
        if (!runs.isEmpty())
            m_offeredRun = runs.first().absoluteFilePath();
    }
    m_offerButton->setVisible(!m_offeredRun.isEmpty());
    if (!m_offeredRun.isEmpty())
        m_offerButton->setText(
            tr("Use the newest run: %1").arg(QFileInfo(m_offeredRun).fileName()));
}

QStringList RobustnessPanel::models() const
{
    QStringList result;
    for (const QString &part : m_modelsEdit->text().split(QLatin1Char(';')))
        if (!part.trimmed().isEmpty())
            result << part.trimmed();
    return result;
}

void RobustnessPanel::setData(const QString &spec)
{
    m_dataEdit->setText(spec);
    m_exampleTimer.start();
}

void RobustnessPanel::setAttack(const QString &name)
{
    const int index = m_attackCombo->findText(name);
    if (index >= 0)
        m_attackCombo->setCurrentIndex(index);
}

QString RobustnessPanel::attack() const
{
    return m_attackCombo->currentText();
}

void RobustnessPanel::setEpsilons(const QString &list)
{
    m_epsilonEdit->setText(list);
}

void RobustnessPanel::setLimit(int samples)
{
    m_limitSpin->setValue(samples);
}

void RobustnessPanel::setExampleEpsilon(double epsilon)
{
    const bool l2 = m_attackCombo->currentData().toString() == QLatin1String("l2");
    m_epsilonSlider->setValue(int(std::lround(epsilon / (l2 ? 10.0 : 1.0) / kSliderStep)));
}

void RobustnessPanel::setExampleIndex(int index)
{
    m_indexSpin->setValue(index);
}

void RobustnessPanel::setConfirmer(Confirmer confirmer)
{
    m_confirmer = std::move(confirmer);
}

void RobustnessPanel::setErrorReporter(ErrorReporter reporter)
{
    m_reportError = std::move(reporter);
}

void RobustnessPanel::showPlot(const QString &name)
{
    m_plots->showView(name == QLatin1String("sparsity") ? name : QStringLiteral("curve"));
}

void RobustnessPanel::updateSliderLabel()
{
    const bool l2 = m_attackCombo->currentData().toString() == QLatin1String("l2");
    const double eps = m_epsilonSlider->value() * kSliderStep * (l2 ? 10.0 : 1.0);
    const bool minimal
        = !core::AttackRegistry::info(m_attackCombo->currentText().toStdString()).usesEpsilon;
    m_epsilonSlider->setEnabled(!minimal);
    m_epsilonLabel->setText(minimal ? tr("minimal")
                                    : QStringLiteral("%1 (%2)")
                                          .arg(eps, 0, 'f', 3)
                                          .arg(l2 ? QStringLiteral("ℓ2") : QStringLiteral("ℓ∞")));
}

void RobustnessPanel::requestExample()
{
    const QStringList list = models();
    if (list.isEmpty() || m_dataEdit->text().trimmed().isEmpty()) {
        m_exampleView->clear();
        return;
    }
    ExampleRequest request;
    // The example follows every setting: it loads only models that need no consent (a
    // TorchScript file with code is loaded once Run has asked, issue 19.8).
    if (!ModelTrust::isTrusted(list.front())) {
        m_exampleView->clear();
        return;
    }
    request.model = list.front();
    request.data = m_dataEdit->text().trimmed();
    request.index = std::size_t(m_indexSpin->value());
    request.attack = m_attackCombo->currentText();
    const bool l2 = m_attackCombo->currentData().toString() == QLatin1String("l2");
    request.settings.epsilon = m_epsilonSlider->value() * kSliderStep * (l2 ? 10.0 : 1.0);
    request.settings.steps = m_stepsSpin->value();
    m_exampleWorker->requestExample(request);
}

bool RobustnessPanel::runCurves()
{
    if (m_running)
        return false;
    CurveRequest request;
    request.models = models();
    request.data = m_dataEdit->text().trimmed();
    request.attack = m_attackCombo->currentText();
    request.limit = std::size_t(m_limitSpin->value());
    request.settings.steps = m_stepsSpin->value();
    if (request.models.isEmpty()) {
        m_reportError(tr("Attack"), tr("Choose at least one model (run folder or model file)."));
        return false;
    }
    for (const QString &model : request.models)
        if (!ModelTrust::confirm(model, m_confirmer))
            return false;
    const bool minimal = !core::AttackRegistry::info(request.attack.toStdString()).usesEpsilon;
    if (minimal) {
        request.epsilons = {0.0};
    } else {
        for (const QString &part : m_epsilonEdit->text().split(QLatin1Char(','))) {
            bool ok = false;
            const double value = part.trimmed().toDouble(&ok);
            if (!ok || value < 0.0) {
                m_reportError(tr("Attack"), tr("ε values: '%1' is not a number ≥ 0.").arg(part));
                return false;
            }
            request.epsilons.push_back(value);
        }
    }
    m_curvePlot->clearSeries();
    if (minimal)
        m_curvePlot->setAxisLabels(tr("model"), tr("adversarial accuracy"));
    else
        m_curvePlot->setAxisLabels(tr("ε"), tr("adversarial accuracy"));
    m_running = true;
    m_runButton->setEnabled(false);
    m_stopButton->setEnabled(true);
    m_progress->setValue(0);
    m_etaLabel->setText(tr("starting…"));
    m_clock.start();
    saveSettings();
    return m_curveWorker->startCurves(request);
}

void RobustnessPanel::stop()
{
    if (m_running)
        m_curveWorker->requestStop();
}

void RobustnessPanel::onProgress(qint64 done, qint64 total)
{
    if (total <= 0)
        return;
    const double fraction = double(done) / double(total);
    m_progress->setValue(int(std::lround(1000.0 * fraction)));
    const double elapsed = m_clock.elapsed() / 1000.0;
    m_etaLabel->setText(fraction > 0.0 ? tr("%1 left").arg(
                            widgets::EtaFormatter::duration(elapsed * (1.0 - fraction) / fraction))
                                       : QString());
}

void RobustnessPanel::onCurve(const QString &model, const QVector<double> &eps,
                              const QVector<double> &accuracy, double clean)
{
    Q_UNUSED(clean);
    QVector<double> x = eps;
    for (double &v : x)
        if (std::isnan(v))
            v = double(m_curvePlot->seriesCount()); // minimal attacks: one point per model
    m_curvePlot->setSeries(fileName(model), x, accuracy);
}

void RobustnessPanel::onFinished(bool cancelled)
{
    m_running = false;
    m_runButton->setEnabled(true);
    m_stopButton->setEnabled(false);
    m_etaLabel->setText(
        cancelled
            ? tr("stopped")
            : tr("done in %1").arg(widgets::EtaFormatter::duration(m_clock.elapsed() / 1000.0)));
    if (!cancelled)
        m_progress->setValue(m_progress->maximum());
    Q_EMIT curvesFinished(cancelled);
}

void RobustnessPanel::onFailed(const QString &message)
{
    m_running = false;
    m_runButton->setEnabled(true);
    m_stopButton->setEnabled(false);
    m_etaLabel->setText(tr("failed"));
    m_reportError(tr("Attack failed"), message);
    Q_EMIT failed(message);
}

bool RobustnessPanel::openSweep(const QString &path)
{
    std::vector<core::SweepRow> rows;
    try {
        rows = core::RobustnessSweep::readCsv(path.toStdString());
    } catch (const std::exception &e) {
        m_reportError(tr("Open sweep"), QString::fromStdString(e.what()));
        return false;
    }
    const QString label = QFileInfo(path).absoluteDir().dirName();
    auto same = std::find_if(m_sweeps.begin(), m_sweeps.end(),
                             [&label](const auto &sweep) { return sweep.first == label; });
    if (same != m_sweeps.end())
        same->second = std::move(rows);
    else
        m_sweeps.emplace_back(label, std::move(rows));
    QStringList labels;
    for (const auto &sweep : m_sweeps)
        labels << QStringLiteral("%1 (%2 rows)").arg(sweep.first).arg(sweep.second.size());
    m_sweepLabel->setText(labels.join(QStringLiteral(", ")));
    drawSweep();
    showPlot(QStringLiteral("sparsity"));
    return true;
}

void RobustnessPanel::clearSweeps()
{
    m_sweeps.clear();
    m_sweepLabel->clear();
    drawSweep();
}

void RobustnessPanel::drawSweep()
{
    m_sparsityPlot->clearSeries();
    const QString metric = m_sweepMetric->currentData().toString();
    m_sparsityPlot->setAxisLabels(tr("weight sparsity (%)"),
                                  metric == QLatin1String("rho") ? tr("mean ρ₂ = ‖r‖₂ / ‖x‖₂")
                                      : metric == QLatin1String("clean")
                                      ? tr("clean accuracy")
                                      : tr("adversarial accuracy"));
    // One series per (model series, attack, ε), points in sweep order.
    std::map<QString, std::pair<QVector<double>, QVector<double>>> series;
    std::vector<QString> order;
    for (const auto &[label, rows] : m_sweeps)
        for (const auto &row : rows) {
            // Several sweeps: every series is prefixed with its sweep's folder name.
            const QString prefix = m_sweeps.size() > 1 ? label + QStringLiteral(": ") : QString();
            const bool minimal = std::isnan(row.summary.epsilon);
            double value = 0.0;
            QString name;
            if (metric == QLatin1String("clean")) {
                name = prefix + QString::fromStdString(row.series);
                value = row.cleanAccuracy;
            } else if (metric == QLatin1String("rho")) {
                if (!minimal)
                    continue;
                name = prefix
                    + QStringLiteral("%1 %2").arg(QString::fromStdString(row.series),
                                                  QString::fromStdString(row.summary.attack));
                value = row.summary.meanRho2;
            } else {
                if (minimal)
                    continue;
                name = prefix
                    + QStringLiteral("%1 %2 ε=%3")
                          .arg(QString::fromStdString(row.series),
                               QString::fromStdString(row.summary.attack))
                          .arg(row.summary.epsilon);
                value = row.summary.adversarialAccuracy();
            }
            auto &points = series[name];
            if (metric == QLatin1String("clean") && !points.first.isEmpty()
                && points.first.back() == 100.0 * row.sparsity)
                continue; // one clean point per member
            if (points.first.isEmpty())
                order.push_back(name);
            points.first << 100.0 * row.sparsity;
            points.second << value;
        }
    for (const QString &name : order)
        m_sparsityPlot->setSeries(name, series[name].first, series[name].second);
}

void RobustnessPanel::saveSettings() const
{
    QSettings settings(organisationName(), applicationName());
    settings.setValue(kRobustnessSettingsGroup + QStringLiteral("models"), m_modelsEdit->text());
    settings.setValue(kRobustnessSettingsGroup + QStringLiteral("data"), m_dataEdit->text());
    settings.setValue(kRobustnessSettingsGroup + QStringLiteral("attack"),
                      m_attackCombo->currentText());
    settings.setValue(kRobustnessSettingsGroup + QStringLiteral("epsilons"), m_epsilonEdit->text());
    settings.setValue(kRobustnessSettingsGroup + QStringLiteral("limit"), m_limitSpin->value());
}

void RobustnessPanel::restoreSettings()
{
    QSettings settings(organisationName(), applicationName());
    if (settings.contains(kRobustnessSettingsGroup + QStringLiteral("data")))
        m_dataEdit->setText(
            settings.value(kRobustnessSettingsGroup + QStringLiteral("data")).toString());
    m_modelsEdit->setText(
        settings.value(kRobustnessSettingsGroup + QStringLiteral("models")).toString());
    setAttack(
        settings.value(kRobustnessSettingsGroup + QStringLiteral("attack"), QStringLiteral("fgsm"))
            .toString());
    if (settings.contains(kRobustnessSettingsGroup + QStringLiteral("epsilons")))
        m_epsilonEdit->setText(
            settings.value(kRobustnessSettingsGroup + QStringLiteral("epsilons")).toString());
    m_limitSpin->setValue(
        settings.value(kRobustnessSettingsGroup + QStringLiteral("limit"), 500).toInt());
}

bool RobustnessPanel::exportAll(const QString &directory)
{
    if (!QDir().mkpath(directory))
        return false;
    const QDir dir(directory);
    bool ok = true;
    for (const auto &[plot, stem] :
         {std::pair {m_curvePlot, QStringLiteral("accuracy-vs-epsilon")},
          std::pair {m_sparsityPlot, QStringLiteral("robustness-vs-sparsity")}}) {
        ok = widgets::FigureExport::saveFormats(
                 dir.filePath(stem),
                 [plot](const QString &path) { return plot->exportFigure(path); })
            && ok;
        ok = plot->exportCsv(dir.filePath(stem + QStringLiteral(".csv"))) && ok;
    }
    return ok;
}

} // namespace sparsescope::app
