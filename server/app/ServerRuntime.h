#pragma once

#include "app/ServerConfig.h"

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

namespace caredesk::server {

// The running parts of one server instance against a ready database: database
// workers, handlers, router and the HTTP/WebSocket listener. Application owns
// one; tests build one in-process against a test database.
class ServerRuntime {
public:
    ServerRuntime(const ServerConfig &config, std::string connectionString);
    ~ServerRuntime(); // stop()
    ServerRuntime(const ServerRuntime &) = delete;
    ServerRuntime &operator=(const ServerRuntime &) = delete;

    // Connects the database workers, binds, starts the I/O threads. Returns the port.
    std::uint16_t start();
    std::string baseUrl() const;
    // Blocks until SIGINT/SIGTERM or requestStop().
    void waitForStopSignal();
    void requestStop();
    // Closes WebSockets with 1001, stops the I/O threads, finishes queued database work.
    void stop(std::chrono::milliseconds grace = std::chrono::seconds(5));

    std::size_t openWebSockets() const;

private:
    struct Parts;
    std::unique_ptr<Parts> m_parts;
    bool m_running = false;
};

} // namespace caredesk::server
