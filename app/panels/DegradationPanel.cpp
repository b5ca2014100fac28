// SPDX-License-Identifier: GPL-3.0-or-later
#include "panels/DegradationPanel.h"

#include "sparsescope/core/Error.h"
#include "sparsescope/core/data/Dataset.h"
#include "sparsescope/core/degradations/AmplitudeSpectrum.h"
#include "sparsescope/core/degradations/DegradationBatch.h"
#include "sparsescope/core/degradations/ImageFile.h"
#include "sparsescope/widgets/ImageView.h"
#include "sparsescope/widgets/LevelSlider.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QMimeData>
#include <QPainter>
#include <QPdfWriter>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QSplitter>
#include <QSvgGenerator>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <array>
#include <cmath>

namespace sparsescope::app {

namespace {
const QString kDegradationSettingsGroup = QStringLiteral("degradations/");
constexpr int kGridColumns = 5;

bool isImageFile(const QString &path)
{
    static const QStringList suffixes
        = {QStringLiteral("png"), QStringLiteral("jpg"), QStringLiteral("jpeg"),
           QStringLiteral("bmp"), QStringLiteral("tif"), QStringLiteral("tiff"),
           QStringLiteral("ppm"), QStringLiteral("pgm"), QStringLiteral("webp")};
    return suffixes.contains(QFileInfo(path).suffix().toLower());
}

QString levelText(const core::DegradationInfo &info, double level)
{
    return QString::fromStdString(core::DegradationRegistry::levelLabel(info, level));
}
} // namespace

DegradationPanel::DegradationPanel(QWidget *parent)
    : QWidget(parent)
    , m_worker(new DegradationWorker(this))
    , m_loader(new JobController(QStringLiteral("dataset-loader"), this))
    , m_reportError([this](const QString &title, const QString &message) {
        QMessageBox::critical(this, title, message);
    })
{
    setObjectName(QStringLiteral("degradationPanel"));
    setAcceptDrops(true);
    buildUi();
    connect(
        m_worker, &DegradationWorker::rendered, this,
        [this](quint64 id, const QImage &image, const QImage &spectrum, double ms) {
            if (id != m_requestId)
                return; // an older position of the slider
            m_degradedView->setImage(image);
            m_degradedView->setCaption(tr("%1 · %2").arg(
                type(), levelText(core::DegradationRegistry::info(type().toStdString()), level())));
            m_spectrumView->setImage(spectrum);
            const auto &info = core::DegradationRegistry::info(type().toStdString());
            m_infoLabel->setText(tr("%1\n%2 · rendered in %3 ms")
                                     .arg(QString::fromStdString(info.description),
                                          QString::fromStdString(info.parameter))
                                     .arg(ms, 0, 'f', 1));
            Q_EMIT rendered();
        });
    connect(m_worker, &DegradationWorker::tileRendered, this,
            [this](quint64 id, int index, const QString &name, double tileLevel,
                   const QImage &image, const QString &note) {
                if (id != m_requestId || index < 0 || index >= int(m_tiles.size()))
                    return;
                widgets::ImageView *tile = m_tiles[std::size_t(index)];
                tile->setImage(image);
                if (!name.isEmpty())
                    tile->setCaption(tr("%1 · %2").arg(
                        name,
                        levelText(core::DegradationRegistry::info(name.toStdString()), tileLevel)));
                else {
                    tile->setCaption(note.section(QLatin1Char(':'), 0, 0));
                    tile->setPlaceholderText(note.section(QLatin1Char(':'), 1).trimmed());
                    tile->setToolTip(note);
                }
                if (++m_renderedTiles == int(m_tiles.size()))
                    Q_EMIT gridRendered();
            });
    connect(m_loader, &JobController::failed, this, [this](const QString &message) {
        const bool stale = m_loadGeneration != m_sourceGeneration;
        if (!stale) {
            m_originalView->setPlaceholderText(
                m_quietLoad ? tr("%1\nOpen an image or choose a dataset above.").arg(message)
                            : message);
            if (!m_quietLoad)
                m_reportError(tr("Show sample"), message);
            Q_EMIT sampleFailed(message);
        }
        startPendingSample();
    });
    connect(m_loader, &JobController::finished, this, &DegradationPanel::startPendingSample);
    connect(m_worker, &DegradationWorker::failed, this, [this](quint64 id, const QString &message) {
        if (id != m_requestId)
            return;
        m_degradedView->clear();
        m_degradedView->setPlaceholderText(message);
        m_infoLabel->setText(message);
        Q_EMIT failed(message);
    });
    // Slider moves are coalesced on the GUI side too: at most one request per 30 ms.
    m_renderTimer = new QTimer(this);
    m_renderTimer->setSingleShot(true);
    m_renderTimer->setInterval(30);
    connect(m_renderTimer, &QTimer::timeout, this, &DegradationPanel::render);
    restoreSettings();
    onTypeChanged();
}

DegradationPanel::~DegradationPanel()
{
    saveSettings();
}

void DegradationPanel::buildUi()
{
    auto *sourceBox = new QGroupBox(tr("Image"));
    auto *sourceForm = new QFormLayout(sourceBox);
    m_fileEdit = new QLineEdit;
    m_fileEdit->setObjectName(QStringLiteral("imageFileEdit"));
    m_fileEdit->setPlaceholderText(tr("an image file (drop one here)"));
    connect(m_fileEdit, &QLineEdit::returnPressed, this,
            [this] { openImage(m_fileEdit->text().trimmed()); });
    auto *browse = new QToolButton;
    browse->setText(QStringLiteral("…"));
    connect(browse, &QToolButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Open image"), QFileInfo(m_fileEdit->text()).absolutePath(),
            tr("Images (*.png *.jpg *.jpeg *.bmp *.tif *.tiff *.ppm *.pgm);;All files (*)"));
        if (!path.isEmpty())
            openImage(path);
    });
    auto *fileRow = new QHBoxLayout;
    fileRow->addWidget(m_fileEdit, 1);
    fileRow->addWidget(browse);
    // A layout has no focus to give: the labels' mnemonics go to the first field of the row.
    auto *fileLabel = new QLabel(tr("&File:"));
    fileLabel->setBuddy(m_fileEdit);
    sourceForm->addRow(fileLabel, fileRow);
    m_datasetEdit = new QLineEdit(QStringLiteral("fashion-mnist:test"));
    m_datasetEdit->setObjectName(QStringLiteral("datasetEdit"));
    m_indexSpin = new QSpinBox;
    m_indexSpin->setObjectName(QStringLiteral("sampleSpin"));
    m_indexSpin->setRange(0, 10000000);
    m_indexSpin->setPrefix(tr("#"));
    auto *pick = new QPushButton(tr("&Show"));
    pick->setObjectName(QStringLiteral("showSampleButton"));
    connect(pick, &QPushButton::clicked, this,
            [this] { openDatasetSample(m_datasetEdit->text().trimmed(), m_indexSpin->value()); });
    auto *datasetRow = new QHBoxLayout;
    datasetRow->addWidget(m_datasetEdit, 1);
    datasetRow->addWidget(m_indexSpin);
    datasetRow->addWidget(pick);
    auto *datasetLabel = new QLabel(tr("or &dataset:"));
    datasetLabel->setBuddy(m_datasetEdit);
    sourceForm->addRow(datasetLabel, datasetRow);

    auto *degradationBox = new QGroupBox(tr("Degradation"));
    auto *form = new QFormLayout(degradationBox);
    m_typeCombo = new QComboBox;
    m_typeCombo->setObjectName(QStringLiteral("typeCombo"));
    for (const auto &info : core::DegradationRegistry::entries()) {
        m_typeCombo->addItem(QString::fromStdString(info.name));
        m_typeCombo->setItemData(m_typeCombo->count() - 1, QString::fromStdString(info.description),
                                 Qt::ToolTipRole);
    }
    form->addRow(tr("&Type:"), m_typeCombo);
    m_slider = new widgets::LevelSlider;
    m_slider->setObjectName(QStringLiteral("levelSlider"));
    m_slider->setToolTip(tr("Severity; ticks mark the paper's levels"));
    form->addRow(tr("&Severity:"), m_slider);
    m_levelSpin = new QDoubleSpinBox;
    m_levelSpin->setObjectName(QStringLiteral("levelSpin"));
    m_levelSpin->setDecimals(3);
    m_levelSpin->setKeyboardTracking(false);
    m_seedSpin = new QSpinBox;
    m_seedSpin->setObjectName(QStringLiteral("seedSpin"));
    m_seedSpin->setRange(0, 2147483647);
    m_seedSpin->setToolTip(tr("numpy RandomState seed of the noise (the reference's stimuli: 42 "
                              "for the noises, 0 otherwise)"));
    auto *levelRow = new QHBoxLayout;
    levelRow->addWidget(m_levelSpin, 1);
    levelRow->addWidget(new QLabel(tr("seed")));
    levelRow->addWidget(m_seedSpin, 1);
    auto *levelLabel = new QLabel(tr("&Level:"));
    levelLabel->setBuddy(m_levelSpin);
    form->addRow(levelLabel, levelRow);
    m_spectrumEdit = new QLineEdit;
    m_spectrumEdit->setObjectName(QStringLiteral("spectrumEdit"));
    m_spectrumEdit->setPlaceholderText(tr("power equalisation target (.npy); default: the "
                                          "dataset's mean"));
    connect(m_spectrumEdit, &QLineEdit::editingFinished, this,
            [this] { setSpectrumFile(m_spectrumEdit->text().trimmed()); });
    form->addRow(tr("Spectr&um:"), m_spectrumEdit);
    m_gridCheck = new QCheckBox(tr("&Grid of all types"));
    m_gridCheck->setObjectName(QStringLiteral("gridCheck"));
    m_gridCheck->setChecked(true);
    m_spectrumCheck = new QCheckBox(tr("&Amplitude spectrum"));
    m_spectrumCheck->setObjectName(QStringLiteral("spectrumCheck"));
    auto *checks = new QHBoxLayout;
    checks->addWidget(m_gridCheck);
    checks->addWidget(m_spectrumCheck);
    form->addRow(QString(), checks);
    auto *save = new QPushButton(tr("Save &image…"));
    save->setObjectName(QStringLiteral("saveImageButton"));
    connect(save, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Save degraded image"), QStringLiteral("degraded.png"),
            tr("8-bit PNG (*.png);;32-bit float TIFF (*.tiff)"));
        if (!path.isEmpty())
            saveDegraded(path);
    });
    auto *grid = new QPushButton(tr("Export g&rid…"));
    grid->setObjectName(QStringLiteral("exportGridButton"));
    connect(grid, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export grid"), QStringLiteral("degradations.png"),
            tr("PNG (*.png);;PDF (*.pdf);;SVG (*.svg)"));
        if (!path.isEmpty())
            exportGrid(path);
    });
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(save);
    buttons->addWidget(grid);
    m_infoLabel = new QLabel(tr("Open an image or show a dataset sample."));
    m_infoLabel->setObjectName(QStringLiteral("degradationInfo"));
    m_infoLabel->setWordWrap(true);

    auto *left = new QWidget;
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(sourceBox);
    leftLayout->addWidget(degradationBox);
    leftLayout->addLayout(buttons);
    leftLayout->addWidget(m_infoLabel);
    leftLayout->addStretch(1);

    m_originalView = new widgets::ImageView;
    m_originalView->setObjectName(QStringLiteral("originalView"));
    m_originalView->setPlaceholderText(tr("Drop an image here"));
    m_degradedView = new widgets::ImageView;
    m_degradedView->setObjectName(QStringLiteral("degradedView"));
    m_spectrumView = new widgets::ImageView;
    m_spectrumView->setObjectName(QStringLiteral("spectrumView"));
    m_spectrumView->setCaption(tr("log amplitude spectrum"));
    m_spectrumView->setVisible(false);
    // Double-click or the context menu shows the pair (and spectrum) at their actual pixels,
    // all three together.
    const std::array<widgets::ImageView *, 3> pairViews {m_originalView, m_degradedView,
                                                         m_spectrumView};
    for (widgets::ImageView *view : pairViews) {
        view->setZoomSwitchable(true);
        view->setToolTip(tr("Double-click: actual pixels (1:1) or fit to the view"));
        connect(view, &widgets::ImageView::zoomChanged, this,
                [pairViews](widgets::ImageView::Zoom zoom) {
                    for (widgets::ImageView *other : pairViews)
                        other->setZoom(zoom);
                });
    }
    auto *pair = new QWidget;
    auto *pairLayout = new QHBoxLayout(pair);
    pairLayout->setContentsMargins(0, 0, 0, 0);
    pairLayout->addWidget(m_originalView);
    pairLayout->addWidget(m_degradedView);
    pairLayout->addWidget(m_spectrumView);
    m_gridWidget = new QWidget;
    m_gridWidget->setObjectName(QStringLiteral("degradationGrid"));
    m_gridWidget->setAutoFillBackground(true);
    auto *gridLayout = new QGridLayout(m_gridWidget);
    gridLayout->setSpacing(4);
    const auto &entries = core::DegradationRegistry::entries();
    for (std::size_t i = 0; i < entries.size(); ++i) {
        auto *tile = new widgets::ImageView;
        tile->setCaption(QString::fromStdString(entries[i].name));
        m_tiles.push_back(tile);
        gridLayout->addWidget(tile, int(i) / kGridColumns, int(i) % kGridColumns);
    }
    auto *right = new QSplitter(Qt::Vertical);
    right->addWidget(pair);
    right->addWidget(m_gridWidget);
    right->setStretchFactor(0, 1);
    right->setStretchFactor(1, 1);

    auto *splitter = new QSplitter(Qt::Horizontal);
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter);

    connect(m_typeCombo, &QComboBox::currentIndexChanged, this, &DegradationPanel::onTypeChanged);
    connect(m_slider, &widgets::LevelSlider::levelChanged, this, [this](double value) {
        const QSignalBlocker block(m_levelSpin);
        m_levelSpin->setValue(value);
        scheduleRender();
    });
    connect(m_levelSpin, &QDoubleSpinBox::valueChanged, this, &DegradationPanel::onLevelEdited);
    connect(m_seedSpin, &QSpinBox::valueChanged, this, &DegradationPanel::scheduleRender);
    connect(m_gridCheck, &QCheckBox::toggled, this, [this](bool on) {
        m_gridWidget->setVisible(on);
        scheduleRender();
    });
    connect(m_spectrumCheck, &QCheckBox::toggled, this, [this](bool on) {
        m_spectrumView->setVisible(on);
        scheduleRender();
    });
}

