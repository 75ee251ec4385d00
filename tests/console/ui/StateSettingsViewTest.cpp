#include "ui/StateSettingsView.h"

#include "StateSettingsSamples.h"
#include "models/StateSettingsTableModel.h"
#include "state/SessionState.h"
#include "state/StateSettingsStore.h"
#include "ui/StateScheduleEditor.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTableWidget>
#include <QTest>

using caredesk::console::SessionInfo;
using caredesk::console::SessionState;
using caredesk::console::StateScheduleEditor;
using caredesk::console::StateSettingsStore;
using caredesk::console::StateSettingsTableModel;
using caredesk::console::StateSettingsView;
using caredesk::console::test::plainState;
using caredesk::console::test::texasSettings;
using caredesk::protocol::StateSchedule;
using caredesk::protocol::StateSettings;

namespace {

SessionInfo caregiver(const QStringList &roles) {
    SessionInfo info;
    info.userId = 3;
    info.username = QStringLiteral("alex");
    info.displayName = QStringLiteral("Alex Morgan");
    info.roles = roles;
    return info;
}

std::vector<StateSettings> jurisdictions() {
    return {plainState("AZ", "Arizona"), plainState("GU", "Guam", false), texasSettings(),
            plainState("WA", "Washington")};
}

int rowOf(const QTableView &list, const QString &code) {
    for (int row = 0; row < list.model()->rowCount(); ++row) {
        if (list.model()->index(row, 0).data(StateSettingsTableModel::StateCodeRole).toString() ==
            code)
            return row;
    }
    return -1;
}

// Types into one cell of a table the way a person does: select, type, Enter.
void typeInto(QTableWidget *table, int row, int column, const QString &text) {
    // Editors of earlier edits go away on the event loop: let them, so the
    // one found below is this edit's.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    table->setFocus();
    table->setCurrentCell(row, column);
    QTest::keyClick(table, Qt::Key_F2);
    auto *editor = table->findChild<QLineEdit *>();
    QVERIFY(editor);
    editor->selectAll();
    QTest::keyClicks(editor, text);
    QTest::keyClick(editor, Qt::Key_Return);
    // The delegate commits on the event loop (a queued call).
    QTRY_VERIFY(!table->isPersistentEditorOpen(table->model()->index(row, column)));
}

} // namespace

class StateSettingsViewTest : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void listShowsEveryJurisdiction();
    void editorRoundTripsASchedule();
    void editorRoundTripsNoLimits();
    void editsBecomeTheSavedSchedule();
    void ownProblemsAreMarkedBeforeSending();
    void serverFieldErrorsAreMarked_data();
    void serverFieldErrorsAreMarked();
    void savedStateRefreshesFromTheReply();
    void conflictKeepsEditsUntilTheAdminAgrees();
    void switchingStatesGuardsUnsavedChanges();
    void reloadKeepsEditsOfTheStateBeingEdited();
    void supportReadsOnly();
    void holidaysAndSpecialDaysAreAddedAndRemoved();

private:
    void makeView(const QStringList &roles = {QStringLiteral("admin")});
    void select(const QString &code);

    std::unique_ptr<SessionState> m_session;
    std::unique_ptr<StateSettingsStore> m_store;
    std::unique_ptr<StateSettingsView> m_view;
    QStringList m_questions; // states the discard question was asked about
    bool m_discard = false;
};

void StateSettingsViewTest::init() {
    m_session = std::make_unique<SessionState>();
    m_store = std::make_unique<StateSettingsStore>();
    m_questions.clear();
    m_discard = false;
}

void StateSettingsViewTest::cleanup() {
    m_view.reset();
    m_store.reset();
    m_session.reset();
}

void StateSettingsViewTest::makeView(const QStringList &roles) {
    m_session->setCaregiver(caregiver(roles));
    m_view = std::make_unique<StateSettingsView>(*m_store, *m_session);
    m_view->setDiscardQuestion([this](const QString &name) {
        m_questions.append(name);
        return m_discard;
    });
    m_view->show();
    QVERIFY(QTest::qWaitForWindowActive(m_view.get()));
    m_store->replaceAll(jurisdictions());
    select(QStringLiteral("TX"));
}

