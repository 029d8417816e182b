#include "model/BinaryCodec.h"

#include "support/EventSamples.h"

#include <QtTest>

#include <cstring>
#include <limits>
#include <random>

using namespace evflow::model;
using evflow::test::difference;

Q_DECLARE_METATYPE(evflow::model::Event)
Q_DECLARE_METATYPE(evflow::model::CodecStatus)

namespace {

std::span<const std::byte> bytesOf(const QByteArray &a)
{
    return {reinterpret_cast<const std::byte *>(a.constData()), static_cast<std::size_t>(a.size())};
}

QByteArray toQt(const std::vector<std::byte> &v)
{
    return QByteArray(reinterpret_cast<const char *>(v.data()), static_cast<qsizetype>(v.size()));
}

struct Frames
{
    QByteArray type, header, data;
};

Frames encode(const Event &e, std::int64_t sendTime = 0)
{
    EncodedFrames out;
    const CodecResult r = encodeFrames(e, sendTime, out);
    if (!r.ok())
        qFatal("cannot encode a test event: %s", r.message.c_str());
    return {toQt(out.type), toQt(out.header), toQt(out.data)};
}

CodecResult decode(const Frames &f, Event &out)
{
    return decodeFrames(bytesOf(f.type), bytesOf(f.header), bytesOf(f.data), out);
}

QByteArray le(std::uint64_t value, int width)
{
    QByteArray out;
    for (int i = 0; i < width; ++i)
        out.append(static_cast<char>((value >> (8 * i)) & 0xFF));
    return out;
}

/// A data frame holding one field named "x" with the given tag and value bytes.
QByteArray oneField(std::uint8_t tag, const QByteArray &value)
{
    return le(1, 2) + le(1, 1) + "x" + le(tag, 1) + value;
}

/// The header of exampleEvent() with `patch` written at `offset`.
QByteArray patchedHeader(int offset, const QByteArray &patch)
{
    QByteArray h = encode(evflow::test::exampleEvent()).header;
    h.replace(offset, patch.size(), patch);
    return h;
}

} // namespace

class TestBinaryCodec : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip_data();
    void roundTrip();
    void roundTripRandom();
    void nonFiniteDoublesSurvive();
    void sendTimeTravels();
    void exampleBytes();
    void encodeRefuses_data();
    void encodeRefuses();
    void malformed_data();
    void malformed();
    void everyHeaderPrefixFails();
    void everyDataPrefixFails();
    void randomBytesNeverCrash();
    void decodeReusesCapacity();
};

void TestBinaryCodec::roundTrip_data()
{
    QTest::addColumn<Event>("event");
    Event minimal;
    minimal.id = "1";
    minimal.source = "s";
    minimal.type = "t";
    minimal.datacontenttype.clear();
    QTest::newRow("minimal") << minimal;
    QTest::newRow("full") << evflow::test::fullEvent();

    Event extremes = evflow::test::fullEvent();
    extremes.time = EventLimits::minTime;
    extremes.sequence = std::numeric_limits<std::uint64_t>::max();
    extremes.epoch = std::numeric_limits<std::uint32_t>::max();
    extremes.data = {{"min", std::numeric_limits<std::int64_t>::min()},
                     {"max", std::numeric_limits<std::int64_t>::max()},
                     {"tenth", 0.1},
                     {"negzero", -0.0},
                     {"denormal", std::numeric_limits<double>::denorm_min()},
                     {"huge", std::numeric_limits<double>::max()},
                     {"three", 3.0},
                     {"empty", std::string()},
                     {"true", true}};
    QTest::newRow("extremes") << extremes;

    Event limits = evflow::test::fullEvent();
    limits.time = EventLimits::maxTime;
    limits.id = std::string(EventLimits::maxAttributeBytes, 'i');
    limits.source = std::string(EventLimits::maxAttributeBytes, 's');
    limits.data.clear();
    for (std::size_t i = 0; i < EventLimits::maxFields; ++i)
        limits.data.push_back({std::to_string(i) + std::string(200, 'n'), std::int64_t(i)});
    limits.data[0].name = std::string(EventLimits::maxFieldNameBytes, 'f');
    limits.data[1].value = std::string(EventLimits::maxStringValueBytes, 'v');
    QTest::newRow("at every limit") << limits;

    Event unicode = evflow::test::fullEvent();
    unicode.id = "Grüße-€-中文-😀";
    unicode.subject = "𝄞";
    unicode.data = {{"名前", std::string("値\n\t\"\\")}, {"ünïcödé", std::string("😀")}};
    QTest::newRow("unicode") << unicode;
}

