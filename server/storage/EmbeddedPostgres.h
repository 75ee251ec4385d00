#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <string_view>
#include <sys/types.h>
#include <utility>
#include <vector>

namespace caredesk::server {

struct EmbeddedPostgresOptions {
    // The cluster's data directory; created (initdb) on first start.
    std::filesystem::path dataDir;
    // Folder with initdb/postgres; empty = the newest /usr/lib/postgresql/*/bin.
    std::filesystem::path binDir;
    // Database created on first start, owned by the cluster's superuser "caredesk".
    std::string databaseName = "caredesk";
    // PostgreSQL refuses to run as root. When this process is root the cluster
    // runs as this unprivileged account instead ("postgres" if it exists, else
    // "nobody"); ignored when not root.
    std::string runAsUser;
    std::chrono::seconds startTimeout{60};
    // Where postgres writes its own log; empty = <dataDir>/../postgres.log
    std::filesystem::path logFile;
    // false for clusters whose contents may be lost on a power cut (tests):
    // initdb skips its final sync and the server runs with fsync=off.
    bool durable = true;
    // Extra server settings, passed as "-c name=value" (e.g. {"max_connections", "200"}).
    std::vector<std::pair<std::string, std::string>> settings;
};

// A private PostgreSQL cluster owned by this process: initdb on first use, the
// postmaster listening only on a unix socket in a fresh 0700 folder under /tmp
// (short enough for the 107-byte sun_path limit), no TCP port at all. Since only
// this process (and root) can reach that folder, the cluster trusts local
// connections and has no password.
//
// The postmaster is our child and cannot outlive us: it is started with a
// parent-death signal (SIGINT, PostgreSQL's fast shutdown), so even a SIGKILL of
// this process stops it. The kernel sends that signal when the *thread* that
// forked the child ends, so every child is forked from one internal thread that
// lives as long as the process, whichever thread calls start().
// stop() (and the destructor) shut it down cleanly.
class EmbeddedPostgres {
public:
    explicit EmbeddedPostgres(EmbeddedPostgresOptions options);
    ~EmbeddedPostgres();
    EmbeddedPostgres(const EmbeddedPostgres &) = delete;
    EmbeddedPostgres &operator=(const EmbeddedPostgres &) = delete;

    // Initializes the cluster if needed, starts it, waits until it accepts
    // connections and creates the database if missing. Throws
    // std::runtime_error with a message an operator can act on. Does nothing if
    // already running.
    void start();
    // Fast shutdown; waits for the postmaster to exit (escalating after a timeout).
    // Safe to call twice.
    void stop();
    bool running() const { return m_pid > 0; }

    // libpq connection string for the configured database, or another one.
    std::string connectionString() const;
    std::string connectionString(std::string_view database) const;

    pid_t postmasterPid() const { return m_pid; }
    const std::filesystem::path &socketDir() const { return m_socketDir; }
    // The file the server logs to (resolved from the options).
    const std::filesystem::path &logFile() const { return m_logFile; }
    const EmbeddedPostgresOptions &options() const { return m_options; }

private:
    void resolveAccount();
    void prepareDataDir();
    void initializeCluster();
    void waitForPreviousPostmaster();
    void launchPostmaster();
    void waitUntilReady();
    void createDatabaseIfMissing();
    void discardSocketDir();
    pid_t spawn(std::vector<std::string> args) const;
    std::string logTail() const;

    EmbeddedPostgresOptions m_options;
    std::filesystem::path m_binDir;
    std::filesystem::path m_dataDir;
    std::filesystem::path m_logFile;
    std::filesystem::path m_socketDir;
    pid_t m_pid = -1;
    uid_t m_runUid = 0;
    gid_t m_runGid = 0;
    std::vector<gid_t> m_runGroups;
    std::string m_runUser;
    bool m_dropPrivileges = false;
};

} // namespace caredesk::server
