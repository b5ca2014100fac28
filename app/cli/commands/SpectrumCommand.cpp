// SPDX-License-Identifier: GPL-3.0-or-later
#include "commands/SpectrumCommand.h"

#include "sparsescope/core/data/Dataset.h"
#include "sparsescope/core/degradations/AmplitudeSpectrum.h"

#include <cstdio>

namespace sparsescope::cli {

void SpectrumCommand::setup(CLI::App &parent, GlobalOptions &global)
{
    m_global = &global;
    m_app = parent.add_subcommand("spectrum",
                                  "Mean amplitude spectrum of a dataset (.npy), the target of "
                                  "power equalisation");
    m_app->add_option("--data", m_data, "dataset spec")->required();
    m_app->add_option("--out", m_out, ".npy file to write (float64, centred, H x W)")->required();
    m_app->add_option("--limit", m_limit, "the first N images only");
    m_app->add_option("--threads", global.threads, "threads (0: all cores)");
}

int SpectrumCommand::run(std::stop_token)
{
    const auto data = core::Dataset::fromSpec(m_data).first(m_limit);
    const auto spectrum = core::AmplitudeSpectrum::mean(data, m_global->threads);
    spectrum.save(m_out);
    const double dc = spectrum.at(spectrum.height() / 2, spectrum.width() / 2);
    std::printf("wrote %s (%dx%d, %zu images, mean grey %.4f)\n", m_out.c_str(), spectrum.height(),
                spectrum.width(), data.size(), dc / (double(spectrum.height()) * spectrum.width()));
    return 0;
}

} // namespace sparsescope::cli
