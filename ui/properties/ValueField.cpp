#include "ui/properties/ValueField.h"

#include "ui/properties/ChoiceFields.h"
#include "ui/properties/CollectionFields.h"
#include "ui/properties/EventTypePicker.h"
#include "ui/properties/FieldStyle.h"
#include "ui/properties/NumberFields.h"
#include "ui/properties/TextFields.h"

namespace evflow::ui::properties {

ValueField::ValueField(model::PropertySpec spec, QWidget *parent)
    : QWidget(parent)
    , m_spec(std::move(spec))
{
}

void ValueField::setFlowContext(const model::Flow &) {}

void ValueField::setShowsDefault(bool isDefault)
{
    setMuted(editor(), isDefault);
}

void ValueField::describe(QWidget *inner) const
{
    inner->setObjectName(toQString(m_spec.name));
    inner->setToolTip(toQString(m_spec.help));
}

ValueField *createValueField(const model::PropertySpec &spec, QWidget *parent)
{
    using PT = model::PropertyType;
    switch (spec.type) {
    case PT::Int:
        if (IntSpinField::fits(spec))
            return new IntSpinField(spec, parent);
        return new Int64TextField(spec, parent);
    case PT::Double: return new DoubleField(spec, parent);
    case PT::Bool: return new BoolField(spec, parent);
    case PT::Enum: return new EnumField(spec, parent);
    case PT::EventType: return new EventTypeField(spec, parent);
    case PT::EventTypeList: return new EventTypeListField(spec, parent);
    case PT::Endpoint: return new EndpointField(spec, parent);
    case PT::Path: return new PathField(spec, parent);
    case PT::List: return new ListField(spec, parent);
    case PT::Map: return new MapField(spec, parent);
    case PT::String: break;
    }
    return new StringField(spec, parent);
}

} // namespace evflow::ui::properties
