// Stream-end messages (model/StreamEndMessage.h, docs/ZMQ-BINDING.md "Stream-end messages"):
// how writers on other hosts tell their readers how far they numbered their streams.
#include "model/StreamEndMessage.h"

#include <QtTest>

using namespace evflow::model;

namespace {

std::span<const std::byte> bytesOf(std::string_view text)
{
    return {reinterpret_cast<const std::byte *>(text.data()), text.size()};
}

StreamEndMessage sample()
{
    return {"enrich",
            "out",
            {{"out", "urn:evflow:a/gen", "order.placed", 7, 1000},
             {"out", "urn:evflow:a/gen", "order.paid", 7, 0},
             {"out", std::string(300, 's'), "t", 0xFFFFFFFFu, ~std::uint64_t{0}}}};
}

CodecResult decode(const EncodedFrames &f, StreamEndMessage &out)
{
    return decodeStreamEnd(f.type, f.header, f.data, out);
}

} // namespace

class TestStreamEndMessage : public QObject
{
    Q_OBJECT
private slots:
    void roundTrips();
    void topicIsNoEventType();
    void everyTruncationIsRefusedWithItsPlace();
    void trailingBytesAndHugeCountsAreRefused();
    void otherVersionsAndTopicsAreUnsupported();
};

void TestStreamEndMessage::roundTrips()
{
    EncodedFrames frames;
    encodeStreamEnd(sample(), frames);
    StreamEndMessage back;
    const CodecResult r = decode(frames, back);
    QVERIFY2(r.ok(), r.message.c_str());
    QCOMPARE(back, sample());

    const StreamEndMessage none{"gen", "late", {}};
    encodeStreamEnd(none, frames); // reuses the buffers
    QVERIFY(decode(frames, back).ok());
    QCOMPARE(back, none);
}

void TestStreamEndMessage::topicIsNoEventType()
{
    EncodedFrames frames;
    encodeStreamEnd(sample(), frames);
    QVERIFY(isStreamEndTopic(frames.type));
    QCOMPARE(frames.type.size(), kStreamEndTopic.size());
    QVERIFY(!isStreamEndTopic(bytesOf("order.placed")));
    QVERIFY(!isStreamEndTopic({}));
    // An event whose type starts with NUL cannot be encoded, so the topic never names an event.
    Event e;
    e.id = "1";
    e.source = "s";
    e.type = std::string(kStreamEndTopic);
    EncodedFrames eventFrames;
    QCOMPARE(encodeFrames(e, 0, eventFrames).status, CodecStatus::InvalidEvent);
}

void TestStreamEndMessage::everyTruncationIsRefusedWithItsPlace()
{
    EncodedFrames whole;
    encodeStreamEnd(sample(), whole);
    StreamEndMessage out;
    for (std::size_t n = 0; n < whole.header.size(); ++n) {
        EncodedFrames cut = whole;
        cut.header.resize(n);
        const CodecResult r = decode(cut, out);
        QCOMPARE(r.status, CodecStatus::Malformed);
        QVERIFY2(r.message.find("frame 2 ends inside") != std::string::npos, r.message.c_str());
    }
    for (std::size_t n = 0; n < whole.data.size(); ++n) {
        EncodedFrames cut = whole;
        cut.data.resize(n);
        const CodecResult r = decode(cut, out);
        QCOMPARE(r.status, CodecStatus::Malformed);
        QVERIFY2(r.message.find("frame 3") != std::string::npos, r.message.c_str());
        QVERIFY2(r.message.find("byte") != std::string::npos, r.message.c_str());
    }
}

void TestStreamEndMessage::trailingBytesAndHugeCountsAreRefused()
{
    EncodedFrames frames;
    encodeStreamEnd(sample(), frames);
    StreamEndMessage out;
    EncodedFrames extra = frames;
    extra.data.push_back(std::byte{0});
    QCOMPARE(decode(extra, out).message,
             std::string("stream-end message: frame 3 has 1 bytes after the last end"));
    extra = frames;
    extra.header.push_back(std::byte{0});
    QCOMPARE(decode(extra, out).message,
             std::string("stream-end message: frame 2 has 1 bytes after the port"));
    // A count that the frame cannot hold is refused before anything is allocated for it.
    EncodedFrames huge = frames;
    huge.data.resize(4);
    for (auto &b : huge.data)
        b = std::byte{0xFF};
    QCOMPARE(decode(huge, out).message,
             std::string("stream-end message: frame 3 announces 4294967295 ends in 0 bytes"));
}

void TestStreamEndMessage::otherVersionsAndTopicsAreUnsupported()
{
    EncodedFrames frames;
    encodeStreamEnd(sample(), frames);
    StreamEndMessage out;
    EncodedFrames v2 = frames;
    v2.header[0] = std::byte{2};
    QCOMPARE(decode(v2, out).status, CodecStatus::Unsupported);
    QCOMPARE(decode(v2, out).message,
             std::string("stream-end message: version 2 (this build reads 1)"));
    EncodedFrames other = frames;
    other.type.back() = std::byte{'9'};
    QCOMPARE(decode(other, out).status, CodecStatus::Unsupported);
}

QTEST_APPLESS_MAIN(TestStreamEndMessage)
#include "TestStreamEndMessage.moc"
