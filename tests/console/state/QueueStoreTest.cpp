#include "state/QueueStore.h"

#include "QueueBoardSamples.h"
#include "protocol/VisitMessages.h"

#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>
#include <algorithm>
#include <map>

using caredesk::console::ProviderStatusRow;
using caredesk::console::QueueStore;
using caredesk::console::QueueVisitRow;
using caredesk::console::StateQueueRow;
using caredesk::console::test::kNowMs;
using caredesk::console::test::providerStatus;
using caredesk::console::test::queueVisit;
using caredesk::console::test::stateQueue;
using caredesk::protocol::ProviderStatus;
using caredesk::protocol::QueueDelta;
using caredesk::protocol::QueueSnapshot;
using caredesk::protocol::QueueVisit;
using caredesk::protocol::StateQueue;
using SyncStatus = QueueStore::SyncStatus;

namespace {

// The server's side of the stream: a board, and the delta between two boards
// (whole rows that differ, ids of visits that left), as its queue feed makes.
struct Board {
    std::map<std::string, StateQueue> states;
    std::map<std::int64_t, QueueVisit> visits;
    std::map<std::int64_t, ProviderStatus> providers;

    QueueSnapshot snapshot(std::int64_t seq) const {
        QueueSnapshot snapshot;
        snapshot.seq = seq;
        for (const auto &[code, state] : states)
            snapshot.states.push_back(state);
        for (const auto &[id, visit] : visits)
            snapshot.visits.push_back(visit);
        for (const auto &[id, provider] : providers)
            snapshot.providers.push_back(provider);
        return snapshot;
    }
};

QueueDelta deltaBetween(const Board &before, const Board &after, std::int64_t seq) {
    QueueDelta delta;
    delta.seq = seq;
    for (const auto &[code, state] : after.states) {
        const auto old = before.states.find(code);
        if (old == before.states.end() || !(old->second == state))
            delta.states.push_back(state);
    }
    for (const auto &[id, visit] : after.visits) {
        const auto old = before.visits.find(id);
        if (old == before.visits.end() || !(old->second == visit))
            delta.visits.push_back(visit);
    }
    for (const auto &[id, visit] : before.visits) {
        if (!after.visits.contains(id))
            delta.removedVisitIds.push_back(id);
    }
    for (const auto &[code, state] : before.states) {
        if (!after.states.contains(code))
            delta.removedStates.push_back(code);
    }
    for (const auto &[id, provider] : after.providers) {
        const auto old = before.providers.find(id);
        if (old == before.providers.end() || !(old->second == provider))
            delta.providers.push_back(provider);
    }
    for (const auto &[id, provider] : before.providers) {
        if (!after.providers.contains(id))
            delta.removedProviderIds.push_back(id);
    }
    return delta;
}

Board demoBoard() {
    Board board;
    for (const auto &state :
         {stateQueue("AZ", "Arizona", "open", 2, 1), stateQueue("TX", "Texas", "busy", 1, 0),
          stateQueue("NY", "New York", "closed", 0, 0)})
        board.states[state.code] = state;
    for (const auto &visit :
         {queueVisit(11, "AZ", "Ana", 600), queueVisit(12, "AZ", "Ben", 300, 2),
          queueVisit(13, "TX", "Cy", 120), queueVisit(14, "AZ", "Di", 900, 0, "assigned")})
        board.visits[visit.id] = visit;
    for (const auto &provider : {providerStatus(4, "Dr. Mei Chen", "available", {"AZ", "NY"}),
                                 providerStatus(7, "Dr. Bob Ruiz", "in_visit", {"AZ"}),
                                 providerStatus(9, "Dr. Ana Lima", "offline", {"TX"}, false)})
        board.providers[provider.id] = provider;
    return board;
}

std::vector<QueueVisitRow> visitsById(const QueueStore &store) {
    std::vector<QueueVisitRow> rows = store.visits();
    std::sort(rows.begin(), rows.end(), [](const auto &a, const auto &b) { return a.id < b.id; });
    return rows;
}

std::vector<ProviderStatusRow> providersById(const QueueStore &store) {
    std::vector<ProviderStatusRow> rows = store.providers();
    std::sort(rows.begin(), rows.end(), [](const auto &a, const auto &b) { return a.id < b.id; });
    return rows;
}

std::vector<StateQueueRow> statesByCode(const QueueStore &store) {
    std::vector<StateQueueRow> rows = store.states();
    std::sort(rows.begin(), rows.end(),
              [](const auto &a, const auto &b) { return a.code < b.code; });
    return rows;
}

// Rows and the index agree: every row is found under its own id and code.
bool indexIsConsistent(const QueueStore &store) {
    for (int row = 0; row < static_cast<int>(store.visits().size()); ++row) {
        if (store.visitRow(store.visits()[static_cast<std::size_t>(row)].id) != row)
            return false;
    }
    for (int row = 0; row < static_cast<int>(store.states().size()); ++row) {
        if (store.stateRow(store.states()[static_cast<std::size_t>(row)].code) != row)
            return false;
    }
    for (int row = 0; row < static_cast<int>(store.providers().size()); ++row) {
        if (store.providerRow(store.providers()[static_cast<std::size_t>(row)].id) != row)
            return false;
    }
    return true;
}

// One change of each kind the server makes to a board.
enum class Change {
    AddVisit,
    ChangePriority,
    AssignVisit,
    ReadyVisit,
    RemoveVisit,
    FinishVisit,
    StateStatus,
    StateProviders,
    AddState,
    RemoveState, // an admin stopped offering it
    ProviderStatusChange,
    ProviderShift,
    AddProvider,
    RemoveProvider, // deactivated, or no longer a provider
    kChangeKinds
};

void apply(Board &board, Change change, std::int64_t &nextId, QRandomGenerator &random) {
    auto anyVisit = [&]() -> QueueVisit * {
        if (board.visits.empty())
            return nullptr;
        auto it = board.visits.begin();
        std::advance(it, random.bounded(static_cast<int>(board.visits.size())));
        return &it->second;
    };
    auto anyProvider = [&]() -> ProviderStatus * {
        if (board.providers.empty())
            return nullptr;
        auto it = board.providers.begin();
        std::advance(it, random.bounded(static_cast<int>(board.providers.size())));
        return &it->second;
    };
    auto anyState = [&]() -> StateQueue & {
        auto it = board.states.begin();
        std::advance(it, random.bounded(static_cast<int>(board.states.size())));
        return it->second;
    };
    switch (change) {
    case Change::AddVisit: {
        const std::string state = anyState().code;
        const auto visit = queueVisit(nextId++, state, "New", random.bounded(3600));
        board.visits[visit.id] = visit;
        ++board.states[state].waiting;
        break;
    }
    case Change::ChangePriority:
        if (QueueVisit *visit = anyVisit())
            visit->priority = (visit->priority + 1 + random.bounded(8)) % 10;
        break;
    case Change::AssignVisit:
        if (QueueVisit *visit = anyVisit()) {
            visit->status = "assigned";
            visit->position.reset();
            visit->estimatedWaitSeconds.reset();
            visit->assignedProviderId = 4 + random.bounded(3);
            visit->assignedProviderName = "Dr. Mei Chen";
        }
        break;
    case Change::ReadyVisit:
        if (QueueVisit *visit = anyVisit(); visit && visit->status == "waiting")
            visit->status = "ready";
        break;
    case Change::RemoveVisit:
    case Change::FinishVisit:
        if (QueueVisit *visit = anyVisit())
            board.visits.erase(visit->id);
        break;
    case Change::StateStatus: {
        StateQueue &state = anyState();
        state.manualStatus = state.status = state.status == "open" ? "busy" : "open";
        break;
    }
    case Change::StateProviders: {
        StateQueue &state = anyState();
        state.providersAvailable = random.bounded(4);
        state.estimatedWaitSeconds.reset();
        if (state.providersAvailable > 0)
            state.estimatedWaitSeconds = random.bounded(7200);
        break;
    }
    case Change::AddState: {
        const std::string code{char('A' + random.bounded(26)), char('A' + random.bounded(26))};
        if (!board.states.contains(code))
            board.states[code] = stateQueue(code, "State " + code);
        break;
    }
    case Change::RemoveState: {
        if (board.states.size() < 2)
            break;
        const std::string code = anyState().code;
        board.states.erase(code);
        std::erase_if(board.visits,
                      [&code](const auto &entry) { return entry.second.state == code; });
        break;
    }
    case Change::ProviderStatusChange:
        if (ProviderStatus *provider = anyProvider()) {
            static const char *const statuses[] = {"available", "in_visit", "on_break", "offline"};
            provider->status = statuses[random.bounded(4)];
            provider->statusSince = kNowMs + random.bounded(60'000);
        }
        break;
    case Change::ProviderShift:
        if (ProviderStatus *provider = anyProvider()) {
            provider->onShift = !provider->onShift;
            provider->shiftEndsAt = kNowMs + random.bounded(8 * 3'600'000);
        }
        break;
    case Change::AddProvider: {
        const std::int64_t id = nextId++;
        board.providers[id] =
            providerStatus(id, "Dr. New " + std::to_string(id), "available", {anyState().code});
        break;
    }
    case Change::RemoveProvider:
        if (ProviderStatus *provider = anyProvider())
            board.providers.erase(provider->id);
        break;
    case Change::kChangeKinds:
        break;
    }
}

} // namespace

class QueueStoreTest : public QObject {
    Q_OBJECT

private slots:
    void snapshotFillsTheBoard();
    void deltaConvergesWithAFreshSnapshot_data();
    void deltaConvergesWithAFreshSnapshot();
    void randomStreamsConverge();
    void gapIsRefusedAndAsksForAFreshSnapshot();
    void deltasOfAnOldStreamAreIgnored();
    void removalWinsOverAnUpsertInTheSameDelta();
    void removedStateLeavesLikeInAFreshSnapshot();
    void stateEnabledByAnAdminAppears();
    void snapshotAfterReconnectAnnouncesOnlyWhatMoved();
    void veryDifferentSnapshotResets();
    void rowSignalsNameTheRightRows();
    void disconnectKeepsTheBoardButNotLive();
    void clearForgetsEverything();
    void providersFollowSnapshotAndDeltas();
    void providerRemovalWinsOverAnUpsert();
};

void QueueStoreTest::snapshotFillsTheBoard() {
    QueueStore store;
    QSignalSpy sync(&store, &QueueStore::syncStatusChanged);
    QSignalSpy added(&store, &QueueStore::visitsAdded);
    QCOMPARE(store.syncStatus(), SyncStatus::Offline);
    store.markSubscribing();
    QCOMPARE(store.syncStatus(), SyncStatus::Loading);
    store.applySnapshot(demoBoard().snapshot(41));
    QCOMPARE(store.syncStatus(), SyncStatus::Live);
    QCOMPARE(store.seq(), std::optional<qint64>(41));
    QCOMPARE(store.states().size(), std::size_t(3));
    QCOMPARE(store.visits().size(), std::size_t(4));
    // All visits in one announcement, not one per visit.
    QCOMPARE(added.size(), 1);
    QCOMPARE(added.at(0).at(0).toInt(), 0);
    QCOMPARE(added.at(0).at(1).toInt(), 3);
    QCOMPARE(sync.size(), 2);

    const QueueVisitRow *ben = store.visit(12);
    QVERIFY(ben);
    QCOMPARE(ben->patientName(), QStringLiteral("Ben Patient"));
    QCOMPARE(ben->priority, 2);
    QCOMPARE(ben->dateOfBirth, QDate(1984, 2, 29));
    QCOMPARE(ben->requestedAtMs, caredesk::console::test::kNowMs - 300'000);
    QCOMPARE(store.visit(14)->status, caredesk::domain::VisitStatus::Assigned);
    QCOMPARE(store.visit(14)->assignedProviderName, QStringLiteral("Dr. Bob Ruiz"));
    QCOMPARE(store.state(QStringLiteral("TX"))->status, caredesk::domain::StateStatus::Busy);
    QVERIFY(store.state(QStringLiteral("TX"))->needsAttention());
    QVERIFY(!store.state(QStringLiteral("AZ"))->needsAttention());
    QVERIFY(!store.state(QStringLiteral("TX"))->estimatedWaitSeconds);
    QVERIFY(indexIsConsistent(store));
}

void QueueStoreTest::deltaConvergesWithAFreshSnapshot_data() {
    QTest::addColumn<QList<int>>("changes");
    QTest::newRow("visit added") << QList<int>{int(Change::AddVisit)};
    QTest::newRow("priority raised") << QList<int>{int(Change::ChangePriority)};
    QTest::newRow("visit assigned") << QList<int>{int(Change::AssignVisit)};
    QTest::newRow("visit ready") << QList<int>{int(Change::ReadyVisit)};
    QTest::newRow("visit removed") << QList<int>{int(Change::RemoveVisit)};
    QTest::newRow("visit finished") << QList<int>{int(Change::FinishVisit)};
    QTest::newRow("state status") << QList<int>{int(Change::StateStatus)};
    QTest::newRow("providers changed") << QList<int>{int(Change::StateProviders)};
    QTest::newRow("state added") << QList<int>{int(Change::AddState)};
    QTest::newRow("state removed") << QList<int>{int(Change::RemoveState)};
    QTest::newRow("provider status") << QList<int>{int(Change::ProviderStatusChange)};
    QTest::newRow("provider shift") << QList<int>{int(Change::ProviderShift)};
    QTest::newRow("provider added") << QList<int>{int(Change::AddProvider)};
    QTest::newRow("provider removed") << QList<int>{int(Change::RemoveProvider)};
    QTest::newRow("everything at once") << QList<int>{
        int(Change::AddVisit),       int(Change::AddVisit),    int(Change::RemoveVisit),
        int(Change::AssignVisit),    int(Change::StateStatus), int(Change::ChangePriority),
        int(Change::StateProviders), int(Change::AddProvider), int(Change::RemoveProvider),
        int(Change::ProviderShift)};
}

void QueueStoreTest::deltaConvergesWithAFreshSnapshot() {
    QFETCH(QList<int>, changes);
    QRandomGenerator random(7);
    const Board before = demoBoard();
    Board after = before;
    std::int64_t nextId = 100;
    for (const int change : changes)
        apply(after, static_cast<Change>(change), nextId, random);
    const QueueDelta delta = deltaBetween(before, after, 6);
    QVERIFY2(!delta.states.empty() || !delta.visits.empty() || !delta.removedVisitIds.empty() ||
                 !delta.removedStates.empty() || !delta.providers.empty() ||
                 !delta.removedProviderIds.empty(),
             "the change must show in the delta");

    QueueStore old;
    old.applySnapshot(before.snapshot(5));
    QVERIFY(old.applyDelta(delta));
    QueueStore fresh;
    fresh.applySnapshot(after.snapshot(6));

    QCOMPARE(visitsById(old), visitsById(fresh));
    QCOMPARE(statesByCode(old), statesByCode(fresh));
    QCOMPARE(providersById(old), providersById(fresh));
    QCOMPARE(old.seq(), std::optional<qint64>(6));
    QVERIFY(indexIsConsistent(old));
}

void QueueStoreTest::randomStreamsConverge() {
    for (quint32 seed = 1; seed <= 40; ++seed) {
        QRandomGenerator random(seed);
        Board board = demoBoard();
        std::int64_t nextId = 1000;
        QueueStore store;
        store.applySnapshot(board.snapshot(0));
        for (std::int64_t seq = 1; seq <= 60; ++seq) {
            const Board before = board;
            const int count = 1 + random.bounded(4);
            for (int i = 0; i < count; ++i)
                apply(board, static_cast<Change>(random.bounded(int(Change::kChangeKinds))), nextId,
                      random);
            QVERIFY(store.applyDelta(deltaBetween(before, board, seq)));
        }
        QueueStore fresh;
        fresh.applySnapshot(board.snapshot(60));
        QVERIFY2(visitsById(store) == visitsById(fresh), qPrintable(QString::number(seed)));
        QVERIFY2(statesByCode(store) == statesByCode(fresh), qPrintable(QString::number(seed)));
        QVERIFY2(providersById(store) == providersById(fresh), qPrintable(QString::number(seed)));
        QVERIFY(indexIsConsistent(store));
    }
}

void QueueStoreTest::gapIsRefusedAndAsksForAFreshSnapshot() {
    QueueStore store;
    QSignalSpy outOfSync(&store, &QueueStore::outOfSync);
    QSignalSpy changed(&store, &QueueStore::visitChanged);
    Board board = demoBoard();
    store.applySnapshot(board.snapshot(10));
    const Board before = board;
    board.visits[11].priority = 5;
    // seq 12 where 11 is due: delta 11 was lost.
    QVERIFY(!store.applyDelta(deltaBetween(before, board, 12)));
    QCOMPARE(outOfSync.size(), 1);
    QCOMPARE(outOfSync.at(0).at(0).toLongLong(), 11);
    QCOMPARE(outOfSync.at(0).at(1).toLongLong(), 12);
    QCOMPARE(store.syncStatus(), SyncStatus::Stale);
    QCOMPARE(changed.size(), 0);
    QCOMPARE(store.visit(11)->priority, 0);
    // A repeat of an old delta is a gap too.
    store.applySnapshot(board.snapshot(20));
    QVERIFY(!store.applyDelta(deltaBetween(before, board, 20)));
    QCOMPARE(outOfSync.size(), 2);
    // The fresh snapshot puts the stream back on track.
    store.applySnapshot(board.snapshot(30));
    QCOMPARE(store.syncStatus(), SyncStatus::Live);
    QVERIFY(store.applyDelta(deltaBetween(board, board, 31)));
}

void QueueStoreTest::deltasOfAnOldStreamAreIgnored() {
    QueueStore store;
    QSignalSpy outOfSync(&store, &QueueStore::outOfSync);
    Board board = demoBoard();
    store.applySnapshot(board.snapshot(3));
    store.markSubscribing(); // a new stream is on its way
    Board after = board;
    after.visits.erase(11);
    QVERIFY(!store.applyDelta(deltaBetween(board, after, 4)));
    QVERIFY(store.visit(11));
    QCOMPARE(outOfSync.size(), 0); // already resubscribing: no second request
}

void QueueStoreTest::removalWinsOverAnUpsertInTheSameDelta() {
    QueueStore store;
    store.applySnapshot(demoBoard().snapshot(1));
    QueueDelta delta;
    delta.seq = 2;
    delta.visits = {queueVisit(11, "AZ", "Ana", 600, 3), queueVisit(50, "AZ", "Eve", 10),
                    queueVisit(13, "TX", "Cy", 120, 0, "completed")};
    delta.removedVisitIds = {11, 50};
    QVERIFY(store.applyDelta(delta));
    QVERIFY(!store.visit(11));
    QVERIFY(!store.visit(50));
    QVERIFY(!store.visit(13)); // a final status leaves the board as well
    QCOMPARE(store.visits().size(), std::size_t(2));
    QVERIFY(indexIsConsistent(store));
}

void QueueStoreTest::removedStateLeavesLikeInAFreshSnapshot() {
    Board before = demoBoard();
    before.states["WA"] = stateQueue("WA", "Washington");
    before.visits[20] = queueVisit(20, "WA", "Wes", 30);
    QueueStore store;
    store.applySnapshot(before.snapshot(7));
    QSignalSpy aboutToRemove(&store, &QueueStore::stateAboutToBeRemoved);
    QSignalSpy removed(&store, &QueueStore::stateRemoved);
    QSignalSpy visitRemoved(&store, &QueueStore::visitRemoved);
    // At the about-to signal the row named is still the one that goes.
    QStringList leaving;
    connect(&store, &QueueStore::stateAboutToBeRemoved, this,
            [&](int row) { leaving.append(store.states()[static_cast<std::size_t>(row)].code); });

    // New York goes, as a state without visits must. Washington goes too, and
    // a visit of it that the delta does not list leaves with it.
    Board after = before;
    after.states.erase("NY");
    after.states.erase("WA");
    after.visits.erase(20);
    QueueDelta delta;
    delta.seq = 8;
    delta.removedStates = {"NY", "WA"};
    QVERIFY(store.applyDelta(delta));

    QueueStore fresh;
    fresh.applySnapshot(after.snapshot(8));
    QCOMPARE(statesByCode(store), statesByCode(fresh));
    QCOMPARE(visitsById(store), visitsById(fresh));
    QVERIFY(!store.state(QStringLiteral("NY")));
    QVERIFY(!store.visit(20));
    QCOMPARE(removed.size(), 2);
    QCOMPARE(aboutToRemove.size(), 2);
    QCOMPARE(visitRemoved.size(), 1);
    leaving.sort();
    QCOMPARE(leaving, (QStringList{QStringLiteral("NY"), QStringLiteral("WA")}));
    QVERIFY(indexIsConsistent(store));
    QCOMPARE(store.syncStatus(), SyncStatus::Live);

    // A code the board does not know is nothing to remove.
    QueueDelta unknown;
    unknown.seq = 9;
    unknown.removedStates = {"ZZ"};
    QVERIFY(store.applyDelta(unknown));
    QCOMPARE(store.states().size(), std::size_t(2));
}

void QueueStoreTest::stateEnabledByAnAdminAppears() {
    QueueStore store;
    store.applySnapshot(demoBoard().snapshot(3));
    QSignalSpy aboutToAdd(&store, &QueueStore::statesAboutToBeAdded);
    QSignalSpy added(&store, &QueueStore::statesAdded);
    QueueDelta delta;
    delta.seq = 4;
    delta.states = {stateQueue("OR", "Oregon", "open", 0, 2)};
    QVERIFY(store.applyDelta(delta));
    QCOMPARE(added.size(), 1);
    QCOMPARE(aboutToAdd.at(0).at(0).toInt(), 3); // after the three of the snapshot
    const auto *oregon = store.state(QStringLiteral("OR"));
    QVERIFY(oregon);
    QCOMPARE(oregon->name, QStringLiteral("Oregon"));
    QCOMPARE(oregon->providersAvailable, 2);
    QCOMPARE(store.stateRow(QStringLiteral("OR")), 3);
    QVERIFY(indexIsConsistent(store));
}

void QueueStoreTest::snapshotAfterReconnectAnnouncesOnlyWhatMoved() {
    QueueStore store;
    Board board = demoBoard();
    store.applySnapshot(board.snapshot(9));
    store.markDisconnected();
    QCOMPARE(store.syncStatus(), SyncStatus::Stale);

    board.visits[12].priority = 9;                     // changed
    board.visits.erase(13);                            // gone
    board.visits[77] = queueVisit(77, "AZ", "Flo", 5); // new
    board.states["NY"].status = "open";

    QSignalSpy reset(&store, &QueueStore::reset);
    QSignalSpy changed(&store, &QueueStore::visitChanged);
    QSignalSpy removed(&store, &QueueStore::visitRemoved);
    QSignalSpy added(&store, &QueueStore::visitsAdded);
    QSignalSpy statesChanged(&store, &QueueStore::stateChanged);
    const int benRow = store.visitRow(12);
    const int cyRow = store.visitRow(13);
    store.applySnapshot(board.snapshot(0)); // a new stream starts anywhere
    QCOMPARE(reset.size(), 0);
    QCOMPARE(removed.size(), 1);
    QCOMPARE(removed.at(0).at(0).toInt(), cyRow);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).toInt(), benRow < cyRow ? benRow : benRow - 1);
    QCOMPARE(added.size(), 1);
    QCOMPARE(statesChanged.size(), 1);
    QCOMPARE(store.syncStatus(), SyncStatus::Live);
    QCOMPARE(store.seq(), std::optional<qint64>(0));
    QCOMPARE(store.visit(12)->priority, 9);
    QVERIFY(indexIsConsistent(store));
}

