#include "storage/EmbeddedPostgres.h"

#include "TestCluster.h"

#include <QtTest>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <pqxx/pqxx>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using caredesk::server::EmbeddedPostgres;
using caredesk::server::EmbeddedPostgresOptions;
using caredesk::test::TestCluster;
namespace fs = std::filesystem;

namespace {

EmbeddedPostgresOptions optionsIn(const fs::path &folder) {
    EmbeddedPostgresOptions options;
    options.dataDir = folder / "data";
    options.logFile = folder / "postgres.log";
    options.durable = false;
    return options;
}

// This process is a child subreaper (see initTestCase), so the postmaster of a
// killed host becomes our child and its exit can be observed and reaped here.
bool processGone(pid_t pid) {
    int status = 0;
    if (::waitpid(pid, &status, WNOHANG) == pid)
        return true;
    return ::kill(pid, 0) != 0 && errno == ESRCH;
}

std::vector<pid_t> childrenOf(pid_t parent) {
    std::vector<pid_t> children;
    for (const auto &entry : fs::directory_iterator("/proc")) {
        const std::string name = entry.path().filename().string();
        if (name.find_first_not_of("0123456789") != std::string::npos)
            continue;
        std::ifstream stat(entry.path() / "stat");
        std::string line;
        std::getline(stat, line);
        const auto close = line.rfind(')');
        if (close == std::string::npos)
            continue;
        std::istringstream fields(line.substr(close + 2));
        char state = 0;
        pid_t ppid = 0;
        fields >> state >> ppid;
        if (ppid == parent)
            children.push_back(std::stoi(name));
    }
    return children;
}

std::string readValue(const std::string &connectionString, const std::string &query) {
    pqxx::connection connection(connectionString);
    pqxx::nontransaction tx(connection);
    return tx.exec1(query)[0].as<std::string>();
}

void execute(const std::string &connectionString, const std::string &sql) {
    pqxx::connection connection(connectionString);
    pqxx::work tx(connection);
    tx.exec(sql);
    tx.commit();
}

// An EmbeddedPostgres in another process (the host program), which the test
// can kill outright.
struct Host {
    QProcess process;
    pid_t postmaster = -1;
    std::string connectionString;

    bool start(const fs::path &folder) {
        process.start(QStringLiteral(CAREDESK_EMBEDDED_PG_HOST),
                      {QString::fromStdString((folder / "data").string()),
                       QString::fromStdString((folder / "postgres.log").string())});
        if (!process.waitForStarted(10000))
            return false;
        QByteArray output;
        QDeadlineTimer deadline(90000);
        while (connectionString.empty() && !deadline.hasExpired()) {
            if (process.state() == QProcess::NotRunning)
                break;
            process.waitForReadyRead(500);
            output += process.readAllStandardOutput();
            for (const QByteArray &line : output.split('\n')) {
                if (line.startsWith("postmaster "))
                    postmaster = line.mid(11).trimmed().toInt();
                else if (line.startsWith("connection ") && line.size() > 11 && postmaster > 0 &&
                         output.endsWith('\n'))
                    connectionString = line.mid(11).trimmed().toStdString();
            }
        }
        if (connectionString.empty())
            qWarning("host output: %s\nhost errors: %s", output.constData(),
                     process.readAllStandardError().constData());
        return !connectionString.empty();
    }

    ~Host() {
        if (process.state() != QProcess::NotRunning)
            kill();
        // Empty once its postmaster has shut down; a killed owner could not remove it.
        if (!socketDir().empty())
            ::rmdir(socketDir().c_str());
    }

    fs::path socketDir() const {
        const auto start = connectionString.find("host='");
        const auto end = connectionString.find('\'', start + 6);
        if (start == std::string::npos || end == std::string::npos)
            return {};
        return connectionString.substr(start + 6, end - start - 6);
    }

    void kill() {
        ::kill(static_cast<pid_t>(process.processId()), SIGKILL);
        process.waitForFinished(10000);
    }
};

} // namespace

class EmbeddedPostgresTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QVERIFY(::prctl(PR_SET_CHILD_SUBREAPER, 1) == 0);
        try {
            TestCluster::instance();
        } catch (const std::exception &e) {
            QFAIL(e.what());
        }
    }

    void startStopAndRestartKeepData() {
        const fs::path folder = TestCluster::instance().makeScratchDir("restart");
        auto options = optionsIn(folder);
        options.databaseName = "visit records"; // needs quoting in SQL and in connection strings
        EmbeddedPostgres postgres(options);

        postgres.start();
        QVERIFY(postgres.running());
        const pid_t firstPid = postgres.postmasterPid();
        const fs::path firstSocketDir = postgres.socketDir();
        QVERIFY(firstSocketDir.string().size() < 100);
        struct stat st {};
        QCOMPARE(::stat(firstSocketDir.c_str(), &st), 0);
        QCOMPARE(st.st_mode & 0777, 0700u);
        QCOMPARE(readValue(postgres.connectionString(), "SHOW listen_addresses"), std::string());
        QCOMPARE(readValue(postgres.connectionString(), "SELECT current_database()"),
                 std::string("visit records"));
        QCOMPARE(readValue(postgres.connectionString(), "SHOW server_encoding"),
                 std::string("UTF8"));
        execute(postgres.connectionString(),
                "CREATE TABLE kept (note text); INSERT INTO kept VALUES ('survives restarts')");

        postgres.stop();
        QVERIFY(!postgres.running());
        QVERIFY(processGone(firstPid));
        QVERIFY(!fs::exists(firstSocketDir));
        postgres.stop(); // a second stop is harmless

        postgres.start();
        QVERIFY(postgres.postmasterPid() != firstPid);
        QCOMPARE(readValue(postgres.connectionString(), "SELECT note FROM kept"),
                 std::string("survives restarts"));
        postgres.start(); // already running: nothing happens
        postgres.stop();
    }

    void missingBinariesFailWithTheFolder() {
        const fs::path folder = TestCluster::instance().makeScratchDir("no-binaries");
        auto options = optionsIn(folder);
        options.binDir = folder / "no-such-bin";
        EmbeddedPostgres postgres(options);
        try {
            postgres.start();
            QFAIL("started without binaries");
        } catch (const std::runtime_error &e) {
            QVERIFY2(QString(e.what()).contains("binaries"), e.what());
            QVERIFY2(QString(e.what()).contains("no-such-bin"), e.what());
        }
        QVERIFY(!postgres.running());
    }

    void privateFolderOnTheWayIsNamed() {
        const fs::path folder = TestCluster::instance().makeScratchDir("private");
        const fs::path locked = folder / "locked";
        fs::create_directory(locked);
        ::chmod(locked.c_str(), 0700);
        auto options = optionsIn(locked);
        EmbeddedPostgres postgres(options);

        if (::geteuid() != 0) {
            // Without root the cluster runs as the folder's owner: it works.
            postgres.start();
            QVERIFY(postgres.running());
            postgres.stop();
            return;
        }
        // As root the cluster runs as an account that cannot enter "locked".
        try {
            postgres.start();
            QFAIL("started below a folder the server account cannot enter");
        } catch (const std::runtime_error &e) {
            QVERIFY2(QString(e.what()).contains(QString::fromStdString(locked.string())), e.what());
        }
        QVERIFY(!fs::exists(locked / "data"));
        struct stat st {};
        QCOMPARE(::stat(locked.c_str(), &st), 0);
        QCOMPARE(st.st_mode & 0777, 0700u); // left as the user set it
    }

    void earlyExitReportsTheServerLog() {
        const fs::path folder = TestCluster::instance().makeScratchDir("bad-setting");
        auto options = optionsIn(folder);
        options.settings = {{"shared_buffers", "plenty"}};
        EmbeddedPostgres postgres(options);
        try {
            postgres.start();
            QFAIL("started with an invalid setting");
        } catch (const std::runtime_error &e) {
            QVERIFY2(QString(e.what()).contains("exited during start-up"), e.what());
            QVERIFY2(QString(e.what()).contains("shared_buffers"), e.what());
        }
        QVERIFY(!postgres.running());
        QVERIFY(postgres.socketDir().empty());
    }

    void postmasterDiesWithItsOwner() {
        const fs::path folder = TestCluster::instance().makeScratchDir("owner-killed");
        Host host;
        QVERIFY(host.start(folder));
        // The host started the cluster from a thread that has ended since:
        // the postmaster must still be there and serving.
        QVERIFY(!processGone(host.postmaster));
        execute(host.connectionString,
                "CREATE TABLE kept (note text); INSERT INTO kept VALUES ('before the crash')");

        host.kill();

        QTRY_VERIFY_WITH_TIMEOUT(processGone(host.postmaster), 10000);
        EmbeddedPostgres postgres(optionsIn(folder));
        postgres.start();
        QCOMPARE(readValue(postgres.connectionString(), "SELECT note FROM kept"),
                 std::string("before the crash"));
        postgres.stop();
    }

    void restartRightAfterTheOwnerWasKilled() {
        const fs::path folder = TestCluster::instance().makeScratchDir("quick-restart");
        Host host;
        QVERIFY(host.start(folder));
        const pid_t previous = host.postmaster;

        host.kill();
        // No waiting: the previous postmaster may still be shutting down.
        EmbeddedPostgres postgres(optionsIn(folder));
        postgres.start();

        QVERIFY(postgres.postmasterPid() != previous);
        QCOMPARE(readValue(postgres.connectionString(), "SELECT 1"), std::string("1"));
        QTRY_VERIFY_WITH_TIMEOUT(processGone(previous), 10000);
        postgres.stop();
    }

    void restartAfterThePostmasterWasKilledToo() {
        const fs::path folder = TestCluster::instance().makeScratchDir("stale-lock");
        Host host;
        QVERIFY(host.start(folder));
        execute(host.connectionString,
                "CREATE TABLE kept (note text); INSERT INTO kept VALUES ('committed')");
        const std::vector<pid_t> serverProcesses = childrenOf(host.postmaster);

        // No clean shutdown at all: postmaster.pid stays behind, naming a dead process.
        ::kill(host.postmaster, SIGKILL);
        host.kill();
        QTRY_VERIFY_WITH_TIMEOUT(processGone(host.postmaster), 10000);
        for (const pid_t pid : serverProcesses)
            QTRY_VERIFY_WITH_TIMEOUT(processGone(pid), 10000);
        QVERIFY(fs::exists(folder / "data" / "postmaster.pid"));

        EmbeddedPostgres postgres(optionsIn(folder));
        postgres.start();
        QCOMPARE(readValue(postgres.connectionString(), "SELECT note FROM kept"),
                 std::string("committed"));
        // The killed postmaster could not remove its socket; the next start did.
        QVERIFY(!host.socketDir().empty());
        QVERIFY(!fs::exists(host.socketDir()));
        postgres.stop();
    }
};

QTEST_GUILESS_MAIN(EmbeddedPostgresTest)
#include "EmbeddedPostgresTest.moc"
