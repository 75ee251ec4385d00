#pragma once

#include "protocol/Result.h"
#include "storage/PqxxFwd.h"

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace caredesk::server {

// Thrown inside a transaction body to abort it with a precise error for the
// client (the transaction is rolled back; the error reaches the completion).
struct RequestError {
    protocol::Error error;
};

struct DatabasePoolOptions {
    std::string connectionString;
    std::size_t threads = 4;
    std::size_t maxQueuedJobs = 10000; // beyond this, jobs fail with Overloaded
    int maxAttempts = 4;               // for transient failures (serialization, lost connection)
    std::chrono::milliseconds retryBackoff{50}; // doubled per attempt, with jitter
};

// A fixed set of worker threads, each owning one libpqxx connection (a
// connection belongs to exactly one thread), fed from one queue. I/O threads
// never touch the database: they submit a job and get a completion callback.
//
// Each job body runs inside its own transaction (READ COMMITTED unless the body
// asks for more with SET TRANSACTION). Transient failures - serialization
// failure, deadlock, broken connection before commit - are retried up to
// maxAttempts with a fresh transaction (and a fresh connection if needed), so a
// body must be safe to run again: no side effects outside the transaction.
// A RequestError thrown by the body becomes that error; anything else becomes
// Internal (logged, never rethrown). An ambiguous commit (connection lost during
// COMMIT) is reported as Unavailable without retry.
class DatabasePool {
public:
    using Body = std::function<void(pqxx::work &)>;
    // Called on the worker thread after commit (nullopt) or final failure.
    using Completion = std::function<void(std::optional<protocol::Error>)>;

    explicit DatabasePool(DatabasePoolOptions options);
    ~DatabasePool(); // stop()
    DatabasePool(const DatabasePool &) = delete;
    DatabasePool &operator=(const DatabasePool &) = delete;

    // Connects every worker (throws std::runtime_error if the database is unreachable).
    void start();
    // Stops taking jobs, finishes the queued ones, joins the workers. Safe to
    // call twice; never from a completion (a worker cannot join itself).
    void stop();

    // Queues a job. Refusals (queue full: Overloaded; stopping: Unavailable)
    // are reported at once, on the caller's thread. done may be empty.
    void submit(Body body, Completion done);

    // Runs body synchronously on the caller's thread with its own short-lived
    // connection, with the same retry rules (including connecting: a database
    // still starting up is waited for). For start-up work (migrations, seeding,
    // --create-admin); never from an I/O thread. Throws what the body threw, or
    // the last transient failure once the attempts are used up.
    static void runOnce(const std::string &connectionString, const Body &body, int maxAttempts = 4);

    std::size_t queuedJobs() const;

private:
    struct Job {
        Body body;
        Completion done;
    };
    // Blocks until a job is queued; nullopt once stopping and drained.
    std::optional<Job> nextJob();

    DatabasePoolOptions m_options;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Job> m_queue;
    bool m_stopping = false;
    std::vector<std::thread> m_workers;
};

} // namespace caredesk::server
