#pragma once

#include "handlers/ClientConnection.h"
#include "protocol/Messages.h"
#include "storage/SessionRepository.h"

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace caredesk::server {

// One request from a client, from decode to its single reply. When the last
// reference goes away the connection's next request starts; a request dropped
// without a reply answers Internal, so a client never waits forever.
class Request {
public:
    using Finished = std::function<void(const std::shared_ptr<ClientConnection> &)>;

    Request(std::shared_ptr<ClientConnection> connection, protocol::Envelope envelope,
            Finished finished);
    ~Request();
    Request(const Request &) = delete;
    Request &operator=(const Request &) = delete;

    const protocol::Envelope &envelope() const { return m_envelope; }
    ClientConnection &connection() { return *m_connection; }
    const std::shared_ptr<ClientConnection> &connectionPtr() const { return m_connection; }

    template <class T>
    void reply(const T &message) {
        sendFinal(protocol::encode(message, m_envelope.id), protocol::messageTypeOf<T>);
    }
    void fail(protocol::Error error);
    bool answered() const { return m_answered; }
    // The reply will be sent by someone else (e.g. the queue feed sends a
    // subscription's snapshot in order with its deltas); this request is done.
    void handOff() { m_answered = true; }

    // --- for handlers that run inside a database transaction ---
    // The caregiver whose session authorized this request (set before the handler runs).
    const SessionIdentity &identity() const { return *m_identity; }
    // False for a patient's request on a participant route (no session).
    bool hasIdentity() const { return m_identity.has_value(); }
    void setIdentity(SessionIdentity identity) { m_identity = std::move(identity); }
    // A reply computed inside the transaction, sent only after it commits. A
    // retried transaction simply stages again.
    template <class T>
    void stageReply(const T &message) {
        m_staged = protocol::encode(message, m_envelope.id);
        m_stagedType = protocol::messageTypeOf<T>;
    }
    // Runs after commit, before the staged reply is sent (e.g. update the
    // connection's session). Replaced, not accumulated, on retry.
    void setAfterCommit(std::function<void()> action) { m_afterCommit = std::move(action); }
    void commit();
    // After commit, the reply was handed off instead of staged.
    void handOffAfterCommit() { m_handOff = true; }

private:
    // Sends the one reply and logs the request's outcome (type, code, duration).
    void sendFinal(std::string frame, protocol::MessageType replyType,
                   std::string_view errorCode = {});

    std::shared_ptr<ClientConnection> m_connection;
    protocol::Envelope m_envelope;
    Finished m_finished;
    bool m_answered = false;
    std::optional<SessionIdentity> m_identity;
    std::optional<std::string> m_staged;
    protocol::MessageType m_stagedType = protocol::MessageType::Ok;
    std::chrono::steady_clock::time_point m_received = std::chrono::steady_clock::now();
    std::function<void()> m_afterCommit;
    bool m_handOff = false;
};

} // namespace caredesk::server
