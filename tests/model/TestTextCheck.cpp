// detail::textProblem: the UTF-8 and control-character check every attribute, name and value goes
// through. Each special character is placed at every position of strings of 1..40 plain bytes,
// so it falls into the word-at-a-time fast path, its boundary and the tail alike.

#include "model/TextCheck.h"

#include <QTest>

#include <string>

using evflow::model::detail::textProblem;
using evflow::model::detail::TextRule;

namespace {

/// `length` plain bytes ('a'..'z' cycling) with `inserted` replacing the bytes at `at`.
std::string withAt(std::size_t length, std::size_t at, const std::string &inserted)
{
    std::string text;
    for (std::size_t i = 0; i < length; ++i)
        text += static_cast<char>('a' + i % 26);
    return text.replace(at, inserted.size(), inserted);
}

} // namespace

class TestTextCheck : public QObject
{
    Q_OBJECT

private slots:
    void plainTextHasNoProblem();
    void findsEachCharacterAtEveryPosition_data();
    void findsEachCharacterAtEveryPosition();
};

void TestTextCheck::plainTextHasNoProblem()
{
    for (std::size_t length = 0; length <= 40; ++length) {
        const std::string text = withAt(length, 0, "");
        QCOMPARE(textProblem(text, TextRule::NoControlUtf8), std::string());
        QCOMPARE(textProblem(text, TextRule::AnyUtf8), std::string());
    }
    // The edges of printable ASCII.
    QCOMPARE(textProblem(std::string(17, ' ') + std::string(17, '~'), TextRule::NoControlUtf8),
             std::string());
}

void TestTextCheck::findsEachCharacterAtEveryPosition_data()
{
    QTest::addColumn<std::string>("inserted");
    QTest::addColumn<QString>("noControl"); ///< %1 = byte position; empty = no problem
    QTest::addColumn<QString>("anyUtf8");
    QTest::newRow("NUL") << std::string(1, '\0') << "contains control character U+0000 at byte %1"
                         << "";
    QTest::newRow("unit separator")
        << std::string("\x1f") << "contains control character U+001F at byte %1"
        << "";
    QTest::newRow("DEL") << std::string("\x7f") << "contains control character U+007F at byte %1"
                         << "";
    QTest::newRow("C1 NEL") << std::string("\xc2\x85")
                            << "contains control character U+0085 at byte %1"
                            << "";
    QTest::newRow("e acute") << std::string("\xc3\xa9") << ""
                             << "";
    QTest::newRow("euro sign") << std::string("\xe2\x82\xac") << ""
                               << "";
    QTest::newRow("lone continuation") << std::string("\x80") << "is not valid UTF-8 (byte %1)"
                                       << "is not valid UTF-8 (byte %1)";
    QTest::newRow("overlong slash") << std::string("\xc0\xaf") << "is not valid UTF-8 (byte %1)"
                                    << "is not valid UTF-8 (byte %1)";
}

void TestTextCheck::findsEachCharacterAtEveryPosition()
{
    QFETCH(std::string, inserted);
    QFETCH(QString, noControl);
    QFETCH(QString, anyUtf8);
    const auto expected = [](const QString &pattern, std::size_t at) {
        return pattern.isEmpty() ? std::string() : pattern.arg(at).toStdString();
    };
    for (std::size_t length = inserted.size(); length <= 40; ++length) {
        for (std::size_t at = 0; at + inserted.size() <= length; ++at) {
            const std::string text = withAt(length, at, inserted);
            QCOMPARE(textProblem(text, TextRule::NoControlUtf8), expected(noControl, at));
            QCOMPARE(textProblem(text, TextRule::AnyUtf8), expected(anyUtf8, at));
        }
    }
}

QTEST_APPLESS_MAIN(TestTextCheck)
#include "TestTextCheck.moc"
