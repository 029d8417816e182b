#include "model/Flow.h"

namespace evflow::model {

const Node *Flow::findNode(const NodeId &id) const
{
    const int i = nodeIndex(id);
    return i < 0 ? nullptr : &nodes[static_cast<size_t>(i)];
}

Node *Flow::findNode(const NodeId &id)
{
    const int i = nodeIndex(id);
    return i < 0 ? nullptr : &nodes[static_cast<size_t>(i)];
}

int Flow::nodeIndex(const NodeId &id) const
{
    for (size_t i = 0; i < nodes.size(); ++i)
        if (nodes[i].id == id)
            return static_cast<int>(i);
    return -1;
}

const EventType *Flow::findEventType(const std::string &typeName) const
{
    for (const auto &t : eventTypes)
        if (t.name == typeName)
            return &t;
    return nullptr;
}

int Flow::linkIndex(const LinkId &id) const
{
    for (size_t i = 0; i < links.size(); ++i)
        if (links[i].from == id.from && links[i].to == id.to)
            return static_cast<int>(i);
    return -1;
}

} // namespace evflow::model
