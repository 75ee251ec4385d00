#include "IsolatedSettings.h"
#include "DemoIntake.h"
#include "RawProtocolClient.h"
#include "ServerProcess.h"
#include "app/ConsoleApplication.h"
#include "app/LaunchOptions.h"
#include "models/StateTableModel.h"
#include "models/VisitTableModel.h"
#include "net/ServerAddress.h"
#include "ui/QueueBoardView.h"

#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <map>

#ifndef CAREDESK_SERVER_BINARY
#error "CAREDESK_SERVER_BINARY must name the caredesk-server executable"
#endif

using namespace std::chrono_literals;
using caredesk::console::ConnectionTimings;
using caredesk::console::ConsoleApplication;
using caredesk::console::LaunchOptions;
using caredesk::console::LoginDialog;
using caredesk::console::QueueBoardView;
using caredesk::console::QueueStore;
using caredesk::console::ServerAddress;
using caredesk::console::ServerConnection;
using caredesk::console::SessionInfo;
using caredesk::console::StateTableModel;
using caredesk::console::VisitTableModel;
using caredesk::console::test::IsolatedSettings;
using caredesk::console::test::openAroundTheClock;
using caredesk::console::test::RawProtocolClient;
using caredesk::console::test::ServerProcess;

namespace {

constexpr int kSignInMs = 30'000;
// Restarting reuses the cluster; the console must then find its way back alone.
constexpr int kReconnectMs = 120'000;
// A change reaches the board as a pushed delta, within a moment.
constexpr int kLiveUpdateMs = 15'000;

// The demo states, and a demo provider licensed in each (demo data).
const std::map<std::string, std::string> kDemoProviderFor{
    {"WA", "dr.chen"},   {"OR", "dr.chen"},   {"CA", "dr.chen"},
    {"AZ", "dr.okafor"}, {"TX", "dr.okafor"},
};

QStringList column(const QTableView &table, int column, int role) {
    QStringList values;
    for (int row = 0; row < table.model()->rowCount(); ++row)
        values.append(table.model()->index(row, column).data(role).toString());
    return values;
}

int rowOfVisit(const QTableView &table, qint64 visitId) {
    for (int row = 0; row < table.model()->rowCount(); ++row) {
        if (table.model()->index(row, 0).data(VisitTableModel::VisitIdRole).toLongLong() == visitId)
            return row;
    }
    return -1;
}

ConnectionTimings e2eTimings() {
    ConnectionTimings timings;
    // Quick retries, so the test measures the server's restart, not the backoff.
    timings.reconnect = {250ms, 2s, 10s};
    return timings;
}

void submit(LoginDialog &dialog, const QString &server, const QString &user,
            const QString &password) {
    for (auto [name, text] : {std::pair{"server", server}, std::pair{"username", user},
                              std::pair{"password", password}}) {
        auto *edit = dialog.findChild<QLineEdit *>(QLatin1String(name));
        edit->clear();
        QTest::keyClicks(edit, text);
    }
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("signIn")), Qt::LeftButton);
}

} // namespace

class ConsoleAgainstServerTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void cleanup();

    void signsInThroughTheDialog();
    void queueBoardShowsTheDemoStates();
    void newVisitAppearsWithoutPolling();
    void survivesAServerCrash();
    void survivesAGracefulRestart();
    void wrongPasswordIsShown();
    void unreachableServerIsShown();

private:
    void restartAndExpectResume(bool crash);
    QUrl webSocketUrl() const;

    std::unique_ptr<IsolatedSettings> m_settings;
    std::unique_ptr<QTemporaryDir> m_folder;
    std::unique_ptr<ServerProcess> m_server;
    QString m_baseUrl;
    QString m_password;
    // Signed in by the first test and kept through the restarts.
    std::unique_ptr<ConsoleApplication> m_console;
    QString m_signedInText;
    // The visit filed by newVisitAppearsWithoutPolling, 0 if none could be.
    qint64 m_visitId = 0;
};

void ConsoleAgainstServerTest::initTestCase() {
    QCoreApplication::setOrganizationName(QStringLiteral("CareDeskTests"));
    QCoreApplication::setApplicationName(QStringLiteral("console-e2e-test"));
    m_settings = std::make_unique<IsolatedSettings>();
    QVERIFY(m_settings->isValid());

    m_folder = ServerProcess::makeFolder(QStringLiteral("caredesk-console-e2e"));
    QVERIFY(m_folder);
    m_server = ServerProcess::inFolder(QStringLiteral(CAREDESK_SERVER_BINARY), *m_folder);
    m_baseUrl = m_server->start();
    QVERIFY2(!m_baseUrl.isEmpty(), m_server->output().right(4000).constData());
    m_password = m_server->demoPassword();
    QVERIFY2(!m_password.isEmpty(), "the demo admin password file is missing or empty");
}

