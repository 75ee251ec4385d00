#include "WaitSimulation.h"

#include "SimulationRandom.h"
#include "domain/Role.h"
#include "domain/TimeZoneDatabase.h"
#include "scheduling/QueueBoard.h"
#include "scheduling/VisitScheduler.h"
#include "security/SessionToken.h"
#include "storage/CaregiverRepository.h"
#include "storage/JurisdictionRepository.h"
#include "storage/Migrator.h"

#include <algorithm>
#include <map>
#include <pqxx/pqxx>
#include <queue>
#include <stdexcept>
#include <tuple>

namespace caredesk::bench {

namespace {

using server::QueueBoard;
using server::VisitActor;
using server::VisitScheduler;
using server::VisitStatus;
using std::chrono::seconds;
using std::chrono::sys_seconds;

constexpr std::uint64_t kHabitStream = 300;
constexpr std::uint64_t kHistoryStream = 400;
constexpr int kHistoryVisitsPerState = 50;

enum class EventKind { DutyStart, DutyEnd, Arrival, TryClaim, VisitStart, VisitEnd, PatienceOut };

struct Event {
    DayTime at{0};
    std::uint64_t sequence = 0; // same instant: first scheduled, first handled
    EventKind kind = EventKind::Arrival;
    std::size_t subject = 0; // provider index, or arrival index for Arrival and PatienceOut

    bool operator>(const Event &other) const {
        return std::tie(at, sequence) > std::tie(other.at, other.sequence);
    }
};

struct ProviderRun {
    std::int64_t caregiverId = 0;
    bool onDuty = false;
    bool claimPending = false;
    std::optional<std::size_t> arrival; // the patient they are assigned to or seeing
};

enum class PatientState { NotArrived, Queued, WithProvider, Done };

class DayReplay {
public:
    DayReplay(const SyntheticDay &day, const std::string &connectionString)
        : m_day(day)
        , m_connection(connectionString)
        , m_habits(day.options().seed, kHabitStream)
        // Two days back: every simulated instant is in the past, and recent.
        , m_dayStart(std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()) -
                     std::chrono::days(2)) {}

    SimulationOutcome run() {
        server::Migrator().migrate(m_connection);
        const DayTime start = firstInstant();
        prepareDatabase(start);
        scheduleDay(start);
        while (!m_events.empty() && !dayIsOver()) {
            const Event event = m_events.top();
            m_events.pop();
            handle(event);
        }
        verifyAssignments();
        return std::move(m_outcome);
    }

private:
    // --- setting up ---------------------------------------------------------------------------

    DayTime firstInstant() const {
        DayTime first = m_day.options().arrivalsFrom;
        DayTime earliestDuty = std::chrono::hours(48);
        for (const auto &provider : m_day.providers())
            earliestDuty = std::min(earliestDuty, provider.duty.front().from);
        return std::max(first, earliestDuty);
    }

    void prepareDatabase(DayTime start) {
        pqxx::work tx(m_connection);
        for (const auto &state : m_day.states())
            tx.exec_params0(
                "UPDATE jurisdictions SET enabled = true, status = 'open' WHERE code = $1",
                state.code);
        for (const auto &provider : m_day.providers()) {
            ProviderRun run;
            run.caregiverId = server::CaregiverRepository::create(
                tx, provider.username, provider.username, "unused", {domain::Role::Provider});
            for (const auto &state : provider.states)
                tx.exec_params0("INSERT INTO licenses (caregiver_id, jurisdiction_code, "
                                "  license_number, expires_on, verified_at) "
                                "VALUES ($1, $2, $3, DATE '2099-12-31', now())",
                                run.caregiverId, state, state + "-" + provider.username);
            m_providers.push_back(run);
        }
        // The previous evening's visits, one every ten minutes, ending before the day starts.
        SimulationRandom history(m_day.options().seed, kHistoryStream);
        for (const auto &state : m_day.states()) {
            for (int k = 0; k < kHistoryVisitsPerState; ++k) {
                const DayTime endedAt =
                    start - std::chrono::minutes(10 * (kHistoryVisitsPerState - k));
                const auto length = seconds(static_cast<std::int64_t>(history.lognormal(
                    state.meanVisitMinutes * 60, SyntheticDay::kVisitLengthVariation)));
                const DayTime startedAt = endedAt - length;
                tx.exec_params0(
                    "INSERT INTO visits (jurisdiction_code, status, requested_at, first_name, "
                    "  last_name, date_of_birth, reason, contact, patient_token_hash, "
                    "  assigned_provider_id, assigned_at, started_at, ended_at) "
                    "VALUES ($1, 'completed', to_timestamp($2::float8), 'Earlier', 'Patient', "
                    "  DATE '1980-01-01', 'an earlier visit', 'earlier@example.org', "
                    "  sha256(convert_to($1 || '-' || $5::text, 'UTF8')), $3, "
                    "  to_timestamp($2::float8), to_timestamp($4::float8), "
                    "  to_timestamp($6::float8))",
                    state.code, epoch(startedAt - std::chrono::minutes(1)),
                    m_providers.front().caregiverId, epoch(startedAt), k, epoch(endedAt));
            }
        }
        tx.commit();
    }

