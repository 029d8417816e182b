#include "model/AsyncApiSchema.h"

#include <algorithm>

namespace evflow::model::detail {
namespace {

using Json = nlohmann::ordered_json;

bool isDocumentation(const std::string &key)
{
    return key == "title" || key == "summary" || key == "description" || key == "tags"
           || key == "externalDocs";
}

/// The schema's type: a string, or the first non-null entry of a type list.
std::string schemaType(const Json &schema)
{
    const auto it = schema.find("type");
    if (it == schema.end())
        return {};
    if (it->is_string())
        return it->get<std::string>();
    if (it->is_array())
        for (const Json &t : *it)
            if (t.is_string() && t.get<std::string>() != "null")
                return t.get<std::string>();
    return {};
}

FieldSpec fieldFromSchema(AsyncApiReader &reader, const std::string &name, const Json &schema,
                          const std::string &pointer)
{
    FieldSpec field;
    field.name = name;
    const std::string type = schemaType(schema);
    if (schema.contains("enum") && schema["enum"].is_array()) {
        field.type = FieldType::Enum;
        for (const Json &v : schema["enum"])
            field.values.push_back(v.is_string() ? v.get<std::string>() : v.dump());
    } else if (type == "string") {
        const bool timestamp = schema.value("format", std::string()) == "date-time";
        field.type = timestamp ? FieldType::Timestamp : FieldType::String;
    } else if (type == "integer") {
        field.type = FieldType::Int;
    } else if (type == "number") {
        field.type = FieldType::Double;
    } else if (type == "boolean") {
        field.type = FieldType::Bool;
    } else {
        field.type = FieldType::String;
        reader.warn(pointer, "field '" + name + "' of type '" + (type.empty() ? "any" : type)
                                 + "' has no evflow field type: imported as a string");
    }
    if (schema.contains("description") && schema["description"].is_string())
        field.description = schema["description"].get<std::string>();
    return field;
}

bool listed(const Json &required, const std::string &name)
{
    return required.is_array() && std::any_of(required.begin(), required.end(), [&](const Json &r) {
               return r.is_string() && r.get<std::string>() == name;
           });
}

} // namespace

const Json &member(const Json &object, const char *key)
{
    static const Json none;
    if (!object.is_object())
        return none;
    const auto it = object.find(key);
    return it == object.end() ? none : *it;
}

std::string childPointer(const std::string &pointer, const std::string &key)
{
    std::string out = pointer + "/";
    for (char c : key)
        out += c == '~' ? std::string("~0") : c == '/' ? std::string("~1") : std::string(1, c);
    return out;
}

const Json *AsyncApiReader::resolve(const Json &value, std::string &pointer)
{
    const Json *current = &value;
    for (int hops = 0; current->is_object() && current->contains("$ref"); ++hops) {
        const Json &ref = (*current)["$ref"];
        const std::string target = ref.is_string() ? ref.get<std::string>() : std::string();
        if (hops == 16 || target.rfind("#/", 0) != 0) {
            warn(pointer, hops == 16 ? "a chain of more than 16 $refs was not followed"
                                     : "reference '" + target
                                           + "' is not local to the document: not imported");
            return nullptr;
        }
        try {
            current = &m_document.at(Json::json_pointer(target.substr(1)));
            pointer = target.substr(1);
        } catch (const std::exception &) {
            warn(pointer, "reference '" + target + "' points at nothing");
            return nullptr;
        }
    }
    return current;
}

void AsyncApiReader::warn(const std::string &pointer, const std::string &message)
{
    m_warnings.push_back({pointer.empty() ? std::string("/") : pointer, message});
}

void AsyncApiReader::warnUnhandled(const Json &object, const std::string &pointer,
                                   const std::vector<std::string> &handled)
{
    if (!object.is_object())
        return;
    for (const auto &[key, value] : object.items()) {
        if (isDocumentation(key) || key.rfind("x-evflow", 0) == 0 || key == "x-zeromq"
            || std::find(handled.begin(), handled.end(), key) != handled.end())
            continue;
        warn(childPointer(pointer, key),
             "'" + key + "' has no counterpart in a flow: not imported");
    }
}

EventType eventTypeFromPayload(AsyncApiReader &reader, const std::string &name, const Json *payload,
                               const std::string &pointer)
{
    EventType type;
    type.name = name;
    std::string at = pointer;
    const Json *schema = payload ? reader.resolve(*payload, at) : nullptr;
    if (schema == nullptr || schema->empty())
        return type;
    if (schemaType(*schema) != "object" && !schema->contains("properties")) {
        reader.warn(at, "the payload of '" + name + "' is not an object: no fields imported");
        return type;
    }
    if (schema->contains("description") && (*schema)["description"].is_string())
        type.description = (*schema)["description"].get<std::string>();
    const Json &properties = schema->contains("properties") ? (*schema)["properties"] : Json();
    const Json &required = schema->contains("required") ? (*schema)["required"] : Json();
    for (const auto &[field, value] : properties.items()) {
        std::string fieldAt = childPointer(childPointer(at, "properties"), field);
        const Json *fieldSchema = reader.resolve(value, fieldAt);
        FieldSpec spec
            = fieldFromSchema(reader, field, fieldSchema ? *fieldSchema : Json::object(), fieldAt);
        spec.required = listed(required, field);
        type.fields.push_back(std::move(spec));
    }
    for (const char *composition : {"allOf", "oneOf", "anyOf"})
        if (schema->contains(composition))
            reader.warn(childPointer(at, composition), std::string("'") + composition
                                                           + "' is not imported: only the schema's "
                                                             "own properties become fields");
    return type;
}

} // namespace evflow::model::detail
