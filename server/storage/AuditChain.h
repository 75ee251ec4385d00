#pragma once

#include "storage/PqxxFwd.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace caredesk::server {

// The keyed hash chain over the audit trail (migration 0009). Each seal is
// HMAC-SHA-256(key, previous seal's hash || the event's fields, each
// length-prefixed); the first seal chains from 32 zero bytes. The key lives
// outside the database, so someone who can write to the tables cannot forge
// seals for what they changed.
//
// Events are sealed after they commit, by whichever instance holds the
// sealing lock, in id order within each round; an event that commits late is
// sealed in a later round. Rounds look back 10,000 ids behind the newest
// seal for such late events.
class AuditChain {
public:
    using Key = std::array<unsigned char, 32>;

    explicit AuditChain(const Key &key);

    // The key in `path` (64 hex digits); a new random one is written there
    // (readable by its owner only) when the file does not exist.
    static Key loadOrCreateKey(const std::filesystem::path &path);
    static Key randomKey();

    // Seals up to `limit` events not sealed yet; returns how many. Returns 0
    // without waiting when another transaction holds the sealing lock.
    // Throws std::runtime_error when the chain was started with another key.
    std::size_t sealPending(pqxx::transaction_base &tx, std::size_t limit = 5000) const;

    struct Verification {
        bool intact = true;
        std::int64_t sealed = 0;   // seals checked
        std::int64_t unsealed = 0; // events with no seal yet
        std::optional<std::int64_t> brokenAtSeq;
        std::optional<std::int64_t> eventId;
        std::string problem; // for the operator; empty when intact
    };
    // Walks the whole chain. Unsealed events are counted, not failures: the
    // newest ones wait for the next round.
    Verification verify(pqxx::transaction_base &tx) const;

private:
    std::string fingerprint() const;
    void checkKey(pqxx::transaction_base &tx, bool claim) const;

    Key m_key;
};

} // namespace caredesk::server
