#include "TestCluster.h"

#include <cstdlib>
#include <pqxx/pqxx>
#include <stdexcept>
#include <sys/stat.h>
#include <unistd.h>

namespace caredesk::test {

namespace fs = std::filesystem;

TestCluster &TestCluster::instance() {
    static std::mutex mutex;
    static TestCluster *cluster = nullptr;
    static std::string failure;
    std::lock_guard lock(mutex);
    if (cluster)
        return *cluster;
    // A cluster that failed to start fails every later test quickly, with the
    // same reason, instead of retrying the whole start each time.
    if (!failure.empty())
        throw std::runtime_error(failure);
    try {
        cluster = new TestCluster;
    } catch (const std::exception &e) {
        failure = std::string("cannot start the test PostgreSQL cluster: ") + e.what();
        throw std::runtime_error(failure);
    }
    // Registered only now, after start() created the logging registry, so the
    // cluster stops while the loggers it reports to still exist (exit runs
    // handlers and static destructors in reverse order of registration).
    std::atexit([] {
        delete cluster;
        cluster = nullptr;
    });
    return *cluster;
}

TestCluster::TestCluster() {
    char folder[] = "/tmp/caredesk-test-XXXXXX";
    if (!::mkdtemp(folder))
        throw std::runtime_error("cannot create a folder under /tmp");
    m_root = folder;
    // When the tests run as root, PostgreSQL runs as another account that
    // must pass through this folder (but need not list it).
    ::chmod(folder, 0711);

    server::EmbeddedPostgresOptions options;
    options.dataDir = m_root / "data";
    options.logFile = m_root / "postgres.log";
    options.durable = false;
    // For machines whose PostgreSQL lives elsewhere than /usr/lib/postgresql/*/bin.
    if (const char *binDir = std::getenv("CAREDESK_TEST_PG_BIN"); binDir && *binDir)
        options.binDir = binDir;
    m_server = std::make_unique<server::EmbeddedPostgres>(options);
    try {
        m_server->start();
    } catch (...) {
        m_server.reset();
        std::error_code ec;
        fs::remove_all(m_root, ec);
        throw;
    }
}

TestCluster::~TestCluster() {
    m_server->stop();
    std::error_code ec;
    fs::remove_all(m_root, ec);
}

std::string TestCluster::createDatabase() {
    std::string name;
    {
        std::lock_guard lock(m_mutex);
        name = "test_" + std::to_string(++m_created);
    }
    pqxx::connection connection(m_server->connectionString("postgres"));
    pqxx::nontransaction tx(connection);
    tx.exec("CREATE DATABASE " + tx.quote_name(name));
    return m_server->connectionString(name);
}

fs::path TestCluster::makeScratchDir(std::string_view name) {
    fs::path folder;
    {
        std::lock_guard lock(m_mutex);
        folder = m_root / (std::string(name) + "-" + std::to_string(++m_created));
    }
    fs::create_directories(folder);
    ::chmod(folder.c_str(), 0711);
    return folder;
}

} // namespace caredesk::test
