#include "FakeCareDeskServer.h"
#include "IsolatedSettings.h"
#include "app/ConsoleApplication.h"
#include "app/LaunchOptions.h"
#include "ui/ActivationDialog.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace std::chrono_literals;
using caredesk::console::ActivationDialog;
using caredesk::console::ConnectionTimings;
using caredesk::console::ConsoleApplication;
using caredesk::console::LaunchOptions;
using caredesk::console::LoginDialog;
using caredesk::console::ServerConnection;
using caredesk::console::SessionInfo;
using caredesk::console::test::FakeCareDeskServer;
using caredesk::console::test::IsolatedSettings;

namespace {

const QString kCode = QStringLiteral("kP3x9Qw7-Zt2mB8vLr4sN6yEa1cHd5fG");
const QString kUsername = QStringLiteral("nia.brooks.md");

ConnectionTimings fastTimings() {
    ConnectionTimings timings;
    timings.reconnect = {50ms, 300ms, 60s};
    timings.connectTimeout = 3s;
    timings.replyTimeout = 2s;
    return timings;
}

void typeInto(QLineEdit *edit, const QString &text) {
    edit->clear();
    QTest::keyClicks(edit, text);
}

void fill(ActivationDialog &dialog, const QString &code, const QString &password,
          const QString &repeat) {
    typeInto(dialog.codeEdit(), code);
    typeInto(dialog.passwordEdit(), password);
    typeInto(dialog.repeatEdit(), repeat);
}

} // namespace

// A new caregiver's first sign-in: from the sign-in dialog to the activation
// dialog, the password policy checked as typed, the server's refusals said
// where they belong, and on success a session exactly like a login.
class ActivationFlowTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void linkOpensActivationAndBackReturns();
    void passwordIsCheckedAsTyped();
    void refusalsAreSaidWhereTheyBelong();
    void throttlingCountsDown();
    void activationSignsInLikeALogin();

private:
    ActivationDialog *openActivation(ConsoleApplication &console);

    std::unique_ptr<IsolatedSettings> m_settings;
    std::unique_ptr<FakeCareDeskServer> m_server;
};

void ActivationFlowTest::initTestCase() {
    QCoreApplication::setOrganizationName(QStringLiteral("CareDeskTests"));
    QCoreApplication::setApplicationName(QStringLiteral("activation-flow-test"));
    m_settings = std::make_unique<IsolatedSettings>();
    QVERIFY(m_settings->isValid());
}

void ActivationFlowTest::init() {
    m_settings->clear();
    m_server = std::make_unique<FakeCareDeskServer>();
    m_server->addAccount(kUsername, {}, QStringLiteral("Dr. Nia Brooks"),
                         {QStringLiteral("provider")});
    m_server->addInvitation(kCode, kUsername);
    QVERIFY(m_server->listen());
}

void ActivationFlowTest::cleanup() {
    m_server.reset();
}

ActivationDialog *ActivationFlowTest::openActivation(ConsoleApplication &console) {
    LaunchOptions options;
    options.server = m_server->url().toString();
    console.start(options);
    LoginDialog *login = console.signInFlow().loginDialog();
    if (!login)
        return nullptr;
    QTest::mouseClick(login->findChild<QPushButton *>(QStringLiteral("haveActivationCode")),
                      Qt::LeftButton);
    return console.signInFlow().activationDialog();
}

void ActivationFlowTest::linkOpensActivationAndBackReturns() {
    ConsoleApplication console(fastTimings());
    ActivationDialog *dialog = openActivation(console);
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    QVERIFY(!console.signInFlow().loginDialog()->isVisible());
    // The server typed for signing in carries over.
    QCOMPARE(dialog->serverText(), m_server->url().toString());
    const QString policy = dialog->findChild<QLabel *>(QStringLiteral("passwordPolicy"))->text();
    QVERIFY2(policy.startsWith(QLatin1String("At least 12 characters")), qPrintable(policy));

    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("backToSignIn")),
                      Qt::LeftButton);
    QTRY_VERIFY(!console.signInFlow().activationDialog());
    QVERIFY(console.signInFlow().loginDialog()->isVisible());
    QCOMPARE(m_server->count(QStringLiteral("activate_account")), 0);
}

