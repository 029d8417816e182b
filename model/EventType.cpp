#include "model/EventType.h"

namespace evflow::model {

const char *fieldTypeName(FieldType type)
{
    switch (type) {
    case FieldType::String: return "string";
    case FieldType::Int: return "int";
    case FieldType::Double: return "double";
    case FieldType::Bool: return "bool";
    case FieldType::Timestamp: return "timestamp";
    case FieldType::Enum: return "enum";
    }
    return "?";
}

const FieldSpec *EventType::findField(const std::string &field) const
{
    for (const auto &f : fields)
        if (f.name == field)
            return &f;
    return nullptr;
}

} // namespace evflow::model
