#include "ui/QueueBoardView.h"

#include "QueueBoardSamples.h"
#include "QueueBoardViewControls.h"
#include "models/StateTableModel.h"
#include "models/VisitFilterProxyModel.h"
#include "models/VisitTableModel.h"
#include "protocol/Messages.h"
#include "state/QueueStore.h"
#include "state/SessionState.h"
#include "ui/ProviderStatusButton.h"
#include "ui/RemoveVisitDialog.h"
#include "ui/VisitFilterBar.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using caredesk::console::ProviderStatusButton;
using caredesk::console::QueueBoardView;
using caredesk::console::QueueStore;
using caredesk::console::QueueVisitRow;
using caredesk::console::RemoveVisitDialog;
using caredesk::console::SessionInfo;
using caredesk::console::SessionState;
using caredesk::console::StateTableModel;
using caredesk::console::VisitTableModel;
using caredesk::console::test::action;
using caredesk::console::test::caregiver;
using caredesk::console::test::kNowMs;
using caredesk::console::test::providerStatus;
using caredesk::console::test::queueVisit;
using caredesk::console::test::sampleBoard;
using caredesk::console::test::selectState;
using caredesk::console::test::selectVisit;
using caredesk::console::test::stateQueue;
using caredesk::domain::AvailabilityStatus;
using caredesk::domain::StateStatus;
using caredesk::protocol::QueueDelta;
using caredesk::protocol::QueueSnapshot;

namespace {

QStringList visibleColumn(const QTableView &table, int column, int role = Qt::DisplayRole) {
    QStringList values;
    for (int row = 0; row < table.model()->rowCount(); ++row)
        values.append(table.model()->index(row, column).data(role).toString());
    return values;
}

} // namespace

class QueueBoardViewTest : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void showsTheBoardMostUrgentFirst();
    void actionsFollowTheRoles_data();
    void actionsFollowTheRoles();
    void visitActionsFollowTheVisitStatus();
    void priorityChangesFromTheKeyboard();
    void removalAsksForAReason();
    void stateStatusFollowsTheServer();
    void overviewFiltersTheVisits();
    void statusAndSearchFilter();
    void providersTakeTheNextPatient();
    void refusalsShowInABannerWithoutBlocking();
    void keyboardMovesBetweenTheTables();
    void liveChangesKeepTheSelection();
    void syncStatusIsShown();
    void tenThousandVisitsLoadQuickly();

private:
    void makeView(const QStringList &roles);

    std::unique_ptr<SessionState> m_session;
    std::unique_ptr<QueueStore> m_store;
    std::unique_ptr<QueueBoardView> m_view;
};

void QueueBoardViewTest::init() {
    m_session = std::make_unique<SessionState>();
    m_store = std::make_unique<QueueStore>();
}

void QueueBoardViewTest::cleanup() {
    m_view.reset();
    m_store.reset();
    m_session.reset();
}

void QueueBoardViewTest::makeView(const QStringList &roles) {
    m_session->setCaregiver(caregiver(roles));
    m_view = std::make_unique<QueueBoardView>(*m_store, *m_session);
    m_view->setClock([] { return kNowMs; });
    m_view->resize(1000, 700);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowActive(m_view.get()));
    m_store->applySnapshot(sampleBoard());
}

void QueueBoardViewTest::showsTheBoardMostUrgentFirst() {
    makeView({QStringLiteral("support")});
    // Texas has a patient and no provider: it leads, and is marked.
    QCOMPARE(visibleColumn(*m_view->stateTable(), 0, StateTableModel::StateCodeRole),
             (QStringList{QStringLiteral("TX"), QStringLiteral("AZ"), QStringLiteral("NY")}));
    QVERIFY(m_view->stateTable()
                ->model()
                ->index(0, 0)
                .data(StateTableModel::NeedsAttentionRole)
                .toBool());
    // Visits in queue order: Bo (priority 3), then by time waited.
    QCOMPARE(visibleColumn(*m_view->visitTable(), VisitTableModel::PatientColumn),
             (QStringList{QStringLiteral("Bo Patient"), QStringLiteral("Ed Patient"),
                          QStringLiteral("Di Patient"), QStringLiteral("Cy Patient"),
                          QStringLiteral("Ana Patient")}));
    QCOMPARE(visibleColumn(*m_view->visitTable(), VisitTableModel::WaitingColumn).first(),
             QStringLiteral("5:00"));
    QCOMPARE(m_view->filterBar().summaryText(), QStringLiteral("5 visits"));
    QCOMPARE(m_view->syncText(), QStringLiteral("Live"));
}

