#pragma once

#include "domain/Role.h"
#include "handlers/Request.h"
#include "protocol/Messages.h"

#include "storage/PqxxFwd.h"

#include <array>
#include <functional>
#include <memory>
#include <optional>

namespace caredesk::server {

// Who may send a message type, and what handles it. The server owns these
// rules: a type with no route is server-to-client only and is refused.
struct Route {
    enum class Access {
        Handshake,    // only "hello"; allowed before the handshake
        Anonymous,    // after hello, no session needed (login, resume)
        Authenticated, // a live session; roles checked against the database
        // A caregiver's live session (any role), or else a patient whose
        // connection filed or resumed a visit: the handler sees no identity
        // and checks the visit itself.
        Participant
    };
    Access access = Access::Authenticated;
    domain::RoleSet roles; // Authenticated: any of these; empty = any caregiver
    // Handshake / Anonymous: runs on the I/O thread; may submit database work.
    std::function<void(std::shared_ptr<Request>)> start;
    // Authenticated and Participant: decodes the body, giving the part that runs inside the
    // transaction that validated the session (a caregiver's body is decoded in that
    // transaction, once the session and roles allow the message).
    using TransactionBody = std::function<void(pqxx::work &, Request &)>;
    std::function<protocol::Result<TransactionBody>(const nlohmann::json &)> prepare;
};

class RouteTable {
public:
    template <class T>
    void anonymous(Route::Access access,
                   std::function<void(std::shared_ptr<Request>, T)> handler) {
        Route route;
        route.access = access;
        route.start = [handler = std::move(handler)](std::shared_ptr<Request> request) {
            auto message = protocol::decodeBody<T>(request->envelope().body);
            if (!message)
                return request->fail(message.error());
            handler(std::move(request), std::move(*message));
        };
        set(T::kType, std::move(route));
    }

    template <class T>
    void authenticated(domain::RoleSet roles,
                       std::function<void(pqxx::work &, Request &, const T &)> handler) {
        withTransaction<T>(Route::Access::Authenticated, roles, std::move(handler));
    }

    template <class T>
    void participant(std::function<void(pqxx::work &, Request &, const T &)> handler) {
        withTransaction<T>(Route::Access::Participant, {}, std::move(handler));
    }

    const Route *find(protocol::MessageType type) const {
        const auto &slot = m_routes[static_cast<std::size_t>(type)];
        return slot ? &*slot : nullptr;
    }

private:
    template <class T>
    void withTransaction(Route::Access access, domain::RoleSet roles,
                         std::function<void(pqxx::work &, Request &, const T &)> handler) {
        Route route;
        route.access = access;
        route.roles = roles;
        route.prepare = [handler = std::move(handler)](const nlohmann::json &body)
            -> protocol::Result<Route::TransactionBody> {
            auto message = protocol::decodeBody<T>(body);
            if (!message)
                return message.error();
            return Route::TransactionBody(
                [handler, decoded = std::move(*message)](pqxx::work &tx, Request &request) {
                    handler(tx, request, decoded);
                });
        };
        set(T::kType, std::move(route));
    }

    void set(protocol::MessageType type, Route route) {
        m_routes[static_cast<std::size_t>(type)] = std::move(route);
    }
    std::array<std::optional<Route>, protocol::kMessageTypeCount> m_routes;
};

} // namespace caredesk::server
