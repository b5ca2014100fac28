// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/FileSink_p.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace sparsescope::core {

namespace {
constexpr std::size_t kBufferSize = 1 << 16;
}

FileSink::FileSink(const std::string &path)
{
    m_fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (m_fd < 0)
        m_error = errno;
    m_buffer.reserve(kBufferSize);
}

FileSink::~FileSink()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

void FileSink::writeAll(const char *data, std::size_t left)
{
    while (left > 0 && m_error == 0) {
        const ssize_t written = ::write(m_fd, data, left);
        if (written < 0 && errno == EINTR)
            continue;
        if (written <= 0) {
            m_error = written < 0 ? errno : ENOSPC;
            break;
        }
        data += written;
        left -= std::size_t(written);
    }
}

void FileSink::flushBuffer()
{
    writeAll(m_buffer.data(), m_buffer.size());
    m_buffer.clear();
}

std::size_t FileSink::write(const void *data, std::size_t size)
{
    if (m_error != 0 || size == 0)
        return size;
    const char *bytes = static_cast<const char *>(data);
    if (m_buffer.size() + size > kBufferSize)
        flushBuffer();
    if (size >= kBufferSize) { // large records (tensors) go straight through
        writeAll(bytes, size);
    } else {
        m_buffer.insert(m_buffer.end(), bytes, bytes + size);
    }
    return size;
}

int FileSink::finish()
{
    if (m_fd < 0)
        return m_error;
    flushBuffer();
    if (m_error == 0 && ::fsync(m_fd) != 0)
        m_error = errno;
    if (::close(m_fd) != 0 && m_error == 0)
        m_error = errno;
    m_fd = -1;
    return m_error;
}

std::streamsize FileSink::xsputn(const char *data, std::streamsize size)
{
    write(data, std::size_t(size));
    return size;
}

FileSink::int_type FileSink::overflow(int_type c)
{
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
        const char byte = traits_type::to_char_type(c);
        write(&byte, 1);
    }
    return traits_type::not_eof(c);
}

} // namespace sparsescope::core
