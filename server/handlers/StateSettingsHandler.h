#pragma once

#include "handlers/RouteTable.h"

namespace caredesk::domain {
class TimeZoneDatabase;
}

namespace caredesk::server {

// States' settings (zone, hours, holidays, special days, intake limits) and
// the provider list staff assign visits from.
//   list_state_settings, list_providers   support, admin
//   update_state_settings                 admin
class StateSettingsHandler {
public:
    explicit StateSettingsHandler(const domain::TimeZoneDatabase &zones);

    void registerRoutes(RouteTable &routes);

private:
    const domain::TimeZoneDatabase &m_zones;
};

} // namespace caredesk::server
