// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/sparsity/Thinner.h"

#include "models/BuiltinModel.h"
#include "sparsescope/core/Error.h"

#include <nlohmann/json.hpp>

namespace sparsescope::core {

namespace {

/// Indices where `mask` (1-D bool) is true.
std::vector<std::int64_t> indicesOf(const torch::Tensor &mask)
{
    const auto idx = mask.nonzero().flatten().contiguous();
    return {idx.data_ptr<std::int64_t>(), idx.data_ptr<std::int64_t>() + idx.numel()};
}

/// One layer during thinning: working copies of its weight and bias, and which of its original
/// inputs it still reads.
struct Work
{
    std::string name;
    torch::Tensor weight; ///< [N, C, kh, kw] or [N, In]
    torch::Tensor bias;
    std::vector<std::int64_t> inputs; ///< original input indices still read
};

} // namespace

bool Thinner::supports(const Model &model)
{
    const auto arch = model.isValid() && !model.isTorchScript() ? model.architecture() : "";
    return arch == "lenet5" || arch == "lenet-300-100" || arch == "mlp";
}

ThinningResult Thinner::thin(const Model &model)
{
    if (!supports(model))
        throw Error(model.isValid() ? model.architecture() : "model",
                    "thinning is implemented for lenet5, lenet-300-100 and mlp so far");
    torch::NoGradGuard noGrad;
    const auto before = model.structure();
    std::vector<Work> work;
    for (const auto &layer : weightLayers(model.impl())) {
        Work w {layer.name,
                layer.weight.detach().clone(),
                layer.bias.defined() ? layer.bias.detach().clone() : torch::Tensor(),
                {}};
        for (std::int64_t i = 0; i < w.weight.size(1); ++i)
            w.inputs.push_back(i);
        work.push_back(std::move(w));
    }
    // The first layer reads only the input channels / pixels it has weights for.
    {
        auto &first = work.front();
        const auto used
            = first.weight.ne(0).transpose(0, 1).reshape({first.weight.size(1), -1}).any(1);
        first.inputs = indicesOf(used);
        first.weight = first.weight.index_select(1, torch::tensor(first.inputs));
    }
    // Every transition: keep a unit when it has weights and the next layer reads it; fold the
    // constant output relu(bias) of a weightless unit that is still read into the next bias.
    for (std::size_t i = 0; i + 1 < work.size(); ++i) {
        auto &cur = work[i];
        auto &next = work[i + 1];
        const std::int64_t units = cur.weight.size(0);
        const std::int64_t perUnit = next.weight.size(1) / units; // 1, or H·W features of a channel
        const auto nextColumns
            = next.weight.ne(0).transpose(0, 1).reshape({next.weight.size(1), -1});
        const auto read = nextColumns.any(1).reshape({units, perUnit}); // [units, perUnit]
        const auto hasWeights = cur.weight.reshape({units, -1}).ne(0).any(1);
        const auto keep = hasWeights.logical_and(read.any(1));
        if (cur.bias.defined()) {
            const auto constant = cur.bias.relu().masked_fill(hasWeights, 0); // [units]
            if (constant.ne(0).any().item<bool>()) {
                // Contribution of a constant input to every output of the next layer.
                auto w = next.weight.reshape({next.weight.size(0), units, perUnit, -1}).sum({2, 3});
                if (!next.bias.defined())
                    next.bias = torch::zeros({next.weight.size(0)});
                next.bias += w.matmul(constant);
            }
        }
        const auto keptUnits = torch::tensor(indicesOf(keep));
        cur.weight = cur.weight.index_select(0, keptUnits);
        if (cur.bias.defined())
            cur.bias = cur.bias.index_select(0, keptUnits);
        // The next layer's inputs: features of kept units that it reads.
        const auto featureMask = read.index_select(0, keptUnits).reshape({-1});
        auto original = (keptUnits.unsqueeze(1) * perUnit + torch::arange(perUnit).unsqueeze(0))
                            .reshape({-1});
        next.weight = next.weight.index_select(1, original.masked_select(featureMask));
        next.inputs = indicesOf(featureMask); // relative to the thinned previous output
        if (static_cast<std::int64_t>(next.inputs.size()) == keptUnits.numel() * perUnit)
            next.inputs.clear(); // reads all of it
    }

    ModelOptions options = model.options();
    options.widths.clear();
    options.keptInputs.clear();
    for (std::size_t i = 0; i < work.size(); ++i) {
        if (i + 1 < work.size())
            options.widths[work[i].name] = static_cast<int>(work[i].weight.size(0));
        const bool firstAll = i == 0
            && static_cast<std::int64_t>(work[0].inputs.size()) == before.layers[0].weightShape[1];
        if (!work[i].inputs.empty() && !firstAll)
            options.keptInputs[work[i].name] = work[i].inputs;
    }
    auto thin = std::make_shared<BuiltinModel>(model.architecture(), options);
    auto layers = weightLayers(*thin);
    if (layers.size() != work.size())
        throw std::logic_error("thinned architecture has a different layer count");
    for (std::size_t i = 0; i < work.size(); ++i) {
        if (!layers[i].weight.sizes().equals(work[i].weight.sizes()))
            throw std::logic_error("thinned layer " + work[i].name + " has the wrong shape");
        layers[i].weight.detach().copy_(work[i].weight);
        if (layers[i].bias.defined())
            layers[i].bias.detach().copy_(
                work[i].bias.defined() ? work[i].bias : torch::zeros_like(layers[i].bias));
    }
    const auto source = dynamic_cast<const BuiltinModel &>(model.impl()).net().named_buffers();
    for (auto &buffer : thin->net().named_buffers())
        buffer.value().copy_(source[buffer.key()]);
    thin->setTraining(false);

    ThinningResult result;
    result.model = ModelImpl::wrap(thin);
    const auto after = result.model.structure();
    for (std::size_t i = 0; i < before.layers.size() && i < after.layers.size(); ++i) {
        const auto &b = before.layers[i];
        const auto &a = after.layers[i];
        result.layers.push_back({b.name, b.weightShape[0], a.weightShape[0], b.weightShape[1],
                                 a.weightShape[1], b.parameters, a.parameters, b.macs, a.macs});
    }
    return result;
}

std::string ThinningResult::toJson() const
{
    nlohmann::json layersJson = nlohmann::json::array();
    std::int64_t pb = 0, pa = 0, mb = 0, ma = 0;
    for (const auto &l : layers) {
        layersJson.push_back({{"layer", l.name},
                              {"outputs", {l.outputsBefore, l.outputsAfter}},
                              {"inputs", {l.inputsBefore, l.inputsAfter}},
                              {"parameters", {l.parametersBefore, l.parametersAfter}},
                              {"macs", {l.macsBefore, l.macsAfter}}});
        pb += l.parametersBefore;
        pa += l.parametersAfter;
        mb += l.macsBefore;
        ma += l.macsAfter;
    }
    nlohmann::json j = {{"architecture", model.isValid() ? model.architecture() : ""},
                        {"note", "[before, after] per layer"},
                        {"layers", layersJson},
                        {"parameters", {pb, pa}},
                        {"macs", {mb, ma}}};
    return j.dump(2);
}

} // namespace sparsescope::core
