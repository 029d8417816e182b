#pragma once

#include "model/Ids.h"
#include "ui/FlowDocument.h"

namespace evflow::ui::properties {

/// The node a node page edits, shared by its groups: the document, the node's current id (it
/// follows renames) and whether edits may still go through. A page that is being replaced is
/// switched off first, so a late focus-out of one of its editors cannot write to the document.
struct NodeEditTarget
{
    FlowDocument *document = nullptr;
    model::NodeId id;
    bool live = true;

    /// The node, or nullptr when it is gone or the page is switched off.
    const model::Node *node() const { return live ? document->flow().findNode(id) : nullptr; }
};

} // namespace evflow::ui::properties
