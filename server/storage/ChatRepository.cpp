#include "storage/ChatRepository.h"

#include "domain/VisitStatus.h"
#include "storage/DatabasePool.h"
#include "storage/SqlParameters.h"

#include <algorithm>
#include <limits>
#include <pqxx/pqxx>
#include <stdexcept>

namespace caredesk::server {

namespace {

using protocol::ErrorCode;

// Eight columns, read back by messageFrom().
constexpr const char *kMessageColumns =
    " m.visit_id, m.seq, m.client_message_id, m.sender_kind, m.sender_id, m.kind, m.body, "
    " (extract(epoch FROM m.created_at) * 1000)::bigint ";
constexpr const char *kThreadColumns =
    " t.visit_id, t.owner_id, t.last_seq, (extract(epoch FROM t.created_at) * 1000)::bigint, "
    " (extract(epoch FROM t.updated_at) * 1000)::bigint ";

[[noreturn]] void refuse(ErrorCode code, std::string message, std::string field = {}) {
    throw RequestError{{code, std::move(message), std::move(field), std::nullopt}};
}

std::string senderKindName(ChatParticipant::Kind kind) {
    return std::string(chatSenderName(kind));
}

// The caregiver id as the SQL sees it: 0 for the patient and the server, as
// in the coalesce() of the unique indexes (caregiver ids start at 1).
std::int64_t participantKey(const ChatParticipant &participant) {
    const bool isCaregiver = participant.kind == ChatParticipant::Kind::Caregiver;
    if (isCaregiver != participant.caregiverId.has_value())
        throw std::logic_error("a chat participant has a caregiver id exactly when a caregiver");
    return participant.caregiverId.value_or(0);
}

// A patient never sees internal notes.
bool seesNotes(const ChatParticipant &reader) {
    return reader.kind != ChatParticipant::Kind::Patient;
}

ChatMessageKind messageKindFrom(const std::string &name) {
    if (name == "text")
        return ChatMessageKind::Text;
    if (name == "note")
        return ChatMessageKind::Note;
    if (name == "system")
        return ChatMessageKind::System;
    throw std::runtime_error("unknown chat message kind in the database: " + name);
}

ChatParticipant senderFrom(const std::string &kind, const pqxx::field &id) {
    if (kind == "patient")
        return ChatParticipant::patient();
    if (kind == "caregiver")
        return ChatParticipant::caregiver(id.as<std::int64_t>());
    if (kind == "system")
        return ChatParticipant::system();
    throw std::runtime_error("unknown chat sender kind in the database: " + kind);
}

ChatMessage messageFrom(const pqxx::row &row, int first = 0) {
    ChatMessage message;
    message.visitId = row[first].as<std::int64_t>();
    message.seq = row[first + 1].as<std::int64_t>();
    message.clientMessageId = row[first + 2].as<std::string>();
    message.sender = senderFrom(row[first + 3].as<std::string>(), row[first + 4]);
    message.kind = messageKindFrom(row[first + 5].as<std::string>());
    message.body = row[first + 6].as<std::string>();
    message.createdAt = row[first + 7].as<std::int64_t>();
    return message;
}

ChatThread threadFrom(const pqxx::row &row) {
    ChatThread thread;
    thread.visitId = row[0].as<std::int64_t>();
    thread.ownerId = row[1].get<std::int64_t>();
    thread.lastSeq = row[2].as<std::int64_t>();
    thread.createdAt = row[3].as<std::int64_t>();
    thread.updatedAt = row[4].as<std::int64_t>();
    return thread;
}

// Characters as PostgreSQL's char_length() counts them in UTF-8: every byte
// that does not continue a multi-byte sequence starts a character.
std::size_t characterCount(const std::string &text) {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

bool validClientMessageId(const std::string &id) {
    if (id.empty() || id.size() > ChatRepository::kMaxClientMessageIdLength)
        return false;
    return std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '-' || c == '_';
    });
}

void checkKindAllowed(const ChatParticipant &sender, ChatMessageKind kind) {
    const bool allowed =
        kind == ChatMessageKind::System ? sender.kind == ChatParticipant::Kind::System
        : kind == ChatMessageKind::Note ? sender.kind == ChatParticipant::Kind::Caregiver
                                        : sender.kind != ChatParticipant::Kind::System;
    if (!allowed)
        refuse(ErrorCode::Forbidden, "this sender may not write this kind of message", "kind");
}

// The visit's status; NotFound when there is no such visit.
domain::VisitStatus visitStatus(pqxx::transaction_base &tx, std::int64_t visitId) {
    const auto rows = tx.exec_params("SELECT status FROM visits WHERE id = $1", visitId);
    if (rows.empty())
        refuse(ErrorCode::NotFound, "no such visit", "visitId");
    const auto name = rows[0][0].as<std::string>();
    const auto status = domain::visitStatusFromName(name);
    if (!status)
        throw std::runtime_error("unknown visit status in the database: " + name);
    return *status;
}

// Checking the status without locking the visit row: a lock here would make
// take-next (FOR UPDATE SKIP LOCKED) pass over patients who are chatting. A
// message committed while the visit is being closed is ordered before the close.
void requireOpenVisit(pqxx::transaction_base &tx, std::int64_t visitId) {
    if (domain::isTerminal(visitStatus(tx, visitId)))
        refuse(ErrorCode::InvalidTransition, "the visit is over; its chat is read-only", "visitId");
}

std::optional<ChatMessage> findByClientId(pqxx::transaction_base &tx, std::int64_t visitId,
                                          const ChatParticipant &sender,
                                          const std::string &clientMessageId) {
    const auto rows = tx.exec_params(std::string("SELECT") + kMessageColumns +
                                         "FROM chat_messages m "
                                         "WHERE m.visit_id = $1 AND m.sender_kind = $2 "
                                         "  AND coalesce(m.sender_id, 0) = $3 "
                                         "  AND m.client_message_id = $4",
                                     visitId, senderKindName(sender.kind), participantKey(sender),
                                     clientMessageId);
    if (rows.empty())
        return std::nullopt;
    return messageFrom(rows[0]);
}

int clampedLimit(int limit) {
    return std::clamp(limit, 1, ChatRepository::kMaxPageSize);
}

// Rows of (last_seq, message columns...), one row with NULL message columns
// when the slice is empty; at most limit + 1 messages, to tell whether there are more.
ChatPage pageFrom(const pqxx::result &rows, int limit, bool newestFirst) {
    ChatPage page;
    for (const auto &row : rows) {
        page.lastSeq = row[0].as<std::int64_t>();
        if (row[1].is_null())
            continue;
        if (static_cast<int>(page.messages.size()) == limit) {
            page.more = true;
            break;
        }
        page.messages.push_back(messageFrom(row, 1));
    }
    if (newestFirst)
        std::reverse(page.messages.begin(), page.messages.end());
    return page;
}

} // namespace

