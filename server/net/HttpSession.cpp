// Plain HTTP/1.1 on an accepted connection (optionally inside TLS): health and
// readiness probes, the patient page, and the upgrade to WebSocket on /ws.

#include "net/ServerContext.h"
#include "app/Logging.h"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/websocket/rfc6455.hpp>

#include <spdlog/spdlog.h>

namespace caredesk::server::net {

namespace {

constexpr std::size_t kHeaderLimit = 8 * 1024;
constexpr std::size_t kBodyLimit = 16 * 1024;
constexpr auto kRequestTimeout = std::chrono::seconds(30);

std::shared_ptr<spdlog::logger> logger() { return subsystemLogger("net"); }

using Response = http::response<http::string_body>;

std::shared_ptr<Response> makeResponse(const HttpRequest &request, http::status status,
                                       std::string contentType, std::string body) {
    auto response = std::make_shared<Response>(status, request.version());
    response->set(http::field::server, "caredesk");
    response->set(http::field::content_type, contentType);
    response->set(http::field::cache_control, "no-store");
    response->set("X-Content-Type-Options", "nosniff");
    response->set("X-Frame-Options", "DENY");
    response->set("Referrer-Policy", "no-referrer");
    response->set("Content-Security-Policy",
                  "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; "
                  "style-src 'self'; script-src 'self'; frame-ancestors 'none'");
    response->keep_alive(request.keep_alive());
    if (request.method() != http::verb::head)
        response->body() = std::move(body);
    response->prepare_payload();
    if (request.method() == http::verb::head)
        response->content_length(0);
    return response;
}

template <class Stream>
void shutdownStream(std::shared_ptr<void> owner, Stream &stream);

template <>
void shutdownStream<PlainStream>(std::shared_ptr<void>, PlainStream &stream) {
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
}

template <>
void shutdownStream<TlsStream>(std::shared_ptr<void> owner, TlsStream &stream) {
    beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(5));
    stream.async_shutdown([owner](beast::error_code) {});
}

template <class Stream>
class HttpSession : public std::enable_shared_from_this<HttpSession<Stream>> {
public:
    HttpSession(ServerContext &context, ConnectionSlot slot, Stream stream, std::string address)
        : m_context(context)
        , m_slot(std::move(slot))
        , m_stream(std::move(stream))
        , m_address(std::move(address)) {}

    void run() { readRequest(); }

private:
    void readRequest() {
        m_parser.emplace();
        m_parser->header_limit(kHeaderLimit);
        m_parser->body_limit(kBodyLimit);
        beast::get_lowest_layer(m_stream).expires_after(kRequestTimeout);
        http::async_read(m_stream, m_buffer, *m_parser,
                         beast::bind_front_handler(&HttpSession::onRead, this->shared_from_this()));
    }

    void onRead(beast::error_code ec, std::size_t) {
        if (ec == http::error::end_of_stream)
            return shutdownStream<Stream>(this->shared_from_this(), m_stream);
        if (ec) {
            if (ec != beast::error::timeout && ec != asio::error::operation_aborted &&
                ec != asio::error::connection_reset)
                logger()->debug("http read from {} failed: {}", m_address, ec.message());
            return;
        }
        HttpRequest request = m_parser->release();
        if (beast::websocket::is_upgrade(request)) {
            if (request.target() != "/ws")
                return send(request, http::status::not_found, "text/plain; charset=utf-8",
                            "WebSocket endpoint is /ws\n");
            if (m_context.stopping)
                return send(request, http::status::service_unavailable,
                            "text/plain; charset=utf-8", "shutting down\n");
            beast::get_lowest_layer(m_stream).expires_never();
            startWebSocket(m_context, std::move(m_slot), std::move(m_stream), std::move(request),
                           m_address);
            return;
        }
        handle(std::move(request));
    }

    void handle(HttpRequest request) {
        if (request.method() != http::verb::get && request.method() != http::verb::head)
            return send(request, http::status::method_not_allowed, "text/plain; charset=utf-8",
                        "Only GET and HEAD are served here\n");
        const std::string_view target = request.target();
        if (target == "/healthz")
            return send(request, http::status::ok, "text/plain; charset=utf-8", "ok\n");
        if (target == "/readyz") {
            auto self = this->shared_from_this();
            auto shared = std::make_shared<HttpRequest>(std::move(request));
            m_context.readiness.check([self, shared](bool ready, std::string detail) {
                asio::post(self->m_stream.get_executor(), [self, shared, ready, detail] {
                    self->send(*shared,
                               ready ? http::status::ok : http::status::service_unavailable,
                               "text/plain; charset=utf-8",
                               (ready ? "ready" : "not ready: " + detail) + "\n");
                });
            });
            return;
        }
        if (target == "/ws")
            return send(request, http::status::upgrade_required, "text/plain; charset=utf-8",
                        "Connect with a WebSocket\n");
        auto file = m_context.files.get(target);
        send(request, static_cast<http::status>(file.status), file.contentType,
             std::move(file.body));
    }

    void send(const HttpRequest &request, http::status status, std::string contentType,
              std::string body) {
        auto response = makeResponse(request, status, std::move(contentType), std::move(body));
        logger()->debug("http {} {} {} -> {}", m_address, std::string(request.method_string()),
                        std::string(request.target().substr(0, 200)),
                        static_cast<unsigned>(status));
        http::async_write(m_stream, *response,
                          [self = this->shared_from_this(), response](beast::error_code ec,
                                                                      std::size_t) {
                              if (ec)
                                  return;
                              if (response->need_eof())
                                  return shutdownStream<Stream>(self, self->m_stream);
                              self->readRequest();
                          });
    }

    ServerContext &m_context;
    ConnectionSlot m_slot;
    Stream m_stream;
    std::string m_address;
    beast::flat_buffer m_buffer;
    std::optional<http::request_parser<http::string_body>> m_parser;
};

} // namespace

void startHttpSession(ServerContext &context, tcp::socket socket) {
    beast::error_code ec;
    const auto endpoint = socket.remote_endpoint(ec);
    std::string address = ec ? std::string("unknown") : endpoint.address().to_string();
    ConnectionSlot slot(context);
    if (!context.tls) {
        std::make_shared<HttpSession<PlainStream>>(context, std::move(slot),
                                                   PlainStream(std::move(socket)),
                                                   std::move(address))
            ->run();
        return;
    }
    auto stream = std::make_shared<TlsStream>(std::move(socket), *context.tls);
    beast::get_lowest_layer(*stream).expires_after(context.options.handshakeTimeout);
    auto pendingSlot = std::make_shared<ConnectionSlot>(std::move(slot));
    stream->async_handshake(
        asio::ssl::stream_base::server,
        [&context, stream, pendingSlot, address](beast::error_code handshakeError) mutable {
            if (handshakeError) {
                logger()->debug("TLS handshake with {} failed: {}", address,
                                handshakeError.message());
                return;
            }
            std::make_shared<HttpSession<TlsStream>>(context, std::move(*pendingSlot),
                                                     std::move(*stream), std::move(address))
                ->run();
        });
}

} // namespace caredesk::server::net
