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
#include <system_error>

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

/// `text` as a gzip member (zlib level 6).
std::string gzipped(const std::string &path, const std::string &text)
{
    z_stream stream {};
    if (deflateInit2(&stream, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        throw Error(path, "cannot start gzip compression");
    std::string out(deflateBound(&stream, uLong(text.size())), '\0');
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(text.data()));
    stream.avail_in = uInt(text.size());
    stream.next_out = reinterpret_cast<Bytef *>(out.data());
    stream.avail_out = uInt(out.size());
    const int status = deflate(&stream, Z_FINISH);
    out.resize(stream.total_out);
    deflateEnd(&stream);
    if (status != Z_STREAM_END)
        throw Error(path, "gzip compression failed");
    return out;
}

} // namespace

void writeTextFile(const std::string &path, const std::string &text)
{
    // Atomic: a temporary file in the same folder, flushed and synced, then renamed over the
    // final name — a crash or a full disk leaves the old file or the new one, never a torn one.
    const bool gzip = path.size() > 3 && path.compare(path.size() - 3, 3, ".gz") == 0;
    const std::string bytes = gzip ? gzipped(path, text) : std::string();
    const std::string &content = gzip ? bytes : text;
    replaceFileAtomically(path,
                          [&](FileSink &sink) { sink.write(content.data(), content.size()); });
}

void replaceFileAtomically(const std::string &path,
                           const std::function<void(FileSink &sink)> &write)
{
    const std::string temporary = path + ".tmp-" + std::to_string(::getpid());
    int error = 0;
    {
        FileSink sink(temporary);
        if (sink.error() != 0)
            throw Error(path,
                        "cannot create the file: " + std::generic_category().message(sink.error()));
        try {
            write(sink);
        } catch (...) {
            std::remove(temporary.c_str());
            throw;
        }
        error = sink.finish();
    }
    if (error != 0) {
        std::remove(temporary.c_str());
        throw Error(path, "write error: " + std::generic_category().message(error));
    }
    if (std::rename(temporary.c_str(), path.c_str()) != 0) {
        const int renameError = errno;
        std::remove(temporary.c_str());
        throw Error(path,
                    "cannot replace the file: " + std::generic_category().message(renameError));
    }
}

} // namespace sparsescope::core
