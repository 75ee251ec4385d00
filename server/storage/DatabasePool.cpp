#include "storage/DatabasePool.h"
#include "app/Logging.h"

#include <algorithm>
#include <memory>
#include <pqxx/pqxx>
#include <random>
#include <spdlog/spdlog.h>
#include <stdexcept>

namespace caredesk::server {

namespace {

using protocol::Error;
using protocol::ErrorCode;
using Connection = std::unique_ptr<pqxx::connection>;

std::shared_ptr<spdlog::logger> logger() { return subsystemLogger("db"); }

// Exponential, with jitter so that workers that failed together do not retry
// in lockstep.
void backOff(std::chrono::milliseconds base, int attempt) {
    thread_local std::minstd_rand random{std::random_device{}()};
    const auto full = base * (1LL << std::min(attempt - 1, 10));
    std::uniform_int_distribution<long long> pick(full.count() / 2, full.count());
    std::this_thread::sleep_for(std::chrono::milliseconds(pick(random)));
}

// Runs body in a fresh transaction on connection (connecting first if there
// is none), retrying transient failures. A connection that broke is dropped,
// so the next attempt connects again. Everything else propagates, as does the
// last transient failure once the attempts are used up.
void runTransaction(Connection &connection, const std::string &connectionString,
                    const DatabasePool::Body &body, int maxAttempts,
                    std::chrono::milliseconds backoff) {
    for (int attempt = 1;; ++attempt) {
        try {
            if (!connection || !connection->is_open())
                connection = std::make_unique<pqxx::connection>(connectionString);
            pqxx::work tx(*connection);
            body(tx);
            // A connection lost during COMMIT leaves the outcome unknown:
            // pqxx reports in_doubt_error, which is never retried.
            tx.commit();
            return;
        } catch (const pqxx::broken_connection &e) {
            connection.reset();
            if (attempt >= maxAttempts)
                throw;
            logger()->warn("database connection lost (attempt {} of {}): {}", attempt, maxAttempts,
                           e.what());
        } catch (const pqxx::serialization_failure &e) {
            if (attempt >= maxAttempts)
                throw;
            logger()->debug("serialization failure, retrying (attempt {}): {}", attempt, e.what());
        } catch (const pqxx::deadlock_detected &e) {
            if (attempt >= maxAttempts)
                throw;
            logger()->debug("deadlock, retrying (attempt {}): {}", attempt, e.what());
        }
        backOff(backoff, attempt);
    }
}

Error makeError(ErrorCode code, std::string message,
                std::optional<std::int64_t> retryAfterSeconds = std::nullopt) {
    Error error;
    error.code = code;
    error.message = std::move(message);
    error.retryAfterSeconds = retryAfterSeconds;
    return error;
}

std::optional<Error> runJob(Connection &connection, const DatabasePoolOptions &options,
                            const DatabasePool::Body &body) {
    try {
        runTransaction(connection, options.connectionString, body, options.maxAttempts,
                       options.retryBackoff);
        return std::nullopt;
    } catch (const RequestError &e) {
        return e.error;
    } catch (const pqxx::in_doubt_error &e) {
        logger()->error("database connection lost during commit; outcome unknown: {}", e.what());
        return makeError(ErrorCode::Unavailable,
                         "the database connection was lost while saving; the change may or may "
                         "not have been made");
    } catch (const pqxx::statement_completion_unknown &e) {
        logger()->error("database statement outcome unknown: {}", e.what());
        return makeError(ErrorCode::Unavailable,
                         "the database connection was lost while saving; the change may or may "
                         "not have been made");
    } catch (const pqxx::broken_connection &e) {
        logger()->error("database unavailable after {} attempts: {}", options.maxAttempts,
                        e.what());
        return makeError(ErrorCode::Unavailable, "the database is unavailable; try again shortly",
                         5);
    } catch (const pqxx::transaction_rollback &e) {
        logger()->warn("database conflict persisted over {} attempts: {}", options.maxAttempts,
                       e.what());
        return makeError(ErrorCode::Unavailable, "the database is busy; try again shortly", 1);
    } catch (const std::exception &e) {
        logger()->error("database job failed: {}", e.what());
        return makeError(ErrorCode::Internal, "internal error");
    } catch (...) {
        logger()->error("database job failed with an unknown exception");
        return makeError(ErrorCode::Internal, "internal error");
    }
}

// A completion that throws must not take its worker thread (and with it the
// process) down.
void complete(const DatabasePool::Completion &done, std::optional<Error> outcome) {
    if (!done)
        return;
    try {
        done(std::move(outcome));
    } catch (const std::exception &e) {
        logger()->error("database job completion threw: {}", e.what());
    } catch (...) {
        logger()->error("database job completion threw an unknown exception");
    }
}

} // namespace

DatabasePool::DatabasePool(DatabasePoolOptions options)
    : m_options(std::move(options)) {
    m_options.threads = std::max<std::size_t>(m_options.threads, 1);
    m_options.maxAttempts = std::max(m_options.maxAttempts, 1);
}

DatabasePool::~DatabasePool() {
    stop();
}

void DatabasePool::start() {
    if (!m_workers.empty())
        return;
    // Connected here rather than in the workers so that an unreachable
    // database fails start-up instead of every later request.
    std::vector<Connection> connections;
    for (std::size_t i = 0; i < m_options.threads; ++i) {
        try {
            connections.push_back(std::make_unique<pqxx::connection>(m_options.connectionString));
        } catch (const std::exception &e) {
            throw std::runtime_error(std::string("cannot connect to the database: ") + e.what());
        }
    }
    {
        std::lock_guard lock(m_mutex);
        m_stopping = false;
    }
    for (auto &connection : connections) {
        m_workers.emplace_back([this, owned = std::move(connection)]() mutable {
            while (auto job = nextJob())
                complete(job->done, runJob(owned, m_options, job->body));
        });
    }
    logger()->info("database pool started with {} connections", m_workers.size());
}

void DatabasePool::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    for (auto &worker : m_workers) {
        if (worker.get_id() == std::this_thread::get_id())
            throw std::logic_error("DatabasePool::stop() called from one of its own workers");
    }
    for (auto &worker : m_workers)
        worker.join();
    m_workers.clear();

