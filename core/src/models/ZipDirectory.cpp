// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/ZipDirectory_p.h"

#include "sparsescope/core/Error.h"

#include <algorithm>
#include <fstream>
#include <istream>
#include <sstream>

namespace sparsescope::core {

namespace {

constexpr std::uint32_t kEndSignature = 0x06054b50;
constexpr std::uint32_t kEnd64LocatorSignature = 0x07064b50;
constexpr std::uint32_t kEnd64Signature = 0x06064b50;
constexpr std::uint32_t kEntrySignature = 0x02014b50;
constexpr std::size_t kEndSize = 22;
constexpr std::size_t kEntrySize = 46;
/// Deflate expands at most ~1032:1.
constexpr std::uint64_t kMaxDeflateRatio = 1032;

/// Little-endian fields at absolute offsets of a stream of `size` bytes; every read is
/// bounds-checked, so nothing is allocated from a declared size.
class Reader
{
public:
    Reader(std::istream &stream, std::uint64_t size, const std::string &origin)
        : m_stream(stream)
        , m_size(size)
        , m_origin(origin)
    { }

    std::string bytes(std::uint64_t at, std::uint64_t length) const
    {
        if (at > m_size || length > m_size - at)
            fail("is truncated (a zip record runs past the end of the file)");
        std::string out(std::size_t(length), '\0');
        m_stream.clear();
        m_stream.seekg(std::streamoff(at));
        if (!m_stream.read(out.data(), std::streamsize(length)))
            fail("cannot be read at offset " + std::to_string(at));
        return out;
    }
    std::uint64_t field(std::uint64_t at, int width) const
    {
        return littleEndian(bytes(at, std::uint64_t(width)), 0, width);
    }
    static std::uint64_t littleEndian(const std::string &data, std::size_t at, int width)
    {
        std::uint64_t value = 0;
        for (int i = width - 1; i >= 0; --i)
            value = (value << 8) | static_cast<unsigned char>(data[at + std::size_t(i)]);
        return value;
    }
    [[noreturn]] void fail(const std::string &problem) const
    {
        throw Error(m_origin, problem, "not a LibTorch archive or TorchScript file");
    }
    std::uint64_t size() const { return m_size; }

private:
    std::istream &m_stream;
    std::uint64_t m_size;
    const std::string &m_origin;
};

/// The offset of the end-of-central-directory record: the last signature within the final
/// 64 KiB + 22 bytes (the comment may be up to 65535 bytes).
std::uint64_t findEnd(const Reader &in)
{
    if (in.size() < kEndSize)
        in.fail("is too short for a zip archive");
    const std::uint64_t lowest = in.size() > 0xFFFF + kEndSize ? in.size() - 0xFFFF - kEndSize : 0;
    const std::string tail = in.bytes(lowest, in.size() - lowest);
    for (std::size_t at = tail.size() - kEndSize + 1; at-- > 0;)
        if (Reader::littleEndian(tail, at, 4) == kEndSignature)
            return lowest + at;
    in.fail("is not a zip archive (no end of central directory)");
}

/// Replaces the 0xFFFFFFFF fields of an entry by its zip64 extra field's values.
void applyZip64(const Reader &in, std::uint64_t extra, std::uint64_t extraLength,
                ZipDirectory::Entry &entry, bool sizeMax, bool compressedMax, bool offsetMax)
{
    const std::uint64_t end = extra + extraLength;
    for (std::uint64_t at = extra; at + 4 <= end;) {
        const std::uint64_t id = in.field(at, 2);
        const std::uint64_t length = in.field(at + 2, 2);
        if (at + 4 + length > end)
            in.fail("has a malformed zip extra field");
        if (id == 1) {
            std::uint64_t p = at + 4;
            const auto take = [&](std::uint64_t &value) {
                if (p + 8 > at + 4 + length)
                    in.fail("has a short zip64 extra field");
                value = in.field(p, 8);
                p += 8;
            };
            if (sizeMax)
                take(entry.size);
            if (compressedMax)
                take(entry.compressedSize);
            if (offsetMax)
                take(entry.offset);
            return;
        }
        at += 4 + length;
    }
    if (sizeMax || compressedMax || offsetMax)
        in.fail("has a zip64 entry without its zip64 sizes");
}

void checkEntry(const Reader &in, const ZipDirectory::Entry &entry, std::uint64_t directory,
                std::uint64_t &compressedTotal)
{
    const std::string name = "entry \"" + entry.name.substr(0, 80) + "\"";
    if (entry.offset >= directory || entry.compressedSize > directory - entry.offset)
        in.fail(name + " lies outside the file");
    if (entry.method == 0) {
        if (entry.size != entry.compressedSize)
            in.fail(name + " is stored but declares " + std::to_string(entry.size) + " bytes in "
                    + std::to_string(entry.compressedSize));
        return;
    }
    if (entry.method != 8)
        in.fail(name + " uses compression method " + std::to_string(entry.method)
                + " (only stored and deflated entries are read)");
    if (entry.size / kMaxDeflateRatio > entry.compressedSize)
        in.fail(name + " declares " + std::to_string(entry.size) + " bytes from "
                + std::to_string(entry.compressedSize)
                + " compressed (more than deflate can give)");
    compressedTotal += entry.size;
    if (compressedTotal > ZipDirectory::kCompressedBudget)
        in.fail("declares more than 1 GiB in compressed entries (refused before reading; "
                "LibTorch stores tensors uncompressed)");
}

/// LibTorch's reader needs every record in one folder and a version record; a file without them
/// is refused here (LibTorch's reader leaks its state when it throws from its constructor, and
/// its message asks to report an enhancement to PyTorch).
void requireLibTorchLayout(const Reader &in, const std::vector<ZipDirectory::Entry> &entries)
{
    if (entries.empty())
        in.fail("is an empty zip archive");
    const std::string &first = entries.front().name;
    const auto slash = first.find('/');
    if (slash == std::string::npos || slash == 0)
        in.fail("is a zip archive whose records are not in a folder");
    const std::string folder = first.substr(0, slash + 1);
    const bool versioned = std::any_of(entries.begin(), entries.end(), [&folder](const auto &e) {
        return e.name == folder + "version" || e.name == folder + ".data/version";
    });
    if (!versioned)
        in.fail("is a zip archive without LibTorch's version record");
}

std::vector<ZipDirectory::Entry> readDirectory(const Reader &in)
{
    using Entry = ZipDirectory::Entry;
    const std::uint64_t end = findEnd(in);
    std::uint64_t count = in.field(end + 10, 2);
    std::uint64_t directorySize = in.field(end + 12, 4);
    std::uint64_t directory = in.field(end + 16, 4);
    if (count == 0xFFFF || directorySize == 0xFFFFFFFF || directory == 0xFFFFFFFF) {
        if (end < 20 || in.field(end - 20, 4) != kEnd64LocatorSignature)
            in.fail("has a zip64 directory without its locator");
        const std::uint64_t end64 = in.field(end - 20 + 8, 8);
        if (end64 > end || in.field(end64, 4) != kEnd64Signature)
            in.fail("has a zip64 locator that points nowhere");
        count = in.field(end64 + 32, 8);
        directorySize = in.field(end64 + 40, 8);
        directory = in.field(end64 + 48, 8);
    }
    if (directory > end || directorySize > end - directory)
        in.fail("has a central directory outside the file");
    if (count > directorySize / kEntrySize)
        in.fail("declares " + std::to_string(count) + " entries in a "
                + std::to_string(directorySize) + "-byte directory");
    std::vector<Entry> entries;
    entries.reserve(std::size_t(count));
    std::uint64_t at = directory;
    std::uint64_t compressedTotal = 0;
    for (std::uint64_t i = 0; i < count; ++i) {
        if (at + kEntrySize > directory + directorySize || in.field(at, 4) != kEntrySignature)
            in.fail("has a damaged central directory (entry " + std::to_string(i) + ")");
        Entry entry;
        entry.method = int(in.field(at + 10, 2));
        entry.compressedSize = in.field(at + 20, 4);
        entry.size = in.field(at + 24, 4);
        const std::uint64_t nameLength = in.field(at + 28, 2);
        const std::uint64_t extraLength = in.field(at + 30, 2);
        const std::uint64_t commentLength = in.field(at + 32, 2);
        entry.offset = in.field(at + 42, 4);
        const std::uint64_t next = at + kEntrySize + nameLength + extraLength + commentLength;
        if (next > directory + directorySize)
            in.fail("has a damaged central directory (entry " + std::to_string(i) + ")");
        entry.name = in.bytes(at + kEntrySize, nameLength);
        applyZip64(in, at + kEntrySize + nameLength, extraLength, entry, entry.size == 0xFFFFFFFF,
                   entry.compressedSize == 0xFFFFFFFF, entry.offset == 0xFFFFFFFF);
        checkEntry(in, entry, directory, compressedTotal);
        entries.push_back(std::move(entry));
        at = next;
    }
    requireLibTorchLayout(in, entries);
    return entries;
}

} // namespace

std::vector<ZipDirectory::Entry> ZipDirectory::read(const std::string &path)
{
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in)
        throw Error(path, "cannot be read");
    const auto size = in.tellg();
    if (size < 0)
        throw Error(path, "cannot be read");
    return readDirectory(Reader(in, std::uint64_t(size), path));
}

std::vector<ZipDirectory::Entry> ZipDirectory::parse(const std::string &bytes,
                                                     const std::string &origin)
{
    std::istringstream in(bytes);
    return readDirectory(Reader(in, bytes.size(), origin));
}

} // namespace sparsescope::core
