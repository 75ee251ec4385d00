// Codec of the chat and canned response messages declared in ChatMessages.h.

#include "protocol/CodecSupport.h"
#include "protocol/Messages.h"

#include <algorithm>
#include <array>
#include <string_view>

namespace caredesk::protocol {

namespace {

using codec::kMaxCount;
using codec::kMaxId;
using codec::kVisitStatusNames;
using codec::readArray;
using codec::readName;
using codec::readOptionalTime;
using codec::readStateCode;
using codec::readTime;
using codec::writeArray;
using codec::writeOptional;

constexpr std::array<std::string_view, 3> kEntryKindNames{"text", "note", "system"};
constexpr std::array<std::string_view, 2> kSendKindNames{"text", "note"};
constexpr std::array<std::string_view, 3> kSenderNames{"patient", "caregiver", "system"};
constexpr std::array<std::string_view, 2> kTypistNames{"patient", "caregiver"};
// "First Last": two names of kMaxNameBytes and the space between them.
constexpr std::size_t kMaxPatientNameBytes = 2 * kMaxNameBytes + 1;

bool isIdCharacter(char c, bool upperCaseAllowed) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
           (upperCaseAllowed && c >= 'A' && c <= 'Z');
}

// Letters, digits, '-' and '_' (lower case only for shortcuts): safe in logs,
// file names and URLs, and what a UUID is made of.
std::string readToken(BodyReader &in, const char *field, std::size_t minBytes, std::size_t maxBytes,
                      bool upperCaseAllowed, const char *rule) {
    auto text = in.string(field, minBytes, maxBytes);
    if (in.failed())
        return {};
    if (!std::all_of(text.begin(), text.end(),
                     [upperCaseAllowed](char c) { return isIdCharacter(c, upperCaseAllowed); })) {
        in.fail(ErrorCode::OutOfRange, field, rule);
        return {};
    }
    return text;
}

std::string readClientMessageId(BodyReader &in, const char *field, std::size_t minBytes) {
    return readToken(in, field, minBytes, kMaxClientMessageIdBytes, true,
                     "must be 1 to 64 letters, digits, '-' or '_'");
}

// An enumeration sent by name that may be absent.
std::optional<std::string> readOptionalName(BodyReader &in, const char *field,
                                            std::span<const std::string_view> names) {
    if (!in.optionalString(field, 0, kMaxNameBytes) || in.failed())
        return std::nullopt;
    return readName(in, field, names);
}

std::int64_t readLimit(BodyReader &in) {
    return in.integer("limit", 1, kMaxChatPage);
}

void writeEntry(nlohmann::json &out, const ChatEntry &entry) {
    out["seq"] = entry.seq;
    out["clientMessageId"] = entry.clientMessageId;
    out["kind"] = entry.kind;
    out["sender"] = entry.sender;
    writeOptional(out, "senderId", entry.senderId);
    writeOptional(out, "senderName", entry.senderName);
    out["body"] = entry.body;
    out["sentAt"] = entry.sentAt;
}

void readEntry(BodyReader &in, ChatEntry &entry) {
    entry.seq = in.integer("seq", 1, kMaxCount);
    entry.clientMessageId = readClientMessageId(in, "clientMessageId", 0);
    entry.kind = readName(in, "kind", kEntryKindNames);
    entry.sender = readName(in, "sender", kSenderNames);
    entry.senderId = in.optionalInteger("senderId", 1, kMaxId);
    entry.senderName = in.optionalString("senderName", 1, kMaxDisplayNameBytes);
    entry.body = in.string("body", 1, kMaxChatBodyBytes);
    entry.sentAt = readTime(in, "sentAt");
}

void writeThread(nlohmann::json &out, const ChatThreadSummary &thread) {
    out["visitId"] = thread.visitId;
    out["state"] = thread.state;
    out["visitStatus"] = thread.visitStatus;
    out["patientName"] = thread.patientName;
    out["requestedAt"] = thread.requestedAt;
    writeOptional(out, "ownerId", thread.ownerId);
    writeOptional(out, "ownerName", thread.ownerName);
    out["lastSeq"] = thread.lastSeq;
    writeOptional(out, "lastMessageAt", thread.lastMessageAt);
    writeOptional(out, "lastSender", thread.lastSender);
    writeOptional(out, "preview", thread.preview);
    out["unread"] = thread.unread;
    out["patientReadSeq"] = thread.patientReadSeq;
}

void readThread(BodyReader &in, ChatThreadSummary &thread) {
    thread.visitId = in.integer("visitId", 1, kMaxId);
    thread.state = readStateCode(in, "state");
    thread.visitStatus = readName(in, "visitStatus", kVisitStatusNames);
    thread.patientName = in.string("patientName", 1, kMaxPatientNameBytes);
    thread.requestedAt = readTime(in, "requestedAt");
    thread.ownerId = in.optionalInteger("ownerId", 1, kMaxId);
    thread.ownerName = in.optionalString("ownerName", 1, kMaxDisplayNameBytes);
    thread.lastSeq = in.integer("lastSeq", 0, kMaxCount);
    thread.lastMessageAt = readOptionalTime(in, "lastMessageAt");
    thread.lastSender = readOptionalName(in, "lastSender", kSenderNames);
    thread.preview = in.optionalString("preview", 0, kMaxChatPreviewBytes);
    thread.unread = in.integer("unread", 0, kMaxCount);
    thread.patientReadSeq = in.integer("patientReadSeq", 0, kMaxCount);
}

void writeStaffMember(nlohmann::json &out, const ChatStaffMember &member) {
    out["id"] = member.id;
    out["displayName"] = member.displayName;
    out["online"] = member.online;
    out["threads"] = member.threads;
}

void readStaffMember(BodyReader &in, ChatStaffMember &member) {
    member.id = in.integer("id", 1, kMaxId);
    member.displayName = in.string("displayName", 1, kMaxDisplayNameBytes);
    member.online = in.boolean("online");
    member.threads = in.integer("threads", 0, kMaxCount);
}

std::string readShortcut(BodyReader &in) {
    return readToken(in, "shortcut", 1, kMaxCannedShortcutBytes, false,
                     "must be 1 to 32 lower-case letters, digits, '-' or '_'");
}

void writeCanned(nlohmann::json &out, const CannedResponse &response) {
    out["id"] = response.id;
    out["shortcut"] = response.shortcut;
    out["title"] = response.title;
    out["body"] = response.body;
    out["version"] = response.version;
}

void readCanned(BodyReader &in, CannedResponse &response) {
    response.id = in.integer("id", 1, kMaxId);
    response.shortcut = readShortcut(in);
    response.title = in.string("title", 1, kMaxCannedTitleBytes);
    response.body = in.string("body", 1, kMaxChatBodyBytes);
    response.version = in.integer("version", 1, kMaxCount);
}

} // namespace

