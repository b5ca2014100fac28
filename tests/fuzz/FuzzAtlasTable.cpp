// SPDX-License-Identifier: GPL-3.0-or-later
// AtlasTable::fromCsv (atlas.csv, opened by the Atlas panel and lesson 5). Only core::Error may
// come out; an accepted table survives toCsv → fromCsv unchanged.
#include "FuzzInput.h"
#include "sparsescope/core/Error.h"
#include "sparsescope/core/atlas/AtlasTable.h"

#include <stdexcept>

SPARSESCOPE_FUZZ_TARGET(atlasTable)
{
    core::AtlasTable table;
    try {
        table = core::AtlasTable::fromCsv(std::string(fuzz::asText(data, size)), "fuzz");
    } catch (const core::Error &) {
        return 0;
    }
    const std::string csv = table.toCsv();
    if (core::AtlasTable::fromCsv(csv, "round trip").toCsv() != csv)
        throw std::logic_error("an atlas table does not survive toCsv and fromCsv");
    for (const auto &row : table.rows)
        for (const auto &[column, value] : row.values)
            (void)row.value(column);
    return 0;
}