void StateSettingsViewTest::select(const QString &code) {
    QTableView *list = m_view->stateList();
    list->setCurrentIndex(list->model()->index(rowOf(*list, code), 0));
}

void StateSettingsViewTest::listShowsEveryJurisdiction() {
    StateSettingsStore store;
    StateSettingsTableModel model(store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    store.replaceAll(jurisdictions());
    QCOMPARE(model.rowCount(), 4);
    const int texas = store.row(QStringLiteral("TX"));
    const auto cell = [&](int row, int column) {
        return model.index(row, column).data().toString();
    };
    QCOMPARE(cell(texas, StateSettingsTableModel::StateColumn), QStringLiteral("Texas"));
    QCOMPARE(cell(texas, StateSettingsTableModel::CodeColumn), QStringLiteral("TX"));
    QCOMPARE(cell(texas, StateSettingsTableModel::OfferedColumn), QStringLiteral("Yes"));
    QCOMPARE(cell(store.row(QStringLiteral("GU")), StateSettingsTableModel::OfferedColumn),
             QStringLiteral("No"));
    QCOMPARE(cell(texas, StateSettingsTableModel::TimeZoneColumn),
             QStringLiteral("America/Chicago"));
    const QString changed = cell(texas, StateSettingsTableModel::ChangedColumn);
    QVERIFY2(changed.startsWith(QStringLiteral("v7 · Alex Morgan · 2026-03-0")),
             qPrintable(changed));

    StateSettings saved = texasSettings();
    saved.version = 8;
    saved.changedBy = "Sam Rivera";
    QSignalSpy changedRows(&model, &QAbstractItemModel::dataChanged);
    store.replace(saved);
    QCOMPARE(changedRows.size(), 1);
    QCOMPARE(changedRows.at(0).at(0).toModelIndex().row(), texas);
    QVERIFY(cell(texas, StateSettingsTableModel::ChangedColumn)
                .startsWith(QStringLiteral("v8 · Sam Rivera")));
}

void StateSettingsViewTest::editorRoundTripsASchedule() {
    StateScheduleEditor editor;
    const StateSettings texas = texasSettings();
    editor.load(texas);
    const auto reading = editor.read();
    QVERIFY(reading.problems.empty());
    QVERIFY(reading.schedule);
    QVERIFY(*reading.schedule == texas.schedule);
    QVERIFY(editor.check().schedule.has_value());
    // What the widgets show.
    QCOMPARE(editor.weeklyTable()->item(5, 1)->text(),
             QStringLiteral("08:00\u201320:00, 22:00\u201302:00"));
    QCOMPARE(editor.weeklyTable()->item(0, 1)->text(), QString()); // Sunday: closed
    QCOMPARE(editor.closureTable()->rowCount(), 2);
    QCOMPARE(editor.closureTable()->item(0, 1)->text(), QStringLiteral("Thanksgiving"));
    QCOMPARE(editor.specialTable()->item(1, 1)->text(),
             QStringLiteral("08:00\u201312:00, 18:00\u201324:00"));
    QCOMPARE(editor.findChild<QSpinBox *>(QStringLiteral("queueCap"))->value(), 40);
    QCOMPARE(editor.findChild<QComboBox *>(QStringLiteral("timeZone"))->count(), 2);
}

void StateSettingsViewTest::editorRoundTripsNoLimits() {
    StateScheduleEditor editor;
    StateSettings state = plainState("GU", "Guam", false);
    state.schedule.busyMaxPerHour = 0; // busy admits nobody: not the same as no limit
    editor.load(state);
    auto reading = editor.read();
    QVERIFY(reading.schedule);
    QVERIFY(*reading.schedule == state.schedule);
    QCOMPARE(editor.findChild<QSpinBox *>(QStringLiteral("queueCap"))->text(),
             QStringLiteral("No cap"));

    state.schedule.busyMaxPerHour.reset();
    editor.load(state);
    QCOMPARE(editor.findChild<QSpinBox *>(QStringLiteral("busyMaxPerHour"))->text(),
             QStringLiteral("No limit"));
    reading = editor.read();
    QVERIFY(reading.schedule && *reading.schedule == state.schedule);
}

void StateSettingsViewTest::editsBecomeTheSavedSchedule() {
    makeView();
    QSignalSpy save(m_view.get(), &StateSettingsView::saveRequested);
    QCOMPARE(m_view->currentStateCode(), QStringLiteral("TX"));
    QCOMPARE(m_view->headerText(), QStringLiteral("Texas (TX)"));
    QVERIFY(!m_view->hasUnsavedChanges());
    auto *saveButton = m_view->findChild<QPushButton *>(QStringLiteral("save"));
    QVERIFY(!saveButton->isEnabled());

    StateScheduleEditor &editor = m_view->editor();
    typeInto(editor.weeklyTable(), 1, 1, QStringLiteral("7-19, 21:00-1:30"));
    auto *cap = editor.findChild<QSpinBox *>(QStringLiteral("queueCap"));
    cap->setFocus();
    cap->selectAll();
    QTest::keyClicks(cap, QStringLiteral("25"));
    QCOMPARE(cap->value(), 25);
    editor.findChild<QComboBox *>(QStringLiteral("timeZone"))->setCurrentIndex(1);
    QVERIFY(m_view->hasUnsavedChanges());
    QVERIFY(saveButton->isEnabled());
    QVERIFY(m_view->isWindowModified());

    QTest::keyClick(m_view.get(), Qt::Key_S, Qt::ControlModifier);
    QCOMPARE(save.size(), 1);
    QCOMPARE(save.at(0).at(0).toString(), QStringLiteral("TX"));
    QCOMPARE(save.at(0).at(1).toLongLong(), 7); // the version edited
    StateSchedule expected = texasSettings().schedule;
    expected.weekly[1] = {{"07:00", "19:00"}, {"21:00", "01:30"}};
    expected.queueCap = 25;
    expected.timeZone = "America/Denver";
    QVERIFY(save.at(0).at(2).value<StateSchedule>() == expected);
    QVERIFY(m_view->isSaving());
    QVERIFY(!saveButton->isEnabled());
    QVERIFY(!m_view->stateList()->isEnabled()); // no switching away mid-save
}

void StateSettingsViewTest::ownProblemsAreMarkedBeforeSending() {
    makeView();
    QSignalSpy save(m_view.get(), &StateSettingsView::saveRequested);
    StateScheduleEditor &editor = m_view->editor();
    typeInto(editor.weeklyTable(), 1, 1, QStringLiteral("08:00-12:00, 11:00-14:00"));
    typeInto(editor.weeklyTable(), 3, 1, QStringLiteral("mornings"));
    m_view->save();
    QCOMPARE(save.size(), 0);
    // The unreadable day first; overlaps are checked once every day reads.
    QVERIFY(editor.isMarked(editor.weeklyTable(), 3, 1));
    QVERIFY2(m_view->messageText().startsWith(QLatin1String("Not saved. Wednesday")),
             qPrintable(m_view->messageText()));
    QCOMPARE(editor.weeklyTable()->currentRow(), 3);

    typeInto(editor.weeklyTable(), 3, 1, QStringLiteral("08:00-20:00"));
    QVERIFY(!editor.isMarked(editor.weeklyTable(), 3, 1)); // edited: mark gone
    m_view->save();
    QCOMPARE(save.size(), 0);
    QVERIFY(editor.isMarked(editor.weeklyTable(), 1, 1));
    QVERIFY2(m_view->messageText().contains(QLatin1String("Monday, opening 1")),
             qPrintable(m_view->messageText()));
    QVERIFY(m_view->messageText().contains(QLatin1String("overlaps")));
    QVERIFY(editor.weeklyTable()->hasFocus());
}

void StateSettingsViewTest::serverFieldErrorsAreMarked_data() {
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("widget");
    QTest::addColumn<int>("row");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("place");
    QTest::newRow("weekly range") << "body.weekly.friday[1]"
                                  << "weekly" << 5 << 1 << "Friday, opening 2";
    QTest::newRow("holiday date") << "body.closures[1].date"
                                  << "closures" << 1 << 0 << "Holiday 2";
    QTest::newRow("special day range") << "body.specialHours[1].hours[0]"
                                       << "specialHours" << 1 << 1 << "Special day 2, opening 1";
    QTest::newRow("queue cap") << "body.queueCap"
                               << "queueCap" << -1 << -1 << "Queue cap";
    QTest::newRow("time zone") << "body.timeZone"
                               << "timeZone" << -1 << -1 << "Time zone";
    QTest::newRow("disabling with visits") << "body.enabled"
                                           << "enabled" << -1 << -1 << "Offer visits";
}

void StateSettingsViewTest::serverFieldErrorsAreMarked() {
    QFETCH(QString, field);
    QFETCH(QString, widget);
    QFETCH(int, row);
    QFETCH(int, column);
    QFETCH(QString, place);
    makeView();
    StateScheduleEditor &editor = m_view->editor();
    editor.findChild<QSpinBox *>(QStringLiteral("queueCap"))->setValue(30);
    m_view->save();
    QVERIFY(m_view->isSaving());
    m_view->showSaveFailed(QStringLiteral("TX"), QStringLiteral("out_of_range"),
                           field + QStringLiteral(" is not acceptable"), field);
    QVERIFY(!m_view->isSaving());
    QVERIFY2(m_view->messageText().startsWith(QStringLiteral("Not saved. ") + place + ':'),
             qPrintable(m_view->messageText()));
    QWidget *target = editor.findChild<QWidget *>(widget);
    QVERIFY(target);
    QTRY_VERIFY(target->hasFocus());
    if (row >= 0) {
        QVERIFY(editor.isMarked(target, row, column));
        QCOMPARE(qobject_cast<QTableWidget *>(target)->currentRow(), row);
    } else {
        QVERIFY(editor.isMarked(target, -1, -1));
        QVERIFY(target->toolTip().contains(QLatin1String("is not acceptable")));
    }
    // The edits are still there to be fixed.
    QVERIFY(m_view->hasUnsavedChanges());
}

void StateSettingsViewTest::savedStateRefreshesFromTheReply() {
    makeView();
    m_view->editor().findChild<QCheckBox *>(QStringLiteral("enabled"))->setChecked(false);
    m_view->save();
    StateSettings saved = texasSettings();
    saved.schedule.enabled = false;
    saved.version = 8;
    saved.changedBy = "Alex Morgan";
    m_store->replace(saved); // as the channel does before announcing the save
    m_view->showSaved(QStringLiteral("TX"));
    QVERIFY(!m_view->isSaving());
    QVERIFY(!m_view->hasUnsavedChanges());
    QCOMPARE(m_view->messageText(), QStringLiteral("Saved. Texas is at version 8 now."));
    QVERIFY(m_view->findChild<QLabel *>(QStringLiteral("stateDetails"))
                ->text()
                .contains(QLatin1String("version 8")));
    QTableView *list = m_view->stateList();
    QCOMPARE(list->model()
                 ->index(rowOf(*list, QStringLiteral("TX")), StateSettingsTableModel::OfferedColumn)
                 .data()
                 .toString(),
             QStringLiteral("No"));
    // The next save starts from the new version.
    QSignalSpy save(m_view.get(), &StateSettingsView::saveRequested);
    m_view->editor().findChild<QCheckBox *>(QStringLiteral("enabled"))->setChecked(true);
    m_view->save();
    QCOMPARE(save.at(0).at(1).toLongLong(), 8);
}

void StateSettingsViewTest::conflictKeepsEditsUntilTheAdminAgrees() {
    makeView();
    QSignalSpy reload(m_view.get(), &StateSettingsView::reloadRequested);
    const int reloadsBefore = static_cast<int>(reload.size());
    StateScheduleEditor &editor = m_view->editor();
    typeInto(editor.weeklyTable(), 2, 1, QStringLiteral("10:00-16:00"));
    m_view->save();
    m_view->showSaveFailed(QStringLiteral("TX"), QStringLiteral("conflict"),
                           QStringLiteral("changed since version 7"), {});
    QVERIFY(m_view->conflictShown());
    QVERIFY(m_view->findChild<QLabel *>(QStringLiteral("conflictText"))
                ->text()
                .startsWith(QLatin1String("Someone else saved Texas")));
    QVERIFY(m_view->hasUnsavedChanges()); // nothing discarded yet

    // Keeping them: still on screen.
    QTest::mouseClick(m_view->findChild<QPushButton *>(QStringLiteral("keepMine")), Qt::LeftButton);
    QVERIFY(!m_view->conflictShown());
    QCOMPARE(editor.weeklyTable()->item(2, 1)->text(), QStringLiteral("10:00\u201316:00"));
    QCOMPARE(reload.size(), reloadsBefore);

    // Another try, then agreeing to reload: theirs replaces the edits.
    m_view->save();
    m_view->showSaveFailed(QStringLiteral("TX"), QStringLiteral("conflict"), {}, {});
    QTest::mouseClick(m_view->findChild<QPushButton *>(QStringLiteral("reloadTheirs")),
                      Qt::LeftButton);
    QCOMPARE(reload.size(), reloadsBefore + 1);
    StateSettings theirs = texasSettings();
    theirs.version = 9;
    theirs.changedBy = "Sam Rivera";
    theirs.schedule.weekly[2] = {{"06:00", "22:00"}};
    std::vector<StateSettings> list = jurisdictions();
    list[2] = theirs;
    m_store->replaceAll(list);
    QCOMPARE(m_view->currentStateCode(), QStringLiteral("TX"));
    QCOMPARE(editor.weeklyTable()->item(2, 1)->text(), QStringLiteral("06:00\u201322:00"));
    QVERIFY(!m_view->hasUnsavedChanges());
    QVERIFY(m_questions.isEmpty()); // agreeing once was enough
    QSignalSpy save(m_view.get(), &StateSettingsView::saveRequested);
    typeInto(editor.weeklyTable(), 2, 1, QStringLiteral("07:00-21:00"));
    m_view->save();
    QCOMPARE(save.at(0).at(1).toLongLong(), 9);
}

void StateSettingsViewTest::switchingStatesGuardsUnsavedChanges() {
    makeView();
    StateScheduleEditor &editor = m_view->editor();
    typeInto(editor.weeklyTable(), 1, 1, QStringLiteral("09:00-10:00"));
    QVERIFY(m_view->hasUnsavedChanges());

    m_discard = false;
    select(QStringLiteral("AZ"));
    QCOMPARE(m_questions, QStringList{QStringLiteral("Texas")});
    QCOMPARE(m_view->currentStateCode(), QStringLiteral("TX"));
    QCOMPARE(m_view->stateList()->currentIndex().row(), rowOf(*m_view->stateList(), "TX"));
    QCOMPARE(editor.weeklyTable()->item(1, 1)->text(), QStringLiteral("09:00\u201310:00"));

    // Closing the window asks too.
    m_view->close();
    QCOMPARE(m_questions.size(), 2);
    QVERIFY(m_view->isVisible());

    m_discard = true;
    select(QStringLiteral("AZ"));
    QCOMPARE(m_questions.size(), 3);
    QCOMPARE(m_view->currentStateCode(), QStringLiteral("AZ"));
    QCOMPARE(m_view->headerText(), QStringLiteral("Arizona (AZ)"));
    QVERIFY(!m_view->hasUnsavedChanges());
    // Nothing unsaved: no question.
    select(QStringLiteral("WA"));
    QCOMPARE(m_questions.size(), 3);
    QCOMPARE(m_view->currentStateCode(), QStringLiteral("WA"));
}

void StateSettingsViewTest::reloadKeepsEditsOfTheStateBeingEdited() {
    makeView();
    StateScheduleEditor &editor = m_view->editor();
    typeInto(editor.weeklyTable(), 1, 1, QStringLiteral("09:00-10:00"));
    // A reload the admin did not ask to discard for (the window shown again).
    std::vector<StateSettings> list = jurisdictions();
    list[2].version = 8;
    m_store->replaceAll(list);
    QCOMPARE(editor.weeklyTable()->item(1, 1)->text(), QStringLiteral("09:00\u201310:00"));
    QVERIFY(m_view->messageText().contains(QLatin1String("version 8")));
    // Reload on request asks first.
    m_discard = false;
    QSignalSpy reload(m_view.get(), &StateSettingsView::reloadRequested);
    m_view->reload();
    QCOMPARE(reload.size(), 0);
    QCOMPARE(m_questions.size(), 1);
}

void StateSettingsViewTest::supportReadsOnly() {
    makeView({QStringLiteral("support")});
    StateScheduleEditor &editor = m_view->editor();
    QVERIFY(!editor.isEditable());
    QVERIFY(!m_view->findChild<QPushButton *>(QStringLiteral("save"))->isVisible());
    QVERIFY(m_view->findChild<QLabel *>(QStringLiteral("readOnlyNote"))->isVisible());
    QCOMPARE(editor.weeklyTable()->editTriggers(), QAbstractItemView::NoEditTriggers);
    QVERIFY(!editor.findChild<QSpinBox *>(QStringLiteral("queueCap"))->isEnabled());
    // Still readable and navigable.
    QVERIFY(editor.weeklyTable()->isEnabled());
    QSignalSpy save(m_view.get(), &StateSettingsView::saveRequested);
    m_view->save();
    QCOMPARE(save.size(), 0);
    select(QStringLiteral("AZ"));
    QCOMPARE(m_view->currentStateCode(), QStringLiteral("AZ"));
    QVERIFY(m_questions.isEmpty());
}

void StateSettingsViewTest::holidaysAndSpecialDaysAreAddedAndRemoved() {
    makeView();
    QSignalSpy save(m_view.get(), &StateSettingsView::saveRequested);
    StateScheduleEditor &editor = m_view->editor();
    QTest::mouseClick(editor.findChild<QPushButton *>(QStringLiteral("addClosure")),
                      Qt::LeftButton);
    QCOMPARE(editor.closureTable()->rowCount(), 3);
    // The day after the latest date listed (or today, if that is later).
    const QDate expected =
        std::max(QDate(2026, 12, 25), QDate::currentDate().addDays(-1)).addDays(1);
    QCOMPARE(editor.closureTable()->item(2, 0)->data(Qt::EditRole).toDate(), expected);
    editor.closureTable()->item(2, 1)->setText(QStringLiteral("Boxing Day"));
    editor.specialTable()->setCurrentCell(0, 0);
    QTest::mouseClick(editor.findChild<QPushButton *>(QStringLiteral("removeSpecialDay")),
                      Qt::LeftButton);
    QCOMPARE(editor.specialTable()->rowCount(), 1);
    m_view->save();
    QCOMPARE(save.size(), 1);
    const auto schedule = save.at(0).at(2).value<StateSchedule>();
    QCOMPARE(schedule.closures.size(), std::size_t(3));
    QCOMPARE(schedule.closures[2].date, expected.toString(Qt::ISODate).toStdString());
    QCOMPARE(schedule.closures[2].note, std::string("Boxing Day"));
    QCOMPARE(schedule.specialHours.size(), std::size_t(1));
    QCOMPARE(schedule.specialHours[0].date, std::string("2026-12-31"));
}

QTEST_MAIN(StateSettingsViewTest)
#include "StateSettingsViewTest.moc"