void QueueBoardViewTest::actionsFollowTheRoles_data() {
    QTest::addColumn<QStringList>("roles");
    QTest::addColumn<bool>("staff");
    QTest::addColumn<bool>("provider");
    QTest::newRow("support") << QStringList{QStringLiteral("support")} << true << false;
    QTest::newRow("admin") << QStringList{QStringLiteral("admin")} << true << false;
    QTest::newRow("provider") << QStringList{QStringLiteral("provider")} << false << true;
    QTest::newRow("provider and support")
        << QStringList{QStringLiteral("support"), QStringLiteral("provider")} << true << true;
    QTest::newRow("no role") << QStringList{} << false << false;
}

void QueueBoardViewTest::actionsFollowTheRoles() {
    QFETCH(QStringList, roles);
    QFETCH(bool, staff);
    QFETCH(bool, provider);
    makeView(roles);
    for (const char *name : {"raisePriorityAction", "lowerPriorityAction", "assignAction",
                             "removeAction", "setOpenAction", "setBusyAction", "setClosedAction"})
        QVERIFY2(action(*m_view, name)->isVisible() == staff, name);
    QCOMPARE(action(*m_view, "takeNextAction")->isVisible(), provider);
    QCOMPARE(m_view->statusButton().isVisibleTo(m_view.get()), provider);
    QCOMPARE(action(*m_view, "openChatAction")->isVisible(), staff || provider);
    // The visits table's context menu lists exactly the visible actions: the
    // chat for anyone who works with patients, the queue changes for staff.
    int contextActions = 0;
    for (QAction *a : m_view->visitTable()->actions())
        contextActions += a->isVisible() ? 1 : 0;
    QCOMPARE(contextActions, (staff ? 4 : 0) + (staff || provider ? 1 : 0));

    // Roles can change with a new sign-in on the same window.
    m_session->setCaregiver(caregiver({QStringLiteral("provider")}));
    QVERIFY(!action(*m_view, "removeAction")->isVisible());
    QVERIFY(action(*m_view, "takeNextAction")->isVisible());
}

