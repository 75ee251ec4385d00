#include "net/QueueChannel.h"

#include "FakeCareDeskServer.h"
#include "QueueBoardSamples.h"
#include "net/ServerConnection.h"
#include "state/QueueStore.h"

#include <QSignalSpy>
#include <QTest>

using namespace std::chrono_literals;
using caredesk::console::ConnectionTimings;
using caredesk::console::FiledVisit;
using caredesk::console::IntakeRefusal;
using caredesk::console::ProviderChoice;
using caredesk::console::QueueChannel;
using caredesk::console::QueueStore;
using caredesk::console::QueueVisitRow;
using caredesk::console::RequestFailure;
using caredesk::console::ServerConnection;
using caredesk::console::ShiftRequest;
using caredesk::console::test::FakeCareDeskServer;
using caredesk::console::test::kNowMs;
using caredesk::console::test::providerStatus;
using caredesk::console::test::queueVisit;
using caredesk::console::test::stateQueue;
using caredesk::domain::AvailabilityStatus;
using caredesk::protocol::QueueDelta;
using caredesk::protocol::QueueSnapshot;
using SyncStatus = QueueStore::SyncStatus;

namespace {

ConnectionTimings fastTimings() {
    ConnectionTimings timings;
    timings.reconnect = {50ms, 400ms, 60s};
    timings.connectTimeout = 3s;
    timings.replyTimeout = 3s;
    timings.heartbeatInterval = 60s;
    return timings;
}

QueueSnapshot twoStates(std::int64_t seq) {
    QueueSnapshot snapshot;
    snapshot.seq = seq;
    snapshot.states = {stateQueue("AZ", "Arizona", "open", 1, 1),
                       stateQueue("TX", "Texas", "busy", 0, 0)};
    snapshot.visits = {queueVisit(5012, "AZ", "María", 1834)};
    snapshot.providers = {providerStatus(7, "Dr. Bob Ruiz", "available", {"AZ", "NV"})};
    return snapshot;
}

} // namespace

class QueueChannelTest : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void subscribesOnceSignedInAndFollowsDeltas();
    void gapSubscribesAgain();
    void unreadableDeltaSubscribesAgain();
    void reconnectKeepsTheBoardAndSubscribesAgain();
    void loggingOutClearsTheBoard();
    void snapshotLargerThanTheRequestLimitIsRead();
    void failedSubscriptionIsRetriedWithoutPolling();
    void actionsCarryTheirBodies();
    void shiftsCarryTheirBodiesAndOutcomes();
    void refusedActionsAreReported();
    void takeNextReportsTheVisit();
    void providersComeWithAvailabilityAndLicenses();
    void filedVisitsReportTheirOutcome();

private:
    void signIn(ServerConnection &connection);
    std::unique_ptr<FakeCareDeskServer> m_server;
};

void QueueChannelTest::init() {
    m_server = std::make_unique<FakeCareDeskServer>();
    m_server->addAccount(QStringLiteral("ada"), QStringLiteral("correct horse"),
                         QStringLiteral("Ada Lovelace"),
                         {QStringLiteral("support"), QStringLiteral("provider")});
    m_server->setQueueSnapshot(twoStates(41));
    QVERIFY(m_server->listen());
}

void QueueChannelTest::cleanup() {
    m_server.reset();
}

void QueueChannelTest::signIn(ServerConnection &connection) {
    QSignalSpy started(&connection, &ServerConnection::sessionStarted);
    connection.logIn(m_server->url(), QStringLiteral("ada"), QStringLiteral("correct horse"));
    QVERIFY(started.wait(5000));
}

