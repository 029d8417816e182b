#pragma once

// Helpers shared by the flow-file tests (TestFlowFile, TestFlowFileErrors).

#include "model/FlowFile.h"

#include <QStringList>

#include <fstream>
#include <sstream>
#include <string>

namespace evflow::test {

/// The whole file as bytes ("" when it cannot be read: the comparison that follows fails).
inline std::string readText(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

/// Path of a file in tests/data/flows/.
inline std::string dataFile(const char *name)
{
    return std::string(EVFLOW_TEST_DATA_DIR) + "/flows/" + name;
}

/// "LINE:COLUMN: error: MESSAGE (at POINTER)" for whole-list comparisons with readable diffs.
inline QStringList describe(const model::Problems &problems)
{
    QStringList out;
    for (const auto &p : problems)
        out << QString::fromStdString(model::formatProblem("", p)).mid(1);
    return out;
}

} // namespace evflow::test
