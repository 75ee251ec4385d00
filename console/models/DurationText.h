#pragma once

#include <QString>

namespace caredesk::console {

// How the board writes lengths of time.

// A running clock: "0:45", "12:07", "1:02:03". Negative counts as zero.
QString clockText(qint64 seconds);
// An estimate, rounded up to the minute: "< 1 min", "12 min", "1 h 05 min".
QString estimateText(qint64 seconds);

} // namespace caredesk::console
