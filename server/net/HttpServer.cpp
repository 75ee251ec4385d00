#include "net/HttpServer.h"
#include "app/Logging.h"

#include "net/ServerContext.h"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include <spdlog/spdlog.h>

#include <condition_variable>
#include <thread>

namespace caredesk::server {

using namespace net;

namespace {
std::shared_ptr<spdlog::logger> logger() { return subsystemLogger("net"); }
} // namespace

void SessionRegistry::add(std::uint64_t id, std::weak_ptr<ShutdownTarget> session) {
    std::lock_guard lock(m_mutex);
    m_sessions.emplace(id, std::move(session));
}

void SessionRegistry::remove(std::uint64_t id) {
    std::lock_guard lock(m_mutex);
    m_sessions.erase(id);
}

void SessionRegistry::closeAll() {
    std::vector<std::shared_ptr<ShutdownTarget>> live;
    {
        std::lock_guard lock(m_mutex);
        for (auto &[id, weak] : m_sessions)
            if (auto session = weak.lock())
                live.push_back(std::move(session));
    }
    for (auto &session : live)
        session->closeForShutdown();
}

std::size_t SessionRegistry::size() const {
    std::lock_guard lock(m_mutex);
    return m_sessions.size();
}

struct HttpServer::Impl {
    Impl(HttpServerOptions options, MessageSink &sink, ReadinessProbe &readiness)
        : context(std::move(options), sink, readiness)
        , io(context.options.ioThreads)
        , work(asio::make_work_guard(io))
        , acceptor(asio::make_strand(io))
        , retryTimer(acceptor.get_executor())
        , signals(io, SIGINT, SIGTERM) {}

    void accept() {
        acceptor.async_accept(asio::make_strand(io), [this](beast::error_code ec,
                                                            tcp::socket socket) {
            if (ec == asio::error::operation_aborted || !acceptor.is_open())
                return;
            if (ec) {
                // Out of descriptors or similar: back off instead of spinning.
                logger()->error("accept failed: {}", ec.message());
                retryTimer.expires_after(std::chrono::milliseconds(200));
                retryTimer.async_wait([this](beast::error_code) { accept(); });
                return;
            }
            if (context.openConnections.load() >= context.options.maxConnections) {
                logger()->warn("connection limit {} reached; refusing a connection",
                               context.options.maxConnections);
                beast::error_code ignored;
                socket.close(ignored);
            } else {
                startHttpSession(context, std::move(socket));
            }
            accept();
        });
    }

    ServerContext context;
    asio::io_context io;
    asio::executor_work_guard<asio::io_context::executor_type> work;
    tcp::acceptor acceptor;
    asio::steady_timer retryTimer;
    asio::signal_set signals;
    std::vector<std::thread> threads;
    std::uint16_t port = 0;

    std::mutex stopMutex;
    std::condition_variable stopSignalled;
    bool stopRequested = false;
};

HttpServer::HttpServer(HttpServerOptions options, MessageSink &sink, ReadinessProbe &readiness)
    : m_impl(std::make_unique<Impl>(std::move(options), sink, readiness)) {}

HttpServer::~HttpServer() {
    if (!m_impl->threads.empty())
        shutdown(std::chrono::milliseconds(0));
}

std::uint16_t HttpServer::listen() {
    auto &options = m_impl->context.options;
    if (!options.tlsCertificate.empty()) {
        auto &tls = m_impl->context.tls.emplace(asio::ssl::context::tls_server);
        tls.set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                        asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                        asio::ssl::context::no_tlsv1_1 | asio::ssl::context::single_dh_use);
        beast::error_code ec;
        tls.use_certificate_chain_file(options.tlsCertificate.string(), ec);
        if (ec)
            throw std::runtime_error("cannot use TLS certificate " +
                                     options.tlsCertificate.string() + ": " + ec.message());
        tls.use_private_key_file(options.tlsPrivateKey.string(), asio::ssl::context::pem, ec);
        if (ec)
            throw std::runtime_error("cannot use TLS key " + options.tlsPrivateKey.string() +
                                     ": " + ec.message());
    }
    beast::error_code ec;
    const auto address = asio::ip::make_address(options.address, ec);
    if (ec)
        throw std::runtime_error("invalid listen address '" + options.address + "'");
    const tcp::endpoint endpoint(address, options.port);
    auto &acceptor = m_impl->acceptor;
    acceptor.open(endpoint.protocol(), ec);
    if (!ec)
        acceptor.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec)
        acceptor.bind(endpoint, ec);
    if (!ec)
        acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (ec)
        throw std::runtime_error("cannot listen on " + options.address + ":" +
                                 std::to_string(options.port) + ": " + ec.message());
    m_impl->port = acceptor.local_endpoint().port();
    return m_impl->port;
}

void HttpServer::start() {
    asio::post(m_impl->acceptor.get_executor(), [this] { m_impl->accept(); });
    m_impl->signals.async_wait([this](beast::error_code ec, int signal) {
        if (!ec) {
            logger()->info("received signal {}; shutting down", signal);
            requestStop();
        }
    });
    for (int i = 0; i < m_impl->context.options.ioThreads; ++i)
        m_impl->threads.emplace_back([this] { m_impl->io.run(); });
}

void HttpServer::waitForStopSignal() {
    std::unique_lock lock(m_impl->stopMutex);
    m_impl->stopSignalled.wait(lock, [this] { return m_impl->stopRequested; });
}

void HttpServer::requestStop() {
    {
        std::lock_guard lock(m_impl->stopMutex);
        m_impl->stopRequested = true;
    }
    m_impl->stopSignalled.notify_all();
}

void HttpServer::shutdown(std::chrono::milliseconds grace) {
    auto &context = m_impl->context;
    context.stopping = true;
    asio::post(m_impl->acceptor.get_executor(), [this] {
        beast::error_code ignored;
        m_impl->acceptor.close(ignored);
        m_impl->retryTimer.cancel();
        m_impl->signals.cancel();
    });
    context.webSockets.closeAll();
    const auto deadline = std::chrono::steady_clock::now() + grace;
    while (context.webSockets.size() > 0 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    if (context.webSockets.size() > 0)
        logger()->warn("{} WebSocket(s) did not finish closing in time",
                       context.webSockets.size());
    m_impl->work.reset();
    m_impl->io.stop();
    for (auto &thread : m_impl->threads)
        thread.join();
    m_impl->threads.clear();
}

std::size_t HttpServer::openWebSockets() const { return m_impl->context.webSockets.size(); }

std::string HttpServer::baseUrl() const {
    const auto &options = m_impl->context.options;
    std::string host = options.address == "0.0.0.0" || options.address == "::" ? "127.0.0.1"
                                                                               : options.address;
    if (host.find(':') != std::string::npos)
        host = "[" + host + "]";
    return (options.tlsCertificate.empty() ? "http://" : "https://") + host + ":" +
           std::to_string(m_impl->port);
}

} // namespace caredesk::server
