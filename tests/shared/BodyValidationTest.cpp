#include "ProtocolTestSupport.h"
#include "protocol/BodyReader.h"
#include "protocol/Messages.h"

#include <QObject>
#include <QTest>
#include <limits>
#include <string>

using namespace caredesk::protocol;
using caredesk::test::filled;
using caredesk::test::qs;

namespace {

const std::string kToken(43, 't');

QByteArray caregiver(const QByteArray &overrides = {}) {
    QByteArray fields = R"("id":1,"username":"u","displayName":"U","roles":["support"],)"
                        R"("active":true)";
    return "{" + (overrides.isEmpty() ? fields : overrides) + "}";
}

// A caregiver as caregiver_list carries it: the summary's fields and the account's.
QByteArray account(const QByteArray &overrides = {}) {
    QByteArray summary = caregiver(overrides);
    summary.chop(1);
    return summary + R"(,"email":"","phone":"","accountStatus":"active","createdAt":1,)"
                     R"("version":1})";
}

QByteArray session(const QByteArray &user) {
    return filled(R"({"token":"@","user":@,"idleExpiresAt":1,"absoluteExpiresAt":2})",
                  {QByteArray::fromStdString(kToken), user});
}

QByteArray manyCaregivers(int count) {
    QByteArray list = R"({"caregivers":[)";
    for (int i = 0; i < count; ++i)
        list += (i ? "," : "") + account();
    return list + "]}";
}

nlohmann::json parse(const QByteArray &text) {
    return nlohmann::json::parse(text.constData(), text.constData() + text.size(), nullptr, false);
}

} // namespace

