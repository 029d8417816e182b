#include "model/CloudEventJson.h"

#include "model/EventTime.h"

#include <nlohmann/json.hpp>

#include <charconv>
#include <limits>

namespace evflow::model {

namespace {
// ordered_json keeps the attribute order we write and, on input, the order of data fields.
using Json = nlohmann::ordered_json;

/// A value quoted the JSON way, for messages: control characters cannot garble them.
std::string jsonText(const Json &value)
{
    return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}
} // namespace

Json fieldValueToJson(const FieldValue &value)
{
    return std::visit(
        [](const auto &v) -> Json {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::monostate>)
                return nullptr;
            else
                return v;
        },
        value);
}

FieldValue fieldValueFromJson(const Json &value)
{
    switch (value.type()) {
    case Json::value_t::null: return std::monostate{};
    case Json::value_t::boolean: return value.get<bool>();
    case Json::value_t::number_integer: return value.get<std::int64_t>();
    case Json::value_t::number_unsigned: {
        const auto u = value.get<std::uint64_t>();
        if (u <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
            return static_cast<std::int64_t>(u);
        return static_cast<double>(u); // too large for int64: keep the magnitude
    }
    case Json::value_t::number_float: return value.get<double>();
    case Json::value_t::string: return value.get<std::string>();
    default: return jsonText(value);
    }
}

namespace {

std::string attributeLabel(const std::string &name)
{
    return "attribute \"" + name + "\"";
}

bool isValidAttributeName(const std::string &name)
{
    if (name.empty())
        return false;
    for (const char c : name) {
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
            return false;
    }
    return true;
}

/// Parses an unsigned decimal (a string) or a non-negative JSON integer no larger than `max`.
bool readUnsigned(const Json &value, std::uint64_t max, std::uint64_t &out)
{
    std::uint64_t parsed = 0;
    if (value.is_number_unsigned()) {
        parsed = value.get<std::uint64_t>();
    } else if (value.is_string()) {
        const auto &text = value.get_ref<const std::string &>();
        const char *end = text.data() + text.size();
        const auto [ptr, ec] = std::from_chars(text.data(), end, parsed);
        // from_chars accepts no sign, so "-1" and "+1" fail here; "" fails too.
        if (ec != std::errc() || ptr != end || text.empty())
            return false;
    } else {
        return false;
    }
    if (parsed > max)
        return false;
    out = parsed;
    return true;
}

constexpr int kMaxFlattenDepth = 16;

/// Adds the members of `object` as fields named prefix.key, recursing into nested objects.
bool addFields(const Json &object, const std::string &prefix, int depth, Event &out,
               std::string &error)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        const std::string name = prefix.empty() ? it.key() : prefix + "." + it.key();
        const Json &value = it.value();
        if (value.is_object() && !value.empty() && depth < kMaxFlattenDepth) {
            if (!addFields(value, name, depth + 1, out, error))
                return false;
            continue;
        }
        out.setField(name, fieldValueFromJson(value));
        // Checked while adding so a huge object cannot make setField's search quadratic.
        if (out.data.size() > EventLimits::maxFields) {
            error = "data has more than " + std::to_string(EventLimits::maxFields) + " fields";
            return false;
        }
    }
    return true;
}

bool readData(const Json &doc, Event &out, std::string &error)
{
    const auto data = doc.find("data");
    const auto base64 = doc.find("data_base64");
    const bool hasData = data != doc.end() && !data->is_null();
    const bool hasBase64 = base64 != doc.end() && !base64->is_null();
    if (hasData && hasBase64) {
        error = "an event must not have both \"data\" and \"data_base64\"";
        return false;
    }
    if (hasBase64) {
        if (!base64->is_string()) {
            error = "\"data_base64\" must be a string, not " + std::string(base64->type_name());
            return false;
        }
        out.setField("data_base64", base64->get<std::string>());
        return true;
    }
    if (!hasData)
        return true;
    if (!data->is_object()) {
        out.setField("value", fieldValueFromJson(*data));
        return true;
    }
    return addFields(*data, std::string(), 1, out, error);
}

std::string *stringAttribute(Event &e, const std::string &name)
{
    if (name == "id")
        return &e.id;
    if (name == "source")
        return &e.source;
    if (name == "type")
        return &e.type;
    if (name == "specversion")
        return &e.specversion;
    if (name == "subject")
        return &e.subject;
    if (name == "datacontenttype")
        return &e.datacontenttype;
    if (name == "dataschema")
        return &e.dataschema;
    if (name == "correlationid")
        return &e.correlationid;
    if (name == "causationid")
        return &e.causationid;
    return nullptr;
}