    // Jobs queued on a pool that never started have no worker to run them.
    std::deque<Job> orphans;
    {
        std::lock_guard lock(m_mutex);
        orphans.swap(m_queue);
    }
    for (auto &job : orphans)
        complete(job.done, makeError(ErrorCode::Unavailable, "the server is shutting down", 1));
}

void DatabasePool::submit(Body body, Completion done) {
    std::optional<Error> refusal;
    {
        std::lock_guard lock(m_mutex);
        if (m_stopping)
            refusal = makeError(ErrorCode::Unavailable, "the server is shutting down", 1);
        else if (m_queue.size() >= m_options.maxQueuedJobs)
            refusal = makeError(ErrorCode::Overloaded, "too many requests in flight", 1);
        else
            m_queue.push_back(Job{std::move(body), std::move(done)});
    }
    if (refusal) {
        complete(done, std::move(refusal));
        return;
    }
    m_wake.notify_one();
}

std::optional<DatabasePool::Job> DatabasePool::nextJob() {
    std::unique_lock lock(m_mutex);
    m_wake.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
    if (m_queue.empty())
        return std::nullopt;
    Job job = std::move(m_queue.front());
    m_queue.pop_front();
    return job;
}

void DatabasePool::runOnce(const std::string &connectionString, const Body &body, int maxAttempts) {
    Connection connection;
    runTransaction(connection, connectionString, body, std::max(maxAttempts, 1),
                   std::chrono::milliseconds(200));
}

std::size_t DatabasePool::queuedJobs() const {
    std::lock_guard lock(m_mutex);
    return m_queue.size();
}

} // namespace caredesk::server
