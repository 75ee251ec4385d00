#include "storage/EmbeddedPostgres.h"
#include "app/Logging.h"

#include "storage/ChildProcess.h"

#include <algorithm>
#include <cerrno>
#include <clocale>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <grp.h>
#include <libpq-fe.h>
#include <locale.h>
#include <pqxx/nontransaction>
#include <pqxx/pqxx>
#include <pwd.h>
#include <signal.h>
#include <spdlog/spdlog.h>
#include <stdexcept>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace caredesk::server {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

// The socket file name is .s.PGSQL.<port>; the port is fixed so that a PGPORT
// in the environment cannot make the server and our clients disagree.
constexpr int kPort = 5432;
constexpr const char *kSuperuser = "caredesk";

std::shared_ptr<spdlog::logger> logger() { return subsystemLogger("db"); }

std::runtime_error systemError(const std::string &what, int error = errno) {
    return std::runtime_error(what + ": " + std::strerror(error));
}

// "15" sorts after "9" by number, not by text.
fs::path newestInstalledBinDir() {
    fs::path best;
    long bestVersion = -1;
    std::error_code ec;
    for (const auto &entry : fs::directory_iterator("/usr/lib/postgresql", ec)) {
        const auto name = entry.path().filename().string();
        char *end = nullptr;
        const long version = std::strtol(name.c_str(), &end, 10);
        if (end == name.c_str() || !fs::exists(entry.path() / "bin" / "postgres"))
            continue;
        if (version > bestVersion) {
            bestVersion = version;
            best = entry.path() / "bin";
        }
    }
    return best;
}

// libpq keyword/value syntax: single quotes, with \ and ' escaped.
std::string quoteConnectionValue(std::string_view value) {
    std::string quoted = "'";
    for (char c : value) {
        if (c == '\\' || c == '\'')
            quoted += '\\';
        quoted += c;
    }
    quoted += '\'';
    return quoted;
}

// Whether the account can search (x) the folder, judged from its mode bits the
// way the kernel does for a process with that uid, gid and supplementary groups.
bool canTraverse(const struct stat &st, uid_t uid, const std::vector<gid_t> &groups) {
    if (uid == 0)
        return true;
    if (st.st_uid == uid)
        return (st.st_mode & S_IXUSR) != 0;
    if (std::find(groups.begin(), groups.end(), st.st_gid) != groups.end())
        return (st.st_mode & S_IXGRP) != 0;
    return (st.st_mode & S_IXOTH) != 0;
}

bool isEmptyDirectory(const fs::path &path) {
    std::error_code ec;
    return fs::is_directory(path, ec) &&
           fs::directory_iterator(path, ec) == fs::directory_iterator();
}

bool processIsPostgres(pid_t pid) {
    std::ifstream comm("/proc/" + std::to_string(pid) + "/comm");
    std::string name;
    std::getline(comm, name);
    return name == "postgres" || name == "postmaster";
}

// A pid that exists (even if owned by another user: EPERM) and is not a zombie.
bool processAlive(pid_t pid) {
    if (::kill(pid, 0) != 0 && errno != EPERM)
        return false;
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    std::getline(stat, line);
    const auto close = line.rfind(')');
    return close == std::string::npos || line.size() < close + 3 || line[close + 2] != 'Z';
}

// Socket folders outlive a SIGKILL of their owner: the postmaster cleans up
// its socket only if it is still running itself. A folder is abandoned when the
// postmaster named in its lock file is gone, or when it stayed empty long
// past any start-up. Only the files postgres puts there are removed, so rmdir
// leaves anything unexpected alone.
void removeAbandonedSocketDirs(uid_t owner) {
    constexpr auto kStartupGrace = std::chrono::minutes(10);
    const std::string socketName = ".s.PGSQL." + std::to_string(kPort);
    std::error_code ec;
    for (const auto &entry : fs::directory_iterator("/tmp", ec)) {
        const fs::path folder = entry.path();
        const std::string name = folder.filename().string();
        struct stat st {};
        if (name.size() != 11 || name.rfind("cdpg-", 0) != 0 || ::lstat(folder.c_str(), &st) != 0 ||
            !S_ISDIR(st.st_mode) || st.st_uid != owner)
            continue;
        std::ifstream lock(folder / (socketName + ".lock"));
        pid_t postmaster = 0;
        if (lock >> postmaster) {
            if (postmaster <= 0 || processAlive(postmaster))
                continue;
            fs::remove(folder / socketName, ec);
            fs::remove(folder / (socketName + ".lock"), ec);
        } else if (fs::file_time_type::clock::now() - fs::last_write_time(folder, ec) <
                   kStartupGrace) {
            continue;
        }
        if (::rmdir(folder.c_str()) == 0)
            logger()->debug("removed the abandoned socket folder {}", folder.string());
    }
}

