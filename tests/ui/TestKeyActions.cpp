// Flow ▸ Generate CURVE Key Pair… (issue 8, point 5: keys generated in the studio): the same
// key store as `evflow keys generate`, with EVFLOW_KEYS_DIR in a temporary directory.

#include "support/StudioWindow.h"
#include "transport/CurveKeys.h"
#include "ui/KeyActions.h"

#include <QAction>
#include <QMenuBar>
#include <QtTest>

using evflow::ui::KeyActions;
namespace tr = evflow::transport;

class TestKeyActions : public QObject
{
    Q_OBJECT
private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        qputenv("EVFLOW_KEYS_DIR", m_dir->filePath(QStringLiteral("keys")).toUtf8());
    }

    void actionIsInTheFlowMenu()
    {
        evflow::ui::testing::StudioWindow studio;
        auto *keys = studio.window->findChild<KeyActions *>();
        QVERIFY(keys != nullptr);
        bool inFlowMenu = false;
        for (const QAction *menu : studio.window->menuBar()->actions())
            if (menu->menu() && menu->text().remove(QLatin1Char('&')) == QStringLiteral("Flow"))
                inFlowMenu = menu->menu()->actions().contains(keys->generateAction());
        QVERIFY(inFlowMenu);
    }

    void generatesIntoTheKeyStore()
    {
        QWidget window;
        KeyActions keys(&window);
        const KeyActions::Outcome out = keys.generate(QStringLiteral("hub"), false);
        QVERIFY2(out.ok, qPrintable(out.message));
        const auto dir = tr::curveKeysDirectory();
        const auto pair = tr::loadCurveKeyPair(dir, "hub");
        QVERIFY2(pair, pair.error.c_str());
        QCOMPARE(out.publicKey.toStdString(), pair.keys->publicKey);
        QVERIFY(out.message.contains(out.publicKey));
        QVERIFY(!out.message.contains(QString::fromStdString(pair.keys->secretKey)));
        QVERIFY(out.message.contains(QString::fromStdString(tr::curvePublicKeyFile(dir, "hub"))));
    }

    void existingPairNeedsConsent()
    {
        QWidget window;
        KeyActions keys(&window);
        const KeyActions::Outcome first = keys.generate(QStringLiteral("hub"), false);
        QVERIFY(first.ok);
        const KeyActions::Outcome again = keys.generate(QStringLiteral("hub"), false);
        QVERIFY(!again.ok);
        QVERIFY(again.exists);
        QCOMPARE(tr::loadCurvePublicKey(tr::curveKeysDirectory(), "hub").keys->publicKey,
                 first.publicKey.toStdString());
        const KeyActions::Outcome replaced = keys.generate(QStringLiteral("hub"), true);
        QVERIFY(replaced.ok);
        QVERIFY(replaced.publicKey != first.publicKey);
    }

    void badNameSaysWhy()
    {
        QWidget window;
        KeyActions keys(&window);
        const KeyActions::Outcome out = keys.generate(QStringLiteral("keys/hub"), false);
        QVERIFY(!out.ok);
        QVERIFY(!out.exists);
        QVERIFY2(out.message.contains(QStringLiteral("no path separators")),
                 qPrintable(out.message));
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
};

QTEST_MAIN(TestKeyActions)
#include "TestKeyActions.moc"
