#pragma once

#include "domain/StateStatus.h"
#include "state/StateCoverage.h"

#include <QString>
#include <optional>

namespace caredesk::protocol {
struct StateQueue;
}

namespace caredesk::console {

// One state's queue on the board's overview, in Qt types.
struct StateQueueRow {
    QString code; // "AZ"
    QString name; // "Arizona"
    QString timeZone;
    domain::StateStatus status = domain::StateStatus::Closed;       // in effect now
    domain::StateStatus manualStatus = domain::StateStatus::Closed; // as staff set it
    qint64 waiting = 0;
    qint64 longestWaitSeconds = 0;
    std::optional<qint64> estimatedWaitSeconds; // none: no licensed provider available
    // Active providers with a license in force here: all of them, those on
    // shift (signed on and within their shift), those free to take the next
    // patient now, and those with a visit assigned or in progress.
    qint64 providersLicensed = 0;
    qint64 providersOnShift = 0;
    qint64 providersAvailable = 0;
    qint64 providersInVisit = 0;
    std::optional<qint64> closesAtMs;
    std::optional<qint64> nextOpenAtMs;

    StateCoverage coverage() const {
        if (waiting > 0) {
            // Patients told they will be seen must be, open or closed by now.
            if (providersAvailable > 0)
                return StateCoverage::Covered;
            return providersOnShift > 0 ? StateCoverage::NoProviderFree : StateCoverage::Uncovered;
        }
        if (status == domain::StateStatus::Closed)
            return StateCoverage::Closed;
        return providersAvailable > 0 ? StateCoverage::Covered : StateCoverage::Unstaffed;
    }
    // Patients are waiting and nobody licensed for the state is free to see them.
    bool needsAttention() const { return isFlagged(coverage()); }
    bool operator==(const StateQueueRow &) const = default;

    static StateQueueRow fromProtocol(const protocol::StateQueue &queue);
};

} // namespace caredesk::console
