// SPDX-License-Identifier: GPL-3.0-or-later
// Issue 19.2: model files are zip archives; SparseScope checks their directory before LibTorch
// (which allocates whatever a record declares) sees them.
#include "Fixtures.h"
#include "ScriptModule.h"

#include "models/ZipDirectory_p.h"
#include "sparsescope/core/Error.h"
#include "sparsescope/core/models/Model.h"
#include "sparsescope/core/models/ModelFile.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

using namespace sparsescope;
using core::ZipDirectory;

namespace {

void put(std::string &out, std::uint64_t value, int width)
{
    for (int i = 0; i < width; ++i)
        out += char((value >> (8 * i)) & 0xFF);
}

/// One entry whose local header holds `payload`; the central directory declares `method`,
/// `compressed` and `size` as given, and `offset` (default: the real local header).
struct Entry
{
    std::string name;
    std::string payload;
    int method = 0;
    std::uint64_t compressed = 0;
    std::uint64_t size = 0;
    std::int64_t offset = -1;
};

std::string zip(std::vector<Entry> entries, bool versioned = true)
{
    if (versioned && !entries.empty()) {
        const std::string &first = entries.front().name;
        entries.push_back({first.substr(0, first.find('/') + 1) + "version", "3\n", 0, 2, 2});
    }
    std::string out, directory;
    for (const Entry &e : entries) {
        const std::uint64_t local = out.size();
        put(out, 0x04034b50, 4);
        put(out, 20, 2), put(out, 0, 2), put(out, std::uint64_t(e.method), 2), put(out, 0, 4);
        put(out, 0, 4), put(out, e.compressed, 4), put(out, e.size, 4);
        put(out, e.name.size(), 2), put(out, 0, 2);
        out += e.name + e.payload;
        put(directory, 0x02014b50, 4);
        put(directory, 20, 2), put(directory, 20, 2), put(directory, 0, 2);
        put(directory, std::uint64_t(e.method), 2), put(directory, 0, 4), put(directory, 0, 4);
        put(directory, e.compressed, 4), put(directory, e.size, 4);
        put(directory, e.name.size(), 2), put(directory, 0, 2), put(directory, 0, 2);
        put(directory, 0, 2), put(directory, 0, 2), put(directory, 0, 4);
        put(directory, e.offset < 0 ? local : std::uint64_t(e.offset), 4);
        directory += e.name;
    }
    const std::uint64_t at = out.size();
    out += directory;
    put(out, 0x06054b50, 4), put(out, 0, 2), put(out, 0, 2);
    put(out, entries.size(), 2), put(out, entries.size(), 2);
    put(out, directory.size(), 4), put(out, at, 4), put(out, 0, 2);
    return out;
}

std::string zipErrorOf(const std::string &bytes)
{
    try {
        ZipDirectory::parse(bytes, "m.pt");
    } catch (const core::Error &e) {
        EXPECT_EQ(e.file(), "m.pt");
        return e.problem();
    }
    return "no error";
}

} // namespace

TEST(ZipDirectory, ListsTheRecordsOfTheArchivesLibTorchWrites)
{
    test::TempDir dir;
    const auto model = core::Model::create("lenet5", {}, 1);
    model.save(dir.file("m.pt"));
    const auto entries = ZipDirectory::read(dir.file("m.pt"));
    ASSERT_FALSE(entries.empty());
    bool data = false;
    for (const auto &e : entries) {
        // LibTorch stores tensors and pickles; it deflates the TorchScript sources.
        if (e.name.find("/code/") == std::string::npos) {
            EXPECT_EQ(e.method, 0) << e.name;
            EXPECT_EQ(e.size, e.compressedSize) << e.name;
        }
        data = data || e.name.ends_with("/data.pkl");
    }
    EXPECT_TRUE(data);
    const auto script = ZipDirectory::read(test::writeScriptModule(dir.file("s.pt"), 4));
    EXPECT_GT(script.size(), 3u);

    const std::string good = zip({{"a/x", "hello", 0, 5, 5}});
    const auto one = ZipDirectory::parse(good, "m.pt");
    ASSERT_EQ(one.size(), 2u);
    EXPECT_EQ(one[0].name, "a/x");
    EXPECT_EQ(one[0].size, 5u);
}

