#include "security/SessionToken.h"

#include <sodium.h>

#include <stdexcept>
#include <vector>

namespace caredesk::server {

namespace {
std::string base64Url(const unsigned char *data, std::size_t size) {
    const std::size_t capacity =
        sodium_base64_encoded_len(size, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    std::string out(capacity, '\0');
    sodium_bin2base64(out.data(), capacity, data, size, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    out.resize(capacity - 1); // drop the terminating NUL
    return out;
}
} // namespace

SessionToken SessionToken::generate() {
    if (sodium_init() < 0)
        throw std::runtime_error("libsodium failed to initialize");
    unsigned char raw[32];
    randombytes_buf(raw, sizeof raw);
    SessionToken result;
    result.token = base64Url(raw, sizeof raw);
    result.hash = hashOf(result.token);
    sodium_memzero(raw, sizeof raw);
    return result;
}

SessionToken::Hash SessionToken::hashOf(std::string_view token) {
    Hash hash{};
    crypto_hash_sha256(hash.data(), reinterpret_cast<const unsigned char *>(token.data()),
                       token.size());
    return hash;
}

std::string SessionToken::randomSecret(std::size_t bytes) {
    if (sodium_init() < 0)
        throw std::runtime_error("libsodium failed to initialize");
    std::vector<unsigned char> raw(bytes);
    randombytes_buf(raw.data(), raw.size());
    return base64Url(raw.data(), raw.size());
}

} // namespace caredesk::server
