#pragma once

// Bodies of the chat messages: one thread per visit between the patient and
// the care team, with staff-only notes and the server's lifecycle messages,
// and the canned responses admins keep for staff. Included by Messages.h.
//
// Wire names kept as strings (decoders check them against these lists):
//   message kind:  "text" | "note" | "system"
//   sender:        "patient" | "caregiver" | "system"
//   typing party:  "patient" | "caregiver"

#include "protocol/MessageType.h"
#include "protocol/VisitMessages.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace caredesk::protocol {

// A message body is at most 4,000 characters (Unicode code points, checked by
// the server); on the wire that is at most 16,000 bytes of UTF-8.
inline constexpr std::size_t kMaxChatCharacters = 4000;
inline constexpr std::size_t kMaxChatBodyBytes = 4 * kMaxChatCharacters;
// Client message ids: 1..64 of A-Z a-z 0-9 _ - (a UUID fits).
inline constexpr std::size_t kMaxClientMessageIdBytes = 64;
inline constexpr std::int64_t kMaxChatPage = 200;
inline constexpr std::int64_t kDefaultChatPage = 50;
// A thread's preview is the start of its newest message, cut at a character
// boundary.
inline constexpr std::size_t kMaxChatPreviewBytes = 400;
inline constexpr std::size_t kMaxCannedShortcutBytes = 32;
inline constexpr std::size_t kMaxCannedTitleBytes = 100;
// A chat_threads snapshot lists every open thread, as a queue_snapshot lists
// every open visit.
inline constexpr std::size_t kMaxChatThreads = 20000;

// One message of a thread, as its reader may see it.
struct ChatEntry {
    std::int64_t seq = 0;        // 1, 2, 3, ... per thread; the order everyone sees
    std::string clientMessageId; // the sender's id ("" for none: system messages)
    std::string kind;            // "text" | "note" | "system"
    std::string sender;          // "patient" | "caregiver" | "system"
    // Caregivers see who wrote a caregiver's message; a patient sees only "caregiver".
    std::optional<std::int64_t> senderId;
    std::optional<std::string> senderName;
    std::string body; // plain text: never rendered as markup
    EpochMs sentAt = 0;
    bool operator==(const ChatEntry &) const = default;
};

// One row of a caregiver's thread list.
struct ChatThreadSummary {
    std::int64_t visitId = 0;
    std::string state;                   // where the patient is
    std::string visitStatus;             // a visit status
    std::string patientName;             // "First Last"
    EpochMs requestedAt = 0;             // the wait is now - requestedAt
    std::optional<std::int64_t> ownerId; // none: in the pool, anyone may claim it
    std::optional<std::string> ownerName;
    std::int64_t lastSeq = 0; // 0: no message yet
    std::optional<EpochMs> lastMessageAt;
    std::optional<std::string> lastSender; // sender of the newest message
    std::optional<std::string> preview;    // start of the newest message
    // Patient messages the care team has not read yet: after the owner's read
    // position, or after the furthest caregiver's while in the pool.
    std::int64_t unread = 0;
    std::int64_t patientReadSeq = 0; // how far the patient has read
    bool operator==(const ChatThreadSummary &) const = default;
};

// caregiver -> server: the thread list, then chat_threads_delta pushes.
// Support and admins see every open visit's thread; a provider the threads
// of the visits assigned to them.
struct ChatSubscribe {
    static constexpr MessageType kType = MessageType::ChatSubscribe;
    bool operator==(const ChatSubscribe &) const = default;
};

// server -> caregiver: reply to chat_subscribe (the snapshot, with the
// envelope's seq), chat_claim and chat_transfer (the one thread changed).
struct ChatThreads {
    static constexpr MessageType kType = MessageType::ChatThreads;
    std::vector<ChatThreadSummary> threads;
    bool operator==(const ChatThreads &) const = default;
};

