#include "ui/monitor/AccountingModel.h"

#include "ui/Theme.h"

#include <QFont>
#include <QGuiApplication>
#include <QLocale>
#include <QPalette>
#include <QPixmap>

#include <algorithm>

namespace evflow::ui::monitor {

namespace {

std::uint64_t magnitude(std::int64_t value)
{
    return value < 0 ? static_cast<std::uint64_t>(-(value + 1)) + 1
                     : static_cast<std::uint64_t>(value);
}

/// The colour an event classification has everywhere in the studio (UI.md), for the header
/// swatch of its column; invalid for columns that are no classification.
QColor columnColor(int column)
{
    using M = AccountingModel;
    switch (column) {
    case M::ProcessedColumn: return theme::processedColor();
    case M::DuplicatesColumn: return theme::duplicateColor();
    case M::LateDroppedColumn:
    case M::LateDivertedColumn:
    case M::LateColumn: return theme::lateColor();
    case M::MalformedColumn: return theme::malformedColor();
    case M::FilteredColumn: return theme::filteredColor();
    case M::OutOfOrderColumn: return theme::outOfOrderColor();
    case M::GapsColumn: return theme::gapColor();
    default: return {};
    }
}

QPixmap swatch(const QColor &color)
{
    QPixmap pixmap(10, 10);
    pixmap.fill(color);
    return pixmap;
}

} // namespace

std::uint64_t AccountingModel::InputRow::sequenceUnaccounted() const
{
    std::uint64_t sum = 0;
    for (const model::SourceSequenceBooks &source : sources)
        sum += magnitude(source.books.unaccounted());
    return sum;
}

AccountingModel::AccountingModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

int AccountingModel::rowCount(const QModelIndex &parent) const
{
    // No totals row without inputs: an empty table reads as "nothing to account for".
    return parent.isValid() || m_rows.empty() ? 0 : static_cast<int>(m_rows.size()) + 1;
}

int AccountingModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const AccountingModel::InputRow *AccountingModel::inputAt(int row) const
{
    return row >= 0 && row < inputCount() ? &m_rows[static_cast<std::size_t>(row)] : nullptr;
}

int AccountingModel::rowOf(const std::string &node) const
{
    for (int i = 0; i < inputCount(); ++i)
        if (m_rows[static_cast<std::size_t>(i)].node == node)
            return i;
    return -1;
}

const AccountingModel::InputRow &AccountingModel::rowAt(int row) const
{
    return isTotal(row) ? m_total : m_rows[static_cast<std::size_t>(row)];
}

QString AccountingModel::booksText(std::int64_t unaccounted, std::uint64_t sequenceUnaccounted,
                                   bool live)
{
    const QLocale locale;
    if (live && unaccounted >= 0 && (unaccounted > 0 || sequenceUnaccounted > 0)) {
        const auto n = static_cast<qulonglong>(unaccounted) + sequenceUnaccounted;
        return tr("⋯ %1 in flight").arg(locale.toString(n));
    }
    if (unaccounted > 0)
        return tr("✗ %1 unaccounted").arg(locale.toString(qlonglong(unaccounted)));
    if (unaccounted < 0)
        return tr("✗ %1 counted twice").arg(locale.toString(qulonglong(magnitude(unaccounted))));
    if (sequenceUnaccounted > 0)
        return tr("✗ %1 in sequence books").arg(locale.toString(qulonglong(sequenceUnaccounted)));
    return tr("✓ balanced");
}

bool AccountingModel::isLive(model::RunState state)
{
    return state != model::RunState::Stopped && state != model::RunState::Failed;
}

bool AccountingModel::anyCountedTwice() const
{
    return std::any_of(m_rows.begin(), m_rows.end(),
                       [](const InputRow &row) { return row.unaccounted() < 0; });
}

bool AccountingModel::isWrong(const InputRow &row) const
{
    if (row.unaccounted() < 0)
        return true;
    return !m_live && (row.unaccounted() > 0 || row.sequenceUnaccounted() > 0);
}

void AccountingModel::setSnapshot(const model::RunSnapshot &snapshot)
{
    std::vector<InputRow> rows = inputsOf(snapshot);
    const bool live = isLive(snapshot.run.state);
    if (!sameInputs(rows, m_rows)) {
        beginResetModel();
        m_rows = std::move(rows);
        m_total = sumOf(m_rows);
        m_live = live;
        endResetModel();
        return;
    }
    if (live != m_live) {
        // The verdict of unchanged counts changes when the run ends ("in flight" -> judged).
        m_live = live;
        if (!m_rows.empty())
            emit dataChanged(index(0, BooksColumn), index(inputCount(), BooksColumn));
    }
    // Same inputs in the same order: only values change. One dataChanged per changed row keeps
    // a sorting proxy's work (and the repaint) to what moved.
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (rows[i] == m_rows[i])
            continue;
        m_rows[i] = std::move(rows[i]);
        const int row = static_cast<int>(i);
        emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
    InputRow total = sumOf(m_rows);
    if (!(total == m_total)) {
        m_total = std::move(total);
        const int row = inputCount();
        emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
}

void AccountingModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_total = {};
    endResetModel();
}

std::vector<AccountingModel::InputRow> AccountingModel::inputsOf(const model::RunSnapshot &snapshot)
{
    std::vector<InputRow> rows;
    for (const model::NodeSnapshot &node : snapshot.nodes) {
        if (node.role != model::NodeRole::Consumer && node.role != model::NodeRole::Processor)
            continue;
        InputRow row{node.id, node.role, node.input, node.sources, {}};
        for (const model::SourceSequenceBooks &source : node.sources)
            row.sequence += source.books;
        rows.push_back(std::move(row));
    }
    return rows;
}

AccountingModel::InputRow AccountingModel::sumOf(const std::vector<InputRow> &rows)
{
    InputRow total;
    for (const InputRow &row : rows) {
        total.input += row.input;
        total.sequence += row.sequence;
        total.sources.insert(total.sources.end(), row.sources.begin(), row.sources.end());
    }
    return total;
}

bool AccountingModel::sameInputs(const std::vector<InputRow> &a, const std::vector<InputRow> &b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i].node != b[i].node)
            return false;
    return true;
}

