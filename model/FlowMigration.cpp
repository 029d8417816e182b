#include "model/FlowMigration.h"
#include "model/FlowFile.h"

#include <array>
#include <string>

namespace evflow::model::detail {
namespace {

using json = nlohmann::json;

void alias(JsonPositions &positions, const std::string &migrated, const std::string &source)
{
    positions.add(migrated, positions.find(source));
}

/// Renames `from` to `to` in an object unless `to` is already there (then both stay and the
/// reader reports the leftover as an unknown key rather than losing either).
void renameKey(json &object, const char *from, const char *to, const std::string &pointer,
               JsonPositions &positions)
{
    if (!object.contains(from) || object.contains(to))
        return;
    object[to] = std::move(object[from]);
    object.erase(from);
    alias(positions, pointer + "/" + to, pointer + "/" + from);
}

/// v1 (the prototype's pre-release draft): positions inline in each node as
/// "position": {"x", "y"}, no "layout" section, and links with "source"/"target".
void migrate1to2(json &doc, JsonPositions &positions)
{
    if (doc.contains("nodes") && doc["nodes"].is_array()) {
        json layout = doc.contains("layout") ? doc["layout"] : json::object();
        json &nodes = doc["nodes"];
        for (std::size_t i = 0; i < nodes.size(); ++i) {
            json &node = nodes[i];
            if (!node.is_object() || !node.contains("position") || !node.contains("id")
                || !node["id"].is_string() || !layout.is_object())
                continue;
            const std::string id = node["id"].get<std::string>();
            const std::string from = "/nodes/" + std::to_string(i) + "/position";
            const std::string to = "/layout/" + JsonPositions::escapeToken(id);
            alias(positions, to, from);
            if (node["position"].is_object())
                for (const auto &[key, value] : node["position"].items())
                    alias(positions, to + "/" + JsonPositions::escapeToken(key),
                          from + "/" + JsonPositions::escapeToken(key));
            layout[id] = std::move(node["position"]);
            node.erase("position");
        }
        if (!layout.empty() || !doc.contains("layout"))
            doc["layout"] = std::move(layout);
    }
    if (doc.contains("links") && doc["links"].is_array()) {
        json &links = doc["links"];
        for (std::size_t i = 0; i < links.size(); ++i) {
            if (!links[i].is_object())
                continue;
            const std::string pointer = "/links/" + std::to_string(i);
            renameKey(links[i], "source", "from", pointer, positions);
            renameKey(links[i], "target", "to", pointer, positions);
        }
    }
}

struct Step
{
    int from; ///< the version this step reads; it writes from + 1
    void (*apply)(json &doc, JsonPositions &positions);
};

/// One entry per format change; version 3 adds {2, migrate2to3}.
constexpr std::array<Step, 1> kSteps = {{{1, &migrate1to2}}};
static_assert(kSteps.back().from + 1 == kFlowFormatVersion, "a migration step is missing");

} // namespace

void migrateFlow(json &doc, int from, JsonPositions &positions)
{
    for (const Step &step : kSteps) {
        if (step.from < from)
            continue;
        step.apply(doc, positions);
        doc["formatVersion"] = step.from + 1;
    }
}

} // namespace evflow::model::detail
