#pragma once

// How repositories pass values PostgreSQL has no direct libpqxx 6 conversion
// for: token hashes as hex (decode($n, 'hex') in SQL), durations as
// interval text ($n::interval) and id lists as array literals ($n::bigint[]).

#include "security/SessionToken.h"

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace caredesk::server {

inline std::string hexParameter(const SessionToken::Hash &hash) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    out.reserve(hash.size() * 2);
    for (unsigned char b : hash) {
        out += kDigits[b >> 4];
        out += kDigits[b & 0x0f];
    }
    return out;
}

inline std::string bigintArray(const std::vector<std::int64_t> &values) {
    std::string literal = "{";
    for (const auto value : values) {
        if (literal.size() > 1)
            literal += ',';
        literal += std::to_string(value);
    }
    return literal + "}";
}

inline std::string intervalParameter(std::chrono::seconds duration) {
    return std::to_string(duration.count()) + " seconds";
}

} // namespace caredesk::server