class BodyValidationTest : public QObject {
    Q_OBJECT

private slots:
    void rejects_data() {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("field");

        // missing_field
        QTest::newRow("login without username")
            << "login" << QByteArray(R"({"password":"p"})") << "missing_field"
            << "body.username";
        QTest::newRow("change_password without newPassword")
            << "change_password" << QByteArray(R"({"currentPassword":"p"})") << "missing_field"
            << "body.newPassword";
        QTest::newRow("session without user")
            << "session" << QByteArray(R"({"idleExpiresAt":1,"absoluteExpiresAt":2})")
            << "missing_field"
            << "body.user";
        QTest::newRow("list without active")
            << "caregiver_list"
            << R"({"caregivers":[)" + account() + "," +
                   account(R"("id":2,"username":"v","displayName":"V","roles":[])") + "]}"
            << "missing_field"
            << "body.caregivers[1].active";
        QTest::newRow("list_caregivers without flag")
            << "list_caregivers" << QByteArray("{}") << "missing_field"
            << "body.includeInactive";
        QTest::newRow("list_audit_events without limit")
            << "list_audit_events" << QByteArray(R"({"action":"chat."})") << "missing_field"
            << "body.limit";
        QTest::newRow("list_audit_events page too large")
            << "list_audit_events" << QByteArray(R"({"limit":501})") << "out_of_range"
            << "body.limit";
        QTest::newRow("list_audit_events empty action")
            << "list_audit_events" << QByteArray(R"({"action":"","limit":10})")
            << "out_of_range"
            << "body.action";
        QTest::newRow("audit event of an unknown actor kind")
            << "audit_events"
            << QByteArray(R"({"events":[{"id":1,"at":1,"actorKind":"robot","action":"a",)"
                          R"("subjectType":"","subjectId":"","clientAddress":"",)"
                          R"("detail":"{}","sealed":false}],"more":false})")
            << "out_of_range"
            << "body.events[0].actorKind";

        // wrong_type
        QTest::newRow("username is a number")
            << "login" << QByteArray(R"({"username":5,"password":"p"})") << "wrong_type"
            << "body.username";
        QTest::newRow("required username is null")
            << "login" << QByteArray(R"({"username":null,"password":"p"})") << "wrong_type"
            << "body.username";
        QTest::newRow("fractional version")
            << "hello"
            << QByteArray(
                   R"({"minProtocol":1.5,"maxProtocol":2,"client":"web","clientVersion":""})")
            << "wrong_type"
            << "body.minProtocol";
        QTest::newRow("integral float version")
            << "hello"
            << QByteArray(
                   R"({"minProtocol":1,"maxProtocol":2.0,"client":"web","clientVersion":""})")
            << "wrong_type"
            << "body.maxProtocol";
        QTest::newRow("exponent version")
            << "hello"
            << QByteArray(
                   R"({"minProtocol":1,"maxProtocol":1e2,"client":"web","clientVersion":""})")
            << "wrong_type"
            << "body.maxProtocol";
        QTest::newRow("bool as integer")
            << "hello"
            << QByteArray(
                   R"({"minProtocol":true,"maxProtocol":1,"client":"web","clientVersion":""})")
            << "wrong_type"
            << "body.minProtocol";
        QTest::newRow("string as integer")
            << "hello"
            << QByteArray(
                   R"({"minProtocol":"1","maxProtocol":1,"client":"web","clientVersion":""})")
            << "wrong_type"
            << "body.minProtocol";
        QTest::newRow("integer as bool")
            << "list_caregivers" << QByteArray(R"({"includeInactive":1})") << "wrong_type"
            << "body.includeInactive";
        QTest::newRow("user is an array") << "session" << session("[]") << "wrong_type"
                                          << "body.user";
        QTest::newRow("role is a number")
            << "session"
            << session(caregiver(R"("id":1,"username":"u","displayName":"U",)"
                                 R"("roles":[7],"active":true)"))
            << "wrong_type"
            << "body.user.roles[0]";
        QTest::newRow("roles is a string")
            << "session"
            << session(caregiver(R"("id":1,"username":"u","displayName":"U",)"
                                 R"("roles":"admin","active":true)"))
            << "wrong_type"
            << "body.user.roles";
        QTest::newRow("caregivers is an object")
            << "caregiver_list" << QByteArray(R"({"caregivers":{}})") << "wrong_type"
            << "body.caregivers";
        QTest::newRow("caregiver is a string")
            << "caregiver_list" << QByteArray(R"({"caregivers":["alice"]})") << "wrong_type"
            << "body.caregivers[0]";
        QTest::newRow("error code is a number")
            << "error" << QByteArray(R"({"code":3,"message":""})") << "wrong_type"
            << "body.code";

        // out_of_range
        QTest::newRow("empty username")
            << "login" << QByteArray(R"({"username":"","password":"p"})") << "out_of_range"
            << "body.username";
        QTest::newRow("username of 129 bytes")
            << "login" << filled(R"({"username":"@","password":"p"})", {QByteArray(129, 'u')})
            << "out_of_range"
            << "body.username";
        QTest::newRow("password of 1025 bytes")
            << "login" << filled(R"({"username":"u","password":"@"})", {QByteArray(1025, 'p')})
            << "out_of_range"
            << "body.password";
        QTest::newRow("token of 15 bytes")
            << "resume" << QByteArray(R"({"token":"123456789012345"})") << "out_of_range"
            << "body.token";
        QTest::newRow("token of 129 bytes")
            << "resume" << filled(R"({"token":"@"})", {QByteArray(129, 't')}) << "out_of_range"
            << "body.token";
        QTest::newRow("displayName of 201 bytes")
            << "session"
            << session(caregiver(
                   filled(R"("id":1,"username":"u","displayName":"@","roles":[],"active":true)",
                          {QByteArray(201, 'd')})))
            << "out_of_range"
            << "body.user.displayName";
        QTest::newRow("clientVersion of 101 bytes")
            << "hello"
            << filled(R"({"minProtocol":1,"maxProtocol":1,"client":"web","clientVersion":"@"})",
                      {QByteArray(101, 'v')})
            << "out_of_range"
            << "body.clientVersion";
        QTest::newRow("version 0")
            << "hello"
            << QByteArray(R"({"minProtocol":0,"maxProtocol":1,"client":"web","clientVersion":""})")
            << "out_of_range"
            << "body.minProtocol";
        QTest::newRow("version 1001")
            << "hello"
            << QByteArray(
                   R"({"minProtocol":1,"maxProtocol":1001,"client":"web","clientVersion":""})")
            << "out_of_range"
            << "body.maxProtocol";
        QTest::newRow("min protocol above max")
            << "hello"
            << QByteArray(R"({"minProtocol":3,"maxProtocol":2,"client":"web","clientVersion":""})")
            << "out_of_range"
            << "body.minProtocol";
        QTest::newRow("version beyond int64")
            << "hello"
            << QByteArray(R"({"minProtocol":1,"maxProtocol":18446744073709551615,"client":"web",)"
                          R"("clientVersion":""})")
            << "out_of_range"
            << "body.maxProtocol";
        QTest::newRow("version beyond uint64")
            << "hello"
            << QByteArray(R"({"minProtocol":1,"maxProtocol":99999999999999999999999,)"
                          R"("client":"web","clientVersion":""})")
            << "out_of_range"
            << "body.maxProtocol";
        QTest::newRow("version below int64")
            << "hello"
            << QByteArray(R"({"minProtocol":-9223372036854775809,"maxProtocol":1,"client":"web",)"
                          R"("clientVersion":""})")
            << "out_of_range"
            << "body.minProtocol";
        QTest::newRow("unknown client kind")
            << "hello"
            << QByteArray(
                   R"({"minProtocol":1,"maxProtocol":1,"client":"desktop","clientVersion":""})")
            << "out_of_range"
            << "body.client";
        QTest::newRow("unknown role")
            << "session"
            << session(caregiver(R"("id":1,"username":"u","displayName":"U",)"
                                 R"("roles":["support","nurse"],"active":true)"))
            << "out_of_range"
            << "body.user.roles[1]";
        QTest::newRow("caregiver id 0")
            << "session"
            << session(caregiver(R"("id":0,"username":"u","displayName":"U",)"
                                 R"("roles":[],"active":true)"))
            << "out_of_range"
            << "body.user.id";
        QTest::newRow("negative time")
            << "welcome"
            << QByteArray(R"({"protocol":1,"serverVersion":"s","maxMessageBytes":65536,)"
                          R"("serverTime":-1})")
            << "out_of_range"
            << "body.serverTime";
        QTest::newRow("unknown error code")
            << "error" << QByteArray(R"({"code":"oops","message":""})") << "out_of_range"
            << "body.code";
        QTest::newRow("negative retryAfterSeconds")
            << "error" << QByteArray(R"({"code":"throttled","message":"","retryAfterSeconds":-1})")
            << "out_of_range"
            << "body.retryAfterSeconds";
        QTest::newRow("too many caregivers")
            << "caregiver_list" << manyCaregivers(static_cast<int>(kMaxListItems) + 1)
            << "out_of_range"
            << "body.caregivers";
        QTest::newRow("too many roles")
            << "session"
            << session(caregiver(R"("id":1,"username":"u","displayName":"U","roles":[)" +
                                 QByteArray(R"("admin",)").repeated(16) +
                                 R"("admin"],"active":true)"))
            << "out_of_range"
            << "body.user.roles";
    }

