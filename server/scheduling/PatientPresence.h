#pragma once

#include "handlers/ClientConnection.h"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

namespace caredesk::server {

class DatabasePool;

struct PatientPresenceOptions {
    // A queued visit whose patient has been away longer than this leaves the line.
    std::chrono::seconds grace{120};
    // How often this instance stamps the visits whose patient is connected here.
    std::chrono::milliseconds stampInterval{20000};
    // How often this instance looks for queued visits whose patient is gone.
    std::chrono::milliseconds sweepInterval{15000};
    int sweepBatch = 100; // visits moved per transaction

    // Intervals scaled to the grace: a quarter of it, at most the defaults
    // above, so a connected patient is stamped several times per grace.
    static PatientPresenceOptions forGrace(std::chrono::seconds grace);
};

// Whether patients are still there, kept in PostgreSQL (patient_presence) so
// that every instance agrees and a killed instance loses nothing.
//
// The transaction that files or resumes a visit stamps it
// (PatientPresenceRepository); after the commit, watch() keeps it stamped
// while the patient's connection lives here, and stamps it once more when the
// connection goes, so the grace counts from the moment the patient left. Each
// instance also sweeps: queued (waiting or ready) visits whose patient has not
// been seen for longer than the grace become `left` through VisitScheduler,
// with the system as the actor; visits are locked with SKIP LOCKED, so
// instances sweeping at once never move one visit twice. Assigned and
// in-progress visits are the provider's to close (no_show), never swept.
//
// A patient is moved between `grace` and `grace + sweepInterval` after the
// last sign of them; if their instance is killed, the last stamp is at most
// one stampInterval old, which still leaves them most of the grace to
// reconnect to another instance and keep their place.
class PatientPresence {
public:
    // Must outlive the connections it watches: they report to it when they go.
    PatientPresence(DatabasePool &database, PatientPresenceOptions options);
    ~PatientPresence(); // stop()
    PatientPresence(const PatientPresence &) = delete;
    PatientPresence &operator=(const PatientPresence &) = delete;

    void start();
    // Stops the timers and waits for this instance's stamps and sweeps in
    // flight; stamps of connections closing afterwards are still submitted.
    void stop();

    // The connection now belongs to the patient of visitId (stamped in the
    // transaction that bound them). A connection watches one visit at a time.
    void watch(const std::shared_ptr<ClientConnection> &connection, std::int64_t visitId);

    const PatientPresenceOptions &options() const { return m_options; }

private:
    struct Watched {
        std::weak_ptr<ClientConnection> connection;
        std::int64_t visitId = 0;
    };

    void runTimers();
    void stampWatched();
    void sweep();
    void connectionGone(std::uint64_t connectionId, std::int64_t visitId);
    // Stamps visits whose patient just left; nobody waits for the outcome.
    void stampOnce(std::int64_t visitId);
    void jobFinished();

    DatabasePool &m_database;
    const PatientPresenceOptions m_options;

    std::mutex m_mutex;
    std::map<std::uint64_t, Watched> m_watched; // by connection id
    std::condition_variable m_wake;
    bool m_stopping = false;
    bool m_stampInFlight = false;
    bool m_sweepInFlight = false;
    bool m_sweepAgain = false; // the last sweep filled its batch
    int m_jobsInFlight = 0;
    std::condition_variable m_jobsDone;
    std::thread m_timer;
};

} // namespace caredesk::server
