// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

namespace sparsescope::core {

/// A parsed dataset spec string, the one way CLI, GUI, configs and run folders name data:
/// `fashion-mnist:train`, `fashion-mnist:test`, `idx:IMAGES,LABELS`, `cifar10:DIR[:train|test]`,
/// `folder:DIR`. The kind selects a reader in ReaderRegistry.
struct DatasetSpec
{
    std::string kind; ///< registry name, e.g. "fashion-mnist"
    std::string argument; ///< everything after the first ':' (may be empty)
    std::string text; ///< the original spec string

    /// Throws core::Error when the spec has no known kind.
    static DatasetSpec parse(const std::string &spec);
};

} // namespace sparsescope::core
