#include "protocol/Envelope.h"

#include "ProtocolTestSupport.h"
#include "protocol/Messages.h"

#include <QObject>
#include <QTest>
#include <limits>
#include <string>

using namespace caredesk::protocol;
using caredesk::test::qs;

namespace {

// Raw strings here keep their quotes balanced (moc mis-reads others), so long
// values go in through an "@" placeholder.
std::string filled(std::string pattern, const std::string &value) {
    return pattern.replace(pattern.find('@'), 1, value);
}

std::string nested(std::size_t depth) {
    return std::string(depth, '[') + std::string(depth, ']');
}

// A frame whose total nesting (the envelope object included) is depth.
std::string frameWithDepth(std::size_t depth) {
    return R"({"type":"ok","body":{"deep":)" + nested(depth - 2) + "}}";
}

} // namespace

class EnvelopeTest : public QObject {
    Q_OBJECT

private slots:
    void rejects_data() {
        QTest::addColumn<QByteArray>("frame");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("id"); // what *idOut must hold afterwards

        const QString none;
        QTest::newRow("empty") << QByteArray() << "invalid_json" << none << none;
        QTest::newRow("truncated")
            << QByteArray(R"({"type":"ok","id":"r1")") << "invalid_json" << none << none;
        QTest::newRow("trailing garbage")
            << QByteArray(R"({"type":"ok"} x)") << "invalid_json" << none << none;
        QTest::newRow("invalid utf-8")
            << QByteArray("{\"type\":\"ok\",\"id\":\"r\xff\"}") << "invalid_json" << none << none;
        QTest::newRow("number overflow")
            << QByteArray(R"({"type":"ok","seq":1e400})") << "invalid_json" << none << none;
        QTest::newRow("array") << QByteArray(R"([{"type":"ok"}])") << "invalid_envelope" << none
                               << none;
        QTest::newRow("string") << QByteArray(R"("ok")") << "invalid_envelope" << none << none;
        QTest::newRow("null") << QByteArray("null") << "invalid_envelope" << none << none;
        QTest::newRow("missing type")
            << QByteArray(R"({"id":"r1","body":{}})") << "invalid_envelope"
            << "type"
            << "r1";
        QTest::newRow("null type") << QByteArray(R"({"type":null,"id":"r1"})") << "invalid_envelope"
                                   << "type"
                                   << "r1";
        QTest::newRow("type not a string")
            << QByteArray(R"({"type":5,"id":"r2"})") << "invalid_envelope"
            << "type"
            << "r2";
        QTest::newRow("unknown type")
            << QByteArray(R"({"type":"teleport","id":"r3"})") << "unknown_type"
            << "type"
            << "r3";
        QTest::newRow("type differs in case") << QByteArray(R"({"type":"Hello"})") << "unknown_type"
                                              << "type" << none;
        QTest::newRow("empty id") << QByteArray(R"({"type":"ok","id":""})") << "invalid_envelope"
                                  << "id" << none;
        QTest::newRow("numeric id") << QByteArray(R"({"type":"ok","id":17})") << "invalid_envelope"
                                    << "id" << none;
        QTest::newRow("id of 65 bytes")
            << QByteArray::fromStdString(filled(R"({"type":"ok","id":"@"})", std::string(65, 'a')))
            << "invalid_envelope"
            << "id" << none;
        QTest::newRow("id with a control character")
            << QByteArray("{\"type\":\"ok\",\"id\":\"r\\u0001\"}") << "invalid_envelope"
            << "id" << none;
        QTest::newRow("id with non-ascii")
            << QByteArray("{\"type\":\"ok\",\"id\":\"r\\u00e9\"}") << "invalid_envelope"
            << "id" << none;
        QTest::newRow("bad id with unknown type")
            << QByteArray(R"({"type":"teleport","id":[]})") << "invalid_envelope"
            << "id" << none;
        QTest::newRow("negative seq")
            << QByteArray(R"({"type":"ok","id":"r4","seq":-1})") << "invalid_envelope"
            << "seq"
            << "r4";
        QTest::newRow("fractional seq")
            << QByteArray(R"({"type":"ok","id":"r5","seq":1.5})") << "invalid_envelope"
            << "seq"
            << "r5";
        QTest::newRow("integral float seq")
            << QByteArray(R"({"type":"ok","seq":2.0})") << "invalid_envelope"
            << "seq" << none;
        QTest::newRow("string seq")
            << QByteArray(R"({"type":"ok","seq":"1"})") << "invalid_envelope"
            << "seq" << none;
        QTest::newRow("bool seq") << QByteArray(R"({"type":"ok","seq":true})") << "invalid_envelope"
                                  << "seq" << none;
        QTest::newRow("seq beyond 64 bits")
            << QByteArray(R"({"type":"ok","seq":18446744073709551616})") << "invalid_envelope"
            << "seq" << none;
        QTest::newRow("array body")
            << QByteArray(R"({"type":"ok","id":"r6","body":[]})") << "invalid_envelope"
            << "body"
            << "r6";
        QTest::newRow("string body")
            << QByteArray(R"({"type":"ok","body":"{}"})") << "invalid_envelope"
            << "body" << none;
        QTest::newRow("too large")
            << QByteArray::fromStdString(filled(R"({"type":"ok","id":"r7","body":{"pad":"@"}})",
                                                std::string(kMaxMessageBytes, 'x')))
            << "too_large" << none << none;
        QTest::newRow("nesting bomb")
            << QByteArray(R"({"type":"ok","body":{"a":)" + QByteArray(100000, '[') + "}}")
            << "too_large" << none << none;
        QTest::newRow("nesting bomb of objects")
            << QByteArray(R"({"type":"ok","id":"r8","body":)" +
                          QByteArray(R"({"a":)").repeated(5000) + "1" + QByteArray(5001, '}'))
            << "too_large" << none << none;
        QTest::newRow("one level too deep")
            << QByteArray::fromStdString(frameWithDepth(kMaxNestingDepth + 1)) << "too_large"
            << none << none;
    }