std::string_view chatSenderName(ChatParticipant::Kind kind) {
    switch (kind) {
    case ChatParticipant::Kind::Patient:
        return "patient";
    case ChatParticipant::Kind::Caregiver:
        return "caregiver";
    case ChatParticipant::Kind::System:
        break;
    }
    return "system";
}

std::string_view chatMessageKindName(ChatMessageKind kind) {
    switch (kind) {
    case ChatMessageKind::Text:
        return "text";
    case ChatMessageKind::Note:
        return "note";
    case ChatMessageKind::System:
        break;
    }
    return "system";
}

ChatThread ChatRepository::open(pqxx::transaction_base &tx, std::int64_t visitId) {
    visitStatus(tx, visitId); // NotFound before the foreign key would fail as Internal
    tx.exec_params0("INSERT INTO chat_threads (visit_id) VALUES ($1) "
                    "ON CONFLICT (visit_id) DO NOTHING",
                    visitId);
    const auto thread = find(tx, visitId);
    if (!thread)
        throw std::runtime_error("chat thread missing right after its creation");
    return *thread;
}

std::optional<ChatThread> ChatRepository::find(pqxx::transaction_base &tx, std::int64_t visitId) {
    const auto rows = tx.exec_params(std::string("SELECT") + kThreadColumns +
                                         "FROM chat_threads t WHERE t.visit_id = $1",
                                     visitId);
    if (rows.empty())
        return std::nullopt;
    return threadFrom(rows[0]);
}

