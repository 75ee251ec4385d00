#pragma once

#include "storage/PqxxFwd.h"
#include "storage/VisitRepository.h"

#include <cstdint>
#include <optional>

namespace caredesk::domain {
class TimeZoneDatabase;
}

namespace caredesk::protocol {
struct IntakeRefused;
struct VisitAccepted;
struct VisitRequest;
} // namespace caredesk::protocol

namespace caredesk::server {

// Whether a state takes a new visit now, and filing it when it does: the one
// intake path for a patient's own request and for staff filing on a patient's
// behalf. The state's row stays locked until the transaction ends, so intake
// decisions for one state are made one at a time (cap and busy limits exact).
class VisitIntake {
public:
    struct Outcome {
        // Exactly one is set.
        std::shared_ptr<protocol::VisitAccepted> accepted; // with the patient's token
        std::shared_ptr<protocol::IntakeRefused> refused;
        std::int64_t visitId = 0; // when accepted
    };

    // Throws RequestError not_found when the state is not offered here.
    // `priority` > 0 passes a busy state's hourly limit (staff set it);
    // hours, manual close and capacity apply to every request.
    static Outcome file(pqxx::work &tx, const domain::TimeZoneDatabase &zones,
                        const protocol::VisitRequest &form, int priority, const VisitActor &actor);
};

} // namespace caredesk::server