void QueueBoardViewTest::visitActionsFollowTheVisitStatus() {
    makeView({QStringLiteral("support")});
    auto enabled = [&](const char *name) {
        return action(*m_view, name)->isEnabled();
    };
    QVERIFY(!enabled("removeAction")); // nothing selected
    QVERIFY(!enabled("assignAction"));

    QVERIFY(selectVisit(*m_view, 1)); // waiting, priority 0
    QVERIFY(enabled("raisePriorityAction"));
    QVERIFY(!enabled("lowerPriorityAction"));
    QVERIFY(enabled("assignAction"));
    QVERIFY(enabled("removeAction"));

    // Ctrl+Shift+C on the table opens the selected visit's chat.
    QSignalSpy chat(m_view.get(), &QueueBoardView::chatRequested);
    QVERIFY(enabled("openChatAction"));
    m_view->visitTable()->setFocus();
    QTest::keyClick(m_view->visitTable(), Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(chat.size(), 1);
    QCOMPARE(chat.front().front().toLongLong(), 1);

    QVERIFY(selectVisit(*m_view, 4)); // assigned: can be removed, not assigned again
    QVERIFY(enabled("removeAction"));
    QVERIFY(!enabled("assignAction"));

    QVERIFY(selectVisit(*m_view, 5)); // in a video visit: staff leave it alone
    QVERIFY(!enabled("removeAction"));
    QVERIFY(!enabled("assignAction"));

    QVERIFY(selectVisit(*m_view, 2)); // priority 3
    QVERIFY(enabled("lowerPriorityAction"));
    // The status changes under the selection: the actions follow.
    QueueDelta delta;
    delta.seq = 2;
    delta.visits = {queueVisit(2, "AZ", "Bo", 300, 9, "in_visit")};
    QVERIFY(m_store->applyDelta(delta));
    QCOMPARE(m_view->currentVisitId(), std::optional<qint64>(2));
    QVERIFY(!enabled("raisePriorityAction"));
    QVERIFY(!enabled("removeAction"));
}

void QueueBoardViewTest::priorityChangesFromTheKeyboard() {
    makeView({QStringLiteral("support")});
    QSignalSpy priority(m_view.get(), &QueueBoardView::priorityRequested);
    QTableView *table = m_view->visitTable();
    table->setFocus();
    QVERIFY(selectVisit(*m_view, 2));
    QTest::keyClick(table, Qt::Key_Up, Qt::ControlModifier);
    QCOMPARE(priority.size(), 1);
    QCOMPARE(priority.at(0).at(0).toLongLong(), 2);
    QCOMPARE(priority.at(0).at(1).toInt(), 4);
    QTest::keyClick(table, Qt::Key_Down, Qt::ControlModifier);
    QCOMPARE(priority.size(), 2);
    QCOMPARE(priority.at(1).at(1).toInt(), 2);
    // The board itself changes only when the server says so.
    QCOMPARE(m_store->visit(2)->priority, 3);

    // No lower than normal.
    QVERIFY(selectVisit(*m_view, 1));
    QTest::keyClick(table, Qt::Key_Down, Qt::ControlModifier);
    QCOMPARE(priority.size(), 2);
}

void QueueBoardViewTest::removalAsksForAReason() {
    makeView({QStringLiteral("admin")});
    QSignalSpy removal(m_view.get(), &QueueBoardView::removalRequested);
    QTableView *table = m_view->visitTable();
    table->setFocus();
    QVERIFY(selectVisit(*m_view, 3));
    QTest::keyClick(table, Qt::Key_Delete);
    RemoveVisitDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_view->findChild<RemoveVisitDialog *>()));
    auto *remove = dialog->findChild<QPushButton *>(QStringLiteral("remove"));
    QVERIFY(!remove->isEnabled()); // a reason is required
    auto *reason = dialog->findChild<QComboBox *>(QStringLiteral("reason"));
    QTest::keyClicks(reason->lineEdit(), QStringLiteral("   "));
    QVERIFY(!remove->isEnabled());
    reason->lineEdit()->clear();
    QTest::keyClicks(reason->lineEdit(), QStringLiteral("Duplicate of visit 1 "));
    QVERIFY(remove->isEnabled());
    QTest::mouseClick(remove, Qt::LeftButton);
    QCOMPARE(removal.size(), 1);
    QCOMPARE(removal.at(0).at(0).toLongLong(), 3);
    QCOMPARE(removal.at(0).at(1).toString(), QStringLiteral("Duplicate of visit 1"));
    QTRY_VERIFY(!m_view->findChild<RemoveVisitDialog *>()); // gone once closed

    // Too long a reason is refused before it reaches the server.
    QVERIFY(selectVisit(*m_view, 1));
    action(*m_view, "removeAction")->trigger();
    QTRY_VERIFY((dialog = m_view->findChild<RemoveVisitDialog *>()));
    dialog->setReason(QString(501, QLatin1Char('x')));
    QVERIFY(!dialog->findChild<QPushButton *>(QStringLiteral("remove"))->isEnabled());
    dialog->reject();
    QCOMPARE(removal.size(), 1);
}

void QueueBoardViewTest::stateStatusFollowsTheServer() {
    makeView({QStringLiteral("support")});
    QSignalSpy requested(m_view.get(), &QueueBoardView::stateStatusRequested);
    QVERIFY(!action(*m_view, "setBusyAction")->isEnabled()); // no state selected
    QVERIFY(selectState(*m_view, QStringLiteral("TX")));
    QVERIFY(action(*m_view, "setBusyAction")->isEnabled());
    QVERIFY(action(*m_view, "setOpenAction")->isChecked());

    action(*m_view, "setBusyAction")->trigger();
    QCOMPARE(requested.size(), 1);
    QCOMPARE(requested.at(0).at(0).toString(), QStringLiteral("TX"));
    QCOMPARE(requested.at(0).at(1).value<StateStatus>(), StateStatus::Busy);
    // Until the server confirms, the toggle shows what is in effect.
    QVERIFY(action(*m_view, "setOpenAction")->isChecked());
    QVERIFY(!action(*m_view, "setBusyAction")->isChecked());

    QueueDelta delta;
    delta.seq = 2;
    delta.states = {stateQueue("TX", "Texas", "busy", 1, 0)};
    QVERIFY(m_store->applyDelta(delta));
    QVERIFY(action(*m_view, "setBusyAction")->isChecked());
    QCOMPARE(m_view->currentStateCode(), QStringLiteral("TX"));

    QVERIFY(selectState(*m_view, QStringLiteral("NY")));
    QVERIFY(action(*m_view, "setClosedAction")->isChecked());
}

