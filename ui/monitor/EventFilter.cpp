#include "ui/monitor/EventFilter.h"

#include "ui/monitor/RecentEventsModel.h"

#include <QCoreApplication>
#include <QHash>
#include <QRegularExpression>

#include <cstring>
#include <optional>
#include <variant>

namespace evflow::ui::monitor {

namespace {

using model::EventClass;

QString tr(const char *text)
{
    return QCoreApplication::translate("evflow::ui::monitor::EventFilter", text);
}

/// Where a comparison operator starts in a term.
qsizetype operatorAt(const QString &term)
{
    static const QRegularExpression anyOperator(QStringLiteral("[=<>!]"));
    return term.indexOf(anyOperator);
}

/// Splits at whitespace outside double quotes; quotes are removed. A token that began with a
/// quote is marked so it is taken as free text, whatever it holds.
std::vector<std::pair<QString, bool>> tokenize(const QString &text)
{
    std::vector<std::pair<QString, bool>> tokens;
    QString current;
    bool quoted = false;
    bool startedQuoted = false;
    bool any = false;
    for (const QChar c : text) {
        if (c == QLatin1Char('"')) {
            startedQuoted = startedQuoted || !any;
            quoted = !quoted;
            any = true;
        } else if (c.isSpace() && !quoted) {
            if (any)
                tokens.emplace_back(current, startedQuoted);
            current.clear();
            any = startedQuoted = false;
        } else {
            current += c;
            any = true;
        }
    }
    if (any)
        tokens.emplace_back(current, startedQuoted);
    return tokens;
}

std::uint32_t classesNamed(const QString &name)
{
    const auto bit = EventFilter::bit;
    static const QHash<QString, std::uint32_t> classes{
        {QStringLiteral("processed"), bit(EventClass::Processed)},
        {QStringLiteral("duplicate"), bit(EventClass::Duplicate)},
        {QStringLiteral("dup"), bit(EventClass::Duplicate)},
        {QStringLiteral("ooo"), bit(EventClass::OutOfOrder)},
        {QStringLiteral("out-of-order"), bit(EventClass::OutOfOrder)},
        {QStringLiteral("outoforder"), bit(EventClass::OutOfOrder)},
        {QStringLiteral("late"),
         bit(EventClass::Late) | bit(EventClass::LateDropped) | bit(EventClass::Diverted)},
        {QStringLiteral("dropped"), bit(EventClass::LateDropped)},
        {QStringLiteral("latedropped"), bit(EventClass::LateDropped)},
        {QStringLiteral("diverted"), bit(EventClass::Diverted)},
        {QStringLiteral("malformed"), bit(EventClass::Malformed)},
        {QStringLiteral("filtered"), bit(EventClass::Filtered)},
    };
    return classes.value(name.toLower(), 0);
}

QString fieldText(const model::FieldValue &value)
{
    return std::visit(
        [](const auto &v) -> QString {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::monostate>)
                return QStringLiteral("null");
            else if constexpr (std::is_same_v<T, bool>)
                return v ? QStringLiteral("true") : QStringLiteral("false");
            else if constexpr (std::is_same_v<T, std::string>)
                return QString::fromStdString(v);
            else
                return QString::number(v);
        },
        value);
}

const model::DataField *findField(const model::Event &e, const QString &name)
{
    for (const model::DataField &f : e.data)
        if (QString::fromStdString(f.name).compare(name, Qt::CaseInsensitive) == 0)
            return &f;
    return nullptr;
}

bool contains(const std::string &haystack, const QString &needle)
{
    return QString::fromStdString(haystack).contains(needle, Qt::CaseInsensitive);
}

bool sameText(const std::string &a, const QString &b)
{
    return QString::fromStdString(a).compare(b, Qt::CaseInsensitive) == 0;
}

} // namespace

EventFilter EventFilter::parse(const QString &text)
{
    EventFilter filter;
    filter.m_text = text;
    for (const auto &[token, quoted] : tokenize(text)) {
        if (quoted) {
            if (!token.isEmpty())
                filter.m_terms.push_back({Kind::Text, Op::Contains, {}, token});
            continue;
        }
        filter.addTerm(token);
    }
    return filter;
}

void EventFilter::addTerm(const QString &token)
{
    Term term;
    QString body = token;
    if (body.startsWith(QLatin1Char('-'))) {
        term.negated = true;
        body.remove(0, 1);
    }
    if (body.isEmpty()) {
        m_errors << tr("“%1”: nothing to match").arg(token);
        return;
    }
    const qsizetype opAt = operatorAt(body);
    const qsizetype colonAt = body.indexOf(QLatin1Char(':'));
    bool ok = true;
    if (opAt >= 0 && (colonAt < 0 || opAt < colonAt)) {
        ok = parseComparison(body, term);
    } else if (colonAt > 0) {
        ok = parseKeyed(body.left(colonAt), body.mid(colonAt + 1), term);
    } else {
        term.kind = Kind::Text;
        term.value = body;
    }
    if (ok)
        m_terms.push_back(term);
    else
        m_errors << tr("“%1”: %2").arg(token, term.value);
}

bool EventFilter::parseComparison(const QString &token, Term &term) const
{
    static const std::pair<const char *, Op> ops[] = {
        {">=", Op::GreaterEqual}, {"<=", Op::LessEqual}, {"!=", Op::NotEqual},
        {"=", Op::Equal},         {"<", Op::Less},       {">", Op::Greater},
    };
    const qsizetype at = operatorAt(token);
    for (const auto &[symbol, op] : ops) {
        if (token.mid(at).startsWith(QLatin1String(symbol))) {
            term.kind = Kind::Field;
            term.op = op;
            term.name = token.left(at);
            term.value = token.mid(at + qsizetype(std::strlen(symbol)));
            break;
        }
    }
    if (term.kind != Kind::Field || term.name.isEmpty() || term.value.isEmpty()) {
        term.value = tr("write FIELD OP VALUE, e.g. temperature>80");
        return false;
    }
    term.number = term.value.toDouble(&term.numeric);
    if (!term.numeric && term.op != Op::Equal && term.op != Op::NotEqual) {
        term.value = tr("only = and != compare text");
        return false;
    }
    return true;
}

