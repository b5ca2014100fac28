// SPDX-License-Identifier: GPL-3.0-or-later
#include "degradations/Fourier.h"

#include <fftw3.h>

#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <new>
#include <tuple>

namespace sparsescope::core {

std::mutex &Fourier::plannerMutex()
{
    static std::mutex mutex;
    return mutex;
}

namespace {

enum class Kind { Forward2d, Inverse2d, Forward1d, Inverse1d };

/// One plan per (kind, height, width), made on FFTW-aligned scratch arrays and executed on
/// FFTW-aligned buffers (fftw_malloc) so that the alignment the plan assumes holds.
fftw_plan plan(Kind kind, int h, int w)
{
    static std::map<std::tuple<Kind, int, int>, fftw_plan> plans;
    std::lock_guard lock(Fourier::plannerMutex());
    const auto key = std::make_tuple(kind, h, w);
    if (auto it = plans.find(key); it != plans.end())
        return it->second;
    const std::size_t reals = std::size_t(h) * w;
    const std::size_t complexes = std::size_t(h) * (w / 2 + 1);
    double *real = fftw_alloc_real(reals);
    fftw_complex *spectrum = fftw_alloc_complex(complexes);
    if (!real || !spectrum)
        throw std::bad_alloc();
    const unsigned flags = FFTW_ESTIMATE;
    fftw_plan p = nullptr;
    switch (kind) {
    case Kind::Forward2d:
        p = fftw_plan_dft_r2c_2d(h, w, real, spectrum, flags);
        break;
    case Kind::Inverse2d:
        p = fftw_plan_dft_c2r_2d(h, w, spectrum, real, flags);
        break;
    case Kind::Forward1d:
        p = fftw_plan_dft_r2c_1d(h * w, real, spectrum, flags);
        break;
    case Kind::Inverse1d:
        p = fftw_plan_dft_c2r_1d(h * w, spectrum, real, flags);
        break;
    }
    fftw_free(real);
    fftw_free(spectrum);
    if (!p)
        throw std::bad_alloc();
    plans.emplace(key, p);
    return p;
}

/// An FFTW-aligned array, freed on destruction.
template<typename T>
class AlignedBuffer
{
public:
    explicit AlignedBuffer(std::size_t count)
        : m_data(static_cast<T *>(fftw_malloc(sizeof(T) * count)))
    {
        if (!m_data)
            throw std::bad_alloc();
    }
    ~AlignedBuffer() { fftw_free(m_data); }
    AlignedBuffer(const AlignedBuffer &) = delete;
    AlignedBuffer &operator=(const AlignedBuffer &) = delete;
    T *data() { return m_data; }

private:
    T *m_data;
};

/// Per-thread FFTW-aligned buffers for the 2-D transforms of one size, kept between calls: a
/// fresh 0.4-1 MB allocation per transform cost more in page faults than the transform itself.
struct Buffers2d
{
    int h = 0;
    int w = 0;
    std::unique_ptr<AlignedBuffer<double>> real;
    std::unique_ptr<AlignedBuffer<fftw_complex>> spectrum;
};

Buffers2d &buffers2d(int h, int w)
{
    thread_local Buffers2d buffers;
    if (buffers.h != h || buffers.w != w) {
        buffers.real = std::make_unique<AlignedBuffer<double>>(std::size_t(h) * w);
        buffers.spectrum
            = std::make_unique<AlignedBuffer<fftw_complex>>(std::size_t(h) * (w / 2 + 1));
        buffers.h = h;
        buffers.w = w;
    }
    return buffers;
}

} // namespace

HalfSpectrum Fourier::forward(const FloatImage &grey)
{
    const int h = grey.height;
    const int w = grey.width;
    const fftw_plan p = plan(Kind::Forward2d, h, w);
    HalfSpectrum out;
    out.height = h;
    out.width = w;
    Buffers2d &buffers = buffers2d(h, w);
    std::memcpy(buffers.real->data(), grey.values.data(), sizeof(double) * grey.values.size());
    fftw_execute_dft_r2c(p, buffers.real->data(), buffers.spectrum->data());
    out.values.resize(std::size_t(h) * out.columns());
    std::memcpy(static_cast<void *>(out.values.data()), buffers.spectrum->data(),
                sizeof(fftw_complex) * out.values.size());
    return out;
}

FloatImage Fourier::inverse(const HalfSpectrum &spectrum)
{
    const int h = spectrum.height;
    const int w = spectrum.width;
    const fftw_plan p = plan(Kind::Inverse2d, h, w);
    // c2r overwrites its input: work on a copy.
    Buffers2d &buffers = buffers2d(h, w);
    std::memcpy(buffers.spectrum->data(), static_cast<const void *>(spectrum.values.data()),
                sizeof(fftw_complex) * spectrum.values.size());
    fftw_execute_dft_c2r(p, buffers.spectrum->data(), buffers.real->data());
    FloatImage out(h, w, 1);
    const double scale = 1.0 / (double(h) * double(w));
    const double *real = buffers.real->data();
    for (std::size_t i = 0; i < out.values.size(); ++i)
        out.values[i] = real[i] * scale;
    return out;
}

const Fourier::ShiftedColumns &Fourier::shiftedColumns(int width)
{
    thread_local ShiftedColumns table;
    thread_local int tableWidth = -1;
    if (tableWidth != width) {
        const int columns = width / 2 + 1;
        table.column.resize(std::size_t(columns));
        table.mirror.resize(std::size_t(columns));
        for (int v = 0; v < columns; ++v) {
            table.column[std::size_t(v)] = shifted(v, width);
            table.mirror[std::size_t(v)] = shifted((width - v) % width, width);
        }
        tableWidth = width;
    }
    return table;
}

Fourier::Workspace2d Fourier::workspace2d(int height, int width)
{
    Buffers2d &buffers = buffers2d(height, width);
    Workspace2d ws;
    ws.height = height;
    ws.width = width;
    ws.real = buffers.real->data();
    ws.spectrum = reinterpret_cast<std::complex<double> *>(buffers.spectrum->data());
    return ws;
}

void Fourier::Workspace2d::forward()
{
    fftw_execute_dft_r2c(plan(Kind::Forward2d, height, width), real,
                         reinterpret_cast<fftw_complex *>(spectrum));
}

void Fourier::Workspace2d::inverse()
{
    fftw_execute_dft_c2r(plan(Kind::Inverse2d, height, width),
                         reinterpret_cast<fftw_complex *>(spectrum), real);
}

std::vector<std::complex<double>> Fourier::forward1d(const double *data, int n)
{
    const fftw_plan p = plan(Kind::Forward1d, 1, n);
    AlignedBuffer<double> in {std::size_t(n)};
    std::memcpy(in.data(), data, sizeof(double) * std::size_t(n));
    const std::size_t count = std::size_t(n) / 2 + 1;
    AlignedBuffer<fftw_complex> spectrum(count);
    fftw_execute_dft_r2c(p, in.data(), spectrum.data());
    std::vector<std::complex<double>> out(count);
    std::memcpy(static_cast<void *>(out.data()), spectrum.data(), sizeof(fftw_complex) * count);
    return out;
}

void Fourier::inverse1d(const std::vector<std::complex<double>> &spectrum, double *out, int n)
{
    const fftw_plan p = plan(Kind::Inverse1d, 1, n);
    AlignedBuffer<fftw_complex> in(spectrum.size());
    std::memcpy(in.data(), static_cast<const void *>(spectrum.data()),
                sizeof(fftw_complex) * spectrum.size());
    AlignedBuffer<double> real {std::size_t(n)};
    fftw_execute_dft_c2r(p, in.data(), real.data());
    const double scale = 1.0 / double(n);
    for (int i = 0; i < n; ++i)
        out[i] = real.data()[i] * scale;
}

Fourier::Workspace1d::Workspace1d(int n)
    : m_n(n)
    , m_real(fftw_alloc_real(std::size_t(n)))
    , m_spectrum(
          reinterpret_cast<std::complex<double> *>(fftw_alloc_complex(std::size_t(n) / 2 + 1)))
{
    if (!m_real || !m_spectrum) {
        fftw_free(m_real);
        fftw_free(m_spectrum);
        throw std::bad_alloc();
    }
}

Fourier::Workspace1d::~Workspace1d()
{
    fftw_free(m_real);
    fftw_free(m_spectrum);
}

void Fourier::Workspace1d::forward()
{
    fftw_execute_dft_r2c(plan(Kind::Forward1d, 1, m_n), m_real,
                         reinterpret_cast<fftw_complex *>(m_spectrum));
}

void Fourier::Workspace1d::inverse()
{
    fftw_execute_dft_c2r(plan(Kind::Inverse1d, 1, m_n),
                         reinterpret_cast<fftw_complex *>(m_spectrum), m_real);
}

} // namespace sparsescope::core
