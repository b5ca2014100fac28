// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace sparsescope::core {

/// One member's measures: one row of atlas.csv.
struct AtlasRow
{
    std::string member; ///< "<series>/<label>"
    std::string series;
    std::string label;
    std::string path;
    std::vector<std::pair<std::string, std::string>> knobs; ///< name, value text
    std::vector<std::pair<std::string, double>> values; ///< column, value (NaN: not measured)
    std::vector<std::string> notes; ///< what was skipped and why

    /// NaN when the row has no such column.
    double value(const std::string &column) const;
    void set(const std::string &column, double value);
};

/// The atlas of a series: a `member` column first, then series, label, path, one `knob:<name>`
/// column per knob, the measures' columns (in the order first seen) and `notes`.
struct AtlasTable
{
    std::vector<AtlasRow> rows;

    std::vector<std::string> knobNames() const;
    std::vector<std::string> valueColumns() const;
    std::string toCsv() const;
    /// Reads atlas.csv back (the GUI opens measured series); core::Error naming `origin` and the
    /// line on malformed input.
    static AtlasTable fromCsv(const std::string &text, const std::string &origin);
    static AtlasTable readFile(const std::string &path);
    /// Written atomically.
    void writeFile(const std::string &path) const;
};

} // namespace sparsescope::core
