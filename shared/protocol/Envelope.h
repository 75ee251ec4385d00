#pragma once

#include "protocol/MessageType.h"
#include "protocol/Result.h"

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace caredesk::protocol {

// Protocol version spoken by this build. A peer says which versions it speaks
// in "hello"; the server answers with the one it picked or unsupported_version.
inline constexpr int kProtocolVersion = 1;
inline constexpr int kMinProtocolVersion = 1;

// Largest text frame the server accepts. Larger frames get too_large.
inline constexpr std::size_t kMaxMessageBytes = 64 * 1024;
// Largest frame a client accepts from the server: replies such as caregiver_list
// carry up to kMaxListItems entries and do not fit in kMaxMessageBytes.
inline constexpr std::size_t kMaxServerMessageBytes = 8 * 1024 * 1024;
// Deepest nesting of arrays and objects a frame may have; deeper frames are
// refused before parsing (too_large), so no input can exhaust the stack.
inline constexpr std::size_t kMaxNestingDepth = 64;
// Request ids: 1..64 printable ASCII characters (0x20..0x7E), chosen by the client.
inline constexpr std::size_t kMaxRequestIdBytes = 64;

// One WebSocket text frame:
//   {"type": "login", "id": "r17", "body": {...}}     request (id optional)
//   {"type": "session", "id": "r17", "body": {...}}   reply: same id
//   {"type": "queue_delta", "seq": 42, "body": {...}} push: per-stream sequence
struct Envelope {
    MessageType type = MessageType::Error;
    std::string id;                   // "" when the frame carries no id
    std::optional<std::uint64_t> seq; // server pushes only
    nlohmann::json body = nlohmann::json::object();
};

// Parses and validates the envelope only (not the body). Never throws. When the
// frame is rejected but a valid request id could still be read, it is stored in
// *idOut so the error reply can carry it (*idOut is "" otherwise). Errors:
// too_large (size or nesting), invalid_json, invalid_envelope (field "type",
// "id", "seq" or "body", or "" when the frame is not an object), unknown_type.
Result<Envelope> decodeEnvelope(std::string_view text, std::size_t maxBytes = kMaxMessageBytes,
                                std::string *idOut = nullptr);

// Never throws: invalid UTF-8 in the body is replaced by U+FFFD.
std::string encodeEnvelope(MessageType type, const nlohmann::json &body, std::string_view id = {},
                           std::optional<std::uint64_t> seq = {});

} // namespace caredesk::protocol