    void rejects() {
        QFETCH(QString, type);
        QFETCH(QByteArray, body);
        QFETCH(QString, code);
        QFETCH(QString, field);

        const auto messageType = messageTypeFromName(type.toStdString());
        QVERIFY(messageType.has_value());
        const auto json = parse(body);
        QVERIFY2(json.is_object(), body.constData());
        const auto error = validateBody(*messageType, json);
        QVERIFY2(error.has_value(), "the body was accepted");
        QCOMPARE(qs(errorCodeName(error->code)), code);
        QCOMPARE(qs(error->field), field);
        QVERIFY2(error->message.starts_with(field.toStdString() + " "), error->message.c_str());
    }

    void acceptsLimits_data() {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QByteArray>("body");

        QTest::newRow("username of 128 bytes")
            << "login" << filled(R"({"username":"@","password":"p"})", {QByteArray(128, 'u')});
        QTest::newRow("password of 1024 bytes")
            << "login" << filled(R"({"username":"u","password":"@"})", {QByteArray(1024, 'p')});
        QTest::newRow("token of 16 bytes")
            << "resume" << QByteArray(R"({"token":"1234567890123456"})");
        QTest::newRow("token of 128 bytes")
            << "resume" << filled(R"({"token":"@"})", {QByteArray(128, 't')});
        QTest::newRow("versions 1 and 1000")
            << "hello"
            << QByteArray(
                   R"({"minProtocol":1,"maxProtocol":1000,"client":"tool","clientVersion":""})");
        QTest::newRow("equal versions")
            << "hello"
            << QByteArray(
                   R"({"minProtocol":5,"maxProtocol":5,"client":"console","clientVersion":""})");
        QTest::newRow("session without token")
            << "session"
            << QByteArray(R"({"user":)" + caregiver() +
                          R"(,"idleExpiresAt":0,"absoluteExpiresAt":0})");
        QTest::newRow("caregiver with no roles")
            << "caregiver_list"
            << R"({"caregivers":[)" +
                   account(R"("id":9223372036854775807,"username":"u","displayName":"U",)"
                           R"("roles":[],"active":false)") +
                   "]}";
        QTest::newRow("most caregivers")
            << "caregiver_list" << manyCaregivers(static_cast<int>(kMaxListItems));
        QTest::newRow("empty list") << "caregiver_list" << QByteArray(R"({"caregivers":[]})");
        QTest::newRow("empty body for logout") << "logout" << QByteArray("{}");
    }

