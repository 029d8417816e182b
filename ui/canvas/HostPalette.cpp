#include "ui/canvas/HostPalette.h"

#include <array>
#include <map>

namespace evflow::ui::canvas {

QColor hostColour(std::size_t index)
{
    // Teal, pink, brown, dark yellow, blue grey, olive green, indigo, cyan: readable on the light
    // and the dark palette, none mistaken for a role header or an outcome chip.
    static const std::array<QColor, 8> colours{QColor(0x00, 0x83, 0x8F), QColor(0xAD, 0x14, 0x57),
                                               QColor(0x6D, 0x4C, 0x41), QColor(0xC7, 0x8A, 0x00),
                                               QColor(0x54, 0x6E, 0x7A), QColor(0x55, 0x8B, 0x2F),
                                               QColor(0x39, 0x49, 0xAB), QColor(0x00, 0x97, 0xA7)};
    return colours[index % colours.size()];
}

std::vector<HostEntry> hostEntries(const model::Flow &flow)
{
    std::map<std::string, int> counts; // name order
    for (const auto &[name, address] : flow.hosts)
        counts.emplace(name, 0);
    for (const model::Node &node : flow.nodes)
        if (!node.host.empty())
            ++counts[node.host];
    std::vector<HostEntry> entries;
    for (const auto &[name, nodes] : counts) {
        const auto declared = flow.hosts.find(name);
        entries.push_back(
            {QString::fromStdString(name),
             declared == flow.hosts.end() ? QString() : QString::fromStdString(declared->second),
             hostColour(entries.size()), nodes});
    }
    return entries;
}

} // namespace evflow::ui::canvas
