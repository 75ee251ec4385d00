#pragma once

// Message bodies: plain structs, one per entry of MessageTypes.h, each with a
// free toJson() and fromJson(). Limits here are protocol limits (what a frame
// may carry); business rules (password policy, who may do what) live in the
// server.

#include "domain/Role.h"
#include "protocol/AccountMessages.h"
#include "protocol/BodyReader.h"
#include "protocol/Envelope.h"
#include "protocol/ChatMessages.h"
#include "protocol/StateSettingsMessages.h"
#include "protocol/VisitMessages.h"

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace caredesk::protocol {

inline constexpr std::size_t kMaxUsernameBytes = 128;
inline constexpr std::size_t kMaxPasswordBytes = 1024;
inline constexpr std::size_t kMaxDisplayNameBytes = 200;
inline constexpr std::size_t kMinTokenBytes = 16;
inline constexpr std::size_t kMaxTokenBytes = 128;
inline constexpr std::size_t kMaxVersionStringBytes = 100;
inline constexpr int kMaxProtocolVersionNumber = 1000;
inline constexpr std::size_t kMaxListItems = 5000;

// Times on the wire are milliseconds since the Unix epoch, UTC (EpochMs).

// --- handshake -------------------------------------------------------------

enum class ClientKind { Console, Web, Tool };

std::string_view clientKindName(ClientKind kind); // "console", "web", "tool"
std::optional<ClientKind> clientKindFromName(std::string_view name);

struct Hello {
    static constexpr MessageType kType = MessageType::Hello;
    int minProtocol = kMinProtocolVersion; // lowest version the client speaks
    int maxProtocol = kProtocolVersion;    // highest version the client speaks
    ClientKind client = ClientKind::Console;
    std::string clientVersion; // e.g. "caredesk-console 0.1.0"
    bool operator==(const Hello &) const = default;
};

struct Welcome {
    static constexpr MessageType kType = MessageType::Welcome;
    int protocol = kProtocolVersion; // the version both sides now speak
    std::string serverVersion;
    std::int64_t maxMessageBytes = static_cast<std::int64_t>(kMaxMessageBytes);
    EpochMs serverTime = 0;
    bool operator==(const Welcome &) const = default;
};

// --- generic replies --------------------------------------------------------

// Error is declared in Result.h: {code, message, field?, retryAfterSeconds?}.

struct Ok {
    static constexpr MessageType kType = MessageType::Ok;
    bool operator==(const Ok &) const = default;
};

// --- accounts and sessions ---------------------------------------------------

struct CaregiverSummary {
    std::int64_t id = 0;
    std::string username;
    std::string displayName;
    domain::RoleSet roles;
    bool active = true;
    bool operator==(const CaregiverSummary &) const = default;
};

struct Login {
    static constexpr MessageType kType = MessageType::Login;
    std::string username;
    std::string password;
    bool operator==(const Login &) const = default;
};

struct Resume {
    static constexpr MessageType kType = MessageType::Resume;
    std::string token;
    bool operator==(const Resume &) const = default;
};

struct SessionStarted {
    static constexpr MessageType kType = MessageType::SessionStarted;
    std::optional<std::string> token; // only in the reply to login; resume keeps its token
    CaregiverSummary user;
    EpochMs idleExpiresAt = 0;     // extended by activity
    EpochMs absoluteExpiresAt = 0; // never extended; log in again after it
    bool operator==(const SessionStarted &) const = default;
};

struct Logout {
    static constexpr MessageType kType = MessageType::Logout;
    bool operator==(const Logout &) const = default;
};

struct ChangePassword {
    static constexpr MessageType kType = MessageType::ChangePassword;
    std::string currentPassword;
    std::string newPassword;
    bool operator==(const ChangePassword &) const = default;
};

// --- administration ----------------------------------------------------------

struct ListCaregivers {
    static constexpr MessageType kType = MessageType::ListCaregivers;
    bool includeInactive = false;
    bool operator==(const ListCaregivers &) const = default;
};

struct CaregiverList {
    static constexpr MessageType kType = MessageType::CaregiverList;
    std::vector<CaregiverAccount> caregivers; // by name; after a change, the one changed
    bool operator==(const CaregiverList &) const = default;
};

// --- audit trail ------------------------------------------------------------------

// A page holds at most this many audit events.
inline constexpr std::int64_t kMaxAuditPage = 500;
inline constexpr std::size_t kMaxAuditActionBytes = 64;
inline constexpr std::size_t kMaxAuditSubjectBytes = 64;
// The detail of an event, as JSON text.
inline constexpr std::size_t kMaxAuditDetailBytes = 16000;

// One audit event: who did what to which subject, when, from where.
struct AuditEntry {
    std::int64_t id = 0;
    EpochMs at = 0;
    std::string actorKind; // "caregiver" | "patient" | "system"
    std::optional<std::int64_t> actorId;
    std::optional<std::string> actorName; // a caregiver's display name
    std::string action;                   // e.g. "chat.read"
    std::string subjectType;              // e.g. "visit"; may be empty
    std::string subjectId;
    std::string clientAddress;
    std::string detail;  // a JSON object, as text
    bool sealed = false; // chained into the tamper-evident seals yet
    bool operator==(const AuditEntry &) const = default;
};

// admin: audit events matching every filter given, newest first. `action`
// matches a prefix ("chat." finds every chat event); `from` and `to` bound the
// time (from inclusive, to exclusive); `beforeId` pages on (the last id read).
// Reply: audit_events. The listing is itself audited.
struct ListAuditEvents {
    static constexpr MessageType kType = MessageType::ListAuditEvents;
    std::optional<std::int64_t> actorId;
    std::optional<std::string> action;
    std::optional<std::string> subjectType;
    std::optional<std::string> subjectId;
    std::optional<EpochMs> from;
    std::optional<EpochMs> to;
    std::optional<std::int64_t> beforeId;
    std::int64_t limit = 100; // 1..500
    bool operator==(const ListAuditEvents &) const = default;
};

struct AuditEvents {
    static constexpr MessageType kType = MessageType::AuditEvents;
    std::vector<AuditEntry> events; // newest first
    bool more = false;              // older matching events exist
    bool operator==(const AuditEvents &) const = default;
};

// --- codec --------------------------------------------------------------------

#define CAREDESK_X(enumerator, name)                                                               \
    void toJson(nlohmann::json &out, const enumerator &message);                                   \
    void fromJson(BodyReader &in, enumerator &message);
CAREDESK_MESSAGE_TYPES(CAREDESK_X)
#undef CAREDESK_X

// Error has no kType member (it lives in Result.h); these give it one.
template <class T>
inline constexpr MessageType messageTypeOf = T::kType;
template <>
inline constexpr MessageType messageTypeOf<Error> = MessageType::Error;

// A whole frame for one message.
template <class T>
std::string encode(const T &message, std::string_view id = {},
                   std::optional<std::uint64_t> seq = {}) {
    nlohmann::json body = nlohmann::json::object();
    toJson(body, message);
    return encodeEnvelope(messageTypeOf<T>, body, id, seq);
}

// The body of an envelope whose type is already known to be T's.
template <class T>
Result<T> decodeBody(const nlohmann::json &body) {
    BodyReader reader(body, "body");
    T message{};
    fromJson(reader, message);
    if (reader.failed())
        return Result<T>::failure(reader.error());
    return message;
}

// Decodes body as the struct of the given type and returns why it is invalid,
// or nullopt when it is a valid body of that type.
std::optional<Error> validateBody(MessageType type, const nlohmann::json &body);

} // namespace caredesk::protocol
