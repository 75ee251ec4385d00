#pragma once

#include <chrono>
#include <cstddef>
#include <deque>
#include <vector>

namespace caredesk::domain {

// A rolling measure of how long a state's visits really take: the last
// `window` completed visits (start of the video visit to completion).
//
// With little or no history the figures lean on a default of 15 minutes with a
// spread of 7.5 minutes, weighted like kPriorWeight visits: a new state starts
// at the default and moves to its own figures as visits complete, instead of
// trusting the first one or two visits completely.
class VisitDurationStats {
public:
    static constexpr std::size_t kDefaultWindow = 50;
    static constexpr std::chrono::seconds kDefaultMean{15 * 60};
    static constexpr std::chrono::seconds kDefaultSpread{450};
    static constexpr double kPriorWeight = 5.0;
    // A recorded duration above this is counted as this: a visit left open by
    // mistake must not make every estimate of the state absurd.
    static constexpr std::chrono::seconds kLongestCounted{4 * 3600};
    // Tail estimates for a visit in progress need this many longer visits.
    static constexpr std::size_t kMinTailSamples = 5;

    explicit VisitDurationStats(std::size_t window = kDefaultWindow);
    // The most recent durations, oldest first (as read back from storage).
    VisitDurationStats(const std::vector<std::chrono::seconds> &oldestFirst,
                       std::size_t window = kDefaultWindow);

    // Adds a completed visit; the oldest one beyond the window is forgotten.
    // Zero and negative durations are ignored.
    void record(std::chrono::seconds duration);

    std::size_t sampleCount() const { return m_samples.size(); }
    std::size_t window() const { return m_window; }

    // Mean and standard deviation of the recorded visits blended with the
    // default (the mixture of the samples and kPriorWeight default visits).
    double meanSeconds() const;
    double spreadSeconds() const;
    std::chrono::seconds mean() const;
    std::chrono::seconds spread() const;

    // How much longer a visit that has run for `elapsed` is expected to take:
    // the mean overrun of the recorded visits that lasted longer than `elapsed`
    // when there are at least kMinTailSamples of them; otherwise the larger of
    // (mean - elapsed) and a quarter of the mean, so a visit already past the
    // usual length still counts as taking a while rather than ending now.
    double expectedRemainingSeconds(std::chrono::seconds elapsed) const;

private:
    std::size_t m_window;
    std::deque<std::chrono::seconds> m_samples;
};

} // namespace caredesk::domain
