#pragma once

#include "domain/StateStatus.h"

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
    qint64 providersAvailable = 0;
    std::optional<qint64> closesAtMs;
    std::optional<qint64> nextOpenAtMs;

    // Patients are waiting and nobody licensed for the state can see them.
    bool needsAttention() const { return waiting > 0 && providersAvailable == 0; }
    bool operator==(const StateQueueRow &) const = default;

    static StateQueueRow fromProtocol(const protocol::StateQueue &queue);
};

} // namespace caredesk::console
