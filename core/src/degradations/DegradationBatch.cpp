// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/degradations/DegradationBatch.h"

#include "common/CsvText_p.h"
#include "common/ParallelFor_p.h"
#include "sparsescope/core/Error.h"
#include "sparsescope/core/data/Dataset.h"
#include "sparsescope/core/degradations/ImageFile.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace sparsescope::core {

namespace fs = std::filesystem;

namespace {

/// A file-system-safe folder name for a class (class names come from folders or numbers).
std::string safeName(const std::string &name)
{
    std::string out;
    for (char c : name)
        out += (c == '/' || c == '\\' || c == ':' || c == '\0') ? '_' : c;
    return out.empty() || out == "." || out == ".." ? "_" + out : out;
}

std::vector<double> levelsOf(const DegradationInfo &info, const std::vector<double> &levels)
{
    const std::vector<double> &chosen = levels.empty() ? info.levels : levels;
    for (double level : chosen)
        DegradationRegistry::checkLevel(info, level);
    return chosen;
}

} // namespace

std::uint32_t DegradationBatch::imageSeed(std::uint32_t base, std::size_t index)
{
    return static_cast<std::uint32_t>(base + static_cast<std::uint64_t>(index));
}

FloatImage DegradationBatch::sample(const Dataset &data, std::size_t position)
{
    const int h = data.height();
    const int w = data.width();
    const int c = data.channels();
    const std::size_t plane = static_cast<std::size_t>(h) * w;
    std::vector<float> pixels(plane * c);
    std::int64_t label = 0;
    data.fill(&position, 1, pixels.data(), &label);
    FloatImage image(h, w, c);
    for (std::size_t p = 0; p < plane; ++p)
        for (int k = 0; k < c; ++k)
            // Dataset delivers byte / 255 as float: recover the byte, divide in double as the
            // reference does.
            image.values[p * c + k] = std::round(pixels[k * plane + p] * 255.0f) / 255.0;
    return image;
}

FloatImage DegradationBatch::fitTo(const FloatImage &image, int height, int width, int channels)
{
    FloatImage sized = image;
    if (image.height != height || image.width != width) {
        const cv::Mat in(image.height, image.width, CV_64FC(image.channels),
                         const_cast<double *>(image.values.data()));
        sized = FloatImage(height, width, image.channels);
        cv::Mat out(height, width, CV_64FC(image.channels), sized.values.data());
        const bool shrink = height < image.height || width < image.width;
        cv::resize(in, out, cv::Size(width, height), 0, 0,
                   shrink ? cv::INTER_AREA : cv::INTER_LINEAR);
    }
    if (sized.channels == channels)
        return sized;
    FloatImage out(height, width, channels);
    for (std::size_t p = 0; p < sized.pixelCount(); ++p) {
        if (sized.channels == 1) {
            for (int k = 0; k < channels; ++k)
                out.values[p * channels + k] = sized.values[p];
        } else {
            // RGB to one channel: the same skimage weights as the degradations' grey.
            const double *rgb = &sized.values[p * 3];
            out.values[p] = 0.2125 * rgb[0] + 0.7154 * rgb[1] + 0.0721 * rgb[2];
        }
    }
    return out;
}

ImageSet DegradationBatch::degradedSet(const Dataset &data, const std::string &type,
                                       const DegradationSettings &settings, int threads,
                                       std::stop_token stop)
{
    const DegradationInfo &info = DegradationRegistry::info(type);
    DegradationRegistry::checkLevel(info, settings.level);
    ImageSet set;
    set.channels = data.channels();
    set.height = data.height();
    set.width = data.width();
    set.numClasses = data.numClasses();
    set.classNames = data.classNames();
    set.source = data.source() + " (" + type + " "
        + DegradationRegistry::levelLabel(info, settings.level) + ")";
    set.labels.resize(data.size());
    set.pixels.resize(data.size() * set.imageBytes());
    const std::size_t plane = static_cast<std::size_t>(set.height) * set.width;
    parallelFor(data.size(), threads, [&](std::size_t i) {
        if (stop.stop_requested())
            return;
        DegradationSettings own = settings;
        own.seed = imageSeed(settings.seed, i);
        const FloatImage degraded = fitTo(DegradationRegistry::apply(type, sample(data, i), own),
                                          set.height, set.width, set.channels);
        const std::vector<std::uint8_t> bytes = ImageFile::toBytes(degraded);
        std::uint8_t *target = set.pixels.data() + i * set.imageBytes();
        for (std::size_t p = 0; p < plane; ++p)
            for (int k = 0; k < set.channels; ++k)
                target[k * plane + p] = bytes[p * set.channels + k];
        set.labels[i] = data.label(i);
    });
    return set;
}

