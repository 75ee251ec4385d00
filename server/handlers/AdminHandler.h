#pragma once

#include "handlers/RouteTable.h"

namespace caredesk::server {

// Administration of caregivers (admin role only).
class AdminHandler {
public:
    void registerRoutes(RouteTable &routes);
};

} // namespace caredesk::server