ChatAppend ChatRepository::append(pqxx::transaction_base &tx, std::int64_t visitId,
                                  const ChatParticipant &sender, const std::string &clientMessageId,
                                  ChatMessageKind kind, const std::string &body) {
    checkKindAllowed(sender, kind);
    if (!validClientMessageId(clientMessageId))
        refuse(ErrorCode::OutOfRange, "client message ids are 1 to 64 letters, digits, - or _",
               "clientMessageId");
    const auto characters = characterCount(body);
    if (characters == 0 || characters > static_cast<std::size_t>(kMaxBodyCharacters))
        refuse(ErrorCode::OutOfRange, "a message has 1 to 4000 characters", "body");
    if (body.find('\0') != std::string::npos) // PostgreSQL text cannot hold it
        refuse(ErrorCode::OutOfRange, "a message cannot contain a NUL character", "body");

    // A retry of a committed message is answered before the status check, so a
    // client whose acknowledgement was lost still gets it after the visit closed.
    if (auto stored = findByClientId(tx, visitId, sender, clientMessageId))
        return {std::move(*stored), false};
    // The server records lifecycle events, the closing one included, after
    // the visit's status has changed.
    if (kind != ChatMessageKind::System)
        requireOpenVisit(tx, visitId);
    else
        visitStatus(tx, visitId);

    tx.exec_params0("INSERT INTO chat_threads (visit_id) VALUES ($1) "
                    "ON CONFLICT (visit_id) DO NOTHING",
                    visitId);
    // Serialises the appenders of this thread. Once we hold the lock, a
    // concurrent retry of the same id has committed or rolled back, and the
    // next statement (a new snapshot under READ COMMITTED) sees which.
    tx.exec_params1("SELECT 1 FROM chat_threads WHERE visit_id = $1 FOR UPDATE", visitId);
    if (auto stored = findByClientId(tx, visitId, sender, clientMessageId))
        return {std::move(*stored), false};

    const auto row = tx.exec_params1(
        std::string("WITH t AS (UPDATE chat_threads SET last_seq = last_seq + 1, "
                    "                  updated_at = greatest(updated_at, now()) "
                    "           WHERE visit_id = $1 RETURNING visit_id, last_seq) "
                    "INSERT INTO chat_messages AS m (visit_id, seq, client_message_id, "
                    "                                sender_kind, sender_id, kind, body) "
                    "SELECT t.visit_id, t.last_seq, $2, $3, NULLIF($4::bigint, 0), $5, $6 FROM t "
                    "RETURNING") +
            kMessageColumns,
        visitId, clientMessageId, senderKindName(sender.kind), participantKey(sender),
        std::string(chatMessageKindName(kind)), body);
    return {messageFrom(row), true};
}

std::optional<ChatMessage> ChatRepository::findSent(pqxx::transaction_base &tx,
                                                    std::int64_t visitId,
                                                    const ChatParticipant &sender,
                                                    const std::string &clientMessageId) {
    if (!validClientMessageId(clientMessageId))
        return std::nullopt;
    return findByClientId(tx, visitId, sender, clientMessageId);
}

