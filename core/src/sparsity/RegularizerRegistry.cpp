// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/sparsity/RegularizerRegistry.h"

#include "sparsity/ChannelGroupLasso.h"
#include "sparsity/DepthGroupLasso.h"
#include "sparsity/ElementL1.h"
#include "sparsity/FilterGroupLasso.h"
#include "sparsity/KernelGroupLasso.h"
#include "sparsity/RegularizerFactory_p.h"
#include "sparsity/ShapeGroupLasso.h"
#include "sparsity/WeightDecayL2.h"

#include <functional>

namespace sparsescope::core {

namespace {
struct Registered
{
    RegularizerEntry entry;
    std::function<std::shared_ptr<Regularizer>()> create;
};

// One line per regularizer: a new one is one file plus one line here.
const std::vector<Registered> &table()
{
    static const std::vector<Registered> registered = {
        {{"group-lasso-filter", "filter", "filters (rows); output neurons of linear layers"},
         [] {
             return std::make_shared<FilterGroupLasso>();
         }},
        {{"group-lasso-channel", "channel", "input channels; input neurons of linear layers"},
         [] {
             return std::make_shared<ChannelGroupLasso>();
         }},
        {{"group-lasso-shape", "shape", "filter shapes (columns); input neurons of linear layers"},
         [] {
             return std::make_shared<ShapeGroupLasso>();
         }},
        {{"group-lasso-kernel", "kernel", "2-D kernels W[n,c,:,:] of conv layers"},
         [] {
             return std::make_shared<KernelGroupLasso>();
         }},
        {{"group-lasso-depth", "depth", "whole layers, or whole residual branches"},
         [] {
             return std::make_shared<DepthGroupLasso>();
         }},
        {{"l1", "l1", "element-wise L1 (non-structured)"},
         [] {
             return std::make_shared<ElementL1>();
         }},
        {{"l2", "l2", "L2 weight decay"},
         [] {
             return std::make_shared<WeightDecayL2>();
         }},
    };
    return registered;
}
} // namespace

std::vector<RegularizerEntry> RegularizerRegistry::entries()
{
    std::vector<RegularizerEntry> out;
    for (const auto &r : table())
        out.push_back(r.entry);
    return out;
}

std::string RegularizerRegistry::canonicalName(const std::string &nameOrAlias)
{
    for (const auto &r : table())
        if (r.entry.name == nameOrAlias || r.entry.alias == nameOrAlias)
            return r.entry.name;
    return {};
}

std::shared_ptr<Regularizer> createRegularizer(const std::string &nameOrAlias)
{
    for (const auto &r : table())
        if (r.entry.name == nameOrAlias || r.entry.alias == nameOrAlias)
            return r.create();
    return nullptr;
}

} // namespace sparsescope::core
