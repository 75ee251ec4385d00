#include "ChatLoadSystem.h"

#include "app/ServerConfig.h"
#include "domain/Role.h"
#include "security/PasswordHasher.h"
#include "security/SessionToken.h"
#include "storage/CaregiverRepository.h"
#include "storage/DatabasePool.h"
#include "storage/EmbeddedPostgres.h"
#include "storage/VisitRepository.h"

#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <QTcpServer>
#include <QThread>
#include <fstream>
#include <pqxx/pqxx>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <sys/stat.h>
#include <unistd.h>

namespace caredesk::bench {

namespace fs = std::filesystem;

namespace {

// utime + stime (and, with children, cutime + cstime) of /proc/<pid>/stat, in seconds.
double cpuSeconds(const std::string &pid, bool withReapedChildren) {
    std::ifstream stat("/proc/" + pid + "/stat");
    std::string text;
    if (!std::getline(stat, text))
        return 0;
    std::istringstream fields(text.substr(text.rfind(')') + 2));
    std::vector<std::string> values{std::istream_iterator<std::string>(fields), {}};
    // values[0] is field 3 (state): utime is field 14, stime 15, cutime 16, cstime 17.
    const auto field = [&](std::size_t n) {
        return std::stod(values.at(n - 3));
    };
    double ticks = field(14) + field(15);
    if (withReapedChildren)
        ticks += field(16) + field(17);
    return ticks / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

long parentOf(const std::string &pid) {
    std::ifstream stat("/proc/" + pid + "/stat");
    std::string text;
    if (!std::getline(stat, text))
        return -1;
    std::istringstream fields(text.substr(text.rfind(')') + 2));
    std::string state;
    long parent = -1;
    fields >> state >> parent;
    return parent;
}

std::int64_t peakRssKiB(std::int64_t pid) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmHWM:", 0) == 0)
            return std::stoll(line.substr(6));
    return 0;
}

fs::path pgbenchBinary() {
    fs::path best;
    for (const auto &entry : fs::directory_iterator("/usr/lib/postgresql")) {
        const auto candidate = entry.path() / "bin/pgbench";
        if (fs::exists(candidate) && candidate > best) // the newest version
            best = candidate;
    }
    if (best.empty())
        throw std::runtime_error("pgbench not found under /usr/lib/postgresql");
    return best;
}

// What ChatRepository::append runs for one new message, in one transaction:
// the retry lookup, the visit's status, the thread row, its lock, the
// numbered insert, and the notification the chat feed listens to.
const char *const kPgbenchScript =
    "\\set v random(:first_visit, :last_visit)\n"
    "\\set a random(1, 1000000000)\n"
    "\\set b random(1, 1000000000)\n"
    "BEGIN;\n"
    "SELECT seq FROM chat_messages WHERE visit_id = :v AND sender_kind = 'patient' "
    "AND coalesce(sender_id, 0) = 0 AND client_message_id = 'pb' || :client_id || 'x' || :a "
    "|| 'x' || :b;\n"
    "SELECT status FROM visits WHERE id = :v;\n"
    "INSERT INTO chat_threads (visit_id) VALUES (:v) ON CONFLICT (visit_id) DO NOTHING;\n"
    "SELECT 1 FROM chat_threads WHERE visit_id = :v FOR UPDATE;\n"
    "WITH t AS (UPDATE chat_threads SET last_seq = last_seq + 1, updated_at = "
    "greatest(updated_at, now()) WHERE visit_id = :v RETURNING visit_id, last_seq) "
    "INSERT INTO chat_messages AS m (visit_id, seq, client_message_id, sender_kind, sender_id, "
    "kind, body) SELECT t.visit_id, t.last_seq, 'pb' || :client_id || 'x' || :a || 'x' || :b, "
    "'patient', NULL, 'text', 'L0 | How are you feeling now? Any fever since this morning?' "
    "FROM t RETURNING m.seq, m.created_at;\n"
    "SELECT pg_notify('caredesk_chat', 'm:' || :v);\n"
    "END;\n";

} // namespace

ChatLoadSystem::ChatLoadSystem(bool fsync, int dbThreads)
    : m_dbThreads(dbThreads) {
    char folder[] = "/tmp/cdchatload-XXXXXX";
    if (!::mkdtemp(folder))
        throw std::runtime_error("cannot create a folder under /tmp");
    m_root = folder;
    ::chmod(folder, 0711); // PostgreSQL runs as another account when we are root
    server::EmbeddedPostgresOptions options;
    options.dataDir = m_root / "data";
    options.logFile = m_root / "postgres.log";
    options.durable = fsync;
    options.settings = {{"max_connections", "200"}};
    m_postgres = std::make_unique<server::EmbeddedPostgres>(options);
}

ChatLoadSystem::~ChatLoadSystem() {
    stopServer();
    m_postgres->stop();
    std::error_code ec;
    fs::remove_all(m_root, ec);
}

void ChatLoadSystem::start() {
    m_postgres->start();
    {
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost, 0);
        m_port = probe.serverPort();
    }
    const QString ready = QString::fromStdString((m_root / "ready").string());
    QStringList arguments{"--database-url",  QString::fromStdString(m_postgres->connectionString()),
                          "--data-dir",      QString::fromStdString((m_root / "server").string()),
                          "--port",          QString::number(m_port),
                          "--password-cost", "minimum",
                          "--ready-file",    ready,
                          "--log-level",     "warn"};
    if (m_dbThreads > 0)
        arguments << "--db-threads" << QString::number(m_dbThreads);
    m_server = std::make_unique<QProcess>();
    m_server->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_server->start(CAREDESK_SERVER_BINARY, arguments);
    for (int i = 0; i < 1200 && !QFile::exists(ready); ++i) {
        if (m_server->state() == QProcess::NotRunning)
            break;
        QCoreApplication::processEvents();
        QThread::msleep(50);
    }
    if (!QFile::exists(ready))
        throw std::runtime_error("caredesk-server did not become ready");
}

