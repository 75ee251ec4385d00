#include "storage/AuditLog.h"

#include <pqxx/pqxx>

namespace caredesk::server {

namespace {
const char *actorName(AuditEvent::Actor actor) {
    switch (actor) {
    case AuditEvent::Actor::Caregiver:
        return "caregiver";
    case AuditEvent::Actor::Patient:
        return "patient";
    case AuditEvent::Actor::System:
        break;
    }
    return "system";
}
} // namespace

void AuditLog::append(pqxx::transaction_base &tx, const AuditEvent &event) {
    tx.exec_params0("INSERT INTO audit_events (actor_kind, actor_id, action, subject_type, "
                    "                          subject_id, client_address, detail) "
                    "VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)",
                    actorName(event.actorKind), event.actorId, event.action, event.subjectType,
                    event.subjectId, event.clientAddress, event.detail.dump());
}

protocol::AuditEvents AuditLog::list(pqxx::transaction_base &tx,
                                     const protocol::ListAuditEvents &filter) {
    const auto rows = tx.exec_params(
        "SELECT e.id, (extract(epoch FROM e.occurred_at) * 1000)::bigint, e.actor_kind, "
        "       e.actor_id, c.display_name, e.action, e.subject_type, e.subject_id, "
        "       e.client_address, e.detail::text, s.event_id IS NOT NULL "
        "FROM audit_events e "
        "LEFT JOIN caregivers c ON e.actor_kind = 'caregiver' AND c.id = e.actor_id "
        "LEFT JOIN audit_seals s ON s.event_id = e.id "
        "WHERE ($1::bigint IS NULL OR (e.actor_kind = 'caregiver' AND e.actor_id = $1)) "
        "  AND ($2::text IS NULL OR starts_with(e.action, $2)) "
        "  AND ($3::text IS NULL OR e.subject_type = $3) "
        "  AND ($4::text IS NULL OR e.subject_id = $4) "
        "  AND ($5::bigint IS NULL OR e.occurred_at >= to_timestamp($5 / 1000.0)) "
        "  AND ($6::bigint IS NULL OR e.occurred_at < to_timestamp($6 / 1000.0)) "
        "  AND ($7::bigint IS NULL OR e.id < $7) "
        "ORDER BY e.id DESC LIMIT $8",
        filter.actorId, filter.action, filter.subjectType, filter.subjectId, filter.from, filter.to,
        filter.beforeId, filter.limit + 1);
    const auto clip = [](std::string text, std::size_t bytes) {
        if (text.size() <= bytes)
            return text;
        text.resize(bytes);
        while (!text.empty() && (static_cast<unsigned char>(text.back()) & 0xC0) == 0x80)
            text.pop_back(); // not in the middle of a character
        if (!text.empty() && static_cast<unsigned char>(text.back()) >= 0xC0)
            text.pop_back();
        return text;
    };
    protocol::AuditEvents page;
    for (const auto &row : rows) {
        if (static_cast<std::int64_t>(page.events.size()) == filter.limit) {
            page.more = true;
            break;
        }
        protocol::AuditEntry entry;
        entry.id = row[0].as<std::int64_t>();
        entry.at = row[1].as<std::int64_t>();
        entry.actorKind = row[2].as<std::string>();
        entry.actorId = row[3].as<std::optional<std::int64_t>>();
        entry.actorName = row[4].as<std::optional<std::string>>();
        entry.action = clip(row[5].as<std::string>(), protocol::kMaxAuditActionBytes);
        entry.subjectType = clip(row[6].as<std::string>(), protocol::kMaxAuditSubjectBytes);
        entry.subjectId = clip(row[7].as<std::string>(), protocol::kMaxAuditSubjectBytes);
        entry.clientAddress = clip(row[8].as<std::string>(), protocol::kMaxAuditSubjectBytes);
        entry.detail = row[9].as<std::string>();
        if (entry.detail.size() > protocol::kMaxAuditDetailBytes)
            entry.detail = R"({"truncated": true})";
        entry.sealed = row[10].as<bool>();
        page.events.push_back(std::move(entry));
    }
    return page;
}

} // namespace caredesk::server