bool readAttribute(const std::string &name, const Json &value, Event &out, std::string &error)
{
    if (value.is_null())
        return true; // CloudEvents: a null attribute is treated as absent
    if (std::string *target = stringAttribute(out, name)) {
        if (!value.is_string()) {
            error = attributeLabel(name) + " must be a string, not " + value.type_name();
            return false;
        }
        target->assign(value.get_ref<const std::string &>());
        return true;
    }
    std::uint64_t number = 0;
    if (name == "time") {
        if (!value.is_string() || !parseRfc3339(value.get_ref<const std::string &>(), out.time)) {
            error = "attribute \"time\" is not an RFC 3339 timestamp: " + jsonText(value);
            return false;
        }
    } else if (name == "sequence") {
        if (!readUnsigned(value, std::numeric_limits<std::uint64_t>::max(), out.sequence)) {
            error = "attribute \"sequence\" is not an unsigned 64-bit integer: " + jsonText(value);
            return false;
        }
    } else if (name == "epoch") {
        if (!readUnsigned(value, std::numeric_limits<std::uint32_t>::max(), number)) {
            error = "attribute \"epoch\" is not an unsigned 32-bit integer: " + jsonText(value);
            return false;
        }
        out.epoch = static_cast<std::uint32_t>(number);
    }
    return true; // an extension evflow does not know: ignored
}

bool checkSpecVersion(const Json &doc, std::string &error)
{
    const auto it = doc.find("specversion");
    if (it == doc.end() || it->is_null()) {
        error = "missing required attribute \"specversion\"";
        return false;
    }
    if (!it->is_string() || *it != "1.0") {
        error = "unsupported specversion " + jsonText(*it) + "; only \"1.0\" is supported";
        return false;
    }
    return true;
}

bool readAttributes(const Json &doc, Event &out, std::string &error)
{
    for (auto it = doc.begin(); it != doc.end(); ++it) {
        const std::string &name = it.key();
        if (name == "data" || name == "data_base64")
            continue;
        if (!isValidAttributeName(name)) {
            error = "invalid attribute name " + jsonText(name)
                    + ": CloudEvents attribute names consist of lowercase letters a-z and "
                      "digits 0-9";
            return false;
        }
        if (!readAttribute(name, it.value(), out, error))
            return false;
    }
    for (const char *name : {"id", "source", "type"}) {
        if (stringAttribute(out, name)->empty()) {
            const auto it = doc.find(name);
            error = it == doc.end() || it->is_null()
                        ? std::string("missing required attribute \"") + name + "\""
                        : std::string("attribute \"") + name + "\" must not be empty";
            return false;
        }
    }
    return true;
}

bool parseDocument(std::string_view text, Json &doc, std::string &error)
{
    if (text.size() > kMaxCloudEventJsonBytes) {
        error = "event is " + std::to_string(text.size()) + " bytes; at most "
                + std::to_string(kMaxCloudEventJsonBytes) + " allowed";
        return false;
    }
    // nlohmann parses any depth, but writing a value (jsonText of a nested array) recurses:
    // deeper containers are left unbuilt and the event refused, so no stack overflows.
    bool tooDeep = false;
    const auto limitDepth = [&tooDeep](int depth, Json::parse_event_t event, Json &) {
        const bool opens = event == Json::parse_event_t::object_start
                           || event == Json::parse_event_t::array_start;
        tooDeep = tooDeep || (opens && depth >= kMaxCloudEventJsonDepth);
        return !tooDeep;
    };
    try {
        doc = Json::parse(text, limitDepth);
    } catch (const Json::parse_error &e) {
        // Keep nlohmann's description ("syntax error while parsing value - ...") but not its
        // "[json.exception.parse_error.101] parse error at line 1, column 2: " preamble.
        std::string what = e.what();
        const auto colon = what.find(": ");
        error = "not JSON: " + (colon == std::string::npos ? what : what.substr(colon + 2))
                + " (byte " + std::to_string(e.byte) + ")";
        return false;
    }
    if (tooDeep) {
        error
            = "event is nested deeper than " + std::to_string(kMaxCloudEventJsonDepth) + " levels";
        return false;
    }
    if (!doc.is_object()) {
        error = std::string("not a CloudEvent: the JSON value is ") + doc.type_name()
                + ", not an object";
        return false;
    }
    return true;
}

} // namespace

std::string toCloudEventJson(const Event &e)
{
    Json doc = Json::object();
    doc["specversion"] = e.specversion;
    doc["id"] = e.id;
    doc["source"] = e.source;
    doc["type"] = e.type;
    doc["time"] = formatRfc3339(e.time);
    const auto optional = [&doc](const char *name, const std::string &value) {
        if (!value.empty())
            doc[name] = value;
    };
    optional("subject", e.subject);
    optional("datacontenttype", e.datacontenttype);
    optional("dataschema", e.dataschema);
    doc["sequence"] = std::to_string(e.sequence);
    doc["epoch"] = std::to_string(e.epoch);
    optional("correlationid", e.correlationid);
    optional("causationid", e.causationid);
    Json &data = doc["data"] = Json::object();
    for (const DataField &f : e.data)
        data[f.name] = fieldValueToJson(f.value);
    return doc.dump(-1, ' ', false, Json::error_handler_t::replace);
}

bool fromCloudEventJson(std::string_view text, Event &out, std::string &error)
{
    try {
        Json doc;
        if (!parseDocument(text, doc, error) || !checkSpecVersion(doc, error))
            return false;
        out.clear();
        out.specversion.clear();
        out.datacontenttype.clear(); // absent stays absent: the JSON format implies JSON then
        if (!readAttributes(doc, out, error) || !readData(doc, out, error))
            return false;
        error = checkEvent(out);
        return error.empty();
    } catch (const std::exception &e) {
        error = std::string("cannot read the event: ") + e.what(); // e.g. out of memory
        return false;
    }
}

} // namespace evflow::model
