#include "model/FieldGenerator.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace evflow::model {
namespace {

std::string_view trim(std::string_view s)
{
    const auto blank = [](char c) { return c == ' ' || c == '\t'; };
    while (!s.empty() && blank(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && blank(s.back()))
        s.remove_suffix(1);
    return s;
}

std::vector<std::string> splitArguments(std::string_view args)
{
    std::vector<std::string> out;
    size_t start = 0;
    while (true) {
        const size_t comma = args.find(',', start);
        out.emplace_back(trim(args.substr(start, comma - start)));
        if (comma == std::string_view::npos)
            return out;
        start = comma + 1;
    }
}

std::optional<double> toNumber(std::string_view s)
{
    double value = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (s.empty() || ec != std::errc{} || end != s.data() + s.size() || !std::isfinite(value))
        return std::nullopt;
    return value;
}

bool isInteger(std::string_view s)
{
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    return !s.empty() && ec == std::errc{} && end == s.data() + s.size();
}

const char *const kUsage = "use sequence, uniform(a,b), normal(mean,sd), choice(a,b,...), "
                           "string(n), bool(p) or const(v)";

struct Parsed
{
    std::string_view text;
    std::vector<std::string> args;
};

FieldGeneratorParseResult fail(const Parsed &p, std::string_view why)
{
    return {std::nullopt, "'" + std::string(p.text) + "': " + std::string(why)};
}

/// Two numbers for uniform and normal; their extra constraint is checked by the caller.
std::optional<std::pair<double, double>> twoNumbers(const Parsed &p)
{
    if (p.args.size() != 2)
        return std::nullopt;
    const auto a = toNumber(p.args[0]);
    const auto b = toNumber(p.args[1]);
    if (!a || !b)
        return std::nullopt;
    return std::pair{*a, *b};
}

FieldGeneratorParseResult parseDistribution(bool uniform, const Parsed &p)
{
    const auto ab = twoNumbers(p);
    if (!ab)
        return fail(p, uniform ? "uniform needs two numbers, as in uniform(min, max)"
                               : "normal needs two numbers, as in normal(mean, sd)");
    if (uniform && ab->first > ab->second)
        return fail(p, "min is greater than max");
    if (!uniform && ab->second < 0)
        return fail(p, "the standard deviation must not be negative");
    FieldGenerator g;
    g.kind = uniform ? FieldGeneratorKind::Uniform : FieldGeneratorKind::Normal;
    g.a = ab->first;
    g.b = ab->second;
    return {std::move(g), {}};
}

FieldGeneratorParseResult parseString(const Parsed &p)
{
    std::int64_t n = 0;
    if (p.args.size() == 1 && isInteger(p.args.front()))
        std::from_chars(p.args.front().data(), p.args.front().data() + p.args.front().size(), n);
    if (n < 1 || n > kMaxGeneratedStringLength)
        return fail(p, "string needs a length from 1 to "
                           + std::to_string(kMaxGeneratedStringLength) + ", as in string(8)");
    FieldGenerator g;
    g.kind = FieldGeneratorKind::String;
    g.length = n;
    return {std::move(g), {}};
}

FieldGeneratorParseResult parseWithArguments(std::string_view name, const Parsed &p,
                                             std::string_view inside)
{
    if (name == "uniform" || name == "normal")
        return parseDistribution(name == "uniform", p);
    if (name == "string")
        return parseString(p);
    FieldGenerator g;
    if (name == "choice") {
        if (std::any_of(p.args.begin(), p.args.end(), [](const auto &v) { return v.empty(); }))
            return fail(p, "a choice value is empty");
        g.kind = FieldGeneratorKind::Choice;
        g.values = p.args;
    } else if (name == "bool") {
        const auto prob = p.args.size() == 1 ? toNumber(p.args.front()) : std::nullopt;
        if (!prob || *prob < 0 || *prob > 1)
            return fail(p, "bool needs a probability from 0 to 1, as in bool(0.5)");
        g.kind = FieldGeneratorKind::Bool;
        g.a = *prob;
    } else if (name == "const") {
        const std::string_view value = trim(inside);
        if (value.empty())
            return fail(p, "const needs a value, as in const(EU)");
        g.kind = FieldGeneratorKind::Const;
        g.values = {std::string(value)};
    } else if (name == "sequence") {
        return fail(p, "sequence takes no arguments");
    } else {
        return fail(p, "unknown field generator '" + std::string(name) + "': " + kUsage);
    }
    return {std::move(g), {}};
}

/// Whether one literal (a choice or const value) fits the field.
std::string valueMismatch(const std::string &value, const FieldSpec &field)
{
    const std::string quotedValue = "'" + value + "'";
    switch (field.type) {
    case FieldType::String:
    case FieldType::Timestamp: return {};
    case FieldType::Int:
        return isInteger(value)
                   ? std::string{}
                   : quotedValue + " is not an int, as the field '" + field.name + "' needs";
    case FieldType::Double:
        return toNumber(value)
                   ? std::string{}
                   : quotedValue + " is not a number, as the field '" + field.name + "' needs";
    case FieldType::Bool:
        return value == "true" || value == "false"
                   ? std::string{}
                   : quotedValue + " is not true or false, as the field '" + field.name + "' needs";
    case FieldType::Enum: {
        if (std::find(field.values.begin(), field.values.end(), value) != field.values.end())
            return {};
        std::string list;
        for (const auto &v : field.values)
            list += (list.empty() ? "" : ", ") + v;
        return quotedValue + " is not a value of the enum field '" + field.name + "' (" + list
               + ")";
    }
    }
    return {};
}

bool generates(FieldGeneratorKind kind, FieldType type)
{
    switch (kind) {
    case FieldGeneratorKind::Sequence:
        return type == FieldType::Int || type == FieldType::Double || type == FieldType::String;
    case FieldGeneratorKind::Uniform:
    case FieldGeneratorKind::Normal: return type == FieldType::Int || type == FieldType::Double;
    case FieldGeneratorKind::String: return type == FieldType::String;
    case FieldGeneratorKind::Bool: return type == FieldType::Bool;
    case FieldGeneratorKind::Choice:
    case FieldGeneratorKind::Const: return true; // decided value by value
    }
    return false;
}

} // namespace

const char *fieldGeneratorName(FieldGeneratorKind kind)
{
    switch (kind) {
    case FieldGeneratorKind::Sequence: return "sequence";
    case FieldGeneratorKind::Uniform: return "uniform";
    case FieldGeneratorKind::Normal: return "normal";
    case FieldGeneratorKind::Choice: return "choice";
    case FieldGeneratorKind::String: return "string";
    case FieldGeneratorKind::Bool: return "bool";
    case FieldGeneratorKind::Const: return "const";
    }
    return "?";
}

FieldGeneratorParseResult parseFieldGenerator(std::string_view text)
{
    const std::string_view t = trim(text);
    const Parsed bare{t, {}};
    if (t.empty())
        return {std::nullopt, "a field generator is empty: " + std::string(kUsage)};
    const size_t open = t.find('(');
    if (open == std::string_view::npos) {
        if (t == "sequence")
            return {FieldGenerator{}, {}};
        for (const char *name : {"uniform", "normal", "choice", "string", "bool", "const"})
            if (t == name)
                return fail(bare, "needs arguments: " + std::string(kUsage));
        return {std::nullopt, "unknown field generator '" + std::string(t) + "': " + kUsage};
    }
    if (t.back() != ')')
        return fail(bare, "missing ')' at the end");
    const std::string_view inside = t.substr(open + 1, t.size() - open - 2);
    const Parsed parsed{t, splitArguments(inside)};
    return parseWithArguments(trim(t.substr(0, open)), parsed, inside);
}

std::string fieldGeneratorMismatch(const FieldGenerator &generator, const FieldSpec &field)
{
    if (!generates(generator.kind, field.type))
        return std::string(fieldGeneratorName(generator.kind)) + " cannot generate the "
               + fieldTypeName(field.type) + " field '" + field.name + "'";
    if (generator.kind == FieldGeneratorKind::Choice || generator.kind == FieldGeneratorKind::Const)
        for (const auto &value : generator.values)
            if (std::string why = valueMismatch(value, field); !why.empty())
                return why;
    return {};
}

} // namespace evflow::model
