#include "storage/CannedResponseRepository.h"

#include <pqxx/pqxx>

namespace caredesk::server {

namespace {

constexpr const char *kColumns = "id, shortcut, title, body, version";

CannedResponseRecord recordFrom(const pqxx::row &row) {
    CannedResponseRecord record;
    record.id = row["id"].as<std::int64_t>();
    record.shortcut = row["shortcut"].as<std::string>();
    record.title = row["title"].as<std::string>();
    record.body = row["body"].as<std::string>();
    record.version = row["version"].as<std::int64_t>();
    return record;
}

std::optional<CannedResponseRecord> firstOf(const pqxx::result &rows) {
    if (rows.empty())
        return std::nullopt;
    return recordFrom(rows.front());
}

} // namespace

std::vector<CannedResponseRecord> CannedResponseRepository::all(pqxx::transaction_base &tx) {
    std::vector<CannedResponseRecord> records;
    for (const auto &row : tx.exec(std::string("SELECT ") + kColumns +
                                   " FROM canned_responses ORDER BY shortcut COLLATE \"C\""))
        records.push_back(recordFrom(row));
    return records;
}

std::optional<CannedResponseRecord> CannedResponseRepository::lock(pqxx::transaction_base &tx,
                                                                   std::int64_t id) {
    return firstOf(tx.exec_params(
        std::string("SELECT ") + kColumns + " FROM canned_responses WHERE id = $1 FOR UPDATE", id));
}

std::optional<std::string> CannedResponseRepository::titleOfShortcut(pqxx::transaction_base &tx,
                                                                     const std::string &shortcut) {
    const auto rows =
        tx.exec_params("SELECT title FROM canned_responses WHERE shortcut = $1", shortcut);
    if (rows.empty())
        return std::nullopt;
    return rows.front()[0].as<std::string>();
}

std::optional<CannedResponseRecord>
CannedResponseRepository::insert(pqxx::transaction_base &tx, const CannedResponseRecord &values,
                                 std::int64_t caregiverId) {
    // ON CONFLICT waits for a concurrent insert of the same shortcut and then
    // inserts nothing, so a lost race is an answer rather than an error.
    return firstOf(tx.exec_params(
        std::string("INSERT INTO canned_responses (shortcut, title, body, created_by, updated_by) "
                    "VALUES ($1, $2, $3, $4, $4) ON CONFLICT (shortcut) DO NOTHING RETURNING ") +
            kColumns,
        values.shortcut, values.title, values.body, caregiverId));
}

std::optional<CannedResponseRecord>
CannedResponseRepository::replace(pqxx::transaction_base &tx, const CannedResponseRecord &values,
                                  std::int64_t caregiverId) {
    // A savepoint, because an UPDATE has no ON CONFLICT: a shortcut taken by a
    // concurrent save is only known when the unique index refuses the row.
    // (Plain SQL: libpqxx 6 runs exec_params on a subtransaction without
    // opening its savepoint first.)
    tx.exec0("SAVEPOINT canned_response_replace");
    std::optional<CannedResponseRecord> saved;
    try {
        saved = firstOf(tx.exec_params(
            std::string("UPDATE canned_responses SET shortcut = $2, title = $3, body = $4, "
                        "       version = version + 1, updated_by = $5, "
                        "       updated_at = greatest(updated_at, now()) "
                        "WHERE id = $1 RETURNING ") +
                kColumns,
            values.id, values.shortcut, values.title, values.body, caregiverId));
    } catch (const pqxx::unique_violation &) {
        tx.exec0("ROLLBACK TO SAVEPOINT canned_response_replace");
        return std::nullopt;
    }
    tx.exec0("RELEASE SAVEPOINT canned_response_replace");
    return saved;
}

void CannedResponseRepository::remove(pqxx::transaction_base &tx, std::int64_t id) {
    tx.exec_params0("DELETE FROM canned_responses WHERE id = $1", id);
}

} // namespace caredesk::server
