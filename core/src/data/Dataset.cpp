// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/data/Dataset.h"

#include "sparsescope/core/Error.h"
#include "sparsescope/core/data/ReaderRegistry.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <random>
#include <stdexcept>

namespace sparsescope::core {

namespace {

constexpr std::uint64_t kGolden = 0x9E3779B97F4A7C15ULL;
// Distinct streams per purpose, so shuffled(s) and stratified(s) do not mirror epochOrder(s, 0).
constexpr std::uint64_t kShuffleStream = 0x5348554646ULL;
constexpr std::uint64_t kStratifyStream = 0x5354524154ULL;

/// Fisher–Yates with `rng() % (i + 1)`: unlike std::shuffle and uniform_int_distribution, its
/// result is the same with every standard library, so a seed means the same order everywhere.
template<typename T>
void permute(std::vector<T> &values, std::mt19937_64 &rng)
{
    if (values.size() < 2)
        return;
    for (std::size_t i = values.size() - 1; i > 0; --i) {
        const auto j = static_cast<std::size_t>(rng() % (i + 1));
        std::swap(values[i], values[j]);
    }
}

const std::array<float, 256> &unitScale()
{
    static const std::array<float, 256> table = [] {
        std::array<float, 256> values {};
        for (int v = 0; v < 256; ++v)
            values[v] = static_cast<float>(v) / 255.0f;
        return values;
    }();
    return table;
}

} // namespace

Dataset::Dataset(ImageSet images)
{
    const std::size_t expected = images.size() * images.imageBytes();
    if (images.pixels.size() != expected)
        throw Error(images.source,
                    "image set holds " + std::to_string(images.pixels.size())
                        + " pixel bytes, expected " + std::to_string(expected));
    if (images.numClasses < 0 || images.classNames.size() != std::size_t(images.numClasses))
        throw Error(images.source,
                    "image set has " + std::to_string(images.classNames.size())
                        + " class names for " + std::to_string(images.numClasses) + " classes");
    for (std::size_t i = 0; i < images.labels.size(); ++i)
        if (images.labels[i] < 0 || images.labels[i] >= images.numClasses)
            throw Error(images.source,
                        "label " + std::to_string(images.labels[i]) + " of sample "
                            + std::to_string(i) + " is outside 0.."
                            + std::to_string(images.numClasses - 1));
    m_indices.resize(images.size());
    std::iota(m_indices.begin(), m_indices.end(), std::size_t {0});
    m_images = std::make_shared<const ImageSet>(std::move(images));
}

Dataset Dataset::fromSpec(const std::string &spec)
{
    return Dataset(ReaderRegistry::load(spec));
}

const std::vector<std::string> &Dataset::classNames() const
{
    static const std::vector<std::string> none;
    return m_images ? m_images->classNames : none;
}

const std::string &Dataset::source() const
{
    static const std::string none;
    return m_images ? m_images->source : none;
}

std::int64_t Dataset::label(std::size_t i) const
{
    return m_images->labels[m_indices[i]];
}

Dataset Dataset::first(std::size_t n) const
{
    Dataset view;
    view.m_images = m_images;
    const std::size_t count = n == 0 ? size() : std::min(n, size());
    view.m_indices.assign(m_indices.begin(), m_indices.begin() + count);
    return view;
}

Dataset Dataset::stratified(std::size_t n, std::uint64_t seed) const
{
    const std::size_t total = size();
    if (n == 0 || n > total)
        n = total;
    const std::size_t classes = static_cast<std::size_t>(std::max(numClasses(), 0));

    // View positions per class, each class shuffled with one seeded stream (classes in order).
    std::vector<std::vector<std::size_t>> byClass(classes);
    for (std::size_t i = 0; i < total; ++i)
        byClass[static_cast<std::size_t>(label(i))].push_back(m_indices[i]);
    std::mt19937_64 rng(seed * kGolden + kStratifyStream);
    for (auto &members : byClass)
        permute(members, rng);

    // Largest-remainder quotas: floor(n * count / total) each, the rest to the largest
    // remainders (lower class first on ties), so the quotas sum to exactly n.
    std::vector<std::size_t> quota(classes, 0);
    std::vector<std::pair<std::uint64_t, std::size_t>> remainders; // (remainder, class)
    std::size_t assigned = 0;
    for (std::size_t k = 0; k < classes && total > 0; ++k) {
        const auto product = static_cast<unsigned long long>(n) * byClass[k].size();
        quota[k] = static_cast<std::size_t>(product / total);
        assigned += quota[k];
        remainders.emplace_back(product % total, k);
    }
    std::stable_sort(remainders.begin(), remainders.end(),
                     [](const auto &a, const auto &b) { return a.first > b.first; });
    for (std::size_t r = 0; assigned < n && r < remainders.size(); ++r) {
        const std::size_t k = remainders[r].second;
        if (quota[k] < byClass[k].size()) {
            ++quota[k];
            ++assigned;
        }
    }

    // Proportional round-robin: the j-th pick of class k sits at (j + 1/2) / quota[k] of the
    // list, so every prefix keeps the class proportions; equal quotas give plain round-robin.
    struct Pick
    {
        std::size_t rank; // j
        std::size_t classIndex;
    };
    std::vector<Pick> picks;
    picks.reserve(n);
    for (std::size_t k = 0; k < classes; ++k)
        for (std::size_t j = 0; j < quota[k]; ++j)
            picks.push_back({j, k});
    std::sort(picks.begin(), picks.end(), [&](const Pick &a, const Pick &b) {
        // Compare (2a.rank + 1) / quota[a] with (2b.rank + 1) / quota[b] exactly.
        const auto left = static_cast<unsigned long long>(2 * a.rank + 1) * quota[b.classIndex];
        const auto right = static_cast<unsigned long long>(2 * b.rank + 1) * quota[a.classIndex];
        return left != right ? left < right : a.classIndex < b.classIndex;
    });

    Dataset view;
    view.m_images = m_images;
    view.m_indices.reserve(picks.size());
    for (const auto &pick : picks)
        view.m_indices.push_back(byClass[pick.classIndex][pick.rank]);
    return view;
}

Dataset Dataset::shuffled(std::uint64_t seed) const
{
    Dataset view = *this;
    std::mt19937_64 rng(seed * kGolden + kShuffleStream);
    permute(view.m_indices, rng);
    return view;
}

std::pair<Dataset, Dataset> Dataset::split(double validationFraction, std::uint64_t seed) const
{
    if (!(validationFraction >= 0.0 && validationFraction <= 1.0))
        throw Error(source(),
                    "validation fraction must be in [0, 1], not "
                        + std::to_string(validationFraction));
    const auto validationCount = std::min(
        size(),
        static_cast<std::size_t>(std::llround(static_cast<double>(size()) * validationFraction)));
    const Dataset mixed = shuffled(seed);
    Dataset train;
    Dataset validation;
    train.m_images = validation.m_images = m_images;
    validation.m_indices.assign(mixed.m_indices.begin(), mixed.m_indices.begin() + validationCount);
    train.m_indices.assign(mixed.m_indices.begin() + validationCount, mixed.m_indices.end());
    return {std::move(train), std::move(validation)};
}

std::vector<std::size_t> Dataset::epochOrder(std::uint64_t seed, int epoch) const
{
    std::vector<std::size_t> order(size());
    std::iota(order.begin(), order.end(), std::size_t {0});
    std::mt19937_64 rng(seed * kGolden + static_cast<std::uint64_t>(epoch));
    permute(order, rng);
    return order;
}

void Dataset::fill(const std::size_t *positions, std::size_t count, float *images,
                   std::int64_t *labels) const
{
    if (count == 0)
        return;
    if (!m_images)
        throw std::out_of_range("Dataset::fill on an empty dataset");
    const std::size_t imageBytes = m_images->imageBytes();
    const auto &scale = unitScale();
    for (std::size_t k = 0; k < count; ++k) {
        const std::size_t position = positions[k];
        if (position >= size())
            throw std::out_of_range("Dataset::fill: position " + std::to_string(position)
                                    + " outside a view of " + std::to_string(size()));
        const std::size_t index = m_indices[position];
        if (images) {
            const std::uint8_t *source = m_images->image(index);
            float *target = images + k * imageBytes;
            for (std::size_t b = 0; b < imageBytes; ++b)
                target[b] = scale[source[b]];
        }
        if (labels)
            labels[k] = m_images->labels[index];
    }
}

Normalization Dataset::normalization() const
{
    Normalization result;
    const int channelCount = channels();
    result.mean.assign(channelCount, 0.0f);
    result.std.assign(channelCount, 1.0f);
    if (empty() || channelCount == 0)
        return result;
    const std::size_t plane = static_cast<std::size_t>(height()) * width();
    // Integer sums are exact; doubles only for the final division.
    std::vector<std::uint64_t> sum(channelCount, 0);
    std::vector<std::uint64_t> sumSquares(channelCount, 0);
    for (const std::size_t index : m_indices) {
        const std::uint8_t *image = m_images->image(index);
        for (int c = 0; c < channelCount; ++c) {
            std::uint64_t s = 0;
            std::uint64_t s2 = 0;
            const std::uint8_t *values = image + c * plane;
            for (std::size_t p = 0; p < plane; ++p) {
                s += values[p];
                s2 += static_cast<std::uint64_t>(values[p]) * values[p];
            }
            sum[c] += s;
            sumSquares[c] += s2;
        }
    }
    const double count = static_cast<double>(size()) * static_cast<double>(plane);
    for (int c = 0; c < channelCount; ++c) {
        const double mean = static_cast<double>(sum[c]) / count;
        const double variance
            = std::max(0.0, static_cast<double>(sumSquares[c]) / count - mean * mean);
        result.mean[c] = static_cast<float>(mean / 255.0);
        result.std[c] = static_cast<float>(std::sqrt(variance) / 255.0);
    }
    return result;
}

} // namespace sparsescope::core
