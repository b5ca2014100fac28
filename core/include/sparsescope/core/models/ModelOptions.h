// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <vector>

namespace sparsescope::core {

/// What a built-in architecture is built for. Inputs are in [0, 1]; the model normalises them
/// with `mean`/`std` (one entry per channel, or empty for 0 / 1) as its first operation.
struct ModelOptions
{
    int inChannels = 1;
    int height = 28;
    int width = 28;
    int numClasses = 10;
    bool batchNorm = true; ///< ResNets and ConvNet
    std::vector<int> hidden; ///< MLP hidden sizes (default 256, 128)
    std::vector<float> mean;
    std::vector<float> std;

    std::string toJson() const;
    static ModelOptions fromJson(const std::string &json);
};

} // namespace sparsescope::core
