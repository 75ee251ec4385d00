#include "domain/WaitEstimator.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <numeric>
#include <queue>
#include <tuple>

namespace caredesk::domain {

namespace {

// Planning figures of one state's visits.
struct StateFigures {
    double meanSeconds;
    double varianceSeconds2;
};

// A provider in the replay: when they are free, as mean and accumulated variance.
struct ProviderClock {
    double freeAtSeconds = 0;
    double varianceSeconds2 = 0;
    std::vector<std::size_t> queues; // indexes into the per-state queues
};

// A visit's place in the take-next order: (priority desc, arrival asc, input order).
bool takenBefore(const QueuedVisit &a, std::size_t aIndex, const QueuedVisit &b,
                 std::size_t bIndex) {
    return std::tuple(-static_cast<std::int64_t>(a.priority), a.arrivedAt, aIndex) <
           std::tuple(-static_cast<std::int64_t>(b.priority), b.arrivedAt, bIndex);
}

const VisitDurationStats &durationsOf(const QueueSnapshot &snapshot, std::string_view state) {
    static const VisitDurationStats kDefaults;
    const auto found = snapshot.durations.find(state);
    return found == snapshot.durations.end() ? kDefaults : found->second;
}

} // namespace

WaitEstimator::WaitEstimator(double marginFactor)
    : m_marginFactor(std::max(marginFactor, 0.0)) {}

std::vector<std::optional<std::chrono::seconds>>
WaitEstimator::estimate(const QueueSnapshot &snapshot) const {
    const auto &visits = snapshot.visits;
    std::vector<std::optional<std::chrono::seconds>> waits(visits.size());

    // Global take-next order, then one queue per state in that order.
    std::vector<std::size_t> order(visits.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(), [&visits](std::size_t a, std::size_t b) {
        return takenBefore(visits[a], a, visits[b], b);
    });
    std::vector<std::size_t> rank(visits.size());
    for (std::size_t position = 0; position < order.size(); ++position)
        rank[order[position]] = position;

    std::map<std::string_view, std::size_t> queueOfState;
    std::vector<std::vector<std::size_t>> queues; // visit indexes, in take-next order
    std::vector<StateFigures> figures;
    for (const std::size_t index : order) {
        const std::string_view state = visits[index].state;
        auto [entry, added] = queueOfState.emplace(state, queues.size());
        if (added) {
            queues.emplace_back();
            const auto &stats = durationsOf(snapshot, state);
            const double spread = stats.spreadSeconds();
            figures.push_back({stats.meanSeconds(), spread * spread});
        }
        queues[entry->second].push_back(index);
    }
    std::vector<std::size_t> heads(queues.size(), 0);

    std::vector<ProviderClock> clocks;
    for (const AvailableProvider &provider : snapshot.providers) {
        ProviderClock clock;
        for (const auto &state : provider.states) {
            const auto found = queueOfState.find(state);
            if (found != queueOfState.end() && std::find(clock.queues.begin(), clock.queues.end(),
                                                         found->second) == clock.queues.end())
                clock.queues.push_back(found->second);
        }
        if (clock.queues.empty())
            continue; // nobody in line this provider may see
        if (provider.current) {
            const auto &stats = durationsOf(snapshot, provider.current->state);
            const double spread = stats.spreadSeconds();
            clock.freeAtSeconds = stats.expectedRemainingSeconds(provider.current->elapsed);
            clock.varianceSeconds2 = spread * spread;
        }
        clocks.push_back(std::move(clock));
    }

    const auto conservativeFreeAt = [this](const ProviderClock &clock) {
        return clock.freeAtSeconds + m_marginFactor * std::sqrt(clock.varianceSeconds2);
    };
    // Min-heap on the conservative free time; ties go to the earlier provider
    // in the input, so the replay is deterministic.
    using Entry = std::pair<double, std::size_t>;
    std::priority_queue<Entry, std::vector<Entry>, std::greater<>> freeFirst;
    for (std::size_t i = 0; i < clocks.size(); ++i)
        freeFirst.emplace(conservativeFreeAt(clocks[i]), i);

    while (!freeFirst.empty()) {
        const auto [freeAt, providerIndex] = freeFirst.top();
        freeFirst.pop();
        ProviderClock &clock = clocks[providerIndex];

        std::optional<std::size_t> chosenQueue;
        for (const std::size_t queue : clock.queues) {
            if (heads[queue] >= queues[queue].size())
                continue;
            const std::size_t candidate = queues[queue][heads[queue]];
            if (!chosenQueue || rank[candidate] < rank[queues[*chosenQueue][heads[*chosenQueue]]])
                chosenQueue = queue;
        }
        if (!chosenQueue)
            continue; // every queue this provider serves is empty: out of the replay

        const std::size_t visit = queues[*chosenQueue][heads[*chosenQueue]++];
        waits[visit] = std::max(kShortestWait,
                                std::chrono::seconds{static_cast<std::int64_t>(std::ceil(freeAt))});
        clock.freeAtSeconds += figures[*chosenQueue].meanSeconds;
        clock.varianceSeconds2 += figures[*chosenQueue].varianceSeconds2;
        freeFirst.emplace(conservativeFreeAt(clock), providerIndex);
    }
    return waits;
}

std::optional<std::chrono::seconds>
WaitEstimator::estimateNewArrival(const QueueSnapshot &snapshot, std::string_view state,
                                  int priority, std::chrono::sys_seconds now) const {
    QueueSnapshot withArrival = snapshot;
    for (const QueuedVisit &visit : withArrival.visits)
        now = std::max(now, visit.arrivedAt); // it arrives after everyone already in line
    withArrival.visits.push_back(QueuedVisit{std::string(state), priority, now});
    return estimate(withArrival).back();
}

std::optional<std::chrono::seconds>
WaitEstimator::estimateAtPosition(int position, int providerCount,
                                  const std::vector<std::chrono::seconds> &ongoingElapsed,
                                  const VisitDurationStats &durations) const {
    if (position < 1 || position > kMaxPosition || providerCount < 1)
        return std::nullopt;
    static constexpr std::string_view kState = "state";
    QueueSnapshot snapshot;
    snapshot.durations.emplace(std::string(kState), durations);
    for (int i = 0; i < position; ++i)
        snapshot.visits.push_back(
            QueuedVisit{std::string(kState), 0, std::chrono::sys_seconds{std::chrono::seconds{i}}});
    // More providers than patients ahead plus busy ones change nothing.
    const auto relevantProviders =
        std::min<std::size_t>(static_cast<std::size_t>(providerCount),
                              static_cast<std::size_t>(position) + ongoingElapsed.size());
    for (std::size_t i = 0; i < relevantProviders; ++i) {
        AvailableProvider provider{{std::string(kState)}, std::nullopt};
        if (i < ongoingElapsed.size())
            provider.current = OngoingVisit{std::string(kState), ongoingElapsed[i]};
        snapshot.providers.push_back(std::move(provider));
    }
    return estimate(snapshot).back();
}

} // namespace caredesk::domain
