// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/Gunzip_p.h"

#include "sparsescope/core/Error.h"

#include <libdeflate.h>
#include <zlib.h>

#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <memory>

namespace sparsescope::core {

namespace {

/// The uncompressed size the gzip trailer claims (modulo 2^32); 0 for a file too short.
std::size_t trailerSize(const std::string &compressed)
{
    if (compressed.size() < 18)
        return 0;
    std::size_t size = 0;
    for (int i = 3; i >= 0; --i)
        size = (size << 8)
            | static_cast<unsigned char>(
                   compressed[compressed.size() - 4 + static_cast<std::size_t>(i)]);
    return size;
}

/// Deflate never exceeds about 1032:1; a larger claim is a corrupt or crafted trailer.
bool plausible(std::size_t size, const std::string &compressed)
{
    return size > 0 && size <= 1100 * compressed.size();
}

std::string tooLarge(std::size_t budget)
{
    return "inflates to more than " + std::to_string(budget >> 20)
        + " MiB, the limit for a compressed file; refused";
}

/// libdeflate inflates a whole buffer 2–3× faster than zlib's streaming inflate; it needs the
/// output size, which the trailer gives. Concatenated members, implausible trailers and errors
/// fall back to zlib, whose messages the caller sees.
bool fastGunzip(const std::string &compressed, std::size_t size, std::string &out)
{
    out.resize(size);
    std::unique_ptr<libdeflate_decompressor, void (*)(libdeflate_decompressor *)> decompressor(
        libdeflate_alloc_decompressor(), &libdeflate_free_decompressor);
    if (!decompressor)
        return false;
    std::size_t consumed = 0, produced = 0;
    const auto result
        = libdeflate_gzip_decompress_ex(decompressor.get(), compressed.data(), compressed.size(),
                                        out.data(), out.size(), &consumed, &produced);
    return result == LIBDEFLATE_SUCCESS && consumed == compressed.size() && produced == size;
}

/// zlib's streaming inflate, growing the output as it goes (never beyond `budget`).
std::string slowGunzip(const std::string &path, const std::string &compressed, std::size_t budget)
{
    std::string out;
    const std::size_t claimed = trailerSize(compressed);
    if (plausible(claimed, compressed))
        out.resize(std::min(claimed, budget));
    z_stream stream {};
    if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK)
        throw Error(path, "cannot initialise zlib");
    std::unique_ptr<z_stream, int (*)(z_stream *)> guard(&stream, &inflateEnd);
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(compressed.data()));
    std::size_t remaining = compressed.size();
    std::size_t produced = 0;
    while (true) {
        if (stream.avail_in == 0 && remaining > 0) {
            const auto chunk = static_cast<uInt>(
                std::min<std::size_t>(remaining, std::numeric_limits<uInt>::max()));
            stream.avail_in = chunk;
            remaining -= chunk;
        }
        if (produced == out.size()) {
            if (out.size() >= budget)
                throw Error(path, tooLarge(budget));
            out.resize(std::min(budget, std::max<std::size_t>(2 * out.size(), 1 << 16)));
        }
        stream.next_out = reinterpret_cast<Bytef *>(out.data() + produced);
        stream.avail_out = static_cast<uInt>(
            std::min<std::size_t>(out.size() - produced, std::numeric_limits<uInt>::max()));
        const uInt before = stream.avail_out;
        const int status = inflate(&stream, Z_NO_FLUSH);
        produced += before - stream.avail_out;
        if (status == Z_STREAM_END) {
            if (stream.avail_in == 0 && remaining == 0)
                break;
            // Concatenated members (as `cat a.gz b.gz` makes) are one file to gunzip; anything
            // else after the last member is ignored, as gzip does.
            if (stream.avail_in >= 2 && stream.next_in[0] == 0x1f && stream.next_in[1] == 0x8b
                && inflateReset(&stream) == Z_OK)
                continue;
            break;
        }
        if (status == Z_BUF_ERROR && stream.avail_in == 0 && remaining == 0)
            throw Error(path, "truncated gzip data (the download may be incomplete)",
                        "gunzip -t the file");
        if (status != Z_OK && status != Z_BUF_ERROR)
            throw Error(path,
                        std::string("corrupt gzip data: ")
                            + (stream.msg ? stream.msg : "inflate failed"),
                        "gunzip -t the file");
    }
    out.resize(produced);
    return out;
}

} // namespace

bool isGzip(std::string_view data)
{
    return data.size() >= 2 && static_cast<unsigned char>(data[0]) == 0x1f
        && static_cast<unsigned char>(data[1]) == 0x8b;
}

std::string readWholeFile(const std::string &path, std::size_t budget)
{
    std::unique_ptr<std::FILE, int (*)(std::FILE *)> file(std::fopen(path.c_str(), "rb"),
                                                          &std::fclose);
    if (!file)
        throw Error(path, "cannot open the file");
    struct stat info
    {
    };
    if (::fstat(::fileno(file.get()), &info) == 0 && S_ISREG(info.st_mode)
        && static_cast<std::uint64_t>(info.st_size) > budget)
        throw Error(path,
                    "is " + std::to_string(info.st_size >> 20) + " MiB, more than the "
                        + std::to_string(budget >> 20) + " MiB a file may have; refused");
    std::string data;
    std::array<char, 1 << 16> buffer {};
    std::size_t got = 0;
    while ((got = std::fread(buffer.data(), 1, buffer.size(), file.get())) > 0) {
        if (data.size() + got > budget) // a pipe or a file that grew
            throw Error(path, tooLarge(budget));
        data.append(buffer.data(), got);
    }
    if (std::ferror(file.get()))
        throw Error(path, "read error");
    return isGzip(data) ? gunzip(path, data, budget) : data;
}

std::string gunzip(const std::string &path, const std::string &compressed, std::size_t budget)
{
    const std::size_t claimed = trailerSize(compressed);
    if (plausible(claimed, compressed)) {
        if (claimed > budget)
            throw Error(path, tooLarge(budget));
        std::string out;
        if (fastGunzip(compressed, claimed, out))
            return out;
    }
    return slowGunzip(path, compressed, budget);
}

} // namespace sparsescope::core
