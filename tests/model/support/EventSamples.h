#pragma once

// Sample and random events shared by the codec tests (header-only: tests/model/ has no
// support library). Random events stay inside EventLimits so both codecs must accept them.

#include "model/Event.h"

#include <bit>
#include <cmath>
#include <cstdint>
#include <random>
#include <string>

namespace evflow::test {

using model::DataField;
using model::Event;
using model::FieldValue;

/// An event with every attribute set and one field of each type.
inline Event fullEvent()
{
    Event e;
    e.id = "7f9c1d2e-0001";
    e.source = "/plant/line-1/sensor";
    e.type = "temperature.exceeded";
    e.time = 1714567890123456; // 2024-05-01T12:51:30.123456Z
    e.subject = "boiler-7";
    e.datacontenttype = "application/json";
    e.dataschema = "https://example.com/schemas/temperature.json";
    e.sequence = 42;
    e.epoch = 3;
    e.correlationid = "order-991";
    e.causationid = "7f9c1d2e-0000";
    e.data = {{"celsius", 80.5},
              {"count", std::int64_t{7}},
              {"ok", false},
              {"note", std::string("hot")},
              {"extra", std::monostate{}}};
    return e;
}

/// A short event used for the byte-exact example in docs/ZMQ-BINDING.md.
inline Event exampleEvent()
{
    Event e;
    e.id = "e1";
    e.source = "/gen";
    e.type = "order.placed";
    e.time = 1700000000000000; // 2023-11-14T22:13:20Z
    e.sequence = 5;
    e.epoch = 1;
    e.data = {{"qty", std::int64_t{3}}, {"price", 9.5}, {"sku", std::string("A7")}};
    return e;
}

/// "" when a and b are identical, doubles compared bit for bit (so -0.0 and NaN payloads
/// count); otherwise what differs first.
inline std::string difference(const Event &a, const Event &b)
{
    Event x = a;
    Event y = b;
    if (x.data.size() != y.data.size())
        return "field count " + std::to_string(x.data.size()) + " vs "
               + std::to_string(y.data.size());
    for (std::size_t i = 0; i < x.data.size(); ++i) {
        const auto *dx = std::get_if<double>(&x.data[i].value);
        const auto *dy = std::get_if<double>(&y.data[i].value);
        if (dx != nullptr && dy != nullptr) {
            if (std::bit_cast<std::uint64_t>(*dx) != std::bit_cast<std::uint64_t>(*dy))
                return "double field " + x.data[i].name + " differs in its bits";
            x.data[i].value = std::monostate{};
            y.data[i].value = std::monostate{};
        }
        if (x.data[i] != y.data[i])
            return "field " + std::to_string(i) + " (" + x.data[i].name + ") differs";
    }
    x.data.clear();
    y.data.clear();
    return x == y ? std::string() : "attributes differ";
}

/// Random text of up to `maxCodePoints` code points mixing ASCII and 2-, 3- and 4-byte UTF-8;
/// never control characters (attributes forbid them) and never empty when `nonEmpty`.
inline std::string randomText(std::mt19937_64 &rng, std::size_t maxCodePoints, bool nonEmpty)
{
    static const char *const pieces[] = {"a", "Z", "0", "-",  "/",  ".", " ", "\"", "\\",
                                         "é", "ß", "€", "中", "文", "😀", "𝄞", "{",  "}"};
    std::uniform_int_distribution<std::size_t> count(nonEmpty ? 1 : 0, maxCodePoints);
    std::uniform_int_distribution<std::size_t> pick(0, std::size(pieces) - 1);
    std::string text;
    for (std::size_t n = count(rng); n > 0; --n)
        text += pieces[pick(rng)];
    return text;
}

inline FieldValue randomValue(std::mt19937_64 &rng)
{
    switch (rng() % 5) {
    case 0: return std::monostate{};
    case 1: return rng() % 2 == 0;
    case 2: return static_cast<std::int64_t>(rng());
    case 3: {
        double d = std::bit_cast<double>(rng());
        // JSON has no NaN or infinity; small decimals (0.1) are the classic round-trip trap.
        if (!std::isfinite(d))
            d = static_cast<double>(rng() % 1000) / 10.0;
        return d;
    }
    default: {
        std::string s = randomText(rng, 12, false);
        if (rng() % 4 == 0)
            s += "\n\t\x01"; // data values may hold control characters
        return s;
    }
    }
}

/// A random valid event: random attributes (optional ones sometimes empty) and 0..12 fields.
inline Event randomEvent(std::mt19937_64 &rng)
{
    Event e;
    e.id = randomText(rng, 20, true);
    e.source = "/" + randomText(rng, 20, false);
    e.type = randomText(rng, 12, true);
    const auto maybe = [&rng](std::size_t n) {
        return rng() % 3 == 0 ? std::string() : randomText(rng, n, true);
    };
    e.subject = maybe(10);
    e.datacontenttype = rng() % 2 == 0 ? "application/json" : maybe(10);
    e.dataschema = maybe(10);
    e.correlationid = maybe(16);
    e.causationid = maybe(16);
    std::uniform_int_distribution<std::int64_t> time(model::EventLimits::minTime,
                                                     model::EventLimits::maxTime);
    e.time = time(rng);
    e.sequence = rng();
    e.epoch = static_cast<std::uint32_t>(rng());
    for (std::size_t n = rng() % 13; n > 0; --n) {
        const std::string name = randomText(rng, 8, true) + std::to_string(e.data.size());
        if (e.field(name) == nullptr)
            e.data.push_back(DataField{name, randomValue(rng)});
    }
    return e;
}

} // namespace evflow::test
