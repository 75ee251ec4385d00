#include "IsolatedSettings.h"
#include "app/ConsoleApplication.h"
#include "app/LaunchOptions.h"

#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#ifndef CAREDESK_SERVER_BINARY
#error "CAREDESK_SERVER_BINARY must name the caredesk-server executable"
#endif

using namespace std::chrono_literals;
using caredesk::console::ConnectionTimings;
using caredesk::console::ConsoleApplication;
using caredesk::console::LaunchOptions;
using caredesk::console::LoginDialog;
using caredesk::console::ServerConnection;
using caredesk::console::SessionInfo;
using caredesk::console::test::IsolatedSettings;

namespace {

// First start runs initdb, which takes a while on a small machine.
constexpr int kServerStartMs = 240'000;
constexpr int kSignInMs = 30'000;
// Restarting reuses the cluster; the console must then find its way back alone.
constexpr int kReconnectMs = 120'000;

ConnectionTimings e2eTimings() {
    ConnectionTimings timings;
    // Quick retries, so the test measures the server's restart, not the backoff.
    timings.reconnect = {250ms, 2s, 10s};
    return timings;
}

quint16 freePort() {
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

QString readFirstLine(const QString &path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readLine()).trimmed();
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

// The real caredesk-server as a child process, always on the same port and
// data folder, so stopping and starting it again is a restart.
class ServerProcess {
public:
    ServerProcess(QString dataDir, QString readyFile, quint16 port)
        : m_dataDir(std::move(dataDir))
        , m_readyFile(std::move(readyFile))
        , m_port(port) {
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        QObject::connect(&m_process, &QProcess::readyRead,
                         [this] { m_output += m_process.readAll(); });
    }
    ~ServerProcess() { stop(); }

    // Starts the server and waits until it says it is listening. Returns its
    // base URL, or an empty string (with the reason in output()).
    QString start() {
        QFile::remove(m_readyFile);
        m_output += "---- starting caredesk-server\n";
        m_process.start(QStringLiteral(CAREDESK_SERVER_BINARY),
                        {QStringLiteral("--data-dir"), m_dataDir, QStringLiteral("--listen"),
                         QStringLiteral("127.0.0.1"), QStringLiteral("--port"),
                         QString::number(m_port), QStringLiteral("--demo"),
                         QStringLiteral("--ready-file"), m_readyFile});
        if (!m_process.waitForStarted(10'000))
            return {};
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < kServerStartMs) {
            const QString url = readFirstLine(m_readyFile);
            if (!url.isEmpty())
                return url;
            if (m_process.state() == QProcess::NotRunning)
                return {};
            QTest::qWait(100);
        }
        return {};
    }

    // A crash: no close frames, the database left to its parent-death signal.
    void kill() {
        m_process.kill();
        m_process.waitForFinished(30'000);
    }
    // SIGTERM: the server closes every WebSocket with 1001 and stops cleanly.
    bool terminate() {
        m_process.terminate();
        return m_process.waitForFinished(60'000);
    }
    void stop() {
        if (m_process.state() == QProcess::NotRunning)
            return;
        if (!terminate())
            kill();
    }

    QByteArray output() const { return m_output; }

private:
    QString m_dataDir;
    QString m_readyFile;
    quint16 m_port;
    QProcess m_process;
    QByteArray m_output;
};

} // namespace

class ConsoleAgainstServerTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void cleanup();

    void signsInThroughTheDialog();
    void survivesAServerCrash();
    void survivesAGracefulRestart();
    void wrongPasswordIsShown();
    void unreachableServerIsShown();

private:
    void restartAndExpectResume(bool crash);
    QString screenshotPath() const;

    std::unique_ptr<IsolatedSettings> m_settings;
    std::unique_ptr<QTemporaryDir> m_folder;
    std::unique_ptr<ServerProcess> m_server;
    QString m_baseUrl;
    QString m_password;
    // Signed in by the first test and kept through the restarts.
    std::unique_ptr<ConsoleApplication> m_console;
    QString m_signedInText;
};

void ConsoleAgainstServerTest::initTestCase() {
    QCoreApplication::setOrganizationName(QStringLiteral("CareDeskTests"));
    QCoreApplication::setApplicationName(QStringLiteral("console-e2e-test"));
    m_settings = std::make_unique<IsolatedSettings>();
    QVERIFY(m_settings->isValid());

    // Under the system temp folder and open for traversal: when the server
    // runs as root, its PostgreSQL runs as an unprivileged user that must reach
    // the data folder through every parent.
    m_folder = std::make_unique<QTemporaryDir>(QDir::tempPath() +
                                               QStringLiteral("/caredesk-console-e2e-XXXXXX"));
    QVERIFY(m_folder->isValid());
    QVERIFY(QFile::setPermissions(
        m_folder->path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner |
                              QFileDevice::ReadGroup | QFileDevice::ExeGroup |
                              QFileDevice::ReadOther | QFileDevice::ExeOther));
    const QString dataDir = m_folder->filePath(QStringLiteral("data"));
    QVERIFY(QDir().mkpath(dataDir));
    QFile::setPermissions(dataDir, QFile::permissions(m_folder->path()));

    m_server = std::make_unique<ServerProcess>(dataDir, m_folder->filePath(QStringLiteral("ready")),
                                               freePort());
    m_baseUrl = m_server->start();
    QVERIFY2(!m_baseUrl.isEmpty(), m_server->output().right(4000).constData());
    m_password = readFirstLine(dataDir + QStringLiteral("/demo-admin-password"));
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

QString ConsoleAgainstServerTest::screenshotPath() const {
    const QString name = QStringLiteral("console-after-login.png");
    if (qEnvironmentVariable("CAREDESK_UPDATE_SCREENSHOTS") == QLatin1String("1")) {
        const QString source = qEnvironmentVariable("CAREDESK_SOURCE_DIR");
        if (!source.isEmpty())
            return source + QStringLiteral("/docs/screenshots/") + name;
    }
    return m_folder->filePath(name);
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
    const QString path = screenshotPath();
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
    submit(*dialog, QStringLiteral("http://127.0.0.1:%1").arg(freePort()), QStringLiteral("admin"),
           m_password);
    QTRY_VERIFY_WITH_TIMEOUT(dialog->errorText().startsWith(QLatin1String("Cannot reach server")),
                             kSignInMs);
    QVERIFY(!console.mainWindow().isVisible());
}

QTEST_MAIN(ConsoleAgainstServerTest)
#include "ConsoleAgainstServerTest.moc"
