#pragma once

#include "scheduling/Presence.h"

namespace caredesk::server {

using PatientPresenceOptions = PresenceOptions;

// Whether patients are still there (patient_presence). The transaction that
// files or resumes a visit stamps it (PatientPresenceRepository); watch() then
// keeps it stamped while the patient's connection lives here. Queued (waiting
// or ready) visits whose patient has been gone longer than the grace become
// `left` through VisitScheduler, with the system as the actor. Assigned and
// in-progress visits are the provider's to close (no_show), never swept; a
// patient whose instance was killed has most of the grace to reconnect to
// another instance and keep their place.
class PatientPresence : public Presence {
public:
    PatientPresence(DatabasePool &database, PresenceOptions options);
};

} // namespace caredesk::server
