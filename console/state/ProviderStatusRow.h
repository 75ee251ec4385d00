#pragma once

#include "domain/ProviderAvailability.h"

#include <QMetaType>
#include <QString>
#include <QStringList>
#include <optional>

namespace caredesk::protocol {
struct ProviderStatus;
}

namespace caredesk::console {

// One provider on the coverage board, in Qt types, as the queue stream last
// described them.
struct ProviderStatusRow {
    qint64 id = 0;
    QString displayName;
    // What they are now: in a visit, or what they set.
    domain::AvailabilityStatus status = domain::AvailabilityStatus::Offline;
    QStringList states;  // codes where a license is in force now, sorted
    bool onShift = true; // within their shift, or no shift set
    std::optional<qint64> shiftStartsAtMs;
    std::optional<qint64> shiftEndsAtMs;
    std::optional<qint64> statusSinceMs;

    // Offered the next patient now: available and within their shift.
    bool isFree() const { return status == domain::AvailabilityStatus::Available && onShift; }
    bool isLicensedIn(const QString &stateCode) const { return states.contains(stateCode); }
    bool hasShift() const { return shiftStartsAtMs || shiftEndsAtMs; }
    bool operator==(const ProviderStatusRow &) const = default;

    static ProviderStatusRow fromProtocol(const protocol::ProviderStatus &provider);
};

} // namespace caredesk::console

Q_DECLARE_METATYPE(caredesk::console::ProviderStatusRow)
