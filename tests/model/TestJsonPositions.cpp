// JsonPositions (pointer -> line:column index) and the scanner that fills it.
#include "model/FlowFile.h"
#include "model/JsonPositions.h"
#include "model/JsonScanner.h"

#include <QtTest>

using namespace evflow::model;

namespace {

JsonPositions scanned(const std::string &text)
{
    JsonPositions positions;
    const Problems problems = detail::JsonScanner(text, positions, kMaxJsonDepth).scan();
    if (!problems.empty())
        qWarning("unexpected scan problem: %s", problems.front().message.c_str());
    return positions;
}

} // namespace

class TestJsonPositions : public QObject
{
    Q_OBJECT

private slots:
    void escapeToken_data();
    void escapeToken();
    void findFallsBackToNearestAncestor();
    void positionsOfValues_data();
    void positionsOfValues();
    void everyValueIsRecorded();
    void columnsCountBytesAfterMultiByteUtf8();
    void escapedKeysBecomeEscapedPointers();
    void positionsMatchNlohmannAcceptance_data();
    void positionsMatchNlohmannAcceptance();
};

void TestJsonPositions::escapeToken_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<QString>("escaped");
    QTest::newRow("plain") << "nodes"
                           << "nodes";
    QTest::newRow("empty") << ""
                           << "";
    QTest::newRow("tilde") << "a~b"
                           << "a~0b";
    QTest::newRow("slash") << "a/b"
                           << "a~1b";
    // "~1" must become "~01", not "~1" read back as "/": ~ is escaped first, per character.
    QTest::newRow("tilde one") << "~1"
                               << "~01";
    QTest::newRow("both") << "/~/"
                          << "~1~0~1";
}

void TestJsonPositions::escapeToken()
{
    QFETCH(QString, token);
    QFETCH(QString, escaped);
    QCOMPARE(QString::fromStdString(JsonPositions::escapeToken(token.toStdString())), escaped);
}

void TestJsonPositions::findFallsBackToNearestAncestor()
{
    JsonPositions positions;
    QVERIFY(positions.empty());
    QCOMPARE(positions.find(""), (TextPosition{0, 0}));
    QCOMPARE(positions.find("/nodes/0"), (TextPosition{0, 0}));
    positions.add("", {1, 1});
    positions.add("/nodes", {2, 12});
    positions.add("/nodes/0", {3, 5});
    positions.add("/nodes/0/id", {3, 12});
    QCOMPARE(positions.size(), std::size_t{4});
    QCOMPARE(positions.find("/nodes/0/id"), (TextPosition{3, 12}));
    QCOMPARE(positions.find("/nodes/0/kind"), (TextPosition{3, 5}));
    QCOMPARE(positions.find("/nodes/0/properties/rate"), (TextPosition{3, 5}));
    QCOMPARE(positions.find("/nodes/7"), (TextPosition{2, 12}));
    QCOMPARE(positions.find("/links/0/from"), (TextPosition{1, 1}));
    QCOMPARE(positions.find(""), (TextPosition{1, 1}));
    // A later add for the same pointer wins (as nlohmann keeps the last duplicate).
    positions.add("/nodes/0/id", {9, 9});
    QCOMPARE(positions.find("/nodes/0/id"), (TextPosition{9, 9}));
}

void TestJsonPositions::positionsOfValues_data()
{
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::newRow("root") << "" << 2 << 1;
    QTest::newRow("string") << "/name" << 3 << 11;
    QTest::newRow("array") << "/nodes" << 4 << 12;
    QTest::newRow("element object") << "/nodes/0" << 5 << 5;
    QTest::newRow("after escapes") << "/nodes/0/id" << 5 << 31;
    QTest::newRow("second element") << "/nodes/1" << 6 << 5;
    QTest::newRow("number") << "/nodes/1/n" << 6 << 11;
    QTest::newRow("negative exponent") << "/nodes/1/m" << 6 << 20;
    QTest::newRow("array after newline") << "/flags" << 9 << 2;
    QTest::newRow("true") << "/flags/0" << 9 << 4;
    QTest::newRow("false") << "/flags/1" << 9 << 10;
    QTest::newRow("null after CRLF") << "/flags/2" << 10 << 3;
    QTest::newRow("empty object") << "/e" << 11 << 8;
    QTest::newRow("empty array") << "/f" << 11 << 17;
}

