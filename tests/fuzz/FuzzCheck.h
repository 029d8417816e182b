#pragma once

#include "model/Event.h"

#include <bit>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace evflow::fuzz {

/// The fuzz targets' oracle: a broken property is a bug, so it aborts (libFuzzer then saves the
/// input as a crash) after saying which property broke and showing the text involved.
inline void check(bool holds, std::string_view property, std::string_view detail = {})
{
    if (holds)
        return;
    std::fprintf(stderr, "fuzz check failed: %.*s\n%.*s\n", int(property.size()), property.data(),
                 int(detail.size()), detail.data());
    std::abort();
}

/// Field values compared bit for bit for doubles: NaN equals NaN and -0.0 differs from 0.0, so a
/// codec that changes either is caught (operator== would say NaN != NaN, and -0.0 == 0.0).
inline bool sameValue(const model::FieldValue &a, const model::FieldValue &b)
{
    if (a.index() != b.index())
        return false;
    if (const double *x = std::get_if<double>(&a))
        return std::bit_cast<std::uint64_t>(*x) == std::bit_cast<std::uint64_t>(std::get<double>(b));
    return a == b;
}

/// Event equality with sameValue() for the data fields.
inline bool sameEvent(const model::Event &a, const model::Event &b)
{
    if (a.data.size() != b.data.size())
        return false;
    for (std::size_t i = 0; i < a.data.size(); ++i)
        if (a.data[i].name != b.data[i].name || !sameValue(a.data[i].value, b.data[i].value))
            return false;
    model::Event x = a, y = b;
    x.data.clear();
    y.data.clear();
    return x == y;
}

/// An event with every member set, to decode into: decoders must overwrite every member.
inline model::Event dirtyEvent()
{
    model::Event e;
    e.id = "stale-id";
    e.source = "/stale";
    e.type = "stale.type";
    e.time = 123456789;
    e.subject = "stale subject";
    e.datacontenttype = "text/stale";
    e.dataschema = "urn:stale";
    e.sequence = 77;
    e.epoch = 5;
    e.correlationid = "stale-correlation";
    e.causationid = "stale-causation";
    e.data = {{"stale", std::int64_t{1}}, {"other", std::string("x")}};
    return e;
}

} // namespace evflow::fuzz
