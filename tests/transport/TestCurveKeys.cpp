// The CURVE key store (issue 8, point 5): key pairs kept apart from flow files, generated,
// loaded and refused (missing, too open, malformed) with messages that name the file.
#include "support/CurveProbe.h"
#include "transport/CurveKeys.h"

#include <QtTest>

#include <zmq.h>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>

namespace tr = evflow::transport;
namespace fs = std::filesystem;

namespace {

tr::CurveKeyPair randomPair()
{
    char pub[41];
    char sec[41];
    if (zmq_curve_keypair(pub, sec) != 0)
        qFatal("zmq_curve_keypair failed");
    return {pub, sec};
}

mode_t modeOf(const fs::path &p)
{
    struct stat st = {};
    return ::stat(p.c_str(), &st) == 0 ? (st.st_mode & 07777) : 0;
}

void writeText(const fs::path &p, const std::string &text)
{
    std::ofstream(p, std::ios::binary | std::ios::trunc) << text;
}

/// The handshake outcomes of one socket, read from its zmq_socket_monitor.
} // namespace

class TestCurveKeys : public QObject
{
    Q_OBJECT
private slots:
    void init();

    void keyStoreRoundTrip();
    void keyStoreRefusesOverwrite();
    void keyStoreRefuses_data();
    void keyStoreRefuses();
    void keyNames_data();
    void keyNames();
    void keysDirectoryFromEnvironment();

private:
    fs::path keys() const { return m_keys->path(); }

    std::unique_ptr<evflow::test::curve::KeyDirectory> m_keys;
};

void TestCurveKeys::init()
{
    m_keys = std::make_unique<evflow::test::curve::KeyDirectory>();
    QVERIFY(m_keys->valid());
}

void TestCurveKeys::keyStoreRoundTrip()
{
    const auto made = tr::generateCurveKeyPair(keys(), "server");
    QVERIFY2(made, made.error.c_str());
    QVERIFY(tr::isCurveKey(made.keys->publicKey));
    QVERIFY(tr::isCurveKey(made.keys->secretKey));
    QCOMPARE(modeOf(keys()), mode_t(0700));
    QCOMPARE(modeOf(keys() / "server.key"), mode_t(0600));
    QCOMPARE(modeOf(keys() / "server.pub"), mode_t(0644));

    const auto pair = tr::loadCurveKeyPair(keys(), "server");
    QVERIFY2(pair, pair.error.c_str());
    QCOMPARE(pair.keys->publicKey, made.keys->publicKey);
    QCOMPARE(pair.keys->secretKey, made.keys->secretKey);
    const auto pub = tr::loadCurvePublicKey(keys(), "server");
    QVERIFY2(pub, pub.error.c_str());
    QCOMPARE(pub.keys->publicKey, made.keys->publicKey);
    QVERIFY(pub.keys->secretKey.empty());

    // The public file holds no secret; no temporary files are left behind.
    std::ifstream in(keys() / "server.pub");
    const std::string text((std::istreambuf_iterator<char>(in)), {});
    QVERIFY(text.find(made.keys->secretKey) == std::string::npos);
    QVERIFY(tr::generateCurveKeyPair(keys(), "client"));
    QCOMPARE(tr::listCurveKeys(keys()), (std::vector<std::string>{"client", "server"}));
    int files = 0;
    for ([[maybe_unused]] const auto &e : fs::directory_iterator(keys()))
        ++files;
    QCOMPARE(files, 4);
}

void TestCurveKeys::keyStoreRefusesOverwrite()
{
    const auto first = tr::generateCurveKeyPair(keys(), "k");
    QVERIFY(first);
    const auto again = tr::generateCurveKeyPair(keys(), "k");
    QVERIFY(!again);
    QVERIFY2(again.error.find("k.key: exists already") != std::string::npos, again.error.c_str());
    QCOMPARE(tr::loadCurveKeyPair(keys(), "k").keys->secretKey, first.keys->secretKey);
    const auto forced = tr::generateCurveKeyPair(keys(), "k", true);
    QVERIFY2(forced, forced.error.c_str());
    QVERIFY(forced.keys->secretKey != first.keys->secretKey);
    QCOMPARE(tr::loadCurveKeyPair(keys(), "k").keys->secretKey, forced.keys->secretKey);
}

