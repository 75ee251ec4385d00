#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace caredesk::server {

// argon2id password hashes in libsodium's self-describing string form
// ("$argon2id$v=19$m=...,t=...,p=1$salt$hash"), so the cost parameters travel
// with each hash and can be raised without invalidating old ones: needsRehash()
// tells the login path to store a fresh hash with today's parameters.
class PasswordHasher {
public:
    struct Cost {
        std::uint64_t opsLimit;
        std::size_t memLimitBytes;
    };
    // libsodium's "interactive" preset: 2 passes over 64 MiB.
    static Cost interactiveCost();
    // The smallest cost libsodium allows; for tests only.
    static Cost minimumCost();

    explicit PasswordHasher(Cost cost);

    // Throws std::runtime_error if the hash cannot be computed (out of memory).
    std::string hash(std::string_view password) const;
    bool verify(const std::string &storedHash, std::string_view password) const;
    bool needsRehash(const std::string &storedHash) const;
    // Spends the same effort as verify() against a real hash; used when the user
    // does not exist so that timing does not reveal it.
    void verifyDummy(std::string_view password) const;

private:
    Cost m_cost;
    std::string m_dummyHash;
};

} // namespace caredesk::server
