#pragma once

#include "domain/TimeZone.h"
#include "domain/WaitEstimator.h"
#include "protocol/Messages.h"
#include "storage/JurisdictionRepository.h"
#include "storage/PqxxFwd.h"
#include "storage/VisitRepository.h"

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace caredesk::domain {
class TimeZoneDatabase;
}

namespace caredesk::server {

// The queue board as of one transaction: every enabled state with its
// effective status, counts and estimates, and every visit not yet over with
// its position and estimated wait. Read with a fixed number of queries
// whatever the number of visits, computed once, then served to snapshots,
// deltas, intake decisions and patients' views alike, so they all agree.
// A time as the protocol carries it: milliseconds since the epoch.
protocol::EpochMs toEpochMs(std::chrono::sys_seconds t);

class QueueBoard {
public:
    static QueueBoard load(pqxx::transaction_base &tx, const domain::TimeZoneDatabase &zones);
    // The board as of `asOf` instead of the transaction's now(): waits so far,
    // the elapsed time of visits in progress, hours and estimates are computed
    // for that instant. Which licenses are in force and which completed visits
    // are recent enough to count still follow the database clock. For replaying
    // a day whose rows carry their own timestamps (the wait-estimate simulation).
    static QueueBoard load(pqxx::transaction_base &tx, const domain::TimeZoneDatabase &zones,
                           std::chrono::sys_seconds asOf);
    // A visit's board row without position or estimate (those need the whole board).
    static protocol::QueueVisit rowFor(const VisitRecord &visit,
                                       std::optional<std::string> providerName);

    std::chrono::sys_seconds now() const { return m_now; }
    const std::vector<protocol::StateQueue> &states() const { return m_states; }
    const std::vector<protocol::QueueVisit> &visits() const { return m_visits; }
    const std::vector<protocol::ProviderStatus> &providers() const { return m_providers; }
    const protocol::StateQueue *state(const std::string &code) const;
    const protocol::QueueVisit *visit(std::int64_t id) const;
    const protocol::ProviderStatus *provider(std::int64_t id) const;
    const JurisdictionSettings *settings(const std::string &code) const;
    std::shared_ptr<const domain::TimeZone> zone(const std::string &code) const;

    // Estimated wait of a patient joining the state's queue now.
    std::optional<std::chrono::seconds> newArrivalWait(const std::string &code, int priority) const;
    int queuedIn(const std::string &code) const;

private:
    std::chrono::sys_seconds m_now;
    std::vector<JurisdictionSettings> m_settings;
    std::map<std::string, std::shared_ptr<const domain::TimeZone>, std::less<>> m_zones;
    domain::QueueSnapshot m_estimatorInput;
    std::vector<protocol::StateQueue> m_states;
    std::vector<protocol::QueueVisit> m_visits;
    std::vector<protocol::ProviderStatus> m_providers; // by id
};

} // namespace caredesk::server