// server -> caregiver push (envelope seq = previous + 1): rows replace the
// rows with the same visitId; removed threads leave the list (visit over, or
// no longer visible to this caregiver).
struct ChatThreadsDelta {
    static constexpr MessageType kType = MessageType::ChatThreadsDelta;
    std::vector<ChatThreadSummary> threads;
    std::vector<std::int64_t> removedVisitIds;
    bool operator==(const ChatThreadsDelta &) const = default;
};

// Start following a thread: the reply is chat_history (its newest messages),
// then every new message of the thread arrives as chat_message, until
// chat_close or the connection ends. A patient may open only their own
// visit's thread; a caregiver's open is audited. Opening creates the thread.
struct ChatOpen {
    static constexpr MessageType kType = MessageType::ChatOpen;
    std::int64_t visitId = 0;
    std::int64_t limit = kDefaultChatPage; // 1..200 messages
    bool operator==(const ChatOpen &) const = default;
};

struct ChatClose {
    static constexpr MessageType kType = MessageType::ChatClose;
    std::int64_t visitId = 0;
    bool operator==(const ChatClose &) const = default;
};

// Messages with afterSeq < seq, oldest first: what a reconnecting client
// missed (afterSeq = the last seq it saw). With beforeSeq, the newest ones
// below it instead, for scrollback (afterSeq = 0). Reply: chat_history.
struct ChatPage {
    static constexpr MessageType kType = MessageType::ChatPage;
    std::int64_t visitId = 0;
    std::int64_t afterSeq = 0;
    std::optional<std::int64_t> beforeSeq;
    std::int64_t limit = kDefaultChatPage; // 1..200
    bool operator==(const ChatPage &) const = default;
};

struct ChatHistory {
    static constexpr MessageType kType = MessageType::ChatHistory;
    std::int64_t visitId = 0;
    std::vector<ChatEntry> messages; // oldest first
    bool more = false;               // further messages beyond, in the direction read
    std::int64_t lastSeq = 0;        // the thread's newest seq when read
    bool readOnly = false;           // the visit is over: nothing more can be sent
    std::int64_t patientReadSeq = 0;
    std::int64_t staffReadSeq = 0; // how far the care team has read ("seen")
    bool operator==(const ChatHistory &) const = default;
};

// Reply: chat_ack once the message is committed. Sending the same
// clientMessageId again returns the first ack and stores nothing.
struct ChatSend {
    static constexpr MessageType kType = MessageType::ChatSend;
    std::int64_t visitId = 0;
    std::string clientMessageId;
    std::string kind = "text"; // "text", or "note" (caregivers only)
    std::string body;          // 1..4,000 characters
    bool operator==(const ChatSend &) const = default;
};

struct ChatAck {
    static constexpr MessageType kType = MessageType::ChatAck;
    std::int64_t visitId = 0;
    std::string clientMessageId;
    std::int64_t seq = 0;
    EpochMs sentAt = 0;
    bool operator==(const ChatAck &) const = default;
};

// server -> follower push: a new message of an open thread.
struct ChatMessage {
    static constexpr MessageType kType = MessageType::ChatMessage;
    std::int64_t visitId = 0;
    ChatEntry message;
    bool operator==(const ChatMessage &) const = default;
};

// Both ways. Client -> server: "I am typing" (at most every few seconds;
// reply: ok). Server -> the thread's other followers, with `from` set.
struct ChatTyping {
    static constexpr MessageType kType = MessageType::ChatTyping;
    std::int64_t visitId = 0;
    std::optional<std::string> from; // "patient" | "caregiver"; set by the server
    std::optional<std::string> name; // the caregiver's name, to caregivers only
    bool operator==(const ChatTyping &) const = default;
};

// client -> server: read up to seq (positions only move forward). Reply: ok.
struct ChatRead {
    static constexpr MessageType kType = MessageType::ChatRead;
    std::int64_t visitId = 0;
    std::int64_t seq = 0;
    bool operator==(const ChatRead &) const = default;
};

