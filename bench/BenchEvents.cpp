#include "bench/BenchEvents.h"

#include <string>

namespace evflow::bench {
namespace {

constexpr std::int64_t kBaseTime = 1'780'000'000'000'000; // 2026-05-28, microseconds
constexpr std::size_t kIndexDigits = 12;

// Writes `value` as kIndexDigits lowercase hex digits over the end of `text` (no allocation).
void writeHexTail(std::string &text, std::uint64_t value)
{
    static constexpr char kHex[] = "0123456789abcdef";
    for (std::size_t i = 0; i < kIndexDigits; ++i) {
        text[text.size() - 1 - i] = kHex[value & 0xf];
        value >>= 4;
    }
}

} // namespace

model::Event makeOrderEvent(std::uint64_t index)
{
    model::Event e;
    e.source = "https://shop.example.com/order"; // 30 characters
    e.type = "com.example.order.placed";
    e.id = "eu-ord-7f3a-000000000000"; // 24 characters: a prefix and 12 hex digits
    e.subject = "customer/c-0012345";
    e.correlationid = "cor-9b1c2d3e4f5a";
    e.causationid = "cmd-1a2b3c4d5e6f";
    e.epoch = 0x5eed;
    e.data = {{"orderId", std::string("O-2026-000123456")},
              {"amount", 129.95},
              {"quantity", std::int64_t{3}},
              {"currency", std::string("EUR")},
              {"express", false}};
    setOrderIndex(e, index);
    return e;
}

void setOrderIndex(model::Event &event, std::uint64_t index)
{
    writeHexTail(event.id, index);
    event.sequence = index;
    event.time = kBaseTime + static_cast<std::int64_t>(index);
}

model::EventType orderEventType()
{
    using model::FieldType;
    model::EventType t;
    t.name = "com.example.order.placed";
    t.fields = {{"orderId", FieldType::String, true, {}, {}, {}},
                {"amount", FieldType::Double, true, {}, {}, {}},
                {"quantity", FieldType::Int, true, {}, {}, {}},
                {"currency", FieldType::Enum, true, {"EUR", "USD", "GBP"}, {}, {}},
                {"express", FieldType::Bool, false, {}, {}, {}}};
    return t;
}

} // namespace evflow::bench
