// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <stdexcept>
#include <string>

namespace sparsescope::core {

/// The one exception type of the core for bad input (files, specs, configs, shapes).
/// The CLI maps it to exit code 2 and one stderr line; the GUI to a dialog.
class Error : public std::runtime_error
{
public:
    Error(std::string file, std::string problem, std::string hint = {});

    /// The file or spec the problem is about (may be empty).
    const std::string &file() const { return m_file; }
    /// What is wrong, without the file name.
    const std::string &problem() const { return m_problem; }
    /// What the user can do about it (may be empty).
    const std::string &hint() const { return m_hint; }

private:
    std::string m_file;
    std::string m_problem;
    std::string m_hint;
};

} // namespace sparsescope::core
