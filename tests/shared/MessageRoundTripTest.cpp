#include "ProtocolTestSupport.h"
#include "protocol/Messages.h"

#include <QObject>
#include <QTest>
#include <functional>
#include <map>
#include <string>

using namespace caredesk::protocol;
using caredesk::domain::Role;
using caredesk::test::qs;

namespace {

// One sample per message type, every field set to a value that differs from
// the struct's default, with the body it must produce on the wire.
struct Sample {
    std::function<void(const nlohmann::json &expectedBody)> check;
    const char *body;
};

// Every object key anywhere in the body, as paths relative to "body".
void collectKeyPaths(const nlohmann::json &value, const nlohmann::json::json_pointer &pointer,
                     const std::string &path,
                     std::vector<std::pair<nlohmann::json::json_pointer, std::string>> &out) {
    if (value.is_object()) {
        for (auto it = value.begin(); it != value.end(); ++it) {
            out.emplace_back(pointer / it.key(), path + "." + it.key());
            collectKeyPaths(it.value(), pointer / it.key(), path + "." + it.key(), out);
        }
    } else if (value.is_array()) {
        for (std::size_t i = 0; i < value.size(); ++i)
            collectKeyPaths(value[i], pointer / i, path + "[" + std::to_string(i) + "]", out);
    }
}

template <class T>
void checkSample(const T &sample, const nlohmann::json &expectedBody) {
    // The encoder writes exactly the documented wire body.
    nlohmann::json body = nlohmann::json::object();
    toJson(body, sample);
    QCOMPARE(qs(body.dump()), qs(expectedBody.dump()));

    // A sample equal to the default could not reveal a field the decoder skips.
    if (!expectedBody.empty())
        QVERIFY2(!(sample == T{}), "the sample must not be the default value");

    // Whole frame: encode, decode the envelope, decode the body.
    const std::string frame = encode(sample, "r-17", 4242);
    std::string id;
    const auto envelope = decodeEnvelope(frame, kMaxMessageBytes, &id);
    QVERIFY2(envelope.ok(), frame.c_str());
    QCOMPARE(envelope->type, messageTypeOf<T>);
    QCOMPARE(qs(envelope->id), QStringLiteral("r-17"));
    QCOMPARE(qs(id), QStringLiteral("r-17"));
    QVERIFY(envelope->seq.has_value());
    QCOMPARE(*envelope->seq, std::uint64_t{4242});
    const auto decoded = decodeBody<T>(envelope->body);
    QVERIFY2(decoded.ok(), decoded.ok() ? "" : decoded.error().message.c_str());
    QVERIFY2(*decoded == sample, "decoded value differs from the sample");
    QVERIFY(!validateBody(messageTypeOf<T>, envelope->body).has_value());

    // Fields a newer peer adds are ignored.
    nlohmann::json extended = expectedBody;
    extended["addedInAFutureVersion"] = {{"x", 1}};
    const auto tolerant = decodeBody<T>(extended);
    QVERIFY(tolerant.ok());
    QVERIFY(*tolerant == sample);

    // Every field on the wire matters: without it the body is either rejected
    // as missing that very field, or decodes to a different value.
    std::vector<std::pair<nlohmann::json::json_pointer, std::string>> keys;
    collectKeyPaths(expectedBody, nlohmann::json::json_pointer{}, "body", keys);
    for (const auto &[pointer, path] : keys) {
        nlohmann::json dropped = expectedBody;
        dropped[pointer.parent_pointer()].erase(pointer.back());
        const auto result = decodeBody<T>(dropped);
        if (result.ok()) {
            QVERIFY2(!(*result == sample),
                     qPrintable("dropping " + qs(path) + " is not noticed by the decoder"));
        } else {
            QCOMPARE(result.error().code, ErrorCode::MissingField);
            QCOMPARE(qs(result.error().field), qs(path));
        }
    }
}

template <class T>
Sample sample(T value, const char *body) {
    return Sample{[value](const nlohmann::json &expected) { checkSample(value, expected); }, body};
}

CaregiverSummary alice() {
    return CaregiverSummary{.id = 42,
                            .username = "alice",
                            .displayName = "Alice Ng",
                            .roles = {Role::Support, Role::Admin},
                            .active = false};
}

std::map<MessageType, Sample> samples() {
    std::map<MessageType, Sample> all;
    all.emplace(MessageType::Hello, sample(Hello{.minProtocol = 2,
                                                 .maxProtocol = 7,
                                                 .client = ClientKind::Web,
                                                 .clientVersion = "caredesk-web 3.1.4"},
                                           R"({"minProtocol":2,"maxProtocol":7,"client":"web",)"
                                           R"("clientVersion":"caredesk-web 3.1.4"})"));
    all.emplace(MessageType::Welcome,
                sample(Welcome{.protocol = 3,
                               .serverVersion = "caredesk-server 0.1.0",
                               .maxMessageBytes = 32768,
                               .serverTime = 1700000000123},
                       R"({"protocol":3,"serverVersion":"caredesk-server 0.1.0",)"
                       R"("maxMessageBytes":32768,"serverTime":1700000000123})"));
    all.emplace(MessageType::Error, sample(Error{.code = ErrorCode::Throttled,
                                                 .message = "too many attempts",
                                                 .field = "body.password",
                                                 .retryAfterSeconds = 30},
                                           R"({"code":"throttled","message":"too many attempts",)"
                                           R"("field":"body.password","retryAfterSeconds":30})"));
    all.emplace(MessageType::Ok, sample(Ok{}, "{}"));
    all.emplace(MessageType::Login, sample(Login{.username = "alice", .password = "s3cret-ünï"},
                                           R"({"username":"alice","password":"s3cret-ünï"})"));
    all.emplace(MessageType::Resume,
                sample(Resume{.token = "dGhpcy1pcy1hLXRva2VuLW9mLTQzLWNoYXJhY3RlcnM"},
                       R"({"token":"dGhpcy1pcy1hLXRva2VuLW9mLTQzLWNoYXJhY3RlcnM"})"));
    all.emplace(MessageType::SessionStarted,
                sample(SessionStarted{.token = "dGhpcy1pcy1hLXRva2VuLW9mLTQzLWNoYXJhY3RlcnM",
                                      .user = alice(),
                                      .idleExpiresAt = 1700000900000,
                                      .absoluteExpiresAt = 1700043200000},
                       R"({"token":"dGhpcy1pcy1hLXRva2VuLW9mLTQzLWNoYXJhY3RlcnM",)"
                       R"("user":{"id":42,"username":"alice","displayName":"Alice Ng",)"
                       R"("roles":["support","admin"],"active":false},)"
                       R"("idleExpiresAt":1700000900000,"absoluteExpiresAt":1700043200000})"));
    all.emplace(MessageType::Logout, sample(Logout{}, "{}"));
    all.emplace(MessageType::ChangePassword,
                sample(ChangePassword{.currentPassword = "old pass", .newPassword = "new pass!"},
                       R"({"currentPassword":"old pass","newPassword":"new pass!"})"));
    all.emplace(MessageType::ListCaregivers,
                sample(ListCaregivers{.includeInactive = true}, R"({"includeInactive":true})"));
    all.emplace(
        MessageType::CaregiverList,
        sample(CaregiverList{.caregivers = {alice(), CaregiverSummary{.id = 7,
                                                                      .username = "bob",
                                                                      .displayName = "Dr. Bob Ruiz",
                                                                      .roles = {Role::Provider},
                                                                      .active = true}}},
               R"({"caregivers":[)"
               R"({"id":42,"username":"alice","displayName":"Alice Ng",)"
               R"("roles":["support","admin"],"active":false},)"
               R"({"id":7,"username":"bob","displayName":"Dr. Bob Ruiz",)"
               R"("roles":["provider"],"active":true}]})"));
    return all;
}

} // namespace

