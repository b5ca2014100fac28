// SPDX-License-Identifier: GPL-3.0-or-later
// The `rln` command's options, parsed by CLI11 and turned into a validated core::RlnConfig
// (RlnCommand::config: --rln-grid, --hidden, the grids, the CSV options, the --test-rows file).
// Input: the arguments, one per line; after a NUL byte, the content of a row-index file that
// the argument ROWS stands for. CLI11's parse errors and core::Error may come out of parsing;
// an accepted config must be valid.
#include "FuzzInput.h"
#include "commands/RlnCommand.h"
#include "sparsescope/core/Error.h"

#include <algorithm>
#include <stdexcept>

SPARSESCOPE_FUZZ_TARGET(rlnOptions)
{
    const std::string_view text = fuzz::asText(data, size);
    const std::size_t nul = std::min(text.find('\0'), text.size());
    const std::string rows
        = fuzz::writeInput(nul < text.size() ? text.substr(nul + 1) : "", ".rows");
    std::vector<std::string> args;
    for (std::size_t begin = 0; begin < nul;) {
        const std::size_t end = std::min(text.find('\n', begin), nul);
        const std::string arg(text.substr(begin, end - begin));
        args.push_back(arg == "ROWS" ? rows : arg);
        begin = end + 1;
        if (args.size() > 64)
            return 0;
    }
    args.insert(args.begin(), "rln");
    std::reverse(args.begin(), args.end()); // CLI11 takes them last first

    CLI::App app("fuzz");
    cli::GlobalOptions global;
    cli::RlnCommand command;
    command.setup(app, global);
    core::RlnConfig config;
    try {
        app.parse(args);
        config = command.config();
    } catch (const CLI::Error &) {
        return 0;
    } catch (const core::Error &) {
        return 0;
    }
    // Accepted: valid, and its JSON is written without throwing.
    config.validate("accepted");
    (void)config.toJson();
    return 0;
}