void DegradationPanel::onTypeChanged()
{
    const core::DegradationInfo &info = core::DegradationRegistry::info(type().toStdString());
    QVector<double> marks;
    QStringList labels;
    double low = std::numeric_limits<double>::infinity();
    double high = -low;
    bool finite = true;
    for (std::size_t i = 0; i < info.levels.size(); ++i) {
        marks << info.levels[i];
        labels << QString::fromStdString(info.labels[i]);
        if (!std::isfinite(info.levels[i]))
            finite = false;
        else {
            low = std::min(low, info.levels[i]);
            high = std::max(high, info.levels[i]);
        }
    }
    const QSignalBlocker blockSlider(m_slider);
    const QSignalBlocker blockSpin(m_levelSpin);
    const bool discrete = !info.continuous || !finite || marks.size() < 3;
    // Ranges over two decades (contrast 1 … 0.01) are easier to steer logarithmically.
    m_slider->setRange(low, high, low > 0.0 && high / low >= 20.0);
    m_slider->setMarks(marks, labels);
    m_slider->setDiscrete(discrete);
    m_levelSpin->setRange(info.minimum, std::isfinite(info.maximum) ? info.maximum : 1e9);
    m_levelSpin->setSpecialValueText(QString());
    m_levelSpin->setEnabled(!discrete);
    m_levelSpin->setToolTip(QString::fromStdString(info.parameter));
    m_seedSpin->setEnabled(info.random);
    m_seedSpin->setValue(int(info.defaultSeed));
    // Start at the most degraded paper level but one: a visible, typical effect.
    const double start = marks.isEmpty() ? info.minimum : marks[std::max(0, int(marks.size()) - 2)];
    m_slider->setLevel(start);
    m_levelSpin->setValue(std::isfinite(start) ? start : 1e9);
    m_spectrumEdit->setEnabled(info.needsSpectrum);
    scheduleRender();
}

