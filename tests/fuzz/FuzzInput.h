// SPDX-License-Identifier: GPL-3.0-or-later
// Shared by the fuzz harnesses: the readers take paths, so an input becomes a file first.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace sparsescope::fuzz {

/// Writes `data` to a file of this process under $TMPDIR (or /tmp) whose name ends in
/// `suffix`, replacing the previous input of the same slot; returns its path.
std::string writeInput(std::string_view data, const std::string &suffix, int slot = 0);

/// The harnesses (one per parser); 0 always.
int idx(const std::uint8_t *data, std::size_t size);
int cifar(const std::uint8_t *data, std::size_t size);
int image(const std::uint8_t *data, std::size_t size);
int csvTable(const std::uint8_t *data, std::size_t size);
int trials(const std::uint8_t *data, std::size_t size);
int npy(const std::uint8_t *data, std::size_t size);
int trainConfig(const std::uint8_t *data, std::size_t size);
int sweepConfig(const std::uint8_t *data, std::size_t size);
int rlnOptions(const std::uint8_t *data, std::size_t size);
int modelFile(const std::uint8_t *data, std::size_t size);
int lesson(const std::uint8_t *data, std::size_t size);
int workspace(const std::uint8_t *data, std::size_t size);
int sweepGrid(const std::uint8_t *data, std::size_t size);
int series(const std::uint8_t *data, std::size_t size);
int atlasTable(const std::uint8_t *data, std::size_t size);

inline std::string_view asText(const std::uint8_t *data, std::size_t size)
{
    return {reinterpret_cast<const char *>(data), size};
}

} // namespace sparsescope::fuzz

/// Defines harness `name` as sparsescope::fuzz::name(data, size): core::Error is an accepted
/// answer to bad input and is caught inside; any other exception, a crash or a sanitizer report
/// is a finding. Compiled with SPARSESCOPE_FUZZ_MAIN (one harness per executable) it is also
/// libFuzzer's entry point; without, the replay test (FuzzReplayTest.cpp) calls it.
#ifdef SPARSESCOPE_FUZZ_MAIN
#define SPARSESCOPE_FUZZ_TARGET(name)                                                              \
    namespace sparsescope::fuzz {                                                                  \
    int name(const std::uint8_t *data, std::size_t size);                                          \
    }                                                                                              \
    extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)              \
    {                                                                                              \
        return sparsescope::fuzz::name(data, size);                                                \
    }                                                                                              \
    int sparsescope::fuzz::name(const std::uint8_t *data, std::size_t size)
#else
#define SPARSESCOPE_FUZZ_TARGET(name)                                                              \
    int sparsescope::fuzz::name(const std::uint8_t *data, std::size_t size)
#endif