void TestBinaryCodec::roundTrip()
{
    QFETCH(Event, event);
    const Frames frames = encode(event);
    QCOMPARE(frames.type, QByteArray::fromStdString(event.type));
    Event decoded;
    const CodecResult r = decode(frames, decoded);
    QVERIFY2(r.ok(), r.message.c_str());
    QVERIFY2(difference(event, decoded).empty(), difference(event, decoded).c_str());
}

void TestBinaryCodec::roundTripRandom()
{
    std::mt19937_64 rng(20240501);
    Event decoded; // reused on purpose: leftovers of the previous event must not leak through
    for (int i = 0; i < 1000; ++i) {
        const Event event = evflow::test::randomEvent(rng);
        const CodecResult r = decode(encode(event), decoded);
        QVERIFY2(r.ok(), r.message.c_str());
        const std::string diff = difference(event, decoded);
        QVERIFY2(diff.empty(), (std::to_string(i) + ": " + diff).c_str());
    }
}

void TestBinaryCodec::nonFiniteDoublesSurvive()
{
    Event event = evflow::test::exampleEvent();
    const double nan = std::bit_cast<double>(std::uint64_t{0x7ff8000000000123});
    event.data = {{"nan", nan}, {"inf", -std::numeric_limits<double>::infinity()}};
    Event decoded;
    QVERIFY(decode(encode(event), decoded).ok());
    QCOMPARE(std::bit_cast<std::uint64_t>(std::get<double>(decoded.data[0].value)),
             std::uint64_t{0x7ff8000000000123});
    QCOMPARE(std::get<double>(decoded.data[1].value), -std::numeric_limits<double>::infinity());
}

void TestBinaryCodec::sendTimeTravels()
{
    const Frames frames = encode(evflow::test::exampleEvent(), -1234567);
    Event decoded;
    std::int64_t sendTime = 0;
    QVERIFY(decodeFrames(bytesOf(frames.type), bytesOf(frames.header), bytesOf(frames.data),
                         decoded, &sendTime)
                .ok());
    QCOMPARE(sendTime, std::int64_t{-1234567});
}

// Pins the wire format byte for byte; docs/ZMQ-BINDING.md shows these same bytes.
void TestBinaryCodec::exampleBytes()
{
    const Frames f = encode(evflow::test::exampleEvent(), 1700000000000250);
    QCOMPARE(f.type.toHex(' '), QByteArray("6f 72 64 65 72 2e 70 6c 61 63 65 64"));
    QCOMPARE(f.header.toHex(' '),
             QByteArray("65 76 01 00 01 01 00 00 00 05 00 00 00 00 00 00 00 00 40 1e 18 24 0a 06 "
                        "00 fa 40 1e 18 24 0a 06 00 02 00 65 31 04 00 2f 67 65 6e 00 00 10 00 61 "
                        "70 70 6c 69 63 61 74 69 6f 6e 2f 6a 73 6f 6e 00 00 00 00 00 00"));
    QCOMPARE(f.data.toHex(' '),
             QByteArray("03 00 03 71 74 79 03 03 00 00 00 00 00 00 00 05 70 72 69 63 65 04 00 00 "
                        "00 00 00 00 23 40 03 73 6b 75 05 02 00 00 00 41 37"));
}

