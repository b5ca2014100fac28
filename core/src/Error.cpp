// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/Error.h"

namespace sparsescope::core {

namespace {
std::string compose(const std::string &file, const std::string &problem, const std::string &hint)
{
    std::string text = file.empty() ? problem : file + ": " + problem;
    if (!hint.empty())
        text += " (" + hint + ")";
    return text;
}
} // namespace

Error::Error(std::string file, std::string problem, std::string hint)
    : std::runtime_error(compose(file, problem, hint))
    , m_file(std::move(file))
    , m_problem(std::move(problem))
    , m_hint(std::move(hint))
{ }

} // namespace sparsescope::core