// server -> followers push: the read positions changed.
struct ChatReadUpdate {
    static constexpr MessageType kType = MessageType::ChatReadUpdate;
    std::int64_t visitId = 0;
    std::int64_t patientReadSeq = 0;
    std::int64_t staffReadSeq = 0;
    bool operator==(const ChatReadUpdate &) const = default;
};

// support/admin: take a thread from the pool. Reply: chat_threads (the
// thread); `conflict` when a colleague claimed it first.
struct ChatClaim {
    static constexpr MessageType kType = MessageType::ChatClaim;
    std::int64_t visitId = 0;
    bool operator==(const ChatClaim &) const = default;
};

// support/admin: hand a thread to a colleague (toCaregiverId) or back to the
// pool (no toCaregiverId). expectedOwnerId is the owner the sender saw
// (none: the pool); `conflict` when it changed meanwhile.
struct ChatTransfer {
    static constexpr MessageType kType = MessageType::ChatTransfer;
    std::int64_t visitId = 0;
    std::optional<std::int64_t> expectedOwnerId;
    std::optional<std::int64_t> toCaregiverId;
    bool operator==(const ChatTransfer &) const = default;
};

// --- staff to hand threads to ----------------------------------------------------

struct ChatStaffMember {
    std::int64_t id = 0;
    std::string displayName;
    bool online = false;      // signed in on a console now
    std::int64_t threads = 0; // open threads they own
    bool operator==(const ChatStaffMember &) const = default;
};

// support/admin: colleagues a thread can be transferred to. Reply: chat_staff_list.
struct ListChatStaff {
    static constexpr MessageType kType = MessageType::ListChatStaff;
    bool operator==(const ListChatStaff &) const = default;
};

struct ChatStaffList {
    static constexpr MessageType kType = MessageType::ChatStaffList;
    std::vector<ChatStaffMember> staff; // active support and admin caregivers, by name
    bool operator==(const ChatStaffList &) const = default;
};

// --- canned responses --------------------------------------------------------------

// A snippet staff insert into a chat. Placeholders in the body are filled in
// by the console when inserted: {firstName}, {state}, {wait} (the estimated
// wait, e.g. "about 15 minutes"), {myName}; any other {word} is refused.
struct CannedResponse {
    std::int64_t id = 0;
    std::string shortcut; // 1..32 of a-z 0-9 - _ ; typed as /shortcut
    std::string title;    // 1..100 bytes
    std::string body;     // 1..4,000 characters
    std::int64_t version = 0;
    bool operator==(const CannedResponse &) const = default;
};

// caregiver: every canned response. Reply: canned_responses.
struct ListCannedResponses {
    static constexpr MessageType kType = MessageType::ListCannedResponses;
    bool operator==(const ListCannedResponses &) const = default;
};

struct CannedResponses {
    static constexpr MessageType kType = MessageType::CannedResponses;
    std::vector<CannedResponse> responses; // by shortcut; after a save, the one saved
    bool operator==(const CannedResponses &) const = default;
};

// admin: create (no id, expectedVersion 0) or replace (id and the version
// read: `conflict` if it changed). A shortcut is unique. Reply: canned_responses.
struct SaveCannedResponse {
    static constexpr MessageType kType = MessageType::SaveCannedResponse;
    std::optional<std::int64_t> id;
    std::int64_t expectedVersion = 0; // 0 when creating
    std::string shortcut;
    std::string title;
    std::string body;
    bool operator==(const SaveCannedResponse &) const = default;
};

// admin. Reply: ok.
struct DeleteCannedResponse {
    static constexpr MessageType kType = MessageType::DeleteCannedResponse;
    std::int64_t id = 0;
    std::int64_t expectedVersion = 0;
    bool operator==(const DeleteCannedResponse &) const = default;
};

} // namespace caredesk::protocol
