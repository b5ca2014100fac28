// SPDX-License-Identifier: GPL-3.0-or-later
// Private: the torch side of a regularizer (registered in RegularizerRegistry.cpp).
#pragma once

#include <torch/torch.h>

#include <string>
#include <vector>

namespace sparsescope::core {

/// A penalty R over a "unit" of weight tensors: one layer's weight, or for depth groups all
/// weights of a residual block. All methods work in place and without autograd.
class Regularizer
{
public:
    virtual ~Regularizer() = default;
    /// False for layers the penalty is not defined on (2-D kernels of a linear layer).
    virtual bool accepts(const torch::Tensor &weight) const
    {
        return weight.dim() == 4 || weight.dim() == 2;
    }
    /// True when a unit is a whole residual block (depth), not a single layer.
    virtual bool groupsBlocks() const { return false; }
    /// True for filter-shape (column) groups, whose strength `scale_columns` rescales.
    virtual bool groupsColumns() const { return false; }
    /// ‖w_g‖₂ of every group of the unit.
    virtual torch::Tensor norms(const std::vector<torch::Tensor> &unit) const = 0;
    /// grad += λ·∂R/∂w: the authors' subgradient λ·w/‖w_g‖, 0 for a zero group.
    virtual void addSubgradient(const std::vector<torch::Tensor> &unit, double lambda) const = 0;
    /// w ← prox_{t·R}(w): group soft-thresholding w·max(0, 1 − t/‖w_g‖).
    virtual void proximal(const std::vector<torch::Tensor> &unit, double t) const = 0;
    /// R(w) = Σ_g ‖w_g‖₂ (L2 decay: ½‖w‖²).
    virtual double penalty(const std::vector<torch::Tensor> &unit) const;
};

/// Group Lasso whose groups are the rows of a per-tensor regrouping [G, S] of the weight.
class GroupLasso : public Regularizer
{
public:
    torch::Tensor norms(const std::vector<torch::Tensor> &unit) const override;
    void addSubgradient(const std::vector<torch::Tensor> &unit, double lambda) const override;
    void proximal(const std::vector<torch::Tensor> &unit, double t) const override;

    /// The groups of `w` as rows of a [G, S] matrix.
    virtual torch::Tensor toGroups(const torch::Tensor &w) const = 0;
    /// Inverse of toGroups: a [G, S] matrix back into the shape of `like`.
    virtual torch::Tensor fromGroups(const torch::Tensor &groups,
                                     const torch::Tensor &like) const = 0;
};

} // namespace sparsescope::core
