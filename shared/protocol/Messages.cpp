#include "protocol/Messages.h"

#include "protocol/CodecSupport.h"

#include <array>

namespace caredesk::protocol {

namespace {

using codec::kMaxId;
using codec::readTime;
using codec::writeOptional;

constexpr std::size_t kMaxErrorFieldBytes = 512;
constexpr std::int64_t kMaxRetryAfterSeconds = 7 * 24 * 3600;

struct ClientKindEntry {
    ClientKind kind;
    std::string_view name;
};

constexpr std::array<ClientKindEntry, 3> kClientKinds{{
    {ClientKind::Console, "console"},
    {ClientKind::Web, "web"},
    {ClientKind::Tool, "tool"},
}};

int readProtocolVersion(BodyReader &in, const char *field) {
    return static_cast<int>(in.integer(field, kMinProtocolVersion, kMaxProtocolVersionNumber));
}

void writeCaregiver(nlohmann::json &out, const CaregiverSummary &caregiver) {
    out["id"] = caregiver.id;
    out["username"] = caregiver.username;
    out["displayName"] = caregiver.displayName;
    out["roles"] = caregiver.roles.names();
    out["active"] = caregiver.active;
}

void readCaregiver(BodyReader &in, CaregiverSummary &caregiver) {
    caregiver.id = in.integer("id", 1, kMaxId);
    caregiver.username = in.string("username", 1, kMaxUsernameBytes);
    caregiver.displayName = in.string("displayName", 1, kMaxDisplayNameBytes);
    caregiver.roles = codec::readRoles(in, "roles");
    caregiver.active = in.boolean("active");
}

} // namespace

std::string_view clientKindName(ClientKind kind) {
    for (const auto &entry : kClientKinds) {
        if (entry.kind == kind)
            return entry.name;
    }
    return {};
}

std::optional<ClientKind> clientKindFromName(std::string_view name) {
    for (const auto &entry : kClientKinds) {
        if (entry.name == name)
            return entry.kind;
    }
    return std::nullopt;
}

// --- handshake -------------------------------------------------------------

void toJson(nlohmann::json &out, const Hello &message) {
    out["minProtocol"] = message.minProtocol;
    out["maxProtocol"] = message.maxProtocol;
    out["client"] = clientKindName(message.client);
    out["clientVersion"] = message.clientVersion;
}

void fromJson(BodyReader &in, Hello &message) {
    message.minProtocol = readProtocolVersion(in, "minProtocol");
    message.maxProtocol = readProtocolVersion(in, "maxProtocol");
    const auto client = in.string("client", 1, 32);
    message.clientVersion = in.string("clientVersion", 0, kMaxVersionStringBytes);
    if (in.failed())
        return;
    if (message.minProtocol > message.maxProtocol) {
        in.fail(ErrorCode::OutOfRange, "minProtocol", "must not be greater than maxProtocol");
        return;
    }
    if (const auto kind = clientKindFromName(client))
        message.client = *kind;
    else
        in.fail(ErrorCode::OutOfRange, "client", "is not one of \"console\", \"web\", \"tool\"");
}

void toJson(nlohmann::json &out, const Welcome &message) {
    out["protocol"] = message.protocol;
    out["serverVersion"] = message.serverVersion;
    out["maxMessageBytes"] = message.maxMessageBytes;
    out["serverTime"] = message.serverTime;
}

void fromJson(BodyReader &in, Welcome &message) {
    message.protocol = readProtocolVersion(in, "protocol");
    message.serverVersion = in.string("serverVersion", 0, kMaxVersionStringBytes);
    message.maxMessageBytes = in.integer("maxMessageBytes", 1024, std::int64_t{1} << 32);
    message.serverTime = readTime(in, "serverTime");
}

// --- generic replies --------------------------------------------------------

void toJson(nlohmann::json &out, const Error &message) {
    out["code"] = errorCodeName(message.code);
    out["message"] = message.message;
    if (!message.field.empty())
        out["field"] = message.field;
    if (message.retryAfterSeconds)
        out["retryAfterSeconds"] = *message.retryAfterSeconds;
}

void fromJson(BodyReader &in, Error &message) {
    const auto code = in.string("code", 1, 64);
    message.message = in.string("message", 0, codec::kMaxTextBytes);
    message.field = in.optionalString("field", 0, kMaxErrorFieldBytes).value_or(std::string{});
    message.retryAfterSeconds = in.optionalInteger("retryAfterSeconds", 0, kMaxRetryAfterSeconds);
    if (in.failed())
        return;
    if (const auto known = errorCodeFromName(code))
        message.code = *known;
    else
        in.fail(ErrorCode::OutOfRange, "code", "is not a known error code");
}

void toJson(nlohmann::json &, const Ok &) {}

void fromJson(BodyReader &, Ok &) {}

// --- accounts and sessions ---------------------------------------------------

void toJson(nlohmann::json &out, const Login &message) {
    out["username"] = message.username;
    out["password"] = message.password;
}

void fromJson(BodyReader &in, Login &message) {
    message.username = in.string("username", 1, kMaxUsernameBytes);
    message.password = in.string("password", 1, kMaxPasswordBytes);
}

void toJson(nlohmann::json &out, const Resume &message) {
    out["token"] = message.token;
}

void fromJson(BodyReader &in, Resume &message) {
    message.token = in.string("token", kMinTokenBytes, kMaxTokenBytes);
}

void toJson(nlohmann::json &out, const SessionStarted &message) {
    if (message.token)
        out["token"] = *message.token;
    writeCaregiver(out["user"], message.user);
    out["idleExpiresAt"] = message.idleExpiresAt;
    out["absoluteExpiresAt"] = message.absoluteExpiresAt;
}

void fromJson(BodyReader &in, SessionStarted &message) {
    message.token = in.optionalString("token", kMinTokenBytes, kMaxTokenBytes);
    in.object("user", [&message](BodyReader &user) { readCaregiver(user, message.user); });
    message.idleExpiresAt = readTime(in, "idleExpiresAt");
    message.absoluteExpiresAt = readTime(in, "absoluteExpiresAt");
}

void toJson(nlohmann::json &, const Logout &) {}

void fromJson(BodyReader &, Logout &) {}

void toJson(nlohmann::json &out, const ChangePassword &message) {
    out["currentPassword"] = message.currentPassword;
    out["newPassword"] = message.newPassword;
}

void fromJson(BodyReader &in, ChangePassword &message) {
    message.currentPassword = in.string("currentPassword", 1, kMaxPasswordBytes);
    message.newPassword = in.string("newPassword", 1, kMaxPasswordBytes);
}

// --- administration ----------------------------------------------------------

void toJson(nlohmann::json &out, const ListCaregivers &message) {
    out["includeInactive"] = message.includeInactive;
}

void fromJson(BodyReader &in, ListCaregivers &message) {
    message.includeInactive = in.boolean("includeInactive");
}

// --- dispatch -----------------------------------------------------------------

std::optional<Error> validateBody(MessageType type, const nlohmann::json &body) {
    switch (type) {
#define CAREDESK_X(enumerator, name)                                                               \
    case MessageType::enumerator: {                                                                \
        auto decoded = decodeBody<enumerator>(body);                                               \
        if (!decoded)                                                                              \
            return decoded.error();                                                                \
        return std::nullopt;                                                                       \
    }
        CAREDESK_MESSAGE_TYPES(CAREDESK_X)
#undef CAREDESK_X
    }
    return Error{ErrorCode::UnknownType, "unknown message type", "type", std::nullopt};
}

// --- audit trail ------------------------------------------------------------------

namespace {

constexpr std::array<std::string_view, 3> kAuditActorKinds{"caregiver", "patient", "system"};

void writeAuditEntry(nlohmann::json &out, const AuditEntry &entry) {
    out["id"] = entry.id;
    out["at"] = entry.at;
    out["actorKind"] = entry.actorKind;
    writeOptional(out, "actorId", entry.actorId);
    writeOptional(out, "actorName", entry.actorName);
    out["action"] = entry.action;
    out["subjectType"] = entry.subjectType;
    out["subjectId"] = entry.subjectId;
    out["clientAddress"] = entry.clientAddress;
    out["detail"] = entry.detail;
    out["sealed"] = entry.sealed;
}

void readAuditEntry(BodyReader &in, AuditEntry &entry) {
    entry.id = in.integer("id", 1, kMaxId);
    entry.at = readTime(in, "at");
    entry.actorKind = codec::readName(in, "actorKind", kAuditActorKinds);
    entry.actorId = in.optionalInteger("actorId", 1, kMaxId);
    entry.actorName = in.optionalString("actorName", 1, kMaxDisplayNameBytes);
    entry.action = in.string("action", 1, kMaxAuditActionBytes);
    entry.subjectType = in.string("subjectType", 0, kMaxAuditSubjectBytes);
    entry.subjectId = in.string("subjectId", 0, kMaxAuditSubjectBytes);
    entry.clientAddress = in.string("clientAddress", 0, kMaxAuditSubjectBytes);
    entry.detail = in.string("detail", 2, kMaxAuditDetailBytes);
    entry.sealed = in.boolean("sealed");
}

} // namespace

void toJson(nlohmann::json &out, const ListAuditEvents &message) {
    writeOptional(out, "actorId", message.actorId);
    writeOptional(out, "action", message.action);
    writeOptional(out, "subjectType", message.subjectType);
    writeOptional(out, "subjectId", message.subjectId);
    writeOptional(out, "from", message.from);
    writeOptional(out, "to", message.to);
    writeOptional(out, "beforeId", message.beforeId);
    out["limit"] = message.limit;
}

void fromJson(BodyReader &in, ListAuditEvents &message) {
    message.actorId = in.optionalInteger("actorId", 1, kMaxId);
    message.action = in.optionalString("action", 1, kMaxAuditActionBytes);
    message.subjectType = in.optionalString("subjectType", 1, kMaxAuditSubjectBytes);
    message.subjectId = in.optionalString("subjectId", 1, kMaxAuditSubjectBytes);
    message.from = codec::readOptionalTime(in, "from");
    message.to = codec::readOptionalTime(in, "to");
    message.beforeId = in.optionalInteger("beforeId", 1, kMaxId);
    message.limit = in.integer("limit", 1, kMaxAuditPage);
}

void toJson(nlohmann::json &out, const AuditEvents &message) {
    auto &events = out["events"] = nlohmann::json::array();
    for (const auto &entry : message.events)
        writeAuditEntry(events.emplace_back(nlohmann::json::object()), entry);
    out["more"] = message.more;
}

void fromJson(BodyReader &in, AuditEvents &message) {
    in.objectArray("events", static_cast<std::size_t>(kMaxAuditPage),
                   [&message](BodyReader &item) { readAuditEntry(item, message.events.emplace_back()); });
    message.more = in.boolean("more");
}

} // namespace caredesk::protocol
