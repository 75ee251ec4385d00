#include "handlers/MessageRouter.h"
#include "app/Logging.h"

#include "storage/DatabasePool.h"

#include <spdlog/spdlog.h>

#include <pqxx/pqxx>

#include <algorithm>

namespace caredesk::server {

namespace {
std::shared_ptr<spdlog::logger> logger() { return subsystemLogger("net"); }

protocol::Error error(protocol::ErrorCode code, std::string message) {
    return {code, std::move(message), {}, {}};
}
} // namespace

MessageRouter::MessageRouter(RouteTable routes, DatabasePool &database, SessionTimeouts timeouts)
    : m_routes(std::move(routes))
    , m_database(database)
    , m_timeouts(timeouts) {}

void MessageRouter::onConnected(const std::shared_ptr<ClientLink> &link) {
    auto connection = std::make_shared<ClientConnection>(link);
    std::lock_guard lock(m_mutex);
    m_connections[link->connectionId()] = std::move(connection);
}

void MessageRouter::onDisconnected(const std::shared_ptr<ClientLink> &link) {
    std::lock_guard lock(m_mutex);
    m_connections.erase(link->connectionId());
}

std::size_t MessageRouter::connectionCount() const {
    std::lock_guard lock(m_mutex);
    return m_connections.size();
}

std::size_t MessageRouter::endSessionsOf(std::int64_t caregiverId,
                                        std::optional<std::int64_t> keepSessionId) {
    return endMatching([&](const ClientConnection::SessionOwner &owner) {
        return owner.caregiverId == caregiverId && owner.sessionId != keepSessionId;
    });
}

std::size_t MessageRouter::endSessions(const std::vector<std::int64_t> &sessionIds) {
    return endMatching([&](const ClientConnection::SessionOwner &owner) {
        return std::find(sessionIds.begin(), sessionIds.end(), owner.sessionId) !=
               sessionIds.end();
    });
}

std::vector<std::int64_t> MessageRouter::liveSessionIds() const {
    std::vector<std::int64_t> ids;
    std::lock_guard lock(m_mutex);
    for (const auto &[id, connection] : m_connections) {
        if (const auto owner = connection->sessionOwner())
            ids.push_back(owner->sessionId);
    }
    return ids;
}

std::size_t MessageRouter::endMatching(
    const std::function<bool(const ClientConnection::SessionOwner &)> &revoked) {
    std::vector<std::shared_ptr<ClientConnection>> ending;
    {
        std::lock_guard lock(m_mutex);
        for (const auto &[id, connection] : m_connections) {
            const auto owner = connection->sessionOwner();
            if (owner && revoked(*owner))
                ending.push_back(connection);
        }
    }
    for (const auto &connection : ending) {
        logger()->info("conn={} session revoked: closing", connection->id());
        connection->clearSession();
        connection->close(closecode::kSessionEnded, "your session has ended; sign in again");
    }
    return ending.size();
}

std::shared_ptr<ClientConnection> MessageRouter::connectionFor(const ClientLink &link) const {
    std::lock_guard lock(m_mutex);
    const auto it = m_connections.find(link.connectionId());
    return it == m_connections.end() ? nullptr : it->second;
}

void MessageRouter::onBinary(const std::shared_ptr<ClientLink> &link) {
    link->sendText(protocol::encode(error(protocol::ErrorCode::BinaryNotSupported,
                                          "binary frames are not part of the protocol; "
                                          "send JSON text frames")));
}

void MessageRouter::onOversized(const std::shared_ptr<ClientLink> &link, std::size_t bytes) {
    logger()->warn("conn={} oversized frame of {} bytes refused", link->connectionId(), bytes);
    link->sendText(protocol::encode(
        error(protocol::ErrorCode::TooLarge, "frame of " + std::to_string(bytes) +
                                                 " bytes exceeds the limit of " +
                                                 std::to_string(protocol::kMaxMessageBytes))));
}

void MessageRouter::onText(const std::shared_ptr<ClientLink> &link, std::string frame) {
    auto connection = connectionFor(*link);
    if (!connection)
        return;
    std::string id;
    auto envelope = protocol::decodeEnvelope(frame, protocol::kMaxMessageBytes, &id);
    if (!envelope) {
        logger()->info("conn={} rejected frame: {}", link->connectionId(),
                       protocol::errorCodeName(envelope.error().code));
        connection->send(protocol::encode(envelope.error(), id));
        return;
    }
    protocol::Envelope runNow;
    switch (connection->admit(std::move(*envelope), &runNow)) {
    case ClientConnection::Admission::RunNow:
        run(connection, std::move(runNow));
        break;
    case ClientConnection::Admission::Queued:
        break;
    case ClientConnection::Admission::Full:
        connection->send(protocol::encode(
            error(protocol::ErrorCode::Overloaded,
                  "too many requests in flight on this connection; wait for replies"),
            id));
        break;
    }
}

void MessageRouter::finished(const std::shared_ptr<ClientConnection> &connection) {
    if (auto next = connection->finishAndTakeNext())
        run(connection, std::move(*next));
}

void MessageRouter::run(const std::shared_ptr<ClientConnection> &connection,
                        protocol::Envelope envelope) {
    const protocol::MessageType type = envelope.type;
    auto request = std::make_shared<Request>(
        connection, std::move(envelope),
        [this](const std::shared_ptr<ClientConnection> &c) { finished(c); });