void QueueBoardViewTest::overviewFiltersTheVisits() {
    makeView({QStringLiteral("support")});
    QTableView *states = m_view->stateTable();
    states->setFocus();
    QVERIFY(selectState(*m_view, QStringLiteral("TX")));
    QTest::keyClick(states, Qt::Key_Return);
    QCOMPARE(visibleColumn(*m_view->visitTable(), VisitTableModel::PatientColumn),
             QStringList{QStringLiteral("Cy Patient")});
    QCOMPARE(m_view->filterBar().stateButtonText(), QStringLiteral("TX"));
    QCOMPARE(m_view->filterBar().summaryText(), QStringLiteral("1 of 5 visits"));
    // A new Texas visit appears in the filtered table as it arrives.
    QueueDelta delta;
    delta.seq = 2;
    delta.visits = {queueVisit(9, "TX", "Flo", 5), queueVisit(10, "AZ", "Gil", 5)};
    QVERIFY(m_store->applyDelta(delta));
    QCOMPARE(m_view->visitTable()->model()->rowCount(), 2);
    // Enter again: all states.
    QTest::keyClick(states, Qt::Key_Return);
    QCOMPARE(m_view->visitTable()->model()->rowCount(), 7);
    QCOMPARE(m_view->filterBar().stateButtonText(), QStringLiteral("All states"));

    // The menu of states does the same for several at once.
    auto *arizona = m_view->findChild<QAction *>(QStringLiteral("stateFilter_AZ"));
    auto *newYork = m_view->findChild<QAction *>(QStringLiteral("stateFilter_NY"));
    QVERIFY(arizona && newYork);
    arizona->setChecked(true);
    QCOMPARE(m_view->visitTable()->model()->rowCount(), 5);
    newYork->setChecked(true);
    QCOMPARE(m_view->filterBar().stateButtonText(), QStringLiteral("AZ, NY"));
    m_view->findChild<QAction *>(QStringLiteral("allStates"))->trigger();
    QCOMPARE(m_view->visitTable()->model()->rowCount(), 7);
}

void QueueBoardViewTest::statusAndSearchFilter() {
    makeView({QStringLiteral("support")});
    m_view->filterBar().setStatusChoice(1); // in line
    QCOMPARE(m_view->visitTable()->model()->rowCount(), 3);
    m_view->filterBar().setStatusChoice(3); // in visit
    QCOMPARE(visibleColumn(*m_view->visitTable(), VisitTableModel::PatientColumn),
             QStringList{QStringLiteral("Ed Patient")});
    m_view->filterBar().setStatusChoice(0);

    QTest::keyClick(m_view->visitTable(), Qt::Key_F, Qt::ControlModifier);
    auto *search = m_view->findChild<QLineEdit *>(QStringLiteral("search"));
    QTRY_VERIFY(search->hasFocus());
    QTest::keyClicks(search, QStringLiteral("ana"));
    QCOMPARE(visibleColumn(*m_view->visitTable(), VisitTableModel::PatientColumn),
             QStringList{QStringLiteral("Ana Patient")});
    // Delete in the search field edits the text; it does not remove a visit.
    QSignalSpy removal(m_view.get(), &QueueBoardView::removalRequested);
    QTest::keyClick(search, Qt::Key_Backspace);
    QTest::keyClick(search, Qt::Key_Delete);
    QVERIFY(!m_view->findChild<RemoveVisitDialog *>());
}