    void acceptsLimits() {
        QFETCH(QString, type);
        QFETCH(QByteArray, body);
        const auto messageType = messageTypeFromName(type.toStdString());
        QVERIFY(messageType.has_value());
        const auto error = validateBody(*messageType, parse(body));
        QVERIFY2(!error.has_value(), error ? error->message.c_str() : "");
    }

    void integerRanges() {
        const auto read = [](const char *text, std::int64_t min, std::int64_t max) {
            const auto object = nlohmann::json::parse(std::string(R"({"n":)") + text + "}");
            BodyReader reader(object, "body");
            const auto value = reader.integer("n", min, max);
            return std::make_pair(value, reader.failed() ? std::optional(reader.error().code)
                                                         : std::nullopt);
        };
        constexpr auto kMin = std::numeric_limits<std::int64_t>::min();
        constexpr auto kMax = std::numeric_limits<std::int64_t>::max();
        QCOMPARE(read("-5", -5, 5).first, std::int64_t{-5});
        QVERIFY(!read("-5", -5, 5).second);
        QCOMPARE(read("5", -5, 5).first, std::int64_t{5});
        QCOMPARE(*read("6", -5, 5).second, ErrorCode::OutOfRange);
        QCOMPARE(*read("-6", -5, 5).second, ErrorCode::OutOfRange);
        QCOMPARE(*read("0", 1, 5).second, ErrorCode::OutOfRange);
        QCOMPARE(*read("3", -10, -1).second, ErrorCode::OutOfRange);
        QCOMPARE(read("9223372036854775807", 0, kMax).first, kMax);
        QCOMPARE(read("-9223372036854775808", kMin, 0).first, kMin);
        QCOMPARE(*read("9223372036854775808", 0, kMax).second, ErrorCode::OutOfRange);
        QCOMPARE(*read("18446744073709551615", kMin, kMax).second, ErrorCode::OutOfRange);
        QCOMPARE(*read("1e300", kMin, kMax).second, ErrorCode::OutOfRange);
        QCOMPARE(*read("-1e300", kMin, kMax).second, ErrorCode::OutOfRange);
        QCOMPARE(*read("0.5", kMin, kMax).second, ErrorCode::WrongType);
        QCOMPARE(*read("-0.0", kMin, kMax).second, ErrorCode::WrongType);
        QCOMPARE(*read("false", kMin, kMax).second, ErrorCode::WrongType);
        QCOMPARE(*read("[]", kMin, kMax).second, ErrorCode::WrongType);
    }

    void firstFailureIsKept() {
        const auto object = nlohmann::json::parse(R"({"a":"x","b":1})");
        BodyReader reader(object, "body");
        QCOMPARE(reader.integer("a", 0, 10), std::int64_t{0});
        QCOMPARE(qs(reader.string("b", 0, 10)), QString());
        QVERIFY(reader.string("missing", 0, 10).empty());
        reader.fail(ErrorCode::Internal, "c", "is later");
        QVERIFY(reader.failed());
        QCOMPARE(reader.error().code, ErrorCode::WrongType);
        QCOMPARE(qs(reader.error().field), QStringLiteral("body.a"));
    }

    void failedReaderSkipsCallbacks() {
        const auto object = nlohmann::json::parse(R"({"list":[{}],"inner":{}})");
        BodyReader reader(object);
        reader.fail(ErrorCode::OutOfRange, "", "is refused");
        bool called = false;
        reader.objectArray("list", 10, [&called](BodyReader &) { called = true; });
        reader.object("inner", [&called](BodyReader &) { called = true; });
        QVERIFY(!called);
        QCOMPARE(reader.error().message, std::string("is refused"));
    }

