// SPDX-License-Identifier: GPL-3.0-or-later
#include "robustness/CarliniWagnerL2.h"

#include <algorithm>
#include <limits>
#include <vector>

namespace sparsescope::core {

AttackSettings CarliniWagnerL2::resolved(const AttackSettings &settings) const
{
    AttackSettings s = settings;
    if (s.steps <= 0)
        s.steps = 1000;
    if (s.binarySearchSteps <= 0)
        s.binarySearchSteps = 9;
    if (s.initialConstant <= 0.0)
        s.initialConstant = 1e-3;
    if (s.learningRate <= 0.0)
        s.learningRate = 0.01;
    return s;
}

torch::Tensor CarliniWagnerL2::perturb(ModelImpl &model, const AttackBatch &batch,
                                       const AttackSettings &settings,
                                       const std::stop_token &stop) const
{
    const auto &x = batch.inputs;
    const auto n = x.size(0);
    const bool targeted = batch.targets.defined();
    const auto goal = targeted ? batch.targets : batch.labels;
    const double kappa = settings.confidence;
    std::vector<std::int64_t> column(x.dim(), 1);
    column[0] = n;
    const auto flat = [n](const torch::Tensor &t) {
        return t.reshape({n, -1});
    };

    // tanh space; 0.999999 keeps atanh finite at 0 and 1 (as the authors' code).
    const auto w0 = torch::atanh((x * 2.0 - 1.0) * 0.999999);
    auto lower = torch::zeros({n}, torch::kFloat64);
    auto upper = torch::full({n}, 1e10, torch::kFloat64);
    auto constant = torch::full({n}, settings.initialConstant, torch::kFloat64);
    auto bestL2 = torch::full({n}, std::numeric_limits<float>::infinity());
    auto bestAdv = x.clone();

    for (int search = 0; search < settings.binarySearchSteps && !stop.stop_requested(); ++search) {
        auto w = w0.clone().requires_grad_(true);
        torch::optim::Adam optimizer({w}, torch::optim::AdamOptions(settings.learningRate));
        const auto c = constant.to(x.scalar_type());
        auto roundSuccess = torch::zeros({n}, torch::kBool);
        double previous = std::numeric_limits<double>::infinity();
        const int abortEvery = std::max(1, settings.steps / 10);
        for (int iteration = 0; iteration < settings.steps && !stop.stop_requested(); ++iteration) {
            torch::AutoGradMode enable(true);
            const auto adv = (torch::tanh(w) + 1.0) * 0.5;
            const auto z = attack_detail::logits(model, adv);
            const auto mask = torch::one_hot(goal, z.size(1)).to(torch::kBool);
            const auto goalLogit = z.masked_select(mask);
            const auto otherBest
                = z.masked_fill(mask, -std::numeric_limits<float>::infinity()).amax(1);
            const auto margin = targeted ? otherBest - goalLogit : goalLogit - otherBest;
            const auto l2 = flat(adv - x).pow(2).sum(1);
            const auto loss = (l2 + c * torch::clamp_min(margin, -kappa)).sum();
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();

            torch::NoGradGuard noGrad;
            // Success as in the authors' code: with the confidence margin κ applied.
            const auto success = (margin.detach() + kappa) < 0;
            const auto better = success & (l2.detach() < bestL2);
            bestL2 = torch::where(better, l2.detach(), bestL2);
            bestAdv = torch::where(better.reshape(column), adv.detach(), bestAdv);
            roundSuccess |= success;
            if ((iteration + 1) % abortEvery == 0) {
                const double value = loss.item<double>();
                if (value > previous * 0.9999)
                    break;
                previous = value;
            }
        }
        // Binary search on c, per sample.
        const auto succeeded = roundSuccess;
        upper = torch::where(succeeded, torch::min(upper, constant), upper);
        lower = torch::where(succeeded, lower, torch::max(lower, constant));
        const auto bounded = upper < 1e9;
        constant = torch::where(bounded, (lower + upper) * 0.5,
                                torch::where(succeeded, constant, constant * 10.0));
    }
    return bestAdv.detach();
}

} // namespace sparsescope::core
