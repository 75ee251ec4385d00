#include "SyntheticDay.h"

#include "SimulationRandom.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>

namespace caredesk::bench {

namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

// Share of the peak arrival rate per local hour: a late-morning rush, a
// mid-afternoon lull, an evening rush, a quiet last hour.
constexpr std::array<double, 24> kHourShape{0,  0,  0,   0,  0,  0,   0,   0,  .55, .85, 1.0, 1.0,
                                            .9, .8, .75, .8, .9, 1.0, 1.0, .9, .7,  .5,  0,   0};

// Random streams, one per purpose (see SimulationRandom).
constexpr std::uint64_t kArrivalStream = 100;
constexpr std::uint64_t kPatientStream = 200;

// Expected time a provider spends per patient besides the video visit itself
// (the patient joining, the provider taking the next one): for staffing only.
constexpr double kHandoverMinutes = 1.5;
constexpr auto kMinimumShift = hours(2);
constexpr auto kLongestShift = hours(9);
constexpr auto kBreak = minutes(30);
constexpr auto kShiftWithBreak = hours(5);

seconds secondsOf(double value) {
    return seconds{static_cast<std::int64_t>(std::llround(value))};
}

// A neighbouring state's code for providers licensed in two states.
const std::string &neighbourOf(const std::vector<SimulatedState> &states, std::size_t index) {
    return states[(index + 1) % states.size()].code;
}

} // namespace

SyntheticDay::SyntheticDay(const DayOptions &options)
    : m_options(options)
    , m_states(defaultStates()) {
    planRoster();
    if (!m_options.lateState.empty())
        startLate();
    drawPatients();
}

void SyntheticDay::startLate() {
    for (auto &provider : m_providers) {
        if (std::find(provider.states.begin(), provider.states.end(), m_options.lateState) ==
            provider.states.end())
            continue;
        std::erase_if(provider.duty,
                      [&](const DutyPeriod &period) { return period.to <= m_options.lateUntil; });
        for (auto &period : provider.duty)
            period.from = std::max(period.from, m_options.lateUntil);
    }
    std::erase_if(m_providers, [](const SimulatedProvider &p) { return p.duty.empty(); });
}

std::vector<SimulatedState> SyntheticDay::defaultStates() {
    // Summer-time offsets; arrival rates and visit lengths of a mid-sized service.
    return {
        {"NY", -4, 30, 12},
        {"TX", -5, 22, 14},
        {"CO", -6, 10, 16},
        {"CA", -7, 24, 13},
    };
}

const SimulatedState &SyntheticDay::state(const std::string &code) const {
    const auto it = std::find_if(m_states.begin(), m_states.end(),
                                 [&](const SimulatedState &s) { return s.code == code; });
    if (it == m_states.end())
        throw std::out_of_range("no simulated state " + code);
    return *it;
}

DayTime SyntheticDay::opensAt(const SimulatedState &state) const {
    return hours(kOpensAtLocalHour - state.utcOffsetHours);
}

DayTime SyntheticDay::closesAt(const SimulatedState &state) const {
    return hours(kClosesAtLocalHour - state.utcOffsetHours);
}

double SyntheticDay::arrivalsPerHour(const SimulatedState &state, DayTime at) const {
    if (at < opensAt(state) || at >= closesAt(state))
        return 0;
    const auto localHour = std::chrono::floor<hours>(at + hours(state.utcOffsetHours)).count() % 24;
    return state.peakArrivalsPerHour * kHourShape[static_cast<std::size_t>(localHour)];
}

