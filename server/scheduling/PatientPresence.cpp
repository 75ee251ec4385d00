#include "scheduling/PatientPresence.h"

#include "scheduling/QueueFeed.h"
#include "scheduling/VisitScheduler.h"
#include "storage/PatientPresenceRepository.h"

#include <pqxx/pqxx>

namespace caredesk::server {

namespace {

PresenceRules patientRules() {
    PresenceRules rules;
    rules.subject = "visit";
    rules.stamp = [](pqxx::work &tx, const std::vector<std::int64_t> &visitIds) {
        return PatientPresenceRepository::markStillSeen(tx, visitIds);
    };
    rules.sweep = [](pqxx::work &tx, std::chrono::seconds grace, int batch) {
        const std::string reason =
            "patient disconnected for more than " + std::to_string(grace.count()) + " s";
        std::vector<std::int64_t> moved;
        for (const auto visitId : PatientPresenceRepository::lockGone(tx, grace, batch)) {
            const auto visit = VisitScheduler::transition(tx, visitId, VisitStatus::Left,
                                                          VisitActor::system(), reason);
            QueueFeed::notifyQueueChange(tx, "visit:" + std::to_string(visit.id));
            moved.push_back(visit.id);
        }
        return moved;
    };
    return rules;
}

} // namespace

PatientPresence::PatientPresence(DatabasePool &database, PresenceOptions options)
    : Presence(database, options, patientRules()) {}

} // namespace caredesk::server
