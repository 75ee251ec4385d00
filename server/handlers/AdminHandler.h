#pragma once

#include "handlers/RouteTable.h"

namespace caredesk::server {

// The audit trail for admins.
class AdminHandler {
public:
    void registerRoutes(RouteTable &routes);
};

} // namespace caredesk::server