void DegradationPanel::onLevelEdited(double value)
{
    const QSignalBlocker block(m_slider);
    m_slider->setLevel(value);
    scheduleRender();
}

void DegradationPanel::scheduleRender()
{
    if (!m_renderTimer->isActive())
        m_renderTimer->start();
}

double DegradationPanel::severityRank() const
{
    const core::DegradationInfo &info = core::DegradationRegistry::info(type().toStdString());
    const int n = int(info.levels.size());
    if (n < 2)
        return 0.0;
    // The index of the nearest paper level, as a fraction of the list.
    const double current = level();
    int best = 0;
    for (int i = 1; i < n; ++i)
        if (std::abs(info.levels[std::size_t(i)] - current)
            < std::abs(info.levels[std::size_t(best)] - current))
            best = i;
    return double(best) / double(n - 1);
}

void DegradationPanel::render()
{
    if (!m_image)
        return;
    DegradationRequest request;
    request.image = m_image;
    request.type = type().toStdString();
    request.level = level();
    request.seed = std::uint32_t(m_seedSpin->value());
    request.spectrum = m_fileSpectrum ? m_fileSpectrum : m_imageSpectrum;
    request.grid = m_gridCheck->isChecked();
    request.rank = severityRank();
    request.amplitudeSpectrum = m_spectrumCheck->isChecked();
    request.id = ++m_requestId;
    m_renderedTiles = 0;
    m_worker->requestRender(request);
}