void QueueBoardViewTest::providersTakeTheNextPatient() {
    makeView({QStringLiteral("provider")});
    QSignalSpy takeNext(m_view.get(), &QueueBoardView::takeNextRequested);
    QSignalSpy availability(m_view.get(), &QueueBoardView::availabilityRequested);
    QTest::keyClick(m_view->visitTable(), Qt::Key_N, Qt::ControlModifier);
    QCOMPARE(takeNext.size(), 1);

    // Their status is what the board says of them (the caregiver's id is 3):
    // nothing yet, then their row.
    ProviderStatusButton &status = m_view->statusButton();
    QCOMPARE(status.text(), QStringLiteral("Your status"));
    QAction *onBreak = status.findChild<QAction *>(QStringLiteral("setOnBreakAction"));
    QVERIFY(onBreak);
    onBreak->trigger();
    QCOMPARE(availability.size(), 1);
    QCOMPARE(availability.at(0).at(0).value<AvailabilityStatus>(), AvailabilityStatus::OnBreak);
    QVERIFY(!onBreak->isChecked()); // not until the server says so

    QueueDelta delta;
    delta.seq = 2;
    delta.providers = {providerStatus(3, "Sam Rivera", "on_break", {"AZ"})};
    QVERIFY(m_store->applyDelta(delta));
    QCOMPARE(status.text(), QStringLiteral("On break"));
    QVERIFY(onBreak->isChecked());
    status.findChild<QAction *>(QStringLiteral("setAvailableAction"))->trigger();
    QCOMPARE(availability.at(1).at(0).value<AvailabilityStatus>(), AvailabilityStatus::Available);

    // The visit handed over is announced and selected.
    QueueVisitRow taken =
        QueueVisitRow::fromProtocol(queueVisit(3, "TX", "Cy", 900, 0, "assigned"));
    m_view->showVisitTaken(taken);
    QVERIFY2(m_view->bannerText().startsWith(QLatin1String("Your next patient: Cy Patient (TX)")),
             qPrintable(m_view->bannerText()));
    QVERIFY(m_view->bannerText().contains(QLatin1String("waiting 15:00")));
    QCOMPARE(m_view->currentVisitId(), std::optional<qint64>(3));
}

void QueueBoardViewTest::refusalsShowInABannerWithoutBlocking() {
    makeView({QStringLiteral("support")});
    QCOMPARE(m_view->bannerText(), QString());
    m_view->showActionFailed(QStringLiteral("Set Texas to busy"), QStringLiteral("forbidden"),
                             QStringLiteral("your roles do not allow this"));
    QCOMPARE(m_view->bannerText(),
             QStringLiteral("Could not set Texas to busy: your roles do not allow this"));
    QVERIFY(!QApplication::activeModalWidget());
    m_view->showActionFailed(QStringLiteral("Take the next patient"), QStringLiteral("not_found"),
                             {});
    QCOMPARE(m_view->bannerText(), QStringLiteral("Could not take the next patient: not_found"));
    // The board stays usable while the banner shows.
    m_view->visitTable()->setFocus();
    QVERIFY(selectVisit(*m_view, 2));
    QTest::keyClick(m_view->visitTable(), Qt::Key_Down);
    QCOMPARE(m_view->currentVisitId(), std::optional<qint64>(5));
    QTest::mouseClick(m_view->findChild<QWidget *>(QStringLiteral("bannerClose")), Qt::LeftButton);
    QCOMPARE(m_view->bannerText(), QString());
}

void QueueBoardViewTest::keyboardMovesBetweenTheTables() {
    makeView({QStringLiteral("support")});
    m_view->stateTable()->setFocus();
    QTRY_VERIFY(m_view->stateTable()->hasFocus());
    QTest::keyClick(m_view->stateTable(), Qt::Key_F6);
    QTRY_VERIFY(m_view->visitTable()->hasFocus());
    QCOMPARE(m_view->currentVisitId(), std::optional<qint64>(2)); // the first row, Bo
    QTest::keyClick(m_view->visitTable(), Qt::Key_Down);
    QCOMPARE(m_view->currentVisitId(), std::optional<qint64>(5));
    QTest::keyClick(m_view->visitTable(), Qt::Key_End, Qt::ControlModifier);
    QCOMPARE(m_view->currentVisitId(), std::optional<qint64>(1));
    QTest::keyClick(m_view->visitTable(), Qt::Key_F6);
    QTRY_VERIFY(m_view->stateTable()->hasFocus());
    QVERIFY(!m_view->currentStateCode().isEmpty());
}

