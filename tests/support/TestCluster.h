#pragma once

#include "storage/EmbeddedPostgres.h"

#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

namespace caredesk::test {

// One private PostgreSQL cluster per test process: started on first use in a
// fresh folder under /tmp, stopped and removed at exit (and stopped by the
// kernel's parent-death signal if the test process is killed). Each test case
// takes a fresh empty database from it (TestDatabase), so tests never share
// rows and need no cleanup.
//
// Database tests never skip: if PostgreSQL cannot be started (binaries
// missing, start-up failure) instance() throws with the reason, and the test
// turns that into a failure.
class TestCluster {
public:
    static TestCluster &instance();
    ~TestCluster();
    TestCluster(const TestCluster &) = delete;
    TestCluster &operator=(const TestCluster &) = delete;

    // Creates a new empty database and returns its libpq connection string.
    std::string createDatabase();
    // A new empty folder for a test's own files (for example another cluster's
    // data), reachable by the account PostgreSQL runs as.
    std::filesystem::path makeScratchDir(std::string_view name);

    server::EmbeddedPostgres &server() { return *m_server; }
    const std::filesystem::path &root() const { return m_root; }

private:
    TestCluster();

    std::filesystem::path m_root;
    std::unique_ptr<server::EmbeddedPostgres> m_server;
    std::mutex m_mutex;
    int m_created = 0;
};

} // namespace caredesk::test
