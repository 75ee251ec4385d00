#pragma once

#include "security/PasswordHasher.h"
#include "storage/LoginAttemptRepository.h"
#include "storage/SessionRepository.h"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace caredesk::server {

// Everything the server can be told. Sources, later ones winning: built-in
// defaults, the config file (--config / CAREDESK_CONFIG), environment variables
// CAREDESK_<OPTION> (dashes become underscores), command-line flags.
struct ServerConfig {
    std::string listenAddress = "127.0.0.1";
    std::uint16_t port = 8080;
    int ioThreads = 2;
    int dbThreads = 4;
    std::string databaseUrl; // empty: run the embedded PostgreSQL in dataDir
    // The schema owner's URL, to apply migrations; empty: databaseUrl's login.
    std::string migrationDatabaseUrl;
    std::filesystem::path dataDir;
    std::filesystem::path webRoot;
    std::filesystem::path tlsCertificate;
    std::filesystem::path tlsPrivateKey;
    std::string logLevel = "info"; // "info" or per logger: "info,net=debug,db=warn"
    std::filesystem::path logFile; // empty: standard error
    std::string postgresUser;      // embedded cluster's account when running as root
    SessionTimeouts sessionTimeouts;
    LoginThrottlePolicy loginThrottle;
    std::string passwordCost = "interactive"; // interactive | moderate | minimum
    std::chrono::seconds wsIdleTimeout{60};
    std::chrono::seconds handshakeTimeout{10};
    // A queued patient disconnected this long loses their place (visit -> left).
    std::chrono::seconds patientGrace{600};
    // A provider whose consoles have all been gone this long is set offline.
    std::chrono::seconds providerGrace{60};
    // An invitation (activation code) for a new or reset account is valid this long.
    std::chrono::seconds inviteValidity{72 * 3600};
    // Licenses lapsing within this many days are flagged in the console.
    int licenseWarningDays = 30;
    bool demo = false;
    std::string createAdmin;              // non-empty: create/reset this admin and exit
    std::filesystem::path readyFile;      // written with the base URL once listening
    // The key that seals the audit trail; empty: <dataDir>/audit-key, made
    // on first start. Every instance of one deployment needs the same key.
    std::filesystem::path auditKeyFile;
    bool verifyAudit = false; // check the audit trail's seals and exit
    std::filesystem::path configFile;

    bool tlsEnabled() const { return !tlsCertificate.empty(); }
    std::filesystem::path auditKeyPath() const {
        return auditKeyFile.empty() ? dataDir / "audit-key" : auditKeyFile;
    }
};

struct ConfigLoad {
    std::optional<ServerConfig> config; // set when the server should run
    std::string output;                 // --help / --version text, or the error
    int exitCode = 0;                   // when config is empty
};

// args excludes argv[0]. environment maps variable names to values.
ConfigLoad loadServerConfig(const std::vector<std::string> &args,
                            const std::map<std::string, std::string> &environment);

std::map<std::string, std::string> currentEnvironment();

// Default data folder: /var/lib/caredesk as root, else $XDG_DATA_HOME/caredesk
// (~/.local/share/caredesk).
std::filesystem::path defaultDataDir();

// The argon2id cost behind a --password-cost preset.
PasswordHasher::Cost passwordCost(const std::string &preset);

// The patient page folder: --web-root, else the installed copy next to the
// binary (../share/caredesk/web), else the source tree's resources/web.
std::filesystem::path webRootFor(const ServerConfig &config);

} // namespace caredesk::server
