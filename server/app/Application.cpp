#include "app/Application.h"

#include "app/DemoData.h"
#include "app/Logging.h"
#include "app/ServerRuntime.h"
#include "handlers/AuthHandler.h"
#include "security/PasswordHasher.h"
#include "security/SessionToken.h"
#include "storage/ApplicationRole.h"
#include "storage/AuditChain.h"
#include "storage/AuditLog.h"
#include "storage/CaregiverRepository.h"
#include "storage/DatabasePool.h"
#include "storage/EmbeddedPostgres.h"
#include "storage/Migrator.h"

#include <spdlog/spdlog.h>

#include <pqxx/pqxx>

#include <fstream>
#include <iostream>
#include <sstream>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

namespace caredesk::server {

namespace {

std::shared_ptr<spdlog::logger> logger() { return subsystemLogger("app"); }

std::string readPassword(bool interactive, const char *prompt) {
    termios saved{};
    if (interactive) {
        std::cerr << prompt << std::flush;
        tcgetattr(STDIN_FILENO, &saved);
        termios silent = saved;
        silent.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        tcsetattr(STDIN_FILENO, TCSANOW, &silent);
    }
    std::string password;
    std::getline(std::cin, password);
    if (interactive) {
        tcsetattr(STDIN_FILENO, TCSANOW, &saved);
        std::cerr << "\n";
    }
    if (!password.empty() && password.back() == '\r')
        password.pop_back();
    return password;
}

void writePrivateFile(const std::filesystem::path &path, const std::string &content) {
    const auto temporary = path.string() + ".tmp";
    {
        std::ofstream out(temporary, std::ios::trunc);
        if (!out)
            throw std::runtime_error("cannot write " + temporary);
        out << content;
    }
    ::chmod(temporary.c_str(), 0600);
    std::filesystem::rename(temporary, path);
}

} // namespace

Application::Application(ServerConfig config) : m_config(std::move(config)) { setUpLogging(); }

Application::~Application() = default;

void Application::setUpLogging() { configureLogging(m_config.logLevel, m_config.logFile); }

std::string Application::prepareDatabase() {
    std::string connection = m_config.databaseUrl;
    if (connection.empty()) {
        std::filesystem::create_directories(m_config.dataDir);
        EmbeddedPostgresOptions options;
        options.dataDir = m_config.dataDir / "postgres";
        options.logFile = m_config.dataDir / "postgres.log";
        options.runAsUser = m_config.postgresUser;
        m_embedded = std::make_unique<EmbeddedPostgres>(options);
        logger()->info("starting embedded PostgreSQL in {}", options.dataDir.string());
        m_embedded->start();
        connection = m_embedded->connectionString();
    }
    pqxx::connection db(m_config.migrationDatabaseUrl.empty() ? connection
                                                              : m_config.migrationDatabaseUrl);
    Migrator().migrate(db); // logs what it applied
    if (m_embedded) {
        // Migrations (and demo data) as the cluster's owner; the runtime as the
        // application role, which cannot alter the append-only records.
        m_ownerConnection = connection;
        return applicationConnectionString(db, connection);
    }
    m_ownerConnection = m_config.migrationDatabaseUrl.empty() ? connection
                                                              : m_config.migrationDatabaseUrl;
    return connection;
}

int Application::run() {
    const std::string connection = prepareDatabase();
    const PasswordHasher hasher(passwordCost(m_config.passwordCost));

    if (m_config.demo) {
        const auto passwordFile = m_config.dataDir / "demo-admin-password";
        std::string password;
        if (std::ifstream in(passwordFile); in)
            std::getline(in, password);
        if (password.empty()) {
            password = SessionToken::randomSecret(12);
            writePrivateFile(passwordFile, password + "\n");
        }
        std::vector<DemoAccount> accounts;
        DatabasePool::runOnce(m_ownerConnection, [&](pqxx::work &tx) {
            accounts = DemoData::seed(tx, hasher, password);
        });
        std::ostringstream text;
        text << "Demo accounts (password in " << passwordFile.string() << "):\n";
        for (const auto &account : accounts)
            text << "  " << account.username << "  (" << account.roles << ")  "
                 << account.displayName << "\n";
        text << "Demo password: " << password << "\n";
        std::cout << text.str() << std::flush;
    }

    ServerRuntime runtime(m_config, connection);
    runtime.start();
    const std::string url = runtime.baseUrl();
    logger()->info("CareDesk listening on {} (WebSocket {}/ws)", url,
                   url.rfind("https", 0) == 0 ? "wss" + url.substr(5) : "ws" + url.substr(4));
    if (!m_config.readyFile.empty())
        writePrivateFile(m_config.readyFile, url + "\n");

    runtime.waitForStopSignal();
    logger()->info("stopping: closing connections");
    runtime.stop(std::chrono::seconds(5));
    if (m_embedded) {
        logger()->info("stopping embedded PostgreSQL");
        m_embedded->stop();
    }
    logger()->info("stopped");
    return 0;
}

int Application::createAdmin() {
    const std::string connection = prepareDatabase();
    const bool interactive = isatty(STDIN_FILENO) != 0;
    std::string password = readPassword(interactive, "New password: ");
    if (interactive && readPassword(true, "Repeat password: ") != password) {
        std::cerr << "The passwords differ; nothing changed.\n";
        return 1;
    }
    if (auto reason = domain::PasswordPolicy{}.check(password, m_config.createAdmin)) {
        std::cerr << "Password refused: " << *reason << "\n";
        return 1;
    }
    const PasswordHasher hasher(passwordCost(m_config.passwordCost));
    const std::string hash = hasher.hash(password);
    bool created = false;
    DatabasePool::runOnce(connection, [&](pqxx::work &tx) {
        auto existing = CaregiverRepository::findByUsername(tx, m_config.createAdmin);
        std::int64_t id = 0;
        if (existing) {
            id = existing->summary.id;
            auto roles = existing->summary.roles;
            roles.add(domain::Role::Admin);
            CaregiverRepository::setRoles(tx, id, roles);
            CaregiverRepository::setPasswordHash(tx, id, hash);
            SessionRepository::revokeAllOf(tx, id, std::nullopt, "password reset by operator");
            created = false;
        } else {
            id = CaregiverRepository::create(tx, m_config.createAdmin, m_config.createAdmin, hash,
                                             {domain::Role::Admin});
            created = true;
        }
        AuditEvent event;
        event.action = created ? "admin.created_by_operator" : "admin.reset_by_operator";
        event.subjectType = "caregiver";
        event.subjectId = std::to_string(id);
        AuditLog::append(tx, event);
    });
    std::cout << (created ? "Created admin " : "Reset password and granted admin to ")
              << m_config.createAdmin << "\n";
    if (m_embedded)
        m_embedded->stop();
    return 0;
}

int Application::verifyAudit() {
    const std::string connection = prepareDatabase();
    const auto keyPath = m_config.auditKeyPath();
    if (!std::filesystem::exists(keyPath)) {
        std::cerr << "No audit key at " << keyPath.string()
                  << ": give the deployment's key with --audit-key-file.\n";
        if (m_embedded)
            m_embedded->stop();
        return 1;
    }
    const AuditChain chain(AuditChain::loadOrCreateKey(keyPath));
    AuditChain::Verification result;
    DatabasePool::runOnce(connection, [&](pqxx::work &tx) { result = chain.verify(tx); });
    if (result.intact) {
        std::cout << "Audit trail intact: " << result.sealed << " events sealed, "
                  << result.unsealed << " newer ones not sealed yet.\n";
    } else {
        std::cout << "Audit trail BROKEN after " << result.sealed
                  << " intact seals: " << result.problem << "\n";
    }
    if (m_embedded)
        m_embedded->stop();
    return result.intact ? 0 : 1;
}

} // namespace caredesk::server
