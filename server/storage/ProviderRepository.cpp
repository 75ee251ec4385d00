#include "storage/ProviderRepository.h"

#include <algorithm>
#include <pqxx/pqxx>

namespace caredesk::server {

namespace {

using domain::AvailabilityStatus;

// The columns readAvailability expects, of provider_availability `a`.
constexpr const char *kAvailabilityColumns =
    "a.status, (extract(epoch FROM a.shift_starts_at) * 1000)::bigint, "
    "(extract(epoch FROM a.shift_ends_at) * 1000)::bigint, "
    "(a.shift_starts_at IS NULL OR a.shift_starts_at <= now()) "
    "  AND (a.shift_ends_at IS NULL OR now() < a.shift_ends_at), "
    "coalesce(a.shift_ends_at <= now(), false), "
    "(extract(epoch FROM a.changed_at) * 1000)::bigint";

// Reads kAvailabilityColumns from `first` on; a NULL status is a missing row.
ProviderAvailability readAvailability(const pqxx::row &row, pqxx::row::size_type first) {
    ProviderAvailability availability;
    if (row[first].is_null())
        return availability;
    availability.status = domain::availabilityStatusFromName(row[first].as<std::string>())
                              .value_or(AvailabilityStatus::Offline);
    availability.shiftStartsAt = row[first + 1].get<protocol::EpochMs>();
    availability.shiftEndsAt = row[first + 2].get<protocol::EpochMs>();
    availability.onShift = row[first + 3].as<bool>();
    availability.shiftOver = row[first + 4].as<bool>();
    availability.changedAt = row[first + 5].get<protocol::EpochMs>();
    return availability;
}

std::vector<std::string> splitCodes(const std::string &joined) {
    std::vector<std::string> codes;
    for (std::size_t start = 0; start < joined.size();) {
        const auto comma = std::min(joined.find(',', start), joined.size());
        codes.push_back(joined.substr(start, comma - start));
        start = comma + 1;
    }
    return codes;
}

// Every active provider with what they set, whether a visit is theirs now and
// where a license is in force, by id.
struct ProviderRow {
    protocol::ProviderStatus status; // status: in effect now
    ProviderAvailability set;
};

std::vector<ProviderRow> providerRows(pqxx::transaction_base &tx) {
    const auto rows = tx.exec(
        std::string(
            "SELECT c.id, c.display_name, "
            "       EXISTS (SELECT 1 FROM visits v WHERE v.assigned_provider_id = c.id "
            "               AND v.status IN ('assigned', 'in_visit')), "
            "       coalesce((SELECT string_agg(al.jurisdiction_code, ',' "
            "                                   ORDER BY al.jurisdiction_code) "
            "                 FROM active_licenses al WHERE al.caregiver_id = c.id), ''), ") +
        kAvailabilityColumns +
        " FROM caregivers c LEFT JOIN provider_availability a ON a.caregiver_id = c.id "
        "WHERE c.active AND 'provider' = ANY (c.roles) ORDER BY c.id");
    std::vector<ProviderRow> providers;
    providers.reserve(rows.size());
    for (const auto &row : rows) {
        ProviderRow provider;
        provider.set = readAvailability(row, 4);
        auto &status = provider.status;
        status.id = row[0].as<std::int64_t>();
        status.displayName = row[1].as<std::string>();
        status.status = std::string(domain::availabilityStatusName(
            domain::effectiveAvailability(provider.set.status, row[2].as<bool>())));
        status.states = splitCodes(row[3].as<std::string>());
        status.onShift = provider.set.onShift;
        status.shiftStartsAt = provider.set.shiftStartsAt;
        status.shiftEndsAt = provider.set.shiftEndsAt;
        status.statusSince = provider.set.changedAt;
        providers.push_back(std::move(provider));
    }
    return providers;
}

ProviderAvailability readLocked(pqxx::transaction_base &tx, std::int64_t caregiverId,
                                const char *lock) {
    const auto rows =
        tx.exec_params(std::string("SELECT ") + kAvailabilityColumns +
                           " FROM provider_availability a WHERE a.caregiver_id = $1" + lock,
                       caregiverId);
    return rows.empty() ? ProviderAvailability{} : readAvailability(rows[0], 0);
}

} // namespace

bool ProviderRepository::setStatus(pqxx::transaction_base &tx, std::int64_t caregiverId,
                                   AvailabilityStatus status) {
    const auto before = availability(tx, caregiverId, true);
    if (before.status == status && before.changedAt)
        return false;
    tx.exec_params0("INSERT INTO provider_availability (caregiver_id, status) VALUES ($1, $2) "
                    "ON CONFLICT (caregiver_id) DO UPDATE SET status = EXCLUDED.status, "
                    "                                         changed_at = now()",
                    caregiverId, std::string(domain::availabilityStatusName(status)));
    return before.status != status;
}

void ProviderRepository::setShift(pqxx::transaction_base &tx, std::int64_t caregiverId,
                                  std::optional<protocol::EpochMs> startsAt,
                                  std::optional<protocol::EpochMs> endsAt) {
    tx.exec_params0("INSERT INTO provider_availability (caregiver_id, shift_starts_at, "
                    "                                   shift_ends_at) "
                    "VALUES ($1, to_timestamp($2::bigint / 1000.0), "
                    "        to_timestamp($3::bigint / 1000.0)) "
                    "ON CONFLICT (caregiver_id) DO UPDATE "
                    "SET shift_starts_at = EXCLUDED.shift_starts_at, "
                    "    shift_ends_at = EXCLUDED.shift_ends_at",
                    caregiverId, startsAt, endsAt);
}

ProviderAvailability ProviderRepository::availability(pqxx::transaction_base &tx,
                                                      std::int64_t caregiverId, bool forUpdate) {
    return readLocked(tx, caregiverId, forUpdate ? " FOR UPDATE" : "");
}

std::optional<ProviderStanding> ProviderRepository::lockStanding(pqxx::transaction_base &tx,
                                                                 std::int64_t caregiverId) {
    const auto rows = tx.exec_params("SELECT active, 'provider' = ANY (roles) FROM caregivers "
                                     "WHERE id = $1 FOR SHARE",
                                     caregiverId);
    if (rows.empty())
        return std::nullopt;
    ProviderStanding standing;
    standing.active = rows[0][0].as<bool>();
    standing.provider = rows[0][1].as<bool>();
    standing.availability = readLocked(tx, caregiverId, " FOR SHARE");
    return standing;
}

std::vector<std::string> ProviderRepository::licensedStates(pqxx::transaction_base &tx,
                                                            std::int64_t caregiverId) {
    const auto rows = tx.exec_params("SELECT jurisdiction_code FROM active_licenses "
                                     "WHERE caregiver_id = $1 ORDER BY 1",
                                     caregiverId);
    std::vector<std::string> states;
    states.reserve(rows.size());
    for (const auto &row : rows)
        states.push_back(row[0].as<std::string>());
    return states;
}

bool ProviderRepository::isLicensedIn(pqxx::transaction_base &tx, std::int64_t caregiverId,
                                      const std::string &jurisdictionCode) {
    return tx
        .exec_params1("SELECT EXISTS (SELECT 1 FROM active_licenses "
                      "               WHERE caregiver_id = $1 AND jurisdiction_code = $2)",
                      caregiverId, jurisdictionCode)[0]
        .as<bool>();
}

std::vector<RoutableProvider> ProviderRepository::routableProviders(pqxx::transaction_base &tx) {
    const auto rows = tx.exec(
        "SELECT c.id, c.display_name, array_to_string(array_agg(r.jurisdiction_code "
        "                                              ORDER BY r.jurisdiction_code), ','), "
        "       cur.id, (extract(epoch FROM coalesce(cur.started_at, cur.assigned_at)) "
        "                * 1000)::bigint "
        "FROM routable_providers r "
        "JOIN caregivers c ON c.id = r.caregiver_id "
        "LEFT JOIN LATERAL (SELECT v.id, v.started_at, v.assigned_at FROM visits v "
        "                   WHERE v.assigned_provider_id = c.id "
        "                     AND v.status IN ('assigned', 'in_visit') "
        "                   ORDER BY v.assigned_at DESC LIMIT 1) cur ON true "
        "GROUP BY c.id, c.display_name, cur.id, cur.started_at, cur.assigned_at "
        "ORDER BY c.id");
    std::vector<RoutableProvider> providers;
    providers.reserve(rows.size());
    for (const auto &row : rows) {
        RoutableProvider provider;
        provider.caregiverId = row[0].as<std::int64_t>();
        provider.displayName = row[1].as<std::string>();
        provider.states = splitCodes(row[2].as<std::string>());
        provider.currentVisitId = row[3].get<std::int64_t>();
        provider.currentSince = row[4].get<protocol::EpochMs>();
        providers.push_back(std::move(provider));
    }
    return providers;
}

std::vector<StateProviderCount>
ProviderRepository::routableCountsByState(pqxx::transaction_base &tx) {
    const auto rows = tx.exec("SELECT jurisdiction_code, count(DISTINCT caregiver_id) "
                              "FROM routable_providers GROUP BY 1 ORDER BY 1");
    std::vector<StateProviderCount> counts;
    counts.reserve(rows.size());
    for (const auto &row : rows)
        counts.push_back({row[0].as<std::string>(), row[1].as<int>()});
    return counts;
}

std::vector<protocol::ProviderStatus> ProviderRepository::statuses(pqxx::transaction_base &tx) {
    std::vector<protocol::ProviderStatus> statuses;
    for (auto &row : providerRows(tx))
        statuses.push_back(std::move(row.status));
    return statuses;
}

std::vector<protocol::ProviderSummary> ProviderRepository::summaries(pqxx::transaction_base &tx) {
    std::vector<protocol::ProviderSummary> providers;
    for (auto &row : providerRows(tx)) {
        protocol::ProviderSummary provider;
        provider.id = row.status.id;
        provider.displayName = std::move(row.status.displayName);
        provider.available = row.set.status == AvailabilityStatus::Available && row.set.onShift;
        provider.inVisit = row.status.status == "in_visit";
        provider.states = std::move(row.status.states);
        providers.push_back(std::move(provider));
    }
    std::stable_sort(providers.begin(), providers.end(),
                     [](const protocol::ProviderSummary &a, const protocol::ProviderSummary &b) {
                         return a.displayName < b.displayName;
                     });
    return providers;
}

} // namespace caredesk::server