bool EventFilter::parseKeyed(const QString &key, const QString &value, Term &term)
{
    const QString k = key.toLower();
    term.name = k;
    term.value = value;
    if (value.isEmpty()) {
        term.value = tr("%1: needs a value").arg(key);
        return false;
    }
    static const QHash<QString, Kind> keys{
        {QStringLiteral("type"), Kind::TypePrefix},
        {QStringLiteral("source"), Kind::Attribute},
        {QStringLiteral("id"), Kind::Attribute},
        {QStringLiteral("subject"), Kind::Attribute},
        {QStringLiteral("node"), Kind::Node},
        {QStringLiteral("corr"), Kind::Correlation},
        {QStringLiteral("correlation"), Kind::Correlation},
        {QStringLiteral("correlationid"), Kind::Correlation},
        {QStringLiteral("cause"), Kind::Causation},
        {QStringLiteral("causation"), Kind::Causation},
        {QStringLiteral("causationid"), Kind::Causation},
        {QStringLiteral("class"), Kind::Class},
        {QStringLiteral("classification"), Kind::Class},
    };
    // Any other key names a data field (matched without case, reported as typed).
    term.kind = keys.value(k, Kind::Field);
    if (term.kind == Kind::Field)
        term.name = key;
    if (term.kind != Kind::Class)
        return true;
    for (const QString &name : value.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const std::uint32_t classes = classesNamed(name);
        if (classes == 0) {
            term.value = tr("unknown class “%1”").arg(name);
            return false;
        }
        term.classes |= classes;
    }
    if (term.classes == 0)
        term.value = tr("class: needs a class name");
    return term.classes != 0;
}

bool EventFilter::matches(const model::RecentEvent &event, const model::NodeId &node) const
{
    if ((m_classMask & bit(event.classification)) == 0)
        return false;
    for (const Term &term : m_terms)
        if (matchesTerm(term, event, node) == term.negated)
            return false;
    return true;
}

bool EventFilter::matchesTerm(const Term &term, const model::RecentEvent &r,
                              const model::NodeId &node) const
{
    const model::Event &e = r.event;
    switch (term.kind) {
    case Kind::Text: {
        for (const std::string *s :
             {&e.type, &e.source, &e.id, &e.subject, &e.correlationid, &e.causationid, &node.value})
            if (contains(*s, term.value))
                return true;
        for (const model::DataField &f : e.data)
            if (fieldText(f.value).contains(term.value, Qt::CaseInsensitive))
                return true;
        return false;
    }
    case Kind::TypePrefix:
        return QString::fromStdString(e.type).startsWith(term.value, Qt::CaseInsensitive);
    case Kind::Attribute: {
        const std::string &attribute = term.name == QLatin1String("source") ? e.source
                                       : term.name == QLatin1String("id")   ? e.id
                                                                            : e.subject;
        return contains(attribute, term.value);
    }
    case Kind::Node: return sameText(node.value, term.value);
    case Kind::Correlation: return sameText(e.correlationid, term.value);
    case Kind::Causation: return sameText(e.causationid, term.value);
    case Kind::Class: return (term.classes & bit(r.classification)) != 0;
    case Kind::Field: return matchesField(term, e);
    }
    return false;
}

bool EventFilter::compareNumbers(double a, double b, Op op)
{
    switch (op) {
    case Op::Equal: return a == b;
    case Op::NotEqual: return a != b;
    case Op::Less: return a < b;
    case Op::LessEqual: return a <= b;
    case Op::Greater: return a > b;
    case Op::GreaterEqual: return a >= b;
    case Op::Contains: break;
    }
    return false;
}

bool EventFilter::matchesField(const Term &term, const model::Event &e)
{
    // A data field, or one of the numeric attributes.
    const QString name = term.name.toLower();
    std::optional<double> number;
    QString text;
    if (name == QLatin1String("seq") || name == QLatin1String("sequence")) {
        number = double(e.sequence);
        text = QString::number(e.sequence);
    } else if (name == QLatin1String("epoch")) {
        number = double(e.epoch);
        text = QString::number(e.epoch);
    } else if (const model::DataField *f = findField(e, term.name)) {
        if (double d = 0; e.numberField(f->name, d))
            number = d;
        text = fieldText(f->value);
    } else {
        return false; // a missing field never matches, not even with !=
    }
    if (term.op == Op::Contains)
        return text.contains(term.value, Qt::CaseInsensitive);
    if (term.numeric && number)
        return compareNumbers(*number, term.number, term.op);
    const bool equal = text.compare(term.value, Qt::CaseInsensitive) == 0;
    return term.op == Op::Equal ? equal : term.op == Op::NotEqual && !equal;
}

EventFilterProxy::EventFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
}

void EventFilterProxy::setFilter(const EventFilter &filter)
{
    m_filter = filter;
    invalidateRowsFilter();
}

bool EventFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const auto *events = qobject_cast<const RecentEventsModel *>(sourceModel());
    if (sourceParent.isValid() || !events)
        return false;
    const InspectedEvent &row = events->eventAt(sourceRow);
    return m_filter.matches(row.recent, row.node);
}

} // namespace evflow::ui::monitor
