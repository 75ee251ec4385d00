#pragma once

#include <QColor>
#include <QString>

namespace caredesk::console {

struct ProviderStatusRow;

// How the console speaks of a provider's status and shift. Times are shown in
// this workstation's zone; "now" is the server's clock (ms since the epoch).

// What routing sees, in the order it matters: in a visit, offline, outside
// their shift, on a break, available.
enum class ProviderStanding { Available, InVisit, OnBreak, Offline, OffShift };

ProviderStanding standingOf(const ProviderStatusRow &provider);
// "Available", "In visit", "On break", "Offline", or off shift with why:
// "Off shift — shift ended 19:00", "Off shift — starts 07:00".
QString providerStatusText(const ProviderStatusRow &provider, qint64 nowMs);
// The colour of the dot beside a status.
QColor standingColour(ProviderStanding standing);
// "07:00–19:00", "until 19:00", "from Tue 07:00"; "" without a shift. A time
// on another day than today names the day.
QString shiftText(const ProviderStatusRow &provider, qint64 nowMs);
// A time of day as the board writes it, with the day when it is not today.
QString timeOfDayText(qint64 atMs, qint64 nowMs);
// The locale's short time format to the minute ("HH:mm", "h:mm AP"): some
// locales' short format carries seconds, which a shift does not have.
QString hourMinuteFormat();

} // namespace caredesk::console
