#include "storage/AuditChain.h"

#include <pqxx/pqxx>
#include <sodium.h>

#include <fstream>
#include <stdexcept>
#include <sys/stat.h>

namespace caredesk::server {

namespace {

using Hash = std::array<unsigned char, crypto_auth_hmacsha256_BYTES>;

// Held for the sealing transaction: one sealer at a time, cluster-wide.
constexpr std::int64_t kSealLock = 0x4361726544657341; // "CareDesA"
// How far behind the newest seal a round looks for events that committed late.
constexpr std::int64_t kLookBackIds = 10'000;
constexpr std::size_t kVerifyPage = 10'000;
constexpr const char *kFingerprintText = "caredesk audit chain key";

// The event's fields as the chain hashes them. The time is whole microseconds
// and the detail jsonb's own text, so they read back exactly as stored.
constexpr const char *kEventFields =
    "e.id, (extract(epoch FROM e.occurred_at) * 1000000)::bigint, e.actor_kind, "
    "coalesce(e.actor_id::text, ''), e.action, e.subject_type, e.subject_id, "
    "e.client_address, e.detail::text";
constexpr int kFieldCount = 9;

void ensureSodium() {
    if (sodium_init() < 0)
        throw std::runtime_error("libsodium failed to initialize");
}

std::string toHex(const unsigned char *data, std::size_t size) {
    std::string hex(size * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), data, size);
    hex.pop_back();
    return hex;
}

template <std::size_t N>
bool fromHex(const std::string &hex, std::array<unsigned char, N> &out) {
    std::size_t length = 0;
    return hex.size() == 2 * N &&
           sodium_hex2bin(out.data(), out.size(), hex.data(), hex.size(), nullptr, &length,
                          nullptr) == 0 &&
           length == N;
}

// HMAC(key, previous || each field as "<length>:<bytes>").
Hash sealOf(const AuditChain::Key &key, const Hash &previous, const pqxx::row &row, int first) {
    crypto_auth_hmacsha256_state state;
    crypto_auth_hmacsha256_init(&state, key.data(), key.size());
    crypto_auth_hmacsha256_update(&state, previous.data(), previous.size());
    for (int field = first; field < first + kFieldCount; ++field) {
        const std::string value = row[field].c_str();
        const std::string length = std::to_string(value.size()) + ":";
        crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char *>(length.data()),
                                      length.size());
        crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char *>(value.data()),
                                      value.size());
    }
    Hash hash{};
    crypto_auth_hmacsha256_final(&state, hash.data());
    return hash;
}

} // namespace

AuditChain::AuditChain(const Key &key)
    : m_key(key) {
    ensureSodium();
}

AuditChain::Key AuditChain::randomKey() {
    ensureSodium();
    Key key{};
    randombytes_buf(key.data(), key.size());
    return key;
}

AuditChain::Key AuditChain::loadOrCreateKey(const std::filesystem::path &path) {
    ensureSodium();
    Key key{};
    if (std::ifstream in(path); in) {
        std::string hex;
        std::getline(in, hex);
        if (!fromHex(hex, key))
            throw std::runtime_error("the audit key file " + path.string() +
                                     " does not hold 64 hex digits");
        return key;
    }
    key = randomKey();
    if (!path.parent_path().empty())
        std::filesystem::create_directories(path.parent_path());
    const auto old = ::umask(077);
    std::ofstream out(path, std::ios::trunc);
    ::umask(old);
    out << toHex(key.data(), key.size()) << "\n";
    if (!out.flush())
        throw std::runtime_error("cannot write the audit key file " + path.string());
    std::filesystem::permissions(path, std::filesystem::perms::owner_read |
                                           std::filesystem::perms::owner_write);
    return key;
}

std::string AuditChain::fingerprint() const {
    Hash hash{};
    crypto_auth_hmacsha256(hash.data(), reinterpret_cast<const unsigned char *>(kFingerprintText),
                           std::char_traits<char>::length(kFingerprintText), m_key.data());
    return toHex(hash.data(), hash.size());
}

void AuditChain::checkKey(pqxx::transaction_base &tx, bool claim) const {
    const auto stored =
        tx.exec("SELECT encode(fingerprint, 'hex') FROM audit_chain_key");
    if (stored.empty()) {
        if (claim)
            tx.exec_params0("INSERT INTO audit_chain_key (fingerprint) VALUES (decode($1, 'hex')) "
                            "ON CONFLICT DO NOTHING",
                            fingerprint());
        return;
    }
    if (stored[0][0].c_str() != fingerprint())
        throw std::runtime_error("the audit trail is sealed with another key than this "
                                 "server's (--audit-key-file); every instance needs the same key");
}

