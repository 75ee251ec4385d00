#include "ui/LoginDialog.h"

#include "IsolatedSettings.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using caredesk::console::LoginDialog;
using caredesk::console::test::IsolatedSettings;

namespace {

QLineEdit *field(LoginDialog &dialog, const char *name) {
    auto *edit = dialog.findChild<QLineEdit *>(QLatin1String(name));
    if (!edit)
        qFatal("no field %s", name);
    return edit;
}

QPushButton *signInButton(LoginDialog &dialog) {
    return dialog.findChild<QPushButton *>(QStringLiteral("signIn"));
}

void fill(LoginDialog &dialog, const QString &server, const QString &user,
          const QString &password) {
    for (auto [name, text] : {std::pair{"server", server}, std::pair{"username", user},
                              std::pair{"password", password}}) {
        QLineEdit *edit = field(dialog, name);
        edit->clear();
        QTest::keyClicks(edit, text);
    }
}

} // namespace

class LoginDialogTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void startsEmptyWithoutMemory();
    void remembersServerAndUserButNeverThePassword();
    void validatesBeforeAsking_data();
    void validatesBeforeAsking();
    void asksWithTheWebSocketUrl();
    void enterKeySignsIn();
    void wrongPasswordIsShownInline();
    void throttlingCountsDown();
    void unreachableServerIsShownInline();
    void otherFailuresSayWhatTheServerSaid();
    void typingClearsTheError();
    void quitRejects();

private:
    std::unique_ptr<IsolatedSettings> m_settings;
};

void LoginDialogTest::initTestCase() {
    QCoreApplication::setOrganizationName(QStringLiteral("CareDeskTests"));
    QCoreApplication::setApplicationName(QStringLiteral("login-dialog-test"));
    m_settings = std::make_unique<IsolatedSettings>();
    QVERIFY(m_settings->isValid());
}

void LoginDialogTest::init() {
    m_settings->clear();
}

void LoginDialogTest::startsEmptyWithoutMemory() {
    LoginDialog dialog;
    QVERIFY(dialog.serverText().isEmpty());
    QVERIFY(dialog.username().isEmpty());
    QVERIFY(dialog.errorText().isEmpty());
    QVERIFY(!dialog.isBusy());
    QVERIFY(!field(dialog, "server")->placeholderText().isEmpty());
    QCOMPARE(field(dialog, "password")->echoMode(), QLineEdit::Password);
}

void LoginDialogTest::remembersServerAndUserButNeverThePassword() {
    {
        LoginDialog dialog;
        fill(dialog, QStringLiteral("https://care.example.org"), QStringLiteral("ada"),
             QStringLiteral("correct horse"));
        dialog.rememberSuccessfulSignIn();
    }
    LoginDialog again;
    QCOMPARE(again.serverText(), QStringLiteral("https://care.example.org"));
    QCOMPARE(again.username(), QStringLiteral("ada"));
    QVERIFY(field(again, "password")->text().isEmpty());
    for (const QString &key : QSettings().allKeys())
        QVERIFY2(!QSettings().value(key).toString().contains(QLatin1String("horse")),
                 qPrintable(key));
    // The password is what is missing, so that is where typing starts.
    again.show();
    QVERIFY(QTest::qWaitForWindowActive(&again));
    QCOMPARE(QApplication::focusWidget(), field(again, "password"));
}

void LoginDialogTest::validatesBeforeAsking_data() {
    QTest::addColumn<QString>("server");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("error");
    QTest::addColumn<QString>("focused");
    QTest::newRow("no server") << ""
                               << "ada"
                               << "pw"
                               << "Enter the server address, for example "
                                  "https://caredesk.example.org"
                               << "server";
    QTest::newRow("not a server") << "ftp://files"
                                  << "ada"
                                  << "pw"
                                  << "Enter the server address, for example "
                                     "https://caredesk.example.org"
                                  << "server";
    QTest::newRow("no user") << "care.example.org"
                             << "  "
                             << "pw"
                             << "Enter your username"
                             << "username";
    QTest::newRow("no password") << "care.example.org"
                                 << "ada"
                                 << ""
                                 << "Enter your password"
                                 << "password";
}