void ActivationFlowTest::passwordIsCheckedAsTyped() {
    ConsoleApplication console(fastTimings());
    ActivationDialog *dialog = openActivation(console);
    QVERIFY(dialog);
    QVERIFY(!dialog->activateButton()->isEnabled());
    fill(*dialog, kCode, QStringLiteral("short"), QStringLiteral("short"));
    QCOMPARE(dialog->policyCheckText(), QStringLiteral("A password needs at least 12 characters."));
    QVERIFY(!dialog->activateButton()->isEnabled());
    fill(*dialog, kCode, QStringLiteral("aaaaaaaaaaaaaaaa"), QStringLiteral("aaaaaaaaaaaaaaaa"));
    QCOMPARE(dialog->policyCheckText(),
             QStringLiteral("A password must not repeat a single character."));
    QVERIFY(!dialog->activateButton()->isEnabled());
    fill(*dialog, kCode, QStringLiteral("copper kettle lantern"), QStringLiteral("copper kettle"));
    QCOMPARE(dialog->policyCheckText(), QStringLiteral("✓ Meets the rules."));
    QCOMPARE(dialog->errorText(QStringLiteral("repeat")),
             QStringLiteral("The two passwords differ."));
    QVERIFY(!dialog->activateButton()->isEnabled());
    typeInto(dialog->repeatEdit(), QStringLiteral("copper kettle lantern"));
    QCOMPARE(dialog->errorText(QStringLiteral("repeat")), QString());
    QVERIFY(dialog->activateButton()->isEnabled());
    // A code pasted with a line break in it is taken without.
    typeInto(dialog->codeEdit(), QStringLiteral(" kP3x9Qw7-Zt2mB8v Lr4sN6yEa1cHd5fG "));
    QCOMPARE(dialog->code(), kCode);
}

void ActivationFlowTest::refusalsAreSaidWhereTheyBelong() {
    ConsoleApplication console(fastTimings());
    ActivationDialog *dialog = openActivation(console);
    QVERIFY(dialog);
    fill(*dialog, QStringLiteral("not-the-code-0123456789"),
         QStringLiteral("copper kettle lantern"), QStringLiteral("copper kettle lantern"));
    QTest::mouseClick(dialog->activateButton(), Qt::LeftButton);
    QVERIFY(dialog->isBusy());
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isBusy(), 5000);
    QVERIFY2(dialog->errorText(QStringLiteral("inviteToken"))
                 .startsWith(QLatin1String("This activation code is not valid")),
             qPrintable(dialog->errorText(QStringLiteral("inviteToken"))));
    QVERIFY(dialog->isVisible());
    QVERIFY(!console.mainWindow().isVisible());
    QVERIFY(!console.signInFlow().loginDialog()->isVisible());
    QCOMPARE(console.mainWindow().connectionStatusText(), QStringLiteral("Disconnected"));
    // Editing the code clears what was said of it.
    QTest::keyClick(dialog->codeEdit(), Qt::Key_Backspace);
    QCOMPARE(dialog->errorText(QStringLiteral("inviteToken")), QString());

    // The username as password passes here (the username is not known) but
    // not on the server; the code stays good.
    const QString asUsername = kUsername.toUpper();
    fill(*dialog, kCode, asUsername, asUsername);
    QVERIFY(dialog->activateButton()->isEnabled());
    QTest::mouseClick(dialog->activateButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isBusy(), 5000);
    QCOMPARE(dialog->errorText(QStringLiteral("password")),
             QStringLiteral("The server refused this password: a password must not be the "
                            "username. Your code is still valid."));
    QVERIFY(dialog->passwordEdit()->text().isEmpty());
    QVERIFY(m_server->hasInvitation(kCode));

    // Unreachable: said at the server field.
    typeInto(dialog->serverEdit(), QStringLiteral("http://127.0.0.1:1"));
    fill(*dialog, kCode, QStringLiteral("copper kettle lantern"),
         QStringLiteral("copper kettle lantern"));
    QTest::mouseClick(dialog->activateButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(dialog->errorText(QStringLiteral("server"))
                                 .startsWith(QLatin1String("Cannot reach server")),
                             10000);
}