void DegradationPanel::updateSpectrumForImage()
{
    m_imageSpectrum.reset();
    if (!m_image)
        return;
    try {
        // An image file's own spectrum (a dataset sample gets its dataset's mean spectrum
        // with the sample, in openDatasetSample).
        m_imageSpectrum = std::make_shared<const core::AmplitudeSpectrum>(
            core::AmplitudeSpectrum::ofImage(*m_image));
    } catch (const std::exception &) {
        m_imageSpectrum.reset(); // power equalisation then reports the missing spectrum
    }
}

bool DegradationPanel::openImage(const QString &path)
{
    m_autoSampleTried = true;
    try {
        auto image = std::make_shared<core::FloatImage>(core::ImageFile::read(path.toStdString()));
        m_image = std::move(image);
    } catch (const std::exception &error) {
        m_reportError(tr("Open image"), QString::fromStdString(error.what()));
        return false;
    }
    ++m_sourceGeneration; // a sample still loading is dropped when it arrives
    m_pendingSample.reset();
    m_fileEdit->setText(path);
    m_imageDataset.clear();
    updateSpectrumForImage();
    m_originalView->setImage(DegradationWorker::toQImage(*m_image));
    m_originalView->setCaption(tr("original · %1 × %2").arg(m_image->width).arg(m_image->height));
    render();
    return true;
}