void LoginDialogTest::validatesBeforeAsking() {
    QFETCH(QString, server);
    QFETCH(QString, user);
    QFETCH(QString, password);
    QFETCH(QString, error);
    QFETCH(QString, focused);
    LoginDialog dialog;
    dialog.show();
    QVERIFY(QTest::qWaitForWindowActive(&dialog));
    QSignalSpy asked(&dialog, &LoginDialog::signInRequested);
    fill(dialog, server, user, password);
    QTest::mouseClick(signInButton(dialog), Qt::LeftButton);
    QCOMPARE(asked.size(), 0);
    QCOMPARE(dialog.errorText(), error);
    QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("error"))->isVisible());
    QVERIFY(!dialog.isBusy());
    QCOMPARE(QApplication::focusWidget(), field(dialog, qPrintable(focused)));
}

void LoginDialogTest::asksWithTheWebSocketUrl() {
    LoginDialog dialog;
    dialog.show();
    QSignalSpy asked(&dialog, &LoginDialog::signInRequested);
    fill(dialog, QStringLiteral("http://127.0.0.1:8080"), QStringLiteral("ada"),
         QStringLiteral("correct horse"));
    QTest::mouseClick(signInButton(dialog), Qt::LeftButton);
    QCOMPARE(asked.size(), 1);
    QCOMPARE(asked.at(0).at(0).toUrl(), QUrl(QStringLiteral("ws://127.0.0.1:8080/ws")));
    QCOMPARE(asked.at(0).at(1).toString(), QStringLiteral("ada"));
    QCOMPARE(asked.at(0).at(2).toString(), QStringLiteral("correct horse"));
    QVERIFY(dialog.isBusy());
    QCOMPARE(signInButton(dialog)->text(), QStringLiteral("Signing in…"));
    QVERIFY(!signInButton(dialog)->isEnabled());
    QVERIFY(!field(dialog, "server")->isEnabled());
    // A second click while busy asks nothing more.
    QTest::mouseClick(signInButton(dialog), Qt::LeftButton);
    QCOMPARE(asked.size(), 1);
    // Nothing is stored until the server agrees.
    QVERIFY(QSettings().allKeys().isEmpty());
}

void LoginDialogTest::enterKeySignsIn() {
    LoginDialog dialog;
    dialog.show();
    QVERIFY(QTest::qWaitForWindowActive(&dialog));
    QSignalSpy asked(&dialog, &LoginDialog::signInRequested);
    fill(dialog, QStringLiteral("care.example.org"), QStringLiteral("ada"), QStringLiteral("pw"));
    QTest::keyClick(field(dialog, "password"), Qt::Key_Return);
    QCOMPARE(asked.size(), 1);
    QCOMPARE(asked.at(0).at(0).toUrl(), QUrl(QStringLiteral("wss://care.example.org/ws")));
    QVERIFY(dialog.isVisible()); // only a successful sign-in closes it
}

void LoginDialogTest::wrongPasswordIsShownInline() {
    LoginDialog dialog;
    dialog.show();
    fill(dialog, QStringLiteral("care.example.org"), QStringLiteral("ada"), QStringLiteral("pw"));
    QTest::mouseClick(signInButton(dialog), Qt::LeftButton);
    dialog.showAuthenticationFailure(QStringLiteral("invalid_credentials"),
                                     QStringLiteral("wrong username or password"), 0);
    QCOMPARE(dialog.errorText(), QStringLiteral("Wrong username or password"));
    QVERIFY(!dialog.isBusy());
    QVERIFY(signInButton(dialog)->isEnabled());
    QVERIFY(field(dialog, "password")->text().isEmpty());
    QCOMPARE(dialog.username(), QStringLiteral("ada"));
}