void ConsoleAgainstServerTest::cleanupTestCase() {
    m_console.reset();
    if (m_server)
        m_server->stop();
}

void ConsoleAgainstServerTest::cleanup() {
    if (QTest::currentTestFailed() && m_server)
        qWarning("server output (tail):\n%s", m_server->output().right(6000).constData());
}

QUrl ConsoleAgainstServerTest::webSocketUrl() const {
    return ServerAddress::fromUserInput(m_baseUrl)->webSocketUrl();
}

void ConsoleAgainstServerTest::signsInThroughTheDialog() {
    m_console = std::make_unique<ConsoleApplication>(e2eTimings());
    ConsoleApplication &console = *m_console;
    QSignalSpy started(&console.connection(), &ServerConnection::sessionStarted);
    console.start(LaunchOptions{});
    LoginDialog *dialog = console.signInFlow().loginDialog();
    QVERIFY(dialog);
    submit(*dialog, m_baseUrl, QStringLiteral("admin"), m_password);

    QTRY_COMPARE_WITH_TIMEOUT(console.mainWindow().connectionStatusText(),
                              QStringLiteral("Connected"), kSignInMs);
    QCOMPARE(started.size(), 1);
    const auto session = started.at(0).at(0).value<SessionInfo>();
    QCOMPARE(session.username, QStringLiteral("admin"));
    QVERIFY(session.hasRole(QStringLiteral("admin")));
    m_signedInText = console.mainWindow().signedInText();
    QVERIFY2(m_signedInText.startsWith(QLatin1String("Signed in as ")), qPrintable(m_signedInText));
    QVERIFY(m_signedInText.contains(QLatin1String("(admin)")));
    QVERIFY(m_signedInText.contains(QLatin1String("Admin")));
    QTRY_VERIFY(!console.signInFlow().loginDialog());
    QVERIFY(console.mainWindow().isVisible());

    QVERIFY(QTest::qWaitForWindowExposed(&console.mainWindow()));
    QTest::qWait(300); // one full layout and paint pass
    const QPixmap shot = console.mainWindow().grab();
    QCOMPARE(shot.size(), QSize(1280, 800));
    const QString path =
        ServerProcess::screenshotPath(*m_folder, QStringLiteral("console-after-login.png"));
    QVERIFY2(shot.save(path), qPrintable(path));
    qInfo("screenshot: %s", qPrintable(path));
}

void ConsoleAgainstServerTest::queueBoardShowsTheDemoStates() {
    QVERIFY2(m_console, "needs the signed-in console of signsInThroughTheDialog");
    ConsoleApplication &console = *m_console;
    QueueBoardView &board = console.mainWindow().queueBoard();
    QTRY_COMPARE_WITH_TIMEOUT(console.queueStore().syncStatus(), QueueStore::SyncStatus::Live,
                              kSignInMs);
    QCOMPARE(board.syncText(), QStringLiteral("Live"));
    QStringList codes = column(*board.stateTable(), 0, StateTableModel::StateCodeRole);
    codes.sort();
    // Open or closed depends on the clock; which states are served does not.
    QCOMPARE(codes,
             (QStringList{QStringLiteral("AZ"), QStringLiteral("CA"), QStringLiteral("NY"),
                          QStringLiteral("OR"), QStringLiteral("TX"), QStringLiteral("WA")}));
    const QStringList statuses =
        column(*board.stateTable(), StateTableModel::StatusColumn, Qt::DisplayRole);
    for (const QString &status : statuses)
        QVERIFY2(status.startsWith(QLatin1String("Open")) ||
                     status.startsWith(QLatin1String("Busy")) ||
                     status.startsWith(QLatin1String("Closed")) ||
                     status.startsWith(QLatin1String("Outside hours")),
                 qPrintable(status));
    // An admin manages the queues; taking patients is for providers.
    QVERIFY(board.findChild<QAction *>(QStringLiteral("removeAction"))->isVisible());
    QVERIFY(board.findChild<QAction *>(QStringLiteral("setBusyAction"))->isVisible());
    QVERIFY(!board.findChild<QAction *>(QStringLiteral("takeNextAction"))->isVisible());
    QCOMPARE(console.queueChannel().subscriptionCount(), 1);
}

