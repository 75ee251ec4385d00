#include "FakeCareDeskServer.h"
#include "IsolatedSettings.h"
#include "QueueBoardSamples.h"
#include "QueueBoardViewControls.h"
#include "ScriptedConsole.h"
#include "StateSettingsSamples.h"
#include "app/ConsoleApplication.h"
#include "models/VisitTableModel.h"
#include "ui/FileVisitDialog.h"
#include "ui/ProviderPickerDialog.h"
#include "ui/QueueBoardView.h"
#include "ui/StateScheduleEditor.h"
#include "ui/StateSettingsView.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QTableWidget>
#include <QTest>

using caredesk::console::ConsoleApplication;
using caredesk::console::FileVisitDialog;
using caredesk::console::ProviderPickerDialog;
using caredesk::console::QueueBoardView;
using caredesk::console::StateSettingsView;
using caredesk::console::VisitTableModel;
using caredesk::console::test::FakeCareDeskServer;
using caredesk::console::test::IsolatedSettings;
using caredesk::console::test::plainState;
using caredesk::console::test::queueVisit;
using caredesk::console::test::selectState;
using caredesk::console::test::selectVisit;
using caredesk::console::test::startScriptedConsole;
using caredesk::console::test::stateQueue;
using caredesk::console::test::texasSettings;

// The staff's actions through the console's real wiring (board, channels,
// stores, windows) against the scripted server.
class StaffFlowsTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void filedVisitGivesThePatientLink();
    void assignmentOffersOnlyEligibleProviders();
    void stateSettingsSaveAndConflict();

private:
    void startConsole();

    std::unique_ptr<IsolatedSettings> m_settings;
    std::unique_ptr<FakeCareDeskServer> m_server;
    std::unique_ptr<ConsoleApplication> m_console;
};

void StaffFlowsTest::initTestCase() {
    QCoreApplication::setOrganizationName(QStringLiteral("CareDeskTests"));
    QCoreApplication::setApplicationName(QStringLiteral("staff-flows-test"));
    m_settings = std::make_unique<IsolatedSettings>();
    QVERIFY(m_settings->isValid());
}

void StaffFlowsTest::init() {
    m_server = std::make_unique<FakeCareDeskServer>();
    m_server->addAccount(QStringLiteral("alex"), QStringLiteral("correct horse"),
                         QStringLiteral("Alex Morgan"),
                         {QStringLiteral("support"), QStringLiteral("admin")});
    caredesk::protocol::QueueSnapshot snapshot;
    snapshot.seq = 1;
    snapshot.states = {stateQueue("TX", "Texas", "open", 1, 1),
                       stateQueue("AZ", "Arizona", "open", 0, 1)};
    snapshot.visits = {queueVisit(3, "TX", "Cy", 900)};
    m_server->setQueueSnapshot(snapshot);
    m_server->setStateSettings({plainState("AZ", "Arizona"), texasSettings()});
    m_server->setProviders({{4, "Dr. Mei Chen", true, false, {"WA"}},
                            {8, "Dr. Ifeoma Okafor", true, false, {"AZ", "TX"}}});
    QVERIFY(m_server->listen());
}

void StaffFlowsTest::cleanup() {
    m_console.reset();
    m_server.reset();
}

void StaffFlowsTest::startConsole() {
    m_console =
        startScriptedConsole(*m_server, QStringLiteral("alex"), QStringLiteral("correct horse"));
    QVERIFY(m_console);
}

void StaffFlowsTest::filedVisitGivesThePatientLink() {
    startConsole();
    QueueBoardView &board = m_console->mainWindow().queueBoard();
    m_server->setFiledVisitToken("pQ2c9Xv-Lr0tWm4Jk8aZ1bN7sDfGhE5uIo3yTnA6Mzk");
    QTest::keyClick(board.visitTable(), Qt::Key_N, Qt::ControlModifier);
    FileVisitDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = board.fileVisitDialog()) && dialog->isVisible());
    auto *state = dialog->findChild<QComboBox *>(QStringLiteral("state"));
    state->setCurrentIndex(state->findData(QStringLiteral("TX")));
    dialog->findChild<QLineEdit *>(QStringLiteral("firstName"))->setText(QStringLiteral("Ana"));
    dialog->findChild<QLineEdit *>(QStringLiteral("lastName"))->setText(QStringLiteral("Reyes"));
    dialog->findChild<QDateEdit *>(QStringLiteral("dateOfBirth"))->setDate(QDate(1990, 6, 15));
    dialog->findChild<QPlainTextEdit *>(QStringLiteral("reason"))
        ->setPlainText(QStringLiteral("Follow-up call from the nurse line"));
    dialog->findChild<QLineEdit *>(QStringLiteral("contact"))
        ->setText(QStringLiteral("+1 512 555 0199"));
    dialog->findChild<QCheckBox *>(QStringLiteral("consent"))->setChecked(true);
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("file")), Qt::LeftButton);

    QTRY_VERIFY(!dialog->linkText().isEmpty());
    QCOMPARE(
        dialog->linkText(),
        QStringLiteral("http://127.0.0.1:%1/#visit=pQ2c9Xv-Lr0tWm4Jk8aZ1bN7sDfGhE5uIo3yTnA6Mzk")
            .arg(m_server->port()));
    QCOMPARE(m_server->count(QStringLiteral("file_visit")), 1);
    QVERIFY(m_server->lastBody(QStringLiteral("file_visit"))
                .contains(QLatin1String("\"consent\":true")));

    // A refusal instead, on the next one.
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("fileAnother")),
                      Qt::LeftButton);
    m_server->setIntakeRefusal(caredesk::protocol::IntakeRefused{
        "busy", "Texas has many patients waiting right now.", std::nullopt, 2400});
    dialog->findChild<QLineEdit *>(QStringLiteral("firstName"))->setText(QStringLiteral("Bo"));
    dialog->findChild<QLineEdit *>(QStringLiteral("lastName"))->setText(QStringLiteral("Lee"));
    dialog->findChild<QDateEdit *>(QStringLiteral("dateOfBirth"))->setDate(QDate(1971, 1, 2));
    dialog->findChild<QPlainTextEdit *>(QStringLiteral("reason"))
        ->setPlainText(QStringLiteral("Rash"));
    dialog->findChild<QLineEdit *>(QStringLiteral("contact"))->setText(QStringLiteral("bo@x.org"));
    dialog->findChild<QCheckBox *>(QStringLiteral("consent"))->setChecked(true);
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("file")), Qt::LeftButton);
    QTRY_COMPARE(dialog->noticeText(),
                 QStringLiteral("Not filed: the state is busy and at its hourly limit. Texas has "
                                "many patients waiting right now."));
    QCOMPARE(dialog->linkText(), QString());
}

