#include "ui/CoverageBoardView.h"

#include "CoverageBoardControls.h"
#include "IsolatedSettings.h"
#include "QueueBoardSamples.h"
#include "QueueBoardViewControls.h"
#include "ServerProcess.h"
#include "models/ProviderTableModel.h"
#include "models/VisitFilterProxyModel.h"
#include "state/ChatThreadStore.h"
#include "state/QueueStore.h"
#include "state/SessionState.h"
#include "state/StateSettingsStore.h"
#include "ui/MainWindow.h"
#include "ui/QueueBoardView.h"
#include "ui/ShiftDialog.h"
#include "ui/StateTileMap.h"
#include "ui/VisitFilterBar.h"

#include <QAction>
#include <QCheckBox>
#include <QDateTimeEdit>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using caredesk::console::ChatThreadStore;
using caredesk::console::CoverageBoardView;
using caredesk::console::MainWindow;
using caredesk::console::ProviderTableModel;
using caredesk::console::QueueStore;
using caredesk::console::RequestFailure;
using caredesk::console::SessionState;
using caredesk::console::ShiftDialog;
using caredesk::console::ShiftRequest;
using caredesk::console::StateSettingsStore;
using caredesk::console::StateTileMap;
using caredesk::console::test::caregiver;
using caredesk::console::test::coverageSample;
using caredesk::console::test::IsolatedSettings;
using caredesk::console::test::kNowMs;
using caredesk::console::test::selectProvider;
using caredesk::console::test::ServerProcess;

namespace {

void clickTile(StateTileMap &map, const char *code) {
    QTest::mouseClick(&map, Qt::LeftButton, {},
                      map.tileRect(QString::fromLatin1(code)).center().toPoint());
}

QStringList providerNames(const QTableView &table) {
    QStringList names;
    for (int row = 0; row < table.model()->rowCount(); ++row)
        names.append(table.model()->index(row, ProviderTableModel::NameColumn).data().toString());
    names.sort();
    return names;
}

} // namespace

// The coverage board in the main window: the map narrows the queue board,
// the provider list follows, admins set shifts; and its screenshot.
class CoverageBoardViewTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void clickingATileFiltersTheQueueBoard();
    void summaryNamesTheFlaggedStates();
    void everyoneSeesItOnlyAdminsSetShifts();
    void adminSetsAProvidersShift();
    void mapAndTablesFollowThePaneSize();
    void screenshot();

private:
    std::unique_ptr<IsolatedSettings> m_settings;
    std::unique_ptr<SessionState> m_session;
    std::unique_ptr<QueueStore> m_store;
    std::unique_ptr<StateSettingsStore> m_stateSettings;
    std::unique_ptr<ChatThreadStore> m_chats;
    std::unique_ptr<MainWindow> m_window;
};

void CoverageBoardViewTest::initTestCase() {
    QCoreApplication::setOrganizationName(QStringLiteral("CareDeskTests"));
    QCoreApplication::setApplicationName(QStringLiteral("coverage-board-test"));
    m_settings = std::make_unique<IsolatedSettings>();
    QVERIFY(m_settings->isValid());
}