std::size_t AuditChain::sealPending(pqxx::transaction_base &tx, std::size_t limit) const {
    if (!tx.exec_params1("SELECT pg_try_advisory_xact_lock($1)", kSealLock)[0].as<bool>())
        return 0;
    checkKey(tx, true);
    std::int64_t seq = 0;
    Hash previous{};
    const auto last =
        tx.exec("SELECT seq, encode(hash, 'hex'), event_id FROM audit_seals ORDER BY seq DESC "
                "LIMIT 1");
    std::int64_t newestEvent = 0;
    if (!last.empty()) {
        seq = last[0][0].as<std::int64_t>();
        if (!fromHex(last[0][1].c_str(), previous))
            throw std::runtime_error("audit seal " + std::to_string(seq) + " is unreadable");
        newestEvent = tx.exec1("SELECT coalesce(max(event_id), 0) FROM audit_seals")[0]
                          .as<std::int64_t>();
    }
    const auto pending = tx.exec_params(
        std::string("SELECT ") + kEventFields +
            " FROM audit_events e WHERE e.id > $1 AND NOT EXISTS ("
            "  SELECT 1 FROM audit_seals s WHERE s.event_id = e.id) "
            "ORDER BY e.id LIMIT $2",
        newestEvent - kLookBackIds, static_cast<std::int64_t>(limit));
    for (const auto &row : pending) {
        previous = sealOf(m_key, previous, row, 0);
        ++seq;
        tx.exec_params0("INSERT INTO audit_seals (seq, event_id, hash) "
                        "VALUES ($1, $2, decode($3, 'hex'))",
                        seq, row[0].as<std::int64_t>(), toHex(previous.data(), previous.size()));
    }
    return pending.size();
}

AuditChain::Verification AuditChain::verify(pqxx::transaction_base &tx) const {
    Verification result;
    const auto fail = [&result](std::int64_t seq, std::optional<std::int64_t> event,
                                std::string problem) {
        result.intact = false;
        result.brokenAtSeq = seq;
        result.eventId = event;
        result.problem = std::move(problem);
    };
    try {
        checkKey(tx, false);
    } catch (const std::runtime_error &e) {
        fail(0, std::nullopt, e.what());
        return result;
    }
    Hash previous{};
    std::int64_t expected = 1;
    for (;;) {
        const auto page = tx.exec_params(
            std::string("SELECT s.seq, encode(s.hash, 'hex'), s.event_id, e.id IS NOT NULL, ") +
                kEventFields +
                " FROM audit_seals s LEFT JOIN audit_events e ON e.id = s.event_id "
                "WHERE s.seq >= $1 ORDER BY s.seq LIMIT $2",
            expected, static_cast<std::int64_t>(kVerifyPage));
        for (const auto &row : page) {
            const auto seq = row[0].as<std::int64_t>();
            const auto event = row[2].as<std::int64_t>();
            if (seq != expected) {
                fail(expected, std::nullopt,
                     "seal " + std::to_string(expected) + " is missing: the chain was cut");
                return result;
            }
            if (!row[3].as<bool>()) {
                fail(seq, event, "audit event " + std::to_string(event) + " (seal " +
                                     std::to_string(seq) + ") was deleted");
                return result;
            }
            Hash stored{};
            const Hash computed = sealOf(m_key, previous, row, 4);
            if (!fromHex(row[1].c_str(), stored) ||
                sodium_memcmp(stored.data(), computed.data(), stored.size()) != 0) {
                fail(seq, event, "audit event " + std::to_string(event) + " (seal " +
                                     std::to_string(seq) + ") was changed after it was sealed");
                return result;
            }
            previous = stored;
            ++result.sealed;
            ++expected;
        }
        if (page.size() < kVerifyPage)
            break;
    }
    result.unsealed = tx.exec1("SELECT count(*) FROM audit_events e WHERE NOT EXISTS ("
                               "  SELECT 1 FROM audit_seals s WHERE s.event_id = e.id)")[0]
                          .as<std::int64_t>();
    return result;
}

} // namespace caredesk::server