TEST(ZipDirectory, RefusesWhatLibTorchWouldAllocateOrReadOutsideTheFile)
{
    // A deflated record declaring 4 GiB from 10 bytes: refused before any allocation.
    EXPECT_NE(zipErrorOf(zip({{"a/data/0", std::string(10, 'x'), 8, 10, 0xFFFFFFF0}}))
                  .find("more than deflate can give"),
              std::string::npos);
    // Deflated records that could each expand but together declare more than the budget.
    std::vector<Entry> many;
    for (int i = 0; i < 3; ++i)
        many.push_back({"a/data/" + std::to_string(i), std::string(1u << 20, 'x'), 8, 1u << 20,
                        std::uint64_t(500) << 20});
    EXPECT_NE(zipErrorOf(zip(many)).find("1 GiB"), std::string::npos);
    EXPECT_NE(zipErrorOf(zip({{"a/x", "hello", 0, 5, 900}})).find("is stored but declares 900"),
              std::string::npos);
    EXPECT_NE(zipErrorOf(zip({{"a/x", "hello", 0, 5, 5, 1 << 20}})).find("outside the file"),
              std::string::npos);
    EXPECT_NE(zipErrorOf(zip({{"a/x", "hello", 12, 5, 5}})).find("compression method 12"),
              std::string::npos);
    const std::string good = zip({{"a/x", "hello", 0, 5, 5}});
    EXPECT_NE(zipErrorOf(good.substr(0, good.size() - 3)).find("no end of central directory"),
              std::string::npos);
    EXPECT_NE(zipErrorOf("PK").find("too short"), std::string::npos);
    // Laid out as LibTorch reads archives: one folder and a version record.
    EXPECT_NE(
        zipErrorOf(zip({{"a/x", "hello", 0, 5, 5}}, false)).find("without LibTorch's version"),
        std::string::npos);
    EXPECT_NE(zipErrorOf(zip({{"x", "hello", 0, 5, 5}}, false)).find("not in a folder"),
              std::string::npos);
    EXPECT_NE(zipErrorOf(zip({})).find("empty zip archive"), std::string::npos);
    // Every prefix of a valid archive is an error or a directory, never a crash.
    for (std::size_t n = 0; n < good.size(); ++n)
        zipErrorOf(good.substr(0, n));
}

TEST(ZipDirectory, ModelLoadingChecksTheFileFirst)
{
    test::TempDir dir;
    test::writeBytes(dir.file("bomb.pt"),
                     zip({{"archive/data.pkl", std::string(10, 'x'), 8, 10, 0xFFFFFFF0}}));
    for (const auto &load : {+[](const std::string &p) { core::Model::load(p); },
                             +[](const std::string &p) {
                                 core::ModelFile::inspect(p);
                             }}) {
        try {
            load(dir.file("bomb.pt"));
            ADD_FAILURE() << "loaded";
        } catch (const core::Error &e) {
            EXPECT_EQ(e.file(), dir.file("bomb.pt"));
            EXPECT_NE(e.problem().find("deflate"), std::string::npos) << e.what();
        }
    }
    // A code record larger than any TorchScript source is not read.
    test::writeBytes(dir.file("code.pt"),
                     zip({{"archive/code/__torch__.py", std::string(200000, 'x'), 8, 200000,
                           std::uint64_t(100) << 20}}));
    try {
        core::ModelFile::inspect(dir.file("code.pt"));
        ADD_FAILURE() << "inspected";
    } catch (const core::Error &e) {
        EXPECT_NE(e.problem().find("code/__torch__.py declares"), std::string::npos) << e.what();
    }
}