std::vector<ManifestRow> DegradationBatch::writeSet(const Dataset &data,
                                                    const DegradeSetConfig &config,
                                                    JobObserver &observer, std::stop_token stop)
{
    const DegradationInfo &info = DegradationRegistry::info(config.type);
    const std::vector<double> levels = levelsOf(info, config.levels);
    const fs::path root(config.outputDirectory);
    std::error_code error;
    fs::create_directories(root, error);
    if (error)
        throw Error(root.string(), "cannot create folder: " + error.message());
    std::vector<std::string> classFolders;
    for (int k = 0; k < data.numClasses(); ++k)
        classFolders.push_back(k < static_cast<int>(data.classNames().size())
                                   ? safeName(data.classNames()[k])
                                   : std::to_string(k));

    const std::size_t digits = std::to_string(data.size() ? data.size() - 1 : 0).size();
    auto fileName = [&](std::size_t i) {
        std::string number = std::to_string(i);
        return std::string(digits - std::min(digits, number.size()), '0') + number + ".png";
    };

    std::vector<ManifestRow> rows;
    rows.reserve(levels.size() * data.size());
    for (std::size_t l = 0; l < levels.size(); ++l) {
        if (stop.stop_requested())
            break;
        const std::string label = DegradationRegistry::levelLabel(info, levels[l]);
        // Folders only for the classes present: an empty class folder would not read back.
        std::vector<bool> present(classFolders.size(), false);
        for (std::size_t i = 0; i < data.size(); ++i)
            if (data.label(i) >= 0 && data.label(i) < std::int64_t(classFolders.size()))
                present[static_cast<std::size_t>(data.label(i))] = true;
        for (std::size_t k = 0; k < classFolders.size(); ++k) {
            if (!present[k])
                continue;
            fs::create_directories(root / label / classFolders[k], error);
            if (error)
                throw Error((root / label / classFolders[k]).string(),
                            "cannot create folder: " + error.message());
        }
        DegradationSettings settings;
        settings.level = levels[l];
        settings.seed = config.seed;
        settings.spectrum = config.spectrum;
        std::vector<std::string> files(data.size());
        parallelFor(data.size(), config.threads, [&](std::size_t i) {
            if (stop.stop_requested())
                return;
            DegradationSettings own = settings;
            own.seed = imageSeed(config.seed, i);
            const FloatImage degraded
                = DegradationRegistry::apply(config.type, sample(data, i), own);
            const std::int64_t classIndex = data.label(i);
            const std::string folder
                = classIndex >= 0 && classIndex < std::int64_t(classFolders.size())
                ? classFolders[classIndex]
                : std::to_string(classIndex);
            const fs::path relative = fs::path(label) / folder / fileName(i);
            ImageFile::write((root / relative).string(), degraded);
            files[i] = relative.generic_string();
        });
        if (stop.stop_requested())
            break;
        for (std::size_t i = 0; i < data.size(); ++i)
            rows.push_back({files[i], data.source() + "#" + std::to_string(data.sourceIndex(i)),
                            config.type, label, imageSeed(config.seed, i)});
        observer.onProgress(l + 1, levels.size());
    }

    const fs::path manifest = root / "manifest.csv";
    std::ostringstream out;
    out << "file,source,type,level,seed\n";
    for (const auto &row : rows)
        out << csvQuoted(row.file) << ',' << csvQuoted(row.source) << ',' << row.type << ','
            << csvQuoted(row.level) << ',' << row.seed << '\n';
    writeTextFile(manifest.string(), out.str());
    return rows;
}

} // namespace sparsescope::core
