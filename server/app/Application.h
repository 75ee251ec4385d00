#pragma once

#include "app/ServerConfig.h"

#include <memory>
#include <string>

namespace caredesk::server {

class EmbeddedPostgres;

// Wires the server together: logging, database (embedded or external),
// migrations, handlers, network; then runs until SIGINT/SIGTERM and shuts down
// in order (stop accepting, close WebSockets with 1001, finish queued database
// work, stop the embedded PostgreSQL).
class Application {
public:
    explicit Application(ServerConfig config);
    ~Application();

    int run();
    // --create-admin: password from standard input (prompted for on a terminal).
    int createAdmin();
    // --verify-audit: walks the audit trail's seals; 0 intact, 1 broken.
    int verifyAudit();

private:
    void setUpLogging();
    // Starts the embedded cluster when no URL is configured, applies migrations;
    // returns the connection string to use.
    std::string prepareDatabase();

    ServerConfig m_config;
    std::unique_ptr<EmbeddedPostgres> m_embedded;
    // The schema owner's connection (migrations, demo data, --create-admin);
    // prepareDatabase() returns the runtime's, as the application role where
    // the server runs its own cluster.
    std::string m_ownerConnection;
};

} // namespace caredesk::server