class MessageRoundTripTest : public QObject {
    Q_OBJECT

private slots:
    // Rows come from the message list itself, so a type added without a sample
    // fails here.
    void roundTrip_data() {
        QTest::addColumn<int>("type");
#define CAREDESK_X(enumerator, name)                                                               \
    QTest::newRow(name) << static_cast<int>(MessageType::enumerator);
        CAREDESK_MESSAGE_TYPES(CAREDESK_X)
#undef CAREDESK_X
    }

    void roundTrip() {
        QFETCH(int, type);
        const auto all = samples();
        const auto it = all.find(static_cast<MessageType>(type));
        QVERIFY2(it != all.end(), "no sample for this message type: add one to samples()");
        const auto expected = nlohmann::json::parse(it->second.body, nullptr, false);
        QVERIFY2(expected.is_object(), "the sample's expected body is not a JSON object");
        it->second.check(expected);
    }

    void sampleCountMatchesList() {
        QCOMPARE(samples().size(), kMessageTypeCount);
    }

    // Result<Error> must still tell a decoded "error" body from a decode failure.
    void errorBodyFailureIsNotAValue() {
        const auto bad = decodeBody<Error>(nlohmann::json{{"code", 5}, {"message", "x"}});
        QVERIFY(!bad.ok());
        QCOMPARE(bad.error().code, ErrorCode::WrongType);
        QCOMPARE(qs(bad.error().field), QStringLiteral("body.code"));

        const auto good = decodeBody<Error>(nlohmann::json{{"code", "internal"}, {"message", ""}});
        QVERIFY(good.ok());
        QCOMPARE(good->code, ErrorCode::Internal);
        QVERIFY(good->field.empty());
        QVERIFY(!good->retryAfterSeconds.has_value());
    }

    void optionalFieldsAreOmitted() {
        nlohmann::json error = nlohmann::json::object();
        toJson(error, Error{.code = ErrorCode::Forbidden,
                            .message = "admins only",
                            .field = {},
                            .retryAfterSeconds = std::nullopt});
        QCOMPARE(qs(error.dump()),
                 QStringLiteral(R"({"code":"forbidden","message":"admins only"})"));

        nlohmann::json session = nlohmann::json::object();
        toJson(session, SessionStarted{.token = std::nullopt, .user = alice()});
        QVERIFY(!session.contains("token"));
        const auto back = decodeBody<SessionStarted>(session);
        QVERIFY(back.ok());
        QVERIFY(!back->token.has_value());
    }

    void nullCountsAsAbsentForOptionalFields() {
        const auto error = decodeBody<Error>(nlohmann::json{{"code", "throttled"},
                                                            {"message", "wait"},
                                                            {"retryAfterSeconds", nullptr},
                                                            {"field", nullptr}});
        QVERIFY(error.ok());
        QVERIFY(!error->retryAfterSeconds.has_value());
        QVERIFY(error->field.empty());
    }
};

QTEST_GUILESS_MAIN(MessageRoundTripTest)
#include "MessageRoundTripTest.moc"
