// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/BuiltinModel.h"

#include "common/CsvText_p.h"
#include "common/JsonFields_p.h"
#include "models/NetFactory_p.h"
#include "sparsescope/core/Error.h"

#include <nlohmann/json.hpp>

namespace sparsescope::core {

BuiltinModel::BuiltinModel(std::string architecture, const ModelOptions &options)
    : m_architecture(std::move(architecture))
    , m_net(createNet(m_architecture, options))
{
    if (!m_net)
        throw Error(m_architecture, "unknown model architecture",
                    "sparsescope-cli models lists the built-in ones");
    m_net->useChannelsLast();
}

std::shared_ptr<BuiltinModel> BuiltinModel::fromArchive(torch::serialize::InputArchive &archive,
                                                        const std::string &meta,
                                                        const std::string &path)
{
    std::string architecture;
    ModelOptions options;
    try {
        const auto j = json_fields::parse(meta, path);
        architecture = j.at("architecture").get<std::string>();
        options = ModelOptions::fromJson(json_fields::dump(j.at("options")));
    } catch (const nlohmann::json::exception &e) {
        throw Error(path, std::string("malformed model metadata: ") + e.what());
    }
    auto model = std::make_shared<BuiltinModel>(architecture, options);
    try {
        model->m_net->load(archive);
        model->m_net->useChannelsLast(); // loading replaces the parameters' storage
    } catch (const c10::Error &e) {
        throw Error(path,
                    "parameters do not match architecture " + architecture + ": "
                        + e.what_without_backtrace());
    }
    return model;
}

std::vector<std::pair<std::string, torch::Tensor>> BuiltinModel::namedParameters() const
{
    std::vector<std::pair<std::string, torch::Tensor>> out;
    for (const auto &item : m_net->named_parameters())
        out.emplace_back(item.key(), item.value());
    return out;
}

void BuiltinModel::save(const std::string &path) const
{
    torch::serialize::OutputArchive archive;
    m_net->save(archive);
    const nlohmann::json meta = {{"architecture", m_architecture},
                                 {"options", nlohmann::json::parse(m_net->options().toJson())},
                                 {"format", 1}};
    archive.write(kMetaKey, c10::IValue(json_fields::dump(meta)));
    try {
        replaceFileAtomically(path, [&](FileSink &sink) {
            archive.save_to(
                [&](const void *data, std::size_t size) { return sink.write(data, size); });
        });
    } catch (const c10::Error &e) {
        throw Error(path, std::string("cannot write model: ") + e.what_without_backtrace());
    }
}

std::shared_ptr<ModelImpl> BuiltinModel::clone() const
{
    auto copy = std::make_shared<BuiltinModel>(m_architecture, m_net->options());
    torch::NoGradGuard noGrad;
    auto source = m_net->named_parameters();
    for (auto &item : copy->m_net->named_parameters())
        item.value().copy_(source[item.key()]);
    auto sourceBuffers = m_net->named_buffers();
    for (auto &item : copy->m_net->named_buffers())
        item.value().copy_(sourceBuffers[item.key()]);
    copy->m_net->train(m_net->is_training());
    return copy;
}

ModelStructure BuiltinModel::structure() const
{
    ModelStructure s;
    s.architecture = m_architecture;
    const auto &o = m_net->options();
    s.inputShape = {o.inChannels, o.height, o.width};
    for (const auto &record : m_net->traceLayers()) {
        LayerInfo layer;
        layer.name = record.name;
        layer.kind = record.kind;
        layer.weightShape = record.weight.sizes().vec();
        layer.outputShape = record.outputShape;
        layer.parameters
            = record.weight.numel() + (record.bias.defined() ? record.bias.numel() : 0);
        layer.nonzeroParameters = record.weight.count_nonzero().item<std::int64_t>()
            + (record.bias.defined() ? record.bias.count_nonzero().item<std::int64_t>() : 0);
        layer.macs = record.macs;
        s.totalMacs += layer.macs;
        s.layers.push_back(std::move(layer));
    }
    for (const auto &p : m_net->parameters())
        s.totalParameters += p.numel();
    return s;
}

} // namespace sparsescope::core
