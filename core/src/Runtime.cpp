// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/Runtime.h"

#include <opencv2/core/version.hpp>
#include <torch/torch.h>
#include <torch/version.h>

#include <cstdlib>
#include <thread>

namespace sparsescope::core {

void Runtime::setThreads(int threads)
{
    if (threads <= 0)
        threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    if (at::get_num_threads() != threads)
        torch::set_num_threads(threads);
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
    return "LibTorch " + torchVersion() + ", OpenCV " + openCvVersion();
}

} // namespace sparsescope::core