QUrl ChatLoadSystem::wsUrl() const {
    return QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(m_port));
}

std::vector<std::string> ChatLoadSystem::addStaff(int count) {
    // One hash for everyone: hashing is not what is measured.
    const server::PasswordHasher hasher(server::passwordCost("minimum"));
    const auto hash = hasher.hash(kStaffPassword);
    std::vector<std::string> names;
    server::DatabasePool::runOnce(m_postgres->connectionString(), [&](pqxx::work &tx) {
        for (int i = 0; i < count; ++i) {
            names.push_back("staff" + std::to_string(i));
            server::CaregiverRepository::create(tx, names.back(), "Staff " + std::to_string(i),
                                                hash, {domain::Role::Support});
        }
    });
    return names;
}

std::vector<ChatLoadSystem::Visit> ChatLoadSystem::addVisits(int count) {
    std::vector<Visit> visits;
    server::DatabasePool::runOnce(m_postgres->connectionString(), [&](pqxx::work &tx) {
        for (int i = 0; i < count; ++i) {
            auto token = server::SessionToken::generate();
            server::NewVisit visit{"WA",          "Patient" + std::to_string(i),
                                   "Load",        "1980-04-02",
                                   "Sore throat", "555-0100",
                                   token.hash,    0};
            visits.push_back({server::VisitRepository::insert(tx, visit).id, token.token});
        }
    });
    m_firstVisit = visits.front().id;
    m_lastVisit = visits.back().id;
    return visits;
}

ChatLoadSystem::Sample ChatLoadSystem::sample() const {
    Sample s;
    s.wallSeconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
    if (m_server && m_server->state() == QProcess::Running) {
        const auto pid = m_server->processId();
        s.serverCpuSeconds = cpuSeconds(std::to_string(pid), false);
        s.serverPeakRssKiB = peakRssKiB(pid);
    }
    const long postmaster = m_postgres->postmasterPid();
    s.postgresCpuSeconds = cpuSeconds(std::to_string(postmaster), true);
    for (const auto &entry : fs::directory_iterator("/proc")) {
        const auto name = entry.path().filename().string();
        if (!name.empty() && std::isdigit(static_cast<unsigned char>(name[0])) &&
            parentOf(name) == postmaster)
            s.postgresCpuSeconds += cpuSeconds(name, false);
    }
    s.clientCpuSeconds = cpuSeconds("self", false);
    return s;
}

void ChatLoadSystem::stopServer() {
    if (!m_server || m_server->state() == QProcess::NotRunning)
        return;
    m_server->terminate();
    if (!m_server->waitForFinished(30000))
        m_server->kill();
}

double ChatLoadSystem::runPgbench(int seconds, int clients) {
    const auto script = m_root / "chat_append.sql";
    std::ofstream(script) << kPgbenchScript;
    QProcess bench;
    bench.start(QString::fromStdString(pgbenchBinary().string()),
                {"-n", "-f", QString::fromStdString(script.string()), "-c",
                 QString::number(clients), "-j", QString::number(std::min(clients, 2)), "-T",
                 QString::number(seconds), "-D", QStringLiteral("first_visit=%1").arg(m_firstVisit),
                 "-D", QStringLiteral("last_visit=%1").arg(m_lastVisit),
                 QString::fromStdString(m_postgres->connectionString())});
    bench.waitForFinished((seconds + 60) * 1000);
    const std::string out = bench.readAllStandardOutput().toStdString();
    std::smatch match;
    if (!std::regex_search(out, match, std::regex(R"(tps = ([0-9.]+))")))
        throw std::runtime_error("pgbench failed:\n" + out +
                                 bench.readAllStandardError().toStdString());
    return std::stod(match[1]);
}

} // namespace caredesk::bench