    void pathsWithoutPrefix() {
        const auto object = nlohmann::json::parse(R"({"outer":{"items":[{"x":1},{"x":"two"}]}})");
        BodyReader reader(object);
        QVERIFY(reader.path().empty());
        std::vector<std::int64_t> seen;
        reader.object("outer", [&seen](BodyReader &outer) {
            QCOMPARE(qs(outer.path()), QStringLiteral("outer"));
            outer.objectArray("items", 10, [&seen](BodyReader &item) {
                seen.push_back(item.integer("x", 0, 10));
            });
        });
        QCOMPARE(seen.size(), std::size_t{2});
        QVERIFY(reader.failed());
        QCOMPARE(reader.error().code, ErrorCode::WrongType);
        QCOMPARE(qs(reader.error().field), QStringLiteral("outer.items[1].x"));
        QCOMPARE(qs(reader.error().message),
                 QStringLiteral("outer.items[1].x must be an integer, not a string"));
    }

    void readerOverNonObject() {
        const auto array = nlohmann::json::array();
        BodyReader reader(array, "body");
        QVERIFY(reader.failed());
        QCOMPARE(reader.error().code, ErrorCode::WrongType);
        QCOMPARE(qs(reader.error().field), QStringLiteral("body"));
        QVERIFY(!reader.boolean("x"));
        QCOMPARE(reader.error().code, ErrorCode::WrongType);
    }

    void optionalReads() {
        const auto object = nlohmann::json::parse(R"({"s":"abc","n":7,"nul":null})");
        BodyReader reader(object, "body");
        QCOMPARE(reader.optionalString("s", 1, 3), std::optional<std::string>("abc"));
        QCOMPARE(reader.optionalInteger("n", 0, 7), std::optional<std::int64_t>(7));
        QVERIFY(!reader.optionalString("absent", 1, 3).has_value());
        QVERIFY(!reader.optionalInteger("nul", 0, 7).has_value());
        QVERIFY(!reader.failed());
        QVERIFY(!reader.optionalString("s", 1, 2).has_value());
        QCOMPARE(reader.error().code, ErrorCode::OutOfRange);
        QCOMPARE(qs(reader.error().field), QStringLiteral("body.s"));
    }

    void integerArrays() {
        const auto object = nlohmann::json::parse(R"({"a":[3,1,3],"b":[1,0],"c":[1,"2"],"d":[]})");
        BodyReader reader(object, "body");
        QCOMPARE(reader.integerArray("a", 3, 1, 3), (std::vector<std::int64_t>{3, 1, 3}));
        QVERIFY(reader.integerArray("d", 0, 1, 3).empty());
        QVERIFY(!reader.failed());
        QVERIFY(reader.integerArray("b", 3, 1, 3).empty());
        QCOMPARE(reader.error().code, ErrorCode::OutOfRange);
        QCOMPARE(qs(reader.error().field), QStringLiteral("body.b[1]"));

        BodyReader wrongItem(object, "body");
        QVERIFY(wrongItem.integerArray("c", 3, 1, 3).empty());
        QCOMPARE(wrongItem.error().code, ErrorCode::WrongType);
        QCOMPARE(qs(wrongItem.error().field), QStringLiteral("body.c[1]"));

        BodyReader tooMany(object, "body");
        QVERIFY(tooMany.integerArray("a", 2, 1, 3).empty());
        QCOMPARE(tooMany.error().code, ErrorCode::OutOfRange);
        QCOMPARE(qs(tooMany.error().field), QStringLiteral("body.a"));

        BodyReader missing(object, "body");
        QVERIFY(missing.integerArray("absent", 2, 1, 3).empty());
        QCOMPARE(missing.error().code, ErrorCode::MissingField);
    }

    void stringArrays() {
        const auto object = nlohmann::json::parse(R"({"a":["x","yy"],"b":["x",""]})");
        BodyReader reader(object, "body");
        QCOMPARE(reader.stringArray("a", 2, 1, 2), (std::vector<std::string>{"x", "yy"}));
        QVERIFY(!reader.failed());
        QVERIFY(reader.stringArray("b", 2, 1, 2).empty());
        QCOMPARE(reader.error().code, ErrorCode::OutOfRange);
        QCOMPARE(qs(reader.error().field), QStringLiteral("body.b[1]"));

        BodyReader tooMany(object, "body");
        QVERIFY(tooMany.stringArray("a", 1, 1, 2).empty());
        QCOMPARE(tooMany.error().code, ErrorCode::OutOfRange);
        QCOMPARE(qs(tooMany.error().field), QStringLiteral("body.a"));
    }
};

QTEST_GUILESS_MAIN(BodyValidationTest)
#include "BodyValidationTest.moc"
