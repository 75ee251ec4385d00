#include "handlers/AuthHandler.h"

#include "app/Logging.h"
#include "handlers/SessionRevocations.h"
#include "net/ClientLink.h"
#include "scheduling/ProviderPresence.h"
#include "security/PasswordHasher.h"
#include "storage/AuditLog.h"
#include "storage/CaregiverRepository.h"
#include "storage/DatabasePool.h"
#include "storage/InviteRepository.h"

#include <algorithm>
#include <chrono>
#include <pqxx/pqxx>
#include <spdlog/spdlog.h>

namespace caredesk::server {

namespace {
std::shared_ptr<spdlog::logger> logger() { return subsystemLogger("auth"); }

protocol::EpochMs nowMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string lowercase(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

AuditEvent caregiverEvent(std::int64_t caregiverId, std::string action,
                          const std::string &address) {
    AuditEvent event;
    event.actorKind = AuditEvent::Actor::Caregiver;
    event.actorId = caregiverId;
    event.action = std::move(action);
    event.subjectType = "caregiver";
    event.subjectId = std::to_string(caregiverId);
    event.clientAddress = address;
    return event;
}

const protocol::Error kInvalidCredentials{protocol::ErrorCode::InvalidCredentials,
                                          "wrong username or password", {}, {}};
} // namespace

AuthHandler::AuthHandler(DatabasePool &database, const PasswordHasher &hasher,
                         SessionTimeouts timeouts, LoginThrottlePolicy throttle,
                         std::string serverVersion, ProviderPresence &providers)
    : m_database(database)
    , m_hasher(hasher)
    , m_timeouts(timeouts)
    , m_throttle(throttle)
    , m_serverVersion(std::move(serverVersion))
    , m_providers(providers) {}

void AuthHandler::registerRoutes(RouteTable &routes) {
    routes.anonymous<protocol::Hello>(
        Route::Access::Handshake,
        [this](std::shared_ptr<Request> r, protocol::Hello m) { hello(r, m); });
    routes.anonymous<protocol::Login>(
        Route::Access::Anonymous,
        [this](std::shared_ptr<Request> r, protocol::Login m) { login(r, m); });
    routes.anonymous<protocol::Resume>(
        Route::Access::Anonymous,
        [this](std::shared_ptr<Request> r, protocol::Resume m) { resume(r, m); });
    routes.anonymous<protocol::ActivateAccount>(
        Route::Access::Anonymous,
        [this](std::shared_ptr<Request> r, protocol::ActivateAccount m) { activate(r, m); });
    routes.authenticated<protocol::Logout>(
        {}, [this](pqxx::work &tx, Request &r, const protocol::Logout &) { logout(tx, r); });
    routes.authenticated<protocol::ChangePassword>(
        {}, [this](pqxx::work &tx, Request &r, const protocol::ChangePassword &m) {
            changePassword(tx, r, m);
        });
}

void AuthHandler::hello(const std::shared_ptr<Request> &request, const protocol::Hello &hello) {
    auto &connection = request->connection();
    if (connection.greeted()) {
        request->fail({protocol::ErrorCode::OutOfRange, "hello was already received", {}, {}});
        return;
    }
    const int version = std::min(hello.maxProtocol, protocol::kProtocolVersion);
    if (version < std::max(hello.minProtocol, protocol::kMinProtocolVersion)) {
        request->fail({protocol::ErrorCode::UnsupportedVersion,
                       "this server speaks protocol versions " +
                           std::to_string(protocol::kMinProtocolVersion) + " to " +
                           std::to_string(protocol::kProtocolVersion) + "; the client speaks " +
                           std::to_string(hello.minProtocol) + " to " +
                           std::to_string(hello.maxProtocol) + ". Update the older side.",
                       "body.maxProtocol",
                       {}});
        connection.close(closecode::kUnsupportedVersion, "unsupported protocol version");
        return;
    }
    connection.markGreeted();
    protocol::Welcome welcome;
    welcome.protocol = version;
    welcome.serverVersion = m_serverVersion;
    welcome.serverTime = nowMs();
    request->reply(welcome);
}

struct AuthHandler::SignIn {
    std::optional<protocol::SessionStarted> session;
    std::optional<protocol::Error> error;
    SessionToken::Hash tokenHash{};
    std::int64_t sessionId = 0;
};

void AuthHandler::startSession(pqxx::work &tx, const protocol::CaregiverSummary &caregiver,
                               const SessionTimeouts &timeouts, const std::string &address,
                               const char *action, SignIn &out) {
    const auto token = SessionToken::generate();
    const auto identity = SessionRepository::create(tx, caregiver, token.hash, timeouts, address);
    CaregiverRepository::markSignedIn(tx, caregiver.id);
    if (caregiver.roles.has(domain::Role::Provider))
        ProviderPresence::markSeen(tx, caregiver.id);
    AuditLog::append(tx, caregiverEvent(caregiver.id, action, address));
    protocol::SessionStarted started;
    started.token = token.token;
    started.user = identity.caregiver;
    started.idleExpiresAt = identity.idleExpiresAt;
    started.absoluteExpiresAt = identity.absoluteExpiresAt;
    out.session = std::move(started);
    out.tokenHash = token.hash;
    out.sessionId = identity.sessionId;
}

void AuthHandler::finishSignIn(const std::shared_ptr<Request> &request, const SignIn &outcome,
                               const char *what) {
    auto &connection = request->connection();
    if (outcome.error) {
        logger()->info("conn={} {} refused: {}", connection.id(), what,
                       protocol::errorCodeName(outcome.error->code));
        return request->fail(*outcome.error);
    }
    connection.setSession(outcome.tokenHash, outcome.session->user.id, outcome.sessionId);
    logger()->info("conn={} caregiver={} signed in ({})", connection.id(),
                   outcome.session->user.id, what);
    watchProvider(request, outcome.session->user);
    request->reply(*outcome.session);
}

void AuthHandler::watchProvider(const std::shared_ptr<Request> &request,
                                const protocol::CaregiverSummary &caregiver) {
    if (caregiver.roles.has(domain::Role::Provider))
        m_providers.watch(request->connectionPtr(), caregiver.id);
    else
        m_providers.unwatch(request->connection().id());
}

void AuthHandler::login(const std::shared_ptr<Request> &request, const protocol::Login &login) {
    auto outcome = std::make_shared<SignIn>();
    const std::string address = request->connection().remoteAddress();
    m_database.submit(
        [this, login, address, outcome](pqxx::work &tx) {
            *outcome = SignIn{};
            const std::string key = lowercase(login.username);
            if (auto wait = LoginAttemptRepository::retryAfter(tx, key, address, m_throttle)) {
                outcome->error = protocol::Error{protocol::ErrorCode::Throttled,
                                                 "too many failed logins; try again later",
                                                 {},
                                                 *wait};
                return;
            }
            auto caregiver = CaregiverRepository::findByUsername(tx, login.username);
            bool valid = false;
            if (caregiver) {
                valid = m_hasher.verify(caregiver->passwordHash, login.password) &&
                        caregiver->summary.active;
            } else {
                m_hasher.verifyDummy(login.password);
            }
            LoginAttemptRepository::record(tx, key, address, valid);
            if (!valid) {
                if (caregiver) {
                    auto event = caregiverEvent(caregiver->summary.id, "auth.login_failed", address);
                    AuditLog::append(tx, event);
                }
                outcome->error = kInvalidCredentials;
                return;
            }
            if (m_hasher.needsRehash(caregiver->passwordHash))
                CaregiverRepository::replaceHash(tx, caregiver->summary.id,
                                                 m_hasher.hash(login.password));
            startSession(tx, caregiver->summary, m_timeouts, address, "auth.login", *outcome);
        },
        [this, request, outcome](std::optional<protocol::Error> failure) {
            if (failure)
                return request->fail(std::move(*failure));
            finishSignIn(request, *outcome, "login");
        });
}

void AuthHandler::activate(const std::shared_ptr<Request> &request,
                           const protocol::ActivateAccount &activation) {
    auto outcome = std::make_shared<SignIn>();
    const std::string address = request->connection().remoteAddress();
    m_database.submit(
        [this, activation, address, outcome](pqxx::work &tx) {
            *outcome = SignIn{};
            // Codes are 256 random bits; throttling per address still keeps
            // a client from trying them at speed.
            const std::string key = "invite@" + address;
            if (auto wait = LoginAttemptRepository::retryAfter(tx, key, address, m_throttle)) {
                outcome->error = protocol::Error{protocol::ErrorCode::Throttled,
                                                 "too many wrong activation codes; try again later",
                                                 {},
                                                 *wait};
                return;
            }
            const auto caregiverId =
                InviteRepository::redeem(tx, SessionToken::hashOf(activation.inviteToken));
            const auto caregiver =
                caregiverId ? CaregiverRepository::findById(tx, *caregiverId) : std::nullopt;
            if (!caregiver) {
                LoginAttemptRepository::record(tx, key, address, false);
                outcome->error = protocol::Error{
                    protocol::ErrorCode::InvalidCredentials,
                    "this activation code is not valid: it may have been used, replaced by a "
                    "newer one or expired. Ask your administrator for a new one.",
                    "body.inviteToken",
                    {}};
                return;
            }
            // Refusing the password rolls back: the code stays unspent.
            if (auto reason = m_passwordPolicy.check(activation.password,
                                                     caregiver->summary.username))
                throw RequestError{
                    {protocol::ErrorCode::PasswordRejected, *reason, "body.password", {}}};
            CaregiverRepository::setPasswordHash(tx, caregiver->summary.id,
                                                 m_hasher.hash(activation.password));
            LoginAttemptRepository::record(tx, key, address, true);
            startSession(tx, caregiver->summary, m_timeouts, address, "auth.activated", *outcome);
        },
        [this, request, outcome](std::optional<protocol::Error> failure) {
            if (failure)
                return request->fail(std::move(*failure));
            finishSignIn(request, *outcome, "activation");
        });
}

void AuthHandler::resume(const std::shared_ptr<Request> &request, const protocol::Resume &resume) {
    auto identity = std::make_shared<std::optional<SessionIdentity>>();
    const auto tokenHash = SessionToken::hashOf(resume.token);
    m_database.submit(
        [this, tokenHash, identity](pqxx::work &tx) {
            *identity = SessionRepository::touch(tx, tokenHash, m_timeouts);
            if (*identity && (*identity)->caregiver.roles.has(domain::Role::Provider))
                ProviderPresence::markSeen(tx, (*identity)->caregiver.id);
        },
        [this, request, identity, tokenHash](std::optional<protocol::Error> failure) {
            if (failure)
                return request->fail(std::move(*failure));
            auto &connection = request->connection();
            if (!*identity) {
                connection.clearSession();
                return request->fail({protocol::ErrorCode::SessionExpired,
                                      "this session has ended; log in again", {}, {}});
            }
            connection.setSession(tokenHash, (*identity)->caregiver.id, (*identity)->sessionId);
            logger()->info("conn={} caregiver={} resumed session", connection.id(),
                           (*identity)->caregiver.id);
            watchProvider(request, (*identity)->caregiver);
            protocol::SessionStarted started;
            started.user = (*identity)->caregiver;
            started.idleExpiresAt = (*identity)->idleExpiresAt;
            started.absoluteExpiresAt = (*identity)->absoluteExpiresAt;
            request->reply(started);
        });
}

void AuthHandler::logout(pqxx::work &tx, Request &request) {
    const auto &identity = request.identity();
    SessionRepository::revoke(tx, identity.sessionId, "logout");
    AuditLog::append(tx, caregiverEvent(identity.caregiver.id, "auth.logout",
                                        request.connection().remoteAddress()));
    request.setAfterCommit([this, &request] {
        request.connection().clearSession();
        m_providers.unwatch(request.connection().id());
    });
}

void AuthHandler::changePassword(pqxx::work &tx, Request &request,
                                 const protocol::ChangePassword &change) {
    const auto &identity = request.identity();
    const std::string &address = request.connection().remoteAddress();
    const std::string key = lowercase(identity.caregiver.username);
    if (auto wait = LoginAttemptRepository::retryAfter(tx, key, address, m_throttle))
        throw RequestError{{protocol::ErrorCode::Throttled,
                            "too many wrong passwords; try again later", {}, *wait}};
    const auto caregiver = CaregiverRepository::findById(tx, identity.caregiver.id);
    if (!caregiver || !m_hasher.verify(caregiver->passwordHash, change.currentPassword)) {
        // A wrong current password counts as a failed login, so this path cannot
        // be used to guess passwords faster than the login screen allows.
        LoginAttemptRepository::record(tx, key, address, false);
        request.stageReply(protocol::Error{protocol::ErrorCode::InvalidCredentials,
                                           "the current password is wrong", "body.currentPassword",
                                           {}});
        return;
    }
    if (auto reason = m_passwordPolicy.check(change.newPassword, identity.caregiver.username))
        throw RequestError{
            {protocol::ErrorCode::PasswordRejected, *reason, "body.newPassword", {}}};
    CaregiverRepository::setPasswordHash(tx, identity.caregiver.id, m_hasher.hash(change.newPassword));
    const int revoked = SessionRepository::revokeAllOf(tx, identity.caregiver.id,
                                                       identity.sessionId, "password changed");
    if (revoked > 0)
        SessionRevocations::announce(tx, identity.caregiver.id, identity.sessionId);
    auto event = caregiverEvent(identity.caregiver.id, "auth.password_changed", address);
    event.detail = {{"sessionsRevoked", revoked}};
    AuditLog::append(tx, event);
    request.stageReply(protocol::Ok{});
}

} // namespace caredesk::server
