#include "model/EventGenerator.h"

#include "model/Emitter.h"
#include "model/EventTime.h"
#include "model/NodeCatalog.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <numbers>

namespace evflow::model {

namespace detail {

namespace {

void writeDigits(char *out, std::int64_t value, int width)
{
    for (int i = width - 1; i >= 0; --i) {
        out[i] = static_cast<char>('0' + value % 10);
        value /= 10;
    }
}

} // namespace

void formatRfc3339Into(char (&out)[kRfc3339Length], std::int64_t micros)
{
    micros = std::clamp(micros, EventLimits::minTime, EventLimits::maxTime);
    // Floor division, so times before 1970 land on the right day and second.
    std::int64_t days = micros / 86'400'000'000LL;
    std::int64_t rest = micros % 86'400'000'000LL;
    if (rest < 0) {
        rest += 86'400'000'000LL;
        --days;
    }
    // Civil date from a day count: shift to eras of 400 years starting on 0000-03-01, where
    // leap days fall at the end of each year, then undo the shift.
    const std::int64_t z = days + 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const std::int64_t dayOfEra = z - era * 146097;
    const std::int64_t yearOfEra
        = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
    const std::int64_t dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    const std::int64_t mp = (5 * dayOfYear + 2) / 153;
    const std::int64_t day = dayOfYear - (153 * mp + 2) / 5 + 1;
    const std::int64_t month = mp < 10 ? mp + 3 : mp - 9;
    const std::int64_t year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
    const std::int64_t seconds = rest / 1'000'000;
    char *p = out;
    writeDigits(p, year, 4);
    writeDigits(p + 5, month, 2);
    writeDigits(p + 8, day, 2);
    writeDigits(p + 11, seconds / 3600, 2);
    writeDigits(p + 14, seconds / 60 % 60, 2);
    writeDigits(p + 17, seconds % 60, 2);
    writeDigits(p + 20, rest % 1'000'000, 6);
    p[4] = p[7] = '-';
    p[10] = 'T';
    p[13] = p[16] = ':';
    p[19] = '.';
    p[26] = 'Z';
}

double uniform01(std::mt19937_64 &rng)
{
    return static_cast<double>(rng() >> 11) * 0x1.0p-53;
}

std::int64_t uniformInt(std::mt19937_64 &rng, std::int64_t lo, std::int64_t hi)
{
    const std::uint64_t span = static_cast<std::uint64_t>(hi) - static_cast<std::uint64_t>(lo);
    if (span == std::numeric_limits<std::uint64_t>::max())
        return static_cast<std::int64_t>(rng());
    const std::uint64_t range = span + 1;
    // Reject the top partial block of 2^64 so that every value has the same chance.
    const std::uint64_t limit = std::numeric_limits<std::uint64_t>::max()
                                - std::numeric_limits<std::uint64_t>::max() % range;
    std::uint64_t draw = rng();
    while (draw >= limit)
        draw = rng();
    return static_cast<std::int64_t>(static_cast<std::uint64_t>(lo) + draw % range);
}

double standardNormal(std::mt19937_64 &rng)
{
    const double u1 = 1.0 - uniform01(rng); // (0, 1]: log() stays finite
    const double u2 = uniform01(rng);
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

} // namespace detail

namespace {

/// A choice/const literal as a value of the field's type; nullopt when it does not convert.
std::optional<FieldValue> convertLiteral(const std::string &text, FieldType type)
{
    switch (type) {
    case FieldType::Int: {
        std::int64_t v = 0;
        const auto r = std::from_chars(text.data(), text.data() + text.size(), v);
        if (r.ec != std::errc{} || r.ptr != text.data() + text.size())
            return std::nullopt;
        return FieldValue{v};
    }
    case FieldType::Double: {
        double v = 0;
        const auto r = std::from_chars(text.data(), text.data() + text.size(), v);
        if (r.ec != std::errc{} || r.ptr != text.data() + text.size())
            return std::nullopt;
        return FieldValue{v};
    }
    case FieldType::Bool:
        if (text != "true" && text != "false")
            return std::nullopt;
        return FieldValue{text == "true"};
    default: return FieldValue{text};
    }
}

FieldValue defaultValue(const FieldSpec &spec)
{
    switch (spec.type) {
    case FieldType::Int: return std::int64_t{0};
    case FieldType::Double: return 0.0;
    case FieldType::Bool: return false;
    case FieldType::Enum: return spec.values.empty() ? std::string() : spec.values.front();
    default: return std::string();
    }
}

} // namespace

EventGenerator::EventGenerator(const Node &node, const Flow &flow, std::uint32_t epoch,
                               std::optional<std::uint64_t> seedOverride)
    : m_source(catalog::stringProperty(node, "source"))
    , m_idPrefix(detail::idPrefix(node.id, epoch))
    , m_epoch(epoch)
{
    if (m_source.empty())
        m_source = nodeSource(flow.name, node.id);
    m_seed
        = seedOverride.value_or(static_cast<std::uint64_t>(catalog::intProperty(node, "seed", 1)));
    m_rng.seed(m_seed);
    m_correlationGroup = static_cast<std::uint64_t>(
        std::max<std::int64_t>(1, catalog::intProperty(node, "correlationGroup", 1)));
    m_rate = std::max(0.0, catalog::doubleProperty(node, "rate", 100.0));
    m_burstSize = static_cast<std::uint64_t>(
        std::max<std::int64_t>(1, catalog::intProperty(node, "burstSize", 1)));
    m_count = static_cast<std::uint64_t>(
        std::max<std::int64_t>(0, catalog::intProperty(node, "count", 0)));
    planTypes(node, flow);
}

void EventGenerator::planTypes(const Node &node, const Flow &flow)
{
    const StringMap expressions = catalog::stringMapProperty(node, "fields");
    for (const std::string &name : catalog::stringListProperty(node, "eventTypes")) {
        const EventType *type = flow.findEventType(name);
        if (type == nullptr) {
            setError("event type '" + name + "' is not declared in the flow");
            continue;
        }
        TypePlan plan;
        for (const FieldSpec &spec : type->fields)
            plan.fields.push_back(planField(spec, expressions));
        plan.event.type = name;
        plan.event.source = m_source;
        plan.event.epoch = m_epoch;
        for (const FieldPlan &field : plan.fields)
            plan.event.data.push_back({field.name, field.fixed});
        m_types.push_back(std::move(plan));
    }
    if (m_types.empty())
        setError("the generator emits no declared event type");
}

EventGenerator::FieldPlan EventGenerator::planField(const FieldSpec &spec,
                                                    const StringMap &expressions)
{
    FieldPlan plan{spec.name, spec.type, std::nullopt, defaultValue(spec), {}};
    const auto expression = expressions.find(spec.name);
    if (expression == expressions.end())
        return plan;
    FieldGeneratorParseResult parsed = parseFieldGenerator(expression->second);
    if (!parsed) {
        setError("field '" + spec.name + "': " + parsed.error);
        return plan;
    }
    if (std::string why = fieldGeneratorMismatch(*parsed.generator, spec); !why.empty()) {
        setError(why);
        return plan;
    }
    const FieldGenerator &g = *parsed.generator;
    if (g.kind == FieldGeneratorKind::Const || g.kind == FieldGeneratorKind::Choice) {
        for (const std::string &text : g.values) {
            std::optional<FieldValue> value = convertLiteral(text, spec.type);
            if (!value) { // fieldGeneratorMismatch() accepted it, so this cannot happen
                setError("field '" + spec.name + "': cannot convert '" + text + "'");
                return plan;
            }
            plan.choices.push_back(std::move(*value));
        }
        if (g.kind == FieldGeneratorKind::Const)
            plan.fixed = plan.choices.front();
    }
    plan.generator = std::move(parsed.generator);
    return plan;
}

void EventGenerator::setError(std::string message)
{
    if (m_error.empty())
        m_error = std::move(message);
}

StreamEnds EventGenerator::streamEnds() const
{
    StreamEnds ends;
    for (const TypePlan &plan : m_types)
        ends.push_back({"out", m_source, plan.event.type, m_epoch, plan.sequence});
    return ends;
}

const Event &EventGenerator::next(std::int64_t nowMicros)
{
    if (m_types.empty()) {
        static const Event empty;
        return empty;
    }
    TypePlan &plan = m_types[m_emitted % m_types.size()];
    Event &e = plan.event;
    e.id.assign(m_idPrefix);
    detail::appendDecimal(e.id, m_emitted);
    e.time = nowMicros;
    e.sequence = plan.sequence++;
    e.correlationid.assign(m_idPrefix);
    e.correlationid.push_back('c');
    detail::appendDecimal(e.correlationid, m_emitted / m_correlationGroup);
    for (std::size_t i = 0; i < plan.fields.size(); ++i)
        fillField(plan.fields[i], e.data[i].value, e.sequence, nowMicros);
    ++m_emitted;
    return e;
}

void EventGenerator::next(Event &out, std::int64_t nowMicros)
{
    out = next(nowMicros);
}

void EventGenerator::fillField(const FieldPlan &plan, FieldValue &value, std::uint64_t sequence,
                               std::int64_t nowMicros)
{
    if (!plan.generator) {
        if (plan.type == FieldType::Timestamp) {
            char text[detail::kRfc3339Length];
            detail::formatRfc3339Into(text, nowMicros);
            assignString(value, std::string_view(text, sizeof text));
        }
        return; // other defaults never change: the plan put them in place
    }
    if (plan.generator->kind != FieldGeneratorKind::Sequence) {
        fillRandom(plan, value);
        return;
    }
    const std::uint64_t n = sequence + 1;
    if (plan.type == FieldType::String) {
        char digits[24];
        const auto r = std::to_chars(digits, digits + sizeof digits, n);
        assignString(value, std::string_view(digits, static_cast<std::size_t>(r.ptr - digits)));
    } else if (plan.type == FieldType::Double) {
        value = static_cast<double>(n);
    } else {
        value = static_cast<std::int64_t>(n);
    }
}

void EventGenerator::fillRandom(const FieldPlan &plan, FieldValue &value)
{
    const FieldGenerator &g = *plan.generator;
    switch (g.kind) {
    case FieldGeneratorKind::Uniform:
        if (plan.type == FieldType::Int) {
            auto lo = static_cast<std::int64_t>(std::ceil(g.a));
            auto hi = static_cast<std::int64_t>(std::floor(g.b));
            if (lo > hi) // no integer inside [a, b]: the nearest one to its middle
                lo = hi = std::llround((g.a + g.b) / 2);
            value = detail::uniformInt(m_rng, lo, hi);
        } else {
            value = g.a + (g.b - g.a) * detail::uniform01(m_rng);
        }
        break;
    case FieldGeneratorKind::Normal:
        fillNumber(plan, value, g.a + g.b * detail::standardNormal(m_rng));
        break;
    case FieldGeneratorKind::Choice: {
        const auto last = static_cast<std::int64_t>(plan.choices.size()) - 1;
        value = plan.choices[static_cast<std::size_t>(detail::uniformInt(m_rng, 0, last))];
        break;
    }
    case FieldGeneratorKind::String: {
        if (!std::holds_alternative<std::string>(value))
            value.emplace<std::string>();
        auto &text = std::get<std::string>(value);
        text.resize(static_cast<std::size_t>(g.length));
        for (char &c : text)
            c = static_cast<char>('a' + detail::uniformInt(m_rng, 0, 25));
        break;
    }
    case FieldGeneratorKind::Bool: value = detail::uniform01(m_rng) < g.a; break;
    case FieldGeneratorKind::Const: value = plan.fixed; break;
    case FieldGeneratorKind::Sequence: break; // handled by fillField()
    }
}

void EventGenerator::fillNumber(const FieldPlan &plan, FieldValue &value, double x)
{
    if (plan.type == FieldType::Int)
        value = static_cast<std::int64_t>(std::llround(x));
    else
        value = x;
}

void EventGenerator::startPacing(std::int64_t startMicros)
{
    m_paceStart = startMicros;
    m_paceBase = m_emitted;
}

std::int64_t EventGenerator::nextDueMicros() const
{
    if (m_rate <= 0)
        return m_paceStart;
    const std::uint64_t bursts = (m_emitted - m_paceBase + m_burstSize - 1) / m_burstSize;
    const double offset = static_cast<double>(bursts * m_burstSize) * 1e6 / m_rate;
    return m_paceStart + static_cast<std::int64_t>(std::floor(offset));
}

} // namespace evflow::model
