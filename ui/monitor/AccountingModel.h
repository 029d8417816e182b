#pragma once

#include "model/RunSnapshot.h"

#include <QAbstractTableModel>
#include <QString>

#include <cstdint>
#include <string>
#include <vector>

namespace evflow::ui::monitor {

/// The books of every consumer and processor input of a run (PRODUCT.md §2, "Accounting"), one
/// row each in flow order, followed by a totals row:
///
///     received = processed + duplicates + lateDropped + lateDiverted + malformed + filtered
///
/// The Books column says "✓ balanced" or the difference in the error colour (never colour alone:
/// the text carries it). Per-source sequence books are summed into Expected and Unique, and
/// listed per source in those cells' tooltips.
///
/// setSnapshot() updates the rows in place (dataChanged) while the set of inputs stays the same,
/// so a view's selection and a proxy's sort survive the 10 Hz refreshes; a different set of
/// inputs resets the model. GUI thread only.
class AccountingModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        NodeColumn,
        BooksColumn,
        ReceivedColumn,
        ProcessedColumn,
        DuplicatesColumn,
        LateDroppedColumn,
        LateDivertedColumn,
        MalformedColumn,
        FilteredColumn,
        OutOfOrderColumn,
        LateColumn,
        GapsColumn,
        ExpectedColumn,
        UniqueColumn,
        ColumnCount
    };
    enum Role {
        /// Numbers as qulonglong / qlonglong (Books: the signed difference), the node as text:
        /// what a proxy sorts by.
        SortRole = Qt::UserRole + 1,
        /// true on the totals row, which a sorting proxy keeps last.
        TotalRole,
    };

    /// One input's books, as shown in one row.
    struct InputRow
    {
        std::string node; ///< node id; empty for the totals row
        model::NodeRole role = model::NodeRole::Consumer;
        model::InputAccounting input;
        std::vector<model::SourceSequenceBooks> sources;
        model::SequenceBooks sequence; ///< the sources' books summed

        /// The outcome difference (InputAccounting::unaccounted()).
        std::int64_t unaccounted() const { return input.unaccounted(); }
        /// The sum of the sources' sequence differences, each taken as its magnitude.
        std::uint64_t sequenceUnaccounted() const;
        bool operator==(const InputRow &) const = default;
    };

    explicit AccountingModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    /// Shows the inputs of `snapshot` (consumer and processor nodes) and their totals.
    void setSnapshot(const model::RunSnapshot &snapshot);
    /// Removes every row (no run yet).
    void clear();

    /// Number of input rows (the totals row excluded).
    int inputCount() const { return static_cast<int>(m_rows.size()); }
    /// The row of input `row`, or nullptr for the totals row and out of range.
    const InputRow *inputAt(int row) const;
    /// The sum of every input's books (what the totals row shows).
    const InputRow &totals() const { return m_total; }
    /// The row index of input `node`, or -1.
    int rowOf(const std::string &node) const;

    /// Whether the last snapshot was of a live run (starting, running, paused, stopping). While
    /// a run is live, events received but not yet in an outcome bucket are normal for an
    /// instant (InputAccounting::unaccounted()): they show as "in flight", not as an error; only
    /// the books of an ended run, or events counted twice, are judged.
    bool isLive() const { return m_live; }
    static bool isLive(model::RunState state);
    /// True when some input counts more outcomes than it received (an error even while live).
    bool anyCountedTwice() const;

    /// "✓ balanced", "✗ 3 unaccounted" or "✗ 2 counted twice" for an outcome difference;
    /// "✗ 1 in sequence books" when only a source's sequence identity fails; with `live`, a
    /// positive difference reads "⋯ 3 in flight".
    static QString booksText(std::int64_t unaccounted, std::uint64_t sequenceUnaccounted = 0,
                             bool live = false);

private:
    static std::vector<InputRow> inputsOf(const model::RunSnapshot &snapshot);
    static InputRow sumOf(const std::vector<InputRow> &rows);
    static bool sameInputs(const std::vector<InputRow> &a, const std::vector<InputRow> &b);
    /// The number a cell of a counter column shows.
    static std::uint64_t counter(const InputRow &row, int column);
    const InputRow &rowAt(int row) const;
    bool isTotal(int row) const { return row == static_cast<int>(m_rows.size()); }
    QVariant display(const InputRow &row, int column, bool total) const;
    QVariant sortValue(const InputRow &row, int column) const;
    QVariant toolTip(const InputRow &row, int column) const;
    /// Unbalanced in a way that is an error now (see isLive()).
    bool isWrong(const InputRow &row) const;
    static QString sourcesToolTip(const InputRow &row);
    static QString headerToolTip(int section);

    std::vector<InputRow> m_rows;
    InputRow m_total;
    bool m_live = false;
};

} // namespace evflow::ui::monitor
