#pragma once

#include "model/Flow.h"

#include <QCoreApplication>
#include <QString>

#include <optional>
#include <string>
#include <vector>

QT_BEGIN_NAMESPACE
class QMimeData;
QT_END_NAMESPACE

namespace evflow::ui {

/// Copy and paste of a node selection. A copied selection is a *fragment*: a flow holding the
/// selected nodes, the links among them (links to nodes outside the selection are dropped), their
/// layout entries and the event types they name. On the clipboard it travels as canonical flow
/// JSON (model::serializeFlow), under its own MIME type and as plain text, so it can be pasted
/// into another studio or an editor. GUI thread only for the clipboard functions.
class FlowClipboard
{
    Q_DECLARE_TR_FUNCTIONS(FlowClipboard)
public:
    /// The MIME type of a fragment on the clipboard.
    static QString mimeType();

    /// The fragment of `flow` made of the nodes `ids` (unknown ids are ignored), in flow order.
    static model::Flow copy(const model::Flow &flow, const std::vector<model::NodeId> &ids);

    /// The fragment ready to be added to `target`: each node gets an id free in `target` and
    /// among the pasted ones (model::uniqueNodeId: "gen" -> "gen2"), links follow the renames,
    /// positions move by `offset`, and a host `target` does not declare is cleared (host
    /// placement belongs to the flow the nodes came from).
    static model::Flow prepareForPaste(const model::Flow &target, const model::Flow &fragment,
                                       model::Position offset);

    /// Canonical flow JSON of a fragment.
    static std::string toText(const model::Flow &fragment);
    /// Parses fragment (or whole flow) text; nullopt with `error` set when it is not a flow.
    static std::optional<model::Flow> fromText(const std::string &text, QString *error = nullptr);

    /// New mime data holding the fragment (own type and plain text); the caller owns it.
    static QMimeData *toMimeData(const model::Flow &fragment);
    /// The fragment in `data`: the own type first, else plain text that is flow JSON.
    static std::optional<model::Flow> fromMimeData(const QMimeData *data, QString *error = nullptr);

    /// Puts the fragment of `flow` made of `ids` on the system clipboard.
    static void copyToClipboard(const model::Flow &flow, const std::vector<model::NodeId> &ids);
    /// The fragment on the system clipboard, if it holds one.
    static std::optional<model::Flow> fromClipboard(QString *error = nullptr);
};

} // namespace evflow::ui
