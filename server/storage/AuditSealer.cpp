#include "storage/AuditSealer.h"

#include "app/Logging.h"

#include <pqxx/pqxx>

namespace caredesk::server {

namespace {
auto log() {
    return subsystemLogger("db");
}
} // namespace

AuditSealer::AuditSealer(std::string connectionString, const AuditChain::Key &key,
                         std::chrono::milliseconds interval)
    : m_connectionString(std::move(connectionString))
    , m_chain(key)
    , m_interval(interval) {}

AuditSealer::~AuditSealer() {
    stop();
}

void AuditSealer::start() {
    std::lock_guard lock(m_mutex);
    if (m_thread.joinable())
        return;
    m_stopping = false;
    m_thread = std::thread([this] { run(); });
}

void AuditSealer::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

void AuditSealer::run() {
    std::unique_ptr<pqxx::connection> db;
    bool wrongKey = false;
    for (;;) {
        {
            std::unique_lock lock(m_mutex);
            if (m_wake.wait_for(lock, m_interval, [this] { return m_stopping; }))
                return;
        }
        if (wrongKey)
            continue;
        try {
            if (!db || !db->is_open())
                db = std::make_unique<pqxx::connection>(m_connectionString);
            std::size_t sealed = 0;
            do { // catch up in rounds after a pause, without one huge transaction
                pqxx::work tx(*db);
                sealed = m_chain.sealPending(tx);
                tx.commit();
            } while (sealed > 0 && !m_stopping);
        } catch (const pqxx::broken_connection &e) {
            db.reset();
            log()->warn("audit sealing paused: database connection lost ({})", e.what());
        } catch (const pqxx::sql_error &e) {
            log()->warn("audit sealing failed, retrying: {}", e.what());
        } catch (const std::runtime_error &e) {
            wrongKey = true;
            log()->error("audit sealing stopped: {}", e.what());
        }
    }
}

} // namespace caredesk::server