void TestBinaryCodec::encodeRefuses_data()
{
    QTest::addColumn<Event>("event");
    QTest::addColumn<QString>("message");
    const Event good = evflow::test::fullEvent();
    Event e = good;
    e.id.clear();
    QTest::newRow("empty id") << e << "attribute \"id\" is missing or empty";
    e = good;
    e.specversion = "0.3";
    QTest::newRow("specversion") << e << "specversion is \"0.3\"; only \"1.0\" is supported";
    e = good;
    e.source = std::string(1025, 's');
    QTest::newRow("long source") << e << "attribute \"source\" is 1025 bytes; at most 1024 allowed";
    e = good;
    e.subject = "a\nb";
    QTest::newRow("newline in subject")
        << e << "attribute \"subject\" contains control character U+000A at byte 1";
    e = good;
    e.type = std::string("a\0b", 3);
    QTest::newRow("NUL in type")
        << e << "attribute \"type\" contains control character U+0000 at byte 1";
    e = good;
    e.correlationid = "\xC3\x28";
    QTest::newRow("bad UTF-8") << e << "attribute \"correlationid\" is not valid UTF-8 (byte 0)";
    e = good;
    e.time = EventLimits::maxTime + 1;
    QTest::newRow("time") << e << "time 253402300800000000 is outside the years 0000..9999";
    e = good;
    e.data.push_back({"count", std::int64_t{1}});
    QTest::newRow("duplicate field") << e << "field \"count\" appears twice";
    e = good;
    e.data.push_back({"", std::int64_t{1}});
    QTest::newRow("empty name") << e << "field 5 has an empty name";
    e = good;
    e.data.push_back({std::string(256, 'n'), std::int64_t{1}});
    QTest::newRow("long name") << e << "field 5 name is 256 bytes; at most 255 allowed";
    e = good;
    e.data.push_back({"bad", std::string("\xED\xA0\x80")}); // a UTF-16 surrogate
    QTest::newRow("surrogate value") << e << "field \"bad\" value is not valid UTF-8 (byte 0)";
    e = good;
    e.data.push_back({"big", std::string(EventLimits::maxStringValueBytes + 1, 'b')});
    QTest::newRow("big value") << e
                               << "field \"big\" value is 1048577 bytes; at most 1048576 allowed";
    e = good;
    e.data.resize(257, DataField{"n", std::int64_t{0}});
    QTest::newRow("too many fields") << e << "data has 257 fields; at most 256 allowed";
}

void TestBinaryCodec::encodeRefuses()
{
    QFETCH(Event, event);
    QFETCH(QString, message);
    EncodedFrames out;
    const CodecResult r = encodeFrames(event, 0, out);
    QCOMPARE(r.status, CodecStatus::InvalidEvent);
    QCOMPARE(QString::fromStdString(r.message), message);
}

