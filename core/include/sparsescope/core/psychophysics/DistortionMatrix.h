// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsescope/core/data/ImageSet.h"
#include "sparsescope/core/jobs/JobObserver.h"

#include <cstdint>
#include <map>
#include <memory>
#include <stop_token>
#include <string>
#include <vector>

namespace sparsescope::core {

class AmplitudeSpectrum;
class Dataset;

/// "Train on one distortion, test on all" (Geirhos et al. 2018, methods.md §4.9), for small
/// greyscale datasets: one network per training distortion (plus a clean baseline), each
/// evaluated on every test distortion at one level. Read from JSON (snake_case keys).
struct DistortionMatrixConfig
{
    std::string model = "lenet5"; ///< built-in architecture trained from scratch for each row
    std::string trainData = "fashion-mnist:train";
    std::string testData = "fashion-mnist:test";
    std::size_t trainLimit = 10000; ///< the first N training images (0: all)
    std::size_t testLimit = 2000; ///< the first N test images (0: all)
    int epochs = 3;
    int batchSize = 64;
    std::string optimizer = "sgd";
    double learningRate = 0.02;
    std::string schedule = "cosine";
    /// Registry names; empty: every type that applies to grey images except the Eidolons
    /// (about half a second per image), see ModelObserver::applicableDegradations.
    std::vector<std::string> distortions;
    /// Training levels per type, mixed per image; a type not listed: the paper's levels.
    std::map<std::string, std::vector<double>> trainLevels;
    /// The test level per type; a type not listed: defaultTestLevel().
    std::map<std::string, double> testLevels;
    bool includeClean = true; ///< the clean row and column
    std::uint64_t seed = 1;
    int threads = 0; ///< LibTorch and degradation threads (0: all cores)

    /// The distortions with the default applied.
    std::vector<std::string> distortionList() const;
    std::vector<double> trainLevelsOf(const std::string &type) const;
    double testLevelOf(const std::string &type) const;

    /// The fixed test level for 28-pixel images, one per type (README, distortion matrix):
    /// the paper's evaluation condition (where its humans were near 50 %) where the level does
    /// not depend on the image size (contrast 0.05, uniform noise 0.35, salt-and-pepper 0.2,
    /// phase noise 90°, rotation 90°, power equalisation), high-pass σ 0.7 as in the paper,
    /// low-pass σ 3 (the paper's σ 7 at 224 pixels would leave a 28-pixel image flat grey).
    /// Read from DegradationInfo::matrixTestLevel.
    static double defaultTestLevel(const std::string &type);

    void validate(const std::string &origin) const;
    std::string toJson() const;
    /// Unknown keys, unknown types and bad levels are errors naming `origin`.
    static DistortionMatrixConfig fromJson(const std::string &json,
                                           const std::string &origin = "config");
    static DistortionMatrixConfig fromFile(const std::string &path);
};

/// The train × test accuracies.
struct DistortionMatrixResult
{
    std::vector<std::string> trainNames; ///< "clean" then the distortions
    std::vector<std::string> testNames; ///< "clean" then the distortions
    std::vector<double> testLevels; ///< per test column (NaN for clean)
    std::vector<std::string> testLabels; ///< per test column, the level label ("" for clean)
    /// accuracy[row][column]; NaN where the run stopped before the cell
    std::vector<std::vector<double>> accuracy;
    std::vector<std::vector<std::size_t>> correct;
    std::size_t testCount = 0;
    std::vector<double> trainSeconds; ///< per row
    bool completed = false;
};

class DistortionMatrix
{
public:
    /// Writes into `outDirectory`: config.json, data/<row>-{images,labels}.idx.gz (each training
    /// set degraded once, before training), spectrum.npy (power equalisation: the mean spectrum
    /// of the training images), models/<row>/ (a Trainer run folder per row), matrix.csv
    /// (rows: training, columns: test) and matrix-long.csv, both rewritten after every row.
    /// Stops at the next step when `stop` is requested (result.completed false). Progress:
    /// of JobObserver::kProgressUnits.
    static DistortionMatrixResult run(const DistortionMatrixConfig &config,
                                      const std::string &outDirectory,
                                      JobObserver &observer = quietObserver(),
                                      std::stop_token stop = {});

    /// Every image of `data` degraded by `type`, image i at levels[levelIndex(seed, i, n)] with
    /// seed DegradationBatch::imageSeed(seed, i), truncated to 8 bits, in `data`'s size.
    static ImageSet mixedLevelSet(const Dataset &data, const std::string &type,
                                  const std::vector<double> &levels, std::uint32_t seed,
                                  std::shared_ptr<const AmplitudeSpectrum> spectrum,
                                  int threads = 0, std::stop_token stop = {});
    /// Which of `count` levels image `index` gets (uniform, seeded, thread-independent).
    static std::size_t levelIndex(std::uint64_t seed, std::size_t index, std::size_t count);
    /// The base seed of the test images' degradations (test and training noise never share a
    /// seed for up to a million training images).
    static std::uint32_t testSeed(std::uint64_t seed);

    /// matrix.csv: `train,<test column>...` with columns named `<type> <level label>`.
    static void writeCsv(const DistortionMatrixResult &result, const std::string &path);
    /// matrix-long.csv: train,test,test_level,correct,count,accuracy.
    static void writeLongCsv(const DistortionMatrixResult &result, const std::string &path);

private:
    /// The test images degraded for every column (empty when stopped).
    static std::vector<Dataset>
    degradedTestSets(const DistortionMatrixConfig &config, const Dataset &test,
                     const DistortionMatrixResult &result, const std::vector<std::string> &rowTypes,
                     const std::shared_ptr<const AmplitudeSpectrum> &spectrum,
                     JobObserver &observer, std::stop_token stop);
    /// Row r: its training set degraded (type "" : clean), a network trained, every column
    /// evaluated, the CSVs rewritten; false when stopped.
    static bool runRow(const DistortionMatrixConfig &config, std::size_t r, const std::string &type,
                       const Dataset &train, const std::vector<Dataset> &testSets,
                       const std::shared_ptr<const AmplitudeSpectrum> &spectrum,
                       const std::string &outDirectory, DistortionMatrixResult &result,
                       JobObserver &observer, std::stop_token stop);
};

} // namespace sparsescope::core
