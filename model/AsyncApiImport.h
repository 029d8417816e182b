#pragma once

#include "model/Flow.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace evflow::model {

/// A part of an AsyncAPI document that the import could not carry over, and why.
struct ImportWarning
{
    std::string pointer; ///< JSON pointer into the document ("/servers", "/channels/a/bindings")
    std::string message;

    bool operator==(const ImportWarning &) const = default;
};

/// The outcome of importAsyncApi(): a flow skeleton and the warnings, or an error.
struct AsyncApiImport
{
    std::optional<Flow> flow;
    std::vector<ImportWarning> warnings;
    std::string error; ///< when there is no flow: "POINTER: MESSAGE" or a parse error
};

/// Turns an AsyncAPI 2.x (2.6 is the reference) or 3.0 document into a flow skeleton
/// (docs/ASYNCAPI.md, "Import"):
///  - every message with an object payload becomes an event type (fields from the payload
///    schema's properties; nested objects, arrays and compositions become string fields, with a
///    warning);
///  - every channel becomes a channel node: its address when it is a ZeroMQ endpoint (else
///    `inproc://<id>`, with a warning), pattern, high-water mark and bind side from `x-zeromq`;
///  - every send operation (2.x: `subscribe`) becomes a producer wired into its channel, every
///    receive operation (2.x: `publish`) a consumer wired out of it; operations named like
///    evflow's export (`<node>[.<port>].send.<channel>`) and marked `x-evflow-kind` get their
///    node, port and kind back, so an evflow export round-trips;
///  - nodes are placed in layers (producers, channels, consumers) left to right.
/// Parts with no counterpart (servers, bindings, security, parameters, traits, replies, …) are
/// listed in `warnings`, never silently dropped. Never throws.
AsyncApiImport importAsyncApi(const nlohmann::ordered_json &document);

/// importAsyncApi() of a JSON or YAML text (YAML unless the text starts with '{').
AsyncApiImport importAsyncApiText(std::string_view text);

} // namespace evflow::model
