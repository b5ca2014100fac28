// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/atlas/SweepExecution.h"

namespace sparsescope::core {

std::vector<std::string> SweepExecution::taskCommand(const std::string &directory,
                                                     const std::string &id) const
{
    std::vector<std::string> command = program;
    for (const std::string &argument :
         {std::string("sweep"), std::string("task"), directory, std::string("--member"), id,
          std::string("--threads"), std::to_string(threads), std::string("--quiet")})
        command.push_back(argument);
    return command;
}

std::string SweepExecution::shellQuoted(const std::string &text, bool onlyWhenNeeded)
{
    if (onlyWhenNeeded && !text.empty()
        && text.find_first_not_of(
               "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./=+:,")
            == std::string::npos)
        return text;
    std::string out = "'";
    for (char c : text)
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

std::string SweepRunSummary::toText() const
{
    std::string text = std::to_string(members) + " members: " + std::to_string(skipped)
        + " already completed, " + std::to_string(completed) + " completed now, "
        + std::to_string(failed) + " failed, " + std::to_string(cancelled) + " cancelled ("
        + std::to_string(submitted) + " tasks run";
    if (!jobIds.empty())
        text += ", Slurm job " + jobIds;
    return text + ")";
}

} // namespace sparsescope::core