    const Route *route = m_routes.find(type);
    if (!route) {
        request->fail(error(protocol::ErrorCode::NotAllowedHere,
                            std::string(protocol::messageTypeName(type)) +
                                " is sent by the server, not to it"));
        return;
    }
    if (route->access != Route::Access::Handshake && !connection->greeted()) {
        request->fail(error(protocol::ErrorCode::HandshakeRequired,
                            "send hello first to agree on a protocol version"));
        return;
    }
    if (route->access == Route::Access::Authenticated) {
        runAuthenticated(request, *route);
        return;
    }
    if (route->access == Route::Access::Participant) {
        if (connection->sessionToken())
            runAuthenticated(request, *route);
        else
            runPatient(request, *route);
        return;
    }
    route->start(std::move(request));
}

// A patient's request on a participant route: no session, so the handler
// checks that the visit is the one this connection filed or resumed.
void MessageRouter::runPatient(const std::shared_ptr<Request> &request, const Route &route) {
    if (!request->connection().patientVisit()) {
        request->fail(error(protocol::ErrorCode::NotAuthenticated,
                            "log in, or file or resume your visit first"));
        return;
    }
    auto body = route.prepare(request->envelope().body);
    if (!body) {
        request->fail(body.error());
        return;
    }
    m_database.submit(
        [request, transactionBody = std::move(*body)](pqxx::work &tx) {
            transactionBody(tx, *request);
        },
        [request](std::optional<protocol::Error> failure) {
            if (!failure)
                request->commit();
            else
                request->fail(std::move(*failure));
        });
}

void MessageRouter::runAuthenticated(const std::shared_ptr<Request> &request, const Route &route) {
    auto &connection = request->connection();
    const auto token = connection.sessionToken();
    if (!token) {
        request->fail(error(protocol::ErrorCode::NotAuthenticated, "log in first"));
        return;
    }
    const auto type = request->envelope().type;
    // The body is read only once the session and roles allow the message, so
    // someone without the role learns nothing from how a body is checked.
    m_database.submit(
        [request, token = *token, &route, timeouts = m_timeouts, type](pqxx::work &tx) {
            const auto roles = route.roles;
            auto identity = SessionRepository::touch(tx, token, timeouts);
            if (!identity)
                throw RequestError{error(protocol::ErrorCode::SessionExpired,
                                         "your session has ended; log in again")};
            if (!roles.empty() && !identity->caregiver.roles.intersects(roles)) {
                std::string needed;
                for (const auto &name : roles.names())
                    needed += (needed.empty() ? "" : " or ") + name;
                logger()->warn("conn={} caregiver={} denied {}: needs {}",
                               request->connection().id(), identity->caregiver.id,
                               protocol::messageTypeName(type), needed);
                throw RequestError{error(protocol::ErrorCode::Forbidden,
                                         std::string(protocol::messageTypeName(type)) +
                                             " requires the " + needed + " role")};
            }
            auto transactionBody = route.prepare(request->envelope().body);
            if (!transactionBody)
                throw RequestError{transactionBody.error()};
            request->setIdentity(std::move(*identity));
            (*transactionBody)(tx, *request);
        },
        [request](std::optional<protocol::Error> failure) {
            if (!failure) {
                request->commit();
                return;
            }
            if (failure->code == protocol::ErrorCode::SessionExpired)
                request->connection().clearSession();
            request->fail(std::move(*failure));
        });
}

} // namespace caredesk::server