std::vector<ChatMessage>
ChatRepository::messagesAt(pqxx::transaction_base &tx,
                           const std::vector<std::pair<std::int64_t, std::int64_t>> &keys) {
    if (keys.empty())
        return {};
    std::vector<std::int64_t> visits;
    std::vector<std::int64_t> seqs;
    for (const auto &[visit, seq] : keys) {
        visits.push_back(visit);
        seqs.push_back(seq);
    }
    const auto rows =
        tx.exec_params(std::string("SELECT") + kMessageColumns +
                           "FROM unnest($1::bigint[], $2::bigint[]) AS k(visit_id, seq) "
                           "JOIN chat_messages m "
                           "  ON m.visit_id = k.visit_id AND m.seq = k.seq "
                           "ORDER BY m.visit_id, m.seq",
                       bigintArray(visits), bigintArray(seqs));
    std::vector<ChatMessage> out;
    out.reserve(rows.size());
    for (const auto &row : rows)
        out.push_back(messageFrom(row));
    return out;
}

ChatPage ChatRepository::page(pqxx::transaction_base &tx, std::int64_t visitId,
                              const ChatParticipant &reader, std::int64_t beforeSeq, int limit) {
    limit = clampedLimit(limit);
    if (beforeSeq <= 0)
        beforeSeq = std::numeric_limits<std::int64_t>::max();
    // One statement, so last_seq and the slice come from the same snapshot.
    const auto rows =
        tx.exec_params(std::string("SELECT t.last_seq,") + kMessageColumns +
                           "FROM chat_threads t "
                           "LEFT JOIN LATERAL (SELECT * FROM chat_messages c "
                           "                   WHERE c.visit_id = t.visit_id AND c.seq < $2 "
                           "                     AND ($3 OR c.kind <> 'note') "
                           "                   ORDER BY c.seq DESC LIMIT $4) m ON true "
                           "WHERE t.visit_id = $1 ORDER BY m.seq DESC",
                       visitId, beforeSeq, seesNotes(reader), limit + 1);
    return pageFrom(rows, limit, true);
}

ChatPage ChatRepository::since(pqxx::transaction_base &tx, std::int64_t visitId,
                               const ChatParticipant &reader, std::int64_t afterSeq, int limit) {
    limit = clampedLimit(limit);
    const auto rows =
        tx.exec_params(std::string("SELECT t.last_seq,") + kMessageColumns +
                           "FROM chat_threads t "
                           "LEFT JOIN LATERAL (SELECT * FROM chat_messages c "
                           "                   WHERE c.visit_id = t.visit_id AND c.seq > $2 "
                           "                     AND ($3 OR c.kind <> 'note') "
                           "                   ORDER BY c.seq LIMIT $4) m ON true "
                           "WHERE t.visit_id = $1 ORDER BY m.seq",
                       visitId, std::max<std::int64_t>(afterSeq, 0), seesNotes(reader), limit + 1);
    return pageFrom(rows, limit, false);
}

std::int64_t ChatRepository::markRead(pqxx::transaction_base &tx, std::int64_t visitId,
                                      const ChatParticipant &reader, std::int64_t seq) {
    if (reader.kind == ChatParticipant::Kind::System)
        throw std::logic_error("the server keeps no read position");
    // Capped at last_seq: a client cannot claim to have read messages not yet
    // written. The WHERE of DO UPDATE keeps the position from going back.
    tx.exec_params(
        "INSERT INTO chat_read_positions (visit_id, reader_kind, caregiver_id, read_seq) "
        "SELECT t.visit_id, $2, NULLIF($3::bigint, 0), "
        "       LEAST(GREATEST($4::bigint, 0), t.last_seq) "
        "FROM chat_threads t WHERE t.visit_id = $1 "
        "ON CONFLICT (visit_id, reader_kind, (coalesce(caregiver_id, 0))) DO UPDATE "
        "SET read_seq = EXCLUDED.read_seq, updated_at = now() "
        "WHERE chat_read_positions.read_seq < EXCLUDED.read_seq",
        visitId, senderKindName(reader.kind), participantKey(reader), seq);
    return readPosition(tx, visitId, reader);
}

