// SPDX-License-Identifier: GPL-3.0-or-later
#include "training/Snapshots_p.h"

namespace sparsescope::core {

std::vector<LayerStructure> layerStructures(const ModelImpl &model)
{
    torch::NoGradGuard noGrad;
    std::vector<LayerStructure> out;
    for (const auto &layer : weightLayers(model)) {
        const auto w = layer.weight.detach();
        const auto matrix = w.reshape({w.size(0), -1});
        const auto nonzero = matrix.ne(0);
        LayerStructure s;
        s.name = layer.name;
        s.kind = layer.kind;
        s.shape = w.sizes().vec();
        s.parameters = w.numel();
        s.zeroParameters = s.parameters - nonzero.sum().item<std::int64_t>();
        s.rows = matrix.size(0);
        s.columns = matrix.size(1);
        s.zeroRows = s.rows - nonzero.any(1).sum().item<std::int64_t>();
        s.zeroColumns = s.columns - nonzero.any(0).sum().item<std::int64_t>();
        const auto norms = matrix.norm(2, {1}).contiguous();
        s.rowNorms.assign(norms.data_ptr<float>(), norms.data_ptr<float>() + norms.numel());
        out.push_back(std::move(s));
    }
    return out;
}

FilterImages firstConvFilters(const ModelImpl &model)
{
    torch::NoGradGuard noGrad;
    FilterImages images;
    for (const auto &layer : weightLayers(model)) {
        if (layer.kind != "conv")
            continue;
        const auto w = layer.weight.detach();
        auto mean = w.mean(1).contiguous(); // count × kh × kw
        const float lo = mean.min().item<float>();
        const float hi = mean.max().item<float>();
        auto scaled = hi > lo ? (mean - lo) / (hi - lo) : torch::zeros_like(mean);
        scaled = scaled.contiguous();
        images.layer = layer.name;
        images.count = static_cast<int>(w.size(0));
        images.height = static_cast<int>(w.size(2));
        images.width = static_cast<int>(w.size(3));
        images.pixels.assign(scaled.data_ptr<float>(), scaled.data_ptr<float>() + scaled.numel());
        const auto norms = w.reshape({w.size(0), -1}).norm(2, {1}).contiguous();
        images.norms.assign(norms.data_ptr<float>(), norms.data_ptr<float>() + norms.numel());
        break;
    }
    return images;
}

} // namespace sparsescope::core
