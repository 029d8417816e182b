#include "model/FieldGenerator.h"

#include <QtTest>

using namespace evflow::model;

Q_DECLARE_METATYPE(FieldGenerator)

class TestFieldGenerator : public QObject
{
    Q_OBJECT

private slots:
    void parses_data();
    void parses();
    void refuses_data();
    void refuses();
    void fitsFields_data();
    void fitsFields();
};

static FieldGenerator gen(FieldGeneratorKind kind, double a = 0, double b = 0,
                          std::vector<std::string> values = {}, std::int64_t length = 0)
{
    return {kind, a, b, std::move(values), length};
}

void TestFieldGenerator::parses_data()
{
    using K = FieldGeneratorKind;
    QTest::addColumn<QString>("text");
    QTest::addColumn<FieldGenerator>("expected");
    QTest::newRow("sequence") << "sequence" << gen(K::Sequence);
    QTest::newRow("sequence blanks") << "  sequence " << gen(K::Sequence);
    QTest::newRow("uniform") << "uniform(5, 500)" << gen(K::Uniform, 5, 500);
    QTest::newRow("uniform equal") << "uniform( -1.5 ,-1.5 )" << gen(K::Uniform, -1.5, -1.5);
    QTest::newRow("normal") << "normal(20, 0.5)" << gen(K::Normal, 20, 0.5);
    QTest::newRow("choice") << "choice(EU, US, APAC)" << gen(K::Choice, 0, 0, {"EU", "US", "APAC"});
    QTest::newRow("choice single") << "choice(x)" << gen(K::Choice, 0, 0, {"x"});
    QTest::newRow("string") << "string(8)" << gen(K::String, 0, 0, {}, 8);
    QTest::newRow("string max") << "string(4096)" << gen(K::String, 0, 0, {}, 4096);
    QTest::newRow("bool") << "bool(0.25)" << gen(K::Bool, 0.25);
    QTest::newRow("bool 1") << "bool(1)" << gen(K::Bool, 1);
    QTest::newRow("const") << "const(EU)" << gen(K::Const, 0, 0, {"EU"});
    QTest::newRow("const keeps commas") << "const( a, b )" << gen(K::Const, 0, 0, {"a, b"});
}

void TestFieldGenerator::parses()
{
    QFETCH(QString, text);
    QFETCH(FieldGenerator, expected);
    const FieldGeneratorParseResult r = parseFieldGenerator(text.toStdString());
    QVERIFY2(r, r.error.c_str());
    QVERIFY(*r.generator == expected);
}

void TestFieldGenerator::refuses_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");
    const QString usage = "use sequence, uniform(a,b), normal(mean,sd), choice(a,b,...), "
                          "string(n), bool(p) or const(v)";
    QTest::newRow("empty") << ""
                           << "a field generator is empty: " + usage;
    QTest::newRow("unknown") << "random"
                             << "unknown field generator 'random': " + usage;
    QTest::newRow("unknown with args")
        << "poisson(3)"
        << "'poisson(3)': unknown field generator 'poisson': " + usage;
    QTest::newRow("missing args") << "uniform"
                                  << "'uniform': needs arguments: " + usage;
    QTest::newRow("missing paren") << "uniform(1, 2"
                                   << "'uniform(1, 2': missing ')' at the end";
    QTest::newRow("sequence args") << "sequence(1)"
                                   << "'sequence(1)': sequence takes no arguments";
    QTest::newRow("uniform one arg")
        << "uniform(5)"
        << "'uniform(5)': uniform needs two numbers, as in uniform(min, max)";
    QTest::newRow("uniform text")
        << "uniform(a, b)"
        << "'uniform(a, b)': uniform needs two numbers, as in uniform(min, max)";
    QTest::newRow("uniform reversed") << "uniform(9, 1)"
                                      << "'uniform(9, 1)': min is greater than max";
    QTest::newRow("normal three")
        << "normal(1,2,3)"
        << "'normal(1,2,3)': normal needs two numbers, as in normal(mean, sd)";
    QTest::newRow("normal negative sd")
        << "normal(0, -1)"
        << "'normal(0, -1)': the standard deviation must not be negative";
    QTest::newRow("choice empty") << "choice()"
                                  << "'choice()': a choice value is empty";
    QTest::newRow("choice blank value") << "choice(a,,b)"
                                        << "'choice(a,,b)': a choice value is empty";
    QTest::newRow("string zero")
        << "string(0)"
        << "'string(0)': string needs a length from 1 to 4096, as in string(8)";
    QTest::newRow("string too long")
        << "string(4097)"
        << "'string(4097)': string needs a length from 1 to 4096, as in string(8)";
    QTest::newRow("string fraction")
        << "string(2.5)"
        << "'string(2.5)': string needs a length from 1 to 4096, as in string(8)";
    QTest::newRow("bool above 1")
        << "bool(1.5)"
        << "'bool(1.5)': bool needs a probability from 0 to 1, as in bool(0.5)";
    QTest::newRow("const empty") << "const( )"
                                 << "'const( )': const needs a value, as in const(EU)";
}