void toJson(nlohmann::json &, const ChatSubscribe &) {}

void fromJson(BodyReader &, ChatSubscribe &) {}

void toJson(nlohmann::json &out, const ChatThreads &message) {
    writeArray(out, "threads", message.threads, writeThread);
}

void fromJson(BodyReader &in, ChatThreads &message) {
    readArray(in, "threads", kMaxChatThreads, message.threads, readThread);
}

void toJson(nlohmann::json &out, const ChatThreadsDelta &message) {
    writeArray(out, "threads", message.threads, writeThread);
    out["removedVisitIds"] = message.removedVisitIds;
}

void fromJson(BodyReader &in, ChatThreadsDelta &message) {
    readArray(in, "threads", kMaxChatThreads, message.threads, readThread);
    message.removedVisitIds = in.integerArray("removedVisitIds", kMaxChatThreads, 1, kMaxId);
}

void toJson(nlohmann::json &out, const ChatOpen &message) {
    out["visitId"] = message.visitId;
    out["limit"] = message.limit;
}

void fromJson(BodyReader &in, ChatOpen &message) {
    message.visitId = in.integer("visitId", 1, kMaxId);
    message.limit = readLimit(in);
}

void toJson(nlohmann::json &out, const ChatClose &message) {
    out["visitId"] = message.visitId;
}