void ConsoleAgainstServerTest::newVisitAppearsWithoutPolling() {
    QVERIFY2(m_console, "needs the signed-in console of signsInThroughTheDialog");
    ConsoleApplication &console = *m_console;
    QueueBoardView &board = console.mainWindow().queueBoard();
    QTRY_COMPARE_WITH_TIMEOUT(console.queueStore().syncStatus(), QueueStore::SyncStatus::Live,
                              kSignInMs);
    const int subscriptions = console.queueChannel().subscriptionCount();

    // Texas open around the clock, so the test does not depend on the hour it runs at.
    RawProtocolClient admin;
    QVERIFY(admin.open(webSocketUrl(), "console"));
    QVERIFY(admin.logIn("admin", m_password.toStdString()));
    QVERIFY(openAroundTheClock(admin, "TX"));

    RawProtocolClient patient;
    QVERIFY(patient.open(webSocketUrl(), "web"));
    const auto states = patient.request("list_states");
    QCOMPARE(RawProtocolClient::typeOf(states), std::string("state_list"));
    std::vector<std::string> open;
    for (const auto &state : states["body"]["states"]) {
        if (state["status"] == "open" && kDemoProviderFor.contains(state["code"]))
            open.push_back(state["code"]);
    }

    // A licensed provider on shift for each open state, so intake has room.
    std::string accepted;
    for (const std::string &code : open) {
        RawProtocolClient provider;
        QVERIFY(provider.open(webSocketUrl(), "console"));
        QVERIFY(provider.logIn(kDemoProviderFor.at(code), m_password.toStdString()));
        QCOMPARE(
            RawProtocolClient::typeOf(provider.request("set_availability", {{"status", "available"}})),
            std::string("ok"));
        const auto reply = patient.request("visit_request", {{"state", code},
                                                             {"firstName", "Ximena"},
                                                             {"lastName", "Quartermain"},
                                                             {"dateOfBirth", "1987-07-14"},
                                                             {"reason", "Ear pain since yesterday"},
                                                             {"contact", "+1 555 0134"},
                                                             {"consent", true}});
        if (RawProtocolClient::typeOf(reply) == "visit_accepted") {
            accepted = code;
            m_visitId = reply["body"]["visit"]["visitId"];
            break;
        }
        qInfo("%s did not take the visit: %s", code.c_str(), reply.dump().c_str());
    }
    QVERIFY2(!accepted.empty(), "Texas is open around the clock, yet took no visit");

    // The row appears by itself: the server pushed it.
    QueueStore &store = console.queueStore();
    QTRY_VERIFY_WITH_TIMEOUT(store.visit(m_visitId), kLiveUpdateMs);
    QTableView &visits = *board.visitTable();
    const int row = rowOfVisit(visits, m_visitId);
    QVERIFY(row >= 0);
    QCOMPARE(visits.model()->index(row, VisitTableModel::PatientColumn).data().toString(),
             QStringLiteral("Ximena Quartermain"));
    QCOMPARE(visits.model()->index(row, VisitTableModel::StateColumn).data().toString(),
             QString::fromStdString(accepted));
    QCOMPARE(visits.model()->index(row, VisitTableModel::StatusColumn).data().toString(),
             QStringLiteral("Waiting"));
    // And the state's overview counts it.
    QTRY_VERIFY_WITH_TIMEOUT(store.state(QString::fromStdString(accepted))->waiting >= 1,
                             kLiveUpdateMs);
    QCOMPARE(console.queueChannel().subscriptionCount(), subscriptions);
    QCOMPARE(store.syncStatus(), QueueStore::SyncStatus::Live);

    // Show it selected for the screenshot.
    visits.setFocus();
    visits.setCurrentIndex(visits.model()->index(row, 0));
    QTest::qWait(1200); // a tick of the waiting clock and a full paint
    const QPixmap shot = console.mainWindow().grab();
    const QString path =
        ServerProcess::screenshotPath(*m_folder, QStringLiteral("console-queue-board.png"));
    QVERIFY2(shot.save(path), qPrintable(path));
    qInfo("screenshot: %s", qPrintable(path));
}

