#include "domain/VisitDurationStats.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace caredesk::domain {

namespace {

double toSeconds(std::chrono::seconds value) {
    return static_cast<double>(value.count());
}

std::chrono::seconds roundedUp(double seconds) {
    return std::chrono::seconds{static_cast<std::int64_t>(std::ceil(seconds))};
}

} // namespace

VisitDurationStats::VisitDurationStats(std::size_t window)
    : m_window(std::max<std::size_t>(window, 1)) {}

VisitDurationStats::VisitDurationStats(const std::vector<std::chrono::seconds> &oldestFirst,
                                       std::size_t window)
    : VisitDurationStats(window) {
    for (const auto duration : oldestFirst)
        record(duration);
}

void VisitDurationStats::record(std::chrono::seconds duration) {
    if (duration <= std::chrono::seconds{0})
        return;
    m_samples.push_back(std::min(duration, kLongestCounted));
    while (m_samples.size() > m_window)
        m_samples.pop_front();
}

double VisitDurationStats::meanSeconds() const {
    double sum = kPriorWeight * toSeconds(kDefaultMean);
    for (const auto sample : m_samples)
        sum += toSeconds(sample);
    return sum / (kPriorWeight + static_cast<double>(m_samples.size()));
}

double VisitDurationStats::spreadSeconds() const {
    // Variance of the mixture: each sample, plus kPriorWeight visits spread
    // around the default mean with the default spread.
    const double mean = meanSeconds();
    const double priorMeanGap = toSeconds(kDefaultMean) - mean;
    double sumSquares = kPriorWeight * (toSeconds(kDefaultSpread) * toSeconds(kDefaultSpread) +
                                        priorMeanGap * priorMeanGap);
    for (const auto sample : m_samples) {
        const double gap = toSeconds(sample) - mean;
        sumSquares += gap * gap;
    }
    return std::sqrt(sumSquares / (kPriorWeight + static_cast<double>(m_samples.size())));
}

std::chrono::seconds VisitDurationStats::mean() const {
    return roundedUp(meanSeconds());
}

std::chrono::seconds VisitDurationStats::spread() const {
    return roundedUp(spreadSeconds());
}

double VisitDurationStats::expectedRemainingSeconds(std::chrono::seconds elapsed) const {
    const double ran = toSeconds(std::max(elapsed, std::chrono::seconds{0}));
    double overrunSum = 0;
    std::size_t longer = 0;
    for (const auto sample : m_samples) {
        if (toSeconds(sample) > ran) {
            overrunSum += toSeconds(sample) - ran;
            ++longer;
        }
    }
    if (longer >= kMinTailSamples)
        return overrunSum / static_cast<double>(longer);
    const double mean = meanSeconds();
    return std::max(mean - ran, mean / 4);
}

} // namespace caredesk::domain
