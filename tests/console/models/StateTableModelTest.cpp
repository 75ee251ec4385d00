#include "models/StateTableModel.h"

#include "QueueBoardSamples.h"
#include "models/StateUrgencyProxyModel.h"
#include "protocol/VisitMessages.h"
#include "state/QueueStore.h"

#include <QAbstractItemModelTester>
#include <QBrush>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

using caredesk::console::QueueStore;
using caredesk::console::StateTableModel;
using caredesk::console::StateUrgencyProxyModel;
using caredesk::console::test::kNowMs;
using caredesk::console::test::queueVisit;
using caredesk::console::test::stateQueue;
using caredesk::protocol::QueueDelta;
using caredesk::protocol::QueueSnapshot;

namespace {

// Six states, one of each kind the overview must tell apart.
QueueSnapshot sampleBoard() {
    QueueSnapshot snapshot;
    snapshot.seq = 1;
    snapshot.states = {
        stateQueue("AZ", "Arizona", "open", 2, 2),    // waiting, providers
        stateQueue("CA", "California", "busy", 1, 1), // waiting, providers
        stateQueue("NY", "New York", "closed", 0, 0), // closed, idle
        stateQueue("OR", "Oregon", "open", 0, 1),     // open, idle
        stateQueue("TX", "Texas", "open", 1, 0),      // waiting, nobody to see them
        stateQueue("WA", "Washington", "open", 0, 0), // open, idle, no provider
    };
    snapshot.states[5].status = "closed"; // staff left it open; its hours closed it
    snapshot.visits = {queueVisit(1, "AZ", "Ana", 120), queueVisit(2, "AZ", "Bo", 900),
                       queueVisit(3, "CA", "Cy", 1500), queueVisit(4, "TX", "Di", 60),
                       queueVisit(5, "AZ", "Ed", 5000, 0, "assigned")};
    return snapshot;
}

int rowOf(const QAbstractItemModel &model, const QString &code) {
    for (int row = 0; row < model.rowCount(); ++row) {
        if (model.index(row, 0).data(StateTableModel::StateCodeRole).toString() == code)
            return row;
    }
    return -1;
}

QStringList codes(const QAbstractItemModel &model) {
    QStringList list;
    for (int row = 0; row < model.rowCount(); ++row)
        list.append(model.index(row, 0).data(StateTableModel::StateCodeRole).toString());
    return list;
}

} // namespace

class StateTableModelTest : public QObject {
    Q_OBJECT

private slots:
    void modelStaysConsistentThroughEveryChange();
    void columnsDescribeTheQueue();
    void strandedPatientsStandOut();
    void mostUrgentStatesComeFirst();
    void longestWaitTicksFromTheOldestInLine();
};

void StateTableModelTest::modelStaysConsistentThroughEveryChange() {
    QueueStore store;
    StateTableModel model(store);
    StateUrgencyProxyModel proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester proxyTester(&proxy,
                                         QAbstractItemModelTester::FailureReportingMode::QtTest);
    store.applySnapshot(sampleBoard());
    QCOMPARE(model.rowCount(), 6);
    QueueDelta delta;
    delta.seq = 2;
    delta.states = {stateQueue("NY", "New York", "open", 3, 0), stateQueue("PR", "Puerto Rico")};
    delta.removedVisitIds = {1};
    QVERIFY(store.applyDelta(delta));
    QCOMPARE(model.rowCount(), 7);
    model.tick();
    QueueSnapshot smaller = sampleBoard();
    smaller.states.pop_back();
    smaller.seq = 0;
    store.applySnapshot(smaller);
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(rowOf(model, QStringLiteral("PR")), -1);
    store.clear();
    QCOMPARE(proxy.rowCount(), 0);
}

void StateTableModelTest::columnsDescribeTheQueue() {
    QueueStore store;
    StateTableModel model(store);
    model.setClock([] { return kNowMs; });
    store.applySnapshot(sampleBoard());
    const auto cell = [&](const char *code, int column) {
        return model.index(rowOf(model, QLatin1String(code)), column).data().toString();
    };
    QCOMPARE(cell("AZ", StateTableModel::StateColumn), QStringLiteral("Arizona (AZ)"));
    QCOMPARE(cell("AZ", StateTableModel::StatusColumn), QStringLiteral("Open"));
    QCOMPARE(cell("CA", StateTableModel::StatusColumn), QStringLiteral("Busy"));
    QCOMPARE(cell("NY", StateTableModel::StatusColumn), QStringLiteral("Closed"));
    QCOMPARE(cell("WA", StateTableModel::StatusColumn),
             QStringLiteral("Outside hours (staff: open)"));
    QCOMPARE(cell("AZ", StateTableModel::WaitingColumn), QStringLiteral("2"));
    QCOMPARE(cell("AZ", StateTableModel::ProvidersColumn), QStringLiteral("2"));
    // 300 s x (2 + 1) / 2 providers = 450 s, rounded up to the minute.
    QCOMPARE(cell("AZ", StateTableModel::EstimatedWaitColumn), QStringLiteral("8 min"));
    QCOMPARE(cell("TX", StateTableModel::EstimatedWaitColumn), QStringLiteral("no provider"));
    QCOMPARE(cell("NY", StateTableModel::EstimatedWaitColumn), QString());
    // From the oldest visit in line (Bo, 15:00); Ed is assigned, not in line.
    QCOMPARE(cell("AZ", StateTableModel::LongestWaitColumn), QStringLiteral("15:00"));
    QCOMPARE(cell("OR", StateTableModel::LongestWaitColumn), QString());
    QCOMPARE(model.headerData(StateTableModel::EstimatedWaitColumn, Qt::Horizontal).toString(),
             QStringLiteral("Est. wait"));
    const QString tip =
        model.index(rowOf(model, QStringLiteral("AZ")), 0).data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(QLatin1String("America/Phoenix")), qPrintable(tip));
    QCOMPARE(int(StateTableModel::StateCodeRole), Qt::UserRole + 1);
}

