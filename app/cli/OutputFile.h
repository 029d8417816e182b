#pragma once

#include <cstddef>
#include <string>

namespace evflow::cli {

/// Writes `text` to `path` ("-" = standard output). A file is written to a temporary sibling,
/// flushed, fsync'ed and renamed over the target, so a failure or a kill never leaves a partial
/// output file (PRODUCT.md §4). On failure returns false and sets `error` to a message naming
/// the path and the reason; the target is then untouched.
bool writeOutput(const std::string &path, const std::string &text, std::string &error);

/// Reads the whole file `path` into `text`, refusing files larger than `maxBytes` (a wrong
/// argument, such as a disk image, is not read into memory). On failure returns false and sets
/// `error` to "PATH: REASON".
bool readInput(const std::string &path, std::size_t maxBytes, std::string &text,
               std::string &error);

} // namespace evflow::cli
