// The caredesk-server binary as an operator runs it: embedded PostgreSQL with
// demo data, readiness, SIGKILL leaving no PostgreSQL behind, restart on the
// same data, --create-admin, and a clean SIGTERM shutdown.

#include "WsTestClient.h"

#include <QFile>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <fstream>
#include <sys/stat.h>

using caredesk::test::WsTestClient;

namespace {

quint16 freePort() {
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

// Alive and not a zombie waiting to be reaped.
bool processAlive(qint64 pid) {
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string text;
    if (!std::getline(stat, text))
        return false;
    const auto close = text.rfind(')');
    return close != std::string::npos && close + 2 < text.size() && text[close + 2] != 'Z';
}

bool waitForExit(qint64 pid, int timeoutMs) {
    QElapsedTimer timer;
    timer.start();
    while (processAlive(pid)) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QTest::qWait(50);
    }
    return true;
}

} // namespace

class ServerProcessTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir{QDir::tempPath() + "/caredesk-process-XXXXXX"};
    quint16 m_port = 0;

    QString dataDir() const { return m_dir.filePath("data"); }
    QString readyFile() const { return m_dir.filePath("ready"); }

    std::unique_ptr<QProcess> startServer() {
        QFile::remove(readyFile());
        auto process = std::make_unique<QProcess>();
        process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        process->start(CAREDESK_SERVER_BINARY,
                       {"--data-dir", dataDir(), "--port", QString::number(m_port), "--demo",
                        "--password-cost", "minimum", "--ready-file", readyFile(), "--log-level",
                        "warn"});
        if (!process->waitForStarted())
            qFatal("caredesk-server did not start");
        QElapsedTimer timer;
        timer.start();
        while (!QFile::exists(readyFile()) && timer.elapsed() < 60000 &&
               process->state() == QProcess::Running)
            QTest::qWait(50);
        return process;
    }

    qint64 postmasterPid() const {
        QFile pidFile(dataDir() + "/postgres/postmaster.pid");
        if (!pidFile.open(QIODevice::ReadOnly))
            return -1;
        return pidFile.readLine().trimmed().toLongLong();
    }

    std::string demoPassword() const {
        QFile file(dataDir() + "/demo-admin-password");
        if (!file.open(QIODevice::ReadOnly))
            return {};
        return file.readLine().trimmed().toStdString();
    }

    bool canLogIn(const std::string &user, const std::string &password) {
        WsTestClient client(QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(m_port)));
        return client.open() && client.login(user, password).value("type", "") == "session";
    }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        // When tests run as root, PostgreSQL runs as an unprivileged account that
        // must be able to reach the data folder.
        ::chmod(m_dir.path().toLocal8Bit().constData(), 0755);
        m_port = freePort();
    }

    void lifecycle() {
        auto server = startServer();
        QVERIFY2(QFile::exists(readyFile()), "server never became ready");
        QFile ready(readyFile());
        QVERIFY(ready.open(QIODevice::ReadOnly));
        QCOMPARE(ready.readAll().trimmed(),
                 QStringLiteral("http://127.0.0.1:%1").arg(m_port).toUtf8());

        const std::string password = demoPassword();
        QVERIFY(!password.empty());
        QVERIFY(canLogIn("admin", password));
        QVERIFY(!canLogIn("admin", password + "x"));

        // SIGKILL: no chance to clean up, yet PostgreSQL must not outlive the server.
        const qint64 postmaster = postmasterPid();
        QVERIFY(postmaster > 0);
        QVERIFY(processAlive(postmaster));
        ::kill(static_cast<pid_t>(server->processId()), SIGKILL);
        QVERIFY(server->waitForFinished(10000));
        QVERIFY2(waitForExit(postmaster, 20000), "PostgreSQL outlived a SIGKILLed server");

        // An operator creates an admin on the stopped installation.
        QProcess create;
        create.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        create.start(CAREDESK_SERVER_BINARY, {"--data-dir", dataDir(), "--create-admin", "ops",
                                              "--password-cost", "minimum", "--log-level",
                                              "warn"});
        QVERIFY(create.waitForStarted());
        create.write("operations password 1\n");
        create.closeWriteChannel();
        QVERIFY(create.waitForFinished(60000));
        QCOMPARE(create.exitCode(), 0);
        QVERIFY(create.readAllStandardOutput().contains("Created admin ops"));

        // Restart on the same data: the demo password and the new admin still work.
        server = startServer();
        QVERIFY2(QFile::exists(readyFile()), "server did not restart");
        QVERIFY(canLogIn("admin", password));
        QVERIFY(canLogIn("ops", "operations password 1"));
        QCOMPARE(demoPassword(), password);

        // SIGTERM: a clean stop, PostgreSQL included.
        const qint64 secondPostmaster = postmasterPid();
        QVERIFY(secondPostmaster > 0);
        server->terminate();
        QVERIFY(server->waitForFinished(30000));
        QCOMPARE(server->exitStatus(), QProcess::NormalExit);
        QCOMPARE(server->exitCode(), 0);
        QVERIFY(waitForExit(secondPostmaster, 5000));
        QVERIFY(!QFile::exists(dataDir() + "/postgres/postmaster.pid"));
    }

    void refusesUnknownOptionsClearly() {
        QProcess process;
        process.start(CAREDESK_SERVER_BINARY, {"--no-such-option"});
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitCode(), 2);
        QVERIFY(process.readAllStandardError().contains("--no-such-option"));
    }
};

QTEST_GUILESS_MAIN(ServerProcessTest)
#include "tst_ServerProcess.moc"