std::uint64_t AccountingModel::counter(const InputRow &row, int column)
{
    const model::InputAccounting &in = row.input;
    switch (column) {
    case ReceivedColumn: return in.received;
    case ProcessedColumn: return in.processed;
    case DuplicatesColumn: return in.duplicates;
    case LateDroppedColumn: return in.lateDropped;
    case LateDivertedColumn: return in.lateDiverted;
    case MalformedColumn: return in.malformed;
    case FilteredColumn: return in.filtered;
    case OutOfOrderColumn: return in.outOfOrder;
    case LateColumn: return in.late;
    case GapsColumn: return in.gaps;
    case ExpectedColumn: return row.sequence.expected;
    case UniqueColumn: return row.sequence.receivedUnique;
    default: return 0;
    }
}

QVariant AccountingModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const InputRow &row = rowAt(index.row());
    const bool total = isTotal(index.row());
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole: return display(row, column, total);
    case SortRole: return sortValue(row, column);
    case TotalRole: return total;
    case Qt::ToolTipRole: return toolTip(row, column);
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(column == NodeColumn || column == BooksColumn
                                       ? Qt::AlignLeft | Qt::AlignVCenter
                                       : Qt::AlignRight | Qt::AlignVCenter);
    case Qt::FontRole: {
        if (!total)
            return {};
        QFont bold;
        bold.setBold(true);
        return bold;
    }
    case Qt::ForegroundRole:
        if (column == BooksColumn && isWrong(row))
            return theme::errorColor();
        // Zeros recede so that the counts which happened stand out.
        if (column > BooksColumn && counter(row, column) == 0)
            return QGuiApplication::palette().color(QPalette::PlaceholderText);
        return {};
    case Qt::DecorationRole:
        if (column == NodeColumn && !total)
            return swatch(theme::roleColor(row.role));
        return {};
    default: return {};
    }
}

QVariant AccountingModel::display(const InputRow &row, int column, bool total) const
{
    if (column == NodeColumn)
        return total ? tr("Total") : QString::fromStdString(row.node);
    if (column == BooksColumn)
        return booksText(row.unaccounted(), row.sequenceUnaccounted(), m_live);
    return QLocale().toString(qulonglong(counter(row, column)));
}

QVariant AccountingModel::sortValue(const InputRow &row, int column) const
{
    if (column == NodeColumn)
        return QString::fromStdString(row.node);
    if (column == BooksColumn)
        return qlonglong(row.unaccounted() != 0 ? row.unaccounted()
                                                : qlonglong(row.sequenceUnaccounted()));
    return qulonglong(counter(row, column));
}

