#pragma once

#include "scheduling/Presence.h"
#include "storage/PqxxFwd.h"

#include <cstdint>

namespace caredesk::server {

// Whether providers' consoles are still connected (provider_presence). Signing
// in and setting a status stamp the provider (markSeen); watch() then keeps
// them stamped while a console of theirs lives here, on any instance. A
// provider not offline whose consoles have all been gone longer than the grace
// is set offline by the system (audited as provider.auto_offline), and visits
// assigned to them but not started go back to the line. A network blip
// shorter than the grace changes nothing. A provider never stamped (who never
// signed in to a console) is never swept.
class ProviderPresence : public Presence {
public:
    ProviderPresence(DatabasePool &database, PresenceOptions options);

    // The provider is connected now, in the transaction that says so.
    static void markSeen(pqxx::transaction_base &tx, std::int64_t caregiverId);
};

} // namespace caredesk::server
