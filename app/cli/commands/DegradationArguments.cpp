// SPDX-License-Identifier: GPL-3.0-or-later
#include "commands/DegradationArguments.h"

#include "sparsescope/core/degradations/AmplitudeSpectrum.h"

#include <sstream>

namespace sparsescope::cli {

void DegradationArguments::declare(CLI::App &command)
{
    command.add_option("--type", type, "degradation type (see: degrade --list)")->required();
    command.add_option("--seed", seed,
                       "random seed (default: the reference's, 42 for the noises, else 0)");
    command.add_option("--spectrum", spectrum,
                       "mean amplitude spectrum (.npy) for power-equalisation; make one with "
                       "the spectrum command");
}

const core::DegradationInfo &DegradationArguments::info() const
{
    return core::DegradationRegistry::info(type);
}

std::uint32_t DegradationArguments::seedOrDefault() const
{
    return seed ? *seed : info().defaultSeed;
}

std::shared_ptr<const core::AmplitudeSpectrum> DegradationArguments::loadSpectrum() const
{
    if (spectrum.empty())
        return nullptr;
    return std::make_shared<const core::AmplitudeSpectrum>(core::AmplitudeSpectrum::load(spectrum));
}

std::vector<double> DegradationArguments::parseLevels(const std::string &text) const
{
    const core::DegradationInfo &entry = info();
    if (text.empty())
        return entry.levels;
    std::vector<double> levels;
    std::stringstream items(text);
    for (std::string item; std::getline(items, item, ',');)
        levels.push_back(core::DegradationRegistry::parseLevel(entry, item));
    return levels;
}

} // namespace sparsescope::cli
