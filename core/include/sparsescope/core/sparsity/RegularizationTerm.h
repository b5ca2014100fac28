// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

namespace sparsescope::core {

/// One penalty of a training run: a regularizer (RegularizerRegistry name or its short alias:
/// filter, channel, shape, kernel, depth, l1, l2), the layers it applies to (a glob over layer
/// names such as "conv*" or "layer1.*"; "*" is every conv and linear layer) and its strength λ.
struct RegularizationTerm
{
    std::string layers = "*";
    std::string type;
    double strength = 0.0;

    bool operator==(const RegularizationTerm &) const = default;
};

} // namespace sparsescope::core
