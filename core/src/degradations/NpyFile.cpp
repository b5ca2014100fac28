// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/degradations/NpyFile.h"

#include "common/CsvText_p.h"
#include "sparsescope/core/Error.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <sstream>

namespace sparsescope::core {

namespace {

const char kMagic[] = "\x93NUMPY";
const std::string kFormatHint = "expected a numeric .npy array written by numpy.save";

/// Limits checked before anything is allocated: numpy writes headers of a few hundred bytes,
/// and no array the program reads (spectra, images) comes near 2^27 values (1 GiB of doubles).
constexpr std::uint32_t kMaxHeaderBytes = 1u << 20;
constexpr std::size_t kMaxValues = std::size_t(1) << 27;
constexpr std::size_t kMaxDimensions = 32;

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/// The value of `key` in the header dict, e.g. "'<f8'" or "(224, 224)" (a linear scan: no
/// regular expression, whose recursion overflows the stack on long headers).
std::string headerField(const std::string &header, const std::string &key, const std::string &path)
{
    const std::string quoted = "'" + key + "'";
    for (std::size_t at = header.find(quoted); at != std::string::npos;
         at = header.find(quoted, at + 1)) {
        std::size_t i = at + quoted.size();
        while (i < header.size() && isSpace(header[i]))
            ++i;
        if (i >= header.size() || header[i] != ':')
            continue;
        ++i;
        while (i < header.size() && isSpace(header[i]))
            ++i;
        if (i >= header.size())
            break;
        const char open = header[i];
        if (open == '\'' || open == '(') {
            const std::size_t close = header.find(open == '(' ? ')' : '\'', i + 1);
            if (close == std::string::npos)
                break;
            return header.substr(i, close - i + 1);
        }
        for (const char *word : {"True", "False"})
            if (header.compare(i, std::strlen(word), word) == 0)
                return word;
    }
    throw Error(path, "npy header has no readable '" + key + "'", kFormatHint);
}

/// The dimensions of a shape tuple "(224, 224)", "(5,)" or "()", checked against the limits.
std::vector<std::size_t> parseShape(const std::string &text, const std::string &path)
{
    std::vector<std::size_t> shape;
    std::size_t i = 1; // after '('
    const std::size_t end = text.size() - 1; // at ')'
    while (i < end) {
        while (i < end && (isSpace(text[i]) || text[i] == ','))
            ++i;
        if (i >= end)
            break;
        if (text[i] < '0' || text[i] > '9')
            throw Error(path, "npy shape " + text.substr(0, 64) + " is not a tuple of sizes",
                        kFormatHint);
        std::size_t value = 0;
        while (i < end && text[i] >= '0' && text[i] <= '9') {
            value = value * 10 + std::size_t(text[i] - '0');
            if (value > kMaxValues)
                throw Error(path,
                            "npy shape " + text.substr(0, 64) + " declares more than "
                                + std::to_string(kMaxValues) + " values",
                            "arrays this large are refused before reading");
            ++i;
        }
        shape.push_back(value);
        if (shape.size() > kMaxDimensions)
            throw Error(path,
                        "npy shape has more than " + std::to_string(kMaxDimensions) + " dimensions",
                        kFormatHint);
    }
    return shape;
}

template<typename T>
double decode(const char *bytes, bool swap)
{
    unsigned char buffer[sizeof(T)];
    std::memcpy(buffer, bytes, sizeof(T));
    if (swap)
        std::reverse(buffer, buffer + sizeof(T));
    T value;
    std::memcpy(&value, buffer, sizeof(T));
    return static_cast<double>(value);
}

/// The magic, version and header dict of an open .npy stream (left at the data), with the
/// declared header length checked against the file size before it is allocated.
std::string readHeader(std::ifstream &in, std::uint64_t fileSize, const std::string &path)
{
    char magic[6];
    unsigned char version[2];
    if (!in.read(magic, 6) || std::memcmp(magic, kMagic, 6) != 0
        || !in.read(reinterpret_cast<char *>(version), 2))
        throw Error(path, "not a .npy file (bad magic)", kFormatHint);
    std::uint32_t headerLength = 0;
    if (version[0] == 1) {
        unsigned char len[2];
        if (!in.read(reinterpret_cast<char *>(len), 2))
            throw Error(path, "truncated .npy header", kFormatHint);
        headerLength = len[0] | (len[1] << 8);
    } else if (version[0] == 2 || version[0] == 3) {
        unsigned char len[4];
        if (!in.read(reinterpret_cast<char *>(len), 4))
            throw Error(path, "truncated .npy header", kFormatHint);
        headerLength = len[0] | (len[1] << 8) | (len[2] << 16) | (std::uint32_t(len[3]) << 24);
    } else {
        throw Error(path, "unsupported .npy format version " + std::to_string(version[0]),
                    kFormatHint);
    }
    const std::uint64_t dataStart = static_cast<std::uint64_t>(in.tellg());
    if (headerLength > kMaxHeaderBytes || dataStart + headerLength > fileSize)
        throw Error(path,
                    "npy header declares " + std::to_string(headerLength) + " bytes, the file has "
                        + std::to_string(fileSize - std::min(fileSize, dataStart))
                        + " after the preamble",
                    kFormatHint);
    std::string header(headerLength, '\0');
    if (!in.read(header.data(), headerLength))
        throw Error(path, "truncated .npy header", kFormatHint);
    return header;
}

using Decoder = double (*)(const char *, bool);

/// The decoder of a dtype kind ('f', 'i', 'u') and byte size.
Decoder decoderFor(char kind, int size, const std::string &descr, const std::string &path)
{
    Decoder decoder = nullptr;
    if (kind == 'f' && size == 8)
        decoder = decode<double>;
    else if (kind == 'f' && size == 4)
        decoder = decode<float>;
    else if (kind == 'i' && size == 8)
        decoder = decode<std::int64_t>;
    else if (kind == 'i' && size == 4)
        decoder = decode<std::int32_t>;
    else if (kind == 'u' && size == 1)
        decoder = decode<std::uint8_t>;
    else if (kind == 'u' && size == 2)
        decoder = decode<std::uint16_t>;
    else
        throw Error(path, "unsupported npy dtype '" + descr + "'",
                    "use float64, float32, int64, int32, uint16 or uint8");
    return decoder;
}

/// The product of the dimensions, refused above kMaxValues.
std::size_t valueCount(const std::vector<std::size_t> &shape, const std::string &shapeText,
                       const std::string &path)
{
    std::size_t count = 1;
    for (std::size_t d : shape) {
        // Each factor is ≤ kMaxValues (2^27): the product cannot overflow before this check.
        count *= d;
        if (count > kMaxValues)
            throw Error(path,
                        "npy shape " + shapeText.substr(0, 64) + " declares more than "
                            + std::to_string(kMaxValues) + " values",
                        "arrays this large are refused before reading");
    }
    return count;
}

/// Column-major values (Fortran order on disk) reordered to row-major.
std::vector<double> rowMajorOf(const std::vector<double> &values,
                               const std::vector<std::size_t> &shape)
{
    const std::size_t count = values.size();
    std::vector<double> rowMajor(count);
    const std::size_t dims = shape.size();
    std::vector<std::size_t> index(dims, 0);
    for (std::size_t f = 0; f < count; ++f) {
        std::size_t c = 0;
        for (std::size_t d = 0; d < dims; ++d)
            c = c * shape[d] + index[d];
        rowMajor[c] = values[f];
        for (std::size_t d = 0; d < dims; ++d) {
            if (++index[d] < shape[d])
                break;
            index[d] = 0;
        }
    }
    return rowMajor;
}

} // namespace

NpyFile NpyFile::read(const std::string &path)
{
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in)
        throw Error(path, "cannot open file");
    const auto fileSize = static_cast<std::uint64_t>(std::max<std::streamoff>(0, in.tellg()));
    in.seekg(0);
    const std::string header = readHeader(in, fileSize, path);
    const std::uint64_t dataStart = static_cast<std::uint64_t>(in.tellg());

