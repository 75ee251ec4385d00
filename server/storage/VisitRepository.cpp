#include "storage/VisitRepository.h"

#include "storage/SqlParameters.h"

#include <pqxx/pqxx>
#include <stdexcept>

namespace caredesk::server {

namespace {

// Seventeen columns, read back by recordFrom().
constexpr const char *kVisitColumns =
    " v.id, v.jurisdiction_code, v.status, v.priority, "
    " (extract(epoch FROM v.requested_at) * 1000)::bigint, "
    " v.first_name, v.last_name, to_char(v.date_of_birth, 'YYYY-MM-DD'), v.reason, v.contact, "
    " v.assigned_provider_id, "
    " (extract(epoch FROM v.assigned_at) * 1000)::bigint, "
    " (extract(epoch FROM v.started_at) * 1000)::bigint, "
    " (extract(epoch FROM v.ended_at) * 1000)::bigint, "
    " v.removed_reason, (extract(epoch FROM v.updated_at) * 1000)::bigint, v.version ";
constexpr int kVisitColumnCount = 17;

VisitStatus statusFrom(const pqxx::field &field) {
    const auto name = field.as<std::string>();
    const auto status = domain::visitStatusFromName(name);
    if (!status)
        throw std::runtime_error("unknown visit status in the database: " + name);
    return *status;
}

VisitRecord recordFrom(const pqxx::row &row, int first = 0) {
    VisitRecord visit;
    visit.id = row[first].as<std::int64_t>();
    visit.jurisdictionCode = row[first + 1].as<std::string>();
    visit.status = statusFrom(row[first + 2]);
    visit.priority = row[first + 3].as<int>();
    visit.requestedAt = row[first + 4].as<protocol::EpochMs>();
    visit.firstName = row[first + 5].as<std::string>();
    visit.lastName = row[first + 6].as<std::string>();
    visit.dateOfBirth = row[first + 7].as<std::string>();
    visit.reason = row[first + 8].as<std::string>();
    visit.contact = row[first + 9].as<std::string>();
    visit.assignedProviderId = row[first + 10].get<std::int64_t>();
    visit.assignedAt = row[first + 11].get<protocol::EpochMs>();
    visit.startedAt = row[first + 12].get<protocol::EpochMs>();
    visit.endedAt = row[first + 13].get<protocol::EpochMs>();
    visit.removedReason = row[first + 14].get<std::string>();
    visit.updatedAt = row[first + 15].as<protocol::EpochMs>();
    visit.version = row[first + 16].as<int>();
    return visit;
}

std::optional<VisitRecord> firstRecord(const pqxx::result &rows) {
    if (rows.empty())
        return std::nullopt;
    return recordFrom(rows[0]);
}

// A PostgreSQL array literal, every element quoted.
std::string textArray(const std::vector<std::string> &values) {
    std::string out = "{";
    for (const auto &value : values) {
        if (out.size() > 1)
            out += ',';
        out += '"';
        for (char c : value) {
            if (c == '"' || c == '\\')
                out += '\\';
            out += c;
        }
        out += '"';
    }
    return out + "}";
}

std::string select(const char *rest) {
    return std::string("SELECT") + kVisitColumns + rest;
}

} // namespace

VisitActor VisitActor::caregiver(std::int64_t caregiverId, domain::Role actingAs,
                                 std::string clientAddress) {
    return {domain::actorKindOf(actingAs), caregiverId, std::move(clientAddress)};
}

VisitActor VisitActor::patient(std::optional<std::int64_t> visitId, std::string clientAddress) {
    return {domain::ActorKind::Patient, visitId, std::move(clientAddress)};
}

VisitActor VisitActor::system() {
    return {};
}

bool VisitActor::isCaregiver() const {
    return kind != domain::ActorKind::Patient && kind != domain::ActorKind::System;
}

std::optional<bool> VisitRepository::jurisdictionEnabled(pqxx::transaction_base &tx,
                                                         const std::string &code) {
    const auto rows = tx.exec_params("SELECT enabled FROM jurisdictions WHERE code = $1", code);
    if (rows.empty())
        return std::nullopt;
    return rows[0][0].as<bool>();
}

VisitRecord VisitRepository::insert(pqxx::transaction_base &tx, const NewVisit &visit) {
    const auto row = tx.exec_params1(
        std::string("INSERT INTO visits AS v (jurisdiction_code, first_name, last_name, "
                    "  date_of_birth, reason, contact, patient_token_hash, priority) "
                    "VALUES ($1, $2, $3, $4::date, $5, $6, decode($7, 'hex'), $8) RETURNING") +
            kVisitColumns,
        visit.jurisdictionCode, visit.firstName, visit.lastName, visit.dateOfBirth, visit.reason,
        visit.contact, hexParameter(visit.patientTokenHash), visit.priority);
    return recordFrom(row);
}

std::optional<VisitRecord> VisitRepository::find(pqxx::transaction_base &tx, std::int64_t id) {
    return firstRecord(tx.exec_params(select("FROM visits v WHERE v.id = $1"), id));
}

std::optional<VisitRecord>
VisitRepository::findByPatientToken(pqxx::transaction_base &tx,
                                    const SessionToken::Hash &tokenHash) {
    return firstRecord(
        tx.exec_params(select("FROM visits v WHERE v.patient_token_hash = decode($1, 'hex')"),
                       hexParameter(tokenHash)));
}

std::optional<VisitRecord> VisitRepository::lock(pqxx::transaction_base &tx, std::int64_t id) {
    return firstRecord(tx.exec_params(select("FROM visits v WHERE v.id = $1 FOR UPDATE"), id));
}

std::optional<VisitRepository::Claim>
VisitRepository::claimNext(pqxx::transaction_base &tx, std::int64_t providerId,
                           const std::vector<std::string> &states) {
    if (states.empty())
        return std::nullopt;
    // The states go in as values, not as a subquery, so the planner sees how
    // much of the queue they cover and picks a per-state or a whole-queue
    // index scan. The status list repeats the partial indexes' predicate word
    // for word so that they apply; domain::isQueued() says the same in C++.
    const auto rows = tx.exec_params(
        std::string("WITH next AS ("
                    "  SELECT id, status FROM visits "
                    "  WHERE status IN ('waiting', 'ready') "
                    "    AND jurisdiction_code = ANY ($2::text[]) "
                    "  ORDER BY priority DESC, requested_at, id "
                    "  LIMIT 1 "
                    "  FOR UPDATE SKIP LOCKED) "
                    "UPDATE visits v SET status = 'assigned', assigned_provider_id = $1, "
                    "                    assigned_at = now(), updated_at = now(), "
                    "                    version = v.version + 1 "
                    "FROM next WHERE v.id = next.id "
                    "RETURNING") +
            kVisitColumns + ", next.status",
        providerId, textArray(states));
    if (rows.empty())
        return std::nullopt;
    return Claim{statusFrom(rows[0][kVisitColumnCount]), recordFrom(rows[0])};
}

std::optional<VisitRecord> VisitRepository::updateStatus(pqxx::transaction_base &tx,
                                                         std::int64_t id, VisitStatus from,
                                                         VisitStatus to,
                                                         std::optional<std::int64_t> providerId,
                                                         const std::string &removedReason) {
    std::optional<std::string> reason;
    if (to == VisitStatus::Removed)
        reason = removedReason;
    return firstRecord(tx.exec_params(
        std::string(
            "UPDATE visits v SET status = $3, "
            "  assigned_provider_id = CASE WHEN $3::text IN ('waiting', 'ready') THEN NULL "
            "                              WHEN $3::text = 'assigned' THEN $4::bigint "
            "                              ELSE v.assigned_provider_id END, "
            "  assigned_at = CASE WHEN $3::text IN ('waiting', 'ready') THEN NULL "
            "                     WHEN $3::text = 'assigned' THEN now() "
            "                     ELSE v.assigned_at END, "
            "  started_at = CASE WHEN $3::text = 'in_visit' THEN now() ELSE v.started_at END, "
            "  ended_at = CASE WHEN $3::text IN ('completed', 'cancelled', 'removed', 'no_show', "
            "                                    'left') THEN now() ELSE v.ended_at END, "
            "  removed_reason = CASE WHEN $3::text = 'removed' THEN $5::text "
            "                        ELSE v.removed_reason END, "
            "  updated_at = now(), version = v.version + 1 "
            "WHERE v.id = $1 AND v.status = $2 RETURNING") +
            kVisitColumns,
        id, std::string(domain::visitStatusName(from)), std::string(domain::visitStatusName(to)),
        providerId, reason));
}

VisitRecord VisitRepository::setPriority(pqxx::transaction_base &tx, std::int64_t id,
                                         int priority) {
    return recordFrom(
        tx.exec_params1(std::string("UPDATE visits v SET priority = $2, updated_at = now(), "
                                    "                    version = v.version + 1 "
                                    "WHERE v.id = $1 RETURNING") +
                            kVisitColumns,
                        id, priority));
}

void VisitRepository::appendEvent(pqxx::transaction_base &tx, std::int64_t visitId,
                                  std::optional<VisitStatus> from, VisitStatus to,
                                  const VisitActor &actor, std::optional<std::int64_t> providerId,
                                  const std::string &reason) {
    std::optional<std::string> fromName;
    if (from)
        fromName = std::string(domain::visitStatusName(*from));
    tx.exec_params0("INSERT INTO visit_events (visit_id, from_status, to_status, actor_kind, "
                    "                          actor_id, provider_id, reason) "
                    "VALUES ($1, $2, $3, $4, $5, $6, $7)",
                    visitId, fromName, std::string(domain::visitStatusName(to)),
                    std::string(domain::actorKindName(actor.kind)), actor.id, providerId, reason);
}

std::vector<VisitEventRecord> VisitRepository::events(pqxx::transaction_base &tx,
                                                      std::int64_t visitId) {
    const auto rows = tx.exec_params(
        "SELECT id, visit_id, from_status, to_status, actor_kind, actor_id, provider_id, reason, "
        "       (extract(epoch FROM occurred_at) * 1000)::bigint "
        "FROM visit_events WHERE visit_id = $1 ORDER BY id",
        visitId);
    std::vector<VisitEventRecord> events;
    events.reserve(rows.size());
    for (const auto &row : rows) {
        VisitEventRecord event;
        event.id = row[0].as<std::int64_t>();
        event.visitId = row[1].as<std::int64_t>();
        if (!row[2].is_null())
            event.from = statusFrom(row[2]);
        event.to = statusFrom(row[3]);
        const auto actorName = row[4].as<std::string>();
        const auto actorKind = domain::actorKindFromName(actorName);
        if (!actorKind)
            throw std::runtime_error("unknown actor kind in visit_events: " + actorName);
        event.actorKind = *actorKind;
        event.actorId = row[5].get<std::int64_t>();
        event.providerId = row[6].get<std::int64_t>();
        event.reason = row[7].as<std::string>();
        event.occurredAt = row[8].as<protocol::EpochMs>();
        events.push_back(std::move(event));
    }
    return events;
}

std::vector<OpenVisit> VisitRepository::openVisits(pqxx::transaction_base &tx) {
    const auto rows = tx.exec(
        select(", CASE WHEN v.status IN ('waiting', 'ready') THEN "
               "         row_number() OVER (PARTITION BY v.jurisdiction_code, "
               "                                         v.status IN ('waiting', 'ready') "
               "                            ORDER BY v.priority DESC, v.requested_at, v.id) "
               "       END, c.display_name "
               "FROM visits v LEFT JOIN caregivers c ON c.id = v.assigned_provider_id "
               "WHERE v.status IN ('waiting', 'ready', 'assigned', 'in_visit') "
               "ORDER BY v.jurisdiction_code, v.priority DESC, v.requested_at, v.id"));
    std::vector<OpenVisit> visits;
    visits.reserve(rows.size());
    for (const auto &row : rows) {
        OpenVisit open;
        open.visit = recordFrom(row);
        open.position = row[kVisitColumnCount].get<int>();
        open.providerName = row[kVisitColumnCount + 1].get<std::string>();
        visits.push_back(std::move(open));
    }
    return visits;
}

std::optional<int> VisitRepository::queuePosition(pqxx::transaction_base &tx,
                                                  std::int64_t visitId) {
    const auto rows = tx.exec_params(
        "SELECT 1 + (SELECT count(*) FROM visits o "
        "            WHERE o.jurisdiction_code = v.jurisdiction_code "
        "              AND o.status IN ('waiting', 'ready') "
        "              AND (o.priority > v.priority "
        "                   OR (o.priority = v.priority "
        "                       AND (o.requested_at, o.id) < (v.requested_at, v.id)))) "
        "FROM visits v WHERE v.id = $1 AND v.status IN ('waiting', 'ready')",
        visitId);
    if (rows.empty())
        return std::nullopt;
    return rows[0][0].as<int>();
}

std::vector<StateQueueSummary> VisitRepository::queueSummaries(pqxx::transaction_base &tx) {
    const auto rows =
        tx.exec("SELECT jurisdiction_code, "
                "       count(*) FILTER (WHERE status = 'waiting'), "
                "       count(*) FILTER (WHERE status = 'ready'), "
                "       count(*) FILTER (WHERE status = 'assigned'), "
                "       count(*) FILTER (WHERE status = 'in_visit'), "
                "       (extract(epoch FROM min(requested_at) FILTER (WHERE status IN ('waiting', "
                "'ready'))) "
                "        * 1000)::bigint, "
                "       coalesce(greatest(0, extract(epoch FROM now() - min(requested_at) "
                "                FILTER (WHERE status IN ('waiting', 'ready')))), 0)::bigint "
                "FROM visits WHERE status IN ('waiting', 'ready', 'assigned', 'in_visit') "
                "GROUP BY jurisdiction_code ORDER BY jurisdiction_code");
    std::vector<StateQueueSummary> summaries;
    summaries.reserve(rows.size());
    for (const auto &row : rows) {
        StateQueueSummary summary;
        summary.jurisdictionCode = row[0].as<std::string>();
        summary.waiting = row[1].as<int>();
        summary.ready = row[2].as<int>();
        summary.assigned = row[3].as<int>();
        summary.inVisit = row[4].as<int>();
        summary.oldestRequestedAt = row[5].get<protocol::EpochMs>();
        summary.longestWaitSeconds = row[6].as<std::int64_t>();
        summaries.push_back(std::move(summary));
    }
    return summaries;
}

std::vector<StateVisitDurations> VisitRepository::recentDurations(pqxx::transaction_base &tx,
                                                                  int perState,
                                                                  std::chrono::seconds maxAge) {
    const auto rows = tx.exec_params(
        "SELECT j.code, d.seconds FROM jurisdictions j CROSS JOIN LATERAL ("
        "  SELECT extract(epoch FROM v.ended_at - v.started_at)::float8 AS seconds, v.ended_at "
        "  FROM visits v "
        "  WHERE v.jurisdiction_code = j.code AND v.status = 'completed' "
        "    AND v.ended_at > now() - $2::interval "
        "  ORDER BY v.ended_at DESC LIMIT $1) d "
        "ORDER BY j.code, d.ended_at DESC",
        perState, intervalParameter(maxAge));
    std::vector<StateVisitDurations> durations;
    for (const auto &row : rows) {
        const auto code = row[0].as<std::string>();
        if (durations.empty() || durations.back().jurisdictionCode != code)
            durations.push_back({code, {}});
        durations.back().seconds.push_back(row[1].as<double>());
    }
    return durations;
}

int VisitRepository::arrivalsSince(pqxx::transaction_base &tx, const std::string &jurisdictionCode,
                                   std::chrono::seconds window, bool includePriority) {
    return tx
        .exec_params1("SELECT count(*) FROM visits "
                      "WHERE jurisdiction_code = $1 AND requested_at > now() - $2::interval "
                      "  AND ($3 OR priority = 0)",
                      jurisdictionCode, intervalParameter(window), includePriority)[0]
        .as<int>();
}

} // namespace caredesk::server
