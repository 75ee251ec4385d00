#pragma once

#include "storage/PqxxFwd.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace caredesk::server {

struct CannedResponseRecord {
    std::int64_t id = 0;
    std::string shortcut;
    std::string title;
    std::string body;
    std::int64_t version = 1;
};

// The canned_responses table. Callers validate values first; the table's
// checks are the last line, not the user-facing one.
class CannedResponseRepository {
public:
    // Every canned response, by shortcut (byte order: shortcuts are ASCII).
    static std::vector<CannedResponseRecord> all(pqxx::transaction_base &tx);
    // One response, its row locked until the transaction ends, so saves and
    // deletes of the same response run one after the other.
    static std::optional<CannedResponseRecord> lock(pqxx::transaction_base &tx, std::int64_t id);
    // The title of the response using `shortcut`, if any.
    static std::optional<std::string> titleOfShortcut(pqxx::transaction_base &tx,
                                                      const std::string &shortcut);
    // Creates a response at version 1; nullopt when the shortcut is taken
    // (including by a save committed meanwhile).
    static std::optional<CannedResponseRecord> insert(pqxx::transaction_base &tx,
                                                      const CannedResponseRecord &values,
                                                      std::int64_t caregiverId);
    // Replaces shortcut, title and body of record.id and bumps the version.
    // Returns nullopt, leaving the transaction usable, when the new shortcut is
    // taken. The caller holds the row lock.
    static std::optional<CannedResponseRecord> replace(pqxx::transaction_base &tx,
                                                       const CannedResponseRecord &values,
                                                       std::int64_t caregiverId);
    static void remove(pqxx::transaction_base &tx, std::int64_t id);
};

} // namespace caredesk::server
