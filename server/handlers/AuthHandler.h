#pragma once

#include "domain/PasswordPolicy.h"
#include "handlers/RouteTable.h"
#include "storage/LoginAttemptRepository.h"
#include "storage/SessionRepository.h"

#include <string>

namespace caredesk::server {

class DatabasePool;
class PasswordHasher;
class ProviderPresence;

// hello, login, resume, logout, change_password, activate_account.
class AuthHandler {
public:
    // Providers' consoles are watched by `providers` from sign-in to sign-out.
    AuthHandler(DatabasePool &database, const PasswordHasher &hasher, SessionTimeouts timeouts,
                LoginThrottlePolicy throttle, std::string serverVersion,
                ProviderPresence &providers);

    void registerRoutes(RouteTable &routes);

private:
    void hello(const std::shared_ptr<Request> &request, const protocol::Hello &hello);
    void login(const std::shared_ptr<Request> &request, const protocol::Login &login);
    void resume(const std::shared_ptr<Request> &request, const protocol::Resume &resume);
    void logout(pqxx::work &tx, Request &request);
    void changePassword(pqxx::work &tx, Request &request, const protocol::ChangePassword &change);
    void activate(const std::shared_ptr<Request> &request,
                  const protocol::ActivateAccount &activation);
    // Signs the caregiver in on this request's connection: a new session, its
    // token in the reply, the sign-in audited under `action`.
    struct SignIn;
    static void startSession(pqxx::work &tx, const protocol::CaregiverSummary &caregiver,
                             const SessionTimeouts &timeouts, const std::string &address,
                             const char *action, SignIn &out);
    void finishSignIn(const std::shared_ptr<Request> &request, const SignIn &outcome,
                      const char *what);
    // After a sign-in or resume committed: a provider's console is watched.
    void watchProvider(const std::shared_ptr<Request> &request,
                       const protocol::CaregiverSummary &caregiver);

    DatabasePool &m_database;
    const PasswordHasher &m_hasher;
    SessionTimeouts m_timeouts;
    LoginThrottlePolicy m_throttle;
    std::string m_serverVersion;
    domain::PasswordPolicy m_passwordPolicy;
    ProviderPresence &m_providers;
};

} // namespace caredesk::server
