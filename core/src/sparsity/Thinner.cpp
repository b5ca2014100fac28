// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/sparsity/Thinner.h"

#include "common/JsonFields_p.h"
#include "models/BuiltinModel.h"
#include "sparsescope/core/Error.h"
#include "sparsescope/core/models/ModelRegistry.h"
#include "sparsity/SparsityEngine.h"

#include <nlohmann/json.hpp>

#include <set>

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

/// Input channels / features that `next` reads of each of `units` producer units
/// (perUnit consecutive inputs per unit).
torch::Tensor readUnits(const torch::Tensor &next, std::int64_t units)
{
    const auto columns = next.ne(0).transpose(0, 1).reshape({next.size(1), -1}).any(1);
    return columns.reshape({units, -1}).any(1);
}

/// BatchNorm (eval) applied to a per-channel constant `value` [C]; identity when `prefix`
/// names no BatchNorm in `source`.
torch::Tensor batchNormOfConstant(const torch::OrderedDict<std::string, torch::Tensor> &source,
                                  const std::string &prefix, const torch::Tensor &value)
{
    const auto *gamma = source.find(prefix + ".weight");
    if (!gamma)
        return value;
    const auto &mean = source[prefix + ".running_mean"];
    const auto &var = source[prefix + ".running_var"];
    const auto &beta = source[prefix + ".bias"];
    return (value - mean) / (var + 1e-5).sqrt() * *gamma + beta;
}

/// Selects `index` along `dim` of every named tensor starting with `prefix.` in `values`
/// (a conv's weight and bias, or a BatchNorm's four tensors).
void selectAll(std::map<std::string, torch::Tensor> &values, const std::string &prefix, int dim,
               const torch::Tensor &index)
{
    for (auto &[name, tensor] : values)
        if (name.rfind(prefix + ".", 0) == 0
            && name.find('.', prefix.size() + 1) == std::string::npos && tensor.dim() > dim
            && name.find("num_batches_tracked") == std::string::npos)
            tensor = tensor.index_select(dim, index);
}

std::vector<std::int64_t> toIndexVector(const torch::Tensor &index)
{
    const auto c = index.to(torch::kInt64).contiguous();
    return {c.data_ptr<std::int64_t>(), c.data_ptr<std::int64_t>() + c.numel()};
}

/// ThinningRule::Chain (lenet5, lenet-300-100, mlp): a chain of layers where each layer reads only
/// the previous one's outputs (ReLU between, max-pooling without padding for the convs).
void thinChain(const Model &model, ModelOptions &options,
               std::map<std::string, torch::Tensor> &values)
{
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
    const std::int64_t firstInputs = work.front().weight.size(1);
    // The first layer reads only the input channels / pixels it has weights for.
    {
        auto &first = work.front();
        const auto used
            = first.weight.ne(0).transpose(0, 1).reshape({first.weight.size(1), -1}).any(1);
        first.inputs = indicesOf(used);
        if (first.inputs.empty())
            first.inputs = {0}; // an all-zero first layer still reads one (zero-weighted) input
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
        auto keep = hasWeights.logical_and(read.any(1));
        // Nothing of this layer reaches the next one (every unit weightless or unread): keep
        // one unit with zero weights and bias as a placeholder, so that the layer still exists
        // (a width of 0 cannot be built); its output is 0 and the constants are folded below.
        const bool placeholder = !keep.any().item<bool>();
        if (placeholder) {
            keep = torch::zeros_like(keep);
            keep[0] = true;
        }
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
        if (placeholder) {
            cur.weight = torch::zeros_like(cur.weight);
            if (cur.bias.defined())
                cur.bias = torch::zeros_like(cur.bias);
        }
        // The next layer's inputs: features of kept units that it reads (all of the
        // placeholder's, which are 0).
        const auto featureMask = placeholder ? torch::ones({perUnit}, torch::kBool)
                                             : read.index_select(0, keptUnits).reshape({-1});
        auto original = (keptUnits.unsqueeze(1) * perUnit + torch::arange(perUnit).unsqueeze(0))
                            .reshape({-1});
        next.weight = next.weight.index_select(1, original.masked_select(featureMask));
        next.inputs = indicesOf(featureMask); // relative to the thinned previous output
        if (static_cast<std::int64_t>(next.inputs.size()) == keptUnits.numel() * perUnit)
            next.inputs.clear(); // reads all of it
    }
    for (std::size_t i = 0; i < work.size(); ++i) {
        if (i + 1 < work.size())
            options.widths[work[i].name] = static_cast<int>(work[i].weight.size(0));
        const bool firstAll
            = i == 0 && static_cast<std::int64_t>(work[0].inputs.size()) == firstInputs;
        if (!work[i].inputs.empty() && !firstAll)
            options.keptInputs[work[i].name] = work[i].inputs;
        values[work[i].name + ".weight"] = work[i].weight;
        values[work[i].name + ".bias"]
            = work[i].bias.defined() ? work[i].bias : torch::zeros({work[i].weight.size(0)});
    }
}