void TestCurveKeys::keyStoreRefuses_data()
{
    // How to spoil the key pair "k" (secret or public file), and what the loader must say.
    QTest::addColumn<int>("spoil");
    QTest::addColumn<bool>("secret"); // load the pair (else the public key)
    QTest::addColumn<QString>("message");
    QTest::newRow("missing secret") << 0 << true << "k.key: no such secret key";
    QTest::newRow("missing public") << 1 << false << "k.pub: no such public key";
    QTest::newRow("secret readable by others")
        << 2 << true << "k.key: permissions 0644 are too open";
    QTest::newRow("secret readable by group")
        << 3 << true << "k.key: permissions 0640 are too open";
    QTest::newRow("garbage") << 4 << true << "k.key:1: malformed key file: expected";
    QTest::newRow("short key") << 5 << false
                               << "k.pub:2: malformed key file: public-key is not a CURVE key";
    QTest::newRow("pair mismatch")
        << 6 << true << "k.key: malformed key file: public-key does not belong";
    QTest::newRow("no secret line") << 7 << true << "k.key: malformed key file: no secret-key";
    QTest::newRow("secret in .pub") << 8 << false << "k.pub: holds a secret key";
    QTest::newRow("bad Z85") << 9 << true << "secret-key is not a CURVE key";
}

void TestCurveKeys::keyStoreRefuses()
{
    QFETCH(int, spoil);
    QFETCH(bool, secret);
    QFETCH(QString, message);
    const auto made = tr::generateCurveKeyPair(keys(), "k");
    QVERIFY(made);
    const fs::path key = keys() / "k.key";
    const fs::path pub = keys() / "k.pub";
    const std::string other = randomPair().publicKey;
    switch (spoil) {
    case 0: fs::remove(key); break;
    case 1: fs::remove(pub); break;
    case 2: fs::permissions(key, fs::perms(0644)); break;
    case 3: fs::permissions(key, fs::perms(0640)); break;
    case 4: writeText(key, "this is not a key\n"); break;
    case 5: writeText(pub, "# comment\npublic-key = abc\n"); break;
    case 6:
        writeText(key, "public-key = " + other + "\nsecret-key = " + made.keys->secretKey + "\n");
        break;
    case 7: writeText(key, "public-key = " + made.keys->publicKey + "\n"); break;
    case 8:
        writeText(pub, "public-key = " + made.keys->publicKey
                           + "\nsecret-key = " + made.keys->secretKey + "\n");
        break;
    case 9: writeText(key, "secret-key = " + std::string(40, '"') + "\n"); break;
    }
    const auto loaded
        = secret ? tr::loadCurveKeyPair(keys(), "k") : tr::loadCurvePublicKey(keys(), "k");
    QVERIFY(!loaded);
    QVERIFY2(loaded.error.find(message.toStdString()) != std::string::npos, loaded.error.c_str());
    // Every message names the file it is about.
    QVERIFY2(loaded.error.find(keys().string()) != std::string::npos, loaded.error.c_str());
}

void TestCurveKeys::keyNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("valid");
    QTest::newRow("plain") << "edge-1.host_a" << true;
    QTest::newRow("empty") << "" << false;
    QTest::newRow("slash") << "a/b" << false;
    QTest::newRow("parent") << "../x" << false;
    QTest::newRow("hidden") << ".k" << false;
    QTest::newRow("space") << "a b" << false;
    QTest::newRow("too long") << QString(65, QLatin1Char('a')) << false;
}

void TestCurveKeys::keyNames()
{
    QFETCH(QString, name);
    QFETCH(bool, valid);
    QCOMPARE(tr::curveKeyNameProblem(name.toStdString()).empty(), valid);
    const auto made = tr::generateCurveKeyPair(keys(), name.toStdString());
    QCOMPARE(bool(made), valid);
    if (!valid) // nothing was written anywhere
        QVERIFY(!fs::exists(keys()) || fs::is_empty(keys()));
}

void TestCurveKeys::keysDirectoryFromEnvironment()
{
    const QByteArray keysDir = qgetenv("EVFLOW_KEYS_DIR");
    const QByteArray xdg = qgetenv("XDG_CONFIG_HOME");
    const QByteArray home = qgetenv("HOME");
    QCOMPARE(tr::curveKeysDirectory(), keys());
    qunsetenv("EVFLOW_KEYS_DIR");
    qputenv("XDG_CONFIG_HOME", "/x/config");
    QCOMPARE(tr::curveKeysDirectory(), fs::path("/x/config/evflow/keys"));
    qunsetenv("XDG_CONFIG_HOME");
    qputenv("HOME", "/home/u");
    QCOMPARE(tr::curveKeysDirectory(), fs::path("/home/u/.config/evflow/keys"));
    qputenv("EVFLOW_KEYS_DIR", keysDir);
    qputenv("HOME", home);
    if (!xdg.isNull())
        qputenv("XDG_CONFIG_HOME", xdg);
}
QTEST_APPLESS_MAIN(TestCurveKeys)
#include "TestCurveKeys.moc"