QVariant AccountingModel::toolTip(const InputRow &row, int column) const
{
    if (column == ExpectedColumn || column == UniqueColumn || column == GapsColumn)
        return sourcesToolTip(row);
    if (column == BooksColumn) {
        const QLocale l;
        return tr("received %1 = processed %2 + duplicates %3 + late dropped %4 + late diverted "
                  "%5 + malformed %6 + filtered %7 (difference %8)")
            .arg(l.toString(qulonglong(row.input.received)),
                 l.toString(qulonglong(row.input.processed)),
                 l.toString(qulonglong(row.input.duplicates)),
                 l.toString(qulonglong(row.input.lateDropped)),
                 l.toString(qulonglong(row.input.lateDiverted)),
                 l.toString(qulonglong(row.input.malformed)),
                 l.toString(qulonglong(row.input.filtered)),
                 l.toString(qlonglong(row.unaccounted())));
    }
    return headerToolTip(column);
}

QString AccountingModel::sourcesToolTip(const InputRow &row)
{
    if (row.sources.empty())
        return tr("This input tracks no sequence numbers.");
    const QLocale l;
    QString text = tr("Sequence books per source (expected = unique + gaps + pending − "
                      "filled after gap):");
    for (const model::SourceSequenceBooks &s : row.sources) {
        const model::SequenceBooks &b = s.books;
        text += QStringLiteral("\n")
                + tr("%1: expected %2, unique %3, gaps %4, pending %5, filled %6 — %7")
                      .arg(QString::fromStdString(s.source), l.toString(qulonglong(b.expected)),
                           l.toString(qulonglong(b.receivedUnique)), l.toString(qulonglong(b.gaps)),
                           l.toString(qulonglong(b.pending)),
                           l.toString(qulonglong(b.filledAfterGap)),
                           b.balanced() ? tr("✓ balanced")
                                        : tr("✗ %1 unaccounted").arg(b.unaccounted()));
    }
    return text;
}

QVariant AccountingModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::ToolTipRole)
        return headerToolTip(section);
    // Left, so that a column's colour swatch (drawn at the section's left edge) sits next to
    // its own title rather than the neighbour's.
    if (role == Qt::TextAlignmentRole)
        return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    if (role == Qt::DecorationRole) {
        const QColor color = columnColor(section);
        return color.isValid() ? QVariant(swatch(color)) : QVariant();
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NodeColumn: return tr("Input");
    case BooksColumn: return tr("Books");
    case ReceivedColumn: return tr("Received");
    case ProcessedColumn: return tr("Processed");
    case DuplicatesColumn: return tr("Duplicates");
    case LateDroppedColumn: return tr("Late dropped");
    case LateDivertedColumn: return tr("Late diverted");
    case MalformedColumn: return tr("Malformed");
    case FilteredColumn: return tr("Filtered");
    case OutOfOrderColumn: return tr("Out of order");
    case LateColumn: return tr("Late");
    case GapsColumn: return tr("Gaps");
    case ExpectedColumn: return tr("Expected");
    case UniqueColumn: return tr("Unique");
    default: return {};
    }
}

QString AccountingModel::headerToolTip(int section)
{
    switch (section) {
    case NodeColumn: return tr("The consumer or processor whose input these books are");
    case BooksColumn:
        return tr("✓ when received = processed + duplicates + late dropped + late diverted + "
                  "malformed + filtered and every source's sequence books balance; otherwise "
                  "the difference");
    case ReceivedColumn: return tr("Events that arrived at the input");
    case ProcessedColumn: return tr("Events the node acted on (once per unique event)");
    case DuplicatesColumn:
        return tr("Events already seen (same source and id) within the dedup window: counted, "
                  "not acted on");
    case LateDroppedColumn: return tr("Late events dropped by the input's late policy");
    case LateDivertedColumn: return tr("Late events sent to the side channel (policy divert)");
    case MalformedColumn: return tr("Frames that did not decode or broke the declared schema");
    case FilteredColumn: return tr("Valid events the node looked at but did not act on");
    case OutOfOrderColumn:
        return tr("Observation: events below the highest sequence seen from their source "
                  "(still processed)");
    case LateColumn:
        return tr("Observation: events behind the watermark, whatever the policy did with them");
    case GapsColumn: return tr("Sequence numbers confirmed missing (lost on the way)");
    case ExpectedColumn: return tr("Events the sources' sequence numbers say were sent");
    case UniqueColumn: return tr("Distinct sequence numbers received");
    default: return {};
    }
}

} // namespace evflow::ui::monitor
