#include "IsolatedSettings.h"
#include "RawProtocolClient.h"
#include "ServerProcess.h"
#include "app/ConsoleApplication.h"
#include "app/LaunchOptions.h"
#include "models/StateTableModel.h"
#include "net/ServerAddress.h"
#include "ui/FileVisitDialog.h"
#include "ui/QueueBoardView.h"
#include "ui/StateScheduleEditor.h"
#include "ui/StateSettingsView.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTableWidget>
#include <QTest>

#ifndef CAREDESK_SERVER_BINARY
#error "CAREDESK_SERVER_BINARY must name the caredesk-server executable"
#endif

using namespace std::chrono_literals;
using caredesk::console::ConnectionTimings;
using caredesk::console::ConsoleApplication;
using caredesk::console::FiledVisit;
using caredesk::console::FileVisitDialog;
using caredesk::console::LaunchOptions;
using caredesk::console::QueueBoardView;
using caredesk::console::QueueStore;
using caredesk::console::ServerAddress;
using caredesk::console::StateScheduleEditor;
using caredesk::console::StateSettingsView;
using caredesk::console::StateTableModel;
using caredesk::console::test::IsolatedSettings;
using caredesk::console::test::RawProtocolClient;
using caredesk::console::test::ServerProcess;

namespace {

constexpr int kSignInMs = 30'000;
// A change reaches the board as a pushed delta, within a moment.
constexpr int kLiveUpdateMs = 15'000;

// Every weekday's openings in the editor, as typed.
void setWeeklyHours(StateScheduleEditor &editor, const QStringList &days) {
    for (int day = 0; day < 7; ++day)
        editor.weeklyTable()->item(day, 1)->setText(days.value(day));
}

QString stateStatusText(const QueueBoardView &board, const QString &code) {
    const QAbstractItemModel &model = *board.stateTable()->model();
    for (int row = 0; row < model.rowCount(); ++row) {
        if (model.index(row, 0).data(StateTableModel::StateCodeRole).toString() == code)
            return model.index(row, StateTableModel::StatusColumn).data().toString();
    }
    return {};
}

} // namespace

// What staff do through the console against the real server: an admin edits a
// state's hours and the queue board follows by itself; support files a visit
// for a patient on the phone and the link handed over resumes it.
class StaffAgainstServerTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void cleanup();

    void adminEditsTexasHoursAndTheBoardFollows();
    void filedVisitLinkResumesTheVisit();

private:
    QUrl webSocketUrl() const;

    std::unique_ptr<IsolatedSettings> m_settings;
    std::unique_ptr<QTemporaryDir> m_folder;
    std::unique_ptr<ServerProcess> m_server;
    QString m_baseUrl;
    QString m_password;
    std::unique_ptr<ConsoleApplication> m_console;
};

void StaffAgainstServerTest::initTestCase() {
    QCoreApplication::setOrganizationName(QStringLiteral("CareDeskTests"));
    QCoreApplication::setApplicationName(QStringLiteral("staff-e2e-test"));
    m_settings = std::make_unique<IsolatedSettings>();
    QVERIFY(m_settings->isValid());
    m_folder = ServerProcess::makeFolder(QStringLiteral("caredesk-staff-e2e"));
    QVERIFY(m_folder);
    m_server = ServerProcess::inFolder(QStringLiteral(CAREDESK_SERVER_BINARY), *m_folder);
    m_baseUrl = m_server->start();
    QVERIFY2(!m_baseUrl.isEmpty(), m_server->output().right(4000).constData());
    m_password = m_server->demoPassword();
    QVERIFY2(!m_password.isEmpty(), "the demo admin password file is missing or empty");

    // The demo admin, signed in as from the command line.
    ConnectionTimings timings;
    timings.reconnect = {250ms, 2s, 10s};
    m_console = std::make_unique<ConsoleApplication>(timings);
    LaunchOptions options;
    options.server = m_baseUrl;
    options.username = QStringLiteral("admin");
    options.password = m_password;
    m_console->start(options);
    QTRY_COMPARE_WITH_TIMEOUT(m_console->queueStore().syncStatus(), QueueStore::SyncStatus::Live,
                              kSignInMs);
    QVERIFY(QTest::qWaitForWindowExposed(&m_console->mainWindow()));
}

