// SPDX-License-Identifier: GPL-3.0-or-later
#include "degradations/PillowLanczos.h"

#include <cmath>
#include <numbers>

namespace sparsescope::core {

namespace {

constexpr int kPrecisionBits = 32 - 8 - 2;

double sinc(double x)
{
    if (x == 0.0)
        return 1.0;
    x = x * std::numbers::pi;
    return std::sin(x) / x;
}

double lanczos(double x)
{
    if (-3.0 <= x && x < 3.0)
        return sinc(x) * sinc(x / 3);
    return 0.0;
}

/// precompute_coeffs + normalize_coeffs_8bpc: per output index its first input index, its tap
/// count and `ksize` fixed-point weights.
struct Coefficients
{
    int ksize = 0;
    std::vector<int> first;
    std::vector<int> count;
    std::vector<std::int32_t> weights;
};

Coefficients coefficients(int inSize, int outSize)
{
    const double in0 = 0.0;
    const double in1 = static_cast<float>(inSize);
    double filterScale = (in1 - in0) / outSize;
    const double scale = filterScale;
    if (filterScale < 1.0)
        filterScale = 1.0;
    const double support = 3.0 * filterScale;
    Coefficients c;
    c.ksize = static_cast<int>(std::ceil(support)) * 2 + 1;
    c.first.resize(outSize);
    c.count.resize(outSize);
    c.weights.assign(static_cast<std::size_t>(outSize) * c.ksize, 0);
    std::vector<double> k(c.ksize);
    for (int xx = 0; xx < outSize; ++xx) {
        const double center = in0 + (xx + 0.5) * scale;
        double ww = 0.0;
        const double ss = 1.0 / filterScale;
        int xmin = static_cast<int>(center - support + 0.5);
        if (xmin < 0)
            xmin = 0;
        int xmax = static_cast<int>(center + support + 0.5);
        if (xmax > inSize)
            xmax = inSize;
        xmax -= xmin;
        for (int x = 0; x < xmax; ++x) {
            const double w = lanczos((x + xmin - center + 0.5) * ss);
            k[x] = w;
            ww += w;
        }
        for (int x = 0; x < xmax; ++x)
            if (ww != 0.0)
                k[x] /= ww;
        for (int x = 0; x < xmax; ++x) {
            const double scaled = k[x] * (1 << kPrecisionBits);
            c.weights[static_cast<std::size_t>(xx) * c.ksize + x]
                = static_cast<std::int32_t>(k[x] < 0 ? -0.5 + scaled : 0.5 + scaled);
        }
        c.first[xx] = xmin;
        c.count[xx] = xmax;
    }
    return c;
}

std::uint8_t clip8(std::int64_t in)
{
    if (in >= (std::int64_t(1) << kPrecisionBits << 8))
        return 255;
    if (in <= 0)
        return 0;
    return static_cast<std::uint8_t>(in >> kPrecisionBits);
}

} // namespace

std::vector<std::uint8_t> PillowLanczos::resize(const std::vector<std::uint8_t> &grey, int height,
                                                int width, int outHeight, int outWidth)
{
    const Coefficients horizontal = coefficients(width, outWidth);
    const Coefficients vertical = coefficients(height, outHeight);
    const bool needHorizontal = outWidth != width;
    const bool needVertical = outHeight != height;

    // Horizontal pass over the rows the vertical pass will use.
    const int firstRow = vertical.first[0];
    const int lastRow = vertical.first[outHeight - 1] + vertical.count[outHeight - 1];
    std::vector<std::uint8_t> temp;
    int tempRows = height;
    int tempOffset = 0;
    if (needHorizontal) {
        tempRows = needVertical ? lastRow - firstRow : height;
        tempOffset = needVertical ? firstRow : 0;
        temp.resize(static_cast<std::size_t>(tempRows) * outWidth);
        for (int y = 0; y < tempRows; ++y) {
            const std::uint8_t *row
                = grey.data() + static_cast<std::size_t>(y + tempOffset) * width;
            for (int xx = 0; xx < outWidth; ++xx) {
                const std::int32_t *k
                    = &horizontal.weights[static_cast<std::size_t>(xx) * horizontal.ksize];
                std::int64_t ss = std::int64_t(1) << (kPrecisionBits - 1);
                for (int x = 0; x < horizontal.count[xx]; ++x)
                    ss += static_cast<std::int64_t>(row[x + horizontal.first[xx]]) * k[x];
                temp[static_cast<std::size_t>(y) * outWidth + xx] = clip8(ss);
            }
        }
    } else {
        temp = grey;
    }
    if (!needVertical)
        return temp;
    const int tempWidth = needHorizontal ? outWidth : width;
    std::vector<std::uint8_t> out(static_cast<std::size_t>(outHeight) * tempWidth);
    for (int yy = 0; yy < outHeight; ++yy) {
        const std::int32_t *k = &vertical.weights[static_cast<std::size_t>(yy) * vertical.ksize];
        const int ymin = vertical.first[yy] - tempOffset;
        for (int xx = 0; xx < tempWidth; ++xx) {
            std::int64_t ss = std::int64_t(1) << (kPrecisionBits - 1);
            for (int y = 0; y < vertical.count[yy]; ++y)
                ss += static_cast<std::int64_t>(
                          temp[static_cast<std::size_t>(y + ymin) * tempWidth + xx])
                    * k[y];
            out[static_cast<std::size_t>(yy) * tempWidth + xx] = clip8(ss);
        }
    }
    return out;
}

} // namespace sparsescope::core
