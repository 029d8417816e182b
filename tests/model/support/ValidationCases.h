#pragma once

// Table-driven validation tests: a case mutates the rich sample flow and lists the exact
// problems validation must then report, in order.

#include "model/Validation.h"

#include "SampleFlows.h"

#include <QtTest>

#include <functional>
#include <string>
#include <vector>

namespace evflow::model::testing {

struct Expected
{
    Severity severity;
    std::string message;
    std::string pointer;
    std::string node;
};

struct Case
{
    const char *name;
    std::function<void(Flow &)> mutate;
    std::vector<Expected> expected;
};

inline constexpr Severity E = Severity::Error;
inline constexpr Severity W = Severity::Warning;

inline Node &at(Flow &f, const char *id)
{
    return *f.findNode({id});
}

/// Renames a node and every link end naming it (what an editor would do), so that a test of
/// the id rules sees no dangling links.
inline void renameEverywhere(Flow &f, const char *from, const char *to)
{
    at(f, from).id = {to};
    for (Link &l : f.links) {
        if (l.from.node.value == from)
            l.from.node = {to};
        if (l.to.node.value == from)
            l.to.node = {to};
    }
}

inline QStringList render(const std::vector<Expected> &problems)
{
    QStringList out;
    for (const auto &p : problems)
        out << QString::fromStdString(std::string(severityName(p.severity)) + " | " + p.message
                                      + " | " + p.pointer + " | " + p.node);
    return out;
}

inline QStringList render(const Problems &problems)
{
    std::vector<Expected> e;
    for (const auto &p : problems)
        e.push_back({p.severity, p.message, p.pointer, p.node.value});
    return render(e);
}

/// Registers one row per case ("index" column) for a QTest _data() function.
inline void addCaseRows(const std::vector<Case> &cases)
{
    QTest::addColumn<int>("index");
    for (size_t i = 0; i < cases.size(); ++i)
        QTest::newRow(cases[i].name) << int(i);
}

/// Runs the case and compares the whole rendered problem list.
inline void runCase(const Case &c)
{
    Flow flow = richFlow();
    c.mutate(flow);
    QCOMPARE(render(validateFlow(flow)), render(c.expected));
}

} // namespace evflow::model::testing