/// Keeps output channel k of conv layer `conv` (followed by BatchNorm `bn` when present and a
/// ReLU somewhere before the consumer) unless the consumer does not read it, or its filter is
/// zero and its constant output after BatchNorm and ReLU is exactly 0. A zero filter with a
/// non-zero constant is kept: with zero padding downstream its effect is not a constant, so
/// folding it would change the function.
torch::Tensor keptChannels(const std::map<std::string, torch::Tensor> &values,
                           const torch::OrderedDict<std::string, torch::Tensor> &source,
                           const std::string &conv, const std::string &bn,
                           const torch::Tensor &consumerWeight)
{
    const auto &w = values.at(conv + ".weight");
    const std::int64_t units = w.size(0);
    const auto hasWeights = w.reshape({units, -1}).ne(0).any(1);
    const auto bias
        = values.count(conv + ".bias") ? values.at(conv + ".bias") : torch::zeros({units});
    const auto constant = batchNormOfConstant(source, bn, bias).relu();
    const auto useful = hasWeights.logical_or(constant.ne(0));
    return torch::tensor(indicesOf(useful.logical_and(readUnits(consumerWeight, units))));
}

void thinConvNet(const Model &model, ModelOptions &options,
                 std::map<std::string, torch::Tensor> &values,
                 const torch::OrderedDict<std::string, torch::Tensor> &source)
{
    const char *convs[] = {"conv1", "conv2", "conv3"};
    const char *bns[] = {"bn1", "bn2", "bn3"};
    for (int i = 0; i < 3; ++i) {
        const std::string consumer = i < 2 ? std::string(convs[i + 1]) : "fc";
        const auto &cw = values.at(consumer + ".weight");
        const auto keep = keptChannels(values, source, convs[i], bns[i], cw);
        const std::int64_t units = values.at(std::string(convs[i]) + ".weight").size(0);
        if (keep.numel() == units)
            continue;
        if (keep.numel() == 0)
            throw Error(model.architecture(),
                        std::string("layer ") + convs[i]
                            + " would lose every channel; nothing left to run");
        selectAll(values, convs[i], 0, keep);
        selectAll(values, bns[i], 0, keep);
        const std::int64_t perUnit = cw.size(1) / units;
        const auto features
            = (keep.unsqueeze(1) * perUnit + torch::arange(perUnit).unsqueeze(0)).reshape({-1});
        values[consumer + ".weight"] = cw.index_select(1, features);
        options.widths[convs[i]] = static_cast<int>(keep.numel());
    }
}

