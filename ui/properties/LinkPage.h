#pragma once

#include "ui/FlowDocument.h"

#include <QWidget>

QT_BEGIN_NAMESPACE
class QLabel;
QT_END_NAMESPACE

namespace evflow::ui::properties {

class EventTypePicker;

/// The form for one wire: its ends (read-only) and, for a wire leaving a channel, the event-type
/// filter the receiving input subscribes to (setLinkTypes). Other wires carry everything their
/// source emits, so their filter is read-only with a note saying why.
class LinkPage : public QWidget
{
    Q_OBJECT
public:
    LinkPage(FlowDocument *document, const model::LinkId &link, QWidget *parent = nullptr);

    const model::LinkId &linkId() const { return m_link; }
    /// Shows `link` in place; it becomes the wire that edits go to.
    void showLink(const model::Flow &flow, const model::Link &link);
    /// Stops all edits (the page is being replaced).
    void detach() { m_live = false; }

    EventTypePicker *picker() const { return m_picker; }

private:
    void commitTypes();

    FlowDocument *m_document;
    model::LinkId m_link;
    bool m_live = true;
    QLabel *m_from;
    QLabel *m_to;
    EventTypePicker *m_picker;
    QLabel *m_note;
    QLabel *m_message;
};

} // namespace evflow::ui::properties
