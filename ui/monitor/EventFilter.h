#pragma once

#include "model/Ids.h"
#include "model/RecentEvents.h"

#include <QSortFilterProxyModel>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace evflow::ui::monitor {

/// What the event inspector shows: a filter text plus classification toggles. A value type
/// without side effects; parse() once per edit, matches() per row.
///
/// Filter text: whitespace-separated terms, all of which must match (AND); "double quotes"
/// group words with spaces; a leading '-' negates a term. Names and text compare without case.
///   word            free text: contained in the type, source, id, subject, correlation id,
///                   causation id, input node, or any data field's value
///   type:PREFIX     the event type starts with PREFIX (as channel subscriptions do)
///   source:TEXT  id:TEXT  subject:TEXT     the attribute contains TEXT
///   node:ID         the input that saw the event is ID (exactly)
///   corr:ID  cause:ID      correlationid / causationid is ID (exactly)
///   class:A[,B…]    classification is one of: processed, duplicate, ooo (out-of-order,
///                   outoforder), late (also matches dropped and diverted), dropped, diverted,
///                   malformed, filtered
///   FIELD:TEXT      data field FIELD's value contains TEXT
///   FIELD OP VALUE  with OP one of = != < <= > >= (no spaces: temperature>80): numbers compare
///                   as numbers, anything else as text (only = and != then); FIELD is a data
///                   field, or seq / sequence / epoch. A missing field never matches.
/// Terms that do not parse (class:unknown, temperature>, a lone '-') are reported in errors()
/// and ignored, so a half-typed filter never hides everything.
class EventFilter
{
public:
    /// Bit of a classification in a class mask.
    static constexpr std::uint32_t bit(model::EventClass c) { return 1u << static_cast<int>(c); }
    /// Every classification.
    static constexpr std::uint32_t kAllClasses = 0xFFu;

    /// The filter for `text`, showing every classification.
    static EventFilter parse(const QString &text);

    /// Whether the event seen by `node` passes the text and the classification toggles.
    bool matches(const model::RecentEvent &event, const model::NodeId &node) const;

    /// Classifications shown (toggles); bits from bit().
    std::uint32_t classMask() const { return m_classMask; }
    void setClassMask(std::uint32_t mask) { m_classMask = mask; }
    /// One message per term that did not parse, in text order.
    const QStringList &errors() const { return m_errors; }
    /// True when the text had no usable term (only toggles filter).
    bool isEmpty() const { return m_terms.empty(); }
    const QString &text() const { return m_text; }

private:
    enum class Kind { Text, TypePrefix, Attribute, Node, Correlation, Causation, Class, Field };
    enum class Op { Contains, Equal, NotEqual, Less, LessEqual, Greater, GreaterEqual };
    struct Term
    {
        Kind kind = Kind::Text;
        Op op = Op::Contains;
        QString name;  ///< attribute or field name
        QString value; ///< lower-cased for Contains
        double number = 0;
        bool numeric = false; ///< value is a number: compare as numbers
        std::uint32_t classes = 0;
        bool negated = false;
    };

    void addTerm(const QString &token);
    bool parseComparison(const QString &token, Term &term) const;
    bool parseKeyed(const QString &key, const QString &value, Term &term);
    bool matchesTerm(const Term &term, const model::RecentEvent &e,
                     const model::NodeId &node) const;
    static bool matchesField(const Term &term, const model::Event &e);
    static bool compareNumbers(double a, double b, Op op);

    QString m_text;
    std::vector<Term> m_terms;
    std::uint32_t m_classMask = kAllClasses;
    QStringList m_errors;
};

class RecentEventsModel;

/// Applies an EventFilter to a RecentEventsModel (the only source model it accepts), keeping
/// the source's order. GUI thread only.
class EventFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit EventFilterProxy(QObject *parent = nullptr);

    /// Replaces the filter and re-filters.
    void setFilter(const EventFilter &filter);
    const EventFilter &filter() const { return m_filter; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    EventFilter m_filter;
};

} // namespace evflow::ui::monitor
