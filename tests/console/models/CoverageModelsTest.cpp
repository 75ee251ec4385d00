#include "QueueBoardSamples.h"
#include "models/CoverageLook.h"
#include "models/CoverageTableModel.h"
#include "models/ProviderStatusText.h"
#include "models/ProviderTableModel.h"
#include "state/QueueStore.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

using caredesk::console::coverageLook;
using caredesk::console::CoverageTableModel;
using caredesk::console::ProviderStanding;
using caredesk::console::ProviderStatusRow;
using caredesk::console::ProviderTableModel;
using caredesk::console::QueueStore;
using caredesk::console::StateCoverage;
using caredesk::console::StateQueueRow;
using caredesk::console::timeOfDayText;
using caredesk::console::test::coverageSample;
using caredesk::console::test::coveredState;
using caredesk::console::test::kNowMs;
using caredesk::console::test::providerStatus;
using caredesk::protocol::QueueDelta;

namespace {

constexpr qint64 kHourMs = 3'600'000;

int rowOf(const QAbstractItemModel &model, int role, const QVariant &key) {
    for (int row = 0; row < model.rowCount(); ++row) {
        if (model.index(row, 0).data(role) == key)
            return row;
    }
    return -1;
}

// The cell of the row whose key (in keyRole) is key.
QString cell(const QAbstractItemModel &model, int keyRole, const QVariant &key, int column,
             int role = Qt::DisplayRole) {
    const int row = rowOf(model, keyRole, key);
    return row < 0 ? QStringLiteral("<no row>") : model.index(row, column).data(role).toString();
}

QString stateCell(const CoverageTableModel &model, const char *code, int column,
                  int role = Qt::DisplayRole) {
    return cell(model, CoverageTableModel::StateCodeRole, QString::fromLatin1(code), column, role);
}

QString providerCell(const ProviderTableModel &model, qint64 id, int column) {
    return cell(model, ProviderTableModel::ProviderIdRole, id, column);
}

} // namespace

// The coverage of each state as a table and the providers as a list: the
// levels and flags, the counts, the status and shift texts, live changes.
class CoverageModelsTest : public QObject {
    Q_OBJECT

private slots:
    void coverageLevels_data();
    void coverageLevels();
    void coverageTableCountsAndFlags();
    void worstCoverageSortsFirst();
    void deltasRecolourAState();
    void providerStatusAndShiftTexts();
    void providersSortFreeFirst();
    void providerListFollowsTheStream();
};

void CoverageModelsTest::coverageLevels_data() {
    QTest::addColumn<qint64>("waiting");
    QTest::addColumn<qint64>("licensed");
    QTest::addColumn<qint64>("onShift");
    QTest::addColumn<qint64>("free");
    QTest::addColumn<QString>("status");
    QTest::addColumn<StateCoverage>("coverage");
    QTest::addColumn<bool>("flagged");
    QTest::newRow("free provider, patients waiting")
        << qint64(3) << qint64(2) << qint64(2) << qint64(1) << "open" << StateCoverage::Covered
        << false;
    QTest::newRow("free provider, nobody waiting")
        << qint64(0) << qint64(1) << qint64(1) << qint64(1) << "busy" << StateCoverage::Covered
        << false;
    QTest::newRow("waiting, everybody busy") << qint64(2) << qint64(3) << qint64(2) << qint64(0)
                                             << "open" << StateCoverage::NoProviderFree << true;
    QTest::newRow("waiting, nobody on shift") << qint64(1) << qint64(2) << qint64(0) << qint64(0)
                                              << "open" << StateCoverage::Uncovered << true;
    QTest::newRow("waiting, nobody licensed") << qint64(1) << qint64(0) << qint64(0) << qint64(0)
                                              << "open" << StateCoverage::Uncovered << true;
    // Patients accepted before it closed must still be seen.
    QTest::newRow("closed with patients left") << qint64(2) << qint64(1) << qint64(0) << qint64(0)
                                               << "closed" << StateCoverage::Uncovered << true;
    QTest::newRow("closed and empty") << qint64(0) << qint64(2) << qint64(2) << qint64(2)
                                      << "closed" << StateCoverage::Closed << false;
    QTest::newRow("open, nobody free, nobody waiting")
        << qint64(0) << qint64(2) << qint64(1) << qint64(0) << "open" << StateCoverage::Unstaffed
        << false;
}