void thinResNet(const Model &model, ModelOptions &options,
                std::map<std::string, torch::Tensor> &values,
                const torch::OrderedDict<std::string, torch::Tensor> &source)
{
    std::set<std::string> blocks;
    for (const auto &layer : weightLayers(model.impl()))
        if (auto key = SparsityEngine::blockKey(layer.name); key != layer.name)
            blocks.insert(key);
    for (const auto &block : blocks) {
        const auto conv1 = block + ".conv1", conv2 = block + ".conv2";
        const auto &w2 = values.at(conv2 + ".weight");
        const auto gamma2 = values.find(block + ".bn2.weight");
        const bool zeroScale = gamma2 != values.end() && !gamma2->second.ne(0).any().item<bool>();
        if (zeroScale || !w2.ne(0).any().item<bool>()) {
            // The branch computes a constant: BN2 of conv2's bias (BN2's shift when its scale is
            // zero). Keep shortcut + constant.
            const auto bias = values.count(conv2 + ".bias") ? values.at(conv2 + ".bias")
                                                            : torch::zeros({w2.size(0)});
            const auto constant = batchNormOfConstant(source, block + ".bn2", bias);
            for (auto it = values.begin(); it != values.end();) {
                const auto &name = it->first;
                const bool branch = name.rfind(block + ".conv", 0) == 0
                    || name.rfind(block + ".bn1.", 0) == 0 || name.rfind(block + ".bn2.", 0) == 0;
                it = branch ? values.erase(it) : std::next(it);
            }
            values[block + ".constant"] = constant.reshape({1, -1, 1, 1});
            options.removedBlocks.push_back(block);
            continue;
        }
        const auto keep = keptChannels(values, source, conv1, block + ".bn1", w2);
        const std::int64_t units = values.at(conv1 + ".weight").size(0);
        if (keep.numel() == units)
            continue;
        if (keep.numel() == 0)
            throw std::logic_error("a block with a non-zero conv2 reads no channel");
        selectAll(values, conv1, 0, keep);
        selectAll(values, block + ".bn1", 0, keep);
        values[conv2 + ".weight"] = w2.index_select(1, keep);
        options.widths[conv1] = static_cast<int>(keep.numel());
    }
}

/// Conv layers whose zero filter-shape columns make up at least `minFraction` of their columns
/// run lowered over the kept columns; their weight becomes [N, K, 1, 1].
void lowerColumns(const Model &model, double minFraction, ModelOptions &options,
                  std::map<std::string, torch::Tensor> &values)
{
    for (const auto &layer : weightLayers(model.impl())) {
        if (layer.kind != "conv")
            continue;
        const auto it = values.find(layer.name + ".weight");
        if (it == values.end() || it->second.dim() != 4)
            continue; // a removed block's conv
        const auto &w = it->second;
        const std::int64_t n = w.size(0);
        const auto kept = w.reshape({n, -1}).ne(0).any(0);
        const std::int64_t k = kept.sum().item<std::int64_t>(), all = kept.numel();
        if (k == 0 || k == all || double(all - k) < minFraction * double(all))
            continue;
        const auto columns = torch::tensor(indicesOf(kept));
        options.keptColumns[layer.name] = toIndexVector(columns);
        it->second = w.reshape({n, -1}).index_select(1, columns).reshape({n, k, 1, 1});
    }
}

ThinningRule ruleOf(const std::string &architecture)
{
    const ModelEntry *entry = ModelRegistry::find(architecture);
    return entry ? entry->thinning : ThinningRule::None;
}

} // namespace

bool Thinner::supports(const Model &model)
{
    return model.isValid() && !model.isTorchScript()
        && ruleOf(model.architecture()) != ThinningRule::None;
}

