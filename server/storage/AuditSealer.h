#pragma once

#include "storage/AuditChain.h"

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

namespace caredesk::server {

// Seals new audit events about once a second, on its own thread and database
// connection, so no request waits for the chain. Every instance runs one;
// the sealing lock lets one of them work at a time. Database trouble is
// logged and retried; a key that differs from the chain's is logged as an
// error and sealing stops until a restart with the right key.
class AuditSealer {
public:
    AuditSealer(std::string connectionString, const AuditChain::Key &key,
                std::chrono::milliseconds interval = std::chrono::seconds(1));
    ~AuditSealer(); // stop()
    AuditSealer(const AuditSealer &) = delete;
    AuditSealer &operator=(const AuditSealer &) = delete;

    void start();
    void stop();

private:
    void run();

    std::string m_connectionString;
    AuditChain m_chain;
    std::chrono::milliseconds m_interval;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopping = false;
    std::thread m_thread;
};

} // namespace caredesk::server
