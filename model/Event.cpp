#include "model/Event.h"

#include "model/TextCheck.h"

#include <utility>

namespace evflow::model {

const FieldValue *Event::field(std::string_view name) const
{
    for (const DataField &f : data) {
        if (f.name == name)
            return &f.value;
    }
    return nullptr;
}

FieldValue *Event::field(std::string_view name)
{
    return const_cast<FieldValue *>(std::as_const(*this).field(name));
}

void Event::setField(std::string_view name, FieldValue value)
{
    if (FieldValue *existing = field(name)) {
        *existing = std::move(value);
        return;
    }
    data.push_back(DataField{std::string(name), std::move(value)});
}

bool Event::numberField(std::string_view name, double &out) const
{
    const FieldValue *value = field(name);
    if (value == nullptr)
        return false;
    if (const auto *i = std::get_if<std::int64_t>(value)) {
        out = static_cast<double>(*i);
        return true;
    }
    if (const auto *d = std::get_if<double>(value)) {
        out = *d;
        return true;
    }
    return false;
}

void Event::clear()
{
    id.clear();
    source.clear();
    type.clear();
    specversion.assign("1.0");
    time = 0;
    subject.clear();
    datacontenttype.assign("application/json");
    dataschema.clear();
    sequence = 0;
    epoch = 0;
    correlationid.clear();
    causationid.clear();
    data.clear();
}

void assignString(FieldValue &value, std::string_view text)
{
    if (auto *s = std::get_if<std::string>(&value))
        s->assign(text);
    else
        value.emplace<std::string>(text);
}

const char *fieldValueTypeName(const FieldValue &value)
{
    static constexpr const char *names[] = {"null", "bool", "int", "double", "string"};
    return names[value.index()];
}

namespace {

// The problem texts are built only when there is a problem: checkEvent runs on every event sent
// (encodeFrames), so the valid path must not allocate.
std::string attributeProblem(const char *name, const std::string &value, bool required)
{
    const auto subject = [name] { return std::string("attribute \"") + name + "\" "; };
    if (value.empty())
        return required ? subject() + "is missing or empty" : std::string();
    if (value.size() > EventLimits::maxAttributeBytes) {
        return subject() + "is " + std::to_string(value.size()) + " bytes; at most "
               + std::to_string(EventLimits::maxAttributeBytes) + " allowed";
    }
    const std::string problem = detail::textProblem(value, detail::TextRule::NoControlUtf8);
    return problem.empty() ? problem : subject() + problem;
}

std::string fieldProblem(const std::vector<DataField> &data, std::size_t index)
{
    const DataField &f = data[index];
    const auto subject = [index] { return "field " + std::to_string(index) + " "; };
    if (f.name.empty())
        return subject() + "has an empty name";
    if (f.name.size() > EventLimits::maxFieldNameBytes) {
        return subject() + "name is " + std::to_string(f.name.size()) + " bytes; at most "
               + std::to_string(EventLimits::maxFieldNameBytes) + " allowed";
    }
    std::string problem = detail::textProblem(f.name, detail::TextRule::NoControlUtf8);
    if (!problem.empty())
        return subject() + "name " + problem;
    const auto named = [&f] { return "field \"" + f.name + "\" "; };
    for (std::size_t k = 0; k < index; ++k) {
        if (data[k].name == f.name)
            return named() + "appears twice";
    }
    if (const auto *s = std::get_if<std::string>(&f.value)) {
        if (s->size() > EventLimits::maxStringValueBytes) {
            return named() + "value is " + std::to_string(s->size()) + " bytes; at most "
                   + std::to_string(EventLimits::maxStringValueBytes) + " allowed";
        }
        problem = detail::textProblem(*s, detail::TextRule::AnyUtf8);
        if (!problem.empty())
            return named() + "value " + problem;
    }
    return {};
}

} // namespace

std::string checkEvent(const Event &e)
{
    if (e.specversion != "1.0")
        return "specversion is \"" + e.specversion + "\"; only \"1.0\" is supported";
    const std::pair<const char *, const std::string *> attributes[] = {
        {"id", &e.id},
        {"source", &e.source},
        {"type", &e.type},
        {"subject", &e.subject},
        {"datacontenttype", &e.datacontenttype},
        {"dataschema", &e.dataschema},
        {"correlationid", &e.correlationid},
        {"causationid", &e.causationid},
    };
    for (std::size_t i = 0; i < std::size(attributes); ++i) {
        std::string problem = attributeProblem(attributes[i].first, *attributes[i].second, i < 3);
        if (!problem.empty())
            return problem;
    }
    if (e.time < EventLimits::minTime || e.time > EventLimits::maxTime)
        return "time " + std::to_string(e.time) + " is outside the years 0000..9999";
    if (e.data.size() > EventLimits::maxFields) {
        return "data has " + std::to_string(e.data.size()) + " fields; at most "
               + std::to_string(EventLimits::maxFields) + " allowed";
    }
    for (std::size_t i = 0; i < e.data.size(); ++i) {
        std::string problem = fieldProblem(e.data, i);
        if (!problem.empty())
            return problem;
    }
    return {};
}

} // namespace evflow::model
