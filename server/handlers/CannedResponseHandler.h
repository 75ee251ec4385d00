#pragma once

#include "handlers/RouteTable.h"

namespace caredesk::server {

// Canned responses staff insert into chats.
//   list_canned_responses                          any caregiver
//   save_canned_response, delete_canned_response   admin
// Saves are versioned against a concurrent save and audited with the text
// before and after (canned text is written for every patient, never about one).
class CannedResponseHandler {
public:
    void registerRoutes(RouteTable &routes);
};

} // namespace caredesk::server