std::int64_t ChatRepository::readPosition(pqxx::transaction_base &tx, std::int64_t visitId,
                                          const ChatParticipant &reader) {
    const auto rows = tx.exec_params("SELECT read_seq FROM chat_read_positions "
                                     "WHERE visit_id = $1 AND reader_kind = $2 "
                                     "  AND coalesce(caregiver_id, 0) = $3",
                                     visitId, senderKindName(reader.kind), participantKey(reader));
    return rows.empty() ? 0 : rows[0][0].as<std::int64_t>();
}

namespace {

// Per thread: last_seq, the reader's position, and the messages after it that
// the reader did not write ($2 reader kind, $3 caregiver id or 0, $4 sees notes).
constexpr const char *kUnreadSelect =
    "SELECT t.visit_id, t.last_seq, coalesce(p.read_seq, 0), "
    "       (SELECT count(*) FROM chat_messages c "
    "        WHERE c.visit_id = t.visit_id AND c.seq > coalesce(p.read_seq, 0) "
    "          AND NOT (c.sender_kind = $2 AND coalesce(c.sender_id, 0) = $3) "
    "          AND ($4 OR c.kind <> 'note')) "
    "FROM chat_threads t "
    "LEFT JOIN chat_read_positions p ON p.visit_id = t.visit_id AND p.reader_kind = $2 "
    "     AND coalesce(p.caregiver_id, 0) = $3 ";

ChatUnread unreadFrom(const pqxx::row &row) {
    return {row[0].as<std::int64_t>(), row[1].as<std::int64_t>(), row[2].as<std::int64_t>(),
            row[3].as<std::int64_t>()};
}

} // namespace

std::vector<ChatUnread> ChatRepository::unreadForOwner(pqxx::transaction_base &tx,
                                                       std::int64_t caregiverId) {
    // The status list is the complement of domain::isTerminal().
    const auto rows = tx.exec_params(
        std::string(kUnreadSelect) +
            "JOIN visits v ON v.id = t.visit_id "
            "WHERE t.owner_id = $1 AND v.status IN ('waiting', 'ready', 'assigned', 'in_visit') "
            "ORDER BY t.visit_id",
        caregiverId, "caregiver", caregiverId, true);
    std::vector<ChatUnread> out;
    out.reserve(rows.size());
    for (const auto &row : rows)
        out.push_back(unreadFrom(row));
    return out;
}

ChatUnread ChatRepository::unread(pqxx::transaction_base &tx, std::int64_t visitId,
                                  const ChatParticipant &reader) {
    const auto rows =
        tx.exec_params(std::string(kUnreadSelect) + "WHERE t.visit_id = $1", visitId,
                       senderKindName(reader.kind), participantKey(reader), seesNotes(reader));
    if (rows.empty())
        return {visitId, 0, 0, 0};
    return unreadFrom(rows[0]);
}

ChatThread ChatRepository::changeOwner(pqxx::transaction_base &tx, std::int64_t visitId,
                                       std::optional<std::int64_t> expected,
                                       std::optional<std::int64_t> next) {
    requireOpenVisit(tx, visitId);
    open(tx, visitId);
    // Two claims at once: the second UPDATE waits for the first, then
    // re-evaluates its WHERE on the new row (READ COMMITTED) and matches nothing.
    const auto rows = tx.exec_params(std::string("UPDATE chat_threads t "
                                                 "SET owner_id = NULLIF($3::bigint, 0), "
                                                 "    updated_at = greatest(t.updated_at, now()) "
                                                 "WHERE t.visit_id = $1 "
                                                 "  AND coalesce(t.owner_id, 0) = $2 "
                                                 "RETURNING") +
                                         kThreadColumns,
                                     visitId, expected.value_or(0), next.value_or(0));
    if (rows.empty())
        refuse(ErrorCode::Conflict, "the thread's owner has changed; reload it", "ownerId");
    return threadFrom(rows[0]);
}

} // namespace caredesk::server
