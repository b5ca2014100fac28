// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <vector>

namespace sparsescope::core {

/// Which rule Thinner applies to an architecture (the rules live in Thinner.cpp; a new model
/// that fits one of them declares it here and is thinned with no other change).
enum class ThinningRule {
    None, ///< not thinnable: Thinner refuses it
    Chain, ///< each weight layer reads only the previous one's outputs (ReLU between, pooling
           ///< without padding); the net honours ModelOptions::widths and keptInputs
    ConvNet, ///< SSL's CIFAR ConvNet: conv1…conv3 with BatchNorm bn1…bn3, then fc
    ResidualBlocks, ///< residual blocks "<stage>.<block>.conv1/conv2" with bn1/bn2 (ResNet-20/32)
};

/// A built-in architecture: stable name, what it is, and what it can do. Every consumer asks
/// these fields instead of testing names.
struct ModelEntry
{
    std::string name;
    std::string description;
    std::string displayName; ///< the name people know ("LeNet-5"); empty: `name`
    ThinningRule thinning = ThinningRule::None;
    /// The regularizer aliases (RegularizerRegistry) that have groups in this architecture: the
    /// strength editor offers these, in registry order.
    std::vector<std::string> groupTypes;

    bool thinnable() const { return thinning != ThinningRule::None; }
    const std::string &shownName() const { return displayName.empty() ? name : displayName; }
};

/// The table of built-in architectures, looked up by stable name. Models register in
/// ModelRegistry.cpp (one line each) or, from code that links the core's private side (tests,
/// plug-ins), through registerNet() in models/NetFactory_p.h.
class ModelRegistry
{
public:
    static std::vector<ModelEntry> entries();
    static bool contains(const std::string &name);
    /// nullptr when `name` is not registered.
    static const ModelEntry *find(const std::string &name);
};

} // namespace sparsescope::core
