// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/models/ModelRegistry.h"

#include "models/ConvNet.h"
#include "models/LeNet5.h"
#include "models/Mlp.h"
#include "models/NetFactory_p.h"
#include "models/ResNet.h"

#include <deque>
#include <stdexcept>

namespace sparsescope::core {

namespace {
struct RegisteredModel
{
    ModelEntry entry;
    NetFactory create;
};

// Functions, not namespace-scope vectors: a model registered from another file's static
// initialiser (registerNet) builds modelTable() before this file's globals would exist (ASan's
// initialization-order check found the copy of an unconstructed vector).
std::vector<std::string> convGroups()
{
    return {"filter", "channel", "shape", "kernel", "depth", "l1", "l2"};
}
std::vector<std::string> denseGroups()
{
    return {"filter", "channel", "shape", "depth", "l1", "l2"};
}

// One line per architecture: a new model is one file plus one line here.
// A deque: registering one more keeps find()'s pointers valid.
std::deque<RegisteredModel> &modelTable()
{
    static std::deque<RegisteredModel> registered = {
        {{"lenet5", "LeNet-5 of SSL: conv 20@5x5, pool, conv 50@5x5, pool, fc 500, fc classes",
          "LeNet-5", ThinningRule::Chain, convGroups()},
         [](const ModelOptions &o) {
             return std::make_shared<LeNet5>(o);
         }},
        {{"lenet-300-100", "LeNet-300-100 fully connected: 300, 100, classes", "LeNet-300-100",
          ThinningRule::Chain, denseGroups()},
         [](const ModelOptions &o) {
             return std::make_shared<Mlp>(o, std::vector<int> {300, 100});
         }},
        {{"mlp", "multilayer perceptron, hidden sizes from options (default 256, 128)", "MLP",
          ThinningRule::Chain, denseGroups()},
         [](const ModelOptions &o) {
             return std::make_shared<Mlp>(
                 o, o.hidden.empty() ? std::vector<int> {256, 128} : o.hidden);
         }},
        {{"convnet", "SSL's CIFAR-10 ConvNet (cifar10_full): conv 32, 32, 64 @5x5, fc classes",
          "ConvNet", ThinningRule::ConvNet, convGroups()},
         [](const ModelOptions &o) {
             return std::make_shared<ConvNet>(o);
         }},
        {{"resnet20", "ResNet-20 for CIFAR-size input (3 stages x 3 basic blocks)", "ResNet-20",
          ThinningRule::ResidualBlocks, convGroups()},
         [](const ModelOptions &o) {
             return std::make_shared<ResNet>(o, 3);
         }},
        {{"resnet32", "ResNet-32 for CIFAR-size input (3 stages x 5 basic blocks)", "ResNet-32",
          ThinningRule::ResidualBlocks, convGroups()},
         [](const ModelOptions &o) {
             return std::make_shared<ResNet>(o, 5);
         }},
    };
    return registered;
}

const RegisteredModel *lookup(const std::string &name)
{
    for (const auto &r : modelTable())
        if (r.entry.name == name)
            return &r;
    return nullptr;
}
} // namespace

std::vector<ModelEntry> ModelRegistry::entries()
{
    std::vector<ModelEntry> out;
    for (const auto &r : modelTable())
        out.push_back(r.entry);
    return out;
}

bool ModelRegistry::contains(const std::string &name)
{
    return lookup(name) != nullptr;
}

const ModelEntry *ModelRegistry::find(const std::string &name)
{
    const RegisteredModel *r = lookup(name);
    return r ? &r->entry : nullptr;
}

std::shared_ptr<TracedNet> createNet(const std::string &name, const ModelOptions &options)
{
    const RegisteredModel *r = lookup(name);
    return r ? r->create(options) : nullptr;
}

void registerNet(ModelEntry entry, NetFactory create)
{
    if (entry.name.empty() || !create)
        throw std::invalid_argument("registerNet: a model needs a name and a factory");
    if (lookup(entry.name))
        throw std::invalid_argument("registerNet: " + entry.name + " is already registered");
    modelTable().push_back({std::move(entry), std::move(create)});
}

} // namespace sparsescope::core