void QueueBoardViewTest::liveChangesKeepTheSelection() {
    makeView({QStringLiteral("support")});
    QVERIFY(selectVisit(*m_view, 3));
    QueueDelta delta;
    delta.seq = 2;
    delta.visits = {queueVisit(20, "AZ", "New", 1, 9), queueVisit(3, "TX", "Cy", 900, 1)};
    delta.removedVisitIds = {1};
    QVERIFY(m_store->applyDelta(delta));
    QCOMPARE(m_view->currentVisitId(), std::optional<qint64>(3));
    QCOMPARE(m_view->visitTable()->model()->rowCount(), 5);
    QCOMPARE(visibleColumn(*m_view->visitTable(), VisitTableModel::PatientColumn).first(),
             QStringLiteral("New Patient"));
}

void QueueBoardViewTest::syncStatusIsShown() {
    m_session->setCaregiver(caregiver({QStringLiteral("support")}));
    QueueBoardView view(*m_store, *m_session);
    QCOMPARE(view.syncText(), QStringLiteral("Not connected"));
    m_store->markSubscribing();
    QCOMPARE(view.syncText(), QStringLiteral("Loading queues…"));
    m_store->applySnapshot(sampleBoard());
    QCOMPARE(view.syncText(), QStringLiteral("Live"));
    m_store->markDisconnected();
    QCOMPARE(view.syncText(), QStringLiteral("Not live: last known queues"));
    QCOMPARE(view.visitTable()->model()->rowCount(), 5);
}

void QueueBoardViewTest::tenThousandVisitsLoadQuickly() {
    // The board of a busy day: 10,000 waiting visits across 50 states.
    QueueSnapshot snapshot;
    snapshot.seq = 1;
    std::vector<std::string> codes;
    for (int i = 0; i < 50; ++i) {
        const std::string code{char('A' + i / 26), char('A' + i % 26)};
        codes.push_back(code);
        snapshot.states.push_back(stateQueue(code, "State " + code, "open", 200, i % 3));
    }
    for (std::int64_t id = 1; id <= 10'000; ++id)
        snapshot.visits.push_back(queueVisit(id, codes[static_cast<std::size_t>(id % 50)],
                                             "Patient", id % 7200, id % 10));
    const std::string frame = caredesk::protocol::encode(snapshot, "r1");
    makeView({QStringLiteral("support")});
    m_store->clear();
    QApplication::processEvents();

    // From the frame as it arrives to a board painted once: usable.
    QElapsedTimer clock;
    clock.start();
    auto envelope =
        caredesk::protocol::decodeEnvelope(frame, caredesk::protocol::kMaxServerMessageBytes);
    QVERIFY(envelope.ok());
    auto decoded = caredesk::protocol::decodeBody<QueueSnapshot>(envelope->body);
    QVERIFY(decoded.ok());
    const qint64 decodeMs = clock.elapsed();
    m_store->applySnapshot(*decoded);
    m_view->repaint();
    const qint64 loadMs = clock.elapsed();
    qInfo("10,000 visits in 50 states (%zu KiB): decoded in %lld ms, usable board in %lld ms",
          frame.size() / 1024, decodeMs, loadMs);
    QCOMPARE(m_view->visitTable()->model()->rowCount(), 10'000);
    QCOMPARE(m_view->stateTable()->model()->rowCount(), 50);
    // Highest priority, longest waiting first.
    QCOMPARE(m_view->visitTable()->model()->index(0, 0).data(VisitTableModel::PriorityRole).toInt(),
             9);
    // Generous for a loaded build machine; the figure above is what to watch.
    QVERIFY2(loadMs < 3000, qPrintable(QString::number(loadMs)));

    // A second of ticking on the full board stays cheap too.
    QElapsedTimer tick;
    tick.start();
    m_view->findChild<VisitTableModel *>()->tick();
    m_view->repaint();
    qInfo("one tick of the waiting column with 10,000 visits: %lld ms", tick.elapsed());
    QVERIFY2(tick.elapsed() < 1000, qPrintable(QString::number(tick.elapsed())));
}

QTEST_MAIN(QueueBoardViewTest)
#include "QueueBoardViewTest.moc"
