// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/models/ModelRegistry.h"

#include "models/ConvNet.h"
#include "models/LeNet5.h"
#include "models/Mlp.h"
#include "models/NetFactory_p.h"
#include "models/ResNet.h"

#include <functional>

namespace sparsescope::core {

namespace {
struct Registered
{
    ModelEntry entry;
    std::function<std::shared_ptr<TracedNet>(const ModelOptions &)> create;
};

// One line per architecture: a new model is one file plus one line here.
const std::vector<Registered> &table()
{
    static const std::vector<Registered> registered = {
        {{"lenet5", "LeNet-5 of SSL: conv 20@5x5, pool, conv 50@5x5, pool, fc 500, fc classes"},
         [](const ModelOptions &o) {
             return std::make_shared<LeNet5>(o);
         }},
        {{"lenet-300-100", "LeNet-300-100 fully connected: 300, 100, classes"},
         [](const ModelOptions &o) {
             return std::make_shared<Mlp>(o, std::vector<int> {300, 100});
         }},
        {{"mlp", "multilayer perceptron, hidden sizes from options (default 256, 128)"},
         [](const ModelOptions &o) {
             return std::make_shared<Mlp>(
                 o, o.hidden.empty() ? std::vector<int> {256, 128} : o.hidden);
         }},
        {{"convnet", "SSL's CIFAR-10 ConvNet (cifar10_full): conv 32, 32, 64 @5x5, fc classes"},
         [](const ModelOptions &o) {
             return std::make_shared<ConvNet>(o);
         }},
        {{"resnet20", "ResNet-20 for CIFAR-size input (3 stages x 3 basic blocks)"},
         [](const ModelOptions &o) {
             return std::make_shared<ResNet>(o, 3);
         }},
        {{"resnet32", "ResNet-32 for CIFAR-size input (3 stages x 5 basic blocks)"},
         [](const ModelOptions &o) {
             return std::make_shared<ResNet>(o, 5);
         }},
    };
    return registered;
}
} // namespace

const std::vector<ModelEntry> &ModelRegistry::entries()
{
    static const std::vector<ModelEntry> list = [] {
        std::vector<ModelEntry> out;
        for (const auto &r : table())
            out.push_back(r.entry);
        return out;
    }();
    return list;
}

bool ModelRegistry::contains(const std::string &name)
{
    for (const auto &r : table())
        if (r.entry.name == name)
            return true;
    return false;
}

std::shared_ptr<TracedNet> createNet(const std::string &name, const ModelOptions &options)
{
    for (const auto &r : table())
        if (r.entry.name == name)
            return r.create(options);
    return nullptr;
}

} // namespace sparsescope::core
