#include "models/VisitTableModel.h"

#include "QueueBoardSamples.h"
#include "models/VisitFilterProxyModel.h"
#include "protocol/VisitMessages.h"
#include "state/QueueStore.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using caredesk::console::QueueStore;
using caredesk::console::VisitFilterProxyModel;
using caredesk::console::VisitTableModel;
using caredesk::console::test::kNowMs;
using caredesk::console::test::queueVisit;
using caredesk::console::test::stateQueue;
using caredesk::domain::VisitStatus;
using caredesk::protocol::QueueDelta;
using caredesk::protocol::QueueSnapshot;

namespace {

QueueSnapshot sampleBoard() {
    QueueSnapshot snapshot;
    snapshot.seq = 1;
    snapshot.states = {stateQueue("AZ", "Arizona"), stateQueue("TX", "Texas"),
                       stateQueue("WA", "Washington")};
    snapshot.visits = {
        queueVisit(1, "AZ", "Ana", 1834),              // 30:34, priority 0
        queueVisit(2, "TX", "Ben", 600, 2),            // priority 2
        queueVisit(3, "AZ", "Cy", 4000),               // longest waiting, priority 0
        queueVisit(4, "WA", "Di", 100, 0, "assigned"), // with a provider
        queueVisit(5, "TX", "Eve", 50, 2, "in_visit"), // priority 2, newer than Ben
    };
    snapshot.visits[2].reason = "  Rash on\nboth arms  ";
    snapshot.visits[4].dateOfBirth = "2025-01-15";
    return snapshot;
}

QStringList column(const QAbstractItemModel &model, int column, int role = Qt::DisplayRole) {
    QStringList values;
    for (int row = 0; row < model.rowCount(); ++row)
        values.append(model.index(row, column).data(role).toString());
    return values;
}

int rowOf(const QAbstractItemModel &model, qint64 visitId) {
    for (int row = 0; row < model.rowCount(); ++row) {
        if (model.index(row, 0).data(VisitTableModel::VisitIdRole).toLongLong() == visitId)
            return row;
    }
    return -1;
}

} // namespace

class VisitTableModelTest : public QObject {
    Q_OBJECT

private slots:
    void modelsStayConsistentThroughEveryChange();
    void columnsDescribeTheVisit();
    void ageCountsBirthdays_data();
    void ageCountsBirthdays();
    void waitingTicksOnlyThatColumn();
    void tickerRunsOnlyWithVisits();
    void unsortedOrderIsQueueOrder();
    void headersSortByWhatTheyShow();
    void filtersByStatesStatusesAndText();
    void filterFollowsChanges();
};

