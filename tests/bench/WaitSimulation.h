#pragma once

#include "SyntheticDay.h"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace caredesk::bench {

// What happened to one patient of the day.
struct ArrivalRecord {
    std::size_t patient = 0; // index into SyntheticDay::patients()
    std::int64_t visitId = 0;
    int position = 0; // place in the state's line on arrival, 1 = first
    // The estimate the patient was shown on arrival (the intake reply's).
    std::optional<std::chrono::seconds> estimate;
    // Providers the board counted for the state on arrival, and the providers
    // the simulation itself had on duty for it then: an arrival without an
    // estimate must have both at zero.
    int boardProviders = 0;
    int providersOnDuty = 0;
    std::optional<DayTime> assignedAt; // by take-next; the wait ends here
    std::optional<std::size_t> provider;
    std::optional<DayTime> leftAt; // cancelled while waiting
};

// An estimate shown to a patient already waiting (sampled whenever the board
// is loaded for an arrival), to compare with the wait that was still ahead.
struct WaitingSample {
    std::size_t arrival = 0; // index into SimulationOutcome::arrivals
    DayTime at{0};
    int position = 0;
    std::chrono::seconds estimate{0};
};

struct SimulationOutcome {
    std::vector<ArrivalRecord> arrivals; // in arrival order
    std::vector<WaitingSample> waitingSamples;
    int claims = 0;      // take-next calls
    int emptyClaims = 0; // ... that found nobody to take
    // Integrity, read back from the database at the end.
    int assignmentEvents = 0;    // visit_events rows into 'assigned'
    int visitsAssignedTwice = 0; // visits with more than one such row
    int assignmentsOutsideLicense = 0;
    int assignmentMismatches = 0; // database and simulation disagree on who took a visit
    std::chrono::milliseconds elapsed{0};
};

// Replays a SyntheticDay through the real scheduler on a real PostgreSQL
// database, on a simulated clock.
//
// Every change goes through the product's code as the server runs it: visits
// are filed with VisitScheduler::createVisit after QueueBoard::load and
// newArrivalWait (the intake path), providers go on and off duty with
// setAvailability, take the next patient with claimNext (the SQL that picks and
// locks the visit) and start and complete visits with transition. PostgreSQL's
// now() is the real time, so right after each change, in the same
// transaction, the timestamps it set (requested_at, assigned_at, started_at,
// ended_at) are rewritten to the simulated instant, and the board is loaded
// "as of" the simulated instant. Queue order, durations of recent visits and
// the elapsed time of visits in progress are then all read from those
// simulated timestamps by the product's own queries. The simulated day is
// placed two days in the past, so licenses and the window of recent visits
// (which follow the real clock) behave as on the day itself.
//
// Every state starts with the history of 50 completed visits drawn from its
// own distribution, as the previous evening would leave it. Intake rules
// (hours, caps, busy) are not exercised: every arrival is filed.
class WaitSimulation {
public:
    WaitSimulation(const SyntheticDay &day, std::string connectionString);

    SimulationOutcome run();

private:
    const SyntheticDay &m_day;
    std::string m_connectionString;
};

} // namespace caredesk::bench