void LoginDialogTest::throttlingCountsDown() {
    LoginDialog dialog;
    dialog.show();
    QSignalSpy asked(&dialog, &LoginDialog::signInRequested);
    fill(dialog, QStringLiteral("care.example.org"), QStringLiteral("ada"), QStringLiteral("pw"));
    QTest::mouseClick(signInButton(dialog), Qt::LeftButton);
    dialog.showAuthenticationFailure(QStringLiteral("throttled"), QStringLiteral("slow down"), 2);
    QCOMPARE(dialog.errorText(), QStringLiteral("Too many attempts, try again in 2 s"));
    QVERIFY(!signInButton(dialog)->isEnabled());

    QTRY_COMPARE_WITH_TIMEOUT(dialog.errorText(),
                              QStringLiteral("Too many attempts, try again in 1 s"), 2000);
    QVERIFY(!signInButton(dialog)->isEnabled());
    QTest::keyClicks(field(dialog, "password"), QStringLiteral("pw"));
    QTest::keyClick(field(dialog, "password"), Qt::Key_Return);
    QCOMPARE(asked.size(), 1); // still waiting: Enter does nothing
    QCOMPARE(dialog.errorText(), QStringLiteral("Too many attempts, try again in 1 s"));

    QTRY_VERIFY_WITH_TIMEOUT(dialog.errorText().isEmpty(), 2000);
    QVERIFY(signInButton(dialog)->isEnabled());
    QTest::mouseClick(signInButton(dialog), Qt::LeftButton);
    QCOMPARE(asked.size(), 2);
}

void LoginDialogTest::unreachableServerIsShownInline() {
    LoginDialog dialog;
    dialog.show();
    fill(dialog, QStringLiteral("care.example.org"), QStringLiteral("ada"), QStringLiteral("pw"));
    QTest::mouseClick(signInButton(dialog), Qt::LeftButton);
    dialog.showServerUnreachable(QStringLiteral("Connection refused"));
    QCOMPARE(dialog.errorText(), QStringLiteral("Cannot reach server (Connection refused)"));
    QVERIFY(!dialog.isBusy());
    // The password is kept: nothing was wrong with it.
    QCOMPARE(field(dialog, "password")->text(), QStringLiteral("pw"));
    dialog.showServerUnreachable({});
    QCOMPARE(dialog.errorText(), QStringLiteral("Cannot reach server"));
}

void LoginDialogTest::otherFailuresSayWhatTheServerSaid() {
    LoginDialog dialog;
    dialog.showAuthenticationFailure(QStringLiteral("internal"), QStringLiteral("disk on fire"), 0);
    QCOMPARE(dialog.errorText(), QStringLiteral("Sign-in failed: disk on fire"));
    dialog.showAuthenticationFailure(QStringLiteral("unavailable"), QStringLiteral("db down"), 5);
    QVERIFY(dialog.errorText().contains(QLatin1String("not available")));
    dialog.showAuthenticationFailure(QStringLiteral("unsupported_version"), QStringLiteral("v9"),
                                     0);
    QVERIFY(dialog.errorText().contains(QLatin1String("update")));
}

void LoginDialogTest::typingClearsTheError() {
    LoginDialog dialog;
    dialog.show();
    dialog.showAuthenticationFailure(QStringLiteral("invalid_credentials"), {}, 0);
    QVERIFY(!dialog.errorText().isEmpty());
    QTest::keyClicks(field(dialog, "password"), QStringLiteral("x"));
    QVERIFY(dialog.errorText().isEmpty());
}

void LoginDialogTest::quitRejects() {
    LoginDialog dialog;
    dialog.show();
    QSignalSpy rejected(&dialog, &QDialog::rejected);
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("quit")), Qt::LeftButton);
    QCOMPARE(rejected.size(), 1);
}

QTEST_MAIN(LoginDialogTest)
#include "LoginDialogTest.moc"
