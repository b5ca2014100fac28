// SPDX-License-Identifier: GPL-3.0-or-later
// CsvTable::parse. The first byte picks the options (delimiter, header, missing values, one-hot,
// target by index), the rest is the text. Only core::Error may come out.
#include "FuzzInput.h"
#include "sparsescope/core/Error.h"
#include "sparsescope/core/data/CsvTable.h"

#include <stdexcept>

SPARSESCOPE_FUZZ_TARGET(csvTable)
{
    if (size < 1)
        return 0;
    const std::uint8_t flags = data[0];
    core::CsvOptions options;
    options.delimiter = (flags & 1) ? ';' : ',';
    options.header = !(flags & 2);
    options.missing = (flags & 4) ? core::MissingValues::MeanImpute : core::MissingValues::Error;
    options.oneHot = (flags & 8) != 0;
    options.skipRows = (flags >> 4) & 1;
    if (flags & 32)
        options.target = options.header ? "y" : "0";
    try {
        const core::CsvTable table = core::CsvTable::parse(
            std::string(fuzz::asText(data + 1, size - 1)), "fuzz.csv", options);
        if (table.featureNames().size() != table.features())
            throw std::logic_error("the result does not hold what it says");
    } catch (const core::Error &) { }
    return 0;
}
