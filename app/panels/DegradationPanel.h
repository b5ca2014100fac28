// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "controllers/JobController.h"
#include "workers/DegradationWorker.h"

#include <QString>
#include <QWidget>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <vector>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QGridLayout;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTimer;

namespace sparsescope::core {
class AmplitudeSpectrum;
class Dataset;
} // namespace sparsescope::core

namespace sparsescope::widgets {
class ImageView;
class LevelSlider;
} // namespace sparsescope::widgets

namespace sparsescope::app {

/// The twelve image degradations of Geirhos et al. (2018) (+ salt-and-pepper), issue 5: an image
/// (a file, dropped or chosen, or a sample of a dataset), a type, a severity slider with the
/// paper's levels marked, a seed; the original and the degraded image side by side, optionally
/// the amplitude spectrum, and a grid of all thirteen at the same relative severity. Rendering
/// runs on a worker thread that always takes the newest request, so the slider stays smooth.
/// The degraded image saves as the reference's 8-bit PNG or as a 32-bit float TIFF; the grid
/// exports as PNG, PDF or SVG.
class DegradationPanel : public QWidget
{
    Q_OBJECT

public:
    /// The panel's remembered settings (QSettings group "degradations/"); also what a workspace
    /// file holds of this panel.
    void saveSettings() const;
    void restoreSettings();

    using ErrorReporter = std::function<void(const QString &title, const QString &message)>;

    explicit DegradationPanel(QWidget *parent = nullptr);
    ~DegradationPanel() override;

    /// Loads an image file; false (and an error naming the file) when it cannot be read.
    bool openImage(const QString &path);
    /// Sample `index` of a dataset spec as the image, read (and the dataset's mean spectrum
    /// computed) on a worker thread, the dataset kept for the next sample: the sample is shown
    /// when sampleShown() comes; a bad spec or index ends in sampleFailed() and the error
    /// dialog. False when a load is running already.
    bool openDatasetSample(const QString &spec, int index);
    bool hasImage() const { return m_image != nullptr; }
    void setType(const QString &type);
    QString type() const;
    void setLevel(double level);
    double level() const;
    void setSeed(int seed);
    void setGridVisible(bool visible);
    void setSpectrumVisible(bool visible);
    /// A power-equalisation target spectrum (.npy); empty: the dataset's mean (first 200
    /// images) or the image's own spectrum.
    bool setSpectrumFile(const QString &path);
    void setErrorReporter(ErrorReporter reporter);

    /// The current degraded image: 8-bit PNG (the reference's truncation) or, for .tif/.tiff,
    /// 32-bit float.
    bool saveDegraded(const QString &path);
    /// The grid of all types as PNG, PDF or SVG (by suffix).
    bool exportGrid(const QString &path);

    const QImage &degradedImage() const;
    /// Captions of the grid tiles, in registry order ("contrast · 0.10", …).
    QStringList gridCaptions() const;
    int renderedTiles() const { return m_renderedTiles; }

Q_SIGNALS:
    /// The main degraded image was drawn.
    void rendered();
    /// Every tile of the current grid was drawn.
    void gridRendered();
    void failed(const QString &message);
    /// openDatasetSample() finished: the sample is the image.
    void sampleShown();
    void sampleFailed(const QString &message);

protected:
    void showEvent(QShowEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void buildUi();
    bool loadSample(const QString &spec, int index, bool quiet);
    void startPendingSample();
    void onTypeChanged();
    void onLevelEdited(double level);
    void scheduleRender();
    void render();
    void updateSpectrumForImage();
    double severityRank() const;

    DegradationWorker *m_worker = nullptr; ///< renders on its JobController's thread
    JobController *m_loader = nullptr; ///< reads datasets and their spectra
    ErrorReporter m_reportError;
    std::shared_ptr<const core::FloatImage> m_image;
    std::shared_ptr<const core::AmplitudeSpectrum> m_fileSpectrum;
    std::shared_ptr<const core::AmplitudeSpectrum> m_imageSpectrum;
    std::map<QString, std::shared_ptr<core::Dataset>> m_datasets;
    /// Counts every choice of a source (image file or dataset sample): a sample that arrives
    /// after another choice was made is dropped.
    quint64 m_sourceGeneration = 0;
    quint64 m_loadGeneration = 0; ///< the choice the running load is for
    bool m_quietLoad = false; ///< the automatic first sample: failures are no dialog
    bool m_autoSampleTried = false;
    /// A sample asked for while another was loading: started when that one ends.
    std::optional<std::pair<QString, int>> m_pendingSample;
    QString m_imageDataset; ///< the spec the current image came from, if any
    quint64 m_requestId = 0;
    int m_renderedTiles = 0;
    QTimer *m_renderTimer = nullptr;

    QLineEdit *m_fileEdit = nullptr;
    QLineEdit *m_datasetEdit = nullptr;
    QSpinBox *m_indexSpin = nullptr;
    QComboBox *m_typeCombo = nullptr;
    widgets::LevelSlider *m_slider = nullptr;
    QDoubleSpinBox *m_levelSpin = nullptr;
    QSpinBox *m_seedSpin = nullptr;
    QCheckBox *m_gridCheck = nullptr;
    QCheckBox *m_spectrumCheck = nullptr;
    QLineEdit *m_spectrumEdit = nullptr;
    QLabel *m_infoLabel = nullptr;
    widgets::ImageView *m_originalView = nullptr;
    widgets::ImageView *m_degradedView = nullptr;
    widgets::ImageView *m_spectrumView = nullptr;
    QWidget *m_gridWidget = nullptr;
    std::vector<widgets::ImageView *> m_tiles;
};

} // namespace sparsescope::app
