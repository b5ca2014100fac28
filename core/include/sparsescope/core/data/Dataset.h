// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsescope/core/data/ImageSet.h"

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace sparsescope::core {

/// Per-channel mean and standard deviation of pixel values in [0, 1].
struct Normalization
{
    std::vector<float> mean;
    std::vector<float> std;
};

/// A view (index list) over a shared ImageSet: subsets, splits and shuffles are cheap and never
/// copy pixels. Pixels are delivered as floats in [0, 1]; per-channel normalisation happens inside
/// the model (see Normalization).
class Dataset
{
public:
    Dataset() = default;
    explicit Dataset(ImageSet images);
    /// Reads a spec string through ReaderRegistry.
    static Dataset fromSpec(const std::string &spec);

    std::size_t size() const { return m_indices.size(); }
    bool empty() const { return m_indices.empty(); }
    int channels() const { return m_images ? m_images->channels : 0; }
    int height() const { return m_images ? m_images->height : 0; }
    int width() const { return m_images ? m_images->width : 0; }
    int numClasses() const { return m_images ? m_images->numClasses : 0; }
    const std::vector<std::string> &classNames() const;
    const std::string &source() const;

    /// Label of the i-th sample of this view.
    std::int64_t label(std::size_t i) const;
    /// Index into the underlying ImageSet of the i-th sample of this view.
    std::size_t sourceIndex(std::size_t i) const { return m_indices[i]; }

    /// The first n samples (all when n is 0 or larger than size()).
    Dataset first(std::size_t n) const;
    /// n samples with class proportions kept (seeded; in class-interleaved order).
    Dataset stratified(std::size_t n, std::uint64_t seed) const;
    /// A seeded permutation of this view.
    Dataset shuffled(std::uint64_t seed) const;
    /// (train, validation) with round(size * validationFraction) samples in validation, seeded.
    std::pair<Dataset, Dataset> split(double validationFraction, std::uint64_t seed) const;

    /// The sample order of one epoch: a permutation that depends only on (seed, epoch), so a
    /// resumed run sees the same batches as an uninterrupted one.
    std::vector<std::size_t> epochOrder(std::uint64_t seed, int epoch) const;

    /// Copies the samples at view positions `positions` into `images` (count×C×H×W floats in
    /// [0, 1]) and `labels` (count entries).
    void fill(const std::size_t *positions, std::size_t count, float *images,
              std::int64_t *labels) const;

    Normalization normalization() const;

private:
    std::shared_ptr<const ImageSet> m_images;
    std::vector<std::size_t> m_indices;
};

} // namespace sparsescope::core
