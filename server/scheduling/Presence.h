#pragma once

#include "handlers/ClientConnection.h"
#include "storage/PqxxFwd.h"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace caredesk::server {

class DatabasePool;

struct PresenceOptions {
    // Someone away longer than this is swept (see PresenceRules::sweep).
    std::chrono::seconds grace{120};
    // How often this instance stamps the subjects connected here.
    std::chrono::milliseconds stampInterval{20000};
    // How often this instance looks for subjects who are gone.
    std::chrono::milliseconds sweepInterval{15000};
    int sweepBatch = 100; // subjects moved per transaction

    // Intervals scaled to the grace: a quarter of it, at most the defaults
    // above, so a connected subject is stamped several times per grace.
    static PresenceOptions forGrace(std::chrono::seconds grace);
};

// What is watched, and what happens to those who are gone. A subject is an
// id: a visit (its patient) or a caregiver (their consoles).
struct PresenceRules {
    std::string subject; // "visit", "provider": for the logs
    // Stamps the subjects as seen now; returns those still worth watching.
    std::function<std::vector<std::int64_t>(pqxx::work &, const std::vector<std::int64_t> &)> stamp;
    // Moves at most `batch` subjects unseen for longer than `grace` (with
    // SKIP LOCKED, so instances sweeping at once never move one twice);
    // returns the ids moved.
    std::function<std::vector<std::int64_t>(pqxx::work &, std::chrono::seconds grace, int batch)>
        sweep;
};

// Whether someone is still connected, kept in PostgreSQL so that every
// instance agrees and a killed instance loses nothing: patients of queued
// visits (PatientPresence) and providers (ProviderPresence).
//
// The transaction that binds a connection to its subject stamps it; after the
// commit, watch() keeps it stamped while the connection lives here, and
// stamps it once more when the connection goes, so the grace counts from the
// moment they left. Each instance also sweeps those gone longer than the
// grace (PresenceRules::sweep).
//
// A subject is moved between `grace` and `grace + sweepInterval` after the
// last sign of them; if their instance is killed, the last stamp is at most
// one stampInterval old, which still leaves them most of the grace to
// reconnect to another instance.
class Presence {
public:
    // Must outlive the connections it watches: they report to it when they go.
    Presence(DatabasePool &database, PresenceOptions options, PresenceRules rules);
    ~Presence(); // stop()
    Presence(const Presence &) = delete;
    Presence &operator=(const Presence &) = delete;

    void start();
    // Stops the timers and waits for this instance's stamps and sweeps in
    // flight; stamps of connections closing afterwards are still submitted.
    void stop();

    // The connection now belongs to this subject (stamped in the transaction
    // that bound them). A connection watches one subject at a time.
    void watch(const std::shared_ptr<ClientConnection> &connection, std::int64_t subjectId);
    // The connection no longer stands for its subject (signed out): stamped
    // once more, then no longer watched.
    void unwatch(std::uint64_t connectionId);

    const PresenceOptions &options() const { return m_options; }

private:
    struct Watched {
        std::weak_ptr<ClientConnection> connection;
        std::int64_t subjectId = 0;
    };

    void runTimers();
    void stampWatched();
    void sweep();
    void connectionGone(std::uint64_t connectionId, std::int64_t subjectId);
    // Stamps a subject who just left; nobody waits for the outcome.
    void stampOnce(std::int64_t subjectId);
    void jobFinished();

    DatabasePool &m_database;
    const PresenceOptions m_options;
    const PresenceRules m_rules;

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
