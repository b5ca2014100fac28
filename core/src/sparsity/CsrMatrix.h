// SPDX-License-Identifier: GPL-3.0-or-later
// Private: a compressed-sparse-row float matrix and its product with a dense matrix.
#pragma once

#include <torch/torch.h>

#include <cstdint>
#include <vector>

namespace sparsescope::core {

/// Rows × cols matrix in CSR form, built from a dense 2-D tensor (its zeros are dropped).
class CsrMatrix
{
public:
    explicit CsrMatrix(const torch::Tensor &dense);

    std::int64_t rows() const { return m_rows; }
    std::int64_t cols() const { return m_cols; }
    std::int64_t nonzeros() const { return static_cast<std::int64_t>(m_values.size()); }

    /// this [rows, cols] × `x` [cols, M] (contiguous float) → [rows, M]. Rows are split over
    /// LibTorch's intra-op threads; each non-zero adds value × a row of x (a vectorised axpy).
    torch::Tensor multiply(const torch::Tensor &x) const;

private:
    std::int64_t m_rows = 0;
    std::int64_t m_cols = 0;
    std::vector<std::int64_t> m_rowStart; ///< rows + 1 offsets into m_columns / m_values
    std::vector<std::int32_t> m_columns;
    std::vector<float> m_values;
};

} // namespace sparsescope::core
