#pragma once

// Reading rules the codec's source files share (Messages.cpp, VisitMessages.cpp).
// Internal to caredesk_protocol: peers see only their effect on the wire.

#include "protocol/BodyReader.h"

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace caredesk::protocol::codec {

// Year 9999: far beyond any real time, small enough for every client language.
inline constexpr std::int64_t kMaxEpochMs = 253402300799999;
inline constexpr std::int64_t kMaxId = std::numeric_limits<std::int64_t>::max();
// Counts, positions and durations in seconds.
inline constexpr std::int64_t kMaxCount = std::numeric_limits<std::int64_t>::max();
// Text written for a person to read: error messages, refusals, notices.
inline constexpr std::size_t kMaxTextBytes = 2000;

// A time on the wire: milliseconds since the Unix epoch, UTC.
std::int64_t readTime(BodyReader &in, const char *field);
std::optional<std::int64_t> readOptionalTime(BodyReader &in, const char *field);

// A required string that must be one of names (an enumeration sent by name);
// out_of_range otherwise, with the message listing the names. "" on failure.
std::string readName(BodyReader &in, const char *field, std::span<const std::string_view> names);

} // namespace caredesk::protocol::codec