    void rejects() {
        QFETCH(QByteArray, frame);
        QFETCH(QString, code);
        QFETCH(QString, field);
        QFETCH(QString, id);

        std::string idOut = "stale";
        const auto result = decodeEnvelope(
            std::string_view(frame.constData(), static_cast<std::size_t>(frame.size())),
            kMaxMessageBytes, &idOut);
        QVERIFY(!result.ok());
        QCOMPARE(qs(errorCodeName(result.error().code)), code);
        QCOMPARE(qs(result.error().field), field);
        QCOMPARE(qs(idOut), id);
        QVERIFY(!result.error().message.empty());
        // The rejection is itself a valid error body to send back.
        QVERIFY(!validateBody(MessageType::Error,
                              [&] {
                                  nlohmann::json body = nlohmann::json::object();
                                  toJson(body, result.error());
                                  return body;
                              }())
                     .has_value());
    }

    void unknownTypeNamesTheType() {
        const auto result = decodeEnvelope(R"({"type":"teleport"})");
        QVERIFY(!result.ok());
        QVERIFY2(result.error().message.find("\"teleport\"") != std::string::npos,
                 result.error().message.c_str());

        // A hostile name is shortened and made printable before it reaches a log.
        const std::string hostile = filled(R"({"type":"@"})", std::string(500, 'z') + "\\n\\u0007");
        const auto shortened = decodeEnvelope(hostile);
        QVERIFY(!shortened.ok());
        QCOMPARE(shortened.error().code, ErrorCode::UnknownType);
        QVERIFY(shortened.error().message.size() < 120);
        for (const char c : shortened.error().message)
            QVERIFY(c >= 0x20 && c <= 0x7E);
    }

