#pragma once

#include <cstdio>
#include <string>
#include <string_view>

namespace evflow::cli {

/// An output file written bit by bit and published whole (PRODUCT.md §4: never a partial output
/// file). Text goes to a temporary sibling of the target; commit() flushes, fsyncs and renames it
/// over the target; anything else (discard(), destruction, a failed write, a kill) leaves the
/// target untouched. "-" streams to standard output instead (nothing to publish atomically).
///
/// Not thread-safe. Write errors are sticky: after the first, write() returns false and
/// commit() reports the error.
class StreamingOutputFile
{
public:
    StreamingOutputFile() = default;
    ~StreamingOutputFile();
    StreamingOutputFile(const StreamingOutputFile &) = delete;
    StreamingOutputFile &operator=(const StreamingOutputFile &) = delete;

    /// Creates the temporary file next to `path`. False with `error` naming `path` and the
    /// reason when it cannot be created (missing directory, no permission).
    bool open(const std::string &path, std::string &error);
    bool write(std::string_view text);
    /// Hands buffered text to the kernel (not fsync): a reader of the temporary file sees it.
    bool flush();
    /// Publishes the file; false with `error` (and the target untouched) on failure.
    bool commit(std::string &error);
    /// Removes the temporary file; the target stays as it was. Idempotent.
    void discard();

    const std::string &path() const { return m_path; }

private:
    std::string failure(const char *what) const;

    std::string m_path;
    std::string m_tmp;
    std::FILE *m_file = nullptr;
    bool m_stdout = false;
    int m_errno = 0; ///< first write error
};

} // namespace evflow::cli
