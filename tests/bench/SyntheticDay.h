#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace caredesk::bench {

// Times of the simulated day are offsets from midnight UTC of its date.
using DayTime = std::chrono::seconds;

struct SimulatedState {
    std::string code;
    int utcOffsetHours = 0;         // the local clock its hours and rush hours follow
    double peakArrivalsPerHour = 0; // at the busiest local hours
    double meanVisitMinutes = 0;    // video visit, start to completion
};

// Logged in and available for take-next from `from` until `to`.
struct DutyPeriod {
    DayTime from{0};
    DayTime to{0};
};

struct SimulatedProvider {
    std::string username;
    std::vector<std::string> states; // licensed in, all verified and in force
    std::vector<DutyPeriod> duty;    // in order; the gaps are breaks
};

struct SimulatedPatient {
    std::string state;
    DayTime arrival{0};
    std::chrono::seconds visitLength{0}; // start of the video visit to completion
    std::chrono::seconds joinDelay{0};   // assignment to the start of the video visit
    std::chrono::seconds patience{0};    // leaves the queue if still waiting this long
};

struct DayOptions {
    std::uint64_t seed = 1;
    // Patients arrive only in [arrivalsFrom, arrivalsUntil) (and within their
    // state's hours); the default covers the whole day.
    DayTime arrivalsFrom{0};
    DayTime arrivalsUntil{std::chrono::hours(48)};
    // Arrivals at this multiple of the rates the roster was planned for (a
    // surge when above 1).
    double demandFactor = 1.0;
    // Nobody licensed in this state logs in before lateUntil (a late start:
    // its patients arrive to no provider at all). Empty: everyone on time.
    std::string lateState;
    DayTime lateUntil{0};
};

// A synthetic but plausible day of an on-demand service, fixed by a seed:
// four states in four time zones, open 08:00-22:00 local, with arrivals that
// rise to a late-morning and an evening rush (Poisson, thinned by the hour's
// rate); lognormal visit lengths with a per-state mean; providers on shifts
// with breaks, some licensed in several states. Staffing follows the expected
// demand per state and hour at kPlannedUtilisation, in layers: the k-th
// provider of a state works whenever the state needs at least k, so shifts
// start and end through the day as a real roster's do.
class SyntheticDay {
public:
    static constexpr int kOpensAtLocalHour = 8;
    static constexpr int kClosesAtLocalHour = 22;
    static constexpr double kPlannedUtilisation = 0.9;
    static constexpr double kVisitLengthVariation = 0.5; // coefficient of variation
    // How providers and patients behave around the visits themselves.
    static constexpr double kJoinMeanSeconds = 45; // patient joins the video after assignment
    static constexpr double kJoinVariation = 0.6;
    static constexpr double kNoticeMinSeconds = 5; // an idle provider takes a new patient
    static constexpr double kNoticeMaxSeconds = 30;
    static constexpr double kTurnaroundMinSeconds = 15; // after completing, before take-next
    static constexpr double kTurnaroundMaxSeconds = 75;
    static constexpr double kPatienceMeanMinutes = 240; // exponential
    // Providers stay this long after closing to see the patients still waiting.
    static constexpr std::chrono::minutes kStayAfterClosing{60};

    explicit SyntheticDay(const DayOptions &options);

    static std::vector<SimulatedState> defaultStates();

    const DayOptions &options() const { return m_options; }
    const std::vector<SimulatedState> &states() const { return m_states; }
    const std::vector<SimulatedProvider> &providers() const { return m_providers; }
    // By arrival.
    const std::vector<SimulatedPatient> &patients() const { return m_patients; }
    const SimulatedState &state(const std::string &code) const;

    DayTime opensAt(const SimulatedState &state) const;
    DayTime closesAt(const SimulatedState &state) const;
    // Arrivals per hour the roster plans for at `at` (zero outside the state's
    // hours); patients arrive at DayOptions::demandFactor times this.
    double arrivalsPerHour(const SimulatedState &state, DayTime at) const;

private:
    void planRoster();
    void startLate();
    void drawPatients();

    DayOptions m_options;
    std::vector<SimulatedState> m_states;
    std::vector<SimulatedProvider> m_providers;
    std::vector<SimulatedPatient> m_patients;
};

} // namespace caredesk::bench
