#pragma once

#include "model/Flow.h"
#include "model/Ids.h"
#include "model/RecentEvents.h"

#include <QAbstractTableModel>
#include <QColor>

#include <cstdint>
#include <deque>
#include <map>
#include <vector>

namespace evflow::ui::monitor {

/// Text of a classification chip: "processed", "duplicate", "out-of-order", "late",
/// "late · dropped", "diverted", "malformed", "filtered".
QString classificationLabel(model::EventClass c);
/// Chip colour of a classification, from ui/Theme.h (late, dropped and diverted share purple).
QColor classificationColor(model::EventClass c);
/// Text colour on a chip of `fill`: dark on amber and light grey, white on the darker ones.
QColor chipTextColor(const QColor &fill);
/// The id the runtime files an event's hops under (TraceHop::correlationId): its correlationid,
/// or its own id when it has none.
QString traceKey(const model::Event &event);
/// "HH:mm:ss.zzz" in local time, for the tables of the monitor.
QString formatClockMicros(std::int64_t micros);

/// The inputs of `flow` whose recorded events stand for `node`, in flow order. Only consumer
/// and processor inputs record events: an input stands for itself, a channel for the inputs
/// linked from it, a producer for the inputs of the channels it feeds, an empty id for every
/// input of the flow; an unknown node for none.
std::vector<model::NodeId> recordingInputs(const model::Flow &flow, const model::NodeId &node);

/// One row of the inspector: a recent event and the input (consumer or processor) that saw it.
struct InspectedEvent
{
    model::NodeId node;
    model::RecentEvent recent;
};

/// The recent events of one node as the runtime returned them (its ring, oldest first).
struct NodeRing
{
    model::NodeId node;
    std::vector<model::RecentEvent> events;
};

/// The live tail of the event inspector: a table over a bounded list of recent events.
///
/// The runtime keeps a ring of the last 256 events per input and returns all of it on each
/// read, so merge() appends only what is new since the previous merge of that node: it looks
/// for the last row it took from that node (same event id, arrival time and classification)
/// in the ring and takes what follows; when that row is no longer in the ring, the ring went
/// round and all of it is new. Each merge inserts its new rows in one beginInsertRows() batch
/// (sorted by arrival), after removing the oldest rows beyond maxRows() in one batch: the row
/// count never exceeds maxRows(), whatever the feed. GUI thread only.
class RecentEventsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        TimeColumn,
        ArrivalColumn,
        ClassColumn, // early: what the inspector is mostly for
        NodeColumn,
        TypeColumn,
        SourceColumn,
        IdColumn,
        SequenceColumn,
        CorrelationColumn,
        ColumnCount
    };
    enum Role {
        /// int(model::EventClass) of the row, on every column.
        ClassificationRole = Qt::UserRole + 1,
        /// The row's traceKey(), on every column.
        TraceKeyRole,
    };

    static constexpr int kDefaultMaxRows = 2000;

    /// `maxRows` below 1 is treated as 1.
    explicit RecentEventsModel(int maxRows = kDefaultMaxRows, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    /// Appends what is new in each ring since the last merge (see the class comment). Rings of
    /// nodes not met before are taken whole.
    void merge(const std::vector<NodeRing> &rings);
    /// Removes every row and forgets where each node's ring was (a new run, a new scope).
    void clear();

    int maxRows() const { return m_maxRows; }
    /// The row `row`; precondition 0 <= row < rowCount().
    const InspectedEvent &eventAt(int row) const { return m_rows[static_cast<std::size_t>(row)]; }

private:
    /// What identifies a ring entry across reads: rings return copies, in order.
    struct RingMark
    {
        std::string eventId;
        std::int64_t arrivalMicros = 0;
        model::EventClass classification = model::EventClass::Processed;

        bool matches(const model::RecentEvent &e) const;
    };

    void takeNewFrom(const NodeRing &ring, std::vector<InspectedEvent> &batch);
    void append(std::vector<InspectedEvent> batch);
    QVariant displayText(const InspectedEvent &row, int column) const;

    int m_maxRows;
    std::deque<InspectedEvent> m_rows;
    std::map<model::NodeId, RingMark> m_marks;
};

} // namespace evflow::ui::monitor