void QueueStoreTest::veryDifferentSnapshotResets() {
    QueueStore store;
    Board board;
    board.states["AZ"] = stateQueue("AZ", "Arizona");
    for (std::int64_t id = 1; id <= 200; ++id)
        board.visits[id] = queueVisit(id, "AZ", "P", id);
    store.applySnapshot(board.snapshot(1));
    Board other;
    other.states["AZ"] = board.states["AZ"];
    other.visits[500] = queueVisit(500, "AZ", "Q", 3);
    QSignalSpy reset(&store, &QueueStore::reset);
    QSignalSpy removed(&store, &QueueStore::visitRemoved);
    store.applySnapshot(other.snapshot(1));
    QCOMPARE(reset.size(), 1);
    QCOMPARE(removed.size(), 0);
    QCOMPARE(store.visits().size(), std::size_t(1));
    QVERIFY(store.visit(500));
    QVERIFY(indexIsConsistent(store));
}

void QueueStoreTest::rowSignalsNameTheRightRows() {
    QueueStore store;
    store.applySnapshot(demoBoard().snapshot(1));
    // At the about-to signal the row is still there; at the done signal it is gone.
    const int row = store.visitRow(12);
    bool checkedBefore = false;
    connect(&store, &QueueStore::visitAboutToBeRemoved, this, [&](int r) {
        QCOMPARE(r, row);
        QCOMPARE(store.visits()[static_cast<std::size_t>(r)].id, qint64(12));
        checkedBefore = true;
    });
    QueueDelta delta;
    delta.seq = 2;
    delta.removedVisitIds = {12};
    delta.visits = {queueVisit(90, "TX", "Gus", 1)};
    QSignalSpy aboutToAdd(&store, &QueueStore::visitsAboutToBeAdded);
    QVERIFY(store.applyDelta(delta));
    QVERIFY(checkedBefore);
    QCOMPARE(aboutToAdd.size(), 1);
    QCOMPARE(aboutToAdd.at(0).at(0).toInt(), 4); // appended after the four of the snapshot
    QCOMPARE(store.visitRow(90), 3);             // and moved up when 12 left
    QVERIFY(indexIsConsistent(store));
}

