// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <vector>

namespace sparsescope::core {

/// What a registered attack is (the CLI's --list, the GUI's menu and the tests enumerate these).
struct AttackInfo
{
    std::string name; ///< stable: fgsm, bim, pgd-linf, pgd-l2, deepfool, cw-l2
    std::string norm; ///< "linf" or "l2"
    bool usesEpsilon = true; ///< false for minimal-perturbation attacks (deepfool, cw-l2)
    bool supportsTargets = true;
    std::string description;
};

/// The table of attacks: one line per attack in AttackRegistry.cpp.
class AttackRegistry
{
public:
    static const std::vector<AttackInfo> &list();
    static std::vector<std::string> names();
    /// Throws core::Error listing the known names when `name` is unknown.
    static const AttackInfo &info(const std::string &name);
};

} // namespace sparsescope::core
