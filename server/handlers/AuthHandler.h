#pragma once

#include "handlers/RouteTable.h"
#include "storage/LoginAttemptRepository.h"
#include "storage/SessionRepository.h"

#include <string>

namespace caredesk::server {

class DatabasePool;
class PasswordHasher;

struct PasswordPolicy {
    std::size_t minLength = 12;
    // Returns a reason when the password is refused.
    std::optional<std::string> check(const std::string &password,
                                     const std::string &username) const;
};

// hello, login, resume, logout, change_password.
class AuthHandler {
public:
    AuthHandler(DatabasePool &database, const PasswordHasher &hasher, SessionTimeouts timeouts,
                LoginThrottlePolicy throttle, std::string serverVersion);

    void registerRoutes(RouteTable &routes);

private:
    void hello(const std::shared_ptr<Request> &request, const protocol::Hello &hello);
    void login(const std::shared_ptr<Request> &request, const protocol::Login &login);
    void resume(const std::shared_ptr<Request> &request, const protocol::Resume &resume);
    void logout(pqxx::work &tx, Request &request);
    void changePassword(pqxx::work &tx, Request &request, const protocol::ChangePassword &change);

    DatabasePool &m_database;
    const PasswordHasher &m_hasher;
    SessionTimeouts m_timeouts;
    LoginThrottlePolicy m_throttle;
    std::string m_serverVersion;
    PasswordPolicy m_passwordPolicy;
};

} // namespace caredesk::server