bool DegradationPanel::openDatasetSample(const QString &spec, int index)
{
    return loadSample(spec, index, false);
}

void DegradationPanel::startPendingSample()
{
    if (!m_pendingSample || m_loader->isRunning())
        return;
    const auto [spec, index] = *m_pendingSample;
    m_pendingSample.reset();
    loadSample(spec, index, false);
}

void DegradationPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    // The first show presents the embedded default (fashion-mnist:test #0) unless the user or
    // a workspace chose something already.
    if (m_autoSampleTried)
        return;
    m_autoSampleTried = true;
    if (!hasImage() && m_fileEdit->text().trimmed().isEmpty() && !m_loader->isRunning())
        loadSample(m_datasetEdit->text().trimmed(), m_indexSpin->value(), true);
}

bool DegradationPanel::loadSample(const QString &spec, int index, bool quiet)
{
    m_autoSampleTried = true;
    const quint64 generation = ++m_sourceGeneration;
    if (m_loader->isRunning()) {
        // One load at a time: this one follows, the running one is dropped when it arrives.
        m_pendingSample = std::make_pair(spec, index);
        m_loader->stop();
        return true;
    }
    m_loadGeneration = generation;
    m_quietLoad = quiet;
    struct Loaded
    {
        std::shared_ptr<core::Dataset> data;
        std::shared_ptr<const core::FloatImage> image;
        std::shared_ptr<const core::AmplitudeSpectrum> spectrum;
    };
    const auto cached = m_datasets.find(spec);
    std::shared_ptr<core::Dataset> known = cached == m_datasets.end() ? nullptr : cached->second;
    const std::string name = spec.toStdString();
    const bool started = m_loader->run(
        [name, index, known](core::JobObserver &observer, std::stop_token) {
            Loaded loaded;
            loaded.data = known;
            if (!loaded.data) {
                observer.onMessage("reading " + name);
                loaded.data = std::make_shared<core::Dataset>(core::Dataset::fromSpec(name));
            }
            const core::Dataset &data = *loaded.data;
            if (index < 0 || std::size_t(index) >= data.size())
                throw core::Error(name,
                                  "sample " + std::to_string(index)
                                      + " does not exist (the dataset has "
                                      + std::to_string(data.size()) + ")");
            loaded.image = std::make_shared<const core::FloatImage>(
                core::DegradationBatch::sample(data, std::size_t(index)));
            try {
                // The reference equalises to the mean spectrum of its stimulus set: here the
                // mean of the dataset's first 200 images.
                loaded.spectrum = std::make_shared<const core::AmplitudeSpectrum>(
                    core::AmplitudeSpectrum::mean(data.first(200)));
            } catch (const std::exception &) {
                // power equalisation then reports the missing spectrum
            }
            return loaded;
        },
        [this, spec, index, generation](Loaded loaded) {
            m_datasets[spec] = loaded.data;
            if (generation != m_sourceGeneration)
                return; // another image or sample was chosen meanwhile
            m_image = loaded.image;
            m_imageSpectrum = loaded.spectrum;
            m_imageDataset = spec;
            m_datasetEdit->setText(spec);
            m_indexSpin->setValue(index);
            m_originalView->setImage(DegradationWorker::toQImage(*m_image));
            m_originalView->setCaption(tr("%1 #%2 · %3 × %4")
                                           .arg(spec)
                                           .arg(index)
                                           .arg(m_image->width)
                                           .arg(m_image->height));
            render();
            Q_EMIT sampleShown();
        });
    if (started)
        m_originalView->setPlaceholderText(tr("Reading %1…").arg(spec));
    return started;
}

