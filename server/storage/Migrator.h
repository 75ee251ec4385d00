#pragma once

#include "storage/PqxxFwd.h"

#include <string>
#include <vector>

namespace caredesk::server {

struct Migration {
    int version = 0;  // from the file name: 0001_initial.sql -> 1
    std::string name; // "initial"
    std::string sql;
};

// The migrations compiled into this binary (server/storage/migrations/*.sql), ascending.
const std::vector<Migration> &builtinMigrations();

struct MigrationReport {
    int versionBefore = 0;
    int versionAfter = 0;
    std::vector<int> applied;
};

// Applies missing migrations in one transaction, recorded in schema_migrations,
// serialized across server instances with a transaction-level advisory lock.
// Throws std::runtime_error when the database holds a schema newer than the
// newest migration given (this binary is older than the database).
class Migrator {
public:
    explicit Migrator(std::vector<Migration> migrations = builtinMigrations());
    MigrationReport migrate(pqxx::connection_base &connection) const;
    // Highest version recorded in the database, 0 for an empty one.
    static int currentVersion(pqxx::transaction_base &tx);
    int latestVersion() const;

private:
    std::vector<Migration> m_migrations;
};

} // namespace caredesk::server