void CoverageBoardViewTest::init() {
    m_session = std::make_unique<SessionState>();
    m_session->setCaregiver(caregiver({QStringLiteral("support")}));
    m_store = std::make_unique<QueueStore>();
    m_stateSettings = std::make_unique<StateSettingsStore>();
    m_chats = std::make_unique<ChatThreadStore>();
    m_window = std::make_unique<MainWindow>(*m_session, *m_store, *m_stateSettings, *m_chats);
    m_window->coverageBoard().setClock([] { return kNowMs; });
    m_window->queueBoard().setClock([] { return kNowMs; });
    m_store->applySnapshot(coverageSample());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void CoverageBoardViewTest::cleanup() {
    m_window.reset();
    m_chats.reset();
    m_stateSettings.reset();
    m_store.reset();
    m_session.reset();
}

void CoverageBoardViewTest::clickingATileFiltersTheQueueBoard() {
    CoverageBoardView &coverage = m_window->coverageBoard();
    const auto &proxy = m_window->queueBoard().visitProxy();
    StateTileMap &map = coverage.tileMap();
    QVERIFY(!map.tileRect(QStringLiteral("OR")).isEmpty());
    auto *allStates = coverage.findChild<QPushButton *>(QStringLiteral("coverageAllStates"));
    QVERIFY(allStates->isHidden());

    clickTile(map, "OR");
    QCOMPARE(proxy.states(), QSet<QString>{QStringLiteral("OR")});
    QCOMPARE(m_window->queueBoard().filterBar().stateButtonText(), QStringLiteral("OR"));
    QCOMPARE(m_window->queueBoard().visitTable()->model()->rowCount(), 2);
    QCOMPARE(map.selectedStates(), QSet<QString>{QStringLiteral("OR")});
    QVERIFY(!allStates->isHidden());
    // The provider list narrows to who could see Oregon's patients.
    QCOMPARE(providerNames(*coverage.providerTable()),
             QStringList{QStringLiteral("Dr. Sam Patel")});

    // Again: every state again.
    clickTile(map, "OR");
    QVERIFY(proxy.states().isEmpty());
    QVERIFY(map.selectedStates().isEmpty());
    QCOMPARE(coverage.providerTable()->model()->rowCount(), 9);

    // Another state, then "All states".
    clickTile(map, "AZ");
    QCOMPARE(proxy.states(), QSet<QString>{QStringLiteral("AZ")});
    QCOMPARE(providerNames(*coverage.providerTable()),
             (QStringList{QStringLiteral("Dr. Bob Ruiz"), QStringLiteral("Dr. Ifeoma Okafor")}));
    QTest::mouseClick(allStates, Qt::LeftButton);
    QVERIFY(proxy.states().isEmpty());
    QVERIFY(allStates->isHidden());

    // The queue board's own state menu shows on the map as well.
    m_window->queueBoard().filterBar().toggleOnlyState(QStringLiteral("TX"));
    QCOMPARE(map.selectedStates(), QSet<QString>{QStringLiteral("TX")});

    // Enter on a row of the coverage table does what a click on its tile does.
    QTableView *table = coverage.stateTable();
    table->setFocus();
    table->setCurrentIndex(table->model()->index(0, 0)); // the worst: Oregon
    QTest::keyClick(table, Qt::Key_Return);
    QCOMPARE(proxy.states(), QSet<QString>{QStringLiteral("OR")});
}

void CoverageBoardViewTest::summaryNamesTheFlaggedStates() {
    CoverageBoardView &coverage = m_window->coverageBoard();
    QCOMPARE(coverage.summaryText(),
             QStringLiteral("6 states need attention: nobody on shift in NJ, OR; "
                            "all busy in AZ, CO, GA, TX"));
    auto *tabs = coverage.findChild<QTabWidget *>(QStringLiteral("coverageTabs"));
    const int providersTab = tabs->count() - 1;
    QCOMPARE(tabs->tabText(providersTab), QStringLiteral("Providers (4 free of 9)"));

    // Live: Georgia's provider is back from her break.
    caredesk::protocol::QueueDelta delta;
    delta.seq = 2;
    delta.states = {caredesk::console::test::coveredState("GA", "Georgia", 2, 1, 1, 1, 0)};
    delta.providers = {caredesk::console::test::providerStatus(13, "Dr. Ifeoma Okafor", "available",
                                                               {"AZ", "FL", "GA"})};
    QVERIFY(m_store->applyDelta(delta));
    QCOMPARE(coverage.summaryText(),
             QStringLiteral("5 states need attention: nobody on shift in NJ, OR; "
                            "all busy in AZ, CO, TX"));
    QCOMPARE(tabs->tabText(providersTab), QStringLiteral("Providers (5 free of 9)"));
}

void CoverageBoardViewTest::everyoneSeesItOnlyAdminsSetShifts() {
    CoverageBoardView &coverage = m_window->coverageBoard();
    auto *setShift = coverage.findChild<QPushButton *>(QStringLiteral("setProviderShift"));
    auto *action = coverage.findChild<QAction *>(QStringLiteral("setProviderShiftAction"));
    for (const QStringList &roles :
         {QStringList{QStringLiteral("support")}, QStringList{QStringLiteral("provider")}}) {
        m_session->setCaregiver(caregiver(roles));
        QVERIFY(coverage.isVisible());
        QVERIFY(!setShift->isVisible());
        QVERIFY(!action->isVisible());
        QVERIFY(selectProvider(*coverage.providerTable(), 13));
        coverage.openShiftDialog();
        QVERIFY(!coverage.shiftDialog());
    }
    m_session->setCaregiver(caregiver({QStringLiteral("admin")}));
    QVERIFY(action->isVisible());
    QVERIFY(action->isEnabled()); // a provider is selected
}

void CoverageBoardViewTest::adminSetsAProvidersShift() {
    m_session->setCaregiver(caregiver({QStringLiteral("admin")}));
    CoverageBoardView &coverage = m_window->coverageBoard();
    QSignalSpy requested(&coverage, &CoverageBoardView::shiftRequested);
    auto *setShift = coverage.findChild<QPushButton *>(QStringLiteral("setProviderShift"));
    auto *tabs = coverage.findChild<QTabWidget *>(QStringLiteral("coverageTabs"));
    tabs->setCurrentIndex(tabs->count() - 1); // the providers
    QVERIFY(selectProvider(*coverage.providerTable(), 11));
    QTest::mouseClick(setShift, Qt::LeftButton);
    ShiftDialog *dialog = coverage.shiftDialog();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    QCOMPARE(dialog->windowTitle(), QStringLiteral("Shift of Dr. Mei Chen"));
    QCOMPARE(dialog->providerId(), std::optional<qint64>(11));
    // Her shift as set now, to change.
    QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("currentShift"))
                ->text()
                .startsWith(QLatin1String("Set now: ")));
    QVERIFY(dialog->startsBox()->isChecked());
    QCOMPARE(dialog->endsEdit()->dateTime().toMSecsSinceEpoch(), kNowMs + 4 * 3'600'000);

    // Checked against the board's clock, as the server will.
    const QDateTime start = QDateTime::fromMSecsSinceEpoch(kNowMs + 3'600'000).toLocalTime();
    dialog->startsEdit()->setDateTime(start);
    dialog->endsEdit()->setDateTime(start.addSecs(-600));
    QCOMPARE(dialog->errorText(QStringLiteral("endsAt")),
             QStringLiteral("The shift must end after it starts."));
    QVERIFY(!dialog->saveButton()->isEnabled());
    dialog->endsEdit()->setDateTime(start.addSecs(25 * 3600));
    QCOMPARE(dialog->errorText(QStringLiteral("endsAt")),
             QStringLiteral("A shift is at most 24 hours."));
    dialog->endsEdit()->setDateTime(start.addSecs(8 * 3600));
    QCOMPARE(dialog->errorText(QStringLiteral("endsAt")), QString());
    QTest::mouseClick(dialog->saveButton(), Qt::LeftButton);
    QCOMPARE(requested.size(), 1);
    const auto request = requested.at(0).at(0).value<ShiftRequest>();
    QCOMPARE(request.providerId, std::optional<qint64>(11));
    const qint64 startMs = kNowMs + 3'600'000; // on the minute already
    QCOMPARE(request.startsAtMs, std::optional<qint64>(startMs));
    QCOMPARE(request.endsAtMs, std::optional<qint64>(startMs + 8 * 3'600'000));
    QVERIFY(dialog->isBusy());

    // The server's refusal is said in the dialog, at the field it names;
    // an answer to another dialog's request is not this one's.
    coverage.showShiftFailed({std::nullopt, {}, {}}, {QStringLiteral("forbidden"), {}, {}, 0});
    QVERIFY(dialog->isBusy());
    coverage.showShiftFailed(request, RequestFailure{QStringLiteral("out_of_range"),
                                                     QStringLiteral("the shift has ended"),
                                                     QStringLiteral("body.endsAt"), 0});
    QVERIFY(!dialog->isBusy());
    QCOMPARE(dialog->errorText(QStringLiteral("endsAt")), QStringLiteral("The shift has ended"));
    QVERIFY(dialog->isVisible());

    // Saved: the dialog goes.
    QTest::mouseClick(dialog->saveButton(), Qt::LeftButton);
    QCOMPARE(requested.size(), 2);
    coverage.showShiftSaved(requested.at(1).at(0).value<ShiftRequest>());
    QTRY_VERIFY(!coverage.shiftDialog());

    // Clearing sends neither time.
    QTest::mouseClick(setShift, Qt::LeftButton);
    QTRY_VERIFY(coverage.shiftDialog());
    QVERIFY(coverage.shiftDialog()->clearButton()->isEnabled());
    QTest::mouseClick(coverage.shiftDialog()->clearButton(), Qt::LeftButton);
    QCOMPARE(requested.size(), 3);
    QCOMPARE(requested.at(2).at(0).value<ShiftRequest>(),
             (ShiftRequest{11, std::nullopt, std::nullopt}));
    coverage.shiftDialog()->reject();
}

