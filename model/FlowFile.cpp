#include "model/FlowFile.h"
#include "model/FlowMigration.h"
#include "model/FlowReader.h"
#include "model/JsonScanner.h"

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>

namespace evflow::model {
namespace {

using json = nlohmann::json;

Problem problemAt(std::string message, std::string pointer, TextPosition at)
{
    Problem p;
    p.message = std::move(message);
    p.pointer = std::move(pointer);
    p.line = at.line;
    p.column = at.column;
    return p;
}

LoadResult failure(std::string message)
{
    LoadResult result;
    result.problems.push_back(problemAt(std::move(message), "", {1, 1}));
    return result;
}

/// Checks formatVersion and records it; false (with a problem) when the flow cannot be read.
bool readVersion(const json &doc, LoadResult &result)
{
    const auto fail = [&](std::string message, std::string pointer) {
        result.problems.push_back(
            problemAt(std::move(message), pointer, result.positions.find(pointer)));
        return false;
    };
    const auto it = doc.find("formatVersion");
    if (it == doc.end())
        return fail("missing required key 'formatVersion' in the flow", "");
    if (!it->is_number_integer())
        return fail("'formatVersion' in the flow must be an integer (found "
                        + detail::jsonTypeName(*it) + ")",
                    "/formatVersion");
    const auto version = it->get<std::int64_t>();
    const std::string text = it->dump();
    // Recorded even when refused below, so a caller can say which version the file claims.
    if (!it->is_number_unsigned() || it->get<std::uint64_t>() <= INT_MAX)
        result.sourceVersion
            = static_cast<int>(std::clamp<std::int64_t>(version, INT_MIN, INT_MAX));
    if (it->is_number_unsigned() ? it->get<std::uint64_t>() > kFlowFormatVersion
                                 : version > kFlowFormatVersion)
        return fail("flow file format version " + text + " is newer than this evflow supports ("
                        + std::to_string(kFlowFormatVersion) + "); upgrade evflow",
                    "/formatVersion");
    if (version < 1)
        return fail("flow file format version " + text + " does not exist; versions start at 1",
                    "/formatVersion");
    return true;
}

} // namespace

LoadResult parseFlow(std::string_view text)
{
    if (text.size() > kMaxFlowFileBytes)
        return failure("flow text is " + std::to_string(text.size()) + " bytes; the limit is "
                       + std::to_string(kMaxFlowFileBytes));
    LoadResult result;
    result.problems = detail::JsonScanner(text, result.positions, kMaxJsonDepth).scan();
    if (!result.problems.empty())
        return result;
    json doc;
    try {
        doc = json::parse(text);
    } catch (const json::exception &e) {
        // Not expected: the scanner accepts only what nlohmann accepts. Kept as a safety net.
        result.problems.push_back(problemAt(e.what(), "", {1, 1}));
        return result;
    }
    if (doc.is_object()) {
        if (!readVersion(doc, result))
            return result;
        if (result.sourceVersion < kFlowFormatVersion)
            detail::migrateFlow(doc, result.sourceVersion, result.positions);
    }
    result.flow = detail::FlowReader(result.problems).read(doc);
    for (Problem &p : result.problems) {
        const TextPosition at = result.positions.find(p.pointer);
        p.line = at.line;
        p.column = at.column;
    }
    return result;
}

LoadResult loadFlowFile(const std::string &path)
{
    namespace fs = std::filesystem;
    std::error_code error;
    if (fs::is_directory(path, error))
        return failure("cannot read file: " + std::string(std::strerror(EISDIR)));
    const auto size = fs::file_size(path, error);
    if (error)
        return failure("cannot read file: " + error.message());
    // Checked before reading: a huge file must not be loaded into memory first.
    if (size > kMaxFlowFileBytes)
        return failure("file is " + std::to_string(size) + " bytes; the limit is "
                       + std::to_string(kMaxFlowFileBytes));
    errno = 0;
    std::ifstream in(path, std::ios::binary);
    std::string text(static_cast<std::size_t>(size), '\0');
    if (!in || !in.read(text.data(), static_cast<std::streamsize>(size)))
        return failure("cannot read file: "
                       + std::string(errno != 0 ? std::strerror(errno) : "read failed"));
    return parseFlow(text);
}

std::string formatProblem(const std::string &file, const Problem &problem)
{
    std::string out = file;
    if (problem.line > 0)
        out += ":" + std::to_string(problem.line) + ":" + std::to_string(problem.column);
    out += std::string(": ") + severityName(problem.severity) + ": " + problem.message;
    // The root pointer "" is printed as "/" so that every message ends the same way.
    out += " (at " + (problem.pointer.empty() ? std::string("/") : problem.pointer) + ")";
    return out;
}

} // namespace evflow::model
