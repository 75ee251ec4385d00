#pragma once

#include <QMetaType>
#include <optional>

namespace caredesk::console {

// A provider's shift as someone asks to set it: their own (no providerId) or,
// for an admin, anyone's. Neither time clears the shift. Times are ms since
// the epoch.
struct ShiftRequest {
    std::optional<qint64> providerId;
    std::optional<qint64> startsAtMs;
    std::optional<qint64> endsAtMs;
    bool operator==(const ShiftRequest &) const = default;
};

} // namespace caredesk::console

Q_DECLARE_METATYPE(caredesk::console::ShiftRequest)
