#include "storage/ChatViews.h"

#include "storage/SqlParameters.h"

#include <pqxx/pqxx>
#include <set>

namespace caredesk::server {

namespace {

// The complement of domain::isTerminal(), as the visits indexes spell it.
constexpr const char *kOpenStatuses = "('waiting', 'ready', 'assigned', 'in_visit')";

// The preview is the newest message's first 100 characters: at most 400
// bytes of UTF-8 (protocol::kMaxChatPreviewBytes).
std::string threadSelect() {
    return std::string(
               "SELECT t.visit_id, v.jurisdiction_code, v.status, "
               "       v.first_name || ' ' || v.last_name, "
               "       (extract(epoch FROM v.requested_at) * 1000)::bigint, "
               "       t.owner_id, o.display_name, t.last_seq, "
               "       (extract(epoch FROM m.created_at) * 1000)::bigint, m.sender_kind, "
               "       left(m.body, 100), "
               // Unread: patient messages after the owner's read position, or after
               // the furthest caregiver's while the thread is in the pool.
               "       (SELECT count(*) FROM chat_messages c "
               "        WHERE c.visit_id = t.visit_id AND c.sender_kind = 'patient' "
               "          AND c.seq > coalesce((SELECT max(r.read_seq) "
               "                                FROM chat_read_positions r "
               "                                WHERE r.visit_id = t.visit_id "
               "                                  AND r.reader_kind = 'caregiver' "
               "                                  AND (t.owner_id IS NULL "
               "                                       OR r.caregiver_id = t.owner_id)), 0)), "
               "       coalesce((SELECT r.read_seq FROM chat_read_positions r "
               "                 WHERE r.visit_id = t.visit_id AND r.reader_kind = 'patient'), 0), "
               "       v.assigned_provider_id, v.status IN ") +
           kOpenStatuses +
           " FROM chat_threads t JOIN visits v ON v.id = t.visit_id "
           " LEFT JOIN caregivers o ON o.id = t.owner_id "
           " LEFT JOIN chat_messages m ON m.visit_id = t.visit_id AND m.seq = t.last_seq ";
}

std::vector<ChatThreadRow> threadRows(const pqxx::result &rows) {
    std::vector<ChatThreadRow> out;
    out.reserve(rows.size());
    for (const auto &row : rows) {
        ChatThreadRow thread;
        auto &s = thread.summary;
        s.visitId = row[0].as<std::int64_t>();
        s.state = row[1].as<std::string>();
        s.visitStatus = row[2].as<std::string>();
        s.patientName = row[3].as<std::string>();
        s.requestedAt = row[4].as<std::int64_t>();
        s.ownerId = row[5].get<std::int64_t>();
        s.ownerName = row[6].get<std::string>();
        s.lastSeq = row[7].as<std::int64_t>();
        s.lastMessageAt = row[8].get<std::int64_t>();
        s.lastSender = row[9].get<std::string>();
        s.preview = row[10].get<std::string>();
        s.unread = row[11].as<std::int64_t>();
        s.patientReadSeq = row[12].as<std::int64_t>();
        thread.assignedProviderId = row[13].get<std::int64_t>();
        thread.open = row[14].as<bool>();
        out.push_back(std::move(thread));
    }
    return out;
}

} // namespace

std::vector<ChatThreadRow> ChatViews::threads(pqxx::transaction_base &tx,
                                              const std::vector<std::int64_t> &visitIds) {
    if (visitIds.empty())
        return {};
    return threadRows(tx.exec_params(threadSelect() + "WHERE t.visit_id = ANY ($1::bigint[]) "
                                                      "ORDER BY t.visit_id",
                                     bigintArray(visitIds)));
}

std::vector<ChatThreadRow> ChatViews::openThreads(pqxx::transaction_base &tx,
                                                  std::optional<std::int64_t> assignedTo) {
    return threadRows(
        tx.exec_params(threadSelect() + "WHERE v.status IN " + kOpenStatuses +
                           "  AND ($1::bigint IS NULL OR v.assigned_provider_id = $1::bigint) "
                           "ORDER BY t.visit_id",
                       assignedTo));
}

std::vector<std::int64_t> ChatViews::threadsInLine(pqxx::transaction_base &tx,
                                                   const std::string &state) {
    std::vector<std::int64_t> out;
    for (const auto &row :
         tx.exec_params("SELECT t.visit_id FROM chat_threads t JOIN visits v ON v.id = t.visit_id "
                        "WHERE v.jurisdiction_code = $1 AND v.status IN ('waiting', 'ready') "
                        "ORDER BY t.visit_id",
                        state))
        out.push_back(row[0].as<std::int64_t>());
    return out;
}

ChatReadPositions ChatViews::readPositions(pqxx::transaction_base &tx, std::int64_t visitId) {
    const auto row = tx.exec_params1(
        "SELECT coalesce(max(read_seq) FILTER (WHERE reader_kind = 'patient'), 0), "
        "       coalesce(max(read_seq) FILTER (WHERE reader_kind = 'caregiver'), 0) "
        "FROM chat_read_positions WHERE visit_id = $1",
        visitId);
    return {row[0].as<std::int64_t>(), row[1].as<std::int64_t>()};
}

std::map<std::int64_t, std::string>
ChatViews::caregiverNames(pqxx::transaction_base &tx, const std::vector<ChatMessage> &messages) {
    std::set<std::int64_t> ids;
    for (const auto &message : messages)
        if (message.sender.caregiverId)
            ids.insert(*message.sender.caregiverId);
    std::map<std::int64_t, std::string> names;
    if (ids.empty())
        return names;
    const auto rows =
        tx.exec_params("SELECT id, display_name FROM caregivers WHERE id = ANY ($1::bigint[])",
                       bigintArray(std::vector<std::int64_t>(ids.begin(), ids.end())));
    for (const auto &row : rows)
        names.emplace(row[0].as<std::int64_t>(), row[1].as<std::string>());
    return names;
}

std::vector<protocol::ChatStaffMember> ChatViews::staff(pqxx::transaction_base &tx) {
    const auto rows = tx.exec(
        std::string(
            "SELECT c.id, c.display_name, "
            "       EXISTS (SELECT 1 FROM sessions s WHERE s.caregiver_id = c.id "
            "               AND s.revoked_at IS NULL AND s.idle_expires_at > now() "
            "               AND s.absolute_expires_at > now()), "
            "       (SELECT count(*) FROM chat_threads t JOIN visits v ON v.id = t.visit_id "
            "        WHERE t.owner_id = c.id AND v.status IN ") +
        kOpenStatuses +
        ") "
        "FROM caregivers c "
        "WHERE c.active AND c.roles && ARRAY['support', 'admin']::text[] "
        "ORDER BY lower(c.display_name), c.id");
    std::vector<protocol::ChatStaffMember> out;
    out.reserve(rows.size());
    for (const auto &row : rows)
        out.push_back({row[0].as<std::int64_t>(), row[1].as<std::string>(), row[2].as<bool>(),
                       row[3].as<std::int64_t>()});
    return out;
}

std::optional<std::string> ChatViews::staffName(pqxx::transaction_base &tx,
                                                std::int64_t caregiverId) {
    const auto rows = tx.exec_params("SELECT display_name FROM caregivers WHERE id = $1 "
                                     "  AND active AND roles && ARRAY['support', 'admin']::text[]",
                                     caregiverId);
    if (rows.empty())
        return std::nullopt;
    return rows[0][0].as<std::string>();
}

protocol::ChatEntry ChatViews::entry(const ChatMessage &message, bool readerIsCaregiver,
                                     const std::map<std::int64_t, std::string> &names) {
    protocol::ChatEntry out;
    out.seq = message.seq;
    out.clientMessageId = message.clientMessageId;
    out.kind = std::string(chatMessageKindName(message.kind));
    out.sender = std::string(chatSenderName(message.sender.kind));
    if (readerIsCaregiver && message.sender.caregiverId) {
        out.senderId = message.sender.caregiverId;
        if (const auto it = names.find(*message.sender.caregiverId); it != names.end())
            out.senderName = it->second;
    }
    out.body = message.body;
    out.sentAt = message.createdAt;
    return out;
}

} // namespace caredesk::server
