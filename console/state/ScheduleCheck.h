#pragma once

#include "protocol/StateSettingsMessages.h"

#include <QString>
#include <string>
#include <vector>

namespace caredesk::console {

// Something wrong with one field of a state's schedule, named by its path in
// the update_state_settings body without the "body." ("weekly.monday[1]",
// "closures[2].date"), as the server names it.
struct FieldProblem {
    QString field;
    QString message;
    bool operator==(const FieldProblem &) const = default;
};

// The rules the server applies to a schedule before saving it, checked here
// first so the admin sees every problem at once and next to its field: hours
// that overlap (overnight ones included), too many openings a day, a date
// given twice or both closed and special, a zone not among the state's, a
// note too long. The server still checks; this only saves a round trip.
std::vector<FieldProblem> checkSchedule(const protocol::StateSchedule &schedule,
                                        const std::vector<std::string> &timeZones);

} // namespace caredesk::console