void QueueChannelTest::subscribesOnceSignedInAndFollowsDeltas() {
    ServerConnection connection(fastTimings());
    QueueStore store;
    QueueChannel channel(connection, store);
    QCOMPARE(store.syncStatus(), SyncStatus::Offline);
    signIn(connection);
    QTRY_COMPARE(store.syncStatus(), SyncStatus::Live);
    QCOMPARE(m_server->count(QStringLiteral("queue_subscribe")), 1);
    QCOMPARE(store.visits().size(), std::size_t(1));
    QCOMPARE(store.seq(), std::optional<qint64>(41));
    QVERIFY(store.provider(7));
    QCOMPARE(store.provider(7)->status, caredesk::domain::AvailabilityStatus::Available);

    QueueDelta delta;
    delta.seq = 42;
    delta.visits = {queueVisit(5013, "TX", "Tom", 5)};
    delta.providers = {providerStatus(7, "Dr. Bob Ruiz", "on_break", {"AZ", "NV"})};
    m_server->pushQueueDelta(delta);
    QTRY_VERIFY(store.visit(5013));
    QCOMPARE(store.provider(7)->status, caredesk::domain::AvailabilityStatus::OnBreak);
    delta.seq = 43;
    delta.visits.clear();
    delta.providers.clear();
    delta.removedVisitIds = {5012};
    delta.removedProviderIds = {7};
    m_server->pushQueueDelta(delta);
    QTRY_VERIFY(!store.visit(5012));
    QVERIFY(!store.provider(7));
    QCOMPARE(store.seq(), std::optional<qint64>(43));
    // Changes arrived by push alone: still the one subscription.
    QTest::qWait(200);
    QCOMPARE(m_server->count(QStringLiteral("queue_subscribe")), 1);
    QCOMPARE(channel.subscriptionCount(), 1);
}

void QueueChannelTest::gapSubscribesAgain() {
    ServerConnection connection(fastTimings());
    QueueStore store;
    QueueChannel channel(connection, store);
    signIn(connection);
    QTRY_COMPARE(store.syncStatus(), SyncStatus::Live);

    // The server's board moved on; delta 42 never arrives.
    QueueSnapshot later = twoStates(0);
    later.visits.push_back(queueVisit(6000, "TX", "Lou", 30));
    m_server->setQueueSnapshot(later);
    QueueDelta skipped;
    skipped.seq = 43;
    skipped.removedVisitIds = {5012};
    m_server->pushQueueDelta(skipped);

    QTRY_COMPARE(m_server->count(QStringLiteral("queue_subscribe")), 2);
    QTRY_COMPARE(store.syncStatus(), SyncStatus::Live);
    QVERIFY(store.visit(6000));
    QVERIFY(store.visit(5012)); // the out-of-order delta was not applied
    QCOMPARE(store.seq(), std::optional<qint64>(0));
    // The new stream continues from the new snapshot's seq.
    QueueDelta next;
    next.seq = 1;
    next.removedVisitIds = {6000};
    m_server->pushQueueDelta(next);
    QTRY_VERIFY(!store.visit(6000));
    QCOMPARE(m_server->count(QStringLiteral("queue_subscribe")), 2);
}

void QueueChannelTest::unreadableDeltaSubscribesAgain() {
    ServerConnection connection(fastTimings());
    QueueStore store;
    QueueChannel channel(connection, store);
    signIn(connection);
    QTRY_COMPARE(store.syncStatus(), SyncStatus::Live);
    QueueDelta broken;
    broken.seq = 42;
    broken.visits = {queueVisit(7, "AZ", "Ida", 1)};
    broken.visits[0].status = "teleported"; // not a status this console knows
    m_server->pushQueueDelta(broken);
    QTRY_COMPARE(m_server->count(QStringLiteral("queue_subscribe")), 2);
    QTRY_COMPARE(store.syncStatus(), SyncStatus::Live);
    QVERIFY(!store.visit(7));
}

