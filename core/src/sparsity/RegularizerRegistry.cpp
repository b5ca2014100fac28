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

#include <stdexcept>

namespace sparsescope::core {

namespace {
struct RegisteredRegularizer
{
    RegularizerEntry entry;
    RegularizerFactory create;
};

// One line per regularizer: a new one is one file plus one line here.
std::vector<RegisteredRegularizer> &regularizerTable()
{
    static std::vector<RegisteredRegularizer> registered = {
        {{"group-lasso-filter", "filter", "filters (rows); output neurons of linear layers", true},
         [] {
             return std::make_shared<FilterGroupLasso>();
         }},
        {{"group-lasso-channel", "channel", "input channels; input neurons of linear layers", true},
         [] {
             return std::make_shared<ChannelGroupLasso>();
         }},
        {{"group-lasso-shape", "shape", "filter shapes (columns); input neurons of linear layers",
          true},
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
    for (const auto &r : regularizerTable())
        out.push_back(r.entry);
    return out;
}

std::string RegularizerRegistry::canonicalName(const std::string &nameOrAlias)
{
    for (const auto &r : regularizerTable())
        if (r.entry.name == nameOrAlias || r.entry.alias == nameOrAlias)
            return r.entry.name;
    return {};
}

std::string RegularizerRegistry::aliasList()
{
    std::string list;
    const auto &all = regularizerTable();
    for (std::size_t i = 0; i < all.size(); ++i)
        list += (i == 0 ? "" : i + 1 == all.size() ? " or " : ", ") + all[i].entry.alias;
    return list;
}

std::vector<std::string> RegularizerRegistry::editorColumns()
{
    std::vector<std::string> out;
    for (const auto &r : regularizerTable())
        if (r.entry.editorColumn)
            out.push_back(r.entry.alias);
    return out;
}

std::shared_ptr<Regularizer> createRegularizer(const std::string &nameOrAlias)
{
    for (const auto &r : regularizerTable())
        if (r.entry.name == nameOrAlias || r.entry.alias == nameOrAlias)
            return r.create();
    return nullptr;
}

void registerRegularizer(RegularizerEntry entry, RegularizerFactory create)
{
    if (entry.name.empty() || entry.alias.empty() || !create)
        throw std::invalid_argument("registerRegularizer: needs a name, an alias and a factory");
    if (!RegularizerRegistry::canonicalName(entry.name).empty()
        || !RegularizerRegistry::canonicalName(entry.alias).empty())
        throw std::invalid_argument("registerRegularizer: " + entry.name + " / " + entry.alias
                                    + " is already registered");
    regularizerTable().push_back({std::move(entry), std::move(create)});
}

} // namespace sparsescope::core