void ActivationFlowTest::throttlingCountsDown() {
    m_server->setThrottled(30);
    ConsoleApplication console(fastTimings());
    ActivationDialog *dialog = openActivation(console);
    QVERIFY(dialog);
    fill(*dialog, kCode, QStringLiteral("copper kettle lantern"),
         QStringLiteral("copper kettle lantern"));
    QTest::mouseClick(dialog->activateButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(dialog->errorText({}),
                              QStringLiteral("Too many attempts, try again in 30 s"), 5000);
    QVERIFY(!dialog->activateButton()->isEnabled());
    QTRY_COMPARE_WITH_TIMEOUT(dialog->errorText({}),
                              QStringLiteral("Too many attempts, try again in 29 s"), 3000);
}

void ActivationFlowTest::activationSignsInLikeALogin() {
    ConsoleApplication console(fastTimings());
    QSignalSpy started(&console.connection(), &ServerConnection::sessionStarted);
    ActivationDialog *dialog = openActivation(console);
    QVERIFY(dialog);
    fill(*dialog, kCode, QStringLiteral("copper kettle lantern"),
         QStringLiteral("copper kettle lantern"));
    QTest::mouseClick(dialog->activateButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(console.mainWindow().connectionStatusText(),
                              QStringLiteral("Connected"), 5000);
    QCOMPARE(started.size(), 1);
    QCOMPARE(started.front().at(0).value<SessionInfo>().username, kUsername);
    QCOMPARE(started.front().at(1).toBool(), false); // a new session, with its token
    QVERIFY(console.mainWindow().isVisible());
    QTRY_VERIFY(!console.signInFlow().activationDialog());
    QTRY_VERIFY(!console.signInFlow().loginDialog());
    QVERIFY(console.mainWindow().signedInText().contains(QLatin1String("Dr. Nia Brooks")));
    QVERIFY(!m_server->hasInvitation(kCode)); // spent
    // Next time, the sign-in dialog knows where and who.
    QCOMPARE(QSettings().value(QStringLiteral("signIn/username")).toString(), kUsername);
    QCOMPARE(QSettings().value(QStringLiteral("signIn/server")).toString(),
             m_server->url().toString());
    // A provider with no license in force hears of it at once.
    QTRY_VERIFY_WITH_TIMEOUT(console.mainWindow().licenseWarningText().startsWith(
                                 QLatin1String("You hold no license in force")),
                             5000);
    QCOMPARE(m_server->count(QStringLiteral("list_licenses")), 1);
    QCOMPARE(m_server->lastBody(QStringLiteral("list_licenses")), QStringLiteral("{}"));

    // The session is an ordinary one: logging out works and the password signs in.
    console.connection().logOut();
    QTRY_VERIFY(console.signInFlow().loginDialog());
    QVERIFY(console.mainWindow().licenseWarningText().isEmpty());
    LoginDialog *login = console.signInFlow().loginDialog();
    QCOMPARE(login->username(), kUsername);
    typeInto(login->findChild<QLineEdit *>(QStringLiteral("password")),
             QStringLiteral("copper kettle lantern"));
    QTest::mouseClick(login->findChild<QPushButton *>(QStringLiteral("signIn")), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(started.size(), 2, 5000);
}

QTEST_MAIN(ActivationFlowTest)
#include "ActivationFlowTest.moc"
