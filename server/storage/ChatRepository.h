#pragma once

#include "storage/PqxxFwd.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace caredesk::server {

// Who writes or reads a thread: the visit's patient, a caregiver, or the
// server itself (lifecycle messages).
struct ChatParticipant {
    enum class Kind { Patient, Caregiver, System };
    Kind kind = Kind::System;
    std::optional<std::int64_t> caregiverId; // set exactly for Kind::Caregiver

    static ChatParticipant patient() { return {Kind::Patient, std::nullopt}; }
    static ChatParticipant caregiver(std::int64_t id) { return {Kind::Caregiver, id}; }
    static ChatParticipant system() { return {Kind::System, std::nullopt}; }
    bool operator==(const ChatParticipant &) const = default;
};

enum class ChatMessageKind {
    Text,   // "text": patient or caregiver, everyone sees it
    Note,   // "note": internal, caregivers only
    System, // "system": a lifecycle event, written by the server
};

struct ChatMessage {
    std::int64_t visitId = 0;
    std::int64_t seq = 0; // 1, 2, 3, ... per thread: the order everyone sees
    std::string clientMessageId;
    ChatParticipant sender;
    ChatMessageKind kind = ChatMessageKind::Text;
    std::string body;
    std::int64_t createdAt = 0; // milliseconds since the Unix epoch
};

struct ChatThread {
    std::int64_t visitId = 0;
    std::optional<std::int64_t> ownerId; // none: unassigned
    std::int64_t lastSeq = 0;            // 0: no message yet
    std::int64_t createdAt = 0;          // milliseconds since the Unix epoch
    std::int64_t updatedAt = 0;
};

struct ChatAppend {
    ChatMessage message;
    bool inserted = false; // false: a retry, `message` is the copy stored the first time
};

// A slice of a thread, oldest first, as the reader may see it (no notes for
// the patient, whose view therefore has gaps in seq).
struct ChatPage {
    std::vector<ChatMessage> messages;
    bool more = false; // further messages lie beyond the slice in the direction read
    // The thread's newest seq at the time of the read (0: no thread yet).
    std::int64_t lastSeq = 0;
};

struct ChatUnread {
    std::int64_t visitId = 0;
    std::int64_t lastSeq = 0;
    std::int64_t readSeq = 0;
    std::int64_t unread = 0; // messages after readSeq the reader did not write themselves
};

// SQL for chat threads, their messages and read positions. The permission
// rules (who may read or claim which thread) belong to the caller; this class
// keeps the invariants every caller needs: one copy per client message id, a
// gap-free per-thread order, read-only threads once the visit is over, and
// message kinds only their senders may write. Nothing here logs: bodies are PHI.
class ChatRepository {
public:
    static constexpr int kMaxBodyCharacters = 4000; // as the migration checks
    static constexpr int kMaxClientMessageIdLength = 64;
    static constexpr int kMaxPageSize = 200;

    // Creates the visit's thread if it has none. NotFound for an unknown visit.
    static ChatThread open(pqxx::transaction_base &tx, std::int64_t visitId);
    static std::optional<ChatThread> find(pqxx::transaction_base &tx, std::int64_t visitId);

    // Stores a message and gives it the thread's next seq; the thread row
    // stays locked until the transaction ends, so acknowledge only after
    // commit. A sender repeating a client message id gets the stored message
    // back (inserted = false), even once the visit is over. Refusals
    // (RequestError): NotFound (no visit), InvalidTransition (visit over),
    // Forbidden (a kind the sender may not write), OutOfRange (empty or too
    // long body, malformed client id).
    static ChatAppend append(pqxx::transaction_base &tx, std::int64_t visitId,
                             const ChatParticipant &sender, const std::string &clientMessageId,
                             ChatMessageKind kind, const std::string &body);

    // The message this sender stored under this client id, if any: lets a
    // retry be answered without counting against the sender's rate limit.
    static std::optional<ChatMessage> findSent(pqxx::transaction_base &tx, std::int64_t visitId,
                                               const ChatParticipant &sender,
                                               const std::string &clientMessageId);

    // The messages with these (visit, seq) keys, in key order; keys with no
    // message are skipped.
    static std::vector<ChatMessage>
    messagesAt(pqxx::transaction_base &tx,
               const std::vector<std::pair<std::int64_t, std::int64_t>> &keys);

    // Up to limit messages with seq < beforeSeq (the newest ones), oldest
    // first; beforeSeq = 0 pages back from the end. `more`: older ones exist.
    static ChatPage page(pqxx::transaction_base &tx, std::int64_t visitId,
                         const ChatParticipant &reader, std::int64_t beforeSeq, int limit);
    // Up to limit messages with seq > afterSeq, oldest first: what a
    // reconnecting client missed. `more`: newer ones exist.
    static ChatPage since(pqxx::transaction_base &tx, std::int64_t visitId,
                          const ChatParticipant &reader, std::int64_t afterSeq, int limit);

    // Moves the reader's position forward to seq (capped at the thread's
    // newest message); never moves it back. Returns the position now stored.
    static std::int64_t markRead(pqxx::transaction_base &tx, std::int64_t visitId,
                                 const ChatParticipant &reader, std::int64_t seq);
    static std::int64_t readPosition(pqxx::transaction_base &tx, std::int64_t visitId,
                                     const ChatParticipant &reader);

    // Unread counts for the threads the caregiver owns whose visits are not over.
    static std::vector<ChatUnread> unreadForOwner(pqxx::transaction_base &tx,
                                                  std::int64_t caregiverId);
    // Unread count of one thread for this reader (notes do not count for the patient).
    static ChatUnread unread(pqxx::transaction_base &tx, std::int64_t visitId,
                             const ChatParticipant &reader);

    // Compare-and-set of the owner: claiming is expected = none, next = me;
    // a transfer is expected = me, next = them; releasing is next = none.
    // Conflict when the owner is no longer `expected` (someone else won),
    // InvalidTransition once the visit is over, NotFound for no visit.
    static ChatThread changeOwner(pqxx::transaction_base &tx, std::int64_t visitId,
                                  std::optional<std::int64_t> expected,
                                  std::optional<std::int64_t> next);
};

std::string_view chatMessageKindName(ChatMessageKind kind);  // "text", "note", "system"
std::string_view chatSenderName(ChatParticipant::Kind kind); // "patient", "caregiver", "system"

} // namespace caredesk::server
