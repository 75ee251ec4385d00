#include "handlers/AdminHandler.h"

#include "storage/AuditLog.h"

#include <pqxx/pqxx>

namespace caredesk::server {

void AdminHandler::registerRoutes(RouteTable &routes) {
    routes.authenticated<protocol::ListAuditEvents>(
        {domain::Role::Admin},
        [](pqxx::work &tx, Request &request, const protocol::ListAuditEvents &message) {
            request.stageReply(AuditLog::list(tx, message));
            // Reading the trail is itself on the trail, with what was asked for.
            nlohmann::json asked = nlohmann::json::object();
            protocol::toJson(asked, message);
            AuditEvent event;
            event.actorKind = AuditEvent::Actor::Caregiver;
            event.actorId = request.identity().caregiver.id;
            event.action = "audit.listed";
            event.subjectType = "audit";
            event.clientAddress = request.connection().remoteAddress();
            event.detail = std::move(asked);
            AuditLog::append(tx, event);
        });
}

} // namespace caredesk::server
