#pragma once

#include <QObject>
#include <QString>

QT_BEGIN_NAMESPACE
class QAction;
class QWidget;
QT_END_NAMESPACE

namespace evflow::ui {

/// Flow ▸ Generate CURVE Key Pair…: the studio's door to the key store
/// (transport/CurveKeys.h, docs/SECURITY.md), the same one `evflow keys generate` uses. The key
/// pair goes to the key directory, never into the flow: the flow names it in a channel's
/// serverKey or clientKeys. GUI thread only.
class KeyActions : public QObject
{
    Q_OBJECT
public:
    /// `window` parents the dialogs and must outlive this object.
    explicit KeyActions(QWidget *window);

    QAction *generateAction() const { return m_generate; }

    /// What generate() did.
    struct Outcome
    {
        bool ok = false;
        bool exists = false; ///< refused only because the pair exists (ask, then overwrite)
        QString message;     ///< why not (naming the file), or what was made and where
        QString publicKey;   ///< Z85, when ok
    };
    /// Makes key pair `name` in the key directory; an existing pair is replaced only when
    /// `overwrite`. No dialog: the action's slot asks and shows.
    Outcome generate(const QString &name, bool overwrite) const;

signals:
    void statusMessage(const QString &message);

private:
    void onGenerate();

    QWidget *m_window;
    QAction *m_generate;
};

} // namespace evflow::ui