    void scheduleDay(DayTime start) {
        for (std::size_t p = 0; p < m_day.providers().size(); ++p) {
            for (const DutyPeriod &period : m_day.providers()[p].duty) {
                if (period.to <= start)
                    continue;
                schedule(std::max(period.from, start), EventKind::DutyStart, p);
                schedule(period.to, EventKind::DutyEnd, p);
            }
        }
        const auto &patients = m_day.patients();
        m_states.assign(patients.size(), PatientState::NotArrived);
        for (std::size_t i = 0; i < patients.size(); ++i) {
            ArrivalRecord record;
            record.patient = i;
            m_outcome.arrivals.push_back(record);
            schedule(patients[i].arrival, EventKind::Arrival, i);
        }
    }

    void schedule(DayTime at, EventKind kind, std::size_t subject) {
        m_events.push(Event{at, m_nextSequence++, kind, subject});
    }

    // Every patient has arrived and has been seen or has left.
    bool dayIsOver() const {
        return std::all_of(m_states.begin(), m_states.end(),
                           [](PatientState s) { return s == PatientState::Done; });
    }

    // --- the day ------------------------------------------------------------------------------

    void handle(const Event &event) {
        switch (event.kind) {
        case EventKind::DutyStart:
            return dutyStart(event.at, event.subject);
        case EventKind::DutyEnd:
            return dutyEnd(event.at, event.subject);
        case EventKind::Arrival:
            return arrive(event.at, event.subject);
        case EventKind::TryClaim:
            return tryClaim(event.at, event.subject);
        case EventKind::VisitStart:
            return startVisit(event.at, event.subject);
        case EventKind::VisitEnd:
            return endVisit(event.at, event.subject);
        case EventKind::PatienceOut:
            return leave(event.at, event.subject);
        }
    }

    void dutyStart(DayTime at, std::size_t p) {
        ProviderRun &provider = m_providers[p];
        setAvailability(provider, true);
        provider.onDuty = true;
        if (!provider.arrival)
            claimSoon(at, p);
    }

    void dutyEnd(DayTime, std::size_t p) {
        // Off for new patients at once; a visit in progress is still finished.
        setAvailability(m_providers[p], false);
        m_providers[p].onDuty = false;
    }

    void arrive(DayTime at, std::size_t a) {
        const SimulatedPatient &patient = m_day.patients()[a];
        ArrivalRecord &record = m_outcome.arrivals[a];
        pqxx::work tx(m_connection);
        // The intake path of the server: the state's row locked, the board loaded,
        // the estimate computed for a patient joining now, then the visit filed.
        server::JurisdictionRepository::lockForIntake(tx, patient.state);
        const QueueBoard board = QueueBoard::load(tx, m_zones, m_dayStart + at);
        record.estimate = board.newArrivalWait(patient.state, 0);
        record.position = board.queuedIn(patient.state) + 1;
        if (const auto *state = board.state(patient.state))
            // On shift, busy or free: the simulated providers are either
            // available or offline, never on a break.
            record.boardProviders = static_cast<int>(state->providersOnShift);
        record.providersOnDuty = providersOnDutyFor(patient.state);
        for (const auto &visit : board.visits()) {
            if (!visit.position || !visit.estimatedWaitSeconds)
                continue;
            const auto found = m_arrivalOfVisit.find(visit.id);
            if (found == m_arrivalOfVisit.end())
                continue;
            m_outcome.waitingSamples.push_back({found->second, at,
                                                static_cast<int>(*visit.position),
                                                seconds(*visit.estimatedWaitSeconds)});
        }

        server::NewVisit visit;
        visit.jurisdictionCode = patient.state;
        visit.firstName = "Patient";
        visit.lastName = std::to_string(a + 1);
        visit.dateOfBirth = "1984-02-29";
        visit.reason = "sore throat";
        visit.contact = "patient@example.org";
        visit.patientTokenHash = server::SessionToken::generate().hash;
        const auto created = VisitScheduler::createVisit(tx, visit, VisitActor::patient());
        stamp(tx, created.id, "requested_at", at);
        tx.commit();

        record.visitId = created.id;
        m_arrivalOfVisit[created.id] = a;
        m_states[a] = PatientState::Queued;
        schedule(at + patient.patience, EventKind::PatienceOut, a);
        for (std::size_t p = 0; p < m_providers.size(); ++p)
            if (canTakeNow(p) && licensedIn(p, patient.state))
                claimSoon(at, p);
    }