void DegradationPanel::setType(const QString &name)
{
    const int index = m_typeCombo->findText(name);
    if (index >= 0)
        m_typeCombo->setCurrentIndex(index);
}

QString DegradationPanel::type() const
{
    return m_typeCombo->currentText();
}

void DegradationPanel::setLevel(double value)
{
    if (m_slider->isDiscrete())
        m_slider->setLevel(value);
    else
        m_levelSpin->setValue(value);
}

double DegradationPanel::level() const
{
    return m_slider->isDiscrete() ? m_slider->level() : m_levelSpin->value();
}

void DegradationPanel::setSeed(int seed)
{
    m_seedSpin->setValue(seed);
}

void DegradationPanel::setGridVisible(bool visible)
{
    m_gridCheck->setChecked(visible);
}

void DegradationPanel::setSpectrumVisible(bool visible)
{
    m_spectrumCheck->setChecked(visible);
}

bool DegradationPanel::setSpectrumFile(const QString &path)
{
    if (path.isEmpty()) {
        m_fileSpectrum.reset();
        scheduleRender();
        return true;
    }
    try {
        m_fileSpectrum = std::make_shared<const core::AmplitudeSpectrum>(
            core::AmplitudeSpectrum::load(path.toStdString()));
    } catch (const std::exception &error) {
        m_reportError(tr("Spectrum"), QString::fromStdString(error.what()));
        return false;
    }
    m_spectrumEdit->setText(path);
    scheduleRender();
    return true;
}

void DegradationPanel::setErrorReporter(ErrorReporter reporter)
{
    m_reportError = std::move(reporter);
}

const QImage &DegradationPanel::degradedImage() const
{
    return m_degradedView->image();
}

QStringList DegradationPanel::gridCaptions() const
{
    QStringList captions;
    for (const widgets::ImageView *tile : m_tiles)
        captions << tile->caption();
    return captions;
}

bool DegradationPanel::saveDegraded(const QString &path)
{
    if (!m_image) {
        m_reportError(tr("Save image"), tr("Open an image first."));
        return false;
    }
    try {
        core::DegradationSettings settings;
        settings.level = level();
        settings.seed = std::uint32_t(m_seedSpin->value());
        settings.spectrum = m_fileSpectrum ? m_fileSpectrum : m_imageSpectrum;
        const core::FloatImage out
            = core::DegradationRegistry::apply(type().toStdString(), *m_image, settings);
        const QString suffix = QFileInfo(path).suffix().toLower();
        if (suffix == QLatin1String("tif") || suffix == QLatin1String("tiff"))
            core::ImageFile::writeFloatTiff(path.toStdString(), out);
        else
            core::ImageFile::write(path.toStdString(), out);
    } catch (const std::exception &error) {
        m_reportError(tr("Save image"), QString::fromStdString(error.what()));
        return false;
    }
    return true;
}

