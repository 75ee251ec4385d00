#include "handlers/SessionRevocations.h"
#include "app/Logging.h"

#include "handlers/MessageRouter.h"
#include "storage/SqlParameters.h"

#include <pqxx/pqxx>

#include <spdlog/spdlog.h>

#include <charconv>

namespace caredesk::server {

namespace {
constexpr const char *kChannel = "caredesk_sessions";

// "caregiverId" or "caregiverId:keepSessionId".
struct Revocation {
    std::int64_t caregiverId = 0;
    std::optional<std::int64_t> keepSessionId;
};

std::optional<std::int64_t> number(std::string_view text) {
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size())
        return std::nullopt;
    return value;
}

std::optional<Revocation> parse(std::string_view payload) {
    const auto colon = payload.find(':');
    const auto caregiver = number(payload.substr(0, colon));
    if (!caregiver)
        return std::nullopt;
    Revocation revocation{*caregiver, std::nullopt};
    if (colon != std::string_view::npos) {
        revocation.keepSessionId = number(payload.substr(colon + 1));
        if (!revocation.keepSessionId)
            return std::nullopt;
    }
    return revocation;
}
} // namespace

SessionRevocations::SessionRevocations(std::string connectionString, MessageRouter &router) {
    ChangeListener::Options options;
    options.connectionString = std::move(connectionString);
    options.channel = kChannel;
    m_listener = std::make_unique<ChangeListener>(
        std::move(options),
        [&router](pqxx::connection_base &, const std::vector<std::string> &payloads) {
            for (const auto &payload : payloads) {
                if (const auto revocation = parse(payload))
                    router.endSessionsOf(revocation->caregiverId, revocation->keepSessionId);
                else
                    subsystemLogger("auth")->warn("ignored malformed session revocation");
            }
        },
        // Back after losing its connection: revocations may have been missed,
        // so ask the database which of the sessions here have ended.
        [&router](pqxx::connection_base &connection) {
            const auto live = router.liveSessionIds();
            if (live.empty())
                return;
            pqxx::work tx(connection);
            std::vector<std::int64_t> ended;
            for (const auto &row : tx.exec_params(
                     "SELECT s.id FROM sessions s JOIN caregivers c ON c.id = s.caregiver_id "
                     "WHERE s.id = ANY ($1::bigint[]) AND (s.revoked_at IS NOT NULL OR NOT c.active "
                     "OR s.absolute_expires_at <= now())",
                     bigintArray(live)))
                ended.push_back(row[0].as<std::int64_t>());
            tx.commit();
            if (!ended.empty())
                router.endSessions(ended);
        });
}

SessionRevocations::~SessionRevocations() {
    stop();
}

void SessionRevocations::start() {
    m_listener->start();
}

void SessionRevocations::stop() {
    m_listener->stop();
}

void SessionRevocations::announce(pqxx::transaction_base &tx, std::int64_t caregiverId,
                                  std::optional<std::int64_t> keepSessionId) {
    std::string payload = std::to_string(caregiverId);
    if (keepSessionId)
        payload += ":" + std::to_string(*keepSessionId);
    ChangeListener::notifyChange(tx, payload, kChannel);
}

} // namespace caredesk::server