void QueueStoreTest::disconnectKeepsTheBoardButNotLive() {
    QueueStore store;
    store.markDisconnected();
    QCOMPARE(store.syncStatus(), SyncStatus::Offline);
    store.applySnapshot(demoBoard().snapshot(1));
    store.markDisconnected();
    QCOMPARE(store.syncStatus(), SyncStatus::Stale);
    QCOMPARE(store.visits().size(), std::size_t(4));
    QueueDelta delta;
    delta.seq = 2;
    QVERIFY(!store.applyDelta(delta)); // not live: a new snapshot comes first
}

void QueueStoreTest::clearForgetsEverything() {
    QueueStore store;
    store.applySnapshot(demoBoard().snapshot(1));
    QSignalSpy reset(&store, &QueueStore::reset);
    store.clear();
    QCOMPARE(reset.size(), 1);
    QVERIFY(store.visits().empty());
    QVERIFY(store.states().empty());
    QVERIFY(!store.visit(11));
    QCOMPARE(store.stateRow(QStringLiteral("AZ")), -1);
    QCOMPARE(store.syncStatus(), SyncStatus::Offline);
    QVERIFY(!store.seq());
}

void QueueStoreTest::providersFollowSnapshotAndDeltas() {
    QueueStore store;
    store.applySnapshot(demoBoard().snapshot(1));
    QCOMPARE(store.providers().size(), std::size_t(3));
    const ProviderStatusRow *mei = store.provider(4);
    QVERIFY(mei);
    QCOMPARE(mei->displayName, QStringLiteral("Dr. Mei Chen"));
    QCOMPARE(mei->status, caredesk::domain::AvailabilityStatus::Available);
    QCOMPARE(mei->states, (QStringList{QStringLiteral("AZ"), QStringLiteral("NY")}));
    QVERIFY(mei->isFree());
    QVERIFY(mei->isLicensedIn(QStringLiteral("NY")));
    QCOMPARE(mei->statusSinceMs, std::optional<qint64>(kNowMs - 3'600'000));
    const ProviderStatusRow *ana = store.provider(9);
    QVERIFY(!ana->onShift);
    QVERIFY(!ana->isFree());

    QSignalSpy changed(&store, &QueueStore::providerChanged);
    QSignalSpy aboutToAdd(&store, &QueueStore::providersAboutToBeAdded);
    QSignalSpy aboutToRemove(&store, &QueueStore::providerAboutToBeRemoved);
    QSignalSpy removed(&store, &QueueStore::providerRemoved);
    // Mei goes on a break with a shift until 19:00 UTC; Lou joins; Ana leaves.
    QueueDelta delta;
    delta.seq = 2;
    auto onBreak = providerStatus(4, "Dr. Mei Chen", "on_break", {"AZ", "NY"});
    onBreak.shiftEndsAt = kNowMs + 4 * 3'600'000;
    delta.providers = {onBreak, providerStatus(12, "Dr. Lou Park", "available", {"TX"})};
    delta.removedProviderIds = {9};
    const int anaRow = store.providerRow(9);
    QVERIFY(store.applyDelta(delta));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).toInt(), store.providerRow(4));
    QCOMPARE(aboutToAdd.size(), 1);
    QCOMPARE(aboutToAdd.at(0).at(0).toInt(), 3); // after the three of the snapshot
    QCOMPARE(aboutToRemove.size(), 1);
    QCOMPARE(aboutToRemove.at(0).at(0).toInt(), anaRow);
    QCOMPARE(removed.size(), 1);
    QVERIFY(!store.provider(9));
    QCOMPARE(store.provider(4)->status, caredesk::domain::AvailabilityStatus::OnBreak);
    QCOMPARE(store.provider(4)->shiftEndsAtMs, std::optional<qint64>(kNowMs + 4 * 3'600'000));
    QVERIFY(store.provider(4)->hasShift());
    QVERIFY(store.provider(12));
    QVERIFY(indexIsConsistent(store));

    // The same row again announces nothing; an unknown removal is nothing.
    delta.seq = 3;
    delta.providers = {onBreak};
    delta.removedProviderIds = {99};
    QVERIFY(store.applyDelta(delta));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(removed.size(), 1);

    // A board with providers only is still a board to show while offline.
    QueueStore onlyProviders;
    Board board;
    board.providers[4] = onBreak;
    onlyProviders.applySnapshot(board.snapshot(1));
    onlyProviders.markDisconnected();
    QCOMPARE(onlyProviders.syncStatus(), SyncStatus::Stale);
    onlyProviders.clear();
    QVERIFY(onlyProviders.providers().empty());
}

void QueueStoreTest::providerRemovalWinsOverAnUpsert() {
    QueueStore store;
    store.applySnapshot(demoBoard().snapshot(1));
    QueueDelta delta;
    delta.seq = 2;
    delta.providers = {providerStatus(7, "Dr. Bob Ruiz", "available", {"AZ"}),
                       providerStatus(30, "Dr. Gone Soon", "available", {"AZ"})};
    delta.removedProviderIds = {7, 30};
    QSignalSpy aboutToAdd(&store, &QueueStore::providersAboutToBeAdded);
    QVERIFY(store.applyDelta(delta));
    QVERIFY(!store.provider(7));
    QVERIFY(!store.provider(30));
    QCOMPARE(aboutToAdd.size(), 0);
    QVERIFY(indexIsConsistent(store));
}

QTEST_GUILESS_MAIN(QueueStoreTest)
#include "QueueStoreTest.moc"