bool DegradationPanel::exportGrid(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    const QSize size = m_gridWidget->size().isValid() && m_gridWidget->width() > 50
        ? m_gridWidget->size()
        : QSize(1000, 600);
    if (m_gridWidget->size() != size)
        m_gridWidget->resize(size);
    bool ok = false;
    if (suffix == QLatin1String("png")) {
        QImage image(size * 2, QImage::Format_RGB32);
        image.setDevicePixelRatio(2.0);
        image.fill(Qt::white);
        QPainter painter(&image);
        m_gridWidget->render(&painter);
        painter.end();
        ok = image.save(path);
    } else if (suffix == QLatin1String("pdf")) {
        QPdfWriter writer(path);
        writer.setPageSize(QPageSize(QSizeF(size), QPageSize::Point));
        writer.setPageMargins(QMarginsF(0, 0, 0, 0));
        writer.setResolution(72);
        QPainter painter;
        ok = painter.begin(&writer);
        if (ok) {
            m_gridWidget->render(&painter);
            ok = painter.end();
        }
    } else if (suffix == QLatin1String("svg")) {
        QSvgGenerator generator;
        generator.setFileName(path);
        generator.setSize(size);
        generator.setViewBox(QRect(QPoint(0, 0), size));
        generator.setTitle(tr("Image degradations of Geirhos et al. (2018)"));
        QPainter painter;
        ok = painter.begin(&generator);
        if (ok) {
            m_gridWidget->render(&painter);
            ok = painter.end();
        }
    }
    ok = ok && QFileInfo(path).size() > 0;
    if (!ok)
        m_reportError(tr("Export grid"),
                      tr("%1: cannot write the file (PNG, PDF or SVG)").arg(path));
    return ok;
}

void DegradationPanel::dragEnterEvent(QDragEnterEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.size() == 1 && urls.first().isLocalFile() && isImageFile(urls.first().toLocalFile()))
        event->acceptProposedAction();
}

void DegradationPanel::dropEvent(QDropEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.size() == 1 && urls.first().isLocalFile()) {
        event->acceptProposedAction();
        openImage(urls.first().toLocalFile());
    }
}

void DegradationPanel::restoreSettings()
{
    QSettings settings;
    const QString stored
        = settings.value(kDegradationSettingsGroup + QStringLiteral("type")).toString();
    if (!stored.isEmpty()) {
        const QSignalBlocker block(m_typeCombo);
        setType(stored);
    }
    m_datasetEdit->setText(
        settings.value(kDegradationSettingsGroup + QStringLiteral("dataset"), m_datasetEdit->text())
            .toString());
    m_gridCheck->setChecked(
        settings.value(kDegradationSettingsGroup + QStringLiteral("grid"), true).toBool());
    m_spectrumCheck->setChecked(
        settings.value(kDegradationSettingsGroup + QStringLiteral("spectrum"), false).toBool());
    m_originalView->setZoom(
        settings.value(kDegradationSettingsGroup + QStringLiteral("actualPixels"), false).toBool()
            ? widgets::ImageView::Zoom::ActualPixels
            : widgets::ImageView::Zoom::Fit);
}

void DegradationPanel::saveSettings() const
{
    QSettings settings;
    settings.setValue(kDegradationSettingsGroup + QStringLiteral("type"), type());
    settings.setValue(kDegradationSettingsGroup + QStringLiteral("dataset"), m_datasetEdit->text());
    settings.setValue(kDegradationSettingsGroup + QStringLiteral("grid"), m_gridCheck->isChecked());
    settings.setValue(kDegradationSettingsGroup + QStringLiteral("spectrum"),
                      m_spectrumCheck->isChecked());
    settings.setValue(kDegradationSettingsGroup + QStringLiteral("actualPixels"),
                      m_originalView->zoom() == widgets::ImageView::Zoom::ActualPixels);
}

} // namespace sparsescope::app