ThinningResult Thinner::thin(const Model &model, const ThinOptions &thinOptions)
{
    if (!model.isValid() || model.isTorchScript())
        throw Error(model.isValid() ? model.architecture() : "model",
                    "thinning needs a built-in architecture; TorchScript modules are not thinned");
    torch::NoGradGuard noGrad;
    const auto before = model.structure();
    const auto &net = dynamic_cast<const BuiltinModel &>(model.impl()).net();
    auto source = net.named_parameters();
    for (const auto &buffer : net.named_buffers())
        source.insert(buffer.key(), buffer.value());
    std::map<std::string, torch::Tensor> values;
    for (const auto &item : source)
        values[item.key()] = item.value().detach().clone().contiguous();

    ModelOptions options = model.options();
    if (!options.widths.empty() || !options.keptInputs.empty() || !options.keptColumns.empty()
        || !options.removedBlocks.empty())
        throw Error(model.architecture(),
                    "this model is already thinned; thin the trained model "
                    "it came from");
    const auto arch = model.architecture();
    switch (ruleOf(arch)) {
    case ThinningRule::Chain:
        thinChain(model, options, values);
        break;
    case ThinningRule::ConvNet:
        thinConvNet(model, options, values, source);
        break;
    case ThinningRule::ResidualBlocks:
        thinResNet(model, options, values, source);
        break;
    case ThinningRule::None:
        throw Error(arch, "this architecture is not thinnable (its registry entry has no rule)");
    }
    if (thinOptions.columns)
        lowerColumns(model, thinOptions.minColumnFraction, options, values);

    auto thin = std::make_shared<BuiltinModel>(arch, options);
    auto target = thin->net().named_parameters();
    for (const auto &buffer : thin->net().named_buffers())
        target.insert(buffer.key(), buffer.value());
    for (auto &item : target) {
        const auto it = values.find(item.key());
        if (it == values.end())
            throw std::logic_error("thinning left no value for " + item.key());
        if (!item.value().sizes().equals(it->second.sizes()))
            throw std::logic_error("thinned tensor " + item.key() + " has the wrong shape");
        item.value().detach().copy_(it->second);
    }
    thin->setTraining(false);

    ThinningResult result;
    result.model = ModelImpl::wrap(thin);
    const auto after = result.model.structure();
    std::map<std::string, const LayerInfo *> afterByName;
    for (const auto &a : after.layers)
        afterByName[a.name] = &a;
    for (const auto &b : before.layers) {
        ThinnedLayer t {b.name, b.weightShape[0], 0, b.weightShape[1], 0, b.parameters,
                        0,      b.macs,           0};
        if (auto it = afterByName.find(b.name); it != afterByName.end()) {
            const auto &a = *it->second;
            t.outputsAfter = a.weightShape[0];
            t.inputsAfter = a.weightShape[1];
            t.parametersAfter = a.parameters;
            t.macsAfter = a.macs;
            if (auto c = options.keptColumns.find(b.name); c != options.keptColumns.end()) {
                // Lowered: K kept columns of C·kh·kw; report kept input channels.
                std::set<std::int64_t> channels;
                const std::int64_t kk = b.weightShape[2] * b.weightShape[3];
                for (auto col : c->second)
                    channels.insert(col / kk);
                t.inputsAfter = static_cast<std::int64_t>(channels.size());
                t.columnsBefore = b.weightShape[1] * kk;
                t.columnsAfter = static_cast<std::int64_t>(c->second.size());
            }
        }
        if (t.columnsBefore == 0 && b.weightShape.size() == 4) {
            const std::int64_t kk = b.weightShape[2] * b.weightShape[3];
            t.columnsBefore = b.weightShape[1] * kk;
            t.columnsAfter = t.inputsAfter * kk;
        }
        result.layers.push_back(t);
    }
    result.removedBlocks = options.removedBlocks;
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
        if (l.columnsBefore > 0)
            layersJson.back()["columns"] = {l.columnsBefore, l.columnsAfter};
        pb += l.parametersBefore;
        pa += l.parametersAfter;
        mb += l.macsBefore;
        ma += l.macsAfter;
    }
    nlohmann::json j = {{"architecture", model.isValid() ? model.architecture() : ""},
                        {"note", "[before, after] per layer"},
                        {"layers", layersJson},
                        {"parameters", {pb, pa}},
                        {"macs", {mb, ma}},
                        {"removed_blocks", removedBlocks}};
    return json_fields::dump(j, 2);
}

} // namespace sparsescope::core