void TestJsonPositions::positionsOfValues()
{
    // Line 5 has escapes in a string before "id"; line 10 follows a CRLF; line 9 starts with a tab.
    const std::string text = "\n"
                             "{\n"
                             "  \"name\": \"x\",\n"
                             "  \"nodes\": [\n"
                             "    {\"k\": \"\\\"\\\\\\u00e9\", \"id\": \"a\"},\n"
                             "    {\"n\": 12, \"m\": -1.5e-3}\n"
                             "  ],\n"
                             "  \"flags\":\n"
                             "\t[ true, false,\r\n"
                             "  null],\n"
                             "  \"e\": {}, \"f\": []\n"
                             "}\n";
    QFETCH(QString, pointer);
    QFETCH(int, line);
    QFETCH(int, column);
    const JsonPositions positions = scanned(text);
    QCOMPARE(positions.find(pointer.toStdString()), (TextPosition{line, column}));
}

void TestJsonPositions::everyValueIsRecorded()
{
    const JsonPositions positions = scanned(R"({"a": [1, {"b": null}], "c": "d"})");
    // "", /a, /a/0, /a/1, /a/1/b, /c
    QCOMPARE(positions.size(), std::size_t{6});
    QCOMPARE(positions.find("/a/1/b"), (TextPosition{1, 17}));
    QCOMPARE(positions.find("/c"), (TextPosition{1, 30}));
}

void TestJsonPositions::columnsCountBytesAfterMultiByteUtf8()
{
    // "é" is 2 bytes, "日" 3, "🚀" 4: the value of "b" starts at byte column 25.
    const std::string text = "{\"a\": \"\xC3\xA9\xE6\x97\xA5\xF0\x9F\x9A\x80\", \"b\": 7}";
    const JsonPositions positions = scanned(text);
    QCOMPARE(positions.find("/a"), (TextPosition{1, 7}));
    QCOMPARE(positions.find("/b"), (TextPosition{1, 25}));
}

void TestJsonPositions::escapedKeysBecomeEscapedPointers()
{
    // Keys are decoded (\u0041 is "A", \/ is "/") before being escaped into the pointer.
    const JsonPositions positions = scanned("{\"a/b\": {\"m~n\": 1},\n \"\\u0041\\/~\": [true]}");
    QCOMPARE(positions.find("/a~1b/m~0n"), (TextPosition{1, 17}));
    QCOMPARE(positions.find("/a~1b"), (TextPosition{1, 9}));
    QCOMPARE(positions.find("/A~1~0/0"), (TextPosition{2, 16}));
    QCOMPARE(positions.find("/a/b"), (TextPosition{1, 1})); // not a~1b: falls back to the root
}

void TestJsonPositions::positionsMatchNlohmannAcceptance_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("surrogate pair") << QByteArray(R"({"a": "\ud83d\ude80"})");
    QTest::newRow("all escapes") << QByteArray(R"(["\"\\\/\b\f\n\r\t"])");
    QTest::newRow("numbers") << QByteArray("[0, -0, 1.25, 1E+2, 1e-7, 18446744073709551615]");
    QTest::newRow("bom") << QByteArray("\xEF\xBB\xBF{}");
    QTest::newRow("lone high surrogate") << QByteArray(R"(["\ud83d"])");
    QTest::newRow("lone low surrogate") << QByteArray(R"(["\ude80"])");
    QTest::newRow("overlong utf-8") << QByteArray("[\"\xC0\xAF\"]");
    QTest::newRow("utf-8 surrogate") << QByteArray("[\"\xED\xA0\x80\"]");
    QTest::newRow("truncated utf-8") << QByteArray("[\"\xE6\x97\"]");
    QTest::newRow("leading zero") << QByteArray("[01]");
    QTest::newRow("bare dot") << QByteArray("[1.]");
    QTest::newRow("plus sign") << QByteArray("[+1]");
    QTest::newRow("single quotes") << QByteArray("['a']");
    QTest::newRow("comment") << QByteArray("[1] // c");
    QTest::newRow("tab in string") << QByteArray("[\"a\tb\"]");
}

/// The scanner must accept exactly what nlohmann accepts: the loader parses with nlohmann only
/// after a clean scan, so a disagreement would either refuse good text or crash on bad text.
void TestJsonPositions::positionsMatchNlohmannAcceptance()
{
    QFETCH(QByteArray, text);
    const std::string s = text.toStdString();
    JsonPositions positions;
    const bool scannerAccepts = detail::JsonScanner(s, positions, kMaxJsonDepth).scan().empty();
    const bool nlohmannAccepts = nlohmann::json::accept(s);
    QCOMPARE(scannerAccepts, nlohmannAccepts);
}

QTEST_APPLESS_MAIN(TestJsonPositions)
#include "TestJsonPositions.moc"
