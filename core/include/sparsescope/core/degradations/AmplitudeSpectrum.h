// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsescope/core/degradations/FloatImage.h"

#include <string>
#include <vector>

namespace sparsescope::core {

class Dataset;

/// A centred (fftshift-ed) amplitude spectrum |fftshift(fft2(grey))|, as power equalisation
/// uses it: the reference imposes the mean spectrum of its stimulus set on every image.
/// Stored on disk as a 2-D float64 .npy file, the reference's format.
class AmplitudeSpectrum
{
public:
    AmplitudeSpectrum() = default;
    AmplitudeSpectrum(int height, int width, std::vector<double> values);

    /// The spectrum of one image (colour input is converted to grey first).
    static AmplitudeSpectrum ofImage(const FloatImage &image);
    /// The mean spectrum over every image of `data` (all cores; the result does not depend on
    /// the thread count).
    static AmplitudeSpectrum mean(const Dataset &data, int threads = 0);
    /// Reads a 2-D .npy array (float64 or float32, C or Fortran order).
    static AmplitudeSpectrum load(const std::string &path);
    /// Writes a 2-D float64 .npy array.
    void save(const std::string &path) const;

    bool empty() const { return m_values.empty(); }
    int height() const { return m_height; }
    int width() const { return m_width; }
    /// Row-major, height × width, zero frequency at (height / 2, width / 2).
    const std::vector<double> &values() const { return m_values; }
    double at(int row, int column) const
    {
        return m_values[static_cast<std::size_t>(row) * m_width + column];
    }

private:
    int m_height = 0;
    int m_width = 0;
    std::vector<double> m_values;
};

} // namespace sparsescope::core
