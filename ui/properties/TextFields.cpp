#include "ui/properties/TextFields.h"

#include "model/Endpoint.h"
#include "ui/properties/FieldStyle.h"

#include <QCompleter>
#include <QFileDialog>
#include <QFileSystemModel>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QToolButton>

namespace evflow::ui::properties {

StringField::StringField(const model::PropertySpec &spec, QWidget *parent)
    : ValueField(spec, parent)
    , m_edit(new QLineEdit(this))
{
    describe(m_edit);
    m_edit->setClearButtonEnabled(true);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_edit);
    connect(m_edit, &QLineEdit::editingFinished, this, &ValueField::edited);
}

void StringField::setValue(const model::PropertyValue &value)
{
    const auto *text = std::get_if<std::string>(&value);
    if (!text || m_edit->text() == toQString(*text))
        return;
    const QSignalBlocker blocker(m_edit);
    m_edit->setText(toQString(*text));
}

std::optional<model::PropertyValue> StringField::value() const
{
    return model::PropertyValue{toStdString(m_edit->text())};
}

QWidget *StringField::editor() const
{
    return m_edit;
}

PathField::PathField(const model::PropertySpec &spec, QWidget *parent)
    : StringField(spec, parent)
{
    auto *files = new QFileSystemModel(this);
    files->setRootPath(QString());
    auto *completer = new QCompleter(files, this);
    completer->setCompletionMode(QCompleter::PopupCompletion);
    lineEdit()->setCompleter(completer);
    lineEdit()->setPlaceholderText(tr("File path (relative to the run's directory)"));

    auto *browseButton = new QToolButton(this);
    browseButton->setText(QStringLiteral("…"));
    browseButton->setObjectName(toQString(spec.name) + QStringLiteral(":browse"));
    browseButton->setToolTip(tr("Choose a file"));
    static_cast<QHBoxLayout *>(layout())->addWidget(browseButton);
    connect(browseButton, &QToolButton::clicked, this, &PathField::browse);
}

void PathField::browse()
{
    // Non-modal on purpose: the rest of the studio stays usable while the dialog is open.
    auto *dialog = new QFileDialog(window(), tr("Choose %1").arg(humanizedName(spec().name)));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::NonModal);
    dialog->selectFile(lineEdit()->text());
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &file) {
        lineEdit()->setText(file);
        emit edited();
    });
    dialog->show();
}

EndpointField::EndpointField(const model::PropertySpec &spec, QWidget *parent)
    : StringField(spec, parent)
{
    lineEdit()->setPlaceholderText(QStringLiteral("tcp://127.0.0.1:5555"));
    connect(lineEdit(), &QLineEdit::textEdited, this, &EndpointField::checkAsTyped);
}

void EndpointField::setValue(const model::PropertyValue &value)
{
    StringField::setValue(value);
    setInvalidFrame(lineEdit(), false);
}

std::optional<model::PropertyValue> EndpointField::value() const
{
    if (!inputError().isEmpty())
        return std::nullopt;
    return model::PropertyValue{toStdString(lineEdit()->text().trimmed())};
}

QString EndpointField::inputError() const
{
    // Empty is not an endpoint, but it is a valid *input*: it returns to the default (unset).
    const QString text = lineEdit()->text().trimmed();
    if (text.isEmpty())
        return {};
    const model::EndpointParseResult parsed = model::parseEndpoint(toStdString(text));
    return parsed ? QString() : toQString(parsed.error);
}

void EndpointField::checkAsTyped()
{
    const QString error = inputError();
    setInvalidFrame(lineEdit(), !error.isEmpty());
    emit inputErrorChanged(error);
}

} // namespace evflow::ui::properties