void StateTableModelTest::strandedPatientsStandOut() {
    QueueStore store;
    StateTableModel model(store);
    store.applySnapshot(sampleBoard());
    for (int row = 0; row < model.rowCount(); ++row) {
        const QString code = model.index(row, 0).data(StateTableModel::StateCodeRole).toString();
        const bool stranded = code == QLatin1String("TX");
        QCOMPARE(model.index(row, 0).data(StateTableModel::NeedsAttentionRole).toBool(), stranded);
        for (int column = 0; column < model.columnCount(); ++column) {
            const QModelIndex index = model.index(row, column);
            QCOMPARE(index.data(Qt::BackgroundRole).canConvert<QBrush>(), stranded);
        }
    }
    const int tx = rowOf(model, QStringLiteral("TX"));
    QVERIFY(model.index(tx, 0)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(QLatin1String("no licensed provider")));
    QVERIFY(
        model.index(tx, StateTableModel::ProvidersColumn).data(Qt::FontRole).value<QFont>().bold());

    // A provider comes on shift: Texas no longer stands out.
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QueueDelta delta;
    delta.seq = 2;
    delta.states = {stateQueue("TX", "Texas", "open", 1, 1)};
    QVERIFY(store.applyDelta(delta));
    QVERIFY(!changed.isEmpty());
    QVERIFY(!model.index(tx, 0).data(StateTableModel::NeedsAttentionRole).toBool());
    QVERIFY(!model.index(tx, 0).data(Qt::BackgroundRole).isValid());
}

void StateTableModelTest::mostUrgentStatesComeFirst() {
    QueueStore store;
    StateTableModel model(store);
    qint64 now = kNowMs;
    model.setClock([&] { return now; });
    StateUrgencyProxyModel proxy;
    proxy.setSourceModel(&model);
    store.applySnapshot(sampleBoard());
    // Stranded first; then waiting, longest wait first; then open; closed
    // last. (The longest waits settle once the visits are in, at the next turn
    // of the event loop.)
    QTRY_COMPARE(codes(proxy),
                 (QStringList{QStringLiteral("TX"), QStringLiteral("CA"), QStringLiteral("AZ"),
                              QStringLiteral("OR"), QStringLiteral("NY"), QStringLiteral("WA")}));

    // Cy is seen: California's line empties and it drops below Arizona.
    QueueDelta delta;
    delta.seq = 2;
    delta.states = {stateQueue("CA", "California", "busy", 0, 1)};
    delta.removedVisitIds = {3};
    QVERIFY(store.applyDelta(delta));
    QTRY_COMPARE(codes(proxy),
                 (QStringList{QStringLiteral("TX"), QStringLiteral("AZ"), QStringLiteral("CA"),
                              QStringLiteral("OR"), QStringLiteral("NY"), QStringLiteral("WA")}));
}

void StateTableModelTest::longestWaitTicksFromTheOldestInLine() {
    QueueStore store;
    StateTableModel model(store);
    qint64 now = kNowMs;
    model.setClock([&] { return now; });
    store.applySnapshot(sampleBoard());
    const int az = rowOf(model, QStringLiteral("AZ"));
    QCOMPARE(model.index(az, 0).data(StateTableModel::LongestWaitSecondsRole).toLongLong(), 900);

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    now += 61'000;
    model.tick();
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex().column(), int(StateTableModel::LongestWaitColumn));
    QCOMPARE(changed.at(0).at(1).toModelIndex().column(), int(StateTableModel::LongestWaitColumn));
    QCOMPARE(model.index(az, StateTableModel::LongestWaitColumn).data().toString(),
             QStringLiteral("16:01"));

    // Bo is taken: the longest wait is now Ana's, at once.
    QueueDelta delta;
    delta.seq = 2;
    delta.states = {stateQueue("AZ", "Arizona", "open", 1, 2)};
    delta.visits = {queueVisit(2, "AZ", "Bo", 900, 0, "assigned")};
    QVERIFY(store.applyDelta(delta));
    QTRY_COMPARE(model.index(az, StateTableModel::LongestWaitColumn).data().toString(),
                 QStringLiteral("3:01"));
    // And it keeps ticking on its own, about once a second.
    QTest::qWait(50);
    changed.clear();
    QElapsedTimer clock;
    clock.start();
    QVERIFY(changed.wait(2000));
    QVERIFY2(clock.elapsed() > 200, qPrintable(QString::number(clock.elapsed())));
}

QTEST_MAIN(StateTableModelTest)
#include "StateTableModelTest.moc"