void CoverageModelsTest::coverageLevels() {
    QFETCH(qint64, waiting);
    QFETCH(qint64, licensed);
    QFETCH(qint64, onShift);
    QFETCH(qint64, free);
    QFETCH(QString, status);
    QFETCH(StateCoverage, coverage);
    QFETCH(bool, flagged);
    const StateQueueRow row = StateQueueRow::fromProtocol(
        coveredState("TX", "Texas", waiting, licensed, onShift, free, 0, status.toStdString()));
    QCOMPARE(row.coverage(), coverage);
    QCOMPARE(row.needsAttention(), flagged);
    // Every level has its own look.
    QVERIFY(!coverageLook(coverage).label.isEmpty());
    QVERIFY(coverageLook(coverage).fill.isValid());
}

void CoverageModelsTest::coverageTableCountsAndFlags() {
    QueueStore store;
    CoverageTableModel model(store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    store.applySnapshot(coverageSample());
    QCOMPARE(model.rowCount(), 18);
    QCOMPARE(model.columnCount(), int(CoverageTableModel::ColumnCount));

    // Arizona: Bob in a visit, Ifeoma on a break, three waiting.
    using Model = CoverageTableModel;
    QCOMPARE(stateCell(model, "AZ", Model::StateColumn), QStringLiteral("Arizona"));
    QCOMPARE(stateCell(model, "AZ", Model::CoverageColumn), QStringLiteral("All busy"));
    QCOMPARE(stateCell(model, "AZ", Model::WaitingColumn), QStringLiteral("3"));
    QCOMPARE(stateCell(model, "AZ", Model::LicensedColumn), QStringLiteral("2"));
    QCOMPARE(stateCell(model, "AZ", Model::OnShiftColumn), QStringLiteral("2"));
    QCOMPARE(stateCell(model, "AZ", Model::FreeColumn), QStringLiteral("0"));
    QCOMPARE(stateCell(model, "AZ", Model::InVisitColumn), QStringLiteral("1"));
    QCOMPARE(stateCell(model, "AZ", Model::EstimatedWaitColumn), QStringLiteral("no provider"));
    QCOMPARE(stateCell(model, "AZ", 0, Model::FlaggedRole), QStringLiteral("true"));
    // Oregon: Sam is offline; nobody is on shift.
    QCOMPARE(stateCell(model, "OR", Model::CoverageColumn), QStringLiteral("Nobody on shift"));
    QCOMPARE(stateCell(model, "OR", Model::OnShiftColumn), QStringLiteral("0"));
    // New Jersey: Lou's shift is over, however available he said he was.
    QCOMPARE(stateCell(model, "NJ", Model::CoverageColumn), QStringLiteral("Nobody on shift"));
    // California: Mei is free.
    QCOMPARE(stateCell(model, "CA", Model::CoverageColumn), QStringLiteral("Provider free"));
    QCOMPARE(stateCell(model, "CA", 0, Model::FlaggedRole), QStringLiteral("false"));
    QCOMPARE(stateCell(model, "NV", Model::CoverageColumn), QStringLiteral("Nobody free"));
    QCOMPARE(stateCell(model, "UT", Model::CoverageColumn), QStringLiteral("Closed"));

    // The level's colour comes as a swatch, and flagged rows are tinted.
    const int az = rowOf(model, Model::StateCodeRole, QStringLiteral("AZ"));
    QCOMPARE(model.index(az, Model::CoverageColumn).data(Qt::DecorationRole).value<QColor>(),
             coverageLook(StateCoverage::NoProviderFree).fill);
    QVERIFY(model.index(az, Model::StateColumn).data(Qt::BackgroundRole).isValid());
    const int ca = rowOf(model, Model::StateCodeRole, QStringLiteral("CA"));
    QVERIFY(!model.index(ca, Model::StateColumn).data(Qt::BackgroundRole).isValid());
    const QString tip = model.index(az, 0).data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(QLatin1String("Arizona (AZ): waiting, all busy")), qPrintable(tip));
    QVERIFY2(tip.contains(QStringLiteral("on shift 2 · free 0 · in a visit 1")), qPrintable(tip));
    QCOMPARE(model.headerData(Model::FreeColumn, Qt::Horizontal).toString(),
             QStringLiteral("Free"));
}

