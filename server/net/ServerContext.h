#pragma once

// Private to net/: shared by the acceptor, HTTP sessions and WebSocket sessions.
// Includes Beast; never include it from outside net/.

#include "net/HttpServer.h"
#include "net/StaticFiles.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include <atomic>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <utility>

namespace caredesk::server::net {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = boost::asio::ip::tcp;
using PlainStream = beast::tcp_stream;
using TlsStream = beast::ssl_stream<beast::tcp_stream>;
using HttpRequest = http::request<http::string_body>;

// A live WebSocket session, as seen by shutdown.
class ShutdownTarget {
public:
    virtual ~ShutdownTarget() = default;
    virtual void closeForShutdown() = 0;
};

class SessionRegistry {
public:
    void add(std::uint64_t id, std::weak_ptr<ShutdownTarget> session);
    void remove(std::uint64_t id);
    void closeAll();
    std::size_t size() const;

private:
    mutable std::mutex m_mutex;
    std::unordered_map<std::uint64_t, std::weak_ptr<ShutdownTarget>> m_sessions;
};

struct ServerContext {
    ServerContext(HttpServerOptions o, MessageSink &s, ReadinessProbe &r)
        : options(std::move(o)), sink(s), readiness(r), files(options.webRoot) {}

    HttpServerOptions options;
    MessageSink &sink;
    ReadinessProbe &readiness;
    StaticFiles files;
    std::optional<asio::ssl::context> tls;
    SessionRegistry webSockets;
    std::atomic<std::uint64_t> nextConnectionId{1};
    std::atomic<std::size_t> openConnections{0};
    std::atomic<bool> stopping{false};
};

// Counts one open connection for as long as it lives; moves from the HTTP
// session to the WebSocket session on upgrade.
class ConnectionSlot {
public:
    explicit ConnectionSlot(ServerContext &context) : m_context(&context) {
        ++m_context->openConnections;
    }
    ConnectionSlot(ConnectionSlot &&other) noexcept : m_context(std::exchange(other.m_context, nullptr)) {}
    ConnectionSlot &operator=(ConnectionSlot &&) = delete;
    ~ConnectionSlot() {
        if (m_context)
            --m_context->openConnections;
    }

private:
    ServerContext *m_context;
};

// Defined in HttpSession.cpp: serve HTTP on an accepted socket (TLS or not per context).
void startHttpSession(ServerContext &context, tcp::socket socket);
// Defined in WebSocketSession.cpp: take over a stream whose request is an upgrade.
void startWebSocket(ServerContext &context, ConnectionSlot slot, PlainStream stream,
                    HttpRequest request, std::string remoteAddress);
void startWebSocket(ServerContext &context, ConnectionSlot slot, TlsStream stream,
                    HttpRequest request, std::string remoteAddress);

} // namespace caredesk::server::net