    void tryClaim(DayTime at, std::size_t p) {
        ProviderRun &provider = m_providers[p];
        provider.claimPending = false;
        if (!provider.onDuty || provider.arrival)
            return;
        ++m_outcome.claims;
        pqxx::work tx(m_connection);
        const auto claimed = VisitScheduler::claimNext(tx, provider.caregiverId);
        if (claimed)
            stamp(tx, claimed->id, "assigned_at", at);
        tx.commit();
        if (!claimed) {
            ++m_outcome.emptyClaims; // waits for the next arrival in their states
            return;
        }
        const auto found = m_arrivalOfVisit.find(claimed->id);
        if (found == m_arrivalOfVisit.end())
            throw std::runtime_error("take-next returned a visit the simulation never filed");
        const std::size_t a = found->second;
        ArrivalRecord &record = m_outcome.arrivals[a];
        if (record.assignedAt || m_states[a] != PatientState::Queued)
            ++m_outcome.visitsAssignedTwice;
        if (!licensedIn(p, m_day.patients()[a].state))
            ++m_outcome.assignmentsOutsideLicense;
        record.assignedAt = at;
        record.provider = p;
        m_states[a] = PatientState::WithProvider;
        provider.arrival = a;
        schedule(at + m_day.patients()[a].joinDelay, EventKind::VisitStart, p);
    }

    void startVisit(DayTime at, std::size_t p) {
        const std::size_t a = *m_providers[p].arrival;
        pqxx::work tx(m_connection);
        VisitScheduler::transition(tx, m_outcome.arrivals[a].visitId, VisitStatus::InVisit,
                                   providerActor(p));
        stamp(tx, m_outcome.arrivals[a].visitId, "started_at", at);
        tx.commit();
        schedule(at + m_day.patients()[a].visitLength, EventKind::VisitEnd, p);
    }

    void endVisit(DayTime at, std::size_t p) {
        ProviderRun &provider = m_providers[p];
        const std::size_t a = *provider.arrival;
        pqxx::work tx(m_connection);
        VisitScheduler::transition(tx, m_outcome.arrivals[a].visitId, VisitStatus::Completed,
                                   providerActor(p), "seen");
        stamp(tx, m_outcome.arrivals[a].visitId, "ended_at", at);
        tx.commit();
        m_states[a] = PatientState::Done;
        provider.arrival.reset();
        if (provider.onDuty)
            claimAfter(at + seconds(static_cast<std::int64_t>(
                                m_habits.between(SyntheticDay::kTurnaroundMinSeconds,
                                                 SyntheticDay::kTurnaroundMaxSeconds))),
                       p);
    }

    void leave(DayTime at, std::size_t a) {
        if (m_states[a] != PatientState::Queued)
            return;
        const std::int64_t visitId = m_outcome.arrivals[a].visitId;
        pqxx::work tx(m_connection);
        VisitScheduler::transition(tx, visitId, VisitStatus::Cancelled,
                                   VisitActor::patient(visitId), "cancelled by the patient");
        stamp(tx, visitId, "ended_at", at);
        tx.commit();
        m_outcome.arrivals[a].leftAt = at;
        m_states[a] = PatientState::Done;
    }

    // --- providers ----------------------------------------------------------------------------

    bool canTakeNow(std::size_t p) const {
        const ProviderRun &provider = m_providers[p];
        return provider.onDuty && !provider.arrival && !provider.claimPending;
    }

