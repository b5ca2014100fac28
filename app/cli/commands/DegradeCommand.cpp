// SPDX-License-Identifier: GPL-3.0-or-later
#include "commands/DegradeCommand.h"

#include "sparsescope/core/Error.h"
#include "sparsescope/core/degradations/ImageFile.h"

#include <cmath>
#include <cstdio>

namespace sparsescope::cli {

namespace {

std::string rangeText(const core::DegradationInfo &info)
{
    if (!info.continuous)
        return "only these";
    char text[64];
    std::snprintf(text, sizeof text, "%g..%g", info.minimum, info.maximum);
    return text;
}

} // namespace

void DegradeCommand::setup(CLI::App &parent, GlobalOptions &global)
{
    m_global = &global;
    m_app = parent.add_subcommand("degrade",
                                  "Apply one of the image degradations of Geirhos et al. (2018) "
                                  "to an image, or list them");
    m_app->add_flag("--list", m_list, "list the degradation types, their levels and ranges");
    m_app->add_option("--input", m_input, "image to degrade (PNG, JPEG, ...)");
    m_app->add_option("--type", m_arguments.type, "degradation type (see --list)");
    m_app->add_option("--level", m_level,
                      "severity: a number or a level label (bw, inf, pow, ...)");
    m_app->add_option("--seed", m_arguments.seed,
                      "random seed (default: the reference's, 42 for the noises, else 0)");
    m_app->add_option("--spectrum", m_arguments.spectrum,
                      "mean amplitude spectrum (.npy) for power-equalisation");
    m_app->add_option("--output", m_output, "8-bit image to write (truncation, as the reference)");
    m_app->add_option("--float", m_float, "also write the float result as a 32-bit TIFF");
}

int DegradeCommand::run(std::stop_token)
{
    if (m_list) {
        std::printf("%-19s %-44s %-10s %s\n", "type", "level", "range", "paper levels");
        for (const auto &info : core::DegradationRegistry::entries()) {
            std::string labels;
            for (const auto &label : info.labels)
                labels += (labels.empty() ? "" : ",") + label;
            std::string notes;
            if (info.colourOnly)
                notes += " [colour input]";
            if (info.random)
                notes += " [seed " + std::to_string(info.defaultSeed) + "]";
            if (info.needsSpectrum)
                notes += " [--spectrum]";
            std::printf("%-19s %-44s %-10s %s%s\n", info.name.c_str(), info.parameter.c_str(),
                        rangeText(info).c_str(), labels.c_str(), notes.c_str());
        }
        return 0;
    }
    if (m_input.empty() || m_arguments.type.empty() || m_level.empty() || m_output.empty())
        throw core::Error({}, "degrade needs --input, --type, --level and --output",
                          "or --list to see the types");
    const core::DegradationInfo &info = m_arguments.info();
    core::DegradationSettings settings;
    settings.level = core::DegradationRegistry::parseLevel(info, m_level);
    settings.seed = m_arguments.seedOrDefault();
    settings.spectrum = m_arguments.loadSpectrum();
    const core::FloatImage input = core::ImageFile::read(m_input);
    try {
        // A float TIFF may hold anything; 8- and 16-bit files are in range by construction.
        core::DegradationRegistry::checkValues(input);
    } catch (const core::Error &e) {
        throw core::Error(m_input, e.problem(), e.hint());
    }
    const core::FloatImage out = core::DegradationRegistry::apply(info.name, input, settings);
    core::ImageFile::write(m_output, out);
    if (!m_float.empty())
        core::ImageFile::writeFloatTiff(m_float, out);
    if (!m_global->quiet)
        std::printf(
            "wrote %s (%s %s, seed %u, %dx%d, %d channel%s)\n", m_output.c_str(), info.name.c_str(),
            core::DegradationRegistry::levelLabel(info, settings.level).c_str(), settings.seed,
            out.width, out.height, out.channels, out.channels == 1 ? "" : "s");
    return 0;
}

} // namespace sparsescope::cli