void StaffAgainstServerTest::cleanupTestCase() {
    m_console.reset();
    if (m_server)
        m_server->stop();
}

void StaffAgainstServerTest::cleanup() {
    if (QTest::currentTestFailed() && m_server)
        qWarning("server output (tail):\n%s", m_server->output().right(6000).constData());
}

QUrl StaffAgainstServerTest::webSocketUrl() const {
    return ServerAddress::fromUserInput(m_baseUrl)->webSocketUrl();
}

void StaffAgainstServerTest::adminEditsTexasHoursAndTheBoardFollows() {
    QVERIFY2(m_console, "needs the console signed in by initTestCase");
    ConsoleApplication &console = *m_console;
    QueueBoardView &board = console.mainWindow().queueBoard();
    QueueStore &store = console.queueStore();
    QTRY_COMPARE_WITH_TIMEOUT(store.syncStatus(), QueueStore::SyncStatus::Live, kSignInMs);
    const QString texas = QStringLiteral("TX");
    // Staff leave Texas open, so its hours alone decide.
    console.queueChannel().setStateStatus(texas, caredesk::domain::StateStatus::Open);
    QTRY_COMPARE_WITH_TIMEOUT(store.state(texas)->manualStatus, caredesk::domain::StateStatus::Open,
                              kLiveUpdateMs);
    const int subscriptions = console.queueChannel().subscriptionCount();

    StateSettingsView &settings = console.mainWindow().stateSettings();
    settings.setDiscardQuestion([](const QString &) { return true; });
    console.mainWindow().openStateSettings(texas);
    QTRY_COMPARE_WITH_TIMEOUT(settings.currentStateCode(), texas, kSignInMs);
    QVERIFY(QTest::qWaitForWindowActive(&settings));
    StateScheduleEditor &editor = settings.editor();
    auto *save = settings.findChild<QPushButton *>(QStringLiteral("save"));
    const auto saveAndWait = [&] {
        QVERIFY(save->isEnabled());
        QTest::mouseClick(save, Qt::LeftButton);
        QTRY_VERIFY2_WITH_TIMEOUT(settings.messageText().startsWith(QLatin1String("Saved.")),
                                  qPrintable(settings.messageText()), kLiveUpdateMs);
    };

    // Around the clock: open now, and no closing time to show.
    setWeeklyHours(editor, QStringList(7, QStringLiteral("00:00-24:00")));
    saveAndWait();
    QTRY_VERIFY_WITH_TIMEOUT(store.state(texas)->status == caredesk::domain::StateStatus::Open &&
                                 !store.state(texas)->closesAtMs,
                             kLiveUpdateMs);
    QCOMPARE(stateStatusText(board, texas), QStringLiteral("Open"));

    // No hours at all: closed now, by its hours, with nothing to reopen at.
    setWeeklyHours(editor, {});
    saveAndWait();
    QTRY_VERIFY_WITH_TIMEOUT(store.state(texas)->status == caredesk::domain::StateStatus::Closed,
                             kLiveUpdateMs);
    QVERIFY(!store.state(texas)->nextOpenAtMs);
    QCOMPARE(stateStatusText(board, texas), QStringLiteral("Outside hours (staff: open)"));
    // Pushed, not polled: the stream the board subscribed to carried both.
    QCOMPARE(console.queueChannel().subscriptionCount(), subscriptions);
    QCOMPARE(store.syncStatus(), QueueStore::SyncStatus::Live);

    // A week as an admin would set it, for the picture: weekday hours, a late
    // Friday opening past midnight, a holiday, a short Christmas Eve.
    setWeeklyHours(editor, {{},
                            QStringLiteral("08:00-20:00"),
                            QStringLiteral("08:00-20:00"),
                            QStringLiteral("08:00-20:00"),
                            QStringLiteral("08:00-20:00"),
                            QStringLiteral("08:00-20:00, 22:00-02:00"),
                            QStringLiteral("09:00-13:00")});
    QTableWidget *closures = editor.closureTable();
    QTableWidget *special = editor.specialTable();
    while (closures->rowCount() > 0)
        closures->removeRow(0);
    while (special->rowCount() > 0)
        special->removeRow(0);
    // Adding a row opens its date for typing; here the date is set directly.
    const auto add = [&editor](const char *button) {
        QTest::mouseClick(editor.findChild<QPushButton *>(QLatin1String(button)), Qt::LeftButton);
        if (QWidget *typing = QApplication::focusWidget())
            QTest::keyClick(typing, Qt::Key_Escape);
    };
    add("addClosure");
    closures->item(0, 0)->setData(Qt::EditRole, QDate(2026, 11, 26));
    closures->item(0, 1)->setText(QStringLiteral("Thanksgiving"));
    add("addClosure");
    closures->item(1, 0)->setData(Qt::EditRole, QDate(2026, 12, 25));
    closures->item(1, 1)->setText(QStringLiteral("Christmas Day"));
    add("addSpecialDay");
    special->item(0, 0)->setData(Qt::EditRole, QDate(2026, 12, 24));
    special->item(0, 1)->setText(QStringLiteral("08:00-12:00"));
    editor.findChild<QSpinBox *>(QStringLiteral("queueCap"))->setValue(40);
    editor.findChild<QSpinBox *>(QStringLiteral("busyMaxPerHour"))->setValue(12);
    settings.stateList()->setFocus();
    saveAndWait();
    const auto *saved = console.stateSettingsStore().state(texas);
    QVERIFY(saved);
    QCOMPARE(saved->schedule.closures.size(), std::size_t(2));
    QCOMPARE(saved->schedule.weekly[5].size(), std::size_t(2));
    QCOMPARE(saved->schedule.weekly[5][1].closes, std::string("02:00"));
    QVERIFY(saved->changedBy.has_value());
    QTest::qWait(300); // a full paint
    const QPixmap shot = settings.grab();
    const QString path =
        ServerProcess::screenshotPath(*m_folder, QStringLiteral("console-state-settings.png"));
    QVERIFY2(shot.save(path), qPrintable(path));
    qInfo("screenshot: %s", qPrintable(path));

    // Open around the clock again, so the next test can file a visit at any hour.
    setWeeklyHours(editor, QStringList(7, QStringLiteral("00:00-24:00")));
    saveAndWait();
    QTRY_VERIFY_WITH_TIMEOUT(store.state(texas)->status == caredesk::domain::StateStatus::Open,
                             kLiveUpdateMs);
    settings.close();
}