void QueueChannelTest::reconnectKeepsTheBoardAndSubscribesAgain() {
    ServerConnection connection(fastTimings());
    QueueStore store;
    QueueChannel channel(connection, store);
    signIn(connection);
    QTRY_COMPARE(store.syncStatus(), SyncStatus::Live);

    const quint16 port = m_server->port();
    m_server->stop();
    QTRY_COMPARE(store.syncStatus(), SyncStatus::Stale);
    QCOMPARE(store.visits().size(), std::size_t(1)); // still shown while away

    QueueSnapshot after = twoStates(0);
    after.visits[0].priority = 4;
    m_server->setQueueSnapshot(after);
    QSignalSpy reset(&store, &QueueStore::reset);
    QVERIFY(m_server->listen(port));
    QTRY_COMPARE_WITH_TIMEOUT(store.syncStatus(), SyncStatus::Live, 10'000);
    QCOMPARE(m_server->count(QStringLiteral("resume")), 1);
    QCOMPARE(m_server->count(QStringLiteral("queue_subscribe")), 2);
    QCOMPARE(store.visit(5012)->priority, 4);
    QCOMPARE(reset.size(), 0); // updated in place, not rebuilt
}

void QueueChannelTest::loggingOutClearsTheBoard() {
    ServerConnection connection(fastTimings());
    QueueStore store;
    QueueChannel channel(connection, store);
    signIn(connection);
    QTRY_COMPARE(store.syncStatus(), SyncStatus::Live);
    QSignalSpy loggedOut(&connection, &ServerConnection::loggedOut);
    connection.logOut();
    QVERIFY(loggedOut.wait(5000));
    QCOMPARE(store.syncStatus(), SyncStatus::Offline);
    QVERIFY(store.visits().empty());
    QVERIFY(store.states().empty());
}

void QueueChannelTest::snapshotLargerThanTheRequestLimitIsRead() {
    // Far beyond the 64 KiB the server accepts per frame, well within the
    // 8 MiB it may send.
    QueueSnapshot big = twoStates(1);
    for (std::int64_t id = 1; id <= 3000; ++id)
        big.visits.push_back(queueVisit(10'000 + id, id % 2 ? "AZ" : "TX", "Patient", id));
    m_server->setQueueSnapshot(big);
    ServerConnection connection(fastTimings());
    QueueStore store;
    QueueChannel channel(connection, store);
    signIn(connection);
    QTRY_COMPARE_WITH_TIMEOUT(store.syncStatus(), SyncStatus::Live, 10'000);
    QCOMPARE(store.visits().size(), std::size_t(3001));
    QCOMPARE(connection.state().phase, caredesk::console::ConnectionState::Phase::Connected);
}

void QueueChannelTest::failedSubscriptionIsRetriedWithoutPolling() {
    m_server->setQueueSnapshot(std::nullopt); // the fake answers "unavailable"
    ServerConnection connection(fastTimings());
    QueueStore store;
    QueueChannel channel(connection, store);
    QSignalSpy failed(&channel, &QueueChannel::actionFailed);
    signIn(connection);
    QTRY_COMPARE(failed.size(), 1);
    QCOMPARE(failed.at(0).at(0).toString(), QStringLiteral("Load the queues"));
    QCOMPARE(failed.at(0).at(1).toString(), QStringLiteral("unavailable"));
    QCOMPARE(store.syncStatus(), SyncStatus::Offline);

    m_server->setQueueSnapshot(twoStates(1));
    QTRY_COMPARE_WITH_TIMEOUT(store.syncStatus(), SyncStatus::Live, 5000);
    QCOMPARE(m_server->count(QStringLiteral("queue_subscribe")), 2);
    // Once live, nothing is asked again.
    QTest::qWait(2500);
    QCOMPARE(m_server->count(QStringLiteral("queue_subscribe")), 2);
    QCOMPARE(failed.size(), 1);
}

void QueueChannelTest::actionsCarryTheirBodies() {
    ServerConnection connection(fastTimings());
    QueueStore store;
    QueueChannel channel(connection, store);
    QSignalSpy done(&channel, &QueueChannel::actionSucceeded);
    signIn(connection);
    QTRY_COMPARE(store.syncStatus(), SyncStatus::Live);

    channel.setStateStatus(QStringLiteral("TX"), caredesk::domain::StateStatus::Busy);
    QTRY_COMPARE(done.size(), 1);
    QCOMPARE(done.at(0).at(0).toString(), QStringLiteral("Set Texas to busy"));
    QCOMPARE(m_server->lastBody(QStringLiteral("set_state_status")),
             QStringLiteral(R"({"state":"TX","status":"busy"})"));

    channel.setVisitPriority(5012, 3);
    QTRY_COMPARE(done.size(), 2);
    QCOMPARE(done.at(1).at(0).toString(), QStringLiteral("Set the priority of María Patient to 3"));
    QCOMPARE(m_server->lastBody(QStringLiteral("set_visit_priority")),
             QStringLiteral(R"({"priority":3,"visitId":5012})"));

    channel.removeVisit(5012, QStringLiteral("Duplicate request"));
    QTRY_COMPARE(done.size(), 3);
    QCOMPARE(m_server->lastBody(QStringLiteral("remove_visit")),
             QStringLiteral(R"({"reason":"Duplicate request","visitId":5012})"));

    channel.assignVisit(5012, 7);
    QTRY_COMPARE(done.size(), 4);
    QCOMPARE(m_server->lastBody(QStringLiteral("assign_visit")),
             QStringLiteral(R"({"providerId":7,"visitId":5012})"));

    channel.setAvailability(AvailabilityStatus::OnBreak);
    QTRY_COMPARE(done.size(), 5);
    QCOMPARE(done.at(4).at(0).toString(), QStringLiteral("Set your status to on break"));
    QCOMPARE(m_server->lastBody(QStringLiteral("set_availability")),
             QStringLiteral(R"({"status":"on_break"})"));
    channel.setAvailability(AvailabilityStatus::Available);
    QTRY_COMPARE(done.size(), 6);
    QCOMPARE(m_server->lastBody(QStringLiteral("set_availability")),
             QStringLiteral(R"({"status":"available"})"));
    // "In visit" follows from the visits: nothing is sent for it.
    channel.setAvailability(AvailabilityStatus::InVisit);
    QTest::qWait(100);
    QCOMPARE(m_server->count(QStringLiteral("set_availability")), 2);
}

void QueueChannelTest::shiftsCarryTheirBodiesAndOutcomes() {
    ServerConnection connection(fastTimings());
    QueueStore store;
    QueueChannel channel(connection, store);
    QSignalSpy saved(&channel, &QueueChannel::shiftSaved);
    QSignalSpy failed(&channel, &QueueChannel::shiftFailed);
    signIn(connection);
    QTRY_COMPARE(store.syncStatus(), SyncStatus::Live);

    // Their own shift: no provider named.
    const ShiftRequest own{std::nullopt, kNowMs, kNowMs + 8 * 3600 * 1000};
    channel.setShift(own);
    QTRY_COMPARE(saved.size(), 1);
    QCOMPARE(saved.at(0).at(0).value<ShiftRequest>(), own);
    QCOMPARE(m_server->lastBody(QStringLiteral("set_shift")),
             QStringLiteral(R"({"endsAt":1772492400000,"startsAt":1772463600000})"));

    // An admin's change to someone else's, and clearing one: neither time.
    channel.setShift({7, std::nullopt, kNowMs + 3600 * 1000});
    QTRY_COMPARE(saved.size(), 2);
    QCOMPARE(m_server->lastBody(QStringLiteral("set_shift")),
             QStringLiteral(R"({"endsAt":1772467200000,"providerId":7})"));
    channel.setShift({7, std::nullopt, std::nullopt});
    QTRY_COMPARE(saved.size(), 3);
    QCOMPARE(m_server->lastBody(QStringLiteral("set_shift")),
             QStringLiteral(R"({"providerId":7})"));

    // A refusal names its field; it comes with the request it answers.
    m_server->setRequestFailure(QStringLiteral("set_shift"), QStringLiteral("out_of_range"),
                                QStringLiteral("a shift is at most 24 hours"),
                                QStringLiteral("body.endsAt"));
    const ShiftRequest tooLong{std::nullopt, kNowMs, kNowMs + 30 * 3600 * 1000};
    channel.setShift(tooLong);
    QTRY_COMPARE(failed.size(), 1);
    QCOMPARE(failed.at(0).at(0).value<ShiftRequest>(), tooLong);
    const auto failure = failed.at(0).at(1).value<RequestFailure>();
    QCOMPARE(failure.code, QStringLiteral("out_of_range"));
    QCOMPARE(failure.message, QStringLiteral("a shift is at most 24 hours"));
    QCOMPARE(failure.field, QStringLiteral("body.endsAt"));
    QCOMPARE(saved.size(), 3);
}

void QueueChannelTest::refusedActionsAreReported() {
    ServerConnection connection(fastTimings());
    QueueStore store;
    QueueChannel channel(connection, store);
    QSignalSpy failed(&channel, &QueueChannel::actionFailed);

    // Not connected: refused at once, nothing sent.
    channel.setVisitPriority(5012, 2);
    QCOMPARE(failed.size(), 1);
    QCOMPARE(failed.at(0).at(1).toString(), QStringLiteral("unavailable"));

    signIn(connection);
    QTRY_COMPARE(store.syncStatus(), SyncStatus::Live);
    m_server->setActionFailure(QStringLiteral("invalid_transition"),
                               QStringLiteral("the visit is assigned, not waiting"));
    channel.removeVisit(5012, QStringLiteral("Duplicate request"));
    QTRY_COMPARE(failed.size(), 2);
    QCOMPARE(failed.at(1).at(0).toString(), QStringLiteral("Remove María Patient from the line"));
    QCOMPARE(failed.at(1).at(1).toString(), QStringLiteral("invalid_transition"));
    QCOMPARE(failed.at(1).at(2).toString(), QStringLiteral("the visit is assigned, not waiting"));

    m_server->setActionFailure(QStringLiteral("forbidden"), QStringLiteral("providers only"));
    channel.setAvailability(AvailabilityStatus::Available);
    QTRY_COMPARE(failed.size(), 3);
    QCOMPARE(failed.at(2).at(0).toString(), QStringLiteral("Set your status to available"));
    QCOMPARE(failed.at(2).at(1).toString(), QStringLiteral("forbidden"));
}

void QueueChannelTest::takeNextReportsTheVisit() {
    ServerConnection connection(fastTimings());
    QueueStore store;
    QueueChannel channel(connection, store);
    QSignalSpy taken(&channel, &QueueChannel::visitTaken);
    QSignalSpy failed(&channel, &QueueChannel::actionFailed);
    signIn(connection);
    QTRY_COMPARE(store.syncStatus(), SyncStatus::Live);

    channel.takeNextVisit();
    QTRY_COMPARE(failed.size(), 1);
    QCOMPARE(failed.at(0).at(1).toString(), QStringLiteral("not_found"));

    m_server->setNextVisit(queueVisit(5012, "AZ", "María", 1834, 0, "assigned"));
    channel.takeNextVisit();
    QTRY_COMPARE(taken.size(), 1);
    const auto visit = taken.at(0).at(0).value<QueueVisitRow>();
    QCOMPARE(visit.id, qint64(5012));
    QCOMPARE(visit.status, caredesk::domain::VisitStatus::Assigned);
    QCOMPARE(visit.assignedProviderName, QStringLiteral("Dr. Bob Ruiz"));
}

void QueueChannelTest::providersComeWithAvailabilityAndLicenses() {
    ServerConnection connection(fastTimings());
    QueueStore store;
    QueueChannel channel(connection, store);
    QSignalSpy listed(&channel, &QueueChannel::providersListed);
    QSignalSpy failed(&channel, &QueueChannel::providerListFailed);
    signIn(connection);
    m_server->setProviders(
        {{7, "Dr. Bob Ruiz", true, false, {"AZ", "TX"}}, {4, "Dr. Mei Chen", false, true, {}}});
    channel.listProviders();
    QTRY_COMPARE(listed.size(), 1);
    QCOMPARE(m_server->count(QStringLiteral("list_providers")), 1);
    const auto providers = listed.at(0).at(0).value<QList<ProviderChoice>>();
    QCOMPARE(providers.size(), 2);
    QCOMPARE(providers[0], (ProviderChoice{7,
                                           QStringLiteral("Dr. Bob Ruiz"),
                                           true,
                                           false,
                                           {QStringLiteral("AZ"), QStringLiteral("TX")}}));
    QCOMPARE(providers[1].inVisit, true);
    QCOMPARE(providers[1].available, false);

    m_server->setRequestFailure(QStringLiteral("list_providers"), QStringLiteral("forbidden"),
                                QStringLiteral("support or admin only"));
    channel.listProviders();
    QTRY_COMPARE(failed.size(), 1);
    QCOMPARE(failed.at(0).at(0).toString(), QStringLiteral("forbidden"));
    QCOMPARE(failed.at(0).at(1).toString(), QStringLiteral("support or admin only"));
}

void QueueChannelTest::filedVisitsReportTheirOutcome() {
    ServerConnection connection(fastTimings());
    QueueStore store;
    QueueChannel channel(connection, store);
    QSignalSpy filed(&channel, &QueueChannel::visitFiled);
    QSignalSpy refused(&channel, &QueueChannel::intakeRefused);
    QSignalSpy failed(&channel, &QueueChannel::fileVisitFailed);
    signIn(connection);

    caredesk::protocol::FileVisit request;
    request.patient = {"TX", "Ana", "Reyes", "1990-06-15", "Follow-up call", "+1 512 555 0199",
                       true};
    request.priority = 5;
    m_server->setFiledVisitToken("pQ2c9Xv-Lr0tWm4Jk8aZ1bN7sDfGhE5uIo3yTnA6Mzk");
    channel.fileVisit(request);
    QTRY_COMPARE(filed.size(), 1);
    const auto visit = filed.at(0).at(0).value<FiledVisit>();
    QCOMPARE(visit.token, QStringLiteral("pQ2c9Xv-Lr0tWm4Jk8aZ1bN7sDfGhE5uIo3yTnA6Mzk"));
    QCOMPARE(visit.stateCode, QStringLiteral("TX"));
    QCOMPARE(visit.position, std::optional<qint64>(3));
    QCOMPARE(visit.estimatedWaitSeconds, std::optional<qint64>(1260));
    QVERIFY(
        m_server->lastBody(QStringLiteral("file_visit")).contains(QLatin1String("\"priority\":5")));

    m_server->setIntakeRefusal(caredesk::protocol::IntakeRefused{"closed", "Texas is closed now.",
                                                                 1'700'060'400'000, std::nullopt});
    channel.fileVisit(request);
    QTRY_COMPARE(refused.size(), 1);
    QCOMPARE(refused.at(0).at(0).value<IntakeRefusal>(),
             (IntakeRefusal{QStringLiteral("closed"), QStringLiteral("Texas is closed now."),
                            1'700'060'400'000, std::nullopt}));

    m_server->setRequestFailure(QStringLiteral("file_visit"), QStringLiteral("out_of_range"),
                                QStringLiteral("body.dateOfBirth must not be in the future"),
                                QStringLiteral("body.dateOfBirth"));
    channel.fileVisit(request);
    QTRY_COMPARE(failed.size(), 1);
    QCOMPARE(failed.at(0).at(0).toString(), QStringLiteral("out_of_range"));
    QCOMPARE(failed.at(0).at(2).toString(), QStringLiteral("body.dateOfBirth"));
    QCOMPARE(filed.size(), 1);
}

QTEST_GUILESS_MAIN(QueueChannelTest)
#include "QueueChannelTest.moc"