void CoverageBoardViewTest::mapAndTablesFollowThePaneSize() {
    CoverageBoardView view(*m_store, *m_session);
    auto *splitter = view.findChild<QSplitter *>(QStringLiteral("coverageSplitter"));
    auto *tabs = view.findChild<QTabWidget *>(QStringLiteral("coverageTabs"));
    StateTileMap &map = view.tileMap();
    view.resize(900, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    // Wide: side by side, about half each.
    QCOMPARE(splitter->orientation(), Qt::Horizontal);
    QCOMPARE(tabs->indexOf(&map), -1);
    QVERIFY(map.width() > 350);
    // Tall and narrow (docked at a side): one above the other.
    view.resize(380, 760);
    QTRY_COMPARE(splitter->orientation(), Qt::Vertical);
    QCOMPARE(tabs->indexOf(&map), -1);
    QVERIFY(map.rect().contains(map.tileRect(QStringLiteral("ME")).toAlignedRect()));
    // Small (under the queue board): the map is a tab of its own, shown first.
    view.resize(600, 280);
    QTRY_COMPARE(tabs->indexOf(&map), 0);
    QCOMPARE(tabs->currentWidget(), &map);
    QCOMPARE(tabs->tabText(0), QStringLiteral("Map"));
    QTRY_VERIFY(map.width() > 500);
    tabs->setCurrentIndex(1);
    // And back: the map leaves the tabs again.
    view.resize(1000, 500);
    QTRY_COMPARE(tabs->indexOf(&map), -1);
    QCOMPARE(splitter->indexOf(&map), 0);
    QVERIFY(map.isVisible());
    QCOMPARE(tabs->tabText(0), QStringLiteral("States"));
    // The summary never widens the pane.
    QVERIFY(view.minimumSizeHint().width() < 400);
}

void CoverageBoardViewTest::screenshot() {
    // The board as a support person sees it mid-afternoon, on its own.
    CoverageBoardView view(*m_store, *m_session);
    view.setClock([] { return kNowMs; });
    view.resize(1280, 540);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    // The worst state picked in the table, as after a look down the list.
    view.stateTable()->setFocus();
    view.stateTable()->setCurrentIndex(view.stateTable()->model()->index(0, 0));
    QTest::qWait(200);
    auto folder = ServerProcess::makeFolder(QStringLiteral("caredesk-coverage-shot"));
    QVERIFY(folder);
    const QString path =
        ServerProcess::screenshotPath(*folder, QStringLiteral("console-coverage.png"));
    QVERIFY2(view.grab().save(path), qPrintable(path));
    qInfo("screenshot: %s", qPrintable(path));
}

QTEST_MAIN(CoverageBoardViewTest)
#include "CoverageBoardViewTest.moc"