    bool licensedIn(std::size_t p, const std::string &state) const {
        const auto &states = m_day.providers()[p].states;
        return std::find(states.begin(), states.end(), state) != states.end();
    }

    int providersOnDutyFor(const std::string &state) const {
        int count = 0;
        for (std::size_t p = 0; p < m_providers.size(); ++p)
            count += m_providers[p].onDuty && licensedIn(p, state) ? 1 : 0;
        return count;
    }

    // An idle provider sees the new patient on the console and takes them.
    void claimSoon(DayTime at, std::size_t p) {
        claimAfter(at + seconds(static_cast<std::int64_t>(m_habits.between(
                            SyntheticDay::kNoticeMinSeconds, SyntheticDay::kNoticeMaxSeconds))),
                   p);
    }

    void claimAfter(DayTime at, std::size_t p) {
        if (m_providers[p].claimPending)
            return;
        m_providers[p].claimPending = true;
        schedule(at, EventKind::TryClaim, p);
    }

    VisitActor providerActor(std::size_t p) const {
        return VisitActor::caregiver(m_providers[p].caregiverId, domain::Role::Provider);
    }

    void setAvailability(const ProviderRun &provider, bool available) {
        pqxx::work tx(m_connection);
        VisitScheduler::setAvailability(
            tx, provider.caregiverId,
            available ? domain::AvailabilityStatus::Available : domain::AvailabilityStatus::Offline,
            VisitActor::caregiver(provider.caregiverId, domain::Role::Provider));
        tx.commit();
    }

    // --- the simulated clock ------------------------------------------------------------------

    double epoch(DayTime at) const {
        return static_cast<double>((m_dayStart + at).time_since_epoch().count());
    }

    // Moves the timestamp the last change set with the database's now() to the simulated instant.
    void stamp(pqxx::transaction_base &tx, std::int64_t visitId, const std::string &column,
               DayTime at) {
        tx.exec_params0("UPDATE visits SET " + tx.quote_name(column) +
                            " = to_timestamp($2::float8), updated_at = to_timestamp($2::float8) "
                            "WHERE id = $1",
                        visitId, epoch(at));
    }

    // --- integrity ----------------------------------------------------------------------------

    void verifyAssignments() {
        pqxx::work tx(m_connection);
        m_outcome.assignmentEvents =
            tx.exec1("SELECT count(*) FROM visit_events WHERE to_status = 'assigned'")[0].as<int>();
        m_outcome.visitsAssignedTwice +=
            tx.exec1(
                  "SELECT count(*) FROM (SELECT visit_id FROM visit_events "
                  "  WHERE to_status = 'assigned' GROUP BY visit_id HAVING count(*) > 1) twice")[0]
                .as<int>();
        for (const auto &row : tx.exec("SELECT id, assigned_provider_id FROM visits "
                                       "WHERE assigned_provider_id IS NOT NULL")) {
            const auto found = m_arrivalOfVisit.find(row[0].as<std::int64_t>());
            if (found == m_arrivalOfVisit.end())
                continue; // the history
            const ArrivalRecord &record = m_outcome.arrivals[found->second];
            if (!record.provider ||
                m_providers[*record.provider].caregiverId != row[1].as<std::int64_t>())
                ++m_outcome.assignmentMismatches;
        }
        tx.commit();
    }

    const SyntheticDay &m_day;
    pqxx::connection m_connection;
    domain::TimeZoneDatabase m_zones;
    SimulationRandom m_habits;
    sys_seconds m_dayStart;
    std::vector<ProviderRun> m_providers;
    std::map<std::int64_t, std::size_t> m_arrivalOfVisit;
    std::vector<PatientState> m_states;
    std::priority_queue<Event, std::vector<Event>, std::greater<>> m_events;
    std::uint64_t m_nextSequence = 0;
    SimulationOutcome m_outcome;
};

} // namespace

WaitSimulation::WaitSimulation(const SyntheticDay &day, std::string connectionString)
    : m_day(day)
    , m_connectionString(std::move(connectionString)) {}

SimulationOutcome WaitSimulation::run() {
    const auto started = std::chrono::steady_clock::now();
    DayReplay replay(m_day, m_connectionString);
    SimulationOutcome outcome = replay.run();
    outcome.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - started);
    return outcome;
}

} // namespace caredesk::bench