const char *clusterLocale() {
    // C.UTF-8 keeps sorting byte-wise (no glibc collation upgrades to break
    // indexes) while letting the server validate UTF-8; plain C where absent.
    if (locale_t utf8 = ::newlocale(LC_ALL_MASK, "C.UTF-8", nullptr)) {
        ::freelocale(utf8);
        return "C.UTF-8";
    }
    return "C";
}

// Fast shutdown (SIGINT) rolls back open transactions and checkpoints; if that
// hangs, immediate shutdown (SIGQUIT) needs crash recovery at the next start,
// and SIGKILL is the last resort.
void shutDownPostmaster(pid_t pid) {
    ::kill(pid, SIGINT);
    if (waitForChildExit(pid, 15s))
        return;
    logger()->warn("PostgreSQL (pid {}) ignored fast shutdown for 15 s; forcing it", pid);
    ::kill(pid, SIGQUIT);
    if (waitForChildExit(pid, 5s))
        return;
    ::kill(pid, SIGKILL);
    waitForChildExit(pid, 5s);
}

} // namespace

EmbeddedPostgres::EmbeddedPostgres(EmbeddedPostgresOptions options)
    : m_options(std::move(options)) {
    m_dataDir = m_options.dataDir.empty() ? fs::path() : fs::absolute(m_options.dataDir);
    m_logFile = !m_options.logFile.empty() ? fs::absolute(m_options.logFile)
                : m_dataDir.empty()        ? fs::path()
                                           : m_dataDir.parent_path() / "postgres.log";
}

EmbeddedPostgres::~EmbeddedPostgres() {
    try {
        stop();
    } catch (const std::exception &e) {
        logger()->error("stopping PostgreSQL failed: {}", e.what());
    }
}

void EmbeddedPostgres::start() {
    if (running())
        return;
    if (m_dataDir.empty())
        throw std::runtime_error("PostgreSQL data directory not configured");

    m_binDir = m_options.binDir.empty() ? newestInstalledBinDir() : m_options.binDir;
    if (m_binDir.empty() || !fs::exists(m_binDir / "postgres") || !fs::exists(m_binDir / "initdb"))
        throw std::runtime_error(
            "PostgreSQL server binaries (postgres, initdb) not found in " +
            (m_binDir.empty() ? std::string("/usr/lib/postgresql/*/bin") : m_binDir.string()) +
            "; install the PostgreSQL server package or set the binaries folder");

    resolveAccount();
    prepareDataDir();
    if (!fs::exists(m_dataDir / "PG_VERSION"))
        initializeCluster();
    waitForPreviousPostmaster();
    try {
        launchPostmaster();
        waitUntilReady();
        createDatabaseIfMissing();
    } catch (...) {
        stop();
        throw;
    }
    logger()->info("PostgreSQL ready (pid {}, data {}, socket {})", m_pid, m_dataDir.string(),
                   m_socketDir.string());
}

void EmbeddedPostgres::resolveAccount() {
    m_dropPrivileges = ::geteuid() == 0;
    if (!m_dropPrivileges)
        return;
    std::vector<std::string> candidates;
    if (!m_options.runAsUser.empty())
        candidates = {m_options.runAsUser};
    else
        candidates = {"postgres", "nobody"};

    for (const auto &name : candidates) {
        std::vector<char> buffer(16384);
        struct passwd entry {};
        struct passwd *found = nullptr;
        if (::getpwnam_r(name.c_str(), &entry, buffer.data(), buffer.size(), &found) != 0 || !found)
            continue;
        m_runUser = name;
        m_runUid = found->pw_uid;
        m_runGid = found->pw_gid;
        int count = 32;
        m_runGroups.assign(static_cast<std::size_t>(count), 0);
        if (::getgrouplist(name.c_str(), m_runGid, m_runGroups.data(), &count) < 0) {
            m_runGroups.assign(static_cast<std::size_t>(count), 0);
            ::getgrouplist(name.c_str(), m_runGid, m_runGroups.data(), &count);
        }
        m_runGroups.resize(static_cast<std::size_t>(std::max(count, 0)));
        if (m_runUid == 0)
            throw std::runtime_error("PostgreSQL cannot run as root; choose another account than " +
                                     name + " to run it");
        return;
    }
    throw std::runtime_error("running as root, but no account to run PostgreSQL as: " +
                             (m_options.runAsUser.empty()
                                  ? std::string("neither postgres nor nobody")
                                  : m_options.runAsUser) +
                             " exists");
}

