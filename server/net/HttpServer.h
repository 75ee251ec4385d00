#pragma once

#include "net/ClientLink.h"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

namespace caredesk::server {

struct HttpServerOptions {
    std::string address = "127.0.0.1";
    std::uint16_t port = 8080; // 0: any free port (see listen())
    int ioThreads = 2;
    std::filesystem::path webRoot;
    std::filesystem::path tlsCertificate; // both set: every connection is TLS
    std::filesystem::path tlsPrivateKey;
    std::chrono::seconds handshakeTimeout{10};
    std::chrono::seconds wsIdleTimeout{60}; // a ping is sent at half of it
    std::size_t maxConnections = 10000;
};

// Answers /readyz: whether this instance can serve requests now.
class ReadinessProbe {
public:
    virtual ~ReadinessProbe() = default;
    // Calls done exactly once, from any thread.
    virtual void check(std::function<void(bool ready, std::string detail)> done) = 0;
};

// HTTP and WebSocket on one port (Boost.Beast): /healthz, /readyz, /ws and the
// patient page. Owns the I/O threads. Nothing of Beast leaks out of this class.
class HttpServer {
public:
    HttpServer(HttpServerOptions options, MessageSink &sink, ReadinessProbe &readiness);
    ~HttpServer();
    HttpServer(const HttpServer &) = delete;
    HttpServer &operator=(const HttpServer &) = delete;

    // Binds and listens; returns the port (useful with port 0). Throws
    // std::runtime_error if the address is taken or the TLS files are unusable.
    std::uint16_t listen();
    // Starts the I/O threads and returns.
    void start();
    // Blocks until SIGINT or SIGTERM arrives (or requestStop() is called).
    void waitForStopSignal();
    void requestStop();
    // Stops accepting, closes every WebSocket with 1001 "server shutting down",
    // waits up to grace for clients to finish closing, then stops the threads.
    void shutdown(std::chrono::milliseconds grace);

    std::size_t openWebSockets() const;
    std::string baseUrl() const; // e.g. "http://127.0.0.1:8080"

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace caredesk::server
