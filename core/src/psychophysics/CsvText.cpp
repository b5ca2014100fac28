// SPDX-License-Identifier: GPL-3.0-or-later
#include "psychophysics/CsvText_p.h"

#include "sparsescope/core/Error.h"

#include <zlib.h>

#include <cmath>
#include <cstdio>
#include <memory>

namespace sparsescope::core {

std::string formatCsvNumber(double value, const char *nanText)
{
    if (std::isnan(value))
        return nanText;
    char text[32];
    std::snprintf(text, sizeof text, "%.10g", value);
    return text;
}

void writeTextFile(const std::string &path, const std::string &text)
{
    const bool gzip = path.size() > 3 && path.compare(path.size() - 3, 3, ".gz") == 0;
    if (gzip) {
        gzFile file = gzopen(path.c_str(), "wb6");
        if (file == nullptr)
            throw Error(path, "cannot create the file");
        const int written
            = text.empty() ? 0 : gzwrite(file, text.data(), static_cast<unsigned>(text.size()));
        const int closed = gzclose(file);
        if (static_cast<std::size_t>(written) != text.size() || closed != Z_OK)
            throw Error(path, "write error");
        return;
    }
    std::unique_ptr<std::FILE, int (*)(std::FILE *)> file(std::fopen(path.c_str(), "wb"),
                                                          &std::fclose);
    if (!file)
        throw Error(path, "cannot create the file");
    if (std::fwrite(text.data(), 1, text.size(), file.get()) != text.size()
        || std::fflush(file.get()) != 0)
        throw Error(path, "write error");
}

} // namespace sparsescope::core