void TestBinaryCodec::malformed_data()
{
    QTest::addColumn<QByteArray>("type");
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<CodecStatus>("status");
    QTest::addColumn<QString>("message");
    const Frames ok = encode(evflow::test::exampleEvent());
    const auto bad = CodecStatus::Malformed;
    const auto unsupported = CodecStatus::Unsupported;
    const std::size_t idOffset = binding::kFixedHeaderBytes; // the id's u16 length

    QTest::newRow("empty type") << QByteArray() << ok.header << ok.data << bad
                                << "type frame is empty";
    QTest::newRow("NUL in type") << QByteArray("a\0b", 3) << ok.header << ok.data << bad
                                 << "type frame contains control character U+0000 at byte 1";
    QTest::newRow("bad UTF-8 type") << QByteArray("ord\xFF") << ok.header << ok.data << bad
                                    << "type frame is not valid UTF-8 (byte 3)";
    QTest::newRow("long type") << QByteArray(1025, 't') << ok.header << ok.data << bad
                               << "type frame is 1025 bytes; at most 1024 allowed";
    QTest::newRow("empty header") << ok.type << QByteArray() << ok.data << bad
                                  << "header frame is empty";
    QTest::newRow("short header") << ok.type << ok.header.left(12) << ok.data << bad
                                  << "header frame is 12 bytes; at least 47 needed";
    QTest::newRow("wrong magic") << ok.type << patchedHeader(0, "EV") << ok.data << bad
                                 << "header frame does not start with the evflow magic \"ev\"";
    QTest::newRow("JSON in header") << ok.type << QByteArray("{\"id\":1}") << ok.data << bad
                                    << "header frame does not start with the evflow magic \"ev\"";
    QTest::newRow("version 7") << ok.type << patchedHeader(2, le(7, 1)) << ok.data << unsupported
                               << "unsupported binding version 7 (this build reads version 1)";
    QTest::newRow("short version 2")
        << ok.type << QByteArray("ev\x02", 3) << ok.data << unsupported
        << "unsupported binding version 2 (this build reads version 1)";
    QTest::newRow("flags") << ok.type << patchedHeader(3, le(4, 1)) << ok.data << unsupported
                           << "unsupported header flags 0x04 (version 1 defines none)";
    QTest::newRow("specversion code")
        << ok.type << patchedHeader(4, le(3, 1)) << ok.data << unsupported
        << "unsupported specversion code 3 (1 = \"1.0\" is the only "
           "one defined)";
    QTest::newRow("time out of range")
        << ok.type << patchedHeader(17, le(0x7FFFFFFFFFFFFFFF, 8)) << ok.data << bad
        << "time 9223372036854775807 is outside the years 0000..9999";
    QTest::newRow("id length past end")
        << ok.type << patchedHeader(int(idOffset), le(300, 2)) << ok.data << bad
        << "attribute \"id\" of length 300 runs past the end of the header frame (offset 35, "
           "frame 69 bytes)";
    QTest::newRow("id over limit")
        << ok.type
        << patchedHeader(int(idOffset), le(2000, 2) + QByteArray(2000, 'i')).left(35 + 2000)
               + QByteArray(12, '\0')
        << ok.data << bad << "attribute \"id\" is 2000 bytes; at most 1024 allowed";
    QTest::newRow("empty id") << ok.type
                              << patchedHeader(int(idOffset), le(0, 2) + "\0\0").remove(35, 2)
                              << ok.data << bad << "attribute \"id\" is missing or empty";
    QTest::newRow("control char in id")
        << ok.type << patchedHeader(int(idOffset) + 2, "\x1b") << ok.data << bad
        << "attribute \"id\" contains control character U+001B at byte 0";
    QTest::newRow("trailing header bytes") << ok.type << ok.header + "xyz" << ok.data << bad
                                           << "header frame has 3 bytes after the last attribute";
    QTest::newRow("empty data") << ok.type << ok.header << QByteArray() << bad
                                << "data frame is empty";
    QTest::newRow("1-byte data") << ok.type << ok.header << QByteArray(1, '\0') << bad
                                 << "data frame is 1 bytes; at least 2 needed";
    QTest::newRow("too many fields") << ok.type << ok.header << le(300, 2) << bad
                                     << "data frame declares 300 fields; at most 256 allowed";
    QTest::newRow("unknown tag") << ok.type << ok.header << oneField(9, {}) << bad
                                 << "field \"x\" has unknown type tag 9";
    QTest::newRow("truncated int") << ok.type << ok.header << oneField(3, le(1, 4)) << bad
                                   << "field \"x\" 8-byte value runs past the end of the data "
                                      "frame (offset 5, frame 9 bytes)";
    QTest::newRow("string length past end")
        << ok.type << ok.header << oneField(5, le(100, 4) + "abc") << bad
        << "field \"x\" string of length 100 runs past the end of the data frame (offset 9, "
           "frame 12 bytes)";
    QTest::newRow("string length cut")
        << ok.type << ok.header << oneField(5, le(1, 2)) << bad
        << "field \"x\" string length runs past the end of the data frame (offset 5, frame 7 "
           "bytes)";
    QTest::newRow("bad UTF-8 value") << ok.type << ok.header << oneField(5, le(2, 4) + "\xC0\xAF")
                                     << bad << "field \"x\" value is not valid UTF-8 (byte 0)";
    QTest::newRow("name past end") << ok.type << ok.header << le(1, 2) + le(40, 1) + "abc" << bad
                                   << "field 0 name of length 40 runs past the end of the data "
                                      "frame (offset 3, frame 6 bytes)";
    QTest::newRow("empty name") << ok.type << ok.header << le(1, 2) + le(0, 1) + le(0, 1) << bad
                                << "field 0 has an empty name";
    QTest::newRow("missing field")
        << ok.type << ok.header << le(2, 2) + oneField(0, {}).mid(2) << bad
        << "field 1 name length runs past the end of the data frame "
           "(offset 5, frame 5 bytes)";
    QTest::newRow("duplicate name")
        << ok.type << ok.header << le(2, 2) + oneField(0, {}).mid(2) + oneField(1, {}).mid(2) << bad
        << "field \"x\" appears twice";
    QTest::newRow("trailing data bytes") << ok.type << ok.header << oneField(2, {}) + "!" << bad
                                         << "data frame has 1 bytes after the last field";
}

