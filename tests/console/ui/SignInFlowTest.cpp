#include "FakeCareDeskServer.h"
#include "IsolatedSettings.h"
#include "app/ConsoleApplication.h"
#include "app/LaunchOptions.h"

#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace std::chrono_literals;
using caredesk::console::ConnectionTimings;
using caredesk::console::ConsoleApplication;
using caredesk::console::LaunchOptions;
using caredesk::console::LoginDialog;
using caredesk::console::test::FakeCareDeskServer;
using caredesk::console::test::IsolatedSettings;

namespace {

ConnectionTimings fastTimings() {
    ConnectionTimings timings;
    timings.reconnect = {50ms, 300ms, 60s};
    timings.connectTimeout = 3s;
    timings.replyTimeout = 2s;
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

QString noticeOf(LoginDialog &dialog) {
    auto *notice = dialog.findChild<QLabel *>(QStringLiteral("notice"));
    return notice->isVisible() ? notice->text() : QString();
}

} // namespace

class SignInFlowTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void startsWithTheRememberedServerAndUser();
    void wrongPasswordStaysInTheDialog();
    void signingInShowsTheWorkspace();
    void serverRestartIsBridgedWithoutTheDialog();
    void endedSessionAsksOnlyForThePassword();
    void logOutReturnsToTheDialog();
    void unreachableServerIsSaid();
    void signsInDirectlyFromTheCommandLine();
    void failedDirectSignInFallsBackToTheDialog();
    void closingTheDialogQuits();

private:
    void signInThroughDialog(ConsoleApplication &console);

    std::unique_ptr<IsolatedSettings> m_settings;
    std::unique_ptr<FakeCareDeskServer> m_server;
};

void SignInFlowTest::initTestCase() {
    QCoreApplication::setOrganizationName(QStringLiteral("CareDeskTests"));
    QCoreApplication::setApplicationName(QStringLiteral("sign-in-flow-test"));
    m_settings = std::make_unique<IsolatedSettings>();
    QVERIFY(m_settings->isValid());
}

void SignInFlowTest::init() {
    m_settings->clear();
    m_server = std::make_unique<FakeCareDeskServer>();
    m_server->addAccount(QStringLiteral("ada"), QStringLiteral("correct horse"),
                         QStringLiteral("Ada Lovelace"),
                         {QStringLiteral("support"), QStringLiteral("provider")});
    QVERIFY(m_server->listen());
}

void SignInFlowTest::cleanup() {
    m_server.reset();
}

void SignInFlowTest::signInThroughDialog(ConsoleApplication &console) {
    console.start(LaunchOptions{});
    LoginDialog *dialog = console.signInFlow().loginDialog();
    QVERIFY(dialog);
    submit(*dialog, m_server->url().toString(), QStringLiteral("ada"),
           QStringLiteral("correct horse"));
    QTRY_COMPARE_WITH_TIMEOUT(console.mainWindow().connectionStatusText(),
                              QStringLiteral("Connected"), 5000);
}

void SignInFlowTest::startsWithTheRememberedServerAndUser() {
    {
        QSettings settings;
        settings.setValue(QStringLiteral("signIn/server"), QStringLiteral("care.example.org"));
        settings.setValue(QStringLiteral("signIn/username"), QStringLiteral("grace"));
    }
    ConsoleApplication console(fastTimings());
    console.start(LaunchOptions{});
    LoginDialog *dialog = console.signInFlow().loginDialog();
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    QCOMPARE(dialog->serverText(), QStringLiteral("care.example.org"));
    QCOMPARE(dialog->username(), QStringLiteral("grace"));
    QVERIFY(!console.mainWindow().isVisible());

    // The command line wins over what was remembered.
    ConsoleApplication other(fastTimings());
    LaunchOptions options;
    options.server = QStringLiteral("http://127.0.0.1:1");
    options.username = QStringLiteral("ada");
    other.start(options);
    QCOMPARE(other.signInFlow().loginDialog()->serverText(), QStringLiteral("http://127.0.0.1:1"));
    QCOMPARE(other.signInFlow().loginDialog()->username(), QStringLiteral("ada"));
}