void fromJson(BodyReader &in, ChatClose &message) {
    message.visitId = in.integer("visitId", 1, kMaxId);
}

void toJson(nlohmann::json &out, const ChatPage &message) {
    out["visitId"] = message.visitId;
    out["afterSeq"] = message.afterSeq;
    writeOptional(out, "beforeSeq", message.beforeSeq);
    out["limit"] = message.limit;
}

void fromJson(BodyReader &in, ChatPage &message) {
    message.visitId = in.integer("visitId", 1, kMaxId);
    message.afterSeq = in.integer("afterSeq", 0, kMaxCount);
    message.beforeSeq = in.optionalInteger("beforeSeq", 1, kMaxCount);
    message.limit = readLimit(in);
}

void toJson(nlohmann::json &out, const ChatHistory &message) {
    out["visitId"] = message.visitId;
    writeArray(out, "messages", message.messages, writeEntry);
    out["more"] = message.more;
    out["lastSeq"] = message.lastSeq;
    out["readOnly"] = message.readOnly;
    out["patientReadSeq"] = message.patientReadSeq;
    out["staffReadSeq"] = message.staffReadSeq;
}

void fromJson(BodyReader &in, ChatHistory &message) {
    message.visitId = in.integer("visitId", 1, kMaxId);
    readArray(in, "messages", static_cast<std::size_t>(kMaxChatPage), message.messages, readEntry);
    message.more = in.boolean("more");
    message.lastSeq = in.integer("lastSeq", 0, kMaxCount);
    message.readOnly = in.boolean("readOnly");
    message.patientReadSeq = in.integer("patientReadSeq", 0, kMaxCount);
    message.staffReadSeq = in.integer("staffReadSeq", 0, kMaxCount);
}

void toJson(nlohmann::json &out, const ChatSend &message) {
    out["visitId"] = message.visitId;
    out["clientMessageId"] = message.clientMessageId;
    out["kind"] = message.kind;
    out["body"] = message.body;
}

void fromJson(BodyReader &in, ChatSend &message) {
    message.visitId = in.integer("visitId", 1, kMaxId);
    message.clientMessageId = readClientMessageId(in, "clientMessageId", 1);
    message.kind = readName(in, "kind", kSendKindNames);
    message.body = in.string("body", 1, kMaxChatBodyBytes);
}

void toJson(nlohmann::json &out, const ChatAck &message) {
    out["visitId"] = message.visitId;
    out["clientMessageId"] = message.clientMessageId;
    out["seq"] = message.seq;
    out["sentAt"] = message.sentAt;
}

void fromJson(BodyReader &in, ChatAck &message) {
    message.visitId = in.integer("visitId", 1, kMaxId);
    message.clientMessageId = readClientMessageId(in, "clientMessageId", 1);
    message.seq = in.integer("seq", 1, kMaxCount);
    message.sentAt = readTime(in, "sentAt");
}

void toJson(nlohmann::json &out, const ChatMessage &message) {
    out["visitId"] = message.visitId;
    writeEntry(out["message"] = nlohmann::json::object(), message.message);
}

void fromJson(BodyReader &in, ChatMessage &message) {
    message.visitId = in.integer("visitId", 1, kMaxId);
    in.object("message", [&message](BodyReader &entry) { readEntry(entry, message.message); });
}

void toJson(nlohmann::json &out, const ChatTyping &message) {
    out["visitId"] = message.visitId;
    writeOptional(out, "from", message.from);
    writeOptional(out, "name", message.name);
}

