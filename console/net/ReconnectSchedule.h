#pragma once

#include <chrono>
#include <functional>

namespace caredesk::console {

struct ReconnectPolicy {
    std::chrono::milliseconds initialDelay{500};
    std::chrono::milliseconds maximumDelay{30'000};
    // A connection that lasts this long counts as stable and resets the backoff;
    // a server that accepts and then drops us at once keeps backing off.
    std::chrono::milliseconds stableAfter{10'000};
};

// Exponential backoff with full jitter: attempt n waits a uniformly random time
// in [0, min(maximumDelay, initialDelay * 2^(n-1))]. The jitter spreads the
// consoles of a whole shift, which all lose the server at the same moment, over
// the window instead of having them knock again in lockstep.
class ReconnectSchedule {
public:
    // Returns a uniformly distributed value in [0, 1).
    using UnitRandom = std::function<double()>;

    explicit ReconnectSchedule(ReconnectPolicy policy = {}, UnitRandom random = {});

    // Advances to the next attempt and returns how long to wait before it.
    std::chrono::milliseconds nextDelay();
    // The upper bound of the delay for a given attempt (counting from 1).
    std::chrono::milliseconds ceilingFor(int attempt) const;
    // The attempt that the last nextDelay() was for; 0 before the first.
    int attempt() const { return m_attempt; }
    void reset() { m_attempt = 0; }

    const ReconnectPolicy &policy() const { return m_policy; }

private:
    ReconnectPolicy m_policy;
    UnitRandom m_random;
    int m_attempt = 0;
};

} // namespace caredesk::console
