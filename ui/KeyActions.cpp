#include "ui/KeyActions.h"

#include "transport/CurveKeys.h"

#include <QAction>
#include <QInputDialog>
#include <QLineEdit>
#include <QMessageBox>
#include <QWidget>

#include <filesystem>

namespace evflow::ui {
namespace {

namespace tr = transport;

QString pathText(const std::filesystem::path &path)
{
    return QString::fromStdString(path.string());
}

} // namespace

KeyActions::KeyActions(QWidget *window)
    : QObject(window)
    , m_window(window)
    , m_generate(new QAction(QObject::tr("Generate CURVE &Key Pair…"), this))
{
    m_generate->setObjectName(QStringLiteral("generateKeyPair"));
    m_generate->setStatusTip(QObject::tr("Make a key pair for encrypted tcp channels; it is "
                                         "kept apart from flow files"));
    connect(m_generate, &QAction::triggered, this, &KeyActions::onGenerate);
}

KeyActions::Outcome KeyActions::generate(const QString &name, bool overwrite) const
{
    const std::string key = name.toStdString();
    const auto dir = tr::curveKeysDirectory();
    Outcome out;
    if (const std::string problem = tr::curveKeyNameProblem(key); !problem.empty()) {
        out.message = QString::fromStdString(problem);
        return out;
    }
    out.exists = !overwrite
                 && (std::filesystem::exists(tr::curveSecretKeyFile(dir, key))
                     || std::filesystem::exists(tr::curvePublicKeyFile(dir, key)));
    const tr::CurveKeyResult made = tr::generateCurveKeyPair(dir, key, overwrite);
    if (!made) {
        out.message = QString::fromStdString(made.error);
        return out;
    }
    out.exists = false;
    out.ok = true;
    out.publicKey = QString::fromStdString(made.keys->publicKey);
    out.message = QObject::tr("Key pair '%1' made.\n\nPublic key: %2\n\nSecret key: %3 (keep it on "
                              "this machine)\nPublic key file: %4 (copy it to the machines that "
                              "must trust this key)\n\nName it in a channel's serverKey or "
                              "clientKeys; the flow file holds only the name.")
                      .arg(name, out.publicKey, pathText(tr::curveSecretKeyFile(dir, key)),
                           pathText(tr::curvePublicKeyFile(dir, key)));
    return out;
}

void KeyActions::onGenerate()
{
    const QString title = QObject::tr("Generate CURVE Key Pair");
    bool accepted = false;
    const QString name = QInputDialog::getText(
        m_window, title,
        QObject::tr("Key name (letters, digits, '.', '_', '-'), stored in %1:")
            .arg(pathText(tr::curveKeysDirectory())),
        QLineEdit::Normal, QString(), &accepted);
    if (!accepted)
        return;
    Outcome out = generate(name.trimmed(), false);
    if (out.exists
        && QMessageBox::question(m_window, title,
                                 QObject::tr("A key pair '%1' exists already. Replace it? Peers "
                                             "that trust the old public key will be refused.")
                                     .arg(name.trimmed()))
               == QMessageBox::Yes)
        out = generate(name.trimmed(), true);
    else if (out.exists)
        return;
    if (!out.ok) {
        QMessageBox::warning(m_window, title, out.message);
        return;
    }
    QMessageBox box(QMessageBox::Information, title, out.message, QMessageBox::Ok, m_window);
    box.setTextInteractionFlags(Qt::TextSelectableByMouse); // so the public key can be copied
    box.exec();
    emit statusMessage(QObject::tr("Key pair '%1' generated").arg(name.trimmed()));
}

} // namespace evflow::ui
