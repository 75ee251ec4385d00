#include "net/PendingRequests.h"

#include "protocol/Messages.h"

#include <QTest>
#include <set>

using caredesk::console::PendingRequests;
namespace protocol = caredesk::protocol;
using namespace std::chrono_literals;

namespace {

using Clock = PendingRequests::Clock;

protocol::Envelope envelopeOf(const std::string &frame) {
    auto envelope = protocol::decodeEnvelope(frame);
    if (!envelope)
        qFatal("test frame does not decode: %s", envelope.error().message.c_str());
    return *envelope;
}

// Records every completion a request gets.
struct Outcomes {
    std::vector<protocol::Result<protocol::Envelope>> results;
    PendingRequests::Completion record() {
        return [this](const protocol::Result<protocol::Envelope> &r) {
            results.push_back(r);
        };
    }
};

} // namespace

class PendingRequestsTest : public QObject {
    Q_OBJECT

private slots:
    void idsAreUnique();
    void replyGoesToItsRequestOnce();
    void errorReplyArrivesAsError();
    void unreadableErrorReplyIsStillAnError();
    void unknownIdIsReported();
    void failAllEndsEveryRequestOnce();
    void requestsAddedWhileFailingSurvive();
    void onlyExpiredRequestsTimeOut();
};

void PendingRequestsTest::idsAreUnique() {
    PendingRequests pending;
    std::set<std::string> ids;
    for (int i = 0; i < 1000; ++i) {
        const std::string id = pending.add([](const auto &) {}, Clock::now() + 1s);
        QVERIFY(!id.empty());
        QVERIFY(id.size() <= protocol::kMaxRequestIdBytes);
        QVERIFY(ids.insert(id).second);
        if (i % 2 == 0)
            pending.failAll({}); // ids stay unique across "reconnects"
    }
}

void PendingRequestsTest::replyGoesToItsRequestOnce() {
    PendingRequests pending;
    Outcomes first, second;
    const auto firstId = pending.add(first.record(), Clock::now() + 1s);
    const auto secondId = pending.add(second.record(), Clock::now() + 1s);
    QCOMPARE(pending.size(), std::size_t{2});

    QVERIFY(pending.complete(secondId, envelopeOf(protocol::encode(protocol::Ok{}, secondId))));
    QCOMPARE(first.results.size(), std::size_t{0});
    QCOMPARE(second.results.size(), std::size_t{1});
    QVERIFY(second.results[0].ok());
    QCOMPARE(second.results[0]->type, protocol::MessageType::Ok);
    QCOMPARE(second.results[0]->id, secondId);

    QVERIFY(!pending.complete(secondId, envelopeOf(protocol::encode(protocol::Ok{}, secondId))));
    QCOMPARE(second.results.size(), std::size_t{1});
    QCOMPARE(pending.size(), std::size_t{1});
    QVERIFY(pending.complete(firstId, envelopeOf(protocol::encode(protocol::Ok{}, firstId))));
    QVERIFY(pending.empty());
}

void PendingRequestsTest::errorReplyArrivesAsError() {
    PendingRequests pending;
    Outcomes outcome;
    const auto id = pending.add(outcome.record(), Clock::now() + 1s);
    const protocol::Error error{protocol::ErrorCode::Throttled, "slow down", {}, 42};
    QVERIFY(pending.complete(id, envelopeOf(protocol::encode(error, id))));
    QCOMPARE(outcome.results.size(), std::size_t{1});
    QVERIFY(!outcome.results[0].ok());
    QVERIFY(outcome.results[0].error() == error);
}

void PendingRequestsTest::unreadableErrorReplyIsStillAnError() {
    PendingRequests pending;
    Outcomes outcome;
    const auto id = pending.add(outcome.record(), Clock::now() + 1s);
    auto reply = envelopeOf(protocol::encode(protocol::Ok{}, id));
    reply.type = protocol::MessageType::Error; // an error body without code or message
    QVERIFY(pending.complete(id, reply));
    QCOMPARE(outcome.results.size(), std::size_t{1});
    QVERIFY(!outcome.results[0].ok());
    QCOMPARE(outcome.results[0].error().code, protocol::ErrorCode::MissingField);
}

void PendingRequestsTest::unknownIdIsReported() {
    PendingRequests pending;
    Outcomes outcome;
    pending.add(outcome.record(), Clock::now() + 1s);
    QVERIFY(!pending.complete("nobody", envelopeOf(protocol::encode(protocol::Ok{}, "nobody"))));
    QCOMPARE(outcome.results.size(), std::size_t{0});
    QCOMPARE(pending.size(), std::size_t{1});
}

void PendingRequestsTest::failAllEndsEveryRequestOnce() {
    PendingRequests pending;
    Outcomes a, b, c;
    pending.add(a.record(), Clock::now() + 1s);
    pending.add(b.record(), Clock::now() + 1s);
    pending.add(c.record(), Clock::now() + 1s);
    const protocol::Error lost{protocol::ErrorCode::Unavailable, "link lost", {}, {}};
    pending.failAll(lost);
    QVERIFY(pending.empty());
    for (const Outcomes *outcome : {&a, &b, &c}) {
        QCOMPARE(outcome->results.size(), std::size_t{1});
        QVERIFY(outcome->results[0].error() == lost);
    }
    pending.failAll(lost);
    QCOMPARE(a.results.size(), std::size_t{1});
}

void PendingRequestsTest::requestsAddedWhileFailingSurvive() {
    // A completion that retries at once (as sign-in does) must not lose the retry.
    PendingRequests pending;
    Outcomes retry;
    int failures = 0;
    pending.add(
        [&](const auto &) {
            ++failures;
            pending.add(retry.record(), Clock::now() + 1s);
        },
        Clock::now() + 1s);
    pending.failAll({});
    QCOMPARE(failures, 1);
    QCOMPARE(pending.size(), std::size_t{1});
    QCOMPARE(retry.results.size(), std::size_t{0});
}

void PendingRequestsTest::onlyExpiredRequestsTimeOut() {
    PendingRequests pending;
    Outcomes early, late;
    const auto start = Clock::now();
    pending.add(late.record(), start + 10s);
    pending.add(early.record(), start + 1s);
    QCOMPARE(pending.nextDeadline().value(), start + 1s);

    const protocol::Error timeout{protocol::ErrorCode::Unavailable, "no answer", {}, {}};
    pending.failExpired(start + 500ms, timeout);
    QCOMPARE(early.results.size(), std::size_t{0});
    pending.failExpired(start + 1s, timeout);
    QCOMPARE(early.results.size(), std::size_t{1});
    QVERIFY(early.results[0].error() == timeout);
    QCOMPARE(late.results.size(), std::size_t{0});
    QCOMPARE(pending.nextDeadline().value(), start + 10s);
    pending.failExpired(start + 11s, timeout);
    QCOMPARE(late.results.size(), std::size_t{1});
    QVERIFY(!pending.nextDeadline());
}

QTEST_GUILESS_MAIN(PendingRequestsTest)
#include "PendingRequestsTest.moc"
