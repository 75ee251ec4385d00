#include "QueueBoardSamples.h"
#include "QueueBoardViewControls.h"
#include "state/QueueStore.h"
#include "state/SessionState.h"
#include "ui/FileVisitDialog.h"
#include "ui/ProviderPickerDialog.h"
#include "ui/QueueBoardView.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using caredesk::console::FileVisitDialog;
using caredesk::console::ProviderPickerDialog;
using caredesk::console::QueueBoardView;
using caredesk::console::QueueStore;
using caredesk::console::SessionState;
using caredesk::console::test::action;
using caredesk::console::test::caregiver;
using caredesk::console::test::kNowMs;
using caredesk::console::test::sampleBoard;
using caredesk::console::test::selectState;
using caredesk::console::test::selectVisit;
using caredesk::protocol::FileVisit;

// What support staff and admins do from the queue board besides the visit
// and state actions: hand a visit to a provider the server lists, file a
// visit for a patient on the phone, open a state's hours and limits.
class QueueBoardStaffActionsTest : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void assignmentPicksAProvider();
    void staffFileVisitsFromTheBoard();
    void shortcutsFollowTheRoles();

private:
    void makeView(const QStringList &roles);

    std::unique_ptr<SessionState> m_session;
    std::unique_ptr<QueueStore> m_store;
    std::unique_ptr<QueueBoardView> m_view;
};

void QueueBoardStaffActionsTest::init() {
    m_session = std::make_unique<SessionState>();
    m_store = std::make_unique<QueueStore>();
}

void QueueBoardStaffActionsTest::cleanup() {
    m_view.reset();
    m_store.reset();
    m_session.reset();
}

void QueueBoardStaffActionsTest::makeView(const QStringList &roles) {
    m_session->setCaregiver(caregiver(roles));
    m_view = std::make_unique<QueueBoardView>(*m_store, *m_session);
    m_view->setClock([] { return kNowMs; });
    m_view->resize(1000, 700);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowActive(m_view.get()));
    m_store->applySnapshot(sampleBoard());
}

void QueueBoardStaffActionsTest::assignmentPicksAProvider() {
    makeView({QStringLiteral("support")});
    QSignalSpy asked(m_view.get(), &QueueBoardView::providersRequested);
    QSignalSpy assignment(m_view.get(), &QueueBoardView::assignmentRequested);
    QTableView *table = m_view->visitTable();
    table->setFocus();
    QVERIFY(selectVisit(*m_view, 3)); // Cy, in Texas
    QTest::keyClick(table, Qt::Key_A, Qt::ControlModifier | Qt::ShiftModifier);
    ProviderPickerDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_view->findChild<ProviderPickerDialog *>()));
    QCOMPARE(m_view->providerPicker(), dialog);
    QCOMPARE(asked.size(), 1); // the list is asked afresh
    auto *assign = dialog->findChild<QPushButton *>(QStringLiteral("assign"));
    QVERIFY(!assign->isEnabled());
    QCOMPARE(dialog->summaryText(), QStringLiteral("Loading the providers…"));

    // Only the available, free providers licensed in Texas can be picked.
    m_view->setProviderChoices(
        {{4, QStringLiteral("Dr. Mei Chen"), true, false, {QStringLiteral("WA")}},
         {7, QStringLiteral("Dr. Bob Ruiz"), true, true, {QStringLiteral("TX")}},
         {8,
          QStringLiteral("Dr. Ifeoma Okafor"),
          true,
          false,
          {QStringLiteral("TX"), QStringLiteral("AZ")}},
         {9, QStringLiteral("Dr. Ana Lima"), false, false, {QStringLiteral("TX")}}});
    QListWidget *list = dialog->providerList();
    QCOMPARE(list->count(), 4);
    QCOMPARE(list->item(0)->text(),
             QStringLiteral("Dr. Ifeoma Okafor — available · licensed in AZ, TX"));
    QVERIFY(list->item(0)->flags().testFlag(Qt::ItemIsEnabled));
    QStringList others;
    for (int row = 1; row < list->count(); ++row) {
        QVERIFY(!list->item(row)->flags().testFlag(Qt::ItemIsEnabled));
        QVERIFY(!list->item(row)->flags().testFlag(Qt::ItemIsSelectable));
        others.append(list->item(row)->text());
    }
    QCOMPARE(others, (QStringList{QStringLiteral("Dr. Ana Lima — unavailable"),
                                  QStringLiteral("Dr. Bob Ruiz — in a visit"),
                                  QStringLiteral("Dr. Mei Chen — not licensed in TX")}));
    QCOMPARE(dialog->summaryText(), QStringLiteral("1 of 4 providers can take this visit."));
    QCOMPARE(dialog->providerId(), std::optional<qint64>(8)); // the one who can, picked
    QVERIFY(!dialog->selectProvider(4));                      // not licensed in Texas
    QCOMPARE(dialog->providerId(), std::optional<qint64>(8));
    QVERIFY(assign->isEnabled());
    QTest::mouseClick(assign, Qt::LeftButton);
    QCOMPARE(assignment.size(), 1);
    QCOMPARE(assignment.at(0).at(0).toLongLong(), 3);
    QCOMPARE(assignment.at(0).at(1).toLongLong(), 8);

    // Nobody eligible: nothing to assign, and the reasons are there to read.
    QVERIFY(selectVisit(*m_view, 1)); // Ana, in Arizona
    action(*m_view, "assignAction")->trigger();
    QTRY_VERIFY((dialog = m_view->providerPicker()) && dialog->isVisible());
    m_view->setProviderChoices(
        {{4, QStringLiteral("Dr. Mei Chen"), true, false, {QStringLiteral("WA")}}});
    QCOMPARE(dialog->providerId(), std::nullopt);
    QVERIFY(!dialog->findChild<QPushButton *>(QStringLiteral("assign"))->isEnabled());
    QCOMPARE(dialog->summaryText(),
             QStringLiteral("None of the providers can take this visit now."));
    m_view->showProviderListFailed(QStringLiteral("forbidden"), QStringLiteral("support only"));
    QCOMPARE(dialog->summaryText(), QStringLiteral("Could not load the providers: support only"));
    dialog->reject();
    QCOMPARE(assignment.size(), 1);
}

