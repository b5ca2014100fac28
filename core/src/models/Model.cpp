// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/models/Model.h"

#include "models/BuiltinModel.h"
#include "models/ModelImpl_p.h"
#include "models/ScriptModel.h"
#include "models/ZipDirectory_p.h"
#include "sparsescope/core/Error.h"
#include "sparsescope/core/data/Dataset.h"
#include "sparsescope/core/models/ModelFile.h"
#include "sparsescope/core/models/ModelRegistry.h"

#include <filesystem>

namespace sparsescope::core {

namespace fs = std::filesystem;

Model::Model() = default;
Model::~Model() = default;
Model::Model(const Model &) = default;
Model &Model::operator=(const Model &) = default;
Model::Model(std::shared_ptr<ModelImpl> impl)
    : m_impl(std::move(impl))
{ }

Model Model::create(const std::string &architecture, const ModelOptions &options,
                    std::uint64_t seed)
{
    torch::manual_seed(seed);
    return Model(std::make_shared<BuiltinModel>(architecture, options));
}

bool Model::isRegistryName(const std::string &reference)
{
    return ModelRegistry::contains(reference);
}

Model Model::loadFor(const std::string &reference, const Dataset &data)
{
    ModelOptions options;
    options.inChannels = data.channels();
    options.height = data.height();
    options.width = data.width();
    options.numClasses = data.numClasses();
    return load(reference, options);
}

Model Model::load(const std::string &reference, const ModelOptions &options)
{
    if (isRegistryName(reference))
        return create(reference, options);
    fs::path path(reference);
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
        path /= "model.pt";
        if (!fs::exists(path, ec))
            throw Error(reference, "is a folder without model.pt",
                        "give a run folder, a model file or a built-in name");
    } else if (!fs::exists(path, ec)) {
        throw Error(reference, "no such model file or built-in architecture",
                    "sparsescope-cli models lists the built-in ones");
    }
    const std::string file = path.string();
    ZipDirectory::read(file); // SparseScope's checks before LibTorch sees the file
    try {
        torch::serialize::InputArchive archive;
        archive.load_from(file);
        c10::IValue meta;
        if (archive.try_read(BuiltinModel::kMetaKey, meta) && meta.isString())
            return Model(BuiltinModel::fromArchive(archive, meta.toStringRef(), file));
        auto module = torch::jit::load(file);
        return Model(std::make_shared<ScriptModel>(std::move(module), file));
    } catch (const c10::Error &e) {
        std::string what = e.what_without_backtrace();
        what = what.substr(0, what.find('\n'));
        throw Error(file, "not a LibTorch archive or TorchScript file (" + what + ")");
    }
}

Model Model::loadWithoutCode(const std::string &reference, const ModelOptions &options)
{
    if (isRegistryName(reference))
        return create(reference, options);
    const ModelFile file = ModelFile::inspect(reference);
    if (file.containsCode())
        throw Error(file.path(),
                    "is a TorchScript file with code (" + file.codeRecords().front()
                        + "), which runs when it is loaded; not loaded without your consent");
    return load(file.path(), options);
}

void Model::save(const std::string &path) const
{
    m_impl->save(path);
}

Model Model::clone() const
{
    return Model(m_impl->clone());
}

bool Model::isTorchScript() const
{
    return m_impl->isTorchScript();
}

std::string Model::architecture() const
{
    return m_impl->architecture();
}

const ModelOptions &Model::options() const
{
    return m_impl->options();
}

ModelStructure Model::structure() const
{
    return m_impl->structure();
}

std::int64_t Model::parameterCount() const
{
    std::int64_t total = 0;
    for (const auto &p : m_impl->parameters())
        total += p.numel();
    return total;
}

Evaluation Model::evaluate(const Dataset &data, int batchSize, bool keepLogits) const
{
    return evaluateModel(*m_impl, data, batchSize, keepLogits);
}

std::vector<WeightLayer> weightLayers(const ModelImpl &model)
{
    std::vector<WeightLayer> layers;
    const auto named = model.namedParameters();
    const std::string suffix = ".weight";
    for (const auto &[name, tensor] : named) {
        const bool endsWithWeight = name.size() > suffix.size()
            && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
        const bool bare = name == "weight";
        if (!endsWithWeight && !bare)
            continue;
        if (tensor.dim() != 4 && tensor.dim() != 2)
            continue;
        WeightLayer layer;
        layer.name = bare ? std::string() : name.substr(0, name.size() - suffix.size());
        layer.kind = tensor.dim() == 4 ? "conv" : "linear";
        layer.weight = tensor;
        const std::string biasName = bare ? "bias" : layer.name + ".bias";
        for (const auto &[otherName, other] : named)
            if (otherName == biasName)
                layer.bias = other;
        layers.push_back(std::move(layer));
    }
    return layers;
}

Evaluation evaluateModel(ModelImpl &model, const Dataset &data, int batchSize, bool keepLogits,
                         const std::stop_token *stop)
{
    Evaluation result;
    if (data.empty())
        return result;
    if (batchSize <= 0)
        batchSize = 256;
    torch::NoGradGuard noGrad;
    model.setTraining(false);
    const auto c = data.channels(), h = data.height(), w = data.width();
    std::vector<float> images(std::size_t(batchSize) * c * h * w);
    std::vector<std::int64_t> labels(batchSize);
    std::vector<std::size_t> positions(batchSize);
    double lossSum = 0.0;
    for (std::size_t start = 0; start < data.size(); start += batchSize) {
        if (stop && stop->stop_requested())
            break;
        const std::size_t n = std::min<std::size_t>(batchSize, data.size() - start);
        for (std::size_t i = 0; i < n; ++i)
            positions[i] = start + i;
        data.fill(positions.data(), n, images.data(), labels.data());
        auto x = torch::from_blob(images.data(), {std::int64_t(n), c, h, w}, torch::kFloat32);
        auto y = torch::from_blob(labels.data(), {std::int64_t(n)}, torch::kInt64);
        torch::Tensor logits;
        try {
            logits = model.forward(x);
        } catch (const c10::Error &e) {
            std::string what = e.what_without_backtrace();
            throw Error(model.architecture(),
                        "cannot run on " + data.source() + " (input " + std::to_string(c) + "x"
                            + std::to_string(h) + "x" + std::to_string(w)
                            + "): " + what.substr(0, what.find('\n')));
        }
        if (logits.dim() != 2 || logits.size(0) != std::int64_t(n)
            || logits.size(1) < data.numClasses())
            throw Error(model.architecture(),
                        "gives logits of shape [" + std::to_string(logits.size(0)) + ", "
                            + (logits.dim() > 1 ? std::to_string(logits.size(1)) : "?") + "] for "
                            + std::to_string(data.numClasses()) + " classes");
        result.numClasses = static_cast<int>(logits.size(1));
        lossSum += torch::nn::functional::cross_entropy(
                       logits, y,
                       torch::nn::functional::CrossEntropyFuncOptions().reduction(torch::kSum))
                       .item<double>();
        result.correct += logits.argmax(1).eq(y).sum().item<std::int64_t>();
        result.count += n;
        if (keepLogits) {
            auto contiguous = logits.contiguous();
            const float *p = contiguous.data_ptr<float>();
            result.logits.insert(result.logits.end(), p, p + contiguous.numel());
        }
    }
    result.loss = result.count ? lossSum / double(result.count) : 0.0;
    return result;
}

} // namespace sparsescope::core
