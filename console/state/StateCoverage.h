#pragma once

namespace caredesk::console {

// How well a state is covered by its licensed providers right now, from the
// counts of its queue row. The two flagged levels are the ones staff act on:
// patients wait and nobody licensed is free to see them.
enum class StateCoverage {
    Closed,         // closed now and nobody waiting
    Covered,        // a licensed provider is free now
    Unstaffed,      // open and nobody waiting, but no licensed provider is free
    NoProviderFree, // flagged: patients wait, providers are on shift, all busy or on break
    Uncovered,      // flagged: patients wait and no licensed provider is on shift at all
};

constexpr bool isFlagged(StateCoverage coverage) {
    return coverage == StateCoverage::NoProviderFree || coverage == StateCoverage::Uncovered;
}

// Larger is more urgent: for sorting the worst first.
constexpr int severity(StateCoverage coverage) {
    switch (coverage) {
    case StateCoverage::Closed:
        return 0;
    case StateCoverage::Covered:
        return 1;
    case StateCoverage::Unstaffed:
        return 2;
    case StateCoverage::NoProviderFree:
        return 3;
    case StateCoverage::Uncovered:
        return 4;
    }
    return 0;
}

} // namespace caredesk::console