void fromJson(BodyReader &in, ChatTyping &message) {
    message.visitId = in.integer("visitId", 1, kMaxId);
    message.from = readOptionalName(in, "from", kTypistNames);
    message.name = in.optionalString("name", 1, kMaxDisplayNameBytes);
}

void toJson(nlohmann::json &out, const ChatRead &message) {
    out["visitId"] = message.visitId;
    out["seq"] = message.seq;
}

void fromJson(BodyReader &in, ChatRead &message) {
    message.visitId = in.integer("visitId", 1, kMaxId);
    message.seq = in.integer("seq", 0, kMaxCount);
}

void toJson(nlohmann::json &out, const ChatReadUpdate &message) {
    out["visitId"] = message.visitId;
    out["patientReadSeq"] = message.patientReadSeq;
    out["staffReadSeq"] = message.staffReadSeq;
}

void fromJson(BodyReader &in, ChatReadUpdate &message) {
    message.visitId = in.integer("visitId", 1, kMaxId);
    message.patientReadSeq = in.integer("patientReadSeq", 0, kMaxCount);
    message.staffReadSeq = in.integer("staffReadSeq", 0, kMaxCount);
}

void toJson(nlohmann::json &out, const ChatClaim &message) {
    out["visitId"] = message.visitId;
}

void fromJson(BodyReader &in, ChatClaim &message) {
    message.visitId = in.integer("visitId", 1, kMaxId);
}

void toJson(nlohmann::json &out, const ChatTransfer &message) {
    out["visitId"] = message.visitId;
    writeOptional(out, "expectedOwnerId", message.expectedOwnerId);
    writeOptional(out, "toCaregiverId", message.toCaregiverId);
}

void fromJson(BodyReader &in, ChatTransfer &message) {
    message.visitId = in.integer("visitId", 1, kMaxId);
    message.expectedOwnerId = in.optionalInteger("expectedOwnerId", 1, kMaxId);
    message.toCaregiverId = in.optionalInteger("toCaregiverId", 1, kMaxId);
}

void toJson(nlohmann::json &, const ListChatStaff &) {}

void fromJson(BodyReader &, ListChatStaff &) {}

void toJson(nlohmann::json &out, const ChatStaffList &message) {
    writeArray(out, "staff", message.staff, writeStaffMember);
}

void fromJson(BodyReader &in, ChatStaffList &message) {
    readArray(in, "staff", kMaxListItems, message.staff, readStaffMember);
}

void toJson(nlohmann::json &, const ListCannedResponses &) {}

void fromJson(BodyReader &, ListCannedResponses &) {}

void toJson(nlohmann::json &out, const CannedResponses &message) {
    writeArray(out, "responses", message.responses, writeCanned);
}

void fromJson(BodyReader &in, CannedResponses &message) {
    readArray(in, "responses", kMaxListItems, message.responses, readCanned);
}

void toJson(nlohmann::json &out, const SaveCannedResponse &message) {
    writeOptional(out, "id", message.id);
    out["expectedVersion"] = message.expectedVersion;
    out["shortcut"] = message.shortcut;
    out["title"] = message.title;
    out["body"] = message.body;
}

void fromJson(BodyReader &in, SaveCannedResponse &message) {
    message.id = in.optionalInteger("id", 1, kMaxId);
    message.expectedVersion = in.integer("expectedVersion", 0, kMaxCount);
    message.shortcut = readShortcut(in);
    message.title = in.string("title", 1, kMaxCannedTitleBytes);
    message.body = in.string("body", 1, kMaxChatBodyBytes);
}

void toJson(nlohmann::json &out, const DeleteCannedResponse &message) {
    out["id"] = message.id;
    out["expectedVersion"] = message.expectedVersion;
}

void fromJson(BodyReader &in, DeleteCannedResponse &message) {
    message.id = in.integer("id", 1, kMaxId);
    message.expectedVersion = in.integer("expectedVersion", 1, kMaxCount);
}

} // namespace caredesk::protocol
