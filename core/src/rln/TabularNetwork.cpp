// SPDX-License-Identifier: GPL-3.0-or-later
#include "rln/TabularNetwork.h"

#include "models/ModelImpl_p.h"

#include <chrono>
#include <cmath>
#include <limits>
#include <memory>
#include <numeric>
#include <random>

namespace sparsescope::core {

namespace {

torch::Tensor inputTensor(const TabularArrays &data)
{
    return torch::from_blob(const_cast<float *>(data.x.data()),
                            {std::int64_t(data.rows), 1, 1, std::int64_t(data.columns)},
                            torch::kFloat32)
        .clone();
}

torch::Tensor targetTensor(const TabularArrays &data, TabularTask task)
{
    auto y = torch::from_blob(const_cast<float *>(data.y.data()), {std::int64_t(data.rows)},
                              torch::kFloat32)
                 .clone();
    return task == TabularTask::Regression ? y.unsqueeze(1) : y.to(torch::kInt64);
}

torch::Tensor dataLoss(const torch::Tensor &output, const torch::Tensor &target, TabularTask task)
{
    return task == TabularTask::Regression ? torch::mse_loss(output, target)
                                           : torch::nn::functional::cross_entropy(output, target);
}

/// RMSprop with Keras' defaults (ρ = 0.9, ε = 1e-7) as the authors' tutorial; Adam; plain SGD.
std::unique_ptr<torch::optim::Optimizer>
makeTabularOptimizer(const NetworkSettings &settings, const std::vector<torch::Tensor> &params)
{
    if (settings.optimizer == "adam")
        return std::make_unique<torch::optim::Adam>(
            params, torch::optim::AdamOptions(settings.learningRate).eps(1e-7));
    if (settings.optimizer == "sgd")
        return std::make_unique<torch::optim::SGD>(params,
                                                   torch::optim::SGDOptions(settings.learningRate));
    return std::make_unique<torch::optim::RMSprop>(
        params, torch::optim::RMSpropOptions(settings.learningRate).alpha(0.9).eps(1e-7));
}

} // namespace

std::vector<int> TabularNetwork::hiddenWidths(int inputs, const NetworkSettings &settings)
{
    if (!settings.hidden.empty())
        return settings.hidden;
    std::vector<int> widths;
    const int depth = std::max(1, settings.depth);
    for (int k = 1; k < depth; ++k) {
        // np.round rounds halves to even, as nearbyint in the default rounding mode.
        const double width = std::exp(std::log(double(inputs)) * double(depth - k) / double(depth));
        widths.push_back(std::max(1, int(std::nearbyint(width))));
    }
    return widths;
}

TabularNetwork::TabularNetwork(int inputs, int outputs, const NetworkSettings &settings,
                               std::uint64_t seed)
    : m_inputs(inputs)
{
    ModelOptions options;
    options.inChannels = 1;
    options.height = 1;
    options.width = inputs;
    options.numClasses = outputs;
    options.hidden = hiddenWidths(inputs, settings);
    m_model = Model::create("mlp", options, seed); // seeds torch's generator
    torch::NoGradGuard noGrad;
    // Keras' glorot_normal: N(0, 2 / (fan_in + fan_out)) truncated at two standard deviations
    // (redrawn), zero biases.
    for (const auto &layer : weightLayers(m_model.impl())) {
        auto w = layer.weight;
        const double sd = std::sqrt(2.0 / double(w.size(0) + w.size(1)));
        auto draw = torch::randn(w.sizes());
        for (auto outside = draw.abs() > 2.0; outside.any().item<bool>();
             outside = draw.abs() > 2.0)
            draw = torch::where(outside, torch::randn(w.sizes()), draw);
        w.copy_(draw * sd);
        if (layer.bias.defined())
            layer.bias.zero_();
    }
}

std::vector<torch::Tensor> TabularNetwork::weights(RegularizedLayers layers) const
{
    std::vector<torch::Tensor> out;
    for (const auto &layer : weightLayers(m_model.impl())) {
        out.push_back(layer.weight);
        if (layers == RegularizedLayers::First)
            break;
    }
    return out;
}

int TabularNetwork::units() const
{
    return int(weights(RegularizedLayers::First).front().size(0));
}

bool TabularNetwork::train(const TabularArrays &data, const TabularArrays *heldOut,
                           TabularTask task, const NetworkSettings &settings, std::uint64_t seed,
                           NetworkRegularizer *regularizer, const NetworkHooks &hooks)
{
    ModelImpl &net = m_model.impl();
    const auto optimizer = makeTabularOptimizer(settings, net.parameters());
    if (regularizer)
        regularizer->attach(weights(settings.layers));
    const auto x = inputTensor(data);
    const auto y = targetTensor(data, task);
    const auto rows = std::int64_t(data.rows);
    const std::int64_t batchSize = std::max(1, settings.batchSize);
    const int batches = int((rows + batchSize - 1) / batchSize);
    const auto start = std::chrono::steady_clock::now();
    std::mt19937_64 engine(seed * 0x9e3779b97f4a7c15ULL + 17);
    std::vector<std::int64_t> order(std::size_t(rows), 0);
    std::iota(order.begin(), order.end(), std::int64_t(0));
    long stepsDone = 0;
    const long totalSteps = long(settings.epochs) * batches;

    for (int epoch = 1; epoch <= settings.epochs; ++epoch) {
        // Fisher–Yates with a modulo draw: the same order with every standard library.
        for (std::size_t i = order.size(); i > 1; --i)
            std::swap(order[i - 1], order[std::size_t(engine() % i)]);
        const auto orderTensor = torch::from_blob(order.data(), {rows}, torch::kInt64);
        net.setTraining(true);
        double lossSum = 0.0;
        std::int64_t correct = 0;
        for (int b = 0; b < batches; ++b) {
            if (hooks.stop.stop_requested())
                return false;
            if (hooks.pause && !hooks.pause->waitWhilePaused(hooks.stop))
                return false;
            if (hooks.beforeStep)
                hooks.beforeStep();
            const std::int64_t begin = b * batchSize;
            const std::int64_t count = std::min(batchSize, rows - begin);
            const auto index = orderTensor.narrow(0, begin, count);
            const auto xb = x.index_select(0, index);
            const auto yb = y.index_select(0, index);
            const auto output = net.forward(xb);
            auto loss = dataLoss(output, yb, task);
            auto total = loss;
            if (regularizer)
                if (auto penalty = regularizer->penalty(); penalty.defined())
                    total = loss + penalty;
            optimizer->zero_grad();
            total.backward();
            optimizer->step();
            if (regularizer)
                regularizer->afterStep();
            const double batchLoss = loss.item<double>();
            lossSum += batchLoss * double(count);
            std::int64_t batchCorrect = 0;
            if (task == TabularTask::Classification) {
                batchCorrect = output.argmax(1).eq(yb).sum().item<std::int64_t>();
                correct += batchCorrect;
            }
            ++stepsDone;
            if (hooks.onBatch) {
                BatchMetrics m;
                m.epoch = epoch;
                m.batch = b + 1;
                m.batchesPerEpoch = batches;
                m.epochs = settings.epochs;
                m.loss = batchLoss;
                m.accuracy = task == TabularTask::Classification
                    ? double(batchCorrect) / double(count)
                    : -1.0;
                m.learningRate = settings.learningRate;
                m.elapsedSeconds
                    = std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
                          .count();
                m.etaSeconds
                    = m.elapsedSeconds / double(stepsDone) * double(totalSteps - stepsDone);
                hooks.onBatch(m);
            }
        }
        const double heldOutLoss = heldOut && heldOut->rows > 0
            ? loss(*heldOut, task)
            : std::numeric_limits<double>::quiet_NaN();
        if (hooks.onEpoch)
            hooks.onEpoch(epoch, lossSum / double(rows), heldOutLoss);
    }
    return true;
}

std::vector<float> TabularNetwork::predict(const TabularArrays &data, TabularTask task) const
{
    if (data.rows == 0)
        return {};
    torch::NoGradGuard noGrad;
    ModelImpl &net = m_model.impl();
    net.setTraining(false);
    auto output = net.forward(inputTensor(data));
    if (task == TabularTask::Classification)
        output = torch::softmax(output, 1);
    output = output.contiguous();
    net.setTraining(true);
    return {output.data_ptr<float>(), output.data_ptr<float>() + output.numel()};
}

double TabularNetwork::loss(const TabularArrays &data, TabularTask task) const
{
    torch::NoGradGuard noGrad;
    ModelImpl &net = m_model.impl();
    net.setTraining(false);
    const double value
        = dataLoss(net.forward(inputTensor(data)), targetTensor(data, task), task).item<double>();
    net.setTraining(true);
    return value;
}

std::vector<float> TabularNetwork::firstLayer() const
{
    const auto w = weights(RegularizedLayers::First).front().detach().contiguous();
    return {w.data_ptr<float>(), w.data_ptr<float>() + w.numel()};
}

} // namespace sparsescope::core
