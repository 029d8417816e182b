#include "ui/properties/PropertyRow.h"

#include "ui/Theme.h"
#include "ui/properties/FieldStyle.h"
#include "ui/properties/ValueField.h"

#include <QGridLayout>
#include <QLabel>
#include <QToolButton>

namespace evflow::ui::properties {
namespace {

bool isTextLike(model::PropertyType type)
{
    using PT = model::PropertyType;
    return type == PT::String || type == PT::Path || type == PT::Endpoint || type == PT::EventType;
}

QString defaultText(const model::PropertySpec &spec)
{
    const QString text = toQString(model::toDisplayString(spec.defaultValue));
    return text.isEmpty() ? QObject::tr("empty") : text;
}

} // namespace

PropertyRow::PropertyRow(const model::PropertySpec &spec, QWidget *parent)
    : QWidget(parent)
    , m_spec(spec)
    , m_label(new QLabel(parent))
    , m_field(createValueField(spec, this))
    , m_resetButton(new QToolButton(this))
    , m_message(createMessageLabel(this))
{
    setObjectName(QStringLiteral("row:") + toQString(spec.name));
    m_label->setText(humanizedName(spec.name) + (spec.required ? QStringLiteral(" *") : QString()));
    m_label->setBuddy(m_field->editor());
    m_message->setObjectName(QStringLiteral("message:") + toQString(spec.name));
    m_resetButton->setObjectName(QStringLiteral("reset:") + toQString(spec.name));
    m_resetButton->setText(QStringLiteral("↺"));
    m_resetButton->setAutoRaise(true);
    // Shown only for stated values, but keeping its place so the editors do not jump.
    QSizePolicy policy = m_resetButton->sizePolicy();
    policy.setRetainSizeWhenHidden(true);
    m_resetButton->setSizePolicy(policy);
    m_resetButton->setToolTip(tr("Use the default (%1)").arg(defaultText(spec)));

    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setHorizontalSpacing(2);
    layout->setVerticalSpacing(2);
    layout->addWidget(m_field, 0, 0);
    layout->addWidget(m_resetButton, 0, 1, Qt::AlignTop);
    layout->addWidget(m_message, 1, 0, 1, 2);

    connect(m_field, &ValueField::edited, this, &PropertyRow::onEdited);
    connect(m_field, &ValueField::inputErrorChanged, this,
            [this](const QString &message) { showMessage(m_message, message); });
    connect(m_resetButton, &QToolButton::clicked, this,
            [this] { emit commitRequested(m_spec.name, std::nullopt); });
}

bool PropertyRow::isTall() const
{
    using PT = model::PropertyType;
    return m_spec.type == PT::EventTypeList || m_spec.type == PT::List || m_spec.type == PT::Map;
}

void PropertyRow::showNode(const model::Flow &flow, const model::Node &node)
{
    m_field->setFlowContext(flow);
    const model::PropertyValue *value = model::catalog::property(node, m_spec.name);
    const bool stated = node.properties.count(m_spec.name) > 0;
    if (value && (!m_shown || !(*m_shown == *value))) {
        m_field->setValue(*value);
        m_shown = *value;
        showMessage(m_message, {});
    }
    m_stated = stated;
    updateLabel();
}

void PropertyRow::showResult(const model::EditResult &result)
{
    showMessage(m_message, result ? QString() : toQString(result.message));
    // A refused choice, number or check must not stay on screen as if it were in force; refused
    // text stays so that the user can correct it.
    if (!result && m_shown && !isTextLike(m_spec.type))
        m_field->setValue(*m_shown);
}

void PropertyRow::onEdited()
{
    if (const QString error = m_field->inputError(); !error.isEmpty()) {
        showMessage(m_message, error);
        return;
    }
    std::optional<model::PropertyValue> value = m_field->value();
    if (!value || (m_shown && *value == *m_shown)) {
        showMessage(m_message, {});
        return;
    }
    // Clearing a text field returns it to its (empty) default instead of stating "".
    const auto *text = std::get_if<std::string>(&*value);
    if (text && text->empty() && isTextLike(m_spec.type) && m_spec.defaultValue == *value)
        value.reset();
    emit commitRequested(m_spec.name, std::move(value));
}

void PropertyRow::updateLabel()
{
    const bool missing = m_spec.required && !m_stated;
    setMuted(m_label, !m_stated && !missing);
    m_field->setShowsDefault(!m_stated);
    m_resetButton->setVisible(m_stated);
    QString tip = toQString(m_spec.help) + QStringLiteral("\n\n")
                  + tr("Key: %1").arg(toQString(m_spec.name));
    if (missing) {
        tip += QLatin1Char('\n') + tr("Required: no default applies.");
        // Only the text colour is set: every other role still follows the parent's palette.
        QPalette palette;
        palette.setColor(QPalette::WindowText, theme::errorColor());
        m_label->setPalette(palette);
    } else {
        m_label->setPalette(QPalette()); // no roles set: inherit the parent's palette again
        if (m_stated)
            tip += QLatin1Char('\n')
                   + tr("Stated in the flow (default: %1).").arg(defaultText(m_spec));
        else
            tip += QLatin1Char('\n') + tr("Uses the default.");
    }
    m_label->setToolTip(tip);
}

} // namespace evflow::ui::properties
