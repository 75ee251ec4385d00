// One WebSocket client: reads frames into the MessageSink, writes queued frames
// one at a time, and closes cleanly. All stream operations run on the session's
// strand; sendText() and close() may be called from any thread.

#include "net/ServerContext.h"
#include "app/Logging.h"
#include "protocol/Envelope.h"

#include <boost/asio/post.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>

#include <spdlog/spdlog.h>

#include <deque>

namespace caredesk::server::net {

namespace {

namespace websocket = beast::websocket;

// Frames between the protocol limit and this hard limit get a too_large error
// reply and the connection stays up; beyond it Beast closes with 1009.
constexpr std::size_t kHardFrameLimit = 1024 * 1024;
// A client that lets this much pile up unread is disconnected.
constexpr std::size_t kMaxQueuedFrames = 4096;
constexpr std::size_t kMaxQueuedBytes = 16 * 1024 * 1024;

std::shared_ptr<spdlog::logger> logger() { return subsystemLogger("net"); }

websocket::close_reason closeReason(std::uint16_t code, std::string_view text) {
    websocket::close_reason reason;
    reason.code = code;
    reason.reason = text.substr(0, 123); // a close frame's payload is at most 125 bytes
    return reason;
}

template <class Stream>
class WebSocketSession final : public ClientLink,
                               public ShutdownTarget,
                               public std::enable_shared_from_this<WebSocketSession<Stream>> {
public:
    WebSocketSession(ServerContext &context, ConnectionSlot slot, Stream stream,
                     std::string address)
        : m_context(context)
        , m_slot(std::move(slot))
        , m_ws(std::move(stream))
        , m_id(context.nextConnectionId++)
        , m_address(std::move(address)) {}

    void run(HttpRequest request) {
        websocket::stream_base::timeout timeout;
        timeout.handshake_timeout = m_context.options.handshakeTimeout;
        timeout.idle_timeout = m_context.options.wsIdleTimeout;
        timeout.keep_alive_pings = true;
        m_ws.set_option(timeout);
        m_ws.set_option(websocket::stream_base::decorator(
            [](websocket::response_type &response) { response.set(http::field::server, "caredesk"); }));
        m_ws.read_message_max(kHardFrameLimit);
        m_ws.text(true);
        // One frame per message: Beast would otherwise cut long messages into
        // 4 KiB frames at byte boundaries, and Qt 6.4's QWebSocket refuses a
        // text frame that ends inside a UTF-8 character (close 1007).
        m_ws.auto_fragment(false);
        m_ws.async_accept(request, beast::bind_front_handler(&WebSocketSession::onAccept,
                                                             this->shared_from_this()));
    }

    // --- ClientLink ---
    void sendText(std::string frame) override {
        asio::post(m_ws.get_executor(),
                   [self = this->shared_from_this(), frame = std::move(frame)]() mutable {
                       self->enqueue(std::move(frame));
                   });
    }

    void close(std::uint16_t code, std::string reason) override {
        asio::post(m_ws.get_executor(),
                   [self = this->shared_from_this(), code, reason = std::move(reason)]() mutable {
                       self->beginClose(closeReason(code, reason));
                   });
    }

    std::uint64_t connectionId() const override { return m_id; }
    const std::string &remoteAddress() const override { return m_address; }

    // --- ShutdownTarget ---
    void closeForShutdown() override { close(closecode::kGoingAway, "server shutting down"); }

private:
    void onAccept(beast::error_code ec) {
        if (ec) {
            logger()->debug("conn={} WebSocket handshake from {} failed: {}", m_id, m_address,
                            ec.message());
            return;
        }
        m_open = true;
        logger()->info("conn={} WebSocket opened from {}", m_id, m_address);
        m_context.webSockets.add(m_id, this->weak_from_this());
        m_context.sink.onConnected(this->shared_from_this());
        if (m_context.stopping)
            beginClose(closeReason(closecode::kGoingAway, "server shutting down"));
        read();
    }

    void read() {
        m_ws.async_read(m_buffer, beast::bind_front_handler(&WebSocketSession::onRead,
                                                            this->shared_from_this()));
    }

    void onRead(beast::error_code ec, std::size_t bytes) {
        if (ec) {
            finish(ec);
            return;
        }
        auto self = this->shared_from_this();
        if (!m_ws.got_text())
            m_context.sink.onBinary(self);
        else if (bytes > protocol::kMaxMessageBytes)
            m_context.sink.onOversized(self, bytes);
        else
            m_context.sink.onText(self, beast::buffers_to_string(m_buffer.data()));
        m_buffer.consume(m_buffer.size());
        read();
    }

    void enqueue(std::string frame) {
        if (!m_open || m_closeStarted || m_pendingClose)
            return;
        if (m_queue.size() >= kMaxQueuedFrames || m_queuedBytes + frame.size() > kMaxQueuedBytes) {
            logger()->warn("conn={} client is not reading; {} frames queued; disconnecting", m_id,
                           m_queue.size());
            m_queue.clear();
            m_queuedBytes = 0;
            beginClose(closeReason(closecode::kPolicyViolation, "client too slow"));
            return;
        }
        m_queuedBytes += frame.size();
        m_queue.push_back(std::move(frame));
        if (m_queue.size() == 1 && !m_writing)
            write();
    }

    void write() {
        m_writing = true;
        m_ws.async_write(asio::buffer(m_queue.front()),
                         beast::bind_front_handler(&WebSocketSession::onWrite,
                                                   this->shared_from_this()));
    }

    void onWrite(beast::error_code ec, std::size_t) {
        m_writing = false;
        if (ec) {
            m_queue.clear();
            m_queuedBytes = 0;
            return; // the pending read fails too and finishes the session
        }
        m_queuedBytes -= m_queue.front().size();
        m_queue.pop_front();
        if (!m_queue.empty())
            write();
        else if (m_pendingClose)
            sendClose(*m_pendingClose);
    }

    void beginClose(websocket::close_reason reason) {
        if (!m_open || m_closeStarted)
            return;
        if (m_writing || !m_queue.empty())
            m_pendingClose = std::move(reason); // after the queued frames
        else
            sendClose(reason);
    }

    void sendClose(const websocket::close_reason &reason) {
        if (m_closeStarted)
            return;
        m_closeStarted = true;
        m_ws.async_close(reason, [self = this->shared_from_this()](beast::error_code) {});
    }

    void finish(beast::error_code ec) {
        if (!m_open)
            return;
        m_open = false;
        if (ec == websocket::error::closed)
            logger()->info("conn={} WebSocket closed ({})", m_id, m_ws.reason().code);
        else
            logger()->info("conn={} WebSocket ended: {}", m_id, ec.message());
        m_context.webSockets.remove(m_id);
        m_context.sink.onDisconnected(this->shared_from_this());
    }

    ServerContext &m_context;
    ConnectionSlot m_slot;
    websocket::stream<Stream> m_ws;
    beast::flat_buffer m_buffer;
    std::deque<std::string> m_queue;
    std::size_t m_queuedBytes = 0;
    bool m_writing = false;
    bool m_open = false;
    bool m_closeStarted = false;
    std::optional<websocket::close_reason> m_pendingClose;
    const std::uint64_t m_id;
    const std::string m_address;
};

template <class Stream>
void start(ServerContext &context, ConnectionSlot slot, Stream stream, HttpRequest request,
           std::string address) {
    std::make_shared<WebSocketSession<Stream>>(context, std::move(slot), std::move(stream),
                                               std::move(address))
        ->run(std::move(request));
}

} // namespace

void startWebSocket(ServerContext &context, ConnectionSlot slot, PlainStream stream,
                    HttpRequest request, std::string remoteAddress) {
    start(context, std::move(slot), std::move(stream), std::move(request),
          std::move(remoteAddress));
}

void startWebSocket(ServerContext &context, ConnectionSlot slot, TlsStream stream,
                    HttpRequest request, std::string remoteAddress) {
    start(context, std::move(slot), std::move(stream), std::move(request),
          std::move(remoteAddress));
}

} // namespace caredesk::server::net