void SyntheticDay::planRoster() {
    int made = 0;
    for (std::size_t s = 0; s < m_states.size(); ++s) {
        const SimulatedState &state = m_states[s];
        // Providers the state needs in each of its open hours.
        std::vector<int> needed;
        for (DayTime hour = opensAt(state); hour < closesAt(state); hour += hours(1)) {
            const double busy =
                arrivalsPerHour(state, hour) * (state.meanVisitMinutes + kHandoverMinutes) / 60.0;
            needed.push_back(
                std::max(1, static_cast<int>(std::lround(busy / kPlannedUtilisation))));
        }
        const int most = *std::max_element(needed.begin(), needed.end());
        for (int layer = 1; layer <= most; ++layer) {
            for (std::size_t h = 0; h < needed.size();) {
                if (needed[h] < layer) {
                    ++h;
                    continue;
                }
                std::size_t end = h;
                while (end < needed.size() && needed[end] >= layer)
                    ++end;
                DayTime from = opensAt(state) + hours(h);
                DayTime to = opensAt(state) + hours(end);
                if (to == closesAt(state))
                    to += kStayAfterClosing;
                to = std::max(to, from + seconds(kMinimumShift));
                // A long stretch is two shifts, one after the other.
                std::vector<DutyPeriod> shifts;
                if (to - from > kLongestShift) {
                    const auto half = std::chrono::floor<minutes>((to - from) / 2);
                    shifts.push_back({from, from + half});
                    shifts.push_back({from + half, to});
                } else {
                    shifts.push_back({from, to});
                }
                for (const DutyPeriod &shift : shifts) {
                    ++made;
                    SimulatedProvider provider;
                    provider.username = "provider" + std::to_string(made);
                    provider.states = {state.code};
                    if (made % 10 == 0) {
                        for (const auto &other : m_states)
                            if (other.code != state.code)
                                provider.states.push_back(other.code);
                    } else if (made % 3 == 0) {
                        provider.states.push_back(neighbourOf(m_states, s));
                    }
                    if (shift.to - shift.from >= kShiftWithBreak) {
                        // Breaks near the middle, staggered so that not everyone leaves at once.
                        const auto middle = shift.from + (shift.to - shift.from) / 2;
                        const auto breakStart =
                            std::chrono::floor<minutes>(middle - kBreak + minutes(15 * (made % 3)));
                        provider.duty.push_back({shift.from, breakStart});
                        provider.duty.push_back({breakStart + kBreak, shift.to});
                    } else {
                        provider.duty.push_back(shift);
                    }
                    m_providers.push_back(std::move(provider));
                }
                h = end;
            }
        }
    }
}

void SyntheticDay::drawPatients() {
    for (std::size_t s = 0; s < m_states.size(); ++s) {
        const SimulatedState &state = m_states[s];
        SimulationRandom arrivals(m_options.seed, kArrivalStream + s);
        SimulationRandom traits(m_options.seed, kPatientStream + s);
        // Thinning: candidates at the peak rate, each kept with the hour's share of it.
        const double factor = std::max(m_options.demandFactor, 0.01);
        const double peak = state.peakArrivalsPerHour * factor;
        const double from = static_cast<double>(opensAt(state).count());
        const double until = static_cast<double>(closesAt(state).count());
        for (double at = from + arrivals.exponential(3600.0 / peak); at < until;
             at += arrivals.exponential(3600.0 / peak)) {
            const auto when = secondsOf(at);
            if (arrivals.uniform() * peak >= factor * arrivalsPerHour(state, when))
                continue;
            // Drawn before the window applies, so a patient is the same in any window.
            SimulatedPatient patient;
            patient.state = state.code;
            patient.arrival = when;
            patient.visitLength = std::max(
                seconds(60),
                secondsOf(traits.lognormal(state.meanVisitMinutes * 60, kVisitLengthVariation)));
            patient.joinDelay = secondsOf(traits.lognormal(kJoinMeanSeconds, kJoinVariation));
            patient.patience = secondsOf(traits.exponential(kPatienceMeanMinutes * 60));
            if (when >= m_options.arrivalsFrom && when < m_options.arrivalsUntil)
                m_patients.push_back(std::move(patient));
        }
    }
    std::stable_sort(
        m_patients.begin(), m_patients.end(),
        [](const SimulatedPatient &a, const SimulatedPatient &b) { return a.arrival < b.arrival; });
}

} // namespace caredesk::bench
