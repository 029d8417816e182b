#pragma once

#include "model/AsyncApiImport.h"
#include "model/EventType.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace evflow::model::detail {

/// The parts of an AsyncAPI document the import reads everywhere: `$ref` resolution and
/// warnings. Internal to the AsyncAPI import.
class AsyncApiReader
{
public:
    AsyncApiReader(const nlohmann::ordered_json &document, std::vector<ImportWarning> &warnings)
        : m_document(document)
        , m_warnings(warnings)
    {
    }

    /// `value` with local `$ref`s followed (up to 16 in a chain); `pointer` is updated to where
    /// the value was found. nullptr (and a warning) for external or dangling references.
    const nlohmann::ordered_json *resolve(const nlohmann::ordered_json &value,
                                          std::string &pointer);
    void warn(const std::string &pointer, const std::string &message);
    /// Warns about each key of `object` that is not in `handled` and not documentation
    /// (title, summary, description, tags, externalDocs), naming it as having no counterpart.
    void warnUnhandled(const nlohmann::ordered_json &object, const std::string &pointer,
                       const std::vector<std::string> &handled);
    const nlohmann::ordered_json &document() const { return m_document; }

private:
    const nlohmann::ordered_json &m_document;
    std::vector<ImportWarning> &m_warnings;
};

/// `object[key]` when `object` is an object that has it, else a null value; never a copy, so
/// it may be iterated directly (items() of a temporary would dangle).
const nlohmann::ordered_json &member(const nlohmann::ordered_json &object, const char *key);

/// "/channels/a~1b": `pointer` extended by one key, escaped as RFC 6901 says (the export uses
/// it for its `$ref`s too).
std::string childPointer(const std::string &pointer, const std::string &key);

/// An event type named `name` from a message's payload schema (found at `pointer`): one field
/// per property; types the flow has no field type for become strings, with a warning.
EventType eventTypeFromPayload(AsyncApiReader &reader, const std::string &name,
                               const nlohmann::ordered_json *payload, const std::string &pointer);

} // namespace evflow::model::detail