void SignInFlowTest::wrongPasswordStaysInTheDialog() {
    ConsoleApplication console(fastTimings());
    console.start(LaunchOptions{});
    LoginDialog *dialog = console.signInFlow().loginDialog();
    submit(*dialog, m_server->url().toString(), QStringLiteral("ada"), QStringLiteral("nope"));
    QTRY_COMPARE_WITH_TIMEOUT(dialog->errorText(), QStringLiteral("Wrong username or password"),
                              5000);
    QCOMPARE(console.signInFlow().loginDialog(), dialog);
    QVERIFY(dialog->isVisible());
    QVERIFY(!dialog->isBusy());
    QVERIFY(!console.mainWindow().isVisible());
    QCOMPARE(console.mainWindow().connectionStatusText(), QStringLiteral("Disconnected"));
    QVERIFY(QSettings().allKeys().isEmpty());
}

void SignInFlowTest::signingInShowsTheWorkspace() {
    ConsoleApplication console(fastTimings());
    QSignalSpy signedIn(&console.signInFlow(), &caredesk::console::SignInFlow::signedIn);
    signInThroughDialog(console);
    QCOMPARE(signedIn.size(), 1);
    QTRY_VERIFY(!console.signInFlow().loginDialog());
    QVERIFY(console.mainWindow().isVisible());
    QCOMPARE(console.mainWindow().signedInText(),
             QStringLiteral("Signed in as Ada Lovelace (ada) · Support, Provider"));
    QCOMPARE(QSettings().value(QStringLiteral("signIn/username")).toString(),
             QStringLiteral("ada"));
    QCOMPARE(QSettings().value(QStringLiteral("signIn/server")).toString(),
             m_server->url().toString());
}

void SignInFlowTest::serverRestartIsBridgedWithoutTheDialog() {
    ConsoleApplication console(fastTimings());
    signInThroughDialog(console);
    const quint16 port = m_server->port();
    m_server->stop();
    QTRY_VERIFY_WITH_TIMEOUT(
        console.mainWindow().connectionStatusText().startsWith(QLatin1String("Reconnecting")),
        3000);
    QVERIFY(!console.signInFlow().loginDialog());
    // Still the same person while the link is down.
    QVERIFY(console.mainWindow().signedInText().contains(QLatin1String("Ada Lovelace")));

    QVERIFY(m_server->listen(port));
    QTRY_COMPARE_WITH_TIMEOUT(console.mainWindow().connectionStatusText(),
                              QStringLiteral("Connected"), 5000);
    QVERIFY(!console.signInFlow().loginDialog());
    QVERIFY(console.mainWindow().signedInText().contains(QLatin1String("Ada Lovelace")));
    QCOMPARE(m_server->count(QStringLiteral("login")), 1);
    QCOMPARE(m_server->count(QStringLiteral("resume")), 1);
}

