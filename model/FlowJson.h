#pragma once

#include "model/Flow.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string_view>

namespace evflow::model {

/// The JSON names of enumerations in flow files. Parsing returns nullopt for an unknown name,
/// so that the loader can report it (NLOHMANN_JSON_SERIALIZE_ENUM would map it silently to
/// the first enumerator).
const char *latePolicyName(LatePolicy policy);
std::optional<LatePolicy> parseLatePolicy(std::string_view name);
std::optional<FieldType> parseFieldType(std::string_view name);

/// Canonical JSON of the parts of a flow (ordered_json keeps the documented key order). Optional
/// members that are empty are left out; unknown keys kept in `extra` follow the known ones,
/// sorted. serializeFlow() is to_json(Flow) dumped with 2-space indentation.
void to_json(nlohmann::ordered_json &j, const FieldSpec &field);
void to_json(nlohmann::ordered_json &j, const EventType &type);
void to_json(nlohmann::ordered_json &j, const FaultInjection &faults);
void to_json(nlohmann::ordered_json &j, const DeliverySettings &delivery);
void to_json(nlohmann::ordered_json &j, const Node &node);
void to_json(nlohmann::ordered_json &j, const Link &link);
void to_json(nlohmann::ordered_json &j, const Flow &flow);

/// The JSON form of a property value: bool, integer, number, string, array or object of strings.
nlohmann::ordered_json propertyToJson(const PropertyValue &value);

} // namespace evflow::model
