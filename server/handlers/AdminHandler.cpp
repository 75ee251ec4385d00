#include "handlers/AdminHandler.h"

#include "storage/CaregiverRepository.h"

#include <pqxx/pqxx>

namespace caredesk::server {

void AdminHandler::registerRoutes(RouteTable &routes) {
    routes.authenticated<protocol::ListCaregivers>(
        {domain::Role::Admin},
        [](pqxx::work &tx, Request &request, const protocol::ListCaregivers &message) {
            protocol::CaregiverList list;
            list.caregivers = CaregiverRepository::list(tx, message.includeInactive);
            request.stageReply(list);
        });
}

} // namespace caredesk::server
