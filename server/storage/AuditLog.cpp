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

} // namespace caredesk::server
