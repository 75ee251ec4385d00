#pragma once

#include <array>
#include <string>
#include <string_view>

namespace caredesk::server {

// A session token is 32 random bytes, given to the client base64url-encoded
// (43 characters). The server stores only SHA-256(token), so a database dump
// does not hand out live sessions.
struct SessionToken {
    using Hash = std::array<unsigned char, 32>;

    std::string token; // what the client holds
    Hash hash;         // what the database holds

    static SessionToken generate();
    // The hash of a token as presented by a client (any string; no validation needed).
    static Hash hashOf(std::string_view token);
    // Random printable secret of the given length (for generated demo passwords).
    static std::string randomSecret(std::size_t bytes);
};

} // namespace caredesk::server