void TestBinaryCodec::malformed()
{
    QFETCH(QByteArray, type);
    QFETCH(QByteArray, header);
    QFETCH(QByteArray, data);
    QFETCH(CodecStatus, status);
    QFETCH(QString, message);
    Event out;
    const CodecResult r = decodeFrames(bytesOf(type), bytesOf(header), bytesOf(data), out);
    QCOMPARE(QString::fromStdString(r.message), message);
    QCOMPARE(r.status, status);
}

// Every proper prefix of a valid header must be refused (each with a message), and one byte
// too many as well. Under the sanitizer build this also proves no read passes the frame.
void TestBinaryCodec::everyHeaderPrefixFails()
{
    const Frames f = encode(evflow::test::fullEvent());
    Event out;
    QStringList messages;
    for (qsizetype n = 0; n < f.header.size(); ++n) {
        // A copy of exactly n bytes, so reading byte n would be a heap overflow ASan reports.
        const QByteArray prefix(f.header.constData(), n);
        const CodecResult r = decodeFrames(bytesOf(f.type), bytesOf(prefix), bytesOf(f.data), out);
        QVERIFY2(!r.ok(), qPrintable(QString("prefix of %1 bytes decoded").arg(n)));
        QVERIFY(!r.message.empty());
        messages << QString::fromStdString(r.message);
    }
    QCOMPARE(messages.at(0), "header frame is empty");
    QCOMPARE(messages.at(1), "header frame is 1 bytes; at least 47 needed");
    QCOMPARE(messages.at(46), "header frame is 46 bytes; at least 47 needed");
    QCOMPARE(messages.at(47), "attribute \"id\" of length 13 runs past the end of the header "
                              "frame (offset 35, frame 47 bytes)");
    QCOMPARE(messages.last(), QString("attribute \"causationid\" of length 13 runs past the end "
                                      "of the header frame (offset %1, frame %2 bytes)")
                                  .arg(f.header.size() - 13)
                                  .arg(f.header.size() - 1));
    QVERIFY(decodeFrames(bytesOf(f.type), bytesOf(f.header), bytesOf(f.data), out).ok());
}

void TestBinaryCodec::everyDataPrefixFails()
{
    const Frames f = encode(evflow::test::fullEvent());
    Event out;
    for (qsizetype n = 0; n < f.data.size(); ++n) {
        const QByteArray prefix(f.data.constData(), n);
        const CodecResult r
            = decodeFrames(bytesOf(f.type), bytesOf(f.header), bytesOf(prefix), out);
        QVERIFY2(!r.ok(), qPrintable(QString("prefix of %1 bytes decoded").arg(n)));
        QCOMPARE(r.status, CodecStatus::Malformed);
        QVERIFY(!r.message.empty());
    }
}

