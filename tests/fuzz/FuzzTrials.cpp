// SPDX-License-Identifier: GPL-3.0-or-later
// TrialCsvReader::readFile: a trial file of the 2018 study or of model-vs-human, plain or .gz.
// Only core::Error may come out.
#include "FuzzInput.h"
#include "common/Gunzip_p.h"
#include "sparsescope/core/Error.h"
#include "sparsescope/core/psychophysics/TrialCsvReader.h"
#include "sparsescope/core/psychophysics/TrialTable.h"

SPARSESCOPE_FUZZ_TARGET(trials)
{
    const std::string_view text = fuzz::asText(data, size);
    const std::string path
        = fuzz::writeInput(text, core::isGzip(text) ? "-session-1.csv.gz" : "-session-1.csv");
    try {
        core::TrialTable table;
        core::TrialCsvReader::readFile(path, "fuzz", table);
    } catch (const core::Error &) { }
    return 0;
}
