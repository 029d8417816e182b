#include "app/cli/StreamingOutputFile.h"

#include <cerrno>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>

namespace evflow::cli {

StreamingOutputFile::~StreamingOutputFile()
{
    discard();
}

bool StreamingOutputFile::open(const std::string &path, std::string &error)
{
    discard();
    m_path = path;
    m_errno = 0;
    if (path == "-") {
        m_stdout = true;
        m_file = stdout;
        return true;
    }
    m_tmp = path + ".XXXXXX";
    const int fd = ::mkstemp(m_tmp.data());
    if (fd < 0) {
        error = "cannot write " + path + ": " + std::strerror(errno);
        m_tmp.clear();
        return false;
    }
    // mkstemp creates the file 0600; give it the mode a plain open() would (0666 & ~umask).
    const mode_t mask = ::umask(0);
    ::umask(mask);
    ::fchmod(fd, 0666 & ~mask);
    m_file = ::fdopen(fd, "w");
    if (m_file == nullptr) {
        error = "cannot write " + path + ": " + std::strerror(errno);
        ::close(fd);
        discard();
        return false;
    }
    return true;
}

bool StreamingOutputFile::write(std::string_view text)
{
    if (m_file == nullptr || m_errno != 0)
        return false;
    if (std::fwrite(text.data(), 1, text.size(), m_file) != text.size()) {
        m_errno = errno != 0 ? errno : EIO;
        return false;
    }
    return true;
}

bool StreamingOutputFile::flush()
{
    if (m_file == nullptr || m_errno != 0)
        return false;
    if (std::fflush(m_file) != 0) {
        m_errno = errno;
        return false;
    }
    return true;
}

std::string StreamingOutputFile::failure(const char *what) const
{
    return "cannot write " + m_path + ": " + what;
}

bool StreamingOutputFile::commit(std::string &error)
{
    if (m_file == nullptr) {
        error = failure("the file is not open");
        return false;
    }
    if (m_stdout) {
        const bool ok = std::fflush(m_file) == 0 && m_errno == 0;
        if (!ok)
            error = failure(std::strerror(m_errno != 0 ? m_errno : errno));
        m_file = nullptr;
        return ok;
    }
    if (m_errno == 0 && (std::fflush(m_file) != 0 || ::fsync(::fileno(m_file)) != 0))
        m_errno = errno;
    if (std::fclose(m_file) != 0 && m_errno == 0)
        m_errno = errno;
    m_file = nullptr;
    if (m_errno == 0 && ::rename(m_tmp.c_str(), m_path.c_str()) != 0)
        m_errno = errno;
    if (m_errno != 0) {
        error = failure(std::strerror(m_errno));
        discard();
        return false;
    }
    m_tmp.clear();
    return true;
}

void StreamingOutputFile::discard()
{
    if (m_file != nullptr && !m_stdout)
        std::fclose(m_file);
    m_file = nullptr;
    m_stdout = false;
    if (!m_tmp.empty())
        ::unlink(m_tmp.c_str());
    m_tmp.clear();
}

} // namespace evflow::cli
