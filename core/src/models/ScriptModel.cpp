// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/ScriptModel.h"

#include "common/CsvText_p.h"
#include "sparsescope/core/Error.h"

#include <ostream>

namespace sparsescope::core {

ScriptModel::ScriptModel(torch::jit::Module module, std::string path)
    : m_module(std::move(module))
    , m_path(std::move(path))
{
    for (auto p : m_module.parameters())
        p.set_requires_grad(true);
    // Options describe what is known: the classes from the last linear layer, the channels from
    // the first conv layer. Spatial size is unknown for a TorchScript module.
    const auto layers = weightLayers(*this);
    for (const auto &l : layers)
        if (l.kind == "conv") {
            m_options.inChannels = static_cast<int>(l.weight.size(1));
            break;
        }
    if (!layers.empty())
        m_options.numClasses = static_cast<int>(layers.back().weight.size(0));
    m_options.height = m_options.width = 0;
}

torch::Tensor ScriptModel::forward(const torch::Tensor &input)
{
    auto output = m_module.forward({input});
    if (!output.isTensor())
        throw Error(m_path, "forward() must return one tensor of logits");
    return output.toTensor();
}

std::vector<torch::Tensor> ScriptModel::parameters() const
{
    std::vector<torch::Tensor> out;
    for (auto p : m_module.parameters())
        out.push_back(p);
    return out;
}

std::vector<std::pair<std::string, torch::Tensor>> ScriptModel::namedParameters() const
{
    std::vector<std::pair<std::string, torch::Tensor>> out;
    for (const auto &item : m_module.named_parameters())
        out.emplace_back(item.name, item.value);
    return out;
}

void ScriptModel::save(const std::string &path) const
{
    try {
        replaceFileAtomically(path, [&](FileSink &sink) {
            std::ostream out(&sink);
            m_module.save(out);
        });
    } catch (const c10::Error &e) {
        throw Error(path, std::string("cannot write model: ") + e.what_without_backtrace());
    }
}

std::shared_ptr<ModelImpl> ScriptModel::clone() const
{
    return std::make_shared<ScriptModel>(m_module.clone(), m_path);
}

ModelStructure ScriptModel::structure() const
{
    ModelStructure s;
    s.architecture = architecture();
    for (const auto &l : weightLayers(*this)) {
        LayerInfo layer;
        layer.name = l.name;
        layer.kind = l.kind;
        layer.weightShape = l.weight.sizes().vec();
        layer.parameters = l.weight.numel() + (l.bias.defined() ? l.bias.numel() : 0);
        layer.nonzeroParameters = l.weight.count_nonzero().item<std::int64_t>()
            + (l.bias.defined() ? l.bias.count_nonzero().item<std::int64_t>() : 0);
        if (l.kind == "linear") {
            layer.macs = l.weight.numel();
            layer.outputShape = {l.weight.size(0)};
            s.totalMacs += layer.macs;
        }
        s.layers.push_back(std::move(layer));
    }
    for (const auto &p : parameters())
        s.totalParameters += p.numel();
    return s;
}

} // namespace sparsescope::core
