#include "app/ServerRuntime.h"

#include "app/Logging.h"
#include "chat/ChatFeed.h"
#include "chat/ChatWriter.h"
#include "domain/TimeZoneDatabase.h"
#include "handlers/AdminHandler.h"
#include "handlers/AuthHandler.h"
#include "handlers/CannedResponseHandler.h"
#include "handlers/ChatHandler.h"
#include "handlers/MessageRouter.h"
#include "handlers/OnboardingHandler.h"
#include "handlers/SessionRevocations.h"
#include "handlers/StateSettingsHandler.h"
#include "handlers/VisitHandler.h"
#include "net/HttpServer.h"
#include "scheduling/PatientPresence.h"
#include "scheduling/ProviderPresence.h"
#include "scheduling/QueueFeed.h"
#include "security/PasswordHasher.h"
#include "storage/AuditSealer.h"
#include "storage/DatabasePool.h"
#include "storage/Migrator.h"

#include <pqxx/pqxx>

namespace caredesk::server {

namespace {

// Answers /readyz from the database: reachable, and at the schema this binary expects.
class DatabaseReadiness final : public ReadinessProbe {
public:
    DatabaseReadiness(DatabasePool &pool, int expectedVersion)
        : m_pool(pool)
        , m_expected(expectedVersion) {}

    void check(std::function<void(bool, std::string)> done) override {
        auto version = std::make_shared<int>(0);
        m_pool.submit([version](pqxx::work &tx) { *version = Migrator::currentVersion(tx); },
                      [version, expected = m_expected,
                       done = std::move(done)](std::optional<protocol::Error> error) {
                          if (error)
                              return done(false, "database: " + error->message);
                          if (*version != expected)
                              return done(false, "schema version " + std::to_string(*version) +
                                                     ", expected " + std::to_string(expected));
                          done(true, {});
                      });
    }

private:
    DatabasePool &m_pool;
    int m_expected;
};

DatabasePoolOptions poolOptions(const ServerConfig &config, std::string connectionString) {
    DatabasePoolOptions options;
    options.connectionString = std::move(connectionString);
    options.threads = static_cast<std::size_t>(config.dbThreads);
    return options;
}

HttpServerOptions httpOptions(const ServerConfig &config, std::filesystem::path webRoot) {
    HttpServerOptions options;
    options.address = config.listenAddress;
    options.port = config.port;
    options.ioThreads = config.ioThreads;
    options.webRoot = std::move(webRoot);
    options.tlsCertificate = config.tlsCertificate;
    options.tlsPrivateKey = config.tlsPrivateKey;
    options.wsIdleTimeout = config.wsIdleTimeout;
    options.handshakeTimeout = config.handshakeTimeout;
    return options;
}

// The deployment's key, or (a server with neither a key file nor a data
// folder: tests) one that lives as long as the process.
AuditChain::Key auditKeyFor(const ServerConfig &config) {
    if (config.auditKeyFile.empty() && config.dataDir.empty()) {
        subsystemLogger("db")->warn("no data folder or --audit-key-file: the audit trail is "
                                    "sealed with a key that is not kept");
        return AuditChain::randomKey();
    }
    return AuditChain::loadOrCreateKey(config.auditKeyPath());
}

OnboardingOptions onboardingOptions(const ServerConfig &config) {
    OnboardingOptions options;
    options.inviteValidity = config.inviteValidity;
    options.licenseWarningDays = config.licenseWarningDays;
    return options;
}

RouteTable routesFor(AuthHandler &auth, AdminHandler &admin, OnboardingHandler &onboarding,
                     VisitHandler &visits, StateSettingsHandler &stateSettings,
                     ChatHandler &chat) {
    RouteTable routes;
    auth.registerRoutes(routes);
    admin.registerRoutes(routes);
    onboarding.registerRoutes(routes);
    visits.registerRoutes(routes);
    stateSettings.registerRoutes(routes);
    CannedResponseHandler{}.registerRoutes(routes);
    chat.registerRoutes(routes);
    return routes;
}

} // namespace

struct ServerRuntime::Parts {
    Parts(const ServerConfig &config, std::string connectionString)
        : hasher(passwordCost(config.passwordCost))
        , pool(poolOptions(config, connectionString))
        , feed(connectionString, zones)
        , chatFeed(connectionString)
        , chatWriter(connectionString)
        , sealer(connectionString, auditKeyFor(config))
        , presence(pool, PresenceOptions::forGrace(config.patientGrace))
        , providerPresence(pool, PresenceOptions::forGrace(config.providerGrace))
        , auth(pool, hasher, config.sessionTimeouts, config.loginThrottle,
               std::string("caredesk-server ") + CAREDESK_VERSION, providerPresence)
        , visits(pool, feed, presence, zones)
        , stateSettings(zones)
        , chat(chatFeed, chatWriter)
        , onboarding(onboardingOptions(config))
        , router(routesFor(auth, admin, onboarding, visits, stateSettings, chat), pool,
                 config.sessionTimeouts)
        , revocations(connectionString, router)
        , readiness(pool, Migrator().latestVersion())
        , http(httpOptions(config, webRootFor(config)), router, readiness) {}

    PasswordHasher hasher;
    domain::TimeZoneDatabase zones;
    DatabasePool pool;
    QueueFeed feed;
    ChatFeed chatFeed;
    ChatWriter chatWriter;
    AuditSealer sealer;
    PatientPresence presence; // before the router: outlives the connections it watches
    ProviderPresence providerPresence; // the same
    AuthHandler auth;
    AdminHandler admin;
    VisitHandler visits;
    StateSettingsHandler stateSettings;
    ChatHandler chat;
    OnboardingHandler onboarding;
    MessageRouter router;
    SessionRevocations revocations;
    DatabaseReadiness readiness;
    HttpServer http;
};

ServerRuntime::ServerRuntime(const ServerConfig &config, std::string connectionString)
    : m_parts(std::make_unique<Parts>(config, std::move(connectionString))) {}

ServerRuntime::~ServerRuntime() {
    stop(std::chrono::milliseconds(500));
}

std::uint16_t ServerRuntime::start() {
    m_parts->pool.start();
    m_parts->feed.start();
    m_parts->chatFeed.start();
    m_parts->chatWriter.start();
    m_parts->sealer.start();
    m_parts->presence.start();
    m_parts->providerPresence.start();
    m_parts->revocations.start();
    const auto port = m_parts->http.listen();
    m_parts->http.start();
    m_running = true;
    return port;
}

std::string ServerRuntime::baseUrl() const {
    return m_parts->http.baseUrl();
}

void ServerRuntime::waitForStopSignal() {
    m_parts->http.waitForStopSignal();
}

void ServerRuntime::requestStop() {
    m_parts->http.requestStop();
}

void ServerRuntime::stop(std::chrono::milliseconds grace) {
    if (!m_running)
        return;
    m_running = false;
    m_parts->http.shutdown(grace); // patients' and providers' connections closing here are stamped
    m_parts->presence.stop();
    m_parts->providerPresence.stop();
    m_parts->revocations.stop();
    m_parts->chatWriter.stop();
    m_parts->sealer.stop();
    m_parts->chatFeed.stop();
    m_parts->feed.stop();
    m_parts->pool.stop();
}

std::size_t ServerRuntime::openWebSockets() const {
    return m_parts->http.openWebSockets();
}

} // namespace caredesk::server