void VisitTableModelTest::modelsStayConsistentThroughEveryChange() {
    QueueStore store;
    VisitTableModel model(store);
    VisitFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester modelTester(&model,
                                         QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester proxyTester(&proxy,
                                         QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setStates({QStringLiteral("AZ"), QStringLiteral("TX")});

    store.applySnapshot(sampleBoard());
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(proxy.rowCount(), 4);

    QueueDelta delta;
    delta.seq = 2;
    delta.visits = {queueVisit(6, "AZ", "Flo", 5), queueVisit(1, "AZ", "Ana", 1834, 5)};
    delta.removedVisitIds = {3};
    QVERIFY(store.applyDelta(delta));
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(proxy.rowCount(), 4);
    QCOMPARE(rowOf(model, 3), -1);
    QVERIFY(rowOf(proxy, 6) >= 0);

    model.tick();
    QueueSnapshot fresh = sampleBoard();
    fresh.seq = 0;
    fresh.visits.erase(fresh.visits.begin());
    store.applySnapshot(fresh); // a new stream: row-by-row changes
    QCOMPARE(model.rowCount(), 4);
    store.markDisconnected();
    store.clear(); // reset
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(proxy.rowCount(), 0);
    store.applySnapshot(sampleBoard());
    QCOMPARE(model.rowCount(), 5);
}

void VisitTableModelTest::columnsDescribeTheVisit() {
    QueueStore store;
    VisitTableModel model(store);
    model.setClock([] { return kNowMs; });
    store.applySnapshot(sampleBoard());
    QCOMPARE(model.columnCount(), 8);
    QCOMPARE(model.headerData(VisitTableModel::WaitingColumn, Qt::Horizontal).toString(),
             QStringLiteral("Waiting"));

    const int ana = rowOf(model, 1);
    const auto cell = [&](int row, int column) {
        return model.index(row, column).data().toString();
    };
    QCOMPARE(cell(ana, VisitTableModel::PatientColumn), QStringLiteral("Ana Patient"));
    // Born 29 February 1984; "now" is 2 March 2026.
    QCOMPARE(cell(ana, VisitTableModel::AgeColumn), QStringLiteral("42"));
    QCOMPARE(cell(ana, VisitTableModel::StateColumn), QStringLiteral("AZ"));
    QCOMPARE(cell(ana, VisitTableModel::WaitingColumn), QStringLiteral("30:34"));
    QCOMPARE(cell(ana, VisitTableModel::StatusColumn), QStringLiteral("Waiting"));
    QCOMPARE(cell(ana, VisitTableModel::PriorityColumn), QStringLiteral("Normal"));
    QCOMPARE(cell(ana, VisitTableModel::ProviderColumn), QString());
    const QString tip =
        model.index(ana, VisitTableModel::WaitingColumn).data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(QLatin1String("1st in line")), qPrintable(tip));
    QVERIFY2(tip.contains(QLatin1String("Estimated wait 4 min")), qPrintable(tip));

    const int cy = rowOf(model, 3);
    QCOMPARE(cell(cy, VisitTableModel::ReasonColumn), QStringLiteral("Rash on both arms"));
    QCOMPARE(model.index(cy, VisitTableModel::ReasonColumn).data(Qt::ToolTipRole).toString(),
             QStringLiteral("  Rash on\nboth arms  "));
    QCOMPARE(cell(cy, VisitTableModel::WaitingColumn), QStringLiteral("1:06:40"));

    const int di = rowOf(model, 4);
    QCOMPARE(cell(di, VisitTableModel::StatusColumn), QStringLiteral("Assigned"));
    QCOMPARE(cell(di, VisitTableModel::ProviderColumn), QStringLiteral("Dr. Bob Ruiz"));
    QCOMPARE(model.index(di, 0).data(VisitTableModel::ProviderIdRole).toLongLong(), 7);

    const int eve = rowOf(model, 5);
    QCOMPARE(cell(eve, VisitTableModel::PriorityColumn), QStringLiteral("2"));
    QVERIFY(
        model.index(eve, VisitTableModel::PriorityColumn).data(Qt::FontRole).value<QFont>().bold());
    QCOMPARE(cell(eve, VisitTableModel::StatusColumn), QStringLiteral("In visit"));
    // Babies' ages are in months.
    QCOMPARE(cell(eve, VisitTableModel::AgeColumn), QStringLiteral("13 mo"));
    QCOMPARE(model.index(eve, 0).data(VisitTableModel::AgeYearsRole).toInt(), 1);
    QCOMPARE(model.index(eve, 0).data(VisitTableModel::StatusRole).toInt(),
             int(VisitStatus::InVisit));
    QCOMPARE(model.index(eve, 0).data(VisitTableModel::StateCodeRole).toString(),
             QStringLiteral("TX"));
    QCOMPARE(model.index(eve, 3).data(VisitTableModel::WaitingSecondsRole).toLongLong(), 50);
    QVERIFY(model.roleNames().contains(VisitTableModel::VisitIdRole));
    QCOMPARE(int(VisitTableModel::VisitIdRole), Qt::UserRole + 1);
}

void VisitTableModelTest::ageCountsBirthdays_data() {
    QTest::addColumn<QDate>("born");
    QTest::addColumn<QDate>("today");
    QTest::addColumn<int>("years");
    QTest::newRow("birthday today") << QDate(1990, 6, 1) << QDate(2026, 6, 1) << 36;
    QTest::newRow("day before") << QDate(1990, 6, 1) << QDate(2026, 5, 31) << 35;
    QTest::newRow("leap day, common year, 28 Feb")
        << QDate(2000, 2, 29) << QDate(2026, 2, 28) << 25;
    QTest::newRow("leap day, common year, 1 Mar") << QDate(2000, 2, 29) << QDate(2026, 3, 1) << 26;
    QTest::newRow("leap day, leap year") << QDate(2000, 2, 29) << QDate(2028, 2, 29) << 28;
    QTest::newRow("newborn") << QDate(2026, 3, 1) << QDate(2026, 3, 2) << 0;
    QTest::newRow("born in the future") << QDate(2027, 1, 1) << QDate(2026, 3, 2) << -1;
    QTest::newRow("unknown") << QDate() << QDate(2026, 3, 2) << -1;
}

void VisitTableModelTest::ageCountsBirthdays() {
    QFETCH(QDate, born);
    QFETCH(QDate, today);
    QFETCH(int, years);
    QCOMPARE(VisitTableModel::ageInYears(born, today), years);
}

void VisitTableModelTest::waitingTicksOnlyThatColumn() {
    QueueStore store;
    VisitTableModel model(store);
    qint64 now = kNowMs;
    model.setClock([&] { return now; });
    store.applySnapshot(sampleBoard());
    const int ana = rowOf(model, 1);
    QCOMPARE(model.index(ana, VisitTableModel::WaitingColumn).data().toString(),
             QStringLiteral("30:34"));

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    now += 5000;
    model.tick();
    QCOMPARE(changed.size(), 1);
    const auto topLeft = changed.at(0).at(0).toModelIndex();
    const auto bottomRight = changed.at(0).at(1).toModelIndex();
    QCOMPARE(topLeft.column(), int(VisitTableModel::WaitingColumn));
    QCOMPARE(bottomRight.column(), int(VisitTableModel::WaitingColumn));
    QCOMPARE(topLeft.row(), 0);
    QCOMPARE(bottomRight.row(), model.rowCount() - 1);
    QCOMPARE(model.index(ana, VisitTableModel::WaitingColumn).data().toString(),
             QStringLiteral("30:39"));

    // The timer does the same by itself, about once a second.
    changed.clear();
    QVERIFY(changed.wait(2000));
    QCOMPARE(changed.at(0).at(0).toModelIndex().column(), int(VisitTableModel::WaitingColumn));
    QCOMPARE(changed.at(0).at(1).toModelIndex().column(), int(VisitTableModel::WaitingColumn));
}

void VisitTableModelTest::tickerRunsOnlyWithVisits() {
    QueueStore store;
    VisitTableModel model(store);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QueueSnapshot empty;
    empty.states = {stateQueue("AZ", "Arizona")};
    store.applySnapshot(empty);
    QTest::qWait(1300);
    QCOMPARE(changed.size(), 0);
}

void VisitTableModelTest::unsortedOrderIsQueueOrder() {
    QueueStore store;
    VisitTableModel model(store);
    VisitFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    store.applySnapshot(sampleBoard());
    // Priority first (Ben and Eve: 2), then whoever waited longest.
    QCOMPARE(column(proxy, VisitTableModel::PatientColumn),
             (QStringList{QStringLiteral("Ben Patient"), QStringLiteral("Eve Patient"),
                          QStringLiteral("Cy Patient"), QStringLiteral("Ana Patient"),
                          QStringLiteral("Di Patient")}));
    // A raised priority moves the visit up at once.
    QueueDelta delta;
    delta.seq = 2;
    delta.visits = {queueVisit(1, "AZ", "Ana", 1834, 9)};
    QVERIFY(store.applyDelta(delta));
    QCOMPARE(proxy.index(0, VisitTableModel::PatientColumn).data().toString(),
             QStringLiteral("Ana Patient"));
    // New arrivals go to the end of their priority.
    delta.seq = 3;
    delta.visits = {queueVisit(9, "AZ", "Zed", 1)};
    QVERIFY(store.applyDelta(delta));
    QCOMPARE(proxy.index(proxy.rowCount() - 1, VisitTableModel::PatientColumn).data().toString(),
             QStringLiteral("Zed Patient"));
}

void VisitTableModelTest::headersSortByWhatTheyShow() {
    QueueStore store;
    VisitTableModel model(store);
    model.setClock([] { return kNowMs; });
    VisitFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    store.applySnapshot(sampleBoard());

    proxy.sort(VisitTableModel::WaitingColumn, Qt::DescendingOrder);
    QCOMPARE(
        column(proxy, VisitTableModel::WaitingColumn),
        (QStringList{QStringLiteral("1:06:40"), QStringLiteral("30:34"), QStringLiteral("10:00"),
                     QStringLiteral("1:40"), QStringLiteral("0:50")}));
    // The clock ticking does not shuffle a table sorted by waiting time.
    model.tick();
    QCOMPARE(proxy.index(0, VisitTableModel::PatientColumn).data().toString(),
             QStringLiteral("Cy Patient"));

    proxy.sort(VisitTableModel::AgeColumn, Qt::AscendingOrder);
    QCOMPARE(proxy.index(0, VisitTableModel::PatientColumn).data().toString(),
             QStringLiteral("Eve Patient")); // the baby

    proxy.sort(VisitTableModel::StateColumn, Qt::AscendingOrder);
    QCOMPARE(column(proxy, VisitTableModel::StateColumn).first(), QStringLiteral("AZ"));
    QCOMPARE(column(proxy, VisitTableModel::StateColumn).last(), QStringLiteral("WA"));
}

void VisitTableModelTest::filtersByStatesStatusesAndText() {
    QueueStore store;
    VisitTableModel model(store);
    VisitFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    QSignalSpy filterChanged(&proxy, &VisitFilterProxyModel::filterChanged);
    store.applySnapshot(sampleBoard());
    QCOMPARE(proxy.rowCount(), 5);

    proxy.setStates({QStringLiteral("AZ")});
    QCOMPARE(column(proxy, VisitTableModel::StateColumn),
             (QStringList{QStringLiteral("AZ"), QStringLiteral("AZ")}));
    proxy.setStates({QStringLiteral("AZ"), QStringLiteral("WA")});
    QCOMPARE(proxy.rowCount(), 3);

    proxy.setStatuses({VisitStatus::Waiting, VisitStatus::Ready});
    QCOMPARE(proxy.rowCount(), 2);
    proxy.setStates({});
    QCOMPARE(proxy.rowCount(), 3); // Ana, Ben, Cy: everyone in line
    proxy.setStatuses({VisitStatus::InVisit});
    QCOMPARE(column(proxy, VisitTableModel::PatientColumn),
             QStringList{QStringLiteral("Eve Patient")});
    proxy.setStatuses({});

    proxy.setSearchText(QStringLiteral("  rash  "));
    QCOMPARE(column(proxy, VisitTableModel::PatientColumn),
             QStringList{QStringLiteral("Cy Patient")});
    proxy.setSearchText(QStringLiteral("BEN"));
    QCOMPARE(column(proxy, VisitTableModel::PatientColumn),
             QStringList{QStringLiteral("Ben Patient")});
    proxy.setSearchText({});
    QCOMPARE(proxy.rowCount(), 5);
    QCOMPARE(filterChanged.size(), 9);
    proxy.setSearchText({}); // no change, no signal
    QCOMPARE(filterChanged.size(), 9);
}

void VisitTableModelTest::filterFollowsChanges() {
    QueueStore store;
    VisitTableModel model(store);
    VisitFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    store.applySnapshot(sampleBoard());
    proxy.setStatuses({VisitStatus::Waiting, VisitStatus::Ready});
    QCOMPARE(proxy.rowCount(), 3);
    // Ana is taken by a provider: she leaves the "in line" view.
    QueueDelta delta;
    delta.seq = 2;
    delta.visits = {queueVisit(1, "AZ", "Ana", 1834, 0, "assigned")};
    QVERIFY(store.applyDelta(delta));
    QCOMPARE(proxy.rowCount(), 2);
    QCOMPARE(rowOf(proxy, 1), -1);
}

QTEST_MAIN(VisitTableModelTest)
#include "VisitTableModelTest.moc"
