// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <CLI/CLI.hpp>

#include <memory>
#include <stop_token>
#include <string>
#include <vector>

namespace sparsescope::cli {

/// Options every command shares.
struct GlobalOptions
{
    bool quiet = false;
    int threads = 0;
};

/// One `sparsescope-cli` subcommand: declares its options on a CLI11 subcommand, then runs.
/// run() returns the exit code (0 ok, 2 bad input); core::Error propagates to main, which maps
/// it to exit code 2 and one stderr line.
class Command
{
public:
    virtual ~Command() = default;
    virtual void setup(CLI::App &parent, GlobalOptions &global) = 0;
    virtual int run(std::stop_token stop) = 0;
    CLI::App *app() const { return m_app; }

    /// Throws core::Error naming `path` when it cannot be written later (its folder is missing
    /// or not writable, or it is a folder), without creating or truncating anything: a bad
    /// output fails before minutes of work, and an existing file keeps its content until the
    /// new one replaces it.
    static void requireWritable(const std::string &path);

protected:
    CLI::App *m_app = nullptr;
    GlobalOptions *m_global = nullptr;
};

/// All commands, in help order.
std::vector<std::unique_ptr<Command>> makeCommands();

} // namespace sparsescope::cli
