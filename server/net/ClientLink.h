#pragma once

// The seam between the network layer (Beast, in net/) and everything above it.
// Nothing here includes Boost, so handlers compile without it.

#include <cstdint>
#include <memory>
#include <string>

namespace caredesk::server {

// One connected WebSocket client, as the handlers see it. Thread-safe: any
// thread (an I/O thread, a database worker) may send or close.
class ClientLink {
public:
    virtual ~ClientLink() = default;
    // Queues a text frame. Frames are written in the order queued. A client
    // that stops reading and lets its queue grow past the limit is disconnected.
    virtual void sendText(std::string frame) = 0;
    // Sends what is queued, then a close frame with this code and reason.
    virtual void close(std::uint16_t code, std::string reason) = 0;
    virtual std::uint64_t connectionId() const = 0;
    virtual const std::string &remoteAddress() const = 0;
};

// What the network layer reports; implemented by MessageRouter.
class MessageSink {
public:
    virtual ~MessageSink() = default;
    virtual void onConnected(const std::shared_ptr<ClientLink> &link) = 0;
    virtual void onText(const std::shared_ptr<ClientLink> &link, std::string frame) = 0;
    virtual void onBinary(const std::shared_ptr<ClientLink> &link) = 0;
    // A frame larger than the protocol maximum, but below the hard limit at which
    // the network layer drops the connection.
    virtual void onOversized(const std::shared_ptr<ClientLink> &link, std::size_t bytes) = 0;
    virtual void onDisconnected(const std::shared_ptr<ClientLink> &link) = 0;
};

// Close codes we use (RFC 6455 section 7.4).
namespace closecode {
inline constexpr std::uint16_t kGoingAway = 1001;       // server shutting down
inline constexpr std::uint16_t kProtocolError = 1002;
inline constexpr std::uint16_t kPolicyViolation = 1008; // e.g. a client too slow to read
inline constexpr std::uint16_t kTooBig = 1009;
inline constexpr std::uint16_t kUnsupportedVersion = 4000; // application range
inline constexpr std::uint16_t kSessionEnded = 4001;       // revoked: deactivated, reset, ...
} // namespace closecode

} // namespace caredesk::server
