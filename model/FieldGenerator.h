#pragma once

#include "model/EventType.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace evflow::model {

/// How a generator node fills one field of the events it emits (the `fields` property).
enum class FieldGeneratorKind {
    Sequence, ///< `sequence`: 1, 2, 3, ... per generator
    Uniform,  ///< `uniform(a, b)`: uniformly distributed in [a, b]
    Normal,   ///< `normal(mean, sd)`: normally distributed
    Choice,   ///< `choice(a, b, ...)`: one of the listed values, equally likely
    String,   ///< `string(n)`: n random letters
    Bool,     ///< `bool(p)`: true with probability p
    Const,    ///< `const(v)`: always v
};

/// "sequence", "uniform", ...
const char *fieldGeneratorName(FieldGeneratorKind kind);

/// Longest string(n) accepted: keeps generated events small.
inline constexpr std::int64_t kMaxGeneratedStringLength = 4096;

/// A parsed field generator expression, ready for the runtime. Only the members of its kind are
/// meaningful: `a`/`b` (uniform: min/max; normal: mean/sd; bool: a = probability), `values`
/// (choice: the trimmed values; const: one value), `length` (string).
struct FieldGenerator
{
    FieldGeneratorKind kind = FieldGeneratorKind::Sequence;
    double a = 0;
    double b = 0;
    std::vector<std::string> values;
    std::int64_t length = 0;

    bool operator==(const FieldGenerator &) const = default;
};

/// The outcome of parseFieldGenerator(): a generator, or a message saying what is wrong.
struct FieldGeneratorParseResult
{
    std::optional<FieldGenerator> generator;
    std::string error;
    explicit operator bool() const { return generator.has_value(); }
};

/// Parses `sequence`, `uniform(a,b)` (a <= b), `normal(mean,sd)` (sd >= 0), `choice(a,b,...)`
/// (at least one non-empty value), `string(n)` (1..kMaxGeneratedStringLength), `bool(p)`
/// (0 <= p <= 1) or `const(v)`. Blanks around names, arguments and commas are ignored; const
/// keeps its argument verbatim after trimming, commas included.
FieldGeneratorParseResult parseFieldGenerator(std::string_view text);

/// Whether `generator` can produce values for a field of this spec; returns "" when it can,
/// else the reason ("uniform(...) cannot generate the enum field 'region'", "'MARS' is not a
/// value of the enum field 'region' (EU, US, APAC)").
std::string fieldGeneratorMismatch(const FieldGenerator &generator, const FieldSpec &field);

} // namespace evflow::model
