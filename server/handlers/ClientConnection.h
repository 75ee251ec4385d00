#pragma once

#include "net/ClientLink.h"
#include "protocol/Envelope.h"
#include "security/SessionToken.h"

#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>

namespace caredesk::server {

// Protocol state of one client: handshake, session, and the inbox that makes a
// connection's requests run one at a time, in the order they arrived (a reply
// never overtakes an earlier one, and a request after login sees the session).
class ClientConnection {
public:
    static constexpr std::size_t kMaxQueuedRequests = 64;

    explicit ClientConnection(std::shared_ptr<ClientLink> link);
    ~ClientConnection(); // runs the action set by setOnGone

    void send(std::string frame) { m_link->sendText(std::move(frame)); }
    void close(std::uint16_t code, std::string reason) { m_link->close(code, std::move(reason)); }
    std::uint64_t id() const { return m_link->connectionId(); }
    const std::string &remoteAddress() const { return m_link->remoteAddress(); }

    bool greeted() const;
    void markGreeted();

    struct SessionOwner {
        std::int64_t caregiverId = 0;
        std::int64_t sessionId = 0;
    };
    std::optional<SessionToken::Hash> sessionToken() const;
    void setSession(const SessionToken::Hash &tokenHash, std::int64_t caregiverId,
                    std::int64_t sessionId);
    void clearSession();
    // Whose session this connection carries (to end it when it is revoked).
    std::optional<SessionOwner> sessionOwner() const;

    // A patient's connection is bound to their one visit once they file or
    // resume it with the visit's secret.
    std::optional<std::int64_t> patientVisit() const;
    void setPatientVisit(std::int64_t visitId);

    // Runs once the connection is gone for good: closed, and no request of it
    // still running (on the thread that lets go of it last). Replaces an
    // earlier action.
    void setOnGone(std::function<void()> action);

    enum class Admission { RunNow, Queued, Full };
    // RunNow: nothing in flight; the caller runs this request now.
    Admission admit(protocol::Envelope envelope, protocol::Envelope *runNow);
    // The request in flight finished: the next one to run, if any.
    std::optional<protocol::Envelope> finishAndTakeNext();

private:
    std::shared_ptr<ClientLink> m_link;
    mutable std::mutex m_mutex;
    bool m_greeted = false;
    std::optional<SessionToken::Hash> m_session;
    std::optional<SessionOwner> m_sessionOwner;
    std::optional<std::int64_t> m_patientVisit;
    std::function<void()> m_onGone;
    bool m_busy = false;
    std::deque<protocol::Envelope> m_inbox;
};

} // namespace caredesk::server
