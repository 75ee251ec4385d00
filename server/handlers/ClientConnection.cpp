#include "handlers/ClientConnection.h"

namespace caredesk::server {

ClientConnection::ClientConnection(std::shared_ptr<ClientLink> link)
    : m_link(std::move(link)) {}

ClientConnection::~ClientConnection() {
    if (m_onGone)
        m_onGone();
}

bool ClientConnection::greeted() const {
    std::lock_guard lock(m_mutex);
    return m_greeted;
}

void ClientConnection::markGreeted() {
    std::lock_guard lock(m_mutex);
    m_greeted = true;
}

std::optional<SessionToken::Hash> ClientConnection::sessionToken() const {
    std::lock_guard lock(m_mutex);
    return m_session;
}

void ClientConnection::setSession(const SessionToken::Hash &tokenHash, std::int64_t caregiverId,
                                  std::int64_t sessionId) {
    std::lock_guard lock(m_mutex);
    m_session = tokenHash;
    m_sessionOwner = SessionOwner{caregiverId, sessionId};
}

void ClientConnection::clearSession() {
    std::lock_guard lock(m_mutex);
    m_session.reset();
    m_sessionOwner.reset();
}

std::optional<ClientConnection::SessionOwner> ClientConnection::sessionOwner() const {
    std::lock_guard lock(m_mutex);
    return m_sessionOwner;
}

std::optional<std::int64_t> ClientConnection::patientVisit() const {
    std::lock_guard lock(m_mutex);
    return m_patientVisit;
}

void ClientConnection::setPatientVisit(std::int64_t visitId) {
    std::lock_guard lock(m_mutex);
    m_patientVisit = visitId;
}

void ClientConnection::setOnGone(std::function<void()> action) {
    std::lock_guard lock(m_mutex);
    m_onGone = std::move(action);
}

ClientConnection::Admission ClientConnection::admit(protocol::Envelope envelope,
                                                    protocol::Envelope *runNow) {
    std::lock_guard lock(m_mutex);
    if (!m_busy) {
        m_busy = true;
        *runNow = std::move(envelope);
        return Admission::RunNow;
    }
    if (m_inbox.size() >= kMaxQueuedRequests)
        return Admission::Full;
    m_inbox.push_back(std::move(envelope));
    return Admission::Queued;
}

std::optional<protocol::Envelope> ClientConnection::finishAndTakeNext() {
    std::lock_guard lock(m_mutex);
    if (m_inbox.empty()) {
        m_busy = false;
        return std::nullopt;
    }
    auto next = std::move(m_inbox.front());
    m_inbox.pop_front();
    return next;
}

} // namespace caredesk::server
