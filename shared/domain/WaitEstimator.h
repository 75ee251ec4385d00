#pragma once

#include "domain/VisitDurationStats.h"

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace caredesk::domain {

// A visit in a queue that no provider has yet (waiting or ready).
struct QueuedVisit {
    std::string state;                  // the state code of its queue
    int priority = 0;                   // higher is taken first
    std::chrono::sys_seconds arrivedAt; // earlier is taken first among equal priority
};

// A visit a provider is busy with (assigned or in the video visit).
struct OngoingVisit {
    std::string state;
    std::chrono::seconds elapsed{0}; // since it started; zero while only assigned
};

// A provider who is available and may take visits now.
struct AvailableProvider {
    // The states in which the provider holds an active (verified, unexpired)
    // license now. One entry per provider, however many states: a provider
    // licensed in several states is one person and counts once across them.
    std::vector<std::string> states;
    std::optional<OngoingVisit> current; // nullopt when free now
};

// Everything an estimate is computed from: explicit, so an estimate can be
// replayed and compared with what really happened.
struct QueueSnapshot {
    std::vector<QueuedVisit> visits; // all queues, any order
    std::vector<AvailableProvider> providers;
    // Per state code; a state not listed uses VisitDurationStats' defaults.
    std::map<std::string, VisitDurationStats, std::less<>> durations;
};

// Estimated waits, by replaying what the scheduler will do.
//
// Each available provider has a time at which they become free: now, or when
// the visit they are in is expected to end (VisitDurationStats::
// expectedRemainingSeconds, so visits in progress count). A min-heap of those
// times is played forward: the provider free first takes the visit "take next"
// would give them (highest priority, then longest waiting, among the states
// they are licensed in), and is free again one mean visit duration of that
// state later. The time a visit is taken is its wait. So a provider licensed in
// several states is shared between them exactly as the scheduler shares them,
// never counted twice, and a state whose providers are all busy with other
// states' patients gets honest (long) waits.
//
// Not optimistic by construction: each provider's free time carries the
// uncertainty of the visits before it (variance adds up along the chain: the
// spread squared per visit, for a visit in progress the whole spread squared),
// and the estimate is mean + marginFactor * standard deviation of that chain.
// With the default factor of 0.5 an estimate is about the 69th percentile of
// the time a single provider's chain takes (normal approximation); the
// scheduling order uses the same conservative times, so estimates never
// decrease along a state's queue. The replay uses expected free times; the
// first of several busy providers really frees up sooner on average than those
// say (the minimum of random times is below the minimum of their means), which
// also leans the estimates long rather than short.
//
// No estimate is below kShortestWait: even with a provider free, a person has
// to see the new patient and take them, so "0 s" would be a promise that is
// always broken, if only by seconds.
class WaitEstimator {
public:
    static constexpr double kDefaultMarginFactor = 0.5;
    static constexpr int kMaxPosition = 100000;
    static constexpr std::chrono::seconds kShortestWait{60};

    explicit WaitEstimator(double marginFactor = kDefaultMarginFactor);

    double marginFactor() const { return m_marginFactor; }

    // One estimate per visit, in the order of snapshot.visits; nullopt for a
    // visit no available provider may take.
    std::vector<std::optional<std::chrono::seconds>> estimate(const QueueSnapshot &snapshot) const;

    // The wait of a visit joining `state`'s queue now (at the end of its
    // priority class, after every visit already there).
    std::optional<std::chrono::seconds> estimateNewArrival(const QueueSnapshot &snapshot,
                                                           std::string_view state, int priority,
                                                           std::chrono::sys_seconds now) const;

    // One state on its own: the wait of the patient at `position` (1-based) in
    // line, with `providerCount` distinct providers available for the state,
    // some busy for the given elapsed times (at most providerCount are used).
    // nullopt when providerCount or position is below 1, or position is above
    // kMaxPosition.
    std::optional<std::chrono::seconds>
    estimateAtPosition(int position, int providerCount,
                       const std::vector<std::chrono::seconds> &ongoingElapsed,
                       const VisitDurationStats &durations) const;

private:
    double m_marginFactor;
};

} // namespace caredesk::domain
