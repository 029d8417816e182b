#pragma once

#include "model/Flow.h"

#include <nlohmann/json.hpp>

#include <string>

namespace evflow::model {

/// The AsyncAPI version toAsyncApi() writes.
inline constexpr const char *kAsyncApiVersion = "3.0.0";

/// The flow as an AsyncAPI 3.0 document (docs/ASYNCAPI.md):
///  - info: the flow's name and description;
///  - channels: one per channel node, `address` = its endpoint, `messages` = the event types it
///    carries (typesCarried), ZeroMQ details (pattern, socket types, transport, bind side,
///    high-water mark, broker backend) under `x-zeromq`, as AsyncAPI has no ZeroMQ binding;
///  - operations: `send` for each producer or processor output wired to a channel, `receive`
///    for each consumer or processor input wired from one, named `<node>.send.<channel>` /
///    `<node>.receive.<channel>`, listing the messages of that wire;
///  - components.messages: one per event type, CloudEvents attributes described as `headers`,
///    `payload` a reference to components.schemas;
///  - components.schemas: a JSON Schema (draft 7, AsyncAPI's default) per declared event type,
///    from its fields (string, integer, number, boolean, date-time string, enum).
/// A channel whose types the flow cannot tell (fed by a replay or a zmq-source) carries the
/// generic message `cloudevent` (any CloudEvent). Keys keep this order; deterministic output.
nlohmann::ordered_json toAsyncApi(const Flow &flow);

/// toAsyncApi() as pretty JSON (2 spaces) with a trailing newline.
std::string toAsyncApiJson(const Flow &flow);

/// toAsyncApi() as YAML (block style, every string double-quoted) with a trailing newline.
std::string toAsyncApiYaml(const Flow &flow);

} // namespace evflow::model
