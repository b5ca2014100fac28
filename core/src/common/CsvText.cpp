// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/CsvText_p.h"

#include "sparsescope/core/Error.h"

#include <zlib.h>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
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

std::string csvQuoted(const std::string &text)
{
    if (text.find_first_of(",\"\r\n") == std::string::npos)
        return text;
    std::string out = "\"";
    for (char c : text)
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

namespace {

/// Writes `text` to `temporary` (gzip when `gzip`), flushed and fsync'ed; false on any error.
bool writeAndSync(const std::string &temporary, const std::string &text, bool gzip)
{
    if (gzip) {
        gzFile file = gzopen(temporary.c_str(), "wb6");
        if (file == nullptr)
            return false;
        const int written
            = text.empty() ? 0 : gzwrite(file, text.data(), static_cast<unsigned>(text.size()));
        if (gzclose(file) != Z_OK || static_cast<std::size_t>(written) != text.size())
            return false;
        const int fd = ::open(temporary.c_str(), O_RDONLY);
        const bool synced = fd >= 0 && ::fsync(fd) == 0;
        if (fd >= 0)
            ::close(fd);
        return synced;
    }
    std::FILE *file = std::fopen(temporary.c_str(), "wb");
    if (!file)
        return false;
    bool ok = std::fwrite(text.data(), 1, text.size(), file) == text.size()
        && std::fflush(file) == 0 && ::fsync(::fileno(file)) == 0;
    ok = std::fclose(file) == 0 && ok;
    return ok;
}

} // namespace

void writeTextFile(const std::string &path, const std::string &text)
{
    // Atomic: a temporary file in the same folder, flushed and synced, then renamed over the
    // final name — a crash or a full disk leaves the old file or the new one, never a torn one.
    const bool gzip = path.size() > 3 && path.compare(path.size() - 3, 3, ".gz") == 0;
    const std::string temporary = path + ".tmp-" + std::to_string(::getpid());
    if (!writeAndSync(temporary, text, gzip)) {
        const int error = errno;
        std::remove(temporary.c_str());
        throw Error(path,
                    error == ENOENT || error == EACCES || error == EROFS
                        ? "cannot create the file: " + std::string(std::strerror(error))
                        : "write error: " + std::string(std::strerror(error)));
    }
    if (std::rename(temporary.c_str(), path.c_str()) != 0) {
        const int error = errno;
        std::remove(temporary.c_str());
        throw Error(path, "cannot replace the file: " + std::string(std::strerror(error)));
    }
}

void replaceFileAtomically(const std::string &path,
                           const std::function<void(const std::string &temporary)> &write)
{
    const std::string temporary = path + ".tmp-" + std::to_string(::getpid());
    try {
        write(temporary);
    } catch (...) {
        std::remove(temporary.c_str());
        throw;
    }
    const int fd = ::open(temporary.c_str(), O_RDONLY);
    const bool synced = fd >= 0 && ::fsync(fd) == 0;
    const int error = errno;
    if (fd >= 0)
        ::close(fd);
    if (!synced) {
        std::remove(temporary.c_str());
        throw Error(path, "write error: " + std::string(std::strerror(error)));
    }
    if (std::rename(temporary.c_str(), path.c_str()) != 0) {
        const int renameError = errno;
        std::remove(temporary.c_str());
        throw Error(path, "cannot replace the file: " + std::string(std::strerror(renameError)));
    }
}

} // namespace sparsescope::core
