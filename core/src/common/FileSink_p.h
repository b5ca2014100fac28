// SPDX-License-Identifier: GPL-3.0-or-later
// Private: a file that a serializer writes into, which never reports a failed write to it.
#pragma once

#include <cstddef>
#include <streambuf>
#include <string>
#include <vector>

namespace sparsescope::core {

/// A buffered output file for serializers that cannot take a failed write: LibTorch's zip
/// writer checks every write and throws from its destructor when one falls short, which ends
/// the program (a full disk was a core dump). Every write here "succeeds"; the first error
/// (errno) is kept and finish() reports it, so that the caller throws core::Error instead.
/// Usable as a std::streambuf (for std::ostream) and through write() (for writer functions).
class FileSink : public std::streambuf
{
public:
    /// Creates or truncates `path`; error() is set when it cannot be opened.
    explicit FileSink(const std::string &path);
    ~FileSink() override;
    FileSink(const FileSink &) = delete;
    FileSink &operator=(const FileSink &) = delete;

    /// Appends `size` bytes; always returns `size` (see the class comment).
    std::size_t write(const void *data, std::size_t size);
    /// Flushes, fsyncs and closes; the first errno met (0: all written and synced).
    int finish();
    int error() const { return m_error; }

protected:
    std::streamsize xsputn(const char *data, std::streamsize size) override;
    int_type overflow(int_type c) override;

private:
    void writeAll(const char *data, std::size_t size);
    void flushBuffer();

    int m_fd = -1;
    int m_error = 0;
    std::vector<char> m_buffer;
};

} // namespace sparsescope::core