void ConsoleAgainstServerTest::restartAndExpectResume(bool crash) {
    QVERIFY2(m_console, "needs the signed-in console of signsInThroughTheDialog");
    ConsoleApplication &console = *m_console;
    QCOMPARE(console.mainWindow().connectionStatusText(), QStringLiteral("Connected"));
    QSignalSpy started(&console.connection(), &ServerConnection::sessionStarted);
    QSignalSpy expired(&console.connection(), &ServerConnection::sessionExpired);
    QSignalSpy refused(&console.connection(), &ServerConnection::authenticationFailed);

    if (crash)
        m_server->kill();
    else
        QVERIFY(m_server->terminate());
    QTRY_VERIFY_WITH_TIMEOUT(
        console.mainWindow().connectionStatusText().startsWith(QLatin1String("Reconnecting")),
        15'000);
    QVERIFY(!console.signInFlow().loginDialog());
    QCOMPARE(console.queueStore().syncStatus(), QueueStore::SyncStatus::Stale);

    QVERIFY2(!m_server->start().isEmpty(), m_server->output().right(4000).constData());
    QTRY_COMPARE_WITH_TIMEOUT(console.mainWindow().connectionStatusText(),
                              QStringLiteral("Connected"), kReconnectMs);
    QCOMPARE(started.size(), 1);
    QCOMPARE(started.at(0).at(1).toBool(), true); // resumed, not a new login
    QCOMPARE(started.at(0).at(0).value<SessionInfo>().username, QStringLiteral("admin"));
    QCOMPARE(expired.size(), 0);
    QCOMPARE(refused.size(), 0);
    QVERIFY(!console.signInFlow().loginDialog());
    QCOMPARE(console.mainWindow().signedInText(), m_signedInText);
    // The board subscribed again by itself and shows what a fresh snapshot shows.
    QTRY_COMPARE_WITH_TIMEOUT(console.queueStore().syncStatus(), QueueStore::SyncStatus::Live,
                              kSignInMs);
    RawProtocolClient other;
    QVERIFY(other.open(webSocketUrl(), "tool"));
    QVERIFY(other.logIn("admin", m_password.toStdString()));
    const auto snapshot = other.request("queue_subscribe");
    QCOMPARE(RawProtocolClient::typeOf(snapshot), std::string("queue_snapshot"));
    QList<qint64> fresh;
    for (const auto &visit : snapshot["body"]["visits"])
        fresh.append(visit["id"].get<qint64>());
    std::sort(fresh.begin(), fresh.end());
    const auto shown = [&console] {
        QList<qint64> ids;
        for (const auto &visit : console.queueStore().visits())
            ids.append(visit.id);
        std::sort(ids.begin(), ids.end());
        return ids;
    };
    QTRY_COMPARE_WITH_TIMEOUT(shown(), fresh, kLiveUpdateMs);
    QCOMPARE(console.queueStore().states().size(), snapshot["body"]["states"].size());
}

void ConsoleAgainstServerTest::survivesAServerCrash() {
    restartAndExpectResume(true);
}

void ConsoleAgainstServerTest::survivesAGracefulRestart() {
    restartAndExpectResume(false);
}

void ConsoleAgainstServerTest::wrongPasswordIsShown() {
    ConsoleApplication console(e2eTimings());
    console.start(LaunchOptions{});
    LoginDialog *dialog = console.signInFlow().loginDialog();
    QVERIFY(dialog);
    submit(*dialog, m_baseUrl, QStringLiteral("admin"), m_password + QStringLiteral("-wrong"));
    QTRY_COMPARE_WITH_TIMEOUT(dialog->errorText(), QStringLiteral("Wrong username or password"),
                              kSignInMs);
    QVERIFY(dialog->isVisible());
    QVERIFY(!console.mainWindow().isVisible());
    QCOMPARE(console.mainWindow().connectionStatusText(), QStringLiteral("Disconnected"));
}

void ConsoleAgainstServerTest::unreachableServerIsShown() {
    ConsoleApplication console(e2eTimings());
    console.start(LaunchOptions{});
    LoginDialog *dialog = console.signInFlow().loginDialog();
    QVERIFY(dialog);
    submit(*dialog, QStringLiteral("http://127.0.0.1:%1").arg(ServerProcess::freePort()),
           QStringLiteral("admin"), m_password);
    QTRY_VERIFY_WITH_TIMEOUT(dialog->errorText().startsWith(QLatin1String("Cannot reach server")),
                             kSignInMs);
    QVERIFY(!console.mainWindow().isVisible());
}

QTEST_MAIN(ConsoleAgainstServerTest)
#include "ConsoleAgainstServerTest.moc"
