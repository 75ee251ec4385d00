#pragma once

#include "handlers/ClientConnection.h"
#include "handlers/RouteTable.h"
#include "net/ClientLink.h"
#include "storage/SessionRepository.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

namespace caredesk::server {

class DatabasePool;

// Turns frames into requests: decodes the envelope, enforces the handshake,
// runs each connection's requests one at a time, checks every authenticated
// request's session and roles against the database in the same transaction as
// the handler, and answers every request exactly once.
class MessageRouter : public MessageSink {
public:
    MessageRouter(RouteTable routes, DatabasePool &database, SessionTimeouts timeouts);

    void onConnected(const std::shared_ptr<ClientLink> &link) override;
    void onText(const std::shared_ptr<ClientLink> &link, std::string frame) override;
    void onBinary(const std::shared_ptr<ClientLink> &link) override;
    void onOversized(const std::shared_ptr<ClientLink> &link, std::size_t bytes) override;
    void onDisconnected(const std::shared_ptr<ClientLink> &link) override;

    std::size_t connectionCount() const;
    // Closes this instance's connections signed in as the caregiver (except
    // the one carrying keepSessionId), whose sessions were revoked. Returns
    // how many were closed.
    std::size_t endSessionsOf(std::int64_t caregiverId, std::optional<std::int64_t> keepSessionId);
    // The sessions this instance's connections carry, by session id.
    std::vector<std::int64_t> liveSessionIds() const;
    // Closes the connections carrying these sessions (revoked while nobody heard).
    std::size_t endSessions(const std::vector<std::int64_t> &sessionIds);

private:
    std::shared_ptr<ClientConnection> connectionFor(const ClientLink &link) const;
    void run(const std::shared_ptr<ClientConnection> &connection, protocol::Envelope envelope);
    void runAuthenticated(const std::shared_ptr<Request> &request, const Route &route);
    void runPatient(const std::shared_ptr<Request> &request, const Route &route);
    void finished(const std::shared_ptr<ClientConnection> &connection);
    std::size_t endMatching(
        const std::function<bool(const ClientConnection::SessionOwner &)> &revoked);

    RouteTable m_routes;
    DatabasePool &m_database;
    SessionTimeouts m_timeouts;
    mutable std::mutex m_mutex;
    std::unordered_map<std::uint64_t, std::shared_ptr<ClientConnection>> m_connections;
};

} // namespace caredesk::server
