// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/models/ModelFile.h"

#include "models/ZipDirectory_p.h"

#include "sparsescope/core/Error.h"

#include <c10/util/Exception.h>
#include <caffe2/serialize/inline_container.h>

#include <filesystem>

namespace sparsescope::core {

namespace fs = std::filesystem;

namespace {

/// TorchScript sources are kilobytes; a larger code record is not read.
constexpr std::uint64_t kMaxCodeBytes = 64u << 20;

/// A TorchScript source with a method: a line that starts (after indentation) with "def ".
bool hasMethod(const char *text, std::size_t size)
{
    bool lineStart = true;
    for (std::size_t i = 0; i < size; ++i) {
        const char c = text[i];
        if (c == '\n') {
            lineStart = true;
            continue;
        }
        if (lineStart && (c == ' ' || c == '\t'))
            continue;
        if (lineStart && size - i >= 4 && std::equal(text + i, text + i + 4, "def "))
            return true;
        lineStart = false;
    }
    return false;
}

} // namespace

ModelFile ModelFile::inspect(const std::string &reference)
{
    ModelFile file;
    fs::path path(reference);
    std::error_code ec;
    if (fs::is_directory(path, ec))
        path /= "model.pt";
    file.m_path = path.string();
    if (!fs::is_regular_file(path, ec))
        throw Error(file.m_path, "no such model file");
    // SparseScope's own checks first: LibTorch allocates whatever a record declares.
    for (const ZipDirectory::Entry &entry : ZipDirectory::read(file.m_path)) {
        const auto slash = entry.name.find('/');
        const std::string record
            = slash == std::string::npos ? entry.name : entry.name.substr(slash + 1);
        if (record.rfind("code/", 0) == 0 && entry.size > kMaxCodeBytes)
            throw Error(file.m_path,
                        "its code record " + record + " declares " + std::to_string(entry.size)
                            + " bytes (at most " + std::to_string(kMaxCodeBytes >> 20)
                            + " MiB are read)");
    }
    try {
        caffe2::serialize::PyTorchStreamReader reader(file.m_path);
        for (const std::string &record : reader.getAllRecords()) {
            // Sources only: code/…/*.py (their .debug_pkl siblings are data).
            if (record.rfind("code/", 0) != 0 || !record.ends_with(".py"))
                continue;
            const auto [data, size] = reader.getRecord(record);
            const char *text = static_cast<const char *>(data.get());
            if (hasMethod(text, size))
                file.m_codeRecords.push_back(record);
            if (record == "code/__torch__.py"
                && std::string_view(text, size).find("sparsescope_meta : str")
                    != std::string_view::npos)
                file.m_sparseScopeArchive = true;
        }
    } catch (const c10::Error &e) {
        std::string what = e.what_without_backtrace();
        throw Error(file.m_path,
                    "not a LibTorch archive or TorchScript file (" + what.substr(0, what.find('\n'))
                        + ")");
    }
    return file;
}

} // namespace sparsescope::core
