// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/Runtime.h"

#include <opencv2/core/version.hpp>
#include <torch/torch.h>
#include <torch/version.h>

#include <dlfcn.h>

#include <cstdlib>
#include <thread>

namespace sparsescope::core {

namespace {

/// OpenBLAS's thread controls, found at run time: LibTorch calls BLAS through Debian's
/// libblas.so.3 alternative, which is OpenBLAS (libopenblas0-pthread) or the reference BLAS.
struct OpenBlas
{
    void (*setThreads)(int) = nullptr;
    int (*threads)() = nullptr;
    char *(*config)() = nullptr;
    /// OPENBLAS_NUM_THREADS or GOTO_NUM_THREADS set: the user's choice stands.
    bool userSet = false;
};

const OpenBlas &openBlas()
{
    static const OpenBlas blas = [] {
        OpenBlas b;
        b.setThreads
            = reinterpret_cast<void (*)(int)>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads"));
        b.threads = reinterpret_cast<int (*)()>(dlsym(RTLD_DEFAULT, "openblas_get_num_threads"));
        b.config = reinterpret_cast<char *(*)()>(dlsym(RTLD_DEFAULT, "openblas_get_config"));
        b.userSet = std::getenv("OPENBLAS_NUM_THREADS") || std::getenv("GOTO_NUM_THREADS");
        return b;
    }();
    return blas;
}

} // namespace

void Runtime::setThreads(int threads)
{
    if (threads <= 0)
        threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    if (at::get_num_threads() != threads)
        torch::set_num_threads(threads);
    // OpenBLAS keeps its own pool of one thread per core; under LibTorch's intra-op threads the
    // two pools fight (LeNet-5 training on 2 cores: 2691 images/s with OpenBLAS at one thread,
    // 1535 with two). With one LibTorch thread a second OpenBLAS thread doubled the CPU time
    // for the same images/s (1444 against 1434, medians of 3): --threads N means N cores.
    const OpenBlas &blas = openBlas();
    if (blas.setThreads && !blas.userSet && blas.threads() != 1)
        blas.setThreads(1);
}

int Runtime::blasThreads()
{
    const OpenBlas &blas = openBlas();
    return blas.threads ? blas.threads() : 0;
}

std::string Runtime::blasDescription()
{
    const OpenBlas &blas = openBlas();
    if (!blas.threads)
        return "BLAS: not OpenBLAS (install libopenblas0-pthread: the reference BLAS is ~30x "
               "slower)";
    std::string text = "BLAS: ";
    text += blas.config ? blas.config() : "OpenBLAS";
    const int n = blas.threads();
    text += ", " + std::to_string(n) + (n == 1 ? " thread" : " threads");
    text += blas.userSet ? " (OPENBLAS_NUM_THREADS)" : " (set by SparseScope)";
    return text;
}

int Runtime::threads()
{
    return at::get_num_threads();
}

void Runtime::initialiseDefaults()
{
    int threads = 0;
    if (const char *value = std::getenv("SPARSESCOPE_THREADS"))
        threads = std::atoi(value);
    setThreads(threads);
    // Flush denormal floats to zero (FTZ/DAZ) on this thread; threads started from it later (the
    // training worker, LibTorch's pool) inherit the mode. Weights that weight decay shrinks
    // without a gradient (filters nobody reads after group Lasso) become denormal and make every
    // convolution over them ~10× slower.
    at::globalContext().setFlushDenormal(true);
}

std::string Runtime::torchVersion()
{
    return TORCH_VERSION;
}

std::string Runtime::openCvVersion()
{
    return CV_VERSION;
}

std::string Runtime::libraryVersions()
{
    const int n = threads();
    return "LibTorch " + torchVersion() + " (" + std::to_string(n)
        + (n == 1 ? " thread" : " threads") + "), OpenCV " + openCvVersion() + "; "
        + blasDescription();
}

} // namespace sparsescope::core