void SignInFlowTest::endedSessionAsksOnlyForThePassword() {
    ConsoleApplication console(fastTimings());
    signInThroughDialog(console);
    m_server->expireAllSessions();
    m_server->abortClients();
    QTRY_VERIFY_WITH_TIMEOUT(console.signInFlow().loginDialog(), 3000);
    LoginDialog *dialog = console.signInFlow().loginDialog();
    QVERIFY(dialog->isVisible());
    QVERIFY(console.mainWindow().isVisible()); // the workspace stays behind the dialog
    QVERIFY(noticeOf(*dialog).contains(QLatin1String("session has ended")));
    QCOMPARE(dialog->username(), QStringLiteral("ada"));
    QCOMPARE(dialog->serverText(), m_server->url().toString());
    QCOMPARE(console.mainWindow().signedInText(), QStringLiteral("Not signed in"));
    QCOMPARE(console.mainWindow().connectionStatusText(), QStringLiteral("Disconnected"));

    auto *password = dialog->findChild<QLineEdit *>(QStringLiteral("password"));
    QTest::keyClicks(password, QStringLiteral("correct horse"));
    QTest::keyClick(password, Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(console.mainWindow().connectionStatusText(),
                              QStringLiteral("Connected"), 5000);
    QTRY_VERIFY(!console.signInFlow().loginDialog());
    QCOMPARE(m_server->count(QStringLiteral("login")), 2);
}

void SignInFlowTest::logOutReturnsToTheDialog() {
    ConsoleApplication console(fastTimings());
    signInThroughDialog(console);
    console.mainWindow().findChild<QAction *>(QStringLiteral("logOutAction"))->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(console.signInFlow().loginDialog(), 3000);
    QVERIFY(console.signInFlow().loginDialog()->isVisible());
    QVERIFY(noticeOf(*console.signInFlow().loginDialog()).isEmpty());
    QCOMPARE(console.signInFlow().loginDialog()->username(), QStringLiteral("ada"));
    QTRY_VERIFY(!console.mainWindow().isVisible());
    QCOMPARE(m_server->count(QStringLiteral("logout")), 1);
    QCOMPARE(console.mainWindow().connectionStatusText(), QStringLiteral("Disconnected"));
}

void SignInFlowTest::unreachableServerIsSaid() {
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 closed = probe.serverPort();
    probe.close();

    ConsoleApplication console(fastTimings());
    console.start(LaunchOptions{});
    LoginDialog *dialog = console.signInFlow().loginDialog();
    submit(*dialog, QStringLiteral("http://127.0.0.1:%1").arg(closed), QStringLiteral("ada"),
           QStringLiteral("correct horse"));
    QTRY_VERIFY_WITH_TIMEOUT(dialog->errorText().startsWith(QLatin1String("Cannot reach server")),
                             5000);
    QVERIFY(!dialog->isBusy());
    QVERIFY(!console.mainWindow().isVisible());
}

void SignInFlowTest::signsInDirectlyFromTheCommandLine() {
    ConsoleApplication console(fastTimings());
    LaunchOptions options;
    options.server = QStringLiteral("http://127.0.0.1:%1").arg(m_server->port());
    options.username = QStringLiteral("ada");
    options.password = QStringLiteral("correct horse");
    console.start(options);
    QVERIFY(!console.signInFlow().loginDialog());
    QTRY_COMPARE_WITH_TIMEOUT(console.mainWindow().connectionStatusText(),
                              QStringLiteral("Connected"), 5000);
    QVERIFY(console.mainWindow().isVisible());
    QVERIFY(!console.signInFlow().loginDialog());
}

void SignInFlowTest::failedDirectSignInFallsBackToTheDialog() {
    ConsoleApplication console(fastTimings());
    LaunchOptions options;
    options.server = QStringLiteral("http://127.0.0.1:%1").arg(m_server->port());
    options.username = QStringLiteral("ada");
    options.password = QStringLiteral("stale password");
    console.start(options);
    QTRY_VERIFY_WITH_TIMEOUT(console.signInFlow().loginDialog(), 5000);
    LoginDialog *dialog = console.signInFlow().loginDialog();
    QCOMPARE(dialog->errorText(), QStringLiteral("Wrong username or password"));
    QCOMPARE(dialog->serverText(), options.server);
    QCOMPARE(dialog->username(), QStringLiteral("ada"));
}

void SignInFlowTest::closingTheDialogQuits() {
    ConsoleApplication console(fastTimings());
    QSignalSpy finished(&console, &ConsoleApplication::finished);
    console.start(LaunchOptions{});
    console.signInFlow().loginDialog()->reject();
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.at(0).at(0).toInt(), 0);
}

QTEST_MAIN(SignInFlowTest)
#include "SignInFlowTest.moc"
