// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/robustness/AttackRegistry.h"

#include "robustness/Attack.h"
#include "robustness/CarliniWagnerL2.h"
#include "robustness/DeepFool.h"
#include "robustness/Fgsm.h"
#include "robustness/ProjectedGradientL2.h"
#include "robustness/ProjectedGradientLinf.h"
#include "sparsescope/core/Error.h"

#include <functional>

namespace sparsescope::core {

namespace {
struct RegisteredAttack
{
    AttackInfo info;
    std::function<std::unique_ptr<Attack>()> create;
};

// One line per attack: a new attack is one file plus one line here.
const std::vector<RegisteredAttack> &attackTable()
{
    static const std::vector<RegisteredAttack> registered = {
        {{"fgsm", "linf", true, true, "fast gradient sign method, one step of size ε"},
         [] {
             return std::make_unique<Fgsm>();
         }},
        {{"bim", "linf", true, true,
          "basic iterative method: α = 1/255, min(255ε+4, 1.25·255ε) steps, no random start"},
         [] {
             return std::make_unique<ProjectedGradientLinf>(true);
         }},
        {{"pgd-linf", "linf", true, true,
          "projected gradient descent in ℓ∞: random start, 40 steps of 2.5ε/40"},
         [] {
             return std::make_unique<ProjectedGradientLinf>(false);
         }},
        {{"pgd-l2", "l2", true, true,
          "projected gradient descent in ℓ2: random start, 40 steps of 2.5ε/40"},
         [] {
             return std::make_unique<ProjectedGradientL2>();
         }},
        {{"deepfool", "l2", false, false,
          "DeepFool: minimal ℓ2 perturbation, overshoot 0.02, 50 iterations"},
         [] {
             return std::make_unique<DeepFool>();
         }},
        {{"cw-l2", "l2", false, true,
          "Carlini-Wagner ℓ2: Adam, binary search over c, confidence κ"},
         [] {
             return std::make_unique<CarliniWagnerL2>();
         }},
    };
    return registered;
}

const RegisteredAttack &find(const std::string &name)
{
    for (const auto &entry : attackTable())
        if (entry.info.name == name)
            return entry;
    std::string known;
    for (const auto &entry : attackTable())
        known += (known.empty() ? "" : ", ") + entry.info.name;
    throw Error(name, "unknown attack", "known attacks: " + known);
}
} // namespace

const std::vector<AttackInfo> &AttackRegistry::list()
{
    static const std::vector<AttackInfo> infos = [] {
        std::vector<AttackInfo> result;
        for (const auto &entry : attackTable())
            result.push_back(entry.info);
        return result;
    }();
    return infos;
}

std::vector<std::string> AttackRegistry::names()
{
    std::vector<std::string> result;
    for (const auto &info : list())
        result.push_back(info.name);
    return result;
}

const AttackInfo &AttackRegistry::info(const std::string &name)
{
    return find(name).info;
}

std::unique_ptr<Attack> Attack::create(const std::string &name)
{
    return find(name).create();
}

} // namespace sparsescope::core