    std::string descr = headerField(header, "descr", path);
    descr = descr.substr(1, descr.size() - 2);
    const bool fortran = headerField(header, "fortran_order", path) == "True";
    const std::string shapeText = headerField(header, "shape", path);
    if (descr.size() < 3)
        throw Error(path, "unsupported npy dtype '" + descr + "'", kFormatHint);
    const char order = descr[0];
    const char kind = descr[1];
    const int size = std::atoi(descr.c_str() + 2);
    const bool littleHost = std::endian::native == std::endian::little;
    const bool swap = (order == '<' && !littleHost) || (order == '>' && littleHost);

    NpyFile file;
    file.shape = parseShape(shapeText, path);
    const std::size_t count = valueCount(file.shape, shapeText, path);
    const Decoder decoder = decoderFor(kind, size, descr, path);

    const std::uint64_t dataBytes = std::uint64_t(count) * std::uint64_t(size);
    const std::uint64_t available = fileSize - dataStart;
    if (dataBytes > available)
        throw Error(path,
                    "truncated .npy data: the header declares " + std::to_string(count)
                        + " values (" + std::to_string(dataBytes) + " bytes), the file holds "
                        + std::to_string(available),
                    kFormatHint);
    std::vector<char> raw(count * std::size_t(size));
    if (!in.read(raw.data(), static_cast<std::streamsize>(raw.size())))
        throw Error(path, "truncated .npy data: expected " + std::to_string(count) + " values",
                    kFormatHint);
    file.values.resize(count);
    for (std::size_t i = 0; i < count; ++i)
        file.values[i] = decoder(raw.data() + i * size, swap);
    if (fortran && file.shape.size() > 1)
        file.values = rowMajorOf(file.values, file.shape);
    return file;
}

void NpyFile::write(const std::string &path) const
{
    std::string shapeText = "(";
    for (std::size_t d = 0; d < shape.size(); ++d)
        shapeText += std::to_string(shape[d])
            + (shape.size() == 1 || d + 1 < shape.size() ? "," : "")
            + (d + 1 < shape.size() ? " " : "");
    shapeText += ")";
    std::string header = "{'descr': '<f8', 'fortran_order': False, 'shape': " + shapeText + ", }";
    // Pad with spaces so that the data starts on a multiple of 64 bytes; end with a newline.
    const std::size_t preamble = 10;
    while ((preamble + header.size() + 1) % 64 != 0)
        header += ' ';
    header += '\n';
    std::ostringstream out(std::ios::binary);
    out.write(kMagic, 6);
    const char version[2] = {1, 0};
    out.write(version, 2);
    const unsigned char len[2] = {static_cast<unsigned char>(header.size() & 0xff),
                                  static_cast<unsigned char>(header.size() >> 8)};
    out.write(reinterpret_cast<const char *>(len), 2);
    out.write(header.data(), static_cast<std::streamsize>(header.size()));
    for (double v : values) {
        unsigned char bytes[8];
        std::memcpy(bytes, &v, 8);
        if (std::endian::native != std::endian::little)
            std::reverse(bytes, bytes + 8);
        out.write(reinterpret_cast<const char *>(bytes), 8);
    }
    writeTextFile(path, out.str()); // atomically (temporary file, sync, rename)
}

} // namespace sparsescope::core
