#include "scheduling/ProviderPresence.h"

#include "scheduling/VisitScheduler.h"
#include "storage/AuditLog.h"
#include "storage/SqlParameters.h"

#include <pqxx/pqxx>

namespace caredesk::server {

namespace {

std::vector<std::int64_t> ids(const pqxx::result &rows) {
    std::vector<std::int64_t> out;
    out.reserve(rows.size());
    for (const auto &row : rows)
        out.push_back(row[0].as<std::int64_t>());
    return out;
}

std::vector<std::int64_t> stamp(pqxx::transaction_base &tx,
                                const std::vector<std::int64_t> &caregiverIds) {
    if (caregiverIds.empty())
        return {};
    // Stamps never move backwards, whichever instance's transaction commits last.
    return ids(tx.exec_params("INSERT INTO provider_presence (caregiver_id, seen_at) "
                              "SELECT c.id, now() FROM caregivers c "
                              "WHERE c.id = ANY ($1::bigint[]) "
                              "ON CONFLICT (caregiver_id) DO UPDATE "
                              "SET seen_at = greatest(provider_presence.seen_at, excluded.seen_at) "
                              "RETURNING caregiver_id",
                              bigintArray(caregiverIds)));
}

// Providers not offline, unseen longer than the grace; their availability row
// is locked, rows another transaction holds are skipped.
std::vector<std::pair<std::int64_t, std::string>> lockGone(pqxx::transaction_base &tx,
                                                           std::chrono::seconds grace, int limit) {
    const auto rows = tx.exec_params("SELECT a.caregiver_id, a.status "
                                     "FROM provider_availability a "
                                     "JOIN provider_presence p ON p.caregiver_id = a.caregiver_id "
                                     "WHERE a.status <> 'offline' "
                                     "  AND p.seen_at < now() - $1::interval "
                                     "ORDER BY p.seen_at, a.caregiver_id "
                                     "LIMIT $2 "
                                     "FOR UPDATE OF a SKIP LOCKED",
                                     intervalParameter(grace), limit);
    std::vector<std::pair<std::int64_t, std::string>> gone;
    for (const auto &row : rows)
        gone.emplace_back(row[0].as<std::int64_t>(), row[1].as<std::string>());
    return gone;
}

PresenceRules providerRules() {
    PresenceRules rules;
    rules.subject = "provider";
    rules.stamp = [](pqxx::work &tx, const std::vector<std::int64_t> &caregiverIds) {
        return stamp(tx, caregiverIds);
    };
    rules.sweep = [](pqxx::work &tx, std::chrono::seconds grace, int batch) {
        const std::string reason =
            "provider's console disconnected for more than " + std::to_string(grace.count()) + " s";
        std::vector<std::int64_t> moved;
        for (const auto &[caregiverId, status] : lockGone(tx, grace, batch)) {
            const int returned =
                VisitScheduler::leaveRouting(tx, caregiverId, VisitActor::system(), reason);
            AuditEvent event;
            event.actorKind = AuditEvent::Actor::System;
            event.action = "provider.auto_offline";
            event.subjectType = "caregiver";
            event.subjectId = std::to_string(caregiverId);
            event.detail = {
                {"from", status}, {"graceSeconds", grace.count()}, {"visitsReturned", returned}};
            AuditLog::append(tx, event);
            moved.push_back(caregiverId);
        }
        return moved;
    };
    return rules;
}

} // namespace

ProviderPresence::ProviderPresence(DatabasePool &database, PresenceOptions options)
    : Presence(database, options, providerRules()) {}

void ProviderPresence::markSeen(pqxx::transaction_base &tx, std::int64_t caregiverId) {
    stamp(tx, {caregiverId});
}

} // namespace caredesk::server