    void sizeIsCheckedAgainstTheGivenLimit() {
        const std::string frame = R"({"type":"ok","id":"r1"})";
        QVERIFY(decodeEnvelope(frame, frame.size()).ok());
        std::string id = "stale";
        const auto result = decodeEnvelope(frame, frame.size() - 1, &id);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, ErrorCode::TooLarge);
        // Not parsed at all, so not even the id is known.
        QVERIFY(id.empty());
        // Not JSON either: size wins, proving the frame was never parsed.
        QCOMPARE(decodeEnvelope(std::string(100, '{'), 10).error().code, ErrorCode::TooLarge);
    }

    void nestingUpToTheLimitIsAccepted() {
        const auto atLimit = decodeEnvelope(frameWithDepth(kMaxNestingDepth));
        QVERIFY2(atLimit.ok(), atLimit.ok() ? "" : atLimit.error().message.c_str());
        // Brackets inside strings are text, not nesting.
        const std::string quoted =
            filled(R"({"type":"ok","body":{"s":"@"}})", std::string(1000, '[') + "\\\"\\\\[[{{");
        QVERIFY(decodeEnvelope(quoted).ok());
    }

    void acceptsMinimalFrame() {
        std::string id = "stale";
        const auto result = decodeEnvelope(R"({"type":"ok"})", kMaxMessageBytes, &id);
        QVERIFY(result.ok());
        QCOMPARE(result->type, MessageType::Ok);
        QVERIFY(result->id.empty());
        QVERIFY(id.empty());
        QVERIFY(!result->seq.has_value());
        QVERIFY(result->body.is_object());
        QVERIFY(result->body.empty());
    }

    void acceptsFullFrame() {
        std::string id;
        const auto result = decodeEnvelope(
            R"( {"seq":18446744073709551615,"body":{"includeInactive":true},"id":"a b~!",)"
            R"("type":"list_caregivers","futureEnvelopeField":1})",
            kMaxMessageBytes, &id);
        QVERIFY(result.ok());
        QCOMPARE(result->type, MessageType::ListCaregivers);
        QCOMPARE(qs(result->id), QStringLiteral("a b~!"));
        QCOMPARE(qs(id), QStringLiteral("a b~!"));
        QCOMPARE(*result->seq, std::numeric_limits<std::uint64_t>::max());
        QCOMPARE(qs(result->body.dump()), QStringLiteral(R"({"includeInactive":true})"));
    }

    void acceptsLongestIdAndZeroSeq() {
        const std::string id(kMaxRequestIdBytes, '~');
        const auto result = decodeEnvelope(filled(R"({"type":"ok","seq":0,"id":"@"})", id));
        QVERIFY(result.ok());
        QCOMPARE(qs(result->id), qs(id));
        QCOMPARE(*result->seq, std::uint64_t{0});
    }

    void nullMeansAbsent() {
        const auto result = decodeEnvelope(R"({"type":"ok","id":null,"seq":null,"body":null})");
        QVERIFY(result.ok());
        QVERIFY(result->id.empty());
        QVERIFY(!result->seq.has_value());
        QVERIFY(result->body.is_object());
    }

    void encodesTypeFirst() {
        QCOMPARE(
            qs(encodeEnvelope(MessageType::Login, {{"username", "a"}, {"password", "b"}}, "r1", 5)),
            QStringLiteral(
                R"({"type":"login","id":"r1","seq":5,"body":{"password":"b","username":"a"}})"));
        QCOMPARE(qs(encodeEnvelope(MessageType::Ok, nlohmann::json())),
                 QStringLiteral(R"({"type":"ok","body":{}})"));
        QCOMPARE(qs(encodeEnvelope(MessageType::Ok, nlohmann::json::object(), "q\"\\")),
                 QStringLiteral("{\"type\":\"ok\",\"id\":\"q\\\"\\\\\",\"body\":{}}"));
    }

    void encodingNeverThrows() {
        // Text from elsewhere (a database, a file) may not be UTF-8.
        const nlohmann::json body = {{"displayName", std::string("caf\xe9")}};
        std::string frame;
        try {
            frame = encodeEnvelope(MessageType::Ok, body);
        } catch (...) {
            QFAIL("encodeEnvelope threw on invalid UTF-8");
        }
        const auto back = decodeEnvelope(frame);
        QVERIFY(back.ok());
        QCOMPARE(qs(back->body["displayName"].get<std::string>()), QStringLiteral("caf\uFFFD"));
    }
};

QTEST_GUILESS_MAIN(EnvelopeTest)
#include "EnvelopeTest.moc"