void StaffAgainstServerTest::filedVisitLinkResumesTheVisit() {
    QVERIFY2(m_console, "needs the console signed in by initTestCase");
    ConsoleApplication &console = *m_console;
    QueueBoardView &board = console.mainWindow().queueBoard();
    QueueStore &store = console.queueStore();
    QTRY_COMPARE_WITH_TIMEOUT(store.syncStatus(), QueueStore::SyncStatus::Live, kSignInMs);
    // A provider licensed in Texas on shift, so the line has room.
    RawProtocolClient provider;
    QVERIFY(provider.open(webSocketUrl(), "console"));
    QVERIFY(provider.logIn("dr.okafor", m_password.toStdString()));
    QCOMPARE(RawProtocolClient::typeOf(provider.request("set_availability", {{"status", "available"}})),
             std::string("ok"));

    QSignalSpy filed(&console.queueChannel(), &caredesk::console::QueueChannel::visitFiled);
    console.mainWindow().activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&console.mainWindow()));
    QTest::keyClick(board.visitTable(), Qt::Key_N, Qt::ControlModifier);
    FileVisitDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = board.fileVisitDialog()) && dialog->isVisible());
    auto *state = dialog->findChild<QComboBox *>(QStringLiteral("state"));
    state->setCurrentIndex(state->findData(QStringLiteral("TX")));
    QVERIFY(state->currentIndex() >= 0);
    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("firstName")),
                     QStringLiteral("Ana"));
    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("lastName")),
                     QStringLiteral("Reyes"));
    dialog->findChild<QDateEdit *>(QStringLiteral("dateOfBirth"))->setDate(QDate(1990, 6, 15));
    QTest::keyClicks(dialog->findChild<QPlainTextEdit *>(QStringLiteral("reason")),
                     QStringLiteral("Follow-up call from the nurse line"));
    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("contact")),
                     QStringLiteral("+1 512 555 0199"));
    dialog->findChild<QCheckBox *>(QStringLiteral("consent"))->setChecked(true);
    dialog->findChild<QSpinBox *>(QStringLiteral("priority"))->setValue(2);
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("file")), Qt::LeftButton);
    QTRY_VERIFY2_WITH_TIMEOUT(!dialog->linkText().isEmpty() || !dialog->noticeText().isEmpty(),
                              "no answer to file_visit", kLiveUpdateMs);
    QVERIFY2(dialog->noticeText().isEmpty(), qPrintable(dialog->noticeText()));
    QCOMPARE(filed.size(), 1);
    const auto visit = filed.at(0).at(0).value<FiledVisit>();

    // The link: the page of the server signed in to, the token in the fragment.
    const QUrl link(dialog->linkText());
    QCOMPARE(link.adjusted(QUrl::RemoveFragment).toString(),
             QUrl(m_baseUrl).resolved(QUrl(QStringLiteral("/"))).toString());
    QVERIFY(link.fragment().startsWith(QLatin1String("visit=")));
    const std::string token = link.fragment().mid(6).toStdString();
    QVERIFY(token.size() >= 16);

    // On the board at once, with its priority.
    QTRY_VERIFY_WITH_TIMEOUT(store.visit(visit.visitId), kLiveUpdateMs);
    QCOMPARE(store.visit(visit.visitId)->priority, 2);
    QCOMPARE(store.visit(visit.visitId)->patientName(), QStringLiteral("Ana Reyes"));

    QTest::qWait(300);
    const QPixmap shot = dialog->grab();
    const QString path =
        ServerProcess::screenshotPath(*m_folder, QStringLiteral("console-file-visit-link.png"));
    QVERIFY2(shot.save(path), qPrintable(path));
    qInfo("screenshot: %s", qPrintable(path));

    // The patient opens the link: the page resumes the visit with its token.
    RawProtocolClient patient;
    QVERIFY(patient.open(webSocketUrl(), "web"));
    const auto resumed = patient.request("visit_resume", {{"token", token}});
    QCOMPARE(RawProtocolClient::typeOf(resumed), std::string("visit_status"));
    QCOMPARE(resumed["body"]["visit"]["visitId"].get<qint64>(), visit.visitId);
    QCOMPARE(resumed["body"]["visit"]["state"].get<std::string>(), std::string("TX"));
    // And a wrong token resumes nothing.
    RawProtocolClient stranger;
    QVERIFY(stranger.open(webSocketUrl(), "web"));
    QCOMPARE(RawProtocolClient::typeOf(
                 stranger.request("visit_resume", {{"token", token.substr(0, 16) + "xxxxxxxx"}})),
             std::string("error"));
    dialog->accept();
}

QTEST_MAIN(StaffAgainstServerTest)
#include "StaffAgainstServerTest.moc"
