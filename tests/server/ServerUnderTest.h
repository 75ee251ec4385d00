#pragma once

#include "app/ServerConfig.h"
#include "app/ServerRuntime.h"
#include "domain/Role.h"

#include <QByteArray>
#include <QUrl>

#include <cstdint>
#include <memory>
#include <string>

namespace caredesk::test {

// An in-process server on a fresh, migrated test database, listening on a free
// loopback port, with cheap password hashing so tests stay fast.
class ServerUnderTest {
public:
    // Tweak the config before start (port, address and database are set here).
    explicit ServerUnderTest(const std::string &connectionString,
                             const std::function<void(server::ServerConfig &)> &tweak = {});
    ~ServerUnderTest();

    QUrl wsUrl() const;
    QUrl httpUrl(const QString &path) const;
    // The schema owner's connection (the server itself runs as the application role).
    const std::string &connectionString() const { return m_connectionString; }
    server::ServerRuntime &runtime() { return *m_runtime; }

    std::int64_t addCaregiver(const std::string &username, const std::string &password,
                              domain::RoleSet roles, bool active = true);

    struct HttpReply {
        int status = 0;
        QByteArray body;
        QByteArray contentType;
    };
    HttpReply get(const QString &path) const;

    void stop();

private:
    std::string m_connectionString;
    server::ServerConfig m_config;
    std::unique_ptr<server::ServerRuntime> m_runtime;
    std::uint16_t m_port = 0;
};

} // namespace caredesk::test
