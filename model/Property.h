#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <variant>
#include <vector>

namespace evflow::model {

using StringList = std::vector<std::string>;
using StringMap = std::map<std::string, std::string>;

/// The value of one node property. Which alternative is legal is decided by the property's
/// PropertyType (see NodeCatalog.h); the file loader converts JSON into exactly that alternative.
using PropertyValue = std::variant<bool, std::int64_t, double, std::string, StringList, StringMap>;

/// The declared type of a property: decides the JSON shape, the editor and the checks.
enum class PropertyType {
    Bool,      ///< true / false
    Int,       ///< integer, checked against [min, max]
    Double,    ///< number, checked against [min, max]
    String,    ///< free text
    Enum,      ///< one of PropertySpec::choices
    Endpoint,  ///< a ZeroMQ endpoint: inproc://name, ipc://path or tcp://host:port (port may be *)
    Path,      ///< a file path; relative paths resolve against the working directory of the run
    EventType, ///< the name of an event type declared in the flow
    EventTypeList, ///< several declared event type names
    List,          ///< list of strings
    Map,           ///< object of string -> string
};

/// Property names are stable identifiers (camelCase), used as JSON keys in flow files.
const char *propertyTypeName(PropertyType type);

/// Human-readable rendering of a value for messages and canvas labels ("100", "EU, US").
std::string toDisplayString(const PropertyValue &value);

} // namespace evflow::model
