#include "storage/ChangeListener.h"

#include "app/Logging.h"

#include <algorithm>
#include <pqxx/pqxx>

namespace caredesk::server {

namespace {
std::shared_ptr<spdlog::logger> logger() {
    return subsystemLogger("db");
}

class Receiver final : public pqxx::notification_receiver {
public:
    Receiver(pqxx::connection_base &connection, const std::string &channel,
             std::vector<std::string> &sink, std::mutex &mutex)
        : pqxx::notification_receiver(connection, channel)
        , m_sink(sink)
        , m_mutex(mutex) {}

    void operator()(const std::string &payload, int) override {
        std::lock_guard lock(m_mutex);
        if (std::find(m_sink.begin(), m_sink.end(), payload) == m_sink.end())
            m_sink.push_back(payload);
    }

private:
    std::vector<std::string> &m_sink;
    std::mutex &m_mutex;
};
} // namespace

ChangeListener::ChangeListener(Options options, Batch onBatch, Task onResync, Task onTick)
    : m_options(std::move(options))
    , m_onBatch(std::move(onBatch))
    , m_onResync(std::move(onResync))
    , m_onTick(std::move(onTick)) {}

ChangeListener::~ChangeListener() {
    stop();
}

void ChangeListener::start() {
    m_thread = std::thread([this] { run(); });
    std::unique_lock lock(m_mutex);
    m_started.wait(lock, [this] { return m_ready || !m_startError.empty(); });
    if (!m_ready) {
        lock.unlock();
        stop();
        throw std::runtime_error("change listener cannot connect: " + m_startError);
    }
}

void ChangeListener::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    if (m_thread.joinable())
        m_thread.join();
}

void ChangeListener::post(Task task) {
    std::lock_guard lock(m_mutex);
    if (!m_stopping)
        m_tasks.push_back(std::move(task));
}

void ChangeListener::notifyChange(pqxx::transaction_base &tx, const std::string &payload,
                                  const std::string &channel) {
    tx.exec_params("SELECT pg_notify($1, $2)", channel, payload);
}

void ChangeListener::run() {
    bool everConnected = false;
    auto backoff = std::chrono::milliseconds(100);
    auto nextTick = std::chrono::steady_clock::now() + m_options.tickInterval;
    while (true) {
        {
            std::lock_guard lock(m_mutex);
            if (m_stopping)
                return;
        }
        try {
            pqxx::connection connection(m_options.connectionString);
            // Declared after the connection so it unregisters first.
            std::vector<std::string> received;
            std::mutex receivedMutex;
            Receiver receiver(connection, m_options.channel, received, receivedMutex);
            connection.get_notifs(); // makes sure LISTEN has been issued
            backoff = std::chrono::milliseconds(100);
            if (everConnected) {
                logger()->warn("change listener reconnected; rebuilding derived state");
                m_onResync(connection);
            }
            if (!everConnected) {
                everConnected = true;
                std::lock_guard lock(m_mutex);
                m_ready = true;
                m_started.notify_all();
            }
            while (true) {
                std::deque<Task> tasks;
                {
                    std::lock_guard lock(m_mutex);
                    if (m_stopping)
                        return;
                    tasks.swap(m_tasks);
                }
                for (auto &task : tasks)
                    task(connection);
                const auto coalesceUs =
                    std::chrono::duration_cast<std::chrono::microseconds>(m_options.coalesce)
                        .count();
                connection.await_notification(0, static_cast<long>(coalesceUs));
                connection.get_notifs();
                std::vector<std::string> batch;
                {
                    std::lock_guard lock(receivedMutex);
                    batch.swap(received);
                }
                if (!batch.empty())
                    m_onBatch(connection, batch);
                if (m_onTick && std::chrono::steady_clock::now() >= nextTick) {
                    m_onTick(connection);
                    nextTick = std::chrono::steady_clock::now() + m_options.tickInterval;
                }
            }
        } catch (const pqxx::broken_connection &error) {
            logger()->warn("change listener lost its connection: {}", error.what());
        } catch (const std::exception &error) {
            logger()->error("change listener failed: {}", error.what());
        }
        if (!everConnected) {
            std::lock_guard lock(m_mutex);
            m_startError = "could not connect to the database";
            m_started.notify_all();
            return;
        }
        std::this_thread::sleep_for(backoff);
        backoff = std::min(backoff * 2, std::chrono::milliseconds(5000));
    }
}

} // namespace caredesk::server
