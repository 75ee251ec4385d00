#pragma once

#include "storage/PqxxFwd.h"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace caredesk::server {

// Cross-instance change notification through PostgreSQL LISTEN/NOTIFY.
//
// Writers call notifyChange() inside their transaction; PostgreSQL delivers
// the payload to every listening server instance when (and only if) the
// transaction commits, in commit order. Each instance runs one ChangeListener:
// a thread owning one connection that LISTENs on the channel.
//
// The same thread also runs tasks posted to it, on the same connection, in
// the order they were posted relative to notification batches. Code that must
// read in one total order with the change stream (e.g. a subscription's
// snapshot followed by its deltas) posts its reads here.
class ChangeListener {
public:
    using Batch = std::function<void(pqxx::connection_base &, const std::vector<std::string> &)>;
    using Task = std::function<void(pqxx::connection_base &)>;

    struct Options {
        std::string connectionString;
        std::string channel = "caredesk_changes";
        // Notifications arriving within this window are handled as one batch.
        std::chrono::milliseconds coalesce{30};
        // With a tick task: run it about this often on the listener's thread,
        // between batches (e.g. to refresh what changes with time alone).
        std::chrono::milliseconds tickInterval{0};
    };

    // onBatch: payloads received, de-duplicated, in arrival order.
    // onResync: the connection was lost and re-established; notifications may
    // have been missed, so state derived from them must be rebuilt.
    // onTick (optional): runs every options.tickInterval.
    ChangeListener(Options options, Batch onBatch, Task onResync, Task onTick = {});
    ~ChangeListener(); // stop()
    ChangeListener(const ChangeListener &) = delete;
    ChangeListener &operator=(const ChangeListener &) = delete;

    // Connects and starts listening before returning (throws if it cannot connect).
    void start();
    void stop();
    void post(Task task);

    // In a writer's transaction: deliver payload to every listener on commit.
    static void notifyChange(pqxx::transaction_base &tx, const std::string &payload,
                             const std::string &channel = "caredesk_changes");

private:
    void run();

    Options m_options;
    Batch m_onBatch;
    Task m_onResync;
    Task m_onTick;
    std::mutex m_mutex;
    std::condition_variable m_started;
    std::deque<Task> m_tasks;
    std::vector<std::string> m_pending;
    bool m_stopping = false;
    bool m_ready = false;
    std::string m_startError;
    std::thread m_thread;
};

} // namespace caredesk::server