void EmbeddedPostgres::prepareDataDir() {
    const uid_t owner = m_dropPrivileges ? m_runUid : ::geteuid();
    // The server, running as another account, must reach its data through
    // every folder above it. Changing the modes of someone's folders is not
    // ours to do, so name the one in the way. Checked again after creating the
    // missing folders, which a restrictive umask may have closed.
    const auto requireReachable = [this] {
        if (!m_dropPrivileges)
            return;
        for (fs::path folder = m_dataDir.parent_path();; folder = folder.parent_path()) {
            struct stat st {};
            if (::stat(folder.c_str(), &st) == 0 && !canTraverse(st, m_runUid, m_runGroups))
                throw std::runtime_error(
                    "PostgreSQL runs as " + m_runUser + ", which cannot enter " + folder.string() +
                    " (on the way to the data directory " + m_dataDir.string() +
                    "); choose a data directory that account can reach");
            if (folder == folder.root_path() || folder.empty())
                break;
        }
    };
    requireReachable();
    std::error_code ec;
    fs::create_directories(m_dataDir, ec);
    if (ec)
        throw std::runtime_error("cannot create the data directory " + m_dataDir.string() + ": " +
                                 ec.message());
    requireReachable();

    struct stat st {};
    if (::stat(m_dataDir.c_str(), &st) != 0)
        throw systemError("cannot read the data directory " + m_dataDir.string());
    if (fs::exists(m_dataDir / "PG_VERSION")) {
        if (st.st_uid != owner)
            throw std::runtime_error("the data directory " + m_dataDir.string() +
                                     " belongs to uid " + std::to_string(st.st_uid) +
                                     ", but PostgreSQL runs as uid " + std::to_string(owner));
    } else if (!isEmptyDirectory(m_dataDir)) {
        throw std::runtime_error("the data directory " + m_dataDir.string() +
                                 " is not empty and holds no PostgreSQL cluster");
    } else {
        if (m_dropPrivileges && ::chown(m_dataDir.c_str(), m_runUid, m_runGid) != 0)
            throw systemError("cannot hand " + m_dataDir.string() + " to " + m_runUser);
        ::chmod(m_dataDir.c_str(), 0700);
    }

    fs::create_directories(m_logFile.parent_path(), ec);
    const int fd = ::open(m_logFile.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (fd < 0)
        throw systemError("cannot open the PostgreSQL log " + m_logFile.string());
    const bool handed = !m_dropPrivileges || ::fchown(fd, m_runUid, m_runGid) == 0;
    const int error = errno;
    ::close(fd);
    if (!handed)
        throw systemError("cannot hand " + m_logFile.string() + " to " + m_runUser, error);
}

void EmbeddedPostgres::initializeCluster() {
    logger()->info("initializing a PostgreSQL cluster in {}", m_dataDir.string());
    std::vector<std::string> args = {(m_binDir / "initdb").string(),
                                     "--pgdata=" + m_dataDir.string(),
                                     std::string("--username=") + kSuperuser,
                                     "--auth=trust",
                                     "--encoding=UTF8",
                                     std::string("--locale=") + clusterLocale(),
                                     "--no-instructions"};
    if (!m_options.durable)
        args.push_back("--no-sync");

    const pid_t pid = spawn(std::move(args));
    const auto status = waitForChildExit(pid, m_options.startTimeout);
    if (!status) {
        ::kill(pid, SIGKILL);
        waitForChildExit(pid, 5s);
        throw std::runtime_error("initdb did not finish within " +
                                 std::to_string(m_options.startTimeout.count()) + " s; see " +
                                 m_logFile.string());
    }
    if (*status != 0)
        throw std::runtime_error("initdb failed (" + describeWaitStatus(*status) +
                                 "); last lines of " + m_logFile.string() + ":\n" + logTail());
}

void EmbeddedPostgres::waitForPreviousPostmaster() {
    // After a crash of this process the old postmaster got SIGINT and is
    // finishing its shutdown; postgres would refuse to start beside it. A lock
    // file naming a dead process is stale, and postgres itself discards it.
    std::ifstream lock(m_dataDir / "postmaster.pid");
    pid_t previous = 0;
    if (!(lock >> previous) || previous <= 0 || !processIsPostgres(previous))
        return;
    const auto deadline = std::chrono::steady_clock::now() + m_options.startTimeout;
    logger()->info("waiting for the previous postmaster (pid {}) of {} to exit", previous,
                   m_dataDir.string());
    while (processAlive(previous) && processIsPostgres(previous)) {
        if (std::chrono::steady_clock::now() > deadline)
            throw std::runtime_error("the data directory " + m_dataDir.string() +
                                     " is in use by a running postmaster (pid " +
                                     std::to_string(previous) + ")");
        std::this_thread::sleep_for(50ms);
    }
}

void EmbeddedPostgres::launchPostmaster() {
    removeAbandonedSocketDirs(m_dropPrivileges ? m_runUid : ::geteuid());
    char folder[] = "/tmp/cdpg-XXXXXX";
    if (!::mkdtemp(folder))
        throw systemError("cannot create a socket folder under /tmp");
    m_socketDir = folder;
    if (m_dropPrivileges && ::chown(folder, m_runUid, m_runGid) != 0)
        throw systemError(std::string("cannot hand ") + folder + " to " + m_runUser);

    std::vector<std::string> args = {(m_binDir / "postgres").string(),
                                     "-D",
                                     m_dataDir.string(),
                                     "-p",
                                     std::to_string(kPort),
                                     "-c",
                                     "listen_addresses=",
                                     "-c",
                                     "unix_socket_directories=" + m_socketDir.string(),
                                     "-c",
                                     "unix_socket_permissions=0700"};
    if (!m_options.durable) {
        // Only an operating-system crash loses data with these; a crash of the
        // server alone still keeps every commit (synchronous_commit stays on).
        for (const char *setting : {"fsync=off", "full_page_writes=off"})
            args.insert(args.end(), {"-c", setting});
    }
    for (const auto &[name, value] : m_options.settings)
        args.insert(args.end(), {"-c", name + "=" + value});

    logger()->info("starting PostgreSQL from {} on {}{}", m_binDir.string(), m_dataDir.string(),
                   m_dropPrivileges ? " as " + m_runUser : std::string());
    m_pid = spawn(std::move(args));
}

void EmbeddedPostgres::waitUntilReady() {
    const std::string probe = connectionString("postgres") + " connect_timeout=2";
    const auto deadline = std::chrono::steady_clock::now() + m_options.startTimeout;
    for (;;) {
        if (::PQping(probe.c_str()) == PQPING_OK)
            return;
        if (const auto status = childExitStatus(m_pid)) {
            m_pid = -1;
            throw std::runtime_error("PostgreSQL exited during start-up (" +
                                     describeWaitStatus(*status) + "); last lines of " +
                                     m_logFile.string() + ":\n" + logTail());
        }
        if (std::chrono::steady_clock::now() > deadline)
            throw std::runtime_error("PostgreSQL did not accept connections within " +
                                     std::to_string(m_options.startTimeout.count()) +
                                     " s; last lines of " + m_logFile.string() + ":\n" + logTail());
        std::this_thread::sleep_for(50ms);
    }
}

void EmbeddedPostgres::createDatabaseIfMissing() {
    pqxx::connection connection(connectionString("postgres"));
    pqxx::nontransaction tx(connection);
    const auto found =
        tx.exec_params("SELECT 1 FROM pg_database WHERE datname = $1", m_options.databaseName);
    if (!found.empty())
        return;
    logger()->info("creating database {}", m_options.databaseName);
    tx.exec("CREATE DATABASE " + tx.quote_name(m_options.databaseName));
}

pid_t EmbeddedPostgres::spawn(std::vector<std::string> args) const {
    const int logFd = ::open(m_logFile.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
    if (logFd < 0)
        throw systemError("cannot open the PostgreSQL log " + m_logFile.string());
    ChildProcessSpec spec;
    spec.argv = std::move(args);
    spec.outputFd = logFd;
    spec.switchAccount = m_dropPrivileges;
    spec.uid = m_runUid;
    spec.gid = m_runGid;
    spec.groups = m_runGroups;
    spec.parentDeathSignal = SIGINT; // fast shutdown: roll back, then exit
    try {
        const pid_t pid = spawnChildProcess(spec);
        ::close(logFd);
        return pid;
    } catch (...) {
        ::close(logFd);
        throw;
    }
}

void EmbeddedPostgres::stop() {
    if (m_pid > 0) {
        logger()->info("stopping PostgreSQL (pid {})", m_pid);
        shutDownPostmaster(m_pid);
        m_pid = -1;
    }
    discardSocketDir();
}

void EmbeddedPostgres::discardSocketDir() {
    if (m_socketDir.empty())
        return;
    std::error_code ec;
    fs::remove_all(m_socketDir, ec);
    m_socketDir.clear();
}

std::string EmbeddedPostgres::connectionString() const {
    return connectionString(m_options.databaseName);
}

std::string EmbeddedPostgres::connectionString(std::string_view database) const {
    return "host=" + quoteConnectionValue(m_socketDir.string()) + " port=" + std::to_string(kPort) +
           " user=" + kSuperuser + " dbname=" + quoteConnectionValue(database);
}

std::string EmbeddedPostgres::logTail() const {
    constexpr std::streamoff kTailBytes = 4096;
    std::ifstream log(m_logFile, std::ios::binary);
    if (!log)
        return "(no log)";
    log.seekg(0, std::ios::end);
    const std::streamoff size = log.tellg();
    log.seekg(std::max<std::streamoff>(0, size - kTailBytes));
    std::string tail((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
    if (size > kTailBytes) {
        if (const auto firstLineEnd = tail.find('\n'); firstLineEnd != std::string::npos)
            tail.erase(0, firstLineEnd + 1);
    }
    return tail;
}

} // namespace caredesk::server
