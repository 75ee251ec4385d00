#include "scheduling/QueueBoard.h"

#include "app/Logging.h"
#include "domain/StateStatus.h"
#include "domain/TimeZoneDatabase.h"
#include "domain/VisitStatus.h"
#include "storage/ProviderRepository.h"
#include "storage/VisitRepository.h"

#include <algorithm>
#include <pqxx/pqxx>

namespace caredesk::server {

namespace {
using std::chrono::seconds;
using std::chrono::sys_seconds;

constexpr int kDurationsPerState = 50;
constexpr auto kDurationMaxAge = std::chrono::hours(24 * 30);

sys_seconds fromMs(protocol::EpochMs ms) {
    return sys_seconds(std::chrono::duration_cast<seconds>(std::chrono::milliseconds(ms)));
}

// Who covers the state: licensed there, on shift (signed on, within their
// shift), free now (available, on shift, no visit) and in a visit.
void countCoverage(const std::vector<protocol::ProviderStatus> &providers,
                   protocol::StateQueue &queue) {
    using domain::AvailabilityStatus;
    for (const auto &p : providers) {
        if (std::find(p.states.begin(), p.states.end(), queue.code) == p.states.end())
            continue;
        const auto status =
            domain::availabilityStatusFromName(p.status).value_or(AvailabilityStatus::Offline);
        ++queue.providersLicensed;
        if (status == AvailabilityStatus::InVisit)
            ++queue.providersInVisit;
        if (!p.onShift || status == AvailabilityStatus::Offline)
            continue;
        ++queue.providersOnShift;
        if (status == AvailabilityStatus::Available)
            ++queue.providersAvailable;
    }
}
} // namespace

protocol::EpochMs toEpochMs(sys_seconds t) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

QueueBoard QueueBoard::load(pqxx::transaction_base &tx, const domain::TimeZoneDatabase &zones) {
    return load(tx, zones,
                sys_seconds(seconds(
                    tx.exec1("SELECT extract(epoch FROM now())::bigint")[0].as<std::int64_t>())));
}

QueueBoard QueueBoard::load(pqxx::transaction_base &tx, const domain::TimeZoneDatabase &zones,
                            sys_seconds asOf) {
    QueueBoard board;
    board.m_now = asOf;
    board.m_settings = JurisdictionRepository::enabled(tx);
    const auto open = VisitRepository::openVisits(tx);
    const auto providers = ProviderRepository::routableProviders(tx);
    board.m_providers = ProviderRepository::statuses(tx);

    for (const auto &s : board.m_settings) {
        auto loaded = zones.load(s.timeZone);
        if (!loaded) {
            subsystemLogger("app")->error("state {}: {}; using UTC", s.code, loaded.error);
            loaded = zones.load("UTC");
        }
        board.m_zones.emplace(s.code, loaded.zone);
    }

    // What the estimator replays: queued visits, providers (busy or free), durations.
    auto &input = board.m_estimatorInput;
    std::map<std::int64_t, const OpenVisit *> byId;
    std::vector<std::int64_t> queuedIds;
    for (const auto &o : open) {
        byId[o.visit.id] = &o;
        if (domain::isQueued(o.visit.status)) {
            input.visits.push_back(
                {o.visit.jurisdictionCode, o.visit.priority, fromMs(o.visit.requestedAt)});
            queuedIds.push_back(o.visit.id);
        }
    }
    for (const auto &p : providers) {
        domain::AvailableProvider provider;
        provider.states = p.states;
        if (p.currentVisitId) {
            const auto it = byId.find(*p.currentVisitId);
            domain::OngoingVisit ongoing;
            ongoing.state = it == byId.end() ? std::string() : it->second->visit.jurisdictionCode;
            if (it != byId.end() && it->second->visit.status == domain::VisitStatus::InVisit &&
                p.currentSince)
                ongoing.elapsed = std::max(seconds(0), board.m_now - fromMs(*p.currentSince));
            provider.current = ongoing;
        }
        input.providers.push_back(std::move(provider));
    }
    for (const auto &d :
         VisitRepository::recentDurations(tx, kDurationsPerState, kDurationMaxAge)) {
        std::vector<seconds> oldestFirst;
        for (auto it = d.seconds.rbegin(); it != d.seconds.rend(); ++it)
            oldestFirst.emplace_back(static_cast<std::int64_t>(*it));
        input.durations.emplace(d.jurisdictionCode, domain::VisitDurationStats(oldestFirst));
    }

    const domain::WaitEstimator estimator;
    const auto estimates = estimator.estimate(input);
    std::map<std::int64_t, std::optional<seconds>> estimateById;
    for (std::size_t i = 0; i < queuedIds.size(); ++i)
        estimateById[queuedIds[i]] = estimates[i];

    for (const auto &o : open) {
        protocol::QueueVisit v = rowFor(o.visit, o.providerName);
        if (o.position)
            v.position = *o.position;
        if (const auto it = estimateById.find(o.visit.id); it != estimateById.end() && it->second)
            v.estimatedWaitSeconds = it->second->count();
        board.m_visits.push_back(std::move(v));
    }

    for (const auto &s : board.m_settings) {
        const auto &zone = *board.m_zones.at(s.code);
        const bool withinHours = s.hours.isOpen(board.m_now, zone);
        protocol::StateQueue q;
        q.code = s.code;
        q.name = s.name;
        q.timeZone = s.timeZone;
        q.manualStatus = std::string(domain::stateStatusName(s.manualStatus));
        q.status = std::string(
            domain::stateStatusName(domain::effectiveStateStatus(s.manualStatus, withinHours)));
        sys_seconds oldest = board.m_now;
        for (const auto &o : open) {
            if (o.visit.jurisdictionCode != s.code || !domain::isQueued(o.visit.status))
                continue;
            ++q.waiting;
            oldest = std::min(oldest, fromMs(o.visit.requestedAt));
        }
        q.longestWaitSeconds = (board.m_now - oldest).count();
        if (const auto wait = board.newArrivalWait(s.code, 0))
            q.estimatedWaitSeconds = wait->count();
        countCoverage(board.m_providers, q);
        if (withinHours) {
            if (const auto period = s.hours.currentPeriod(board.m_now, zone); period && period->end)
                q.closesAt = toEpochMs(*period->end);
        } else if (s.manualStatus != domain::StateStatus::Closed) {
            // Closed by staff: nobody knows when they reopen, so no time is promised.
            if (const auto next = s.hours.nextOpening(board.m_now, zone))
                q.nextOpenAt = toEpochMs(*next);
        }
        board.m_states.push_back(std::move(q));
    }
    return board;
}

protocol::QueueVisit QueueBoard::rowFor(const VisitRecord &visit,
                                        std::optional<std::string> providerName) {
    protocol::QueueVisit v;
    v.id = visit.id;
    v.state = visit.jurisdictionCode;
    v.status = std::string(domain::visitStatusName(visit.status));
    v.priority = visit.priority;
    v.firstName = visit.firstName;
    v.lastName = visit.lastName;
    v.dateOfBirth = visit.dateOfBirth;
    v.reason = visit.reason;
    v.requestedAt = visit.requestedAt;
    v.assignedProviderId = visit.assignedProviderId;
    v.assignedProviderName = std::move(providerName);
    return v;
}

const protocol::StateQueue *QueueBoard::state(const std::string &code) const {
    const auto it = std::find_if(m_states.begin(), m_states.end(),
                                 [&](const protocol::StateQueue &s) { return s.code == code; });
    return it == m_states.end() ? nullptr : &*it;
}

const protocol::QueueVisit *QueueBoard::visit(std::int64_t id) const {
    const auto it = std::find_if(m_visits.begin(), m_visits.end(),
                                 [&](const protocol::QueueVisit &v) { return v.id == id; });
    return it == m_visits.end() ? nullptr : &*it;
}

const protocol::ProviderStatus *QueueBoard::provider(std::int64_t id) const {
    const auto it = std::lower_bound(
        m_providers.begin(), m_providers.end(), id,
        [](const protocol::ProviderStatus &p, std::int64_t wanted) { return p.id < wanted; });
    return it == m_providers.end() || it->id != id ? nullptr : &*it;
}

const JurisdictionSettings *QueueBoard::settings(const std::string &code) const {
    const auto it = std::find_if(m_settings.begin(), m_settings.end(),
                                 [&](const JurisdictionSettings &s) { return s.code == code; });
    return it == m_settings.end() ? nullptr : &*it;
}

std::shared_ptr<const domain::TimeZone> QueueBoard::zone(const std::string &code) const {
    const auto it = m_zones.find(code);
    return it == m_zones.end() ? nullptr : it->second;
}

std::optional<seconds> QueueBoard::newArrivalWait(const std::string &code, int priority) const {
    return domain::WaitEstimator().estimateNewArrival(m_estimatorInput, code, priority, m_now);
}

int QueueBoard::queuedIn(const std::string &code) const {
    return static_cast<int>(
        std::count_if(m_estimatorInput.visits.begin(), m_estimatorInput.visits.end(),
                      [&](const domain::QueuedVisit &v) { return v.state == code; }));
}

} // namespace caredesk::server
