#include "storage/Migrator.h"
#include "app/Logging.h"

#include <algorithm>
#include <map>
#include <pqxx/pqxx>
#include <spdlog/spdlog.h>
#include <stdexcept>

namespace caredesk::server {

namespace {

// Any constant every server instance agrees on ("CDMIGRAT" in ASCII); advisory
// lock keys share one space per database, so it only has to differ from the
// keys other features use.
constexpr long long kMigrationLockKey = 0x43444d4947524154;

std::shared_ptr<spdlog::logger> logger() { return subsystemLogger("db"); }

std::string label(const Migration &migration) {
    return fmt::format("{:04}_{}", migration.version, migration.name);
}

} // namespace

Migrator::Migrator(std::vector<Migration> migrations)
    : m_migrations(std::move(migrations)) {
    std::sort(m_migrations.begin(), m_migrations.end(),
              [](const Migration &a, const Migration &b) { return a.version < b.version; });
    for (std::size_t i = 0; i < m_migrations.size(); ++i) {
        if (m_migrations[i].version <= 0)
            throw std::invalid_argument("migration " + label(m_migrations[i]) +
                                        " has no positive version");
        if (i > 0 && m_migrations[i].version == m_migrations[i - 1].version)
            throw std::invalid_argument("two migrations with version " +
                                        std::to_string(m_migrations[i].version));
    }
}

int Migrator::latestVersion() const {
    return m_migrations.empty() ? 0 : m_migrations.back().version;
}

int Migrator::currentVersion(pqxx::transaction_base &tx) {
    if (!tx.exec1("SELECT to_regclass('schema_migrations') IS NOT NULL")[0].as<bool>())
        return 0;
    return tx.exec1("SELECT coalesce(max(version), 0) FROM schema_migrations")[0].as<int>();
}

MigrationReport Migrator::migrate(pqxx::connection_base &connection) const {
    // Everything happens in one transaction: either the whole set of missing
    // migrations lands, with its records, or nothing does. DDL is
    // transactional in PostgreSQL; statements that refuse to run inside a
    // transaction (CREATE INDEX CONCURRENTLY, ALTER TYPE ... ADD VALUE before
    // 12) do not belong in a migration.
    pqxx::work tx(connection, "migrate");
    // Taken before touching schema_migrations so that two instances starting
    // together cannot both create the table or apply the same migration.
    tx.exec("SELECT pg_advisory_xact_lock(" + std::to_string(kMigrationLockKey) + ")");
    tx.exec("CREATE TABLE IF NOT EXISTS schema_migrations ("
            " version    integer     PRIMARY KEY,"
            " name       text        NOT NULL,"
            " applied_at timestamptz NOT NULL DEFAULT now())");

    MigrationReport report;
    report.versionBefore = currentVersion(tx);
    if (report.versionBefore > latestVersion())
        throw std::runtime_error(
            "the database schema is at version " + std::to_string(report.versionBefore) +
            ", newer than this server's newest migration " + std::to_string(latestVersion()) +
            "; run a server at least as new as the one that migrated it");

    std::map<int, std::string> recorded;
    for (const auto &row : tx.exec("SELECT version, name FROM schema_migrations"))
        recorded.emplace(row[0].as<int>(), row[1].as<std::string>());

    for (const auto &migration : m_migrations) {
        if (const auto found = recorded.find(migration.version); found != recorded.end()) {
            if (found->second != migration.name)
                logger()->warn("migration {} is recorded under the name {}", label(migration),
                               found->second);
            continue;
        }
        try {
            tx.exec(migration.sql);
        } catch (const pqxx::sql_error &e) {
            throw std::runtime_error("migration " + label(migration) +
                                     " failed, nothing was applied: " + e.what());
        }
        tx.exec_params("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)",
                       migration.version, migration.name);
        report.applied.push_back(migration.version);
    }
    report.versionAfter = currentVersion(tx);
    tx.commit();

    if (report.applied.empty())
        logger()->info("database schema is up to date (version {})", report.versionAfter);
    else
        logger()->info("database schema migrated from version {} to {} ({} applied)",
                       report.versionBefore, report.versionAfter, report.applied.size());
    return report;
}

} // namespace caredesk::server