void StaffFlowsTest::assignmentOffersOnlyEligibleProviders() {
    startConsole();
    QueueBoardView &board = m_console->mainWindow().queueBoard();
    board.visitTable()->setFocus();
    QVERIFY(selectVisit(board, 3));
    board.findChild<QAction *>(QStringLiteral("assignAction"))->trigger();
    ProviderPickerDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = board.providerPicker()) && dialog->providerList()->count() == 2);
    QCOMPARE(m_server->count(QStringLiteral("list_providers")), 1);
    QCOMPARE(dialog->providerId(), std::optional<qint64>(8));
    QVERIFY(!dialog->providerList()->item(1)->flags().testFlag(Qt::ItemIsEnabled)); // Dr. Chen
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("assign")), Qt::LeftButton);
    QTRY_COMPARE(m_server->count(QStringLiteral("assign_visit")), 1);
    QCOMPARE(m_server->lastBody(QStringLiteral("assign_visit")),
             QStringLiteral("{\"providerId\":8,\"visitId\":3}"));
}

void StaffFlowsTest::stateSettingsSaveAndConflict() {
    startConsole();
    QueueBoardView &board = m_console->mainWindow().queueBoard();
    StateSettingsView &view = m_console->mainWindow().stateSettings();
    view.setDiscardQuestion([](const QString &) { return true; });
    QVERIFY(selectState(board, QStringLiteral("TX")));
    QCOMPARE(board.currentStateCode(), QStringLiteral("TX"));
    board.findChild<QAction *>(QStringLiteral("stateSettingsAction"))->trigger();
    QTRY_VERIFY(view.isVisible());
    QTRY_COMPARE(view.currentStateCode(), QStringLiteral("TX"));
    QCOMPARE(m_server->count(QStringLiteral("list_state_settings")), 1);

    auto *cap = view.editor().findChild<QSpinBox *>(QStringLiteral("queueCap"));
    cap->setValue(55);
    QTest::mouseClick(view.findChild<QPushButton *>(QStringLiteral("save")), Qt::LeftButton);
    QTRY_COMPARE(view.messageText(), QStringLiteral("Saved. Texas is at version 8 now."));
    QCOMPARE(m_server->stateSettings()[1].schedule.queueCap, std::optional<std::int64_t>(55));
    QCOMPARE(m_console->stateSettingsStore().state(QStringLiteral("TX"))->version, 8);

    // Someone else saves; this admin's next save is refused, not lost.
    auto theirs = m_server->stateSettings()[1];
    theirs.schedule.busyMaxPerHour = 3;
    m_server->saveStateSettingsAs(QStringLiteral("Sam Rivera"), theirs);
    cap->setValue(60);
    QTest::mouseClick(view.findChild<QPushButton *>(QStringLiteral("save")), Qt::LeftButton);
    QTRY_VERIFY(view.conflictShown());
    QCOMPARE(m_server->stateSettings()[1].schedule.queueCap, std::optional<std::int64_t>(55));
    QCOMPARE(cap->value(), 60);
    QTest::mouseClick(view.findChild<QPushButton *>(QStringLiteral("reloadTheirs")),
                      Qt::LeftButton);
    QTRY_COMPARE(view.editor().findChild<QSpinBox *>(QStringLiteral("busyMaxPerHour"))->value(), 3);
    QCOMPARE(cap->value(), 55);
    QVERIFY(!view.hasUnsavedChanges());
    QVERIFY(view.findChild<QLabel *>(QStringLiteral("stateDetails"))
                ->text()
                .contains(QLatin1String("Sam Rivera")));
}

QTEST_MAIN(StaffFlowsTest)
#include "StaffFlowsTest.moc"