void CoverageModelsTest::worstCoverageSortsFirst() {
    QueueStore store;
    CoverageTableModel model(store);
    QSortFilterProxyModel sorted;
    sorted.setSourceModel(&model);
    sorted.setSortRole(CoverageTableModel::SortRole);
    sorted.sort(CoverageTableModel::CoverageColumn, Qt::DescendingOrder);
    store.applySnapshot(coverageSample());
    QStringList order;
    for (int row = 0; row < 6; ++row)
        order.append(sorted.index(row, 0).data(CoverageTableModel::StateCodeRole).toString());
    // Nobody on shift first, then everybody busy; the most waiting first within each.
    QCOMPARE(order.mid(0, 4), (QStringList{QStringLiteral("OR"), QStringLiteral("NJ"),
                                           QStringLiteral("AZ"), QStringLiteral("GA")}));
    QCOMPARE((QSet<QString>{order[4], order[5]}),
             (QSet<QString>{QStringLiteral("TX"), QStringLiteral("CO")}));
}

void CoverageModelsTest::deltasRecolourAState() {
    QueueStore store;
    CoverageTableModel model(store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    store.applySnapshot(coverageSample());
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    // Ifeoma is back from her break: Arizona has a provider free.
    QueueDelta delta;
    delta.seq = 2;
    delta.states = {coveredState("AZ", "Arizona", 3, 2, 2, 1, 1, "busy")};
    QVERIFY(store.applyDelta(delta));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(stateCell(model, "AZ", CoverageTableModel::CoverageColumn),
             QStringLiteral("Provider free"));
    QCOMPARE(stateCell(model, "AZ", CoverageTableModel::FreeColumn), QStringLiteral("1"));
    // Arizona no longer served: its row goes.
    delta.seq = 3;
    delta.states.clear();
    delta.removedStates = {"AZ"};
    QVERIFY(store.applyDelta(delta));
    QCOMPARE(rowOf(model, CoverageTableModel::StateCodeRole, QStringLiteral("AZ")), -1);
    QCOMPARE(model.rowCount(), 17);
}

void CoverageModelsTest::providerStatusAndShiftTexts() {
    QueueStore store;
    ProviderTableModel model(store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setClock([] { return kNowMs; });
    store.applySnapshot(coverageSample());
    QCOMPARE(model.rowCount(), 9);
    using Model = ProviderTableModel;
    QCOMPARE(providerCell(model, 11, Model::NameColumn), QStringLiteral("Dr. Mei Chen"));
    QCOMPARE(providerCell(model, 11, Model::StatusColumn), QStringLiteral("Available"));
    QCOMPARE(providerCell(model, 11, Model::StatesColumn), QStringLiteral("CA, WA"));
    QCOMPARE(providerCell(model, 11, Model::ShiftColumn),
             timeOfDayText(kNowMs - 6 * kHourMs, kNowMs) + QStringLiteral("–") +
                 timeOfDayText(kNowMs + 4 * kHourMs, kNowMs));
    QCOMPARE(providerCell(model, 11, Model::SinceColumn), timeOfDayText(kNowMs - kHourMs, kNowMs));
    QCOMPARE(providerCell(model, 12, Model::StatusColumn), QStringLiteral("In visit"));
    QCOMPARE(providerCell(model, 12, Model::SinceColumn), QString()); // a visit is not set
    QCOMPARE(providerCell(model, 12, Model::ShiftColumn), QStringLiteral("no shift set"));
    QCOMPARE(providerCell(model, 13, Model::StatusColumn), QStringLiteral("On break"));
    QCOMPARE(providerCell(model, 14, Model::StatusColumn), QStringLiteral("Offline"));
    // Lou set himself available, but his shift ended two hours ago.
    QCOMPARE(providerCell(model, 15, Model::StatusColumn),
             QStringLiteral("Off shift — shift ended ") +
                 timeOfDayText(kNowMs - 2 * kHourMs, kNowMs));
    const int lou = rowOf(model, Model::ProviderIdRole, qint64(15));
    QCOMPARE(model.index(lou, 0).data(Model::StandingRole).toInt(),
             int(ProviderStanding::OffShift));
    QCOMPARE(model.index(lou, 0).data(Model::FreeRole).toBool(), false);
    QCOMPARE(model.index(lou, Model::StatusColumn).data(Qt::DecorationRole).value<QColor>(),
             caredesk::console::standingColour(ProviderStanding::OffShift));

    // A shift that has not started yet says when it does; a day not today is named.
    ProviderStatusRow early = store.providers()[0];
    early.onShift = false;
    early.shiftStartsAtMs = kNowMs + 20 * kHourMs;
    early.shiftEndsAtMs = kNowMs + 28 * kHourMs;
    const QString starts = caredesk::console::providerStatusText(early, kNowMs);
    QVERIFY2(starts.startsWith(QStringLiteral("Off shift — starts ")), qPrintable(starts));
    QVERIFY2(timeOfDayText(kNowMs + 20 * kHourMs, kNowMs).contains(QLatin1Char(' ')),
             "tomorrow's time names the day");
}

void CoverageModelsTest::providersSortFreeFirst() {
    QueueStore store;
    ProviderTableModel model(store);
    QSortFilterProxyModel sorted;
    sorted.setSourceModel(&model);
    sorted.setSortRole(ProviderTableModel::SortRole);
    sorted.sort(ProviderTableModel::StatusColumn, Qt::AscendingOrder);
    store.applySnapshot(coverageSample());
    QStringList names;
    for (int row = 0; row < sorted.rowCount(); ++row)
        names.append(sorted.index(row, ProviderTableModel::NameColumn).data().toString());
    QCOMPARE(names,
             (QStringList{QStringLiteral("Dr. Ahmed Hassan"), QStringLiteral("Dr. Grace Kim"),
                          QStringLiteral("Dr. Mei Chen"), QStringLiteral("Dr. Rosa Díaz"),
                          QStringLiteral("Dr. Bob Ruiz"), QStringLiteral("Dr. Tom Baker"),
                          QStringLiteral("Dr. Ifeoma Okafor"), QStringLiteral("Dr. Lou Park"),
                          QStringLiteral("Dr. Sam Patel")}));
}

void CoverageModelsTest::providerListFollowsTheStream() {
    QueueStore store;
    ProviderTableModel model(store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setClock([] { return kNowMs; });
    store.applySnapshot(coverageSample());
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QueueDelta delta;
    delta.seq = 2;
    delta.providers = {providerStatus(13, "Dr. Ifeoma Okafor", "available", {"AZ", "FL", "GA"}),
                       providerStatus(20, "Dr. Nia Brooks", "available", {"TX"})};
    delta.removedProviderIds = {14};
    QVERIFY(store.applyDelta(delta));
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(removed.size(), 1);
    QCOMPARE(providerCell(model, 13, ProviderTableModel::StatusColumn),
             QStringLiteral("Available"));
    QCOMPARE(providerCell(model, 20, ProviderTableModel::StatesColumn), QStringLiteral("TX"));
    QCOMPARE(rowOf(model, ProviderTableModel::ProviderIdRole, qint64(14)), -1);
    store.clear();
    QCOMPARE(model.rowCount(), 0);
}

QTEST_MAIN(CoverageModelsTest)
#include "CoverageModelsTest.moc"