void QueueBoardStaffActionsTest::staffFileVisitsFromTheBoard() {
    makeView({QStringLiteral("support")});
    QAction *file = action(*m_view, "fileVisitAction");
    QVERIFY(file->isVisible());
    QCOMPARE(file->shortcut(), QKeySequence(QStringLiteral("Ctrl+N")));
    QVERIFY(selectState(*m_view, QStringLiteral("TX")));
    QSignalSpy filing(m_view.get(), &QueueBoardView::visitFilingRequested);
    QTest::keyClick(m_view->stateTable(), Qt::Key_N, Qt::ControlModifier);
    FileVisitDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_view->fileVisitDialog()) && dialog->isVisible());
    // The states offered are the board's, the selected one picked.
    auto *state = dialog->findChild<QComboBox *>(QStringLiteral("state"));
    QCOMPARE(state->count(), 3);
    QCOMPARE(state->currentData().toString(), QStringLiteral("TX"));

    // Filled in and sent: the board passes the request on and the answer back.
    m_view->setServerUrl(QUrl(QStringLiteral("wss://care.example.org/ws")));
    dialog->findChild<QLineEdit *>(QStringLiteral("firstName"))->setText(QStringLiteral("Ana"));
    dialog->findChild<QLineEdit *>(QStringLiteral("lastName"))->setText(QStringLiteral("Reyes"));
    dialog->findChild<QDateEdit *>(QStringLiteral("dateOfBirth"))->setDate(QDate(1990, 6, 15));
    dialog->findChild<QPlainTextEdit *>(QStringLiteral("reason"))
        ->setPlainText(QStringLiteral("Follow-up"));
    dialog->findChild<QLineEdit *>(QStringLiteral("contact"))
        ->setText(QStringLiteral("+1 512 555 0199"));
    dialog->findChild<QCheckBox *>(QStringLiteral("consent"))->setChecked(true);
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("file")), Qt::LeftButton);
    QCOMPARE(filing.size(), 1);
    QCOMPARE(filing.at(0).at(0).value<FileVisit>().patient.state, std::string("TX"));
    m_view->showVisitFiled(
        {QStringLiteral("secret-token-of-the-patient"), 77, QStringLiteral("TX"), 1, {}});
    // The dialog the board opened before the server URL was known still
    // links to the server signed in to now.
    QVERIFY2(dialog->linkText().endsWith(QLatin1String("#visit=secret-token-of-the-patient")),
             qPrintable(dialog->linkText()));
    // The token goes nowhere else on the board.
    QVERIFY(!m_view->bannerText().contains(QLatin1String("secret-token")));

    // Ctrl+N again brings the open dialog forward rather than a second one.
    file->trigger();
    QCOMPARE(m_view->findChildren<FileVisitDialog *>().size(), 1);
    dialog->accept();
    QTRY_VERIFY(!m_view->fileVisitDialog());
    // With no dialog, a failure shows in the banner.
    m_view->showFileVisitFailed(QStringLiteral("unavailable"), QStringLiteral("link lost"), {});
    QCOMPARE(m_view->bannerText(), QStringLiteral("Could not file a visit: link lost"));
}

void QueueBoardStaffActionsTest::shortcutsFollowTheRoles() {
    // Someone who is a provider too keeps Ctrl+N for the next patient.
    makeView({QStringLiteral("support"), QStringLiteral("provider")});
    QCOMPARE(action(*m_view, "takeNextAction")->shortcut(), QKeySequence(QStringLiteral("Ctrl+N")));
    QCOMPARE(action(*m_view, "fileVisitAction")->shortcut(),
             QKeySequence(QStringLiteral("Ctrl+Shift+N")));
    QSignalSpy takeNext(m_view.get(), &QueueBoardView::takeNextRequested);
    QTest::keyClick(m_view->visitTable(), Qt::Key_N, Qt::ControlModifier);
    QCOMPARE(takeNext.size(), 1);
    QVERIFY(!m_view->fileVisitDialog());
    QTest::keyClick(m_view->visitTable(), Qt::Key_N, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_VERIFY(m_view->fileVisitDialog());
    m_view->fileVisitDialog()->reject();

    // Providers alone neither file visits nor open state settings.
    m_session->setCaregiver(caregiver({QStringLiteral("provider")}));
    QVERIFY(!action(*m_view, "fileVisitAction")->isVisible());
    QVERIFY(!action(*m_view, "stateSettingsAction")->isVisible());

    // Staff open a state's hours and limits from its row.
    m_session->setCaregiver(caregiver({QStringLiteral("admin")}));
    QSignalSpy settings(m_view.get(), &QueueBoardView::stateSettingsRequested);
    QVERIFY(selectState(*m_view, QStringLiteral("NY")));
    QVERIFY(m_view->stateTable()->actions().contains(action(*m_view, "stateSettingsAction")));
    QTest::keyClick(m_view->stateTable(), Qt::Key_H, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(settings.size(), 1);
    QCOMPARE(settings.at(0).at(0).toString(), QStringLiteral("NY"));
}

QTEST_MAIN(QueueBoardStaffActionsTest)
#include "QueueBoardStaffActionsTest.moc"
