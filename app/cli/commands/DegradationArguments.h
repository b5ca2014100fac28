// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsescope/core/degradations/DegradationRegistry.h"

#include <CLI/CLI.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace sparsescope::cli {

/// The options the degradation commands share: --type, --seed and --spectrum, and their parsing
/// into core values.
struct DegradationArguments
{
    std::string type;
    std::optional<std::uint32_t> seed;
    std::string spectrum;

    /// Declares --type (required), --seed and --spectrum on `command`.
    void declare(CLI::App &command);
    /// The registry entry of --type (core::Error naming the known types when unknown).
    const core::DegradationInfo &info() const;
    /// --seed, or the type's default (the seed of the reference stimuli).
    std::uint32_t seedOrDefault() const;
    /// The spectrum of --spectrum, or nullptr when not given.
    std::shared_ptr<const core::AmplitudeSpectrum> loadSpectrum() const;
    /// "0.1,0.35,pow" → levels (labels or numbers); empty text: the paper's levels.
    std::vector<double> parseLevels(const std::string &text) const;
};

} // namespace sparsescope::cli
