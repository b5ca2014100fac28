// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/Snapshots_p.h"

namespace sparsescope::core {

std::map<std::string, std::int64_t> outputAreas(const ModelImpl &model)
{
    std::map<std::string, std::int64_t> areas;
    for (const auto &layer : model.structure().layers) {
        if (layer.kind == "linear")
            areas[layer.name] = 1;
        else if (layer.kind == "conv" && layer.outputShape.size() == 3)
            areas[layer.name] = layer.outputShape[1] * layer.outputShape[2];
    }
    return areas;
}

std::vector<LayerStructure> layerStructures(const ModelImpl &model,
                                            const std::map<std::string, std::int64_t> &outputArea)
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
        const auto keptRows = nonzero.any(1);
        const auto keptColumns = nonzero.any(0);
        if (w.dim() == 4) {
            const auto perChannel = w.ne(0).any(3).any(2); // [N, C]
            s.channels = w.size(1);
            s.zeroChannels = s.channels - perChannel.any(0).sum().item<std::int64_t>();
            s.kernels = perChannel.numel();
            s.zeroKernels = s.kernels - perChannel.sum().item<std::int64_t>();
        } else {
            s.channels = s.columns;
            s.zeroChannels = s.zeroColumns;
        }
        if (auto it = outputArea.find(layer.name); it != outputArea.end()) {
            // The lowered GEMM after dropping all-zero rows and columns (methods.md §1.6).
            s.denseMacs = double(s.rows) * double(s.columns) * double(it->second);
            s.macs = double(keptRows.sum().item<std::int64_t>())
                * double(keptColumns.sum().item<std::int64_t>()) * double(it->second);
        }
        const auto norms = matrix.norm(2, {1}).contiguous();
        s.rowNorms.assign(norms.data_ptr<float>(), norms.data_ptr<float>() + norms.numel());
        const auto columnNorms = matrix.norm(2, {0}).contiguous();
        s.columnNorms.assign(columnNorms.data_ptr<float>(),
                             columnNorms.data_ptr<float>() + columnNorms.numel());
        if (w.dim() == 4) {
            const auto channelNorms
                = w.transpose(0, 1).reshape({w.size(1), -1}).norm(2, {1}).contiguous();
            s.channelNorms.assign(channelNorms.data_ptr<float>(),
                                  channelNorms.data_ptr<float>() + channelNorms.numel());
        } else {
            s.channelNorms = s.columnNorms;
        }
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