void TestFieldGenerator::refuses()
{
    QFETCH(QString, text);
    QFETCH(QString, message);
    const FieldGeneratorParseResult r = parseFieldGenerator(text.toStdString());
    QVERIFY(!r);
    QCOMPARE(QString::fromStdString(r.error), message);
}

void TestFieldGenerator::fitsFields_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("fieldType");
    QTest::addColumn<QString>("mismatch");
    const int str = int(FieldType::String), i = int(FieldType::Int), d = int(FieldType::Double),
              b = int(FieldType::Bool), e = int(FieldType::Enum), ts = int(FieldType::Timestamp);
    QTest::newRow("sequence int") << "sequence" << i << "";
    QTest::newRow("sequence string") << "sequence" << str << "";
    QTest::newRow("sequence bool")
        << "sequence" << b << "sequence cannot generate the bool field 'f'";
    QTest::newRow("uniform double") << "uniform(1,2)" << d << "";
    QTest::newRow("normal string")
        << "normal(1,2)" << str << "normal cannot generate the string field 'f'";
    QTest::newRow("string enum") << "string(3)" << e << "string cannot generate the enum field 'f'";
    QTest::newRow("bool bool") << "bool(0.5)" << b << "";
    QTest::newRow("bool int") << "bool(0.5)" << i << "bool cannot generate the int field 'f'";
    QTest::newRow("choice enum") << "choice(EU, US)" << e << "";
    QTest::newRow("choice outside enum")
        << "choice(EU, MARS)" << e << "'MARS' is not a value of the enum field 'f' (EU, US, APAC)";
    QTest::newRow("choice ints") << "choice(1, -2)" << i << "";
    QTest::newRow("choice not int")
        << "choice(1, 2.5)" << i << "'2.5' is not an int, as the field 'f' needs";
    QTest::newRow("const double") << "const(2.5)" << d << "";
    QTest::newRow("const not double")
        << "const(x)" << d << "'x' is not a number, as the field 'f' needs";
    QTest::newRow("const bool") << "const(true)" << b << "";
    QTest::newRow("const not bool")
        << "const(yes)" << b << "'yes' is not true or false, as the field 'f' needs";
    QTest::newRow("const timestamp") << "const(2024-01-01T00:00:00Z)" << ts << "";
}

void TestFieldGenerator::fitsFields()
{
    QFETCH(QString, text);
    QFETCH(int, fieldType);
    QFETCH(QString, mismatch);
    const auto parsed = parseFieldGenerator(text.toStdString());
    QVERIFY2(parsed, parsed.error.c_str());
    FieldSpec field;
    field.name = "f";
    field.type = FieldType(fieldType);
    if (field.type == FieldType::Enum)
        field.values = {"EU", "US", "APAC"};
    QCOMPARE(QString::fromStdString(fieldGeneratorMismatch(*parsed.generator, field)), mismatch);
}

QTEST_APPLESS_MAIN(TestFieldGenerator)
#include "TestFieldGenerator.moc"
