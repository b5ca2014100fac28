// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsity/CsrMatrix.h"

#include <ATen/Parallel.h>

#include <stdexcept>

namespace sparsescope::core {

CsrMatrix::CsrMatrix(const torch::Tensor &dense)
{
    if (dense.dim() != 2)
        throw std::invalid_argument("CsrMatrix needs a 2-D tensor");
    const auto d = dense.to(torch::kFloat32).contiguous();
    m_rows = d.size(0);
    m_cols = d.size(1);
    const float *p = d.data_ptr<float>();
    m_rowStart.reserve(m_rows + 1);
    m_rowStart.push_back(0);
    for (std::int64_t r = 0; r < m_rows; ++r) {
        for (std::int64_t c = 0; c < m_cols; ++c) {
            const float v = p[r * m_cols + c];
            if (v != 0.0f) {
                m_columns.push_back(static_cast<std::int32_t>(c));
                m_values.push_back(v);
            }
        }
        m_rowStart.push_back(static_cast<std::int64_t>(m_values.size()));
    }
}

torch::Tensor CsrMatrix::multiply(const torch::Tensor &x) const
{
    if (x.dim() != 2 || x.size(0) != m_cols || x.scalar_type() != torch::kFloat32
        || !x.is_contiguous())
        throw std::invalid_argument("CsrMatrix::multiply needs a contiguous float [cols, M]");
    const std::int64_t m = x.size(1);
    auto out = torch::zeros({m_rows, m});
    const float *in = x.data_ptr<float>();
    float *o = out.data_ptr<float>();
    at::parallel_for(0, m_rows, 1, [&](std::int64_t begin, std::int64_t end) {
        for (std::int64_t r = begin; r < end; ++r) {
            float *__restrict row = o + r * m;
            for (std::int64_t k = m_rowStart[r]; k < m_rowStart[r + 1]; ++k) {
                const float v = m_values[k];
                const float *__restrict src = in + std::int64_t(m_columns[k]) * m;
                for (std::int64_t j = 0; j < m; ++j)
                    row[j] += v * src[j];
            }
        }
    });
    return out;
}

} // namespace sparsescope::core