// 100k seeded frames: pure noise, and valid messages with a few bytes changed or cut (noise
// alone rarely passes the magic). Every result must be ok or an error with a message.
void TestBinaryCodec::randomBytesNeverCrash()
{
    std::mt19937_64 rng(7);
    std::vector<Frames> valid;
    for (int i = 0; i < 16; ++i)
        valid.push_back(encode(evflow::test::randomEvent(rng)));
    const auto noise = [&rng](std::size_t maxSize) {
        QByteArray bytes(static_cast<qsizetype>(rng() % (maxSize + 1)), '\0');
        for (char &c : bytes)
            c = static_cast<char>(rng());
        return bytes;
    };
    const auto mutate = [&rng](QByteArray bytes) {
        for (int k = static_cast<int>(rng() % 4); k >= 0 && !bytes.isEmpty(); --k)
            bytes[static_cast<qsizetype>(rng() % bytes.size())] = static_cast<char>(rng());
        if (rng() % 4 == 0)
            bytes.truncate(static_cast<qsizetype>(rng() % (bytes.size() + 1)));
        // Copy so the frame ends exactly at its size (sanitizers see reads past it).
        return QByteArray(bytes.constData(), bytes.size());
    };
    int decoded = 0;
    int refused = 0;
    Event out;
    for (int i = 0; i < 100000; ++i) {
        Frames f;
        if (i % 2 == 0) {
            f = {noise(16), noise(96), noise(64)};
            f.header.replace(0, 3, QByteArray("ev\x01", 3).left(f.header.size()));
        } else {
            f = valid[rng() % valid.size()];
            const int which = static_cast<int>(rng() % 3);
            QByteArray &frame = which == 0 ? f.type : which == 1 ? f.header : f.data;
            frame = mutate(frame);
        }
        const CodecResult r = decode(f, out);
        if (r.ok()) {
            QVERIFY(r.message.empty());
            ++decoded;
        } else {
            QVERIFY2(!r.message.empty(), qPrintable(QString("iteration %1").arg(i)));
            ++refused;
        }
    }
    QCOMPARE(decoded + refused, 100000);
    // Both outcomes must have happened, or the generator is not exercising the decoder.
    QVERIFY(decoded > 1000);
    QVERIFY(refused > 50000);
}

void TestBinaryCodec::decodeReusesCapacity()
{
    // Long enough to live on the heap (past the small-string buffer), so a stable data()
    // pointer really means the buffer was reused.
    Event first = evflow::test::fullEvent();
    first.id = std::string(40, 'i');
    first.data[3] = {std::string(30, 'n'), std::string(50, 'v')};
    Event second = first;
    second.id = std::string(20, 'j');
    second.data[0].value = -1.5;
    second.data[3] = {std::string(25, 'm'), std::string(20, 'w')};
    Event out;
    QVERIFY(decode(encode(first), out).ok());
    const auto capacity = out.data.capacity();
    const char *idBuffer = out.id.data();
    const char *nameBuffer = out.data[3].name.data();
    const char *valueBuffer = std::get<std::string>(out.data[3].value).data();

    QVERIFY(decode(encode(second), out).ok());
    QVERIFY(difference(second, out).empty());
    QCOMPARE(out.data.capacity(), capacity);
    QCOMPARE(static_cast<const void *>(out.id.data()), static_cast<const void *>(idBuffer));
    QCOMPARE(static_cast<const void *>(out.data[3].name.data()),
             static_cast<const void *>(nameBuffer));
    QCOMPARE(static_cast<const void *>(std::get<std::string>(out.data[3].value).data()),
             static_cast<const void *>(valueBuffer));
}

QTEST_APPLESS_MAIN(TestBinaryCodec)
#include "TestBinaryCodec.moc"
