#pragma once

#include "model/Flow.h"

#include <QString>

#include <optional>
#include <vector>

namespace evflow::ui {

/// A shipped example flow, compiled into the studio under ":/examples/".
struct Example
{
    QString title;        ///< the flow's "name", first letter capitalised
    QString description;  ///< the flow's "description"
    QString resourcePath; ///< e.g. ":/examples/order-pipeline.evflow.json"
};

/// The Qt resource folder holding the examples.
QString examplesResourceDirectory();
/// The shipped examples, ordered by title; files that do not load are left out.
std::vector<Example> shippedExamples();
/// Reads and parses an example. On failure returns nullopt and sets `*error` (when given) to
/// "PATH:LINE:COLUMN: error: ...". Opening one gives an untitled document: it is a template.
std::optional<model::Flow> loadExample(const QString &resourcePath, QString *error = nullptr);

} // namespace evflow::ui
